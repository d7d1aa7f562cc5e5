package io.mmfleet.exechandler.order;

import io.mmfleet.exechandler.venue.VenueSymbol;
import io.mmfleet.sbe.OrdStatus;
import io.mmfleet.sbe.OrderType;
import io.mmfleet.sbe.Side;
import io.mmfleet.sbe.TimeInForce;

/**
 * An order as the exec-handler has reported it so far. Quantities are mantissas at the symbol's
 * scales (cumQuoteQty at AMOUNT_SCALE); cumQty counts only fills already reported, so the
 * ExecutionReports of one order always add up.
 */
public interface TrackedOrderView
{
    VenueSymbol symbol();

    int strategyId();

    String clientOrderId();

    long venueOrderId();

    OrdStatus status();

    Side side();

    OrderType orderType();

    TimeInForce timeInForce();

    long price();

    long qty();

    long cumQty();

    long cumQuoteQty();
}
