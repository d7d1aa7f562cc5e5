package io.mmfleet.oms.core;

import io.mmfleet.sbe.OrderType;
import io.mmfleet.sbe.Side;
import io.mmfleet.sbe.TimeInForce;

/**
 * A strategy's new-order or replace request as the daemon decoded it (NewOrderRequest or
 * ReplaceOrderRequest). Mutable and reused: the daemon fills one instance per message, so taking a
 * request allocates nothing. Prices and quantities stay as the bus carried them (mantissa and
 * exponent); the core moves them to the instrument's scales and refuses what does not fit.
 */
public final class OrderRequest
{
    public int strategyId;
    /** The strategy's id for this request, 1..2^48-1: the dedupe key together with the strategy id. */
    public long requestId;
    /** For a replace: the request that made the order being replaced. 0 for a new order. */
    public long origRequestId;
    /** The envelope run id of the strategy run that sent it; 0 when not known (tests of the core). */
    public long strategyRunId;
    public int venueId;
    public int instrumentId;
    public Side side;
    public OrderType orderType;
    public TimeInForce timeInForce;
    /** {@link FixedPoint#NULL_MANTISSA} when absent (a MARKET order). */
    public long priceMantissa = FixedPoint.NULL_MANTISSA;
    public int priceExponent;
    public long qtyMantissa = FixedPoint.NULL_MANTISSA;
    public int qtyExponent;

    /** Fills every field of a new-order request; returns this. */
    public OrderRequest set(
        final int strategyId,
        final long requestId,
        final int venueId,
        final int instrumentId,
        final Side side,
        final OrderType orderType,
        final TimeInForce timeInForce,
        final long priceMantissa,
        final int priceExponent,
        final long qtyMantissa,
        final int qtyExponent)
    {
        this.strategyId = strategyId;
        this.requestId = requestId;
        this.origRequestId = 0;
        this.strategyRunId = 0;
        this.venueId = venueId;
        this.instrumentId = instrumentId;
        this.side = side;
        this.orderType = orderType;
        this.timeInForce = timeInForce;
        this.priceMantissa = priceMantissa;
        this.priceExponent = priceExponent;
        this.qtyMantissa = qtyMantissa;
        this.qtyExponent = qtyExponent;
        return this;
    }

    /** Names the strategy run that sent the request; returns this. */
    public OrderRequest fromRun(final long strategyRunId)
    {
        this.strategyRunId = strategyRunId;
        return this;
    }

    /** Makes this a replace of the order {@code origRequestId} made; returns this. */
    public OrderRequest replacing(final long origRequestId)
    {
        this.origRequestId = origRequestId;
        return this;
    }
}
