package io.mmfleet.busctl;

import io.mmfleet.bus.config.ConfigException;
import io.mmfleet.busctl.watch.WatchCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code busctl}: tails the bus and sends control commands. Exit codes: 0 ok, 1 runtime failure
 * (nobody subscribed, no ack, a crash), 2 usage or configuration error.
 */
@Command(
    name = "busctl",
    mixinStandardHelpOptions = true,
    version = "busctl 0.1.0",
    description = "Tail the mmfleet bus, send control commands, watch the fleet trade.",
    subcommands = {SniffCommand.class, SendCommand.class, WatchCommand.class, CommandLine.HelpCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:ok", "1:runtime failure (no subscriber, no ack, I/O)", "2:usage or configuration error"})
public final class BusCtl
{
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_USAGE = 2;

    private BusCtl()
    {
    }

    public static void main(final String[] args)
    {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine()
    {
        final CommandLine commandLine = new CommandLine(BusCtl.class);
        commandLine.setExecutionExceptionHandler((ex, cmd, parseResult) ->
        {
            if (ex instanceof ConfigException || ex instanceof UsageException)
            {
                cmd.getErr().println("busctl: " + ex.getMessage());
                return EXIT_USAGE;
            }
            if (ex instanceof CommandFailure)
            {
                cmd.getErr().println("busctl: " + ex.getMessage());
                return EXIT_FAILURE;
            }
            cmd.getErr().println("busctl: " + ex);
            ex.printStackTrace(cmd.getErr());
            return EXIT_FAILURE;
        });
        return commandLine;
    }
}
