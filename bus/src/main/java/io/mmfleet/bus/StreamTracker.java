package io.mmfleet.bus;

import org.agrona.collections.Int2ObjectHashMap;

import java.util.function.Consumer;

/**
 * Sequence bookkeeping for every (source, topic) stream a subscriber sees. A stream seen for the
 * first time is taken as it stands (a subscriber misses what was sent before it joined) — unless a
 * heartbeat of the source's current run has already been seen without listing it: then the stream
 * is new since, and its messages must start at 1. After that, every missing sequence is a gap. A
 * run id not seen before is a restart, not a gap — but the new run's messages we did not receive
 * are; a run id the source has left is a straggler, ignored. Lookups allocate nothing; only a new
 * source or stream allocates its state.
 */
public final class StreamTracker
{
    private final GapListener gapListener;
    private final Int2ObjectHashMap<SourceRuns> sources = new Int2ObjectHashMap<>();
    private StreamState[] table = new StreamState[64];
    private int[] hashes = new int[64];
    private int size;
    private long totalGaps;
    private long totalMissed;

    /** What a subscriber knows of one source across its streams: its runs, and heartbeats seen. */
    private static final class SourceRuns
    {
        final RunHistory runs = new RunHistory();
        boolean heartbeatSeen;
        long heartbeatRunId;

        boolean heartbeatSeenIn(final long runId)
        {
            return heartbeatSeen && heartbeatRunId == runId;
        }
    }

    public StreamTracker(final GapListener gapListener)
    {
        this.gapListener = gapListener;
    }

    /**
     * Accounts one received message.
     *
     * @return the stream's state, or {@code null} if the message belongs to a run the source has
     * left (a straggler, ignored).
     */
    public StreamState onMessage(final int sourceId, final byte[] topic, final int topicLength, final long runId, final long sequence)
    {
        final SourceRuns source = source(sourceId);
        StreamState state = find(sourceId, topic, topicLength);
        if (!adoptRun(source, runId))
        {
            if (state != null)
            {
                state.duplicates++;
            }
            return null;
        }
        if (state == null)
        {
            state = insert(sourceId, topic, topicLength);
            state.runId = runId;
            if (!source.heartbeatSeenIn(runId))
            {
                state.lastSequence = sequence;
                state.received++;
                return state;
            }
            // The run's heartbeat did not list this stream: it is new since, so nothing came before 1.
            state.lastSequence = 0;
        }
        else if (state.runId != runId)
        {
            restart(state, runId);
        }
        state.received++;
        final long expected = state.lastSequence + 1;
        if (sequence == expected)
        {
            state.lastSequence = sequence;
        }
        else if (sequence > expected)
        {
            state.lastSequence = sequence;
            recordGap(state, expected, sequence - 1);
        }
        else
        {
            state.duplicates++;
        }
        return state;
    }

    /**
     * Accounts a heartbeat's claim that the source's stream has reached {@code lastSequence}, which
     * reveals a lost last message (or, for a stream not seen yet, sets its baseline).
     */
    public void onHeartbeatStream(final int sourceId, final byte[] topic, final int topicLength, final long runId, final long lastSequence)
    {
        final SourceRuns source = source(sourceId);
        if (!adoptRun(source, runId))
        {
            return;
        }
        source.heartbeatSeen = true;
        source.heartbeatRunId = runId;
        StreamState state = find(sourceId, topic, topicLength);
        if (state == null)
        {
            state = insert(sourceId, topic, topicLength);
            state.runId = runId;
            state.lastSequence = lastSequence;
            return;
        }
        if (state.runId != runId)
        {
            restart(state, runId);
        }
        if (lastSequence > state.lastSequence)
        {
            final long from = state.lastSequence + 1;
            state.lastSequence = lastSequence;
            recordGap(state, from, lastSequence);
        }
    }

    /** @return false if {@code runId} is a run the source has left; otherwise it is now the current run. */
    private static boolean adoptRun(final SourceRuns source, final long runId)
    {
        if (source.runs.isLeft(runId))
        {
            return false;
        }
        source.runs.adopt(runId);
        return true;
    }

    private static void restart(final StreamState state, final long runId)
    {
        state.runId = runId;
        state.lastSequence = 0;
        state.restarts++;
    }

    private SourceRuns source(final int sourceId)
    {
        SourceRuns source = sources.get(sourceId);
        if (source == null)
        {
            source = new SourceRuns();
            sources.put(sourceId, source);
        }
        return source;
    }

    private void recordGap(final StreamState state, final long from, final long to)
    {
        state.gaps++;
        state.missed += to - from + 1;
        totalGaps++;
        totalMissed += to - from + 1;
        gapListener.onGap(state, from, to);
    }

    public StreamState find(final int sourceId, final byte[] topic, final int topicLength)
    {
        final int hash = hash(sourceId, topic, topicLength);
        final int mask = table.length - 1;
        for (int i = hash & mask; table[i] != null; i = (i + 1) & mask)
        {
            final StreamState candidate = table[i];
            if (hashes[i] == hash && candidate.sourceId() == sourceId && sameTopic(candidate.topicBytes, topic, topicLength))
            {
                return candidate;
            }
        }
        return null;
    }

    private StreamState insert(final int sourceId, final byte[] topic, final int topicLength)
    {
        if ((size + 1) * 2 > table.length)
        {
            grow();
        }
        final StreamState state = new StreamState(sourceId, topic, topicLength);
        put(state, hash(sourceId, topic, topicLength));
        size++;
        return state;
    }

    private void put(final StreamState state, final int hash)
    {
        final int mask = table.length - 1;
        int i = hash & mask;
        while (table[i] != null)
        {
            i = (i + 1) & mask;
        }
        table[i] = state;
        hashes[i] = hash;
    }

    private void grow()
    {
        final StreamState[] oldTable = table;
        final int[] oldHashes = hashes;
        table = new StreamState[oldTable.length * 2];
        hashes = new int[oldTable.length * 2];
        for (int i = 0; i < oldTable.length; i++)
        {
            if (oldTable[i] != null)
            {
                put(oldTable[i], oldHashes[i]);
            }
        }
    }

    private static boolean sameTopic(final byte[] stored, final byte[] topic, final int topicLength)
    {
        if (stored.length != topicLength)
        {
            return false;
        }
        for (int i = 0; i < topicLength; i++)
        {
            if (stored[i] != topic[i])
            {
                return false;
            }
        }
        return true;
    }

    private static int hash(final int sourceId, final byte[] topic, final int topicLength)
    {
        int h = sourceId * 0x9E3779B1;
        for (int i = 0; i < topicLength; i++)
        {
            h = 31 * h + topic[i];
        }
        return h ^ (h >>> 16);
    }

    public void forEach(final Consumer<StreamState> consumer)
    {
        for (final StreamState state : table)
        {
            if (state != null)
            {
                consumer.accept(state);
            }
        }
    }

    public int streamCount()
    {
        return size;
    }

    public long totalGaps()
    {
        return totalGaps;
    }

    public long totalMissed()
    {
        return totalMissed;
    }
}
