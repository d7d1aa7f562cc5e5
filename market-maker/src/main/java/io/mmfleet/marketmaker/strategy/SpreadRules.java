package io.mmfleet.marketmaker.strategy;

import io.mmfleet.sbe.ImbalanceLevel;
import io.mmfleet.sbe.SpreadReason;
import io.mmfleet.sbe.ThrottleState;

/**
 * The rules applied after the model (seed 003's spread management), in this order; each rule that
 * changes the spread becomes its {@link Quote#spreadReason() reason}:
 * <ol>
 *   <li><b>Model</b> (MODEL): the model's reservation price is the centre, its bid and ask the two
 *       half-spreads. With no σ estimate yet: DEFAULT_SPREAD_BPS around the mid (DEFAULT_NO_ESTIMATE).</li>
 *   <li><b>Volatility</b> (VOLATILITY): the total spread is at least
 *       VOLATILITY_SPREAD_MULTIPLIER × σ × √VOLATILITY_WINDOW, widened equally on both sides.</li>
 *   <li><b>Throttle</b> (THROTTLE): while the venue's throttle is NEAR_LIMIT, THROTTLE_WIDEN_BPS more.</li>
 *   <li><b>Inventory</b> (INVENTORY): imbalance = q / MAX_INVENTORY. Beyond INVENTORY_IMBALANCE_THRESHOLD
 *       (strictly) the side that adds to |q| moves IMBALANCE_WIDEN_BPS further out and the side that
 *       reduces it IMBALANCE_SKEW_BPS closer (SKEW); beyond CRITICAL_IMBALANCE_THRESHOLD the adding side
 *       is not quoted at all (CRITICAL). Comparisons are exact on the fixed-point values.</li>
 *   <li><b>Clamp</b> (CLAMPED_MIN / CLAMPED_MAX): the total spread is kept within
 *       [MIN_SPREAD_BPS, MAX_SPREAD_BPS] of the mid: a narrow one is widened equally on both sides, a
 *       wide one scaled down keeping the sides' proportions (and so the skew).</li>
 * </ol>
 * Then prices and sizes are made venue-valid, never more aggressive than decided: the bid is rounded
 * <b>down</b> to the tick and the ask <b>up</b> (so the quoted spread may exceed the clamp by under two
 * ticks, never undercut it), and a side that would cross the book is moved to one tick inside it, as
 * the orders are post-only. Sizes are ORDER_QTY capped by MAX_ORDER_QTY, the venue's maxQty and the
 * room left to MAX_INVENTORY, rounded <b>down</b> to the lot; below the venue's minimum notional a
 * size is raised to the smallest lot multiple that meets it if those caps allow (the venue would
 * refuse anything less); a side whose size
 * cannot be at least MIN_ORDER_QTY (and the venue's minQty) is not quoted.
 */
public final class SpreadRules
{
    /** A spread move of at least 1 bp (or a new reason) is a SpreadAdjusted event; smaller drift is not. */
    public static final long SPREAD_EVENT_STEP_BPS_E2 = 100;

    private static final double BPS = 10_000.0;
    /** Spreads within a billionth of a bp of a bound are at it: float error must not clamp a spread that is exactly on it. */
    private static final double BOUND_SLACK_BPS = 1e-9;
    private static final long PPM = 1_000_000L;

    private SpreadParams params;
    private boolean spreadPublished;
    private long publishedSpreadBpsE2;
    private SpreadReason publishedReason;
    private ImbalanceLevel publishedLevel;

    public SpreadRules(final SpreadParams params)
    {
        this.params = params;
    }

    public SpreadParams params()
    {
        return params;
    }

    /** New parameters (a reload) for the quotes to come; what was last published is kept, so events stay change-only. */
    public void reconfigure(final SpreadParams params)
    {
        this.params = params;
    }

