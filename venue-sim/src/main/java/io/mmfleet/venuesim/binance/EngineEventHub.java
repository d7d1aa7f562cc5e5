package io.mmfleet.venuesim.binance;

import io.mmfleet.venuesim.engine.BalanceView;
import io.mmfleet.venuesim.engine.EngineListener;
import io.mmfleet.venuesim.engine.Fill;
import io.mmfleet.venuesim.engine.OrderView;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's one listener, fanning events out to the front end's consumers (market streams, user data streams).
 * The engine is built before its consumers exist, so they attach here later. A consumer that throws is logged and
 * the others still get the event: a broken subscriber must not stop the engine.
 */
public final class EngineEventHub implements EngineListener
{
    private static final Logger LOG = LoggerFactory.getLogger(EngineEventHub.class);

    private final List<EngineListener> listeners = new CopyOnWriteArrayList<>();

    public void attach(final EngineListener listener)
    {
        listeners.add(listener);
    }

    @Override
    public void onDepthChange(final String symbol, final long firstUpdateId, final long lastUpdateId,
        final long eventTimeMs, final List<long[]> changedBids, final List<long[]> changedAsks)
    {
        for (final EngineListener listener : listeners)
        {
            try
            {
                listener.onDepthChange(symbol, firstUpdateId, lastUpdateId, eventTimeMs, changedBids, changedAsks);
            }
            catch (final RuntimeException ex)
            {
                LOG.error("event=listener_failure kind=depth", ex);
            }
        }
    }

    @Override
    public void onPublicTrade(final String symbol, final long tradeId, final long price, final long qty,
        final boolean buyerIsMaker, final long timeMs, final long buyerOrderId, final long sellerOrderId)
    {
        for (final EngineListener listener : listeners)
        {
            try
            {
                listener.onPublicTrade(symbol, tradeId, price, qty, buyerIsMaker, timeMs, buyerOrderId, sellerOrderId);
            }
            catch (final RuntimeException ex)
            {
                LOG.error("event=listener_failure kind=trade", ex);
            }
        }
    }

    @Override
    public void onOrderUpdate(final long accountId, final OrderView order, final String executionType,
        final Fill lastFill, final long eventTimeMs)
    {
        for (final EngineListener listener : listeners)
        {
            try
            {
                listener.onOrderUpdate(accountId, order, executionType, lastFill, eventTimeMs);
            }
            catch (final RuntimeException ex)
            {
                LOG.error("event=listener_failure kind=order", ex);
            }
        }
    }

    @Override
    public void onBalanceUpdate(final long accountId, final List<BalanceView> changed, final long eventTimeMs)
    {
        for (final EngineListener listener : listeners)
        {
            try
            {
                listener.onBalanceUpdate(accountId, changed, eventTimeMs);
            }
            catch (final RuntimeException ex)
            {
                LOG.error("event=listener_failure kind=balance", ex);
            }
        }
    }
}
