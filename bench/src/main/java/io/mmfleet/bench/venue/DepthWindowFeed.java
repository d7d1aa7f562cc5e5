package io.mmfleet.bench.venue;

import io.mmfleet.venuesim.binance.DepthWindow;
import io.mmfleet.venuesim.engine.BalanceView;
import io.mmfleet.venuesim.engine.EngineListener;
import io.mmfleet.venuesim.engine.Fill;
import io.mmfleet.venuesim.engine.OrderView;

import java.util.List;

/**
 * An engine listener that does with depth changes what {@code MarketStreamServer.onDepthChange} does: fold them into
 * a {@link DepthWindow} under the window's lock. Order, trade and balance events are dropped: they feed other
 * streams.
 */
public final class DepthWindowFeed implements EngineListener
{
    private final DepthWindow window = new DepthWindow();
    private long depthChanges;

    public DepthWindow window()
    {
        return window;
    }

    public long depthChanges()
    {
        return depthChanges;
    }

    @Override
    public void onDepthChange(final String symbol, final long firstUpdateId, final long lastUpdateId,
        final long eventTimeMs, final List<long[]> changedBids, final List<long[]> changedAsks)
    {
        synchronized (window)
        {
            window.add(firstUpdateId, lastUpdateId, changedBids, changedAsks);
        }
        depthChanges++;
    }

    @Override
    public void onPublicTrade(final String symbol, final long tradeId, final long price, final long qty,
        final boolean buyerIsMaker, final long timeMs, final long buyerOrderId, final long sellerOrderId)
    {
    }

    @Override
    public void onOrderUpdate(final long accountId, final OrderView order, final String executionType,
        final Fill lastFill, final long eventTimeMs)
    {
    }

    @Override
    public void onBalanceUpdate(final long accountId, final List<BalanceView> changed, final long eventTimeMs)
    {
    }
}
