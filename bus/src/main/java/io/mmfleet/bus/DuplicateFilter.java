package io.mmfleet.bus;

import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.LongHashSet;

/**
 * Remembers the request ids recently seen from each source, so a retransmitted request is
 * recognised and answered again instead of acted on twice. Ids are scoped by the source's run id:
 * a run id not seen before is a restart with a new id space (whether it is higher or lower, since
 * the clock may have been stepped back), while an id from a run the source has left is a straggler
 * and never acted on. Each source keeps a bounded window of the most recent ids; an id older than
 * the window would be taken as new, so the window must exceed the number of requests a source can
 * have in flight.
 */
public final class DuplicateFilter
{
    private final int window;
    private final Int2ObjectHashMap<SourceWindow> bySource = new Int2ObjectHashMap<>();

    public DuplicateFilter(final int window)
    {
        if (window < 1)
        {
            throw new IllegalArgumentException("window must be positive");
        }
        this.window = window;
    }

    /** @return true the first time (source, run, id) is seen within the window. */
    public boolean firstTime(final int sourceId, final long runId, final long id)
    {
        SourceWindow source = bySource.get(sourceId);
        if (source == null)
        {
            source = new SourceWindow(window);
            bySource.put(sourceId, source);
        }
        return source.add(runId, id);
    }

    private static final class SourceWindow
    {
        private final LongHashSet seen;
        private final long[] ring;
        private final RunHistory runs = new RunHistory();
        private int next;
        private int count;

        SourceWindow(final int window)
        {
            seen = new LongHashSet(window * 2);
            ring = new long[window];
        }

        boolean add(final long runId, final long id)
        {
            if (runs.isLeft(runId))
            {
                return false;
            }
            if (runs.adopt(runId))
            {
                seen.clear();
                next = 0;
                count = 0;
            }
            if (seen.contains(id))
            {
                return false;
            }
            if (count == ring.length)
            {
                seen.remove(ring[next]);
            }
            else
            {
                count++;
            }
            ring[next] = id;
            next = (next + 1) % ring.length;
            seen.add(id);
            return true;
        }
    }
}
