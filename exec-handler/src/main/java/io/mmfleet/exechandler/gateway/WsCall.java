package io.mmfleet.exechandler.gateway;

import io.mmfleet.exechandler.venue.RequestKind;
import io.mmfleet.exechandler.venue.VenueSymbol;

/** A WebSocket API request in flight; kind null for the user data subscription. */
record WsCall(RequestKind kind, VenueSymbol symbol, String clientOrderId, long deadlineNs)
{
}
