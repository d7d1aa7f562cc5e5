package io.mmfleet.oms.core;

import io.mmfleet.sbe.ExecType;
import io.mmfleet.sbe.OrdStatus;
import io.mmfleet.sbe.OrderType;
import io.mmfleet.sbe.RejectReason;
import io.mmfleet.sbe.Side;

/**
 * One ExecutionReport as the daemon decoded it, with the envelope's run id and sequence of the
 * execution stream it came on (exposure counts fills against the sequence a position is stamped
 * with). Mutable and reused; the client order id is copied into a reused builder so applying a
 * report allocates nothing.
 */
public final class ExecReport
{
    /** Envelope run id of the exec-handler stream this report came on. */
    public long execRunId;
    /** Envelope sequence of this report on that stream. */
    public long execSequence;
    /** The command this answers, 0 if unsolicited. */
    public long commandId;
    public int strategyId;
    public int venueId;
    public int instrumentId;
    public long venueOrderId;
    public ExecType execType;
    public OrdStatus ordStatus;
    public Side side;
    public OrderType orderType;
    public long orderPriceMantissa = FixedPoint.NULL_MANTISSA;
    public int orderPriceExponent;
    public long orderQtyMantissa = FixedPoint.NULL_MANTISSA;
    public int orderQtyExponent;
    public long lastQtyMantissa = FixedPoint.NULL_MANTISSA;
    public int lastQtyExponent;
    /** Cumulative filled quantity of the order: what drives the state machine. */
    public long cumQtyMantissa = FixedPoint.NULL_MANTISSA;
    public int cumQtyExponent;
    public long cumQuoteQtyMantissa = FixedPoint.NULL_MANTISSA;
    public int cumQuoteQtyExponent;
    /** Null when the report carries none. */
    public RejectReason rejectReason;
    /**
     * For a report of an order this OMS does not hold (one of an earlier run): the strategy's
     * request id that made it, as the daemon's journal remembers it, so the adopted order can be
     * cancelled or replaced by that id. 0 when unknown.
     */
    public long recoveredRequestId;
    /** With {@link #recoveredRequestId}: the run of the strategy that sent that request, 0 when unknown. */
    public long recoveredStrategyRunId;
    public final StringBuilder clientOrderId = new StringBuilder(ClientOrderIds.MAX_LENGTH);

    /** Clears the optional fields, so a decoder that does not set them leaves no stale values. */
    public ExecReport reset()
    {
        execRunId = 0;
        execSequence = 0;
        commandId = 0;
        strategyId = 0;
        venueId = 0;
        instrumentId = 0;
        venueOrderId = 0;
        execType = null;
        ordStatus = null;
        side = null;
        orderType = null;
        orderPriceMantissa = FixedPoint.NULL_MANTISSA;
        orderPriceExponent = 0;
        orderQtyMantissa = FixedPoint.NULL_MANTISSA;
        orderQtyExponent = 0;
        lastQtyMantissa = FixedPoint.NULL_MANTISSA;
        lastQtyExponent = 0;
        cumQtyMantissa = FixedPoint.NULL_MANTISSA;
        cumQtyExponent = 0;
        cumQuoteQtyMantissa = FixedPoint.NULL_MANTISSA;
        cumQuoteQtyExponent = 0;
        rejectReason = null;
        recoveredRequestId = 0;
        recoveredStrategyRunId = 0;
        clientOrderId.setLength(0);
        return this;
    }
}
