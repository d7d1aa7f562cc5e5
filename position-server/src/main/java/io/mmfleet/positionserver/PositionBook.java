package io.mmfleet.positionserver;

import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.Long2ObjectHashMap;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Every position by (venue, instrument, strategy), the mids they are marked to, and how far each
 * venue's execution stream has been taken in. Built only from fills (the ledger's, in ledger
 * order), so a book rebuilt from the ledger after a restart equals the one that was running.
 * <p>
 * Marking is cheap and allocation-free (one primitive map put per mid), so it can follow every
 * BookUpdate; unrealized PnL is worked out when asked. Not thread safe.
 */
public final class PositionBook
{
    private static final long NO_MARK = Long.MIN_VALUE;
    private static final long NO_REPORT = Long.MIN_VALUE;
    private static final Comparator<Position> ORDER = Comparator.comparingInt(Position::venueId)
        .thenComparingInt(Position::instrumentId)
        .thenComparingInt(Position::strategyId);

    private final Long2ObjectHashMap<Position> positions = new Long2ObjectHashMap<>();
    private final Long2LongHashMap mids = new Long2LongHashMap(NO_MARK);
    private final Long2LongHashMap execRunIds = new Long2LongHashMap(NO_REPORT);
    private final Long2LongHashMap execSequences = new Long2LongHashMap(NO_REPORT);

    /** A book holding every fill of the ledger, applied in ledger order. */
    public static PositionBook rebuild(final FillLedger ledger)
    {
        final PositionBook book = new PositionBook();
        ledger.forEach(book::apply);
        return book;
    }

    /**
     * Applies a fill the ledger has just recorded as {@link FillInsert#NEW} (never one it did
     * not: the book holds exactly the ledger's fills). Also advances the venue's execution-stream
     * watermark to the fill's report.
     *
     * @return the position the fill changed.
     * @throws ArithmeticException      on overflow; the position is left as it was.
     * @throws IllegalArgumentException if the fill names other assets than earlier fills of its position.
     */
    public Position apply(final Fill fill)
    {
        final long key = key(fill.venueId(), fill.instrumentId(), fill.strategyId());
        Position position = positions.get(key);
        final boolean created = position == null;
        if (created)
        {
            position = new Position(fill.venueId(), fill.instrumentId(), fill.strategyId(), fill.baseAsset(), fill.quoteAsset());
        }
        position.apply(fill);
        if (created)
        {
            positions.put(key, position);
        }
        executionReportSeen(fill.venueId(), fill.execRunId(), fill.execSequence());
        return position;
    }

    /**
     * Records that every ExecutionReport of a venue up to ({@code runId}, {@code sequence}) has
     * been taken in, fill or not, so a PositionUpdate can say which reports it includes.
     */
    public void executionReportSeen(final int venueId, final long runId, final long sequence)
    {
        if (runId == NO_REPORT || sequence == NO_REPORT)
        {
            throw new IllegalArgumentException("run id and sequence must be above Long.MIN_VALUE");
        }
        execRunIds.put(venueId, runId);
        execSequences.put(venueId, sequence);
    }

    /** Run id of the last ExecutionReport of the venue taken in; 0 if none. */
    public long execRunId(final int venueId)
    {
        final long runId = execRunIds.get(venueId);
        return runId == NO_REPORT ? 0 : runId;
    }

    /** Sequence of the last ExecutionReport of the venue taken in; 0 if none. */
    public long execSequence(final int venueId)
    {
        final long sequence = execSequences.get(venueId);
        return sequence == NO_REPORT ? 0 : sequence;
    }

    /** Sets the mid (at {@link FixedPoint#SCALE}) the venue's positions in the instrument are marked to. */
    public void mark(final int venueId, final int instrumentId, final long mid)
    {
        if (mid <= 0)
        {
            throw new IllegalArgumentException("mid must be positive: " + mid);
        }
        mids.put(key(venueId, instrumentId, 0), mid);
    }

    /** Whether a mid is known for the venue and instrument. */
    public boolean hasMid(final int venueId, final int instrumentId)
    {
        return mids.get(key(venueId, instrumentId, 0)) != NO_MARK;
    }

    /** The price a position is marked to: the venue's mid if known, else the position's last fill price. */
    public long markPrice(final Position position)
    {
        final long mid = mids.get(key(position.venueId(), position.instrumentId(), 0));
        return mid == NO_MARK ? position.lastFillPrice() : mid;
    }

    /** Unrealized PnL of a position at {@link #markPrice(Position)}. */
    public long unrealizedPnl(final Position position)
    {
        return position.unrealizedPnl(markPrice(position));
    }

    /** The position, or null if no fill of it was applied. */
    public Position position(final int venueId, final int instrumentId, final int strategyId)
    {
        return positions.get(key(venueId, instrumentId, strategyId));
    }

    public int size()
    {
        return positions.size();
    }

    /** Visits every position (in no particular order), without allocating. */
    public void forEach(final Consumer<Position> visitor)
    {
        for (final Position position : positions.values())
        {
            visitor.accept(position);
        }
    }

    /** Signed quantity of an instrument summed over every venue and strategy: the CeFi position. */
    public long netQuantity(final int instrumentId)
    {
        long net = 0;
        for (final Position position : positions.values())
        {
            if (position.instrumentId() == instrumentId)
            {
                net = Math.addExact(net, position.quantity());
            }
        }
        return net;
    }

    /**
     * The one venue holding positions in the instrument, or 0 when none or several do: a HedgeTarget
     * can be stamped with one venue's execution watermark only.
     */
    public int soleVenueOf(final int instrumentId)
    {
        int venueId = 0;
        for (final Position position : positions.values())
        {
            if (position.instrumentId() == instrumentId)
            {
                if (venueId != 0 && venueId != position.venueId())
                {
                    return 0;
                }
                venueId = position.venueId();
            }
        }
        return venueId;
    }

    /** Every instrument id holding a position, ascending. */
    public List<Integer> instrumentIds()
    {
        final List<Integer> ids = new ArrayList<>();
        for (final Position position : positions.values())
        {
            if (!ids.contains(position.instrumentId()))
            {
                ids.add(position.instrumentId());
            }
        }
        ids.sort(Integer::compare);
        return ids;
    }

    /** Immutable copies of every position, by venue, instrument, strategy. */
    public List<PositionSnapshot> snapshots()
    {
        final List<Position> sorted = new ArrayList<>(positions.values());
        sorted.sort(ORDER);
        final List<PositionSnapshot> snapshots = new ArrayList<>(sorted.size());
        for (final Position position : sorted)
        {
            snapshots.add(position.snapshot(markPrice(position), hasMid(position.venueId(), position.instrumentId())));
        }
        return snapshots;
    }

    private static long key(final int venueId, final int instrumentId, final int strategyId)
    {
        return ((long)venueId << 48) | ((long)strategyId << 32) | (instrumentId & 0xFFFF_FFFFL);
    }
}
