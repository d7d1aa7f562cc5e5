package io.mmfleet.exechandler.venue;

import io.mmfleet.sbe.OrderType;
import io.mmfleet.sbe.Side;
import io.mmfleet.sbe.TimeInForce;

import java.util.List;

/**
 * What the venue says about one order at one moment: from a reply, a user-data event or a lookup.
 * State is carried as cumulative quantities so updates can be applied in whatever order they
 * arrive; {@code fills} are the trades this update reports (a user-data trade event: one; a place
 * reply with fills: several; a lookup: none).
 *
 * @param price        limit price at the symbol's price scale (0 for MARKET)
 * @param qty          order quantity at the symbol's quantity scale
 * @param cumQty       cumulative filled quantity, quantity scale
 * @param cumQuoteQty  cumulative quote quantity, {@link VenueSymbol#AMOUNT_SCALE}
 * @param venueTimeMs  venue time of the event (transaction time), epoch milliseconds
 */
public record VenueOrderUpdate(
    UpdateOrigin origin,
    String venueSymbol,
    String clientOrderId,
    long venueOrderId,
    VenueOrderStatus status,
    Side side,
    OrderType orderType,
    TimeInForce timeInForce,
    long price,
    long qty,
    long cumQty,
    long cumQuoteQty,
    List<VenueFill> fills,
    long venueTimeMs)
{
}
