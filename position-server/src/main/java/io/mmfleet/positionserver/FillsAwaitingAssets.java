package io.mmfleet.positionserver;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * ExecutionReports of fills whose instrument has no InstrumentDefinition yet: a fill cannot be
 * recorded without its base and quote asset (the fee asset is compared with them). Each report is
 * kept as a copy of its bytes with its envelope's run id, sequence and originNs, and handed back in
 * arrival order once the venue's definition of the instrument arrives; the venue's later fills, of
 * any instrument, are held behind it so they are taken in in stream order. Bounded: past
 * {@link #CAPACITY} a report is refused (the caller raises a RiskEvent; reconciliation will list the
 * trade as missing). Only a fleet whose exec-handler never published a definition fills this up.
 */
final class FillsAwaitingAssets
{
    static final int CAPACITY = 10_000;

    /** One report held, with what its envelope said. */
    record Held(int venueId, int instrumentId, DirectBuffer message, int offset, int blockLength, int version, long runId,
        long sequence, long originNs)
    {
    }

    private final List<Held> held = new ArrayList<>();

    /**
     * Keeps a copy of the report body.
     *
     * @return false if full (nothing kept).
     */
    boolean hold(final int venueId, final int instrumentId, final DirectBuffer buffer, final int offset, final int length,
        final int blockLength, final int version, final long runId, final long sequence, final long originNs)
    {
        if (held.size() >= CAPACITY)
        {
            return false;
        }
        final byte[] copy = new byte[length];
        buffer.getBytes(offset, copy);
        held.add(new Held(venueId, instrumentId, new UnsafeBuffer(copy), 0, blockLength, version, runId, sequence, originNs));
        return true;
    }

    /**
     * Hands over and forgets, in arrival order, the venue's reports held up to the first whose
     * instrument is still not {@code defined}: a venue's fills are taken in in the order of its
     * execution stream, so the watermark a PositionUpdate states never passes a fill not yet counted.
     */
    int release(final int venueId, final Predicate<Held> defined, final Consumer<Held> consumer)
    {
        final List<Held> ready = new ArrayList<>();
        final Iterator<Held> iterator = held.iterator();
        while (iterator.hasNext())
        {
            final Held report = iterator.next();
            if (report.venueId() != venueId)
            {
                continue;
            }
            if (!defined.test(report))
            {
                break;
            }
            ready.add(report);
            iterator.remove();
        }
        for (final Held report : ready)
        {
            consumer.accept(report);
        }
        return ready.size();
    }

    /** Whether any fill of the venue is held: its execution watermark must not move past them. */
    boolean holdsVenue(final int venueId)
    {
        for (final Held report : held)
        {
            if (report.venueId() == venueId)
            {
                return true;
            }
        }
        return false;
    }

    int size()
    {
        return held.size();
    }
}
