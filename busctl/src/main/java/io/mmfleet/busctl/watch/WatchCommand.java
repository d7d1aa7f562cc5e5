package io.mmfleet.busctl.watch;

import io.mmfleet.bus.BusSubscriber;
import io.mmfleet.bus.config.DaemonEndpoint;
import io.mmfleet.bus.config.DurationConverter;
import io.mmfleet.busctl.BusCtl;
import io.mmfleet.busctl.BusctlConfig;
import io.mmfleet.busctl.StopSignals;
import io.mmfleet.busctl.UsageException;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.zeromq.ZContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** {@code busctl watch}: the fleet trading, one status line per second, and a report at the end. */
@Command(
    name = "watch",
    mixinStandardHelpOptions = true,
    description = {
        "Watch the fleet trade: one status line per second per instrument, then a report.",
        "",
        "Subscribes to every daemon PUB_ENDPOINT of the INI for BookUpdate (md.*: the mid), QuoteIntent (evt: our " +
            "quotes), PositionUpdate and HedgeTarget (pos: inventory, PnL, fees, maker volume) and ExecutionReport " +
            "(exec.*: fills, each counted once by venue, trade id and order id). Each second it also reads the " +
            "exec-handler's /metrics (the [exec-handler] HTTP_PORT) for tick-to-order latency " +
            "(exec_handler_tick_to_order_seconds: p50 and p99, 'n/a' while absent).",
        "",
        "Line: 'HH:MM:SS INSTRUMENT mid=.. bid=PRICExQTY ask=PRICExQTY inv=.. pnl=.. fills=.. t2o p50=.. p99=..' " +
            "(UTC; '-' for what has not been seen; pnl is realized + unrealized, marked to mid). Decimals are exact.",
        "",
        "On --duration or SIGINT/SIGTERM it prints the report (fills, volume, maker volume, fees, realized and marked " +
            "PnL, position, max |inventory|, tick-to-order p50/p99/p99.9 and count, bus gaps and bad frames) and " +
            "exits 0. Frames that do not decode are named on stderr and counted, never fatal. Prints " +
            "'# watching <endpoints>' on stderr once subscribed.",
        ""})
public final class WatchCommand implements Callable<Integer>
{
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final String EXEC_HANDLER = "exec-handler";

    @Spec
    private CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", defaultValue = "config/fleet.ini",
        description = "Fleet INI: every daemon PUB_ENDPOINT is watched, [exec-handler] HTTP_PORT is scraped. Default ${DEFAULT-VALUE}.")
    private Path config;

    @Option(names = "--duration", paramLabel = "D", converter = DurationConverter.class,
        description = "Print the report and exit after this long, e.g. 60s. Default: until SIGINT/SIGTERM.")
    private Duration duration;

    @Option(names = "--interval", paramLabel = "D", converter = DurationConverter.class, defaultValue = "1s",
        description = "Time between status lines. Default ${DEFAULT-VALUE}.")
    private Duration interval;

    @Option(names = "--metrics-host", paramLabel = "HOST", defaultValue = "127.0.0.1",
        description = "Host of the exec-handler's /metrics. Default ${DEFAULT-VALUE}.")
    private String metricsHost;

    @Override
    public Integer call()
    {
        final BusctlConfig loaded = BusctlConfig.load(config);
        final List<String> endpoints = new ArrayList<>();
        for (final DaemonEndpoint daemon : loaded.fleet().daemons())
        {
            endpoints.add(daemon.pubEndpoint());
        }
        // Without an [exec-handler] there is no tick-to-order to read: the figures stay n/a.
        final MetricsScraper metrics = loaded.fleet().daemons().stream().filter(daemon -> daemon.name().equals(EXEC_HANDLER)).findFirst()
            .map(execHandler -> new MetricsScraper(
                URI.create("http://" + metricsHost + ":" + execHandler.httpPort() + "/metrics"), Duration.ofMillis(500)))
            .orElse(null);

        // Straight to fd 1, as sniff does: System.out's PrintStream would hide a closed pipe.
        final PrintWriter out = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8));
        final PrintWriter err = spec.commandLine().getErr();
        final FleetWatch watch = new FleetWatch(loaded.fleet().instruments(), err);
        final StopSignals stop = StopSignals.install();
        final long startNs = System.nanoTime();
        final long deadlineNs = duration == null ? Long.MAX_VALUE : startNs + duration.toNanos();
        final IdleStrategy idle = new BackoffIdleStrategy(10, 10, TimeUnit.MICROSECONDS.toNanos(10), TimeUnit.MILLISECONDS.toNanos(1));
        try (ZContext zmq = new ZContext(1);
             BusSubscriber subscriber = new BusSubscriber(zmq, (int)loaded.fleet().bus().receiveHwm(), watch))
        {
            // Subscribed before connecting: each publisher then gets every prefix at the handshake.
            for (final String topic : FleetWatch.TOPICS)
            {
                subscriber.subscribe(topic);
            }
            for (final String endpoint : endpoints)
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
            err.println("# watching " + String.join(" ", endpoints) + " metrics " + (metrics == null ? "none (no [exec-handler])" : metrics.uri()));
            err.flush();
            long nextLineNs = startNs + interval.toNanos();
            while (!stop.requested() && System.nanoTime() < deadlineNs && !out.checkError())
            {
                idle.idle(subscriber.poll(watch, 256));
                final long nowNs = System.nanoTime();
                if (nowNs >= nextLineNs)
                {
                    final TickToOrder latency = metrics == null ? TickToOrder.UNKNOWN : metrics.scrape();
                    final String time = LocalTime.now(ZoneOffset.UTC).format(TIME);
                    watch.statusLines(time, latency).forEach(out::println);
                    out.flush();
                    // On the beat, but never two lines at once after a slow scrape.
                    nextLineNs = Math.max(nextLineNs + interval.toNanos(), System.nanoTime() + interval.toNanos() / 2);
                }
            }
            // What arrived up to the end counts.
            int drained;
            do
            {
                drained = subscriber.poll(watch, 256);
            }
            while (drained > 0);
        }
        final TickToOrder latency = metrics == null ? TickToOrder.UNKNOWN : metrics.scrape();
        final double watchedSeconds = (System.nanoTime() - startNs) / 1e9;
        watch.report(watchedSeconds, latency == TickToOrder.UNKNOWN && metrics != null ? metrics.lastAnswered() : latency).forEach(out::println);
        out.flush();
        return BusCtl.EXIT_OK;
    }
}
