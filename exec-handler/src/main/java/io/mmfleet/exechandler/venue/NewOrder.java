package io.mmfleet.exechandler.venue;

import io.mmfleet.sbe.OrderType;
import io.mmfleet.sbe.Side;
import io.mmfleet.sbe.TimeInForce;

/**
 * An order to place. {@code price} at the symbol's price scale (ignored for MARKET), {@code qty}
 * at its quantity scale. {@code venueTimestampMs} is the request's signed timestamp in venue time,
 * journaled before the send: a venue that enforces a receive window (Binance recvWindow) rejects
 * the request if it arrives later than timestamp + window, which is what lets a lookup that finds
 * nothing after that moment conclude the order never existed. {@code originNs} is the fleet's
 * originNs of the command that asked for the order (epoch ns the venue event that caused it entered
 * the fleet; 0 when none), so the send can be timed against it.
 */
public record NewOrder(
    VenueSymbol symbol,
    String clientOrderId,
    Side side,
    OrderType orderType,
    TimeInForce timeInForce,
    long price,
    long qty,
    long venueTimestampMs,
    long originNs)
{
}
