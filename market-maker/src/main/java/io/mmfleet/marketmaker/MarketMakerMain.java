package io.mmfleet.marketmaker;

import io.mmfleet.bus.runtime.DaemonLauncher;

/** {@code bin/market-maker}: books, inventory and venue rules in; post-only quotes to the OMS and strategy events out. */
public final class MarketMakerMain
{
    private MarketMakerMain()
    {
    }

    public static void main(final String[] args)
    {
        DaemonLauncher.main(MarketMakerConfig.SECTION, MarketMakerApp::new, args);
    }
}
