package io.mmfleet.venuesim.engine;

import java.util.List;

/**
 * Receives engine events synchronously on the engine thread, in causal order. Within one engine call the order is:
 * the incoming order's NEW; then per match (or per self-trade prevention) the public trade, the maker's update and the
 * taker's update; then the incoming order's final EXPIRED or TRADE_PREVENTION if any; then one depth change holding
 * every level the call touched; then one balance update per account whose balances changed, in order of first
 * change. Implementations must not call back into the engine.
 */
public interface EngineListener
{
    /** {@code changedBids}/{@code changedAsks} hold {price, qty} best first; qty 0 means the level was removed. */
    void onDepthChange(
        String symbol,
        long firstUpdateId,
        long lastUpdateId,
        long eventTimeMs,
        List<long[]> changedBids,
        List<long[]> changedAsks);

    void onPublicTrade(
        String symbol,
        long tradeId,
        long price,
        long qty,
        boolean buyerIsMaker,
        long timeMs,
        long buyerOrderId,
        long sellerOrderId);

    /** {@code executionType} is one of NEW, CANCELED, TRADE, EXPIRED, REJECTED, TRADE_PREVENTION. */
    void onOrderUpdate(long accountId, OrderView order, String executionType, Fill lastFill, long eventTimeMs);

    void onBalanceUpdate(long accountId, List<BalanceView> changed, long eventTimeMs);
}
