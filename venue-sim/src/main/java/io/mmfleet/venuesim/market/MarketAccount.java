package io.mmfleet.venuesim.market;

import io.mmfleet.venuesim.engine.BalanceView;
import io.mmfleet.venuesim.engine.FeeSchedule;
import io.mmfleet.venuesim.engine.InstrumentSpec;
import io.mmfleet.venuesim.engine.MatchingEngine;

/**
 * The account (id 0) through which background liquidity and takers trade, so every synthetic trade is a real engine
 * trade. It pays no fees and holds a quarter of a long of every asset it trades: a long-running market cannot drain
 * it, and the headroom above keeps every credit from overflowing.
 */
public final class MarketAccount
{
    public static final long ID = 0;
    static final long FUNDING = Long.MAX_VALUE / 4;

    private MarketAccount()
    {
    }

    /** Creates the account if needed and funds it in the symbol's base and quote asset. Call on the engine thread. */
    public static void ensureFunded(final MatchingEngine engine, final String symbol)
    {
        final InstrumentSpec spec = engine.instrument(symbol);
        if (!engine.hasAccount(ID))
        {
            engine.addAccount(ID, new FeeSchedule(0, 0));
        }
        fund(engine, spec.baseAsset());
        fund(engine, spec.quoteAsset());
    }

    private static void fund(final MatchingEngine engine, final String asset)
    {
        for (final BalanceView balance : engine.balances(ID))
        {
            if (balance.asset().equals(asset))
            {
                final long held = balance.free() + balance.locked();
                if (held < FUNDING)
                {
                    engine.deposit(ID, asset, FUNDING - held);
                }
                return;
            }
        }
    }
}
