package io.mmfleet.venuesim.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One account's orders and trades on one symbol. Closed orders and trades are retained up to a bound so that a
 * long-running simulator (whose market account trades without end) keeps constant memory.
 */
final class AccountSymbolOrders
{
    static final int RETAINED_CLOSED_ORDERS = 1_000;
    static final int RETAINED_TRADES = 10_000;

    /** Open orders by client order id, in placement order (which is also order id order). */
    final Map<String, Order> openByClientOrderId = new LinkedHashMap<>();
    private final ArrayDeque<Order> closed = new ArrayDeque<>();
    private final ArrayDeque<TradeView> trades = new ArrayDeque<>();

    void retainClosed(final Order order)
    {
        if (closed.size() == RETAINED_CLOSED_ORDERS)
        {
            closed.pollFirst();
        }
        closed.addLast(order);
    }

    void retainTrade(final TradeView trade)
    {
        if (trades.size() == RETAINED_TRADES)
        {
            trades.pollFirst();
        }
        trades.addLast(trade);
    }

    Order findClosed(final long orderId, final String clientOrderId)
    {
        for (final Iterator<Order> it = closed.descendingIterator(); it.hasNext(); )
        {
            final Order order = it.next();
            if (orderId >= 0 ? order.orderId == orderId : order.clientOrderId.equals(clientOrderId))
            {
                return order;
            }
        }
        return null;
    }

    /** Trades with id at or above {@code fromId}, oldest first; with {@code fromId} -1 the most recent ones. */
    List<TradeView> trades(final long fromId, final int limit)
    {
        final ArrayList<TradeView> result = new ArrayList<>(Math.min(limit, trades.size()));
        if (fromId < 0)
        {
            final int skip = Math.max(0, trades.size() - limit);
            int index = 0;
            for (final TradeView trade : trades)
            {
                if (index++ >= skip)
                {
                    result.add(trade);
                }
            }
        }
        else
        {
            for (final TradeView trade : trades)
            {
                if (trade.tradeId() >= fromId)
                {
                    result.add(trade);
                    if (result.size() == limit)
                    {
                        break;
                    }
                }
            }
        }
        return result;
    }
}
