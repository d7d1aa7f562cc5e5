package io.mmfleet.marketmaker.strategy;

import io.mmfleet.sbe.Side;

/**
 * The order requests the {@link QuoteManager} decides; the daemon encodes them (NewOrderRequest with
 * LIMIT_MAKER / GTC, CancelOrderRequest) and retransmits each until the OMS answers. Request ids are
 * the manager's, unique within the strategy's run; client order ids are the OMS's.
 */
public interface OrderActions
{
    /**
     * A post-only limit order; price at the price scale, qty at the quantity scale. {@code decisionOrigin}
     * names the input that decided it (see {@link QuoteManager}): the daemon stamps it as the request's originNs.
     */
    void placePostOnly(long requestId, Side side, int level, long price, long qty, long decisionOrigin);

    /** Cancel the order that {@code origRequestId} placed. */
    void cancel(long requestId, long origRequestId, Side side, int level);
}
