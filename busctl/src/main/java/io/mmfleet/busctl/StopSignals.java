package io.mmfleet.busctl;

import sun.misc.Signal;

/**
 * SIGINT and SIGTERM ask a long-running command to finish its loop and exit 0 — a shutdown hook
 * cannot, since the JVM then exits 130/143 whatever the hook does.
 */
public final class StopSignals
{
    private volatile boolean requested;

    private StopSignals()
    {
    }

    public static StopSignals install()
    {
        final StopSignals signals = new StopSignals();
        Signal.handle(new Signal("INT"), signal -> signals.requested = true);
        Signal.handle(new Signal("TERM"), signal -> signals.requested = true);
        return signals;
    }

    public boolean requested()
    {
        return requested;
    }
}
