package io.mmfleet.fleettests;

import io.mmfleet.bus.EpochClock;
import io.mmfleet.venuesim.engine.BalanceView;
import io.mmfleet.venuesim.engine.EngineListener;
import io.mmfleet.venuesim.engine.Fill;
import io.mmfleet.venuesim.engine.OrderView;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What venue-sim's engine did to one account's orders, each event stamped on arrival with the bus's
 * epoch-ns clock ({@link EpochClock}), so a time on the venue can be set against a message's
 * {@code sendNs}. Runs on the engine thread: it only appends.
 */
final class VenueEvents implements EngineListener
{
    /** One order update: the engine's execution type (NEW, CANCELED, TRADE, EXPIRED, ...) and the order after it. */
    record OrderEvent(long epochNs, String executionType, long orderId, String clientOrderId, String side, String type, String status)
    {
    }

    private final long accountId;
    private final EpochClock clock = new EpochClock();
    private final List<OrderEvent> events = new CopyOnWriteArrayList<>();

    VenueEvents(final long accountId)
    {
        this.accountId = accountId;
    }

    List<OrderEvent> events()
    {
        return List.copyOf(events);
    }

    /** Events of this execution type at or after {@code fromNs}. */
    List<OrderEvent> since(final long fromNs, final String executionType)
    {
        return events.stream().filter(e -> e.epochNs() >= fromNs && e.executionType().equals(executionType)).toList();
    }

    /**
     * Order ids open on the venue just before {@code atNs}: the last event of each before then left it
     * NEW or PARTIALLY_FILLED.
     */
    Set<Long> openBefore(final long atNs)
    {
        final Map<Long, String> lastStatus = new HashMap<>();
        events.stream().filter(e -> e.epochNs() < atNs).forEach(e -> lastStatus.put(e.orderId(), e.status()));
        final Set<Long> open = new HashSet<>();
        lastStatus.forEach((orderId, status) ->
        {
            if ("NEW".equals(status) || "PARTIALLY_FILLED".equals(status))
            {
                open.add(orderId);
            }
        });
        return open;
    }

    @Override
    public void onOrderUpdate(final long accountId, final OrderView order, final String executionType, final Fill lastFill, final long eventTimeMs)
    {
        if (accountId == this.accountId)
        {
            events.add(new OrderEvent(clock.nanoTime(), executionType, order.orderId(), order.clientOrderId(), order.side().name(),
                order.type().name(), order.status().name()));
        }
    }

    @Override
    public void onDepthChange(final String symbol, final long firstUpdateId, final long lastUpdateId, final long eventTimeMs,
        final List<long[]> changedBids, final List<long[]> changedAsks)
    {
    }

    @Override
    public void onPublicTrade(final String symbol, final long tradeId, final long price, final long qty, final boolean buyerIsMaker,
        final long timeMs, final long buyerOrderId, final long sellerOrderId)
    {
    }

    @Override
    public void onBalanceUpdate(final long accountId, final List<BalanceView> changed, final long eventTimeMs)
    {
    }
}
