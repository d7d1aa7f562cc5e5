package io.mmfleet.oms.core;

import io.mmfleet.bus.runtime.KillSwitchState;
import io.mmfleet.sbe.OrderType;
import io.mmfleet.sbe.RejectReason;
import io.mmfleet.sbe.Side;

import java.util.List;

/**
 * The checks every new order (and the new leg of every replace) passes before a command goes to a
 * venue. Each limit is an {@code [oms]} key; every check accepts a value exactly at its limit and
 * refuses one just past it. The first failing check is the reason, in this order:
 * <ol>
 * <li>KILL_SWITCH: a kill switch covers the venue or the strategy;</li>
 * <li>UNKNOWN_INSTRUMENT: the instrument has no limits; INTERNAL: no side or order type;</li>
 * <li>PRICE_TICK / QTY_LOT: the price (of a non-MARKET order) or quantity is missing, not positive,
 *     or has more decimals than the instrument's scale;</li>
 * <li>STALE_MARKET_DATA: no book, a book older than the bound, or the venue says it is not trustworthy;</li>
 * <li>STALE_POSITION: the position-server has not been heard from within the bound;</li>
 * <li>MAX_ORDER_QTY;</li>
 * <li>NOTIONAL_OVERFLOW / MAX_NOTIONAL: price × quantity (a MARKET order at the touch it takes)
 *     does not fit an int64, or exceeds the limit;</li>
 * <li>PRICE_COLLAR: |price − mid| > collar × mid, computed on 2·price and bid + ask so the half
 *     tick of a mid is never rounded (not applied to MARKET orders, which have no price);</li>
 * <li>MAX_POSITION: the worst case on the order's side (position + fills since + open and pending
 *     orders of that side + this order) exceeds the limit;</li>
 * <li>DAILY_LOSS: the day's PnL is below −limit;</li>
 * <li>ORDER_RATE: the venue's sliding window is full.</li>
 * </ol>
 * Cancels are never checked. {@link #check} records nothing; the caller calls {@link #accepted}
 * once it sends the order (which counts it in the rate window). Allocates nothing.
 */
public final class PreTradeRisk
{
    private static final long BPS = 10_000;

    private final ExposureBook exposure;
    private final OrderRateLimiter rateLimiter;
    private final KillSwitchState killSwitch;
    private RiskLimits limits;
    private InstrumentLimits checkedInstrument;
    private long checkedPrice;
    private long checkedQty;

    public PreTradeRisk(final RiskLimits limits, final ExposureBook exposure, final OrderRateLimiter rateLimiter, final KillSwitchState killSwitch)
    {
        this.limits = limits;
        this.exposure = exposure;
        this.rateLimiter = rateLimiter;
        this.killSwitch = killSwitch;
    }

    /** New limits from a reload; orders already sent are not re-checked. */
    public void limits(final RiskLimits limits)
    {
        this.limits = limits;
    }

    public RiskLimits limits()
    {
        return limits;
    }

    public ExposureBook exposure()
    {
        return exposure;
    }

    public OrderRateLimiter rateLimiter()
    {
        return rateLimiter;
    }

    /**
     * A book's best bid and ask (mantissa and exponent each, as BookUpdate carries them), at epoch
     * {@code nowNs}. A price finer than the instrument's scale, or a missing or crossed side,
     * makes the book unusable until the next good one.
     */
    public void onBook(
        final int venueId,
        final int instrumentId,
        final long bidMantissa,
        final int bidExponent,
        final long askMantissa,
        final int askExponent,
        final long nowNs)
    {
        final InstrumentLimits instrument = limits.instrument(instrumentId);
        if (instrument == null)
        {
            return;
        }
        final InstrumentExposure pair = exposure.pair(venueId, instrumentId);
        final long bid = FixedPoint.toScale(bidMantissa, bidExponent, instrument.priceScale());
        final long ask = FixedPoint.toScale(askMantissa, askExponent, instrument.priceScale());
        pair.bookKnown = bid != FixedPoint.NOT_REPRESENTABLE && ask != FixedPoint.NOT_REPRESENTABLE && bid > 0 && ask >= bid;
        pair.bid = bid;
        pair.ask = ask;
        pair.bookNs = nowNs;
    }

    /**
     * A book with a side missing has no mid to collar against: unusable until the next two-sided
     * book, so a live quote-server's heartbeat cannot keep the last two-sided mid fresh behind it.
     */
    public void onBookWithoutMid(final int venueId, final int instrumentId, final long nowNs)
    {
        if (limits.instrument(instrumentId) == null)
        {
            return;
        }
        final InstrumentExposure pair = exposure.pair(venueId, instrumentId);
        pair.bookKnown = false;
        pair.bookNs = nowNs;
    }

    /**
     * The quote-server is alive and READY (its heartbeat): it publishes a book when it changes, so a
     * known book of a trusted pair is as fresh as the heartbeat. A dead quote-server sends neither,
     * and its books go stale.
     */
    public void onMarketDataAlive(final long nowNs)
    {
        final List<InstrumentExposure> pairs = exposure.pairs();
        for (int i = 0, size = pairs.size(); i < size; i++)
        {
            final InstrumentExposure pair = pairs.get(i);
            if (pair.bookKnown && pair.instrumentLive)
            {
                pair.bookNs = nowNs;
            }
        }
    }

