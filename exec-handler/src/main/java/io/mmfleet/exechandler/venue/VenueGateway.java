package io.mmfleet.exechandler.venue;

/**
 * Order entry on one venue, as the order core sees it. Every call returns at once; the answer
 * comes later through the {@link GatewayListener}, on the event-loop thread. Implementations sign,
 * send, time out and rate-limit; they keep no order state of their own.
 */
public interface VenueGateway
{
    /** Connected, authenticated, user data subscribed and clock synchronised: requests may be sent. */
    boolean isReady();

    /** The venue's clock now (local clock plus the measured offset), epoch ms: stamps requests. */
    long venueTimeMs();

    /** How long after its timestamp the venue still accepts a request (Binance recvWindow), ms. */
    long receiveWindowMs();

    /**
     * Sends an order. Answer: {@link GatewayListener#onOrderUpdate} (PLACE_REPLY) or
     * {@link GatewayListener#onPlaceRejected}, or {@link GatewayListener#onOutcomeUnknown} if no
     * answer came (timeout, disconnect).
     */
    void place(NewOrder order);

    /**
     * Cancels one order by its client order id. Answer: {@link GatewayListener#onOrderUpdate}
     * (CANCEL_REPLY), {@link GatewayListener#onCancelRejected}, or
     * {@link GatewayListener#onOutcomeUnknown}.
     */
    void cancel(VenueSymbol symbol, String origClientOrderId);

    /**
     * Cancels every open order on the symbol. Answer: one {@link GatewayListener#onOrderUpdate}
     * (CANCEL_REPLY) per order canceled, then {@link GatewayListener#onCancelAllDone}.
     */
    void cancelAll(VenueSymbol symbol);

    /**
     * Looks an order up by client order id. Answer: {@link GatewayListener#onOrderUpdate} (LOOKUP),
     * {@link GatewayListener#onLookupNotFound}, or {@link GatewayListener#onOutcomeUnknown}.
     */
    void lookup(VenueSymbol symbol, String clientOrderId);

    /**
     * Fetches every trade of one order. Answer: {@link GatewayListener#onTrades}, or
     * {@link GatewayListener#onOutcomeUnknown}.
     */
    void fetchTrades(VenueSymbol symbol, long venueOrderId);
}
