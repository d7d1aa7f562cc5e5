package io.mmfleet.exechandler.order;

import io.mmfleet.sbe.OrdStatus;
import io.mmfleet.sbe.OrderType;
import io.mmfleet.sbe.Side;
import io.mmfleet.sbe.TimeInForce;

/**
 * One order as the journal holds it. Side, type and time in force may be null for a foreign order
 * whose update did not say. {@code status}, {@code reportedCumQty} and {@code reportedCumQuoteQty}
 * are what was last reported; {@code reportedTradeIds} the fills already published.
 */
record JournaledOrder(
    String clientOrderId,
    String venueSymbol,
    long commandId,
    int strategyId,
    Side side,
    OrderType orderType,
    TimeInForce timeInForce,
    long price,
    long qty,
    long venueTimestampMs,
    long venueOrderId,
    OrdStatus status,
    long reportedCumQty,
    long reportedCumQuoteQty,
    boolean terminal,
    boolean foreign,
    long[] reportedTradeIds)
{
}