    /** Whether the quote-server says the pair's book can be trusted (VenueStatus LIVE). */
    public void onBookTrusted(final int venueId, final int instrumentId, final boolean trusted)
    {
        exposure.pair(venueId, instrumentId).instrumentLive = trusted;
    }

    /**
     * Checks a new order.
     *
     * @return null if every check passes (then {@link #checkedPrice()} and {@link #checkedQty()}
     * hold the order at the instrument's scales), else the first reason to refuse it
     */
    public RejectReason check(final OrderRequest request, final long nowNs)
    {
        checkedInstrument = null;
        if (killSwitch.isHalted(request.venueId, request.strategyId))
        {
            return RejectReason.KILL_SWITCH;
        }
        final InstrumentLimits instrument = limits.instrument(request.instrumentId);
        if (instrument == null)
        {
            return RejectReason.UNKNOWN_INSTRUMENT;
        }
        final Side side = request.side;
        final OrderType type = request.orderType;
        if ((side != Side.BUY && side != Side.SELL) ||
            (type != OrderType.LIMIT && type != OrderType.LIMIT_MAKER && type != OrderType.MARKET))
        {
            return RejectReason.INTERNAL;
        }
        final boolean market = type == OrderType.MARKET;
        final long price = market ? 0 : FixedPoint.toScale(request.priceMantissa, request.priceExponent, instrument.priceScale());
        if (!market && (price == FixedPoint.NOT_REPRESENTABLE || price <= 0))
        {
            return RejectReason.PRICE_TICK;
        }
        final long qty = FixedPoint.toScale(request.qtyMantissa, request.qtyExponent, instrument.qtyScale());
        if (qty == FixedPoint.NOT_REPRESENTABLE || qty <= 0)
        {
            return RejectReason.QTY_LOT;
        }
        final InstrumentExposure pair = exposure.existingPair(request.venueId, request.instrumentId);
        if (pair == null || !pair.bookKnown || !pair.instrumentLive || nowNs - pair.bookNs > limits.marketDataStaleNs())
        {
            return RejectReason.STALE_MARKET_DATA;
        }
        if (exposure.isPositionStale(nowNs, limits.positionStaleNs()))
        {
            return RejectReason.STALE_POSITION;
        }
        if (qty > instrument.maxOrderQty())
        {
            return RejectReason.MAX_ORDER_QTY;
        }
        final long notionalPrice = market ? (side == Side.BUY ? pair.ask : pair.bid) : price;
        final long notional = FixedPoint.multiplyOrNotRepresentable(notionalPrice, qty);
        if (notional == FixedPoint.NOT_REPRESENTABLE)
        {
            return RejectReason.NOTIONAL_OVERFLOW;
        }
        if (notional > instrument.maxNotional())
        {
            return RejectReason.MAX_NOTIONAL;
        }
        if (!market && outsideCollar(price, pair.bid, pair.ask))
        {
            return RejectReason.PRICE_COLLAR;
        }
        final long worst = side == Side.BUY
            ? FixedPoint.saturatedAdd(pair.worstLong(), qty)
            : -FixedPoint.saturatedAdd(pair.worstShort(), -qty);
        if (worst > instrument.maxPosition())
        {
            return RejectReason.MAX_POSITION;
        }
        if (exposure.dailyPnl(nowNs) < -limits.dailyLossLimit())
        {
            return RejectReason.DAILY_LOSS;
        }
        if (!rateLimiter.wouldAccept(request.venueId, nowNs))
        {
            return RejectReason.ORDER_RATE;
        }
        checkedInstrument = instrument;
        checkedPrice = price;
        checkedQty = qty;
        return null;
    }

    /** The order last passed by {@link #check} was sent now: counts it in the venue's rate window. */
    public void accepted(final int venueId, final long nowNs)
    {
        rateLimiter.record(venueId, nowNs);
    }

    /** Limits of the instrument of the order last passed. */
    public InstrumentLimits checkedInstrument()
    {
        return checkedInstrument;
    }

    /** Price of the order last passed, at the instrument's price scale (0 for MARKET). */
    public long checkedPrice()
    {
        return checkedPrice;
    }

    /** Quantity of the order last passed, at the instrument's qty scale. */
    public long checkedQty()
    {
        return checkedQty;
    }

    private boolean outsideCollar(final long price, final long bid, final long ask)
    {
        // |2p − (bid + ask)| × 10000 > bps × (bid + ask), all exact: doubling keeps a half-tick mid whole.
        final long twiceMid = FixedPoint.saturatedAdd(bid, ask);
        final long twicePrice = FixedPoint.multiplyOrNotRepresentable(price, 2);
        if (twiceMid == Long.MAX_VALUE || twicePrice == FixedPoint.NOT_REPRESENTABLE)
        {
            return true;
        }
        final long distance = Math.abs(twicePrice - twiceMid);
        return FixedPoint.compareProducts(distance, BPS, limits.priceCollarBps(), twiceMid) > 0;
    }
}
