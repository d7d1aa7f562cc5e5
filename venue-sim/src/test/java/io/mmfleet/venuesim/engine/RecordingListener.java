package io.mmfleet.venuesim.engine;

import java.util.ArrayList;
import java.util.List;

/** Records every engine event as one readable line, so tests can assert exact event sequences. */
final class RecordingListener implements EngineListener
{
    final List<String> events = new ArrayList<>();

    @Override
    public void onDepthChange(
        final String symbol, final long firstUpdateId, final long lastUpdateId, final long eventTimeMs,
        final List<long[]> changedBids, final List<long[]> changedAsks)
    {
        events.add("depth " + symbol + " " + firstUpdateId + "-" + lastUpdateId + " bids" + levels(changedBids) +
            " asks" + levels(changedAsks));
    }

    @Override
    public void onPublicTrade(
        final String symbol, final long tradeId, final long price, final long qty, final boolean buyerIsMaker,
        final long timeMs, final long buyerOrderId, final long sellerOrderId)
    {
        events.add("trade " + symbol + " #" + tradeId + " " + qty + "@" + price + (buyerIsMaker ? " buyerMaker" : "") +
            " buyer=" + buyerOrderId + " seller=" + sellerOrderId);
    }

    @Override
    public void onOrderUpdate(
        final long accountId, final OrderView order, final String executionType, final Fill lastFill,
        final long eventTimeMs)
    {
        events.add("order acct=" + accountId + " id=" + order.orderId() + " " + executionType + " " + order.status() +
            " exec=" + order.executedQty() + (lastFill == null ? "" : " fill=" + lastFill.qty() + "@" + lastFill.price()));
    }

    @Override
    public void onBalanceUpdate(final long accountId, final List<BalanceView> changed, final long eventTimeMs)
    {
        final StringBuilder line = new StringBuilder("balance acct=").append(accountId);
        for (final BalanceView balance : changed)
        {
            line.append(' ').append(balance.asset()).append('=').append(balance.free()).append('/').append(balance.locked());
        }
        events.add(line.toString());
    }

    List<String> drain()
    {
        final List<String> copy = new ArrayList<>(events);
        events.clear();
        return copy;
    }

    private static String levels(final List<long[]> levels)
    {
        final StringBuilder text = new StringBuilder("[");
        for (final long[] level : levels)
        {
            if (text.length() > 1)
            {
                text.append(' ');
            }
            text.append(level[1]).append('@').append(level[0]);
        }
        return text.append(']').toString();
    }
}
