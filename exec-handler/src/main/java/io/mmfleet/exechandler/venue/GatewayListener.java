package io.mmfleet.exechandler.venue;

import java.util.List;

/** What a {@link VenueGateway} reports, always on the event-loop thread. */
public interface GatewayListener
{
    /**
     * The session is usable (again): connected, user data subscribed. Anything sent before a
     * disconnect may or may not have reached the venue, so every unanswered order is looked up.
     */
    void onSessionReady();

    /** The session is lost; requests in flight get {@link #onOutcomeUnknown} before this. */
    void onSessionLost(String why);

    /** A reply, a user-data event or a lookup result. */
    void onOrderUpdate(VenueOrderUpdate update);

    /**
     * The venue refused a place request: the order does not exist. An error with code 0 was
     * refused by the gateway itself before sending (reason THROTTLED or NOT_CONNECTED).
     */
    void onPlaceRejected(VenueSymbol symbol, String clientOrderId, VenueError error);

    /**
     * The venue refused a cancel (Binance -2011 "Unknown order sent." also after the order filled
     * or was canceled already): the order's state must be looked up, not assumed. An error with
     * code 0 was refused by the gateway itself before sending (THROTTLED, NOT_CONNECTED): the
     * order is as it was.
     */
    void onCancelRejected(VenueSymbol symbol, String origClientOrderId, VenueError error);

    /** A cancel-all finished; its canceled orders came before as CANCEL_REPLY updates. */
    void onCancelAllDone(VenueSymbol symbol, VenueError errorOrNull);

    /**
     * The venue has no order with this client order id (Binance -2013) as of {@code venueTimeMs}.
     * Definitive only once that time is past the order's timestamp plus the receive window.
     */
    void onLookupNotFound(VenueSymbol symbol, String clientOrderId, long venueTimeMs);

    /** Every trade of one order, as the venue's trade history lists them. */
    void onTrades(VenueSymbol symbol, long venueOrderId, List<VenueFill> trades);

    /**
     * No answer: timed out, the connection dropped, or the venue answered something unreadable.
     * The request may or may not have taken effect.
     */
    void onOutcomeUnknown(RequestKind kind, VenueSymbol symbol, String clientOrderId, long venueOrderId, String why);
}
