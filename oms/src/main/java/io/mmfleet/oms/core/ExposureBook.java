package io.mmfleet.oms.core;

import org.agrona.collections.Long2ObjectHashMap;

import java.util.ArrayList;
import java.util.List;

/**
 * Exposure per venue and instrument = the position as of a known execution-report sequence + the
 * fills seen since + the open and pending quantity per side; and the day's PnL as the
 * position-server reports it.
 * <p>
 * Positions come per (venue, instrument, strategy), each stamped with the exec-handler run and
 * sequence it includes. Fills the OMS sees on the execution stream after that sequence are added
 * until a position update covers them. A position stamped with a different run than a fill means
 * the position-server has moved on to that run, so fills of other runs are taken as included
 * (run ids are not ordered, so "older" cannot be told; a straggler fill of an earlier run is thus
 * dropped once the position-server is on the new run). Each strategy slot keeps at most
 * {@link #FILLS_SINCE_CAPACITY} fills apart; past that, a new fill is merged into the newest,
 * which only delays their removal (the exposure errs high, never low).
 * <p>
 * Daily loss: per slot, PnL = realized + unrealized as reported (floored to {@link RiskLimits#PNL_SCALE}).
 * The day's PnL is the sum of every change of a slot's PnL between updates seen in the current UTC
 * day (times are epoch ns): the first update of a slot after this OMS starts is its baseline, so a
 * loss made before the start (or before midnight) does not count, and one made after does. Allocation:
 * a slot or pair seen for the first time allocates it; after that nothing does.
 */
public final class ExposureBook
{
    static final int FILLS_SINCE_CAPACITY = 256;
    private static final long NANOS_PER_DAY = 86_400_000_000_000L;

    private final Long2ObjectHashMap<InstrumentExposure> pairs = new Long2ObjectHashMap<>();
    private final Long2ObjectHashMap<PositionSlot> slots = new Long2ObjectHashMap<>();
    private final List<InstrumentExposure> pairList = new ArrayList<>();
    private long positionFreshNs;
    private boolean positionFreshKnown;
    private long pnlDay = Long.MIN_VALUE;
    private long dailyPnl;

    /** The pair's exposure, created on first use. */
    public InstrumentExposure pair(final int venueId, final int instrumentId)
    {
        final long key = InstrumentExposure.key(venueId, instrumentId);
        InstrumentExposure pair = pairs.get(key);
        if (pair == null)
        {
            pair = new InstrumentExposure(venueId, instrumentId);
            pairs.put(key, pair);
            pairList.add(pair);
        }
        return pair;
    }

    /** The pair's exposure, or null if never seen. */
    public InstrumentExposure existingPair(final int venueId, final int instrumentId)
    {
        return pairs.get(InstrumentExposure.key(venueId, instrumentId));
    }

    /** Every pair seen, in order of first sight. Do not modify. */
    public List<InstrumentExposure> pairs()
    {
        return pairList;
    }

    /**
     * A PositionUpdate (quantities already at the instrument's qty scale, PnL at the PnL scale).
     * Also makes positions fresh as of {@code nowNs}.
     */
    public void onPosition(
        final int venueId,
        final int instrumentId,
        final int strategyId,
        final long position,
        final long pnl,
        final long execRunId,
        final long execSequence,
        final long nowNs)
    {
        final PositionSlot slot = slot(venueId, instrumentId, strategyId);
        final long before = slot.total();
        slot.covered(execRunId, execSequence);
        slot.reported = position;
        slot.pair.position += slot.total() - before;
        rollDay(nowNs);
        if (slot.pnlKnown)
        {
            dailyPnl += pnl - slot.pnl;
        }
        slot.pnlKnown = true;
        slot.pnl = pnl;
        onPositionSourceFresh(nowNs);
    }

    /** A fill of {@code signedQty} (positive bought) reported on the execution stream at that run and sequence. */
    public void onFill(
        final int venueId,
        final int instrumentId,
        final int strategyId,
        final long signedQty,
        final long execRunId,
        final long execSequence)
    {
        if (signedQty == 0)
        {
            return;
        }
        final PositionSlot slot = slot(venueId, instrumentId, strategyId);
        slot.addFill(signedQty, execRunId, execSequence);
        slot.pair.position += signedQty;
    }

    /**
     * The position-server is known to have told every position as of {@code nowNs} (a PositionUpdate,
     * or its heartbeat once a snapshot of its stream is complete). Pairs it never reported are flat.
     */
    public void onPositionSourceFresh(final long nowNs)
    {
        positionFreshKnown = true;
        positionFreshNs = Math.max(positionFreshNs, nowNs);
    }

    public boolean isPositionStale(final long nowNs, final long staleNs)
    {
        return !positionFreshKnown || nowNs - positionFreshNs > staleNs;
    }

    /** The day's PnL at the PnL scale (negative: a loss). */
    public long dailyPnl(final long nowNs)
    {
        rollDay(nowNs);
        return dailyPnl;
    }

    private void rollDay(final long nowNs)
    {
        final long day = Math.floorDiv(nowNs, NANOS_PER_DAY);
        if (day != pnlDay)
        {
            pnlDay = day;
            dailyPnl = 0;
        }
    }

    private PositionSlot slot(final int venueId, final int instrumentId, final int strategyId)
    {
        final long key = ((long)(venueId & 0xFFFF) << 48) | ((long)(strategyId & 0xFFFF) << 32) | (instrumentId & 0xFFFF_FFFFL);
        PositionSlot slot = slots.get(key);
        if (slot == null)
        {
            slot = new PositionSlot(pair(venueId, instrumentId));
            slots.put(key, slot);
        }
        return slot;
    }

    private static final class PositionSlot
    {
        final InstrumentExposure pair;
        final long[] fillRun = new long[FILLS_SINCE_CAPACITY];
        final long[] fillSequence = new long[FILLS_SINCE_CAPACITY];
        final long[] fillQty = new long[FILLS_SINCE_CAPACITY];
        int head;
        int size;
        long reported;
        long fillsSince;
        long pnl;
        boolean pnlKnown;

        PositionSlot(final InstrumentExposure pair)
        {
            this.pair = pair;
        }

        long total()
        {
            return reported + fillsSince;
        }

        void addFill(final long qty, final long run, final long sequence)
        {
            fillsSince += qty;
            if (size == FILLS_SINCE_CAPACITY)
            {
                final int newest = (head + size - 1) % FILLS_SINCE_CAPACITY;
                fillQty[newest] += qty;
                fillRun[newest] = run;
                fillSequence[newest] = sequence;
                return;
            }
            final int index = (head + size) % FILLS_SINCE_CAPACITY;
            fillRun[index] = run;
            fillSequence[index] = sequence;
            fillQty[index] = qty;
            size++;
        }

        /** Drops the fills a position stamped (run, sequence) includes; compacts the rest in order. */
        void covered(final long run, final long sequence)
        {
            int kept = 0;
            long keptQty = 0;
            for (int i = 0; i < size; i++)
            {
                final int from = (head + i) % FILLS_SINCE_CAPACITY;
                if (fillRun[from] == run && fillSequence[from] > sequence)
                {
                    final int to = (head + kept) % FILLS_SINCE_CAPACITY;
                    fillRun[to] = fillRun[from];
                    fillSequence[to] = fillSequence[from];
                    fillQty[to] = fillQty[from];
                    keptQty += fillQty[from];
                    kept++;
                }
            }
            size = kept;
            fillsSince = keptQty;
        }
    }
}