    /**
     * Decides the quote.
     *
     * @param bestBid   best bid, price scale, > 0.
     * @param bestAsk   best ask, price scale, above the bid.
     * @param inventory net inventory q, quantity scale.
     * @param sigma     σ (price units per √s) or NaN while warming up.
     * @param model     the model's quote, or null when it has none (then the default spread applies).
     * @param throttle  the venue's throttle state.
     * @param spec      the instrument's rules; must be defined.
     * @param out       receives the quote and the events.
     * @return false (and no side in {@code out}) if the book is one-sided or crossed, or the
     *         instrument has no definition yet.
     */
    public boolean apply(
        final long bestBid,
        final long bestAsk,
        final long inventory,
        final double sigma,
        final ModelQuote model,
        final ThrottleState throttle,
        final InstrumentSpec spec,
        final Quote out)
    {
        out.hasBid = false;
        out.hasAsk = false;
        out.spreadAdjusted = false;
        out.imbalanceChanged = false;
        if (!spec.isDefined() || bestBid <= 0 || bestAsk <= bestBid)
        {
            return false;
        }
        final int priceScale = spec.priceScale();
        final long tick = spec.tickSize();
        final double mid = (bestBid + (double)bestAsk) / 2 / FixedPoint.pow10(priceScale);
        final double bp = mid / BPS;

        double center;
        double bidHalf;
        double askHalf;
        SpreadReason reason;
        if (model != null)
        {
            center = model.reservationPrice;
            bidHalf = center - model.bidPrice;
            askHalf = model.askPrice - center;
            reason = SpreadReason.MODEL;
        }
        else
        {
            center = mid;
            bidHalf = params.defaultSpreadBps() * bp / 2;
            askHalf = bidHalf;
            reason = SpreadReason.DEFAULT_NO_ESTIMATE;
        }

        if (sigma >= 0 && params.volatilitySpreadMultiplier() > 0)
        {
            final double floor = params.volatilitySpreadMultiplier() * sigma * Math.sqrt(params.volatilityWindowSeconds());
            final double total = bidHalf + askHalf;
            if (total < floor)
            {
                bidHalf += (floor - total) / 2;
                askHalf += (floor - total) / 2;
                reason = SpreadReason.VOLATILITY;
            }
        }

        if (throttle == ThrottleState.NEAR_LIMIT && params.throttleWidenBps() > 0)
        {
            bidHalf += params.throttleWidenBps() * bp / 2;
            askHalf += params.throttleWidenBps() * bp / 2;
            reason = SpreadReason.THROTTLE;
        }

        final ImbalanceLevel level = level(inventory);
        final boolean longInventory = inventory > 0;
        if (level != ImbalanceLevel.NORMAL && (params.imbalanceWidenBps() > 0 || params.imbalanceSkewBps() > 0))
        {
            final double widen = params.imbalanceWidenBps() * bp;
            final double skew = params.imbalanceSkewBps() * bp;
            if (longInventory)
            {
                bidHalf += widen;
                askHalf -= skew;
            }
            else
            {
                askHalf += widen;
                bidHalf -= skew;
            }
            reason = SpreadReason.INVENTORY;
        }

        final double total = bidHalf + askHalf;
        final double totalBps = total / bp;
        if (totalBps < params.minSpreadBps() - BOUND_SLACK_BPS)
        {
            final double min = params.minSpreadBps() * bp;
            bidHalf += (min - total) / 2;
            askHalf += (min - total) / 2;
            reason = SpreadReason.CLAMPED_MIN;
        }
        else if (totalBps > params.maxSpreadBps() + BOUND_SLACK_BPS)
        {
            final double factor = params.maxSpreadBps() * bp / total;
            bidHalf *= factor;
            askHalf *= factor;
            reason = SpreadReason.CLAMPED_MAX;
        }

        long bid = FixedPoint.floorToMultiple(FixedPoint.floorMantissa(center - bidHalf, priceScale), tick);
        long ask = FixedPoint.ceilToMultiple(FixedPoint.ceilMantissa(center + askHalf, priceScale), tick);
        if (bid >= bestAsk)
        {
            bid = FixedPoint.floorToMultiple(bestAsk - 1, tick);
        }
        if (ask <= bestBid)
        {
            ask = FixedPoint.ceilToMultiple(bestBid + 1, tick);
        }

        final boolean bidAllowed = !(level == ImbalanceLevel.CRITICAL && longInventory);
        final boolean askAllowed = !(level == ImbalanceLevel.CRITICAL && !longInventory);
        if (bidAllowed && bid > 0)
        {
            final long qty = size(bid, roomToMax(inventory, true), spec);
            if (qty > 0)
            {
                out.hasBid = true;
                out.bidPrice = bid;
                out.bidQty = qty;
            }
        }
        if (askAllowed)
        {
            final long qty = size(ask, roomToMax(inventory, false), spec);
            if (qty > 0)
            {
                out.hasAsk = true;
                out.askPrice = ask;
                out.askQty = qty;
            }
        }

        final double midMantissa = (bestBid + (double)bestAsk) / 2;
        out.spreadBpsE2 = out.hasBid && out.hasAsk ?
            Math.round((ask - bid) / midMantissa * BPS * 100) : Math.round((bidHalf + askHalf) / bp * 100);
        out.spreadReason = reason;
        out.midPrice = Math.addExact(bestBid, bestAsk) * 5;
        out.reservationPrice = Math.round(center * FixedPoint.pow10(priceScale + 1));
        out.inventory = inventory;
        out.imbalancePpm = Math.round(inventory * (double)PPM / params.maxInventory());
        out.imbalanceLevel = level;

        if (!spreadPublished || reason != publishedReason || Math.abs(out.spreadBpsE2 - publishedSpreadBpsE2) >= SPREAD_EVENT_STEP_BPS_E2)
        {
            out.spreadAdjusted = true;
            out.previousSpreadBpsE2 = spreadPublished ? publishedSpreadBpsE2 : 0;
            spreadPublished = true;
            publishedSpreadBpsE2 = out.spreadBpsE2;
            publishedReason = reason;
        }
        if (level != publishedLevel)
        {
            out.imbalanceChanged = true;
            publishedLevel = level;
        }
        return true;
    }

