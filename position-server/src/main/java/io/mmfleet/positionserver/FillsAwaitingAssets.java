package io.mmfleet.positionserver;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

/**
 * ExecutionReports of fills whose instrument has no InstrumentDefinition yet: a fill cannot be
 * recorded without its base and quote asset (the fee asset is compared with them). Each report is
 * kept as a copy of its bytes with its envelope's run id, sequence and originNs, and handed back in
 * arrival order once the venue's definition of the instrument arrives. Bounded: past
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

    /** Hands over, in arrival order, and forgets every report held for the instrument on the venue. */
    int release(final int venueId, final int instrumentId, final Consumer<Held> consumer)
    {
        int released = 0;
        final Iterator<Held> iterator = held.iterator();
        final List<Held> ready = new ArrayList<>();
        while (iterator.hasNext())
        {
            final Held report = iterator.next();
            if (report.venueId() == venueId && report.instrumentId() == instrumentId)
            {
                ready.add(report);
                iterator.remove();
            }
        }
        for (final Held report : ready)
        {
            consumer.accept(report);
            released++;
        }
        return released;
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
