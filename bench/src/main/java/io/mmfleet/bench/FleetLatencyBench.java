package io.mmfleet.bench;

import io.mmfleet.bus.EpochClock;
import io.mmfleet.bus.config.DurationConverter;
import io.mmfleet.bus.runtime.IdleStrategies;
import org.agrona.concurrent.IdleStrategy;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tick-to-order latency through the fleet: venue-sim with its synthetic market at a stated update
 * rate, and quote-server, exec-handler, position-server, oms and market-maker as separate processes
 * from their launchers, on the shipped {@code config/fleet.ini} changed only where this class says
 * (free ports, files in a temporary directory, the market's rate, venue and OMS order limits lifted,
 * a market maker that requotes on every price move, every daemon's idle strategy). While the fleet
 * trades, three plain TCP one-way hops on loopback (a sender, two relay threads, a receiver) carry a
 * message at the same rate, timed with the same epoch clock: the floor. exec-handler's own
 * distribution (logged when it stops) is the fleet's figure. Prints progress, then the table.
 */
@Command(
    name = "bench fleet-latency",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = "Tick-to-order latency through the fleet (venue-sim + 5 daemons as processes) beside 3 plain TCP hops.")
public final class FleetLatencyBench implements Callable<Integer>
{
    static final int TCP_HOPS = 3;
    /** The fleet publishes 10-level books (quote-server TOP_LEVELS): the TCP chain carries a message of that size. */
    static final int TCP_MESSAGE_LEVELS = 10;
    private static final String[] JARS = {"venue-sim", "quote-server", "exec-handler", "position-server", "oms", "market-maker"};
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Pattern BOOK_UPDATES = Pattern.compile("(?m)^quote_server_book_updates_total (\\S+)$");

    @Spec
    private CommandSpec spec;

    @Option(names = "--root", paramLabel = "DIR", defaultValue = ".",
        description = "The repository: bin/, config/fleet.ini and the built jars (bin/bench passes its own; default: ${DEFAULT-VALUE}).")
    private Path root;

    @Option(names = "--duration", converter = DurationConverter.class, defaultValue = "30s", paramLabel = "D",
        description = "How long the fleet trades and the TCP chain is timed (default: ${DEFAULT-VALUE}).")
    private Duration duration;

    @Option(names = "--rate", defaultValue = "10", paramLabel = "N",
        description = "Synthetic market updates per second, 1..10, and the TCP chain's message rate (default: ${DEFAULT-VALUE}).")
    private int rate;

    @Option(names = "--idle", defaultValue = "backoff", paramLabel = "STRATEGY",
        description = "Every daemon's IDLE_STRATEGY and the TCP relays' idling: busy-spin, yielding, backoff, sleeping (default: ${DEFAULT-VALUE}).")
    private String idleStrategy;

    @Option(names = "--idle-sleep", converter = DurationConverter.class, defaultValue = "1ms", paramLabel = "D",
        description = "Every daemon's IDLE_SLEEP, and the relays' (default: ${DEFAULT-VALUE}).")
    private Duration idleSleep;

    @Option(names = "--heap", defaultValue = "256m", paramLabel = "SIZE", description = "-Xmx of every daemon (default: ${DEFAULT-VALUE}).")
    private String heap;

    @Option(names = "--keep", description = "Keep the run's directory (INI, logs, journals) even when the run succeeds.")
    private boolean keep;

    public static void main(final String[] args)
    {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine()
    {
        return new CommandLine(new FleetLatencyBench());
    }

    @Override
    public Integer call() throws Exception
    {
        final FleetLatencySettings settings;
        try
        {
            settings = new FleetLatencySettings(duration, rate, idleStrategy, idleSleep, heap).validate();
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ParameterException(spec.commandLine(), ex.getMessage(), ex);
        }
        final Path repository = root.toAbsolutePath().normalize();
        for (final String module : JARS)
        {
            if (!Files.isRegularFile(repository.resolve(module).resolve("target").resolve(module + ".jar")))
            {
                throw new ParameterException(spec.commandLine(), module + "/target/" + module + ".jar is not built under " + repository +
                    "; run: mvn -B -q package -DskipTests");
            }
        }
        final PrintWriter out = spec.commandLine().getOut();
        final Path work = Files.createTempDirectory("mmfleet-fleet-latency-");
        try
        {
            final FleetLatencyReport report = run(settings, repository, work, line ->
            {
                out.println(line);
                out.flush();
            });
            out.println();
            out.print(report.table());
            out.flush();
            if (keep)
            {
                out.println("run directory kept: " + work);
            }
            else
            {
                deleteTree(work);
            }
            return 0;
        }
        catch (final IllegalStateException | IllegalArgumentException ex)
        {
            final PrintWriter err = spec.commandLine().getErr();
            err.println("bench fleet-latency: " + ex.getMessage());
            err.println("run directory kept (INI, every daemon's log): " + work);
            err.flush();
            return 1;
        }
    }

    private static FleetLatencyReport run(
        final FleetLatencySettings settings, final Path repository, final Path work, final Consumer<String> progress)
        throws IOException, InterruptedException
    {
        final FleetPorts ports = FleetPorts.allocate();
        final Path ini = work.resolve("fleet.ini");
        final Path apiKey = work.resolve("secrets/mm.api-key");
        final Path secretKey = work.resolve("secrets/mm.secret-key");
        writeSecret(apiKey);
        writeSecret(secretKey);
        final String shipped = Files.readString(repository.resolve("config/fleet.ini"), StandardCharsets.UTF_8);
        Files.writeString(ini, overrides(settings, ports, work, apiKey, secretKey).applyTo(shipped), StandardCharsets.UTF_8);

        final String loadAtStart = FleetLatencyReport.loadAverage();
        try (FleetProcesses fleet = new FleetProcesses(repository, work, ini, "-Xms64m -Xmx" + settings.heap()))
        {
            progress.accept("run directory " + work);
            fleet.start("venue-sim");
            fleet.awaitLogLine("venue-sim", "event=listening", START_TIMEOUT);
            progress.accept("venue-sim up (synthetic ETHUSDT, MARKET_TICK " + settings.marketTick() + ")");
            // The OMS waits for exec-handler's definitions and open orders and position-server's positions;
            // the market maker for a book, a definition and an inventory: start them in that order.
            for (final String daemon : List.of("quote-server", "exec-handler", "position-server", "oms"))
            {
                startReady(fleet, daemon, ports, progress);
            }
            // Listening before the market maker's first order, so every order it causes is classified.
            final OriginCensus census = new OriginCensus(ports.pubEndpoint("quote-server"), ports.pubEndpoint("exec-handler"),
                ports.pubEndpoint("oms"));
            fleet.closeWith(census);
            startReady(fleet, "market-maker", ports, progress);

            final int quoteServerHttp = ports.httpPort("quote-server");
            final double booksBefore = counter(fleet.metrics(quoteServerHttp), BOOK_UPDATES);
            final long startNs = System.nanoTime();
            progress.accept("timing " + TCP_HOPS + " plain TCP hops at " + settings.rate() + " msgs/s for " + settings.duration().toSeconds() +
                " s while the fleet trades");
            final LatencyResult tcp = timeTcpChain(settings);
            final double bookUpdatesPerSecond = (counter(fleet.metrics(quoteServerHttp), BOOK_UPDATES) - booksBefore) * 1e9 /
                (System.nanoTime() - startNs);
            final String loadAverages = loadAtStart + " at the start, " + FleetLatencyReport.loadAverage() + " at the end";

            final List<String> died = fleet.exited();
            if (!died.isEmpty())
            {
                throw new IllegalStateException("died during the run: " + String.join(", ", died) + " (logs in " + work + ")");
            }
            // The market maker first, so no order is sent after exec-handler has logged its distribution.
            OriginCensus.Counts origins = null;
            for (final String daemon : List.of("market-maker", "exec-handler", "oms", "position-server", "quote-server", "venue-sim"))
            {
                final int exit = fleet.stop(daemon);
                // venue-sim stops in a JVM shutdown hook, so SIGTERM ends it with the signal's status, 128 + 15.
                if (exit != 0 && !(daemon.equals("venue-sim") && exit == 143))
                {
                    throw new IllegalStateException(daemon + " exited " + exit + " on SIGTERM; its log: " + fleet.log(daemon));
                }
                if (daemon.equals("market-maker"))
                {
                    origins = census.finish();
                }
            }
            progress.accept("fleet stopped");
            return new FleetLatencyReport(settings, bookUpdatesPerSecond, TickToOrderSummary.parse(fleet.logText("exec-handler")), origins, tcp,
                loadAverages);
        }
    }

    private static void startReady(final FleetProcesses fleet, final String daemon, final FleetPorts ports,
        final Consumer<String> progress) throws IOException
    {
        fleet.start(daemon);
        fleet.awaitHealthy(daemon, ports.httpPort(daemon), START_TIMEOUT);
        progress.accept(daemon + " ready");
    }

    /** The floor: {@link #TCP_HOPS} one-way TCP hops in this JVM, timed like the bus run (HopRun, LatencyRecorder). */
    static LatencyResult timeTcpChain(final FleetLatencySettings settings)
    {
        final EpochClock clock = new EpochClock();
        final Supplier<IdleStrategy> idle = () -> IdleStrategies.create(settings.idleStrategy(), settings.idleSleep());
        try (TcpHop chain = new TcpHop(TCP_MESSAGE_LEVELS, clock, TCP_HOPS, idle))
        {
            final LatencyRecorder recorder = new LatencyRecorder(clock, 0);
            final HopResult run = new HopRun(chain, idle.get(), TimeUnit.MILLISECONDS.toNanos(BusBenchSettings.QUIET_MILLIS),
                HopRun.CONNECT_TIMEOUT_NS).run(settings.rate(), settings.tcpMessages(), recorder);
            if (!run.noLoss())
            {
                throw new IllegalStateException(chain.name() + ": " + run.received() + " of " + run.sent() + " messages arrived");
            }
            return new LatencyResult(chain.name(), run, recorder.histogram());
        }
    }

    /** What the benchmark changes in the shipped INI. */
    static IniOverrides overrides(
        final FleetLatencySettings settings, final FleetPorts ports, final Path work, final Path apiKey, final Path secretKey)
    {
        final IniOverrides ini = new IniOverrides().set("bus", "CONTROL_ENDPOINT", "tcp://127.0.0.1:" + ports.control());
        for (int i = 0; i < FleetPorts.DAEMONS.length; i++)
        {
            final String daemon = FleetPorts.DAEMONS[i];
            ini.set(daemon, "PUB_ENDPOINT", "tcp://127.0.0.1:" + ports.pub()[i])
                .set(daemon, "HTTP_PORT", Integer.toString(ports.http()[i]))
                .set(daemon, "IDLE_STRATEGY", settings.idleStrategy())
                .set(daemon, "IDLE_SLEEP", settings.idleSleepText());
        }
        final String rest = "http://127.0.0.1:" + ports.venueRest();
        return ini
            .set("venue-sim", "REST_PORT", Integer.toString(ports.venueRest()))
            .set("venue-sim", "STREAM_PORT", Integer.toString(ports.venueStream()))
            .set("venue-sim", "WS_API_PORT", Integer.toString(ports.venueWsApi()))
            .set("venue-sim", "MARKET_TICK", settings.marketTick())
            // Every price move is a cancel and a new order: lift the venue's limits far above that.
            .set("venue-sim", "REQUEST_WEIGHT_PER_MINUTE", "1000000")
            .set("venue-sim", "ORDERS_PER_10S", "1000000")
            .set("venue-sim", "ORDERS_PER_DAY", "1000000000")
            .set("venue-sim.account.mm", "API_KEY_FILE", apiKey.toString())
            .set("venue-sim.account.mm", "SECRET_KEY_FILE", secretKey.toString())
            .set("quote-server", "REST_URL", rest)
            .set("quote-server", "STREAM_URL", "ws://127.0.0.1:" + ports.venueStream())
            .set("exec-handler", "REST_URL", rest)
            .set("exec-handler", "WS_API_URL", "ws://127.0.0.1:" + ports.venueWsApi() + "/ws-api/v3")
            .set("exec-handler", "API_KEY_FILE", apiKey.toString())
            .set("exec-handler", "SECRET_KEY_FILE", secretKey.toString())
            .set("exec-handler", "JOURNAL_FILE", work.resolve("exec-handler/journal.db").toString())
            .set("oms", "JOURNAL_FILE", work.resolve("oms/requests.journal").toString())
            .set("oms", "ORDER_RATE_LIMIT", "10000")
            .set("position-server", "LEDGER_URL", "jdbc:sqlite:" + work.resolve("position-server/ledger.db"))
            // Requote on every move of the wanted price, at once: as many orders as the market gives reasons for.
            .set("market-maker", "REFRESH_TOLERANCE_BPS", "0")
            .set("market-maker", "MIN_REQUOTE_INTERVAL", "0s");
    }

    private static double counter(final String metrics, final Pattern series)
    {
        final Matcher m = series.matcher(metrics);
        if (!m.find())
        {
            throw new IllegalStateException("no " + series.pattern() + " in the metrics");
        }
        return Double.parseDouble(m.group(1));
    }

    /** A random key (venue-sim accepts any), mode 0600 in a 0700 directory, as secrets are kept. */
    private static void writeSecret(final Path file) throws IOException
    {
        final Path dir = file.getParent();
        if (!Files.isDirectory(dir))
        {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        final byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, HexFormat.of().formatHex(key) + "\n", StandardCharsets.US_ASCII);
    }

    private static void deleteTree(final Path dir) throws IOException
    {
        try (var paths = Files.walk(dir))
        {
            for (final Path path : paths.sorted(Comparator.reverseOrder()).toList())
            {
                Files.delete(path);
            }
        }
    }
}
