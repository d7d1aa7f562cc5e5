package io.mmfleet.positionserver;

import io.mmfleet.sbe.Liquidity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One venue/instrument/strategy position under average-cost accounting, every amount a mantissa at
 * {@link FixedPoint#SCALE}, every operation overflow-checked.
 * <p>
 * State is the signed quantity and the signed cost basis of the open position (what was paid for
 * it; for a short, minus what was received). A fill that adds to the position (or opens one) adds
 * its quote amount to the cost basis. A fill that reduces it removes the closed share of the cost
 * basis, {@code costBasis * closed / |position|} rounded half-even (all of it when the position is
 * closed, so rounding never accumulates), and realizes the difference with the closing share of its
 * quote amount. A fill larger than the position closes it and opens the rest the other way (a flip).
 * <p>
 * Fees, explicitly:
 * <ul>
 *   <li>In the <b>quote</b> asset: charged to realized PnL as they are.</li>
 *   <li>In the <b>base</b> asset: those units left the account, so the position also loses them,
 *       as if {@code fee} more units were sold at the fill price (a rebate: bought), through the
 *       same average-cost rules; and the fee's quote value, {@code fee * price} rounded half-even,
 *       is charged to realized PnL. Net effect on realized PnL: minus the fee units at their cost.</li>
 *   <li>In any <b>other</b> asset (e.g. BNB): kept in the fee totals only; realized PnL does not
 *       include it, as the position-server has no price for that asset.</li>
 * </ul>
 * Every fee is kept by asset with its maker/taker split. Not thread safe.
 */
public final class Position
{
    private final int venueId;
    private final int instrumentId;
    private final int strategyId;
    private final String baseAsset;
    private final String quoteAsset;
    private final TreeMap<String, long[]> feesByAsset = new TreeMap<>();
    /** {quantity, costBasis, realizedPnl, feeCost} while a fill is worked out, so a failed fill changes nothing. */
    private final long[] scratch = new long[4];
    private long quantity;
    private long costBasis;
    private long realizedPnl;
    private long feeCost;
    private long makerVolume;
    private long takerVolume;
    private long fillCount;
    private long lastFillPrice;
    private long execRunId;
    private long execSequence;

    Position(final int venueId, final int instrumentId, final int strategyId, final String baseAsset, final String quoteAsset)
    {
        this.venueId = venueId;
        this.instrumentId = instrumentId;
        this.strategyId = strategyId;
        this.baseAsset = baseAsset;
        this.quoteAsset = quoteAsset;
    }

    /**
     * Applies a fill of this position, all or nothing: a fill that would overflow throws
     * {@link ArithmeticException} and leaves the position as it was.
     *
     * @throws IllegalArgumentException if the fill belongs to another position or names other assets.
     */
    void apply(final Fill fill)
    {
        if (fill.venueId() != venueId || fill.instrumentId() != instrumentId || fill.strategyId() != strategyId)
        {
            throw new IllegalArgumentException("fill of venue " + fill.venueId() + " instrument " + fill.instrumentId() +
                " strategy " + fill.strategyId() + " applied to position " + venueId + "/" + instrumentId + "/" + strategyId);
        }
        if (!fill.baseAsset().equals(baseAsset) || !fill.quoteAsset().equals(quoteAsset))
        {
            throw new IllegalArgumentException("fill trade " + fill.tradeId() + " names assets " + fill.baseAsset() + "/" +
                fill.quoteAsset() + ", the position holds " + baseAsset + "/" + quoteAsset);
        }
        final long[] state = scratch;
        state[0] = quantity;
        state[1] = costBasis;
        state[2] = realizedPnl;
        state[3] = feeCost;
        trade(state, fill.sign(), fill.qty(), fill.quoteQty());
        if (fill.fee() != 0)
        {
            if (fill.feeAsset().equals(quoteAsset))
            {
                state[2] = Math.subtractExact(state[2], fill.fee());
                state[3] = Math.addExact(state[3], fill.fee());
            }
            else if (fill.feeAsset().equals(baseAsset))
            {
                final long units = Math.abs(fill.fee());
                final long value = FixedPoint.notional(fill.price(), units);
                trade(state, fill.fee() > 0 ? -1 : 1, units, value);
                final long signedValue = fill.fee() > 0 ? value : -value;
                state[2] = Math.subtractExact(state[2], signedValue);
                state[3] = Math.addExact(state[3], signedValue);
            }
        }
        final boolean maker = fill.liquidity() == Liquidity.MAKER;
        final long newMakerVolume = maker ? Math.addExact(makerVolume, fill.qty()) : makerVolume;
        final long newTakerVolume = maker ? takerVolume : Math.addExact(takerVolume, fill.qty());
        long[] fees = null;
        long newFee = 0;
        if (fill.fee() != 0)
        {
            fees = feesByAsset.get(fill.feeAsset());
            newFee = Math.addExact(fees == null ? 0 : fees[maker ? 0 : 1], fill.fee());
        }

        quantity = state[0];
        costBasis = state[1];
        realizedPnl = state[2];
        feeCost = state[3];
        makerVolume = newMakerVolume;
        takerVolume = newTakerVolume;
        if (fill.fee() != 0)
        {
            if (fees == null)
            {
                fees = new long[2];
                feesByAsset.put(fill.feeAsset(), fees);
            }
            fees[maker ? 0 : 1] = newFee;
        }
        fillCount++;
        lastFillPrice = fill.price();
        execRunId = fill.execRunId();
        execSequence = fill.execSequence();
    }

    /**
     * Moves {@code state} = {quantity, costBasis, realizedPnl, feeCost} by a trade of {@code qty}
     * base units in direction {@code sign} for {@code cash} quote units.
     */
    private static void trade(final long[] state, final int sign, final long qty, final long cash)
    {
        final long open = state[0];
        if (open == 0 || Long.signum(open) == sign)
        {
            state[0] = Math.addExact(open, sign > 0 ? qty : -qty);
            state[1] = Math.addExact(state[1], sign > 0 ? cash : -cash);
            return;
        }
        final long openAbs = Math.abs(open);
        final long closed = Math.min(qty, openAbs);
        final long removedCost = closed == openAbs ? state[1] : FixedPoint.mulDiv(state[1], closed, openAbs);
        final long closingCash = closed == qty ? cash : FixedPoint.mulDiv(cash, closed, qty);
        // A sell closing a long realizes cash received minus cost; a buy closing a short realizes
        // what was received (-cost) minus cash paid. Both are -sign * closingCash - removedCost.
        final long realized = Math.subtractExact(sign > 0 ? -closingCash : closingCash, removedCost);
        state[2] = Math.addExact(state[2], realized);
        state[0] = Math.addExact(open, sign > 0 ? closed : -closed);
        state[1] = Math.subtractExact(state[1], removedCost);
        final long rest = qty - closed;
        if (rest > 0)
        {
            final long restCash = Math.subtractExact(cash, closingCash);
            state[0] = sign > 0 ? rest : -rest;
            state[1] = sign > 0 ? restCash : -restCash;
        }
    }

    public int venueId()
    {
        return venueId;
    }

    public int instrumentId()
    {
        return instrumentId;
    }

    public int strategyId()
    {
        return strategyId;
    }

    public String baseAsset()
    {
        return baseAsset;
    }

    public String quoteAsset()
    {
        return quoteAsset;
    }

    /** Signed base quantity. */
    public long quantity()
    {
        return quantity;
    }

    /** Quote amount paid for the open position; negative (received) for a short; 0 when flat. */
    public long costBasis()
    {
        return costBasis;
    }

    /** Average cost per base unit, {@code |costBasis| / |quantity|} rounded half-even; 0 when flat. */
    public long avgCost()
    {
        return quantity == 0 ? 0 : FixedPoint.mulDiv(Math.abs(costBasis), FixedPoint.ONE, Math.abs(quantity));
    }

    /** Realized PnL in quote units, after the fees charged in the base or quote asset. */
    public long realizedPnl()
    {
        return realizedPnl;
    }

    /** The quote value of the fees charged to realized PnL (base fees valued at their fill price). */
    public long feeCost()
    {
        return feeCost;
    }

    /** The position marked to {@code markPrice}, minus its cost basis, in quote units. */
    public long unrealizedPnl(final long markPrice)
    {
        final long value = FixedPoint.notional(markPrice, Math.abs(quantity));
        return Math.subtractExact(quantity < 0 ? -value : value, costBasis);
    }

    /** Base quantity filled as maker. */
    public long makerVolume()
    {
        return makerVolume;
    }

    /** Base quantity filled as taker. */
    public long takerVolume()
    {
        return takerVolume;
    }

    public long fillCount()
    {
        return fillCount;
    }

    /** Price of the last fill applied; the mark when no mid is known. */
    public long lastFillPrice()
    {
        return lastFillPrice;
    }

    /** Run id of the ExecutionReport of the last fill applied. */
    public long execRunId()
    {
        return execRunId;
    }

    /** Sequence of the ExecutionReport of the last fill applied. */
    public long execSequence()
    {
        return execSequence;
    }

    /** Number of assets fees were paid in. */
    public int feeAssetCount()
    {
        return feesByAsset.size();
    }

    /** Receives one asset's fees, maker and taker, at {@link FixedPoint#SCALE}. */
    @FunctionalInterface
    public interface FeeVisitor
    {
        void fee(String asset, long makerFee, long takerFee);
    }

    /** Visits the fees by asset, sorted by asset, without copying them (the bus encoder's path). */
    public void forEachFee(final FeeVisitor visitor)
    {
        for (final Map.Entry<String, long[]> entry : feesByAsset.entrySet())
        {
            visitor.fee(entry.getKey(), entry.getValue()[0], entry.getValue()[1]);
        }
    }

    /** Fees by asset, sorted by asset. */
    public List<FeeTotal> fees()
    {
        final List<FeeTotal> fees = new ArrayList<>(feesByAsset.size());
        for (final Map.Entry<String, long[]> entry : feesByAsset.entrySet())
        {
            fees.add(new FeeTotal(entry.getKey(), entry.getValue()[0], entry.getValue()[1]));
        }
        return fees;
    }

    /** An immutable copy, marked to {@code markPrice} ({@code markIsMid} says whether that is a mid). */
    public PositionSnapshot snapshot(final long markPrice, final boolean markIsMid)
    {
        return new PositionSnapshot(venueId, instrumentId, strategyId, baseAsset, quoteAsset, quantity, costBasis, avgCost(),
            realizedPnl, feeCost, markPrice, markIsMid, unrealizedPnl(markPrice), makerVolume, takerVolume, fillCount, fees(),
            execRunId, execSequence);
    }
}
