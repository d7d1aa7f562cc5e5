package io.mmfleet.positionserver;

import org.agrona.collections.Long2LongHashMap;


/**
 * The net inventory per instrument that the CeFi maker skews against (the HedgeTarget message):
 * the CeFi position (every venue and strategy of the {@link PositionBook}) plus the DeFi residual
 * handed in from outside (the LP's inventory; 0 until the defi-lp reports one). All mantissas at
 * {@link FixedPoint#SCALE}, base units; overflow-checked. Allocation-free. Not thread safe.
 * <p>
 * The HedgeTarget message carries one (execRunId, execSequence): with one venue that is the
 * venue's watermark ({@link PositionBook#execRunId}, {@link PositionBook#execSequence}); a net over
 * several venues includes several execution streams, which one pair cannot state.
 */
public final class HedgeTargets
{
    private final PositionBook book;
    private static final long NONE = Long.MIN_VALUE;

    private final Long2LongHashMap defiResiduals = new Long2LongHashMap(NONE);

    public HedgeTargets(final PositionBook book)
    {
        this.book = book;
    }

    /** Sets the DeFi side's residual inventory of an instrument (signed base units, above Long.MIN_VALUE). */
    public void defiResidual(final int instrumentId, final long residual)
    {
        if (residual == NONE)
        {
            throw new IllegalArgumentException("DeFi residual out of range: " + residual);
        }
        defiResiduals.put(instrumentId, residual);
    }

    /** The DeFi residual last set for the instrument; 0 if none. */
    public long defiResidual(final int instrumentId)
    {
        final long residual = defiResiduals.get(instrumentId);
        return residual == NONE ? 0 : residual;
    }

    /** Signed CeFi position of the instrument over every venue and strategy. */
    public long cefiPosition(final int instrumentId)
    {
        return book.netQuantity(instrumentId);
    }

    /** Net inventory q = CeFi position + DeFi residual: what the market-maker skews its quotes against. */
    public long netInventory(final int instrumentId)
    {
        return Math.addExact(cefiPosition(instrumentId), defiResidual(instrumentId));
    }

    /** The CeFi position at which the net inventory would be flat: minus the DeFi residual. */
    public long targetPosition(final int instrumentId)
    {
        return Math.negateExact(defiResidual(instrumentId));
    }
}
