package io.mmfleet.exechandler.gateway;

import io.mmfleet.exechandler.venue.VenueSymbol;

/** A REST request in flight, with what its answer is for. */
record RestCall(Kind kind, VenueSymbol symbol, String clientOrderId, long venueOrderId, long sentEpochMs)
{
    enum Kind
    {
        TIME,
        EXCHANGE_INFO,
        ACCOUNT,
        LOOKUP,
        OPEN_ORDERS,
        ORDER_TRADES,
        ACCOUNT_TRADES
    }
}
