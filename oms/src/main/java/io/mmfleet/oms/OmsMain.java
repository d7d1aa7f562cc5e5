package io.mmfleet.oms;

import io.mmfleet.bus.runtime.DaemonLauncher;

/** {@code bin/oms}: strategies' order requests through pre-trade risk to the exec-handlers, and order states back. */
public final class OmsMain
{
    private OmsMain()
    {
    }

    public static void main(final String[] args)
    {
        DaemonLauncher.main(OmsConfig.SECTION, OmsApp::new, args);
    }
}
