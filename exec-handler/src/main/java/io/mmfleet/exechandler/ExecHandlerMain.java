package io.mmfleet.exechandler;

import io.mmfleet.bus.runtime.DaemonLauncher;

/** {@code bin/exec-handler}: order commands from the bus to the venue, and what the venue says back. */
public final class ExecHandlerMain
{
    private ExecHandlerMain()
    {
    }

    public static void main(final String[] args)
    {
        DaemonLauncher.main(ExecHandlerConfig.SECTION, ExecHandlerApp::new, args);
    }
}
