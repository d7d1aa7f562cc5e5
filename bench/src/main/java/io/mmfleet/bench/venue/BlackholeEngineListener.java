package io.mmfleet.bench.venue;

import io.mmfleet.venuesim.engine.BalanceView;
import io.mmfleet.venuesim.engine.EngineListener;
import io.mmfleet.venuesim.engine.Fill;
import io.mmfleet.venuesim.engine.OrderView;
import org.openjdk.jmh.infra.Blackhole;

import java.util.List;

/**
 * Hands every engine event to a JMH {@link Blackhole}, so the JIT cannot drop the views and lists the engine builds
 * for its listener (a real front end serialises all of them), and counts the events so a test can see what an
 * operation did.
 */
public final class BlackholeEngineListener implements EngineListener
{
    private final Blackhole blackhole;
    private long depthChanges;
    private long publicTrades;
    private long orderUpdates;
    private long balanceUpdates;

    public BlackholeEngineListener(final Blackhole blackhole)
    {
        this.blackhole = blackhole;
    }

    @Override
    public void onDepthChange(
        final String symbol,
        final long firstUpdateId,
        final long lastUpdateId,
        final long eventTimeMs,
        final List<long[]> changedBids,
        final List<long[]> changedAsks)
    {
        depthChanges++;
        blackhole.consume(symbol);
        blackhole.consume(firstUpdateId);
        blackhole.consume(lastUpdateId);
        blackhole.consume(eventTimeMs);
        blackhole.consume(changedBids);
        blackhole.consume(changedAsks);
    }

    @Override
    public void onPublicTrade(
        final String symbol,
        final long tradeId,
        final long price,
        final long qty,
        final boolean buyerIsMaker,
        final long timeMs,
        final long buyerOrderId,
        final long sellerOrderId)
    {
        publicTrades++;
        blackhole.consume(symbol);
        blackhole.consume(tradeId);
        blackhole.consume(price);
        blackhole.consume(qty);
        blackhole.consume(buyerIsMaker);
        blackhole.consume(timeMs);
        blackhole.consume(buyerOrderId);
        blackhole.consume(sellerOrderId);
    }

    @Override
    public void onOrderUpdate(
        final long accountId, final OrderView order, final String executionType, final Fill lastFill,
        final long eventTimeMs)
    {
        orderUpdates++;
        blackhole.consume(accountId);
        blackhole.consume(order);
        blackhole.consume(executionType);
        blackhole.consume(lastFill);
        blackhole.consume(eventTimeMs);
    }

    @Override
    public void onBalanceUpdate(final long accountId, final List<BalanceView> changed, final long eventTimeMs)
    {
        balanceUpdates++;
        blackhole.consume(accountId);
        blackhole.consume(changed);
        blackhole.consume(eventTimeMs);
    }

    public long depthChanges()
    {
        return depthChanges;
    }

    public long publicTrades()
    {
        return publicTrades;
    }

    public long orderUpdates()
    {
        return orderUpdates;
    }

    public long balanceUpdates()
    {
        return balanceUpdates;
    }
}
