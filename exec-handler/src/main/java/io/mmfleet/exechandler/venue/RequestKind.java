package io.mmfleet.exechandler.venue;

/** The request whose outcome a {@link GatewayListener#onOutcomeUnknown} is about. */
public enum RequestKind
{
    PLACE,
    CANCEL,
    CANCEL_ALL,
    LOOKUP,
    FETCH_TRADES
}
