package io.mmfleet.positionserver;

import io.mmfleet.bus.runtime.DaemonLauncher;

import java.util.Arrays;

/**
 * {@code bin/position-server}: the daemon (fills in, positions out), or with {@code report} as the
 * first argument, the positions and PnL printed from the ledger without the bus.
 */
public final class PositionServerMain
{
    private PositionServerMain()
    {
    }

    public static void main(final String[] args)
    {
        if (args.length > 0 && ReportCommand.NAME.equals(args[0]))
        {
            System.exit(ReportCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        DaemonLauncher.main(PositionServerConfig.SECTION, PositionServerApp::new, args);
    }
}
