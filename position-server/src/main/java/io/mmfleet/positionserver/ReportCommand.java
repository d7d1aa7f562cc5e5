package io.mmfleet.positionserver;

import io.mmfleet.bus.config.ConfigException;
import io.mmfleet.bus.config.FleetConfig;
import io.mmfleet.bus.config.Instrument;
import io.mmfleet.bus.runtime.DaemonLauncher;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code bin/position-server report}: positions and PnL from the fills ledger named by the INI's
 * LEDGER_URL, with no bus, so it works whether the daemon runs or not (SQLite's WAL lets it read
 * while the daemon writes). Exit codes as the daemons': 0 printed, 2 bad command line or INI, 1 no
 * ledger or an unreadable one.
 */
final class ReportCommand
{
    static final String NAME = "report";

    @Command(name = NAME, mixinStandardHelpOptions = true,
        description = "Prints positions and PnL per venue/instrument/strategy from the fills ledger (no bus needed).")
    static final class Options
    {
        @Option(names = "--config", defaultValue = "config/fleet.ini", description = "INI file (default: ${DEFAULT-VALUE})")
        Path config;
    }

    private ReportCommand()
    {
    }

    static int run(final String[] args, final PrintStream out, final PrintStream err)
    {
        final Options options = new Options();
        final CommandLine commandLine = new CommandLine(options).setCommandName("position-server " + NAME);
        try
        {
            commandLine.parseArgs(args);
        }
        catch (final CommandLine.ParameterException ex)
        {
            err.println("position-server " + NAME + ": " + ex.getMessage());
            commandLine.usage(err);
            return ConfigException.EXIT_CODE;
        }
        if (commandLine.isUsageHelpRequested())
        {
            commandLine.usage(out);
            return 0;
        }
        final FleetConfig fleet;
        final PositionServerConfig config;
        try
        {
            fleet = FleetConfig.load(options.config, List.of(PositionServerConfig.SPEC));
            config = PositionServerConfig.from(fleet);
        }
        catch (final ConfigException ex)
        {
            err.println(ex.getMessage());
            return ConfigException.EXIT_CODE;
        }
        // Opening a missing ledger would create an empty one: a typo in LEDGER_URL must not print "no fills".
        final Path file = SqliteUrlType.path(config.ledgerUrl());
        if (!Files.isRegularFile(file))
        {
            err.println("position-server " + NAME + ": no fills ledger at " + file + " (LEDGER_URL " + config.ledgerUrl() + ")");
            return DaemonLauncher.EXIT_FATAL;
        }
        try (FillLedger ledger = FillLedger.open(config.ledgerUrl()))
        {
            out.print(new PositionReport(id -> fleet.instruments().byId(id).map(Instrument::name).orElse(null)).render(ledger));
            out.flush();
            return 0;
        }
        catch (final LedgerException | IllegalArgumentException | ArithmeticException ex)
        {
            err.println("position-server " + NAME + ": " + ex.getMessage());
            return DaemonLauncher.EXIT_FATAL;
        }
    }
}
