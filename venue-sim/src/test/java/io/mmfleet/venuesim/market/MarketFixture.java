package io.mmfleet.venuesim.market;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.mmfleet.venuesim.engine.Asset;
import io.mmfleet.venuesim.engine.BalanceView;
import io.mmfleet.venuesim.engine.EngineListener;
import io.mmfleet.venuesim.engine.Fill;
import io.mmfleet.venuesim.engine.InstrumentSpec;
import io.mmfleet.venuesim.engine.MatchingEngine;
import io.mmfleet.venuesim.engine.OrderStatus;
import io.mmfleet.venuesim.engine.OrderView;

import org.agrona.collections.LongHashSet;

/**
 * An engine with ETHUSDT (price scale 2, qty scale 3, min notional 5 USDT) whose listener records the public tape and
 * which of a watched account's orders have filled completely.
 */
final class MarketFixture implements EngineListener
{
    static final String SYMBOL = "ETHUSDT";

    final AtomicLong clock = new AtomicLong(1_700_000_000_000L);
    final MatchingEngine engine = new MatchingEngine(clock::get, this);
    final List<String> tape = new ArrayList<>();
    final LongHashSet filledOrderIds = new LongHashSet();
    private final long watchedAccount;

    MarketFixture(final long watchedAccount)
    {
        this.watchedAccount = watchedAccount;
        engine.addAsset(new Asset("ETH", 8));
        engine.addAsset(new Asset("USDT", 8));
        engine.addInstrument(new InstrumentSpec(SYMBOL, "ETH", "USDT", 2, 3,
            1, 1, 0, 1, 1, 1_000_000_000L, 500_000_000L, 0));
    }

    @Override
    public void onDepthChange(
        final String symbol, final long firstUpdateId, final long lastUpdateId, final long eventTimeMs,
        final List<long[]> changedBids, final List<long[]> changedAsks)
    {
    }

    @Override
    public void onPublicTrade(
        final String symbol, final long tradeId, final long price, final long qty, final boolean buyerIsMaker,
        final long timeMs, final long buyerOrderId, final long sellerOrderId)
    {
        tape.add(tradeId + " " + qty + "@" + price + " " + buyerIsMaker + " " + timeMs + " " + buyerOrderId + "/" +
            sellerOrderId);
    }

    @Override
    public void onOrderUpdate(
        final long accountId, final OrderView order, final String executionType, final Fill lastFill,
        final long eventTimeMs)
    {
        if (accountId == watchedAccount && order.status() == OrderStatus.FILLED)
        {
            filledOrderIds.add(order.orderId());
        }
    }

    @Override
    public void onBalanceUpdate(final long accountId, final List<BalanceView> changed, final long eventTimeMs)
    {
    }

    long free(final long account, final String asset)
    {
        for (final BalanceView balance : engine.balances(account))
        {
            if (balance.asset().equals(asset))
            {
                return balance.free();
            }
        }
        throw new AssertionError("no balance " + asset);
    }

    long held(final long account, final String asset)
    {
        for (final BalanceView balance : engine.balances(account))
        {
            if (balance.asset().equals(asset))
            {
                return balance.free() + balance.locked();
            }
        }
        throw new AssertionError("no balance " + asset);
    }
}