    /** The imbalance level of net inventory q: beyond a threshold means strictly above it. */
    public ImbalanceLevel level(final long inventory)
    {
        final long absQ = inventory == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(inventory);
        if (above(absQ, params.criticalThresholdPpm()))
        {
            return ImbalanceLevel.CRITICAL;
        }
        if (above(absQ, params.skewThresholdPpm()))
        {
            return ImbalanceLevel.SKEW;
        }
        return ImbalanceLevel.NORMAL;
    }

    /** |q| / MAX_INVENTORY > thresholdPpm / 10^6, as |q| × 10^6 > thresholdPpm × MAX_INVENTORY in 128 bits. */
    private boolean above(final long absQ, final long thresholdPpm)
    {
        final long leftHigh = Math.multiplyHigh(absQ, PPM);
        final long leftLow = absQ * PPM;
        final long rightHigh = Math.multiplyHigh(thresholdPpm, params.maxInventory());
        final long rightLow = thresholdPpm * params.maxInventory();
        return leftHigh != rightHigh ? leftHigh > rightHigh : Long.compareUnsigned(leftLow, rightLow) > 0;
    }

    /** What a fill of this side may add before |q| reaches MAX_INVENTORY (a buy adds to q, a sell takes away). */
    private long roomToMax(final long inventory, final boolean buy)
    {
        final long max = params.maxInventory();
        if (buy)
        {
            return inventory >= max ? 0 : (inventory < 0 && max - Long.MAX_VALUE > inventory ? Long.MAX_VALUE : max - inventory);
        }
        return inventory <= -max ? 0 : (inventory > 0 && Long.MAX_VALUE - max < inventory ? Long.MAX_VALUE : max + inventory);
    }

    private long size(final long price, final long room, final InstrumentSpec spec)
    {
        long limit = Math.min(params.maxOrderQty(), room);
        if (spec.maxQty() > 0)
        {
            limit = Math.min(limit, spec.maxQty());
        }
        final long floor = Math.max(params.minOrderQty(), spec.minQty());
        long qty = FixedPoint.floorToMultiple(Math.min(params.orderQty(), limit), spec.lotSize());
        if (qty < floor || qty <= 0)
        {
            return 0;
        }
        if (!spec.meetsMinNotional(price, qty))
        {
            final long needed = FixedPoint.ceilToMultiple(-Math.floorDiv(-spec.minNotional(), price), spec.lotSize());
            if (needed > limit || !spec.meetsMinNotional(price, needed))
            {
                return 0;
            }
            qty = needed;
        }
        return qty;
    }
}
