package io.mmfleet.venuesim.market;

import java.util.List;

import io.mmfleet.venuesim.engine.EngineReject;
import io.mmfleet.venuesim.engine.MatchingEngine;
import io.mmfleet.venuesim.engine.NewOrder;
import io.mmfleet.venuesim.engine.OrderType;
import io.mmfleet.venuesim.engine.Side;
import io.mmfleet.venuesim.engine.StpMode;
import io.mmfleet.venuesim.engine.TimeInForce;

/**
 * The market account's resting orders on one symbol. Each refresh replaces them wholesale with post-only orders:
 * background liquidity never takes, so a level that would cross another account's order is left out rather than
 * turned into a trade nobody asked for. A level the symbol's filters refuse is a configuration error for a generated
 * ladder, but ordinary in recorded data (dust levels under the minimum notional), so the caller chooses.
 */
final class BackgroundLiquidity
{
    private final MatchingEngine engine;
    private final String symbol;
    private final boolean skipFilteredLevels;
    private long skippedLevels;

    BackgroundLiquidity(final MatchingEngine engine, final String symbol, final boolean skipFilteredLevels)
    {
        this.engine = engine;
        this.symbol = symbol;
        this.skipFilteredLevels = skipFilteredLevels;
    }

    /** Levels left out because the symbol's filters refused them (only counted when skipping is enabled). */
    long skippedLevels()
    {
        return skippedLevels;
    }

    /** Replaces the market account's orders with {@code {price, qty}} levels; returns how many were placed. */
    int replace(final List<long[]> bids, final List<long[]> asks)
    {
        cancelAll();
        return place(Side.BUY, bids) + place(Side.SELL, asks);
    }

    void cancelAll()
    {
        if (!engine.openOrders(MarketAccount.ID, symbol).isEmpty())
        {
            engine.cancelAll(MarketAccount.ID, symbol);
        }
    }

    private int place(final Side side, final List<long[]> levels)
    {
        int placed = 0;
        for (final long[] level : levels)
        {
            try
            {
                engine.place(new NewOrder(MarketAccount.ID, symbol, null, side, OrderType.LIMIT_MAKER,
                    TimeInForce.GTC, level[0], level[1], 0, StpMode.NONE, engine.serverTimeMs()));
                placed++;
            }
            catch (final EngineReject reject)
            {
                if (reject.reason() != EngineReject.Reason.POST_ONLY_WOULD_MATCH)
                {
                    if (!skipFilteredLevels || !isFilter(reject.reason()))
                    {
                        throw reject;
                    }
                    skippedLevels++;
                }
            }
        }
        return placed;
    }

    private static boolean isFilter(final EngineReject.Reason reason)
    {
        return reason == EngineReject.Reason.PRICE_FILTER || reason == EngineReject.Reason.LOT_SIZE ||
            reason == EngineReject.Reason.NOTIONAL;
    }
}
