package io.mmfleet.busctl;

import io.mmfleet.bus.BusSubscriber;
import io.mmfleet.bus.config.DaemonEndpoint;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.zeromq.ZContext;
import io.mmfleet.bus.config.DurationConverter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** {@code busctl sniff}: subscribes to publishers and prints every message, gap and restart. */
@Command(
    name = "sniff",
    mixinStandardHelpOptions = true,
    description = {
        "Print every message on the bus, decoded, one line each.",
        "",
        "Connects to every daemon PUB_ENDPOINT of the INI and/or the given --endpoint(s) and prints " +
            "'time topic src=.. run=.. seq=.. origin=.. Name field=value ...' per message, or one JSON object with --json " +
            "(decimals as exact strings, envelope under \"envelope\"). Prints GAP lines for missing sequences, RESTART lines " +
            "when a source's run id changes, and ERROR lines with a hex dump for anything that does not decode; bad input " +
            "never stops it. Each line is flushed, so piping into jq works.",
        "",
        "Exits 0 after --count messages, after --duration, or on SIGINT/SIGTERM. Prints '# sniffing <endpoints>' on " +
            "stderr once subscribed.",
        ""})
final class SniffCommand implements Callable<Integer>
{
    private static final int DEFAULT_RECEIVE_HWM = 100_000;

    @Spec
    private CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE",
        description = "Fleet INI; its daemons' PUB_ENDPOINTs are sniffed. Default config/fleet.ini unless --endpoint is given.")
    private Path config;

    @Option(names = "--endpoint", paramLabel = "ENDPOINT", description = "A PUB endpoint to sniff, e.g. tcp://127.0.0.1:7103 (repeatable).")
    private List<String> endpoints = new ArrayList<>();

    @Option(names = "--topic", paramLabel = "PREFIX", description = "Topic prefix to subscribe to (repeatable); default everything.")
    private List<String> topics = new ArrayList<>();

    @Option(names = "--json", description = "One JSON object per line instead of text.")
    private boolean json;

    @Option(names = "--count", paramLabel = "N", description = "Exit after N messages (ERROR lines count, GAP/RESTART lines do not).")
    private long count = Long.MAX_VALUE;

    @Option(names = "--duration", paramLabel = "D", converter = DurationConverter.class, description = "Exit after this long, e.g. 30s.")
    private Duration duration;

    @Override
    public Integer call()
    {
        if (count <= 0)
        {
            throw new UsageException("--count must be positive, got " + count);
        }
        final Set<String> sniffed = new LinkedHashSet<>();
        int receiveHwm = DEFAULT_RECEIVE_HWM;
        if (config != null || endpoints.isEmpty())
        {
            final BusctlConfig loaded = BusctlConfig.load(config != null ? config : Path.of("config", "fleet.ini"));
            receiveHwm = (int)loaded.fleet().bus().receiveHwm();
            for (final DaemonEndpoint daemon : loaded.fleet().daemons())
            {
                sniffed.add(daemon.pubEndpoint());
            }
        }
        sniffed.addAll(endpoints);

        // Straight to fd 1, not through System.out, whose PrintStream swallows EPIPE: when the reader of
        // a pipe (| head -1) goes away, the next line fails and sniff stops.
        final PrintWriter out = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8));
        final PrintWriter err = spec.commandLine().getErr();
        final SniffPrinter printer = new SniffPrinter(new MessageDecoder(SchemaIr.load()), out, json);
        final StopSignals stop = StopSignals.install();
        final long deadlineNs = duration == null ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
        final IdleStrategy idle = new BackoffIdleStrategy(10, 10, TimeUnit.MICROSECONDS.toNanos(10), TimeUnit.MILLISECONDS.toNanos(1));
        try (ZContext zmq = new ZContext(1);
             BusSubscriber subscriber = new BusSubscriber(zmq, receiveHwm, printer))
        {
            for (final String endpoint : sniffed)
            {
                try
                {
                    subscriber.connect(endpoint);
                }
                catch (final RuntimeException ex)
                {
                    throw new UsageException("cannot connect to " + endpoint + ": " + ex.getMessage());
                }
            }
            if (topics.isEmpty())
            {
                subscriber.subscribe("");
            }
            topics.forEach(subscriber::subscribe);
            err.println("# sniffing " + String.join(" ", sniffed));
            err.flush();
            while (!stop.requested() && printer.messageLines() < count && System.nanoTime() < deadlineNs && !printer.outputClosed())
            {
                idle.idle(subscriber.poll(printer, (int)Math.min(256, count - printer.messageLines())));
            }
        }
        return BusCtl.EXIT_OK;
    }
}
