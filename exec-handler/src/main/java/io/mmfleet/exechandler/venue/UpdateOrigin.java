package io.mmfleet.exechandler.venue;

/** Where a {@link VenueOrderUpdate} came from; they may arrive in any order. */
public enum UpdateOrigin
{
    /** The reply to our place request. */
    PLACE_REPLY,
    /** The reply to our cancel request (or one order of a cancel-all reply). */
    CANCEL_REPLY,
    /** A user-data stream event (Binance executionReport). */
    USER_DATA,
    /** A lookup of the order by client order id (recovery or status query). */
    LOOKUP
}
