package io.mmfleet.quoteserver;

import io.mmfleet.bus.runtime.DaemonLauncher;

/** {@code bin/quote-server}: venue market data to local books to the bus. */
public final class QuoteServerMain
{
    private QuoteServerMain()
    {
    }

    public static void main(final String[] args)
    {
        DaemonLauncher.main(QuoteServerConfig.SECTION, QuoteServerApp::new, args);
    }
}
