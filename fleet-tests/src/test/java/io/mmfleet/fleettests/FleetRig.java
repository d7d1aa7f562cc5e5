package io.mmfleet.fleettests;

import io.mmfleet.bus.testing.Await;
import io.mmfleet.bus.testing.DaemonHttp;
import io.mmfleet.bus.testing.DaemonProcess;
import io.mmfleet.bus.testing.JavaProcess;
import io.mmfleet.bus.testing.Ports;
import io.mmfleet.bus.testing.TestFleetIni;
import io.mmfleet.busctl.BusCtl;
import io.mmfleet.exechandler.ExecHandlerMain;
import io.mmfleet.marketmaker.MarketMakerMain;
import io.mmfleet.oms.OmsMain;
import io.mmfleet.positionserver.PositionServerMain;
import io.mmfleet.quoteserver.QuoteServerMain;
import io.mmfleet.venuesim.testing.TwoAccountVenue;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The whole fleet for one test class: venue-sim in-process ({@link TwoAccountVenue}: the "mm" account
 * the fleet trades on, the "taker" account the test trades with, and {@link VenueEvents} recording the
 * mm account's order events), quote-server, exec-handler, oms, position-server and market-maker as
 * real JVMs on one fleet INI ({@link TestFleetIni}, ephemeral ports), and {@link FleetBus} on the bus.
 * Before the daemons start the taker rests a bid at 2990 and an ask at 3010, so quote-server has a
 * book (mid 3000) and market-maker's quotes, about 30 bp wide, are the best prices.
 *
 * <p>A JUnit extension: registered as a static field it starts the fleet before the class's tests
 * and stops it after them; when a test fails it prints every daemon's output, and every daemon's
 * output is kept in {@code target/fleet-runs-<class>-*}/{@code <daemon>.log}. Its waits fail at once,
 * naming the daemon and its last lines, when a daemon exits.
 *
 * <p>A test that kills and restarts daemons builds its own fleet instead: {@link #setUp} (optionally
 * after {@link #withKey}), then {@link #start}, {@link #kill} and {@link #restart} in the order it
 * needs, and {@link #close}.
 */
final class FleetRig implements BeforeAllCallback, AfterAllCallback, TestWatcher, AutoCloseable
{
    static final Duration TIMEOUT = Duration.ofSeconds(40);
    static final int VENUE_ID = 1;
    static final int INSTRUMENT_ID = 1;
    static final int MM_STRATEGY = 1;
    static final long MM_ACCOUNT = 1;
    static final String QUOTE_SERVER = "quote-server";
    static final String MARKET_MAKER = "market-maker";
    static final String OMS = "oms";
    static final String EXEC_HANDLER = "exec-handler";
    static final String POSITION_SERVER = "position-server";
    private static final int LAST_LINES = 25;
    private static final long POLL_INTERVAL_NS = 100_000_000L;

    private final Map<String, DaemonProcess> daemons = new LinkedHashMap<>();
    /** Daemon → INI keys that replace the rig's. */
    private final Map<String, Map<String, String>> keyOverrides = new LinkedHashMap<>();
    final VenueEvents venueEvents = new VenueEvents(MM_ACCOUNT);
    private Path dir;
    private Path ini;
    private Path ledger;
    private TwoAccountVenue venue;
    private FleetBus bus;

    /** Replaces one of the rig's INI keys of a daemon; before {@link #setUp}. */
    FleetRig withKey(final String daemon, final String key, final String value)
    {
        keyOverrides.computeIfAbsent(daemon, d -> new LinkedHashMap<>()).put(key, value);
        return this;
    }

    @Override
    public void beforeAll(final ExtensionContext context) throws Exception
    {
        Files.createDirectories(Path.of("target"));
        setUp(Files.createTempDirectory(Path.of("target").toAbsolutePath(), "fleet-runs-" + context.getRequiredTestClass().getSimpleName() + "-"));
        // All at once: each waits for its peers by itself (snapshot requests are resent until answered).
        start(QUOTE_SERVER, MARKET_MAKER, OMS, EXEC_HANDLER, POSITION_SERVER);
        for (final String name : List.of(EXEC_HANDLER, QUOTE_SERVER, POSITION_SERVER, OMS))
        {
            await(() -> healthy(name), TIMEOUT, () -> name + " never healthy: " + DaemonHttp.healthStatus(daemons.get(name).httpPort()));
        }
        // market-maker is only asked to listen: whether it becomes ready (quotes) is what the tests check.
        await(() -> DaemonHttp.healthStatus(daemons.get(MARKET_MAKER).httpPort()) != -1, TIMEOUT, () -> "market-maker's HTTP never answered");
    }

    /** venue-sim with the taker's resting bid and ask, the fleet INI in {@code dir} and the test's bus; no daemon started yet. */
    void setUp(final Path dir) throws Exception
    {
        this.dir = dir;
        // Request weight is per IP and the whole fleet is 127.0.0.1: the test's own REST reads must not
        // eat the daemons' weight, so the limit is far above what any of them uses.
        venue = TwoAccountVenue.start(dir, "REQUEST_WEIGHT_PER_MINUTE = 1000000", List.of(venueEvents));
        venue.takerOrder("BUY", "LIMIT", "2990.00", "0.5");
        venue.takerOrder("SELL", "LIMIT", "3010.00", "0.5");

        final String controlEndpoint = Ports.tcpEndpoint();
        final String quotePub = Ports.tcpEndpoint();
        final String mmPub = Ports.tcpEndpoint();
        final String omsPub = Ports.tcpEndpoint();
        final String execPub = Ports.tcpEndpoint();
        final String posPub = Ports.tcpEndpoint();
        final String probePub = Ports.tcpEndpoint();
        daemons.put(QUOTE_SERVER, new DaemonProcess(QUOTE_SERVER, QuoteServerMain.class, Ports.free()));
        daemons.put(MARKET_MAKER, new DaemonProcess(MARKET_MAKER, MarketMakerMain.class, Ports.free()));
        daemons.put(OMS, new DaemonProcess(OMS, OmsMain.class, Ports.free()));
        daemons.put(EXEC_HANDLER, new DaemonProcess(EXEC_HANDLER, ExecHandlerMain.class, Ports.free()));
        daemons.put(POSITION_SERVER, new DaemonProcess(POSITION_SERVER, PositionServerMain.class, Ports.free()));

        final Map<String, String> quoteKeys = TestFleetIni.daemonKeys(1, quotePub, daemons.get(QUOTE_SERVER).httpPort());
        quoteKeys.put("REST_URL", venue.restUrl());
        quoteKeys.put("STREAM_URL", "ws://127.0.0.1:" + venue.streamPort());
        quoteKeys.put("SYMBOLS", "ETHUSDT:ETH-USDC:2:4");
        quoteKeys.put("TOP_LEVELS", "5");
        quoteKeys.put("SNAPSHOT_LEVELS", "100");
        quoteKeys.put("RECONNECT_BACKOFF_MIN", "50ms");
        quoteKeys.put("RECONNECT_BACKOFF_MAX", "1s");

        final Map<String, String> mmKeys = TestFleetIni.marketMakerKeys(2, mmPub, daemons.get(MARKET_MAKER).httpPort(), MM_STRATEGY);
        // σ never warms up: the spread stays DEFAULT_SPREAD_BPS (30), so the quotes' prices are known.
        mmKeys.put("VOLATILITY_WARMUP_SAMPLES", "100000");

        final Map<String, String> omsKeys = TestFleetIni.omsKeys(3, omsPub, daemons.get(OMS).httpPort(), dir.resolve("oms-requests.journal"));

        final Map<String, String> posKeys = TestFleetIni.daemonKeys(5, posPub, daemons.get(POSITION_SERVER).httpPort());
        ledger = dir.resolve("ledger.db");
        posKeys.put("LEDGER_URL", "jdbc:sqlite:" + ledger);
        posKeys.put("PUBLISH_INTERVAL", "200ms");
        posKeys.put("RECONCILE_GRACE", "2s");
        posKeys.put("BALANCE_TOLERANCE", "0.0001");

        ini = new TestFleetIni(controlEndpoint)
            .section(QUOTE_SERVER, overridden(QUOTE_SERVER, quoteKeys))
            .section(MARKET_MAKER, overridden(MARKET_MAKER, mmKeys))
            .section(OMS, overridden(OMS, omsKeys))
            .section(EXEC_HANDLER, overridden(EXEC_HANDLER, venue.execHandlerKeys(
                TestFleetIni.daemonKeys(4, execPub, daemons.get(EXEC_HANDLER).httpPort()), dir.resolve("exec-journal.db"))))
            .section(POSITION_SERVER, overridden(POSITION_SERVER, posKeys))
            // The test's probe strategy publishes here; every daemon connects to every daemon section's PUB endpoint.
            .peer("defi-lp", 6, probePub)
            .writeTo(dir.resolve("fleet.ini"));
        bus = new FleetBus(List.of(mmPub, omsPub, posPub, controlEndpoint), 2, probePub, 6);
    }

    /** {@code keys} with the test's {@link #withKey} keys of the daemon put over them. */
    private Map<String, String> overridden(final String daemon, final Map<String, String> keys)
    {
        keys.putAll(keyOverrides.getOrDefault(daemon, Map.of()));
        return keys;
    }

    /** Starts these daemons on the fleet INI, without waiting for them. */
    void start(final String... names) throws IOException
    {
        for (final String name : names)
        {
            restart(name);
        }
    }

    /** A new run of a daemon that is not running, with these JVM arguments (e.g. -Dmmfleet.killAt=...), without waiting for it. */
    void restart(final String daemon, final String... jvmArgs) throws IOException
    {
        daemons.get(daemon).start(List.of(jvmArgs), "--config", ini.toString());
    }

    /** Waits for the daemon's /health 200; fails at once, with every run's output, if it exits. */
    void awaitHealthy(final String daemon)
    {
        daemons.get(daemon).awaitHealthy(TIMEOUT);
    }

    /** The daemon's latest run. */
    JavaProcess process(final String daemon)
    {
        return daemons.get(daemon).process();
    }

    TwoAccountVenue venue()
    {
        return venue;
    }

    FleetBus bus()
    {
        return bus;
    }

    Path ledger()
    {
        return ledger;
    }

    boolean healthy(final String daemon)
    {
        return daemons.get(daemon).healthy();
    }

    /** /health's body, for failure messages (why a daemon is not ready). */
    String health(final String daemon)
    {
        try
        {
            final java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + daemons.get(daemon).httpPort() + "/health"))
                    .timeout(Duration.ofSeconds(5)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            return response.statusCode() + " " + response.body();
        }
        catch (final IOException ex)
        {
            return "no answer: " + ex;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    String metrics(final String daemon) throws IOException
    {
        return DaemonHttp.metrics(daemons.get(daemon).httpPort());
    }

    String lastLines(final String daemon)
    {
        return lastLines(process(daemon));
    }

    /**
     * Polls {@code condition} until {@code timeout}; fails at once, naming the daemon and its last
     * lines, if a daemon exits, or if the bus thread died.
     */
    void await(final BooleanSupplier condition, final Duration timeout, final Supplier<String> whatFailed)
    {
        final long[] nextPollNs = {0};
        Await.until(() ->
        {
            assertAllRunning();
            // Conditions read the venue over REST and processes' output: 10 reads a second are plenty.
            if (System.nanoTime() < nextPollNs[0])
            {
                return false;
            }
            nextPollNs[0] = System.nanoTime() + POLL_INTERVAL_NS;
            return condition.getAsBoolean();
        }, timeout, whatFailed);
    }

    /** Fails naming every daemon that exited, with its exit code and last lines. */
    void assertAllRunning()
    {
        final StringBuilder dead = new StringBuilder();
        for (final DaemonProcess daemon : daemons.values())
        {
            if (daemon.started() && !daemon.process().isAlive())
            {
                dead.append(daemon.name()).append(" exited unexpectedly (exit code ").append(exitCode(daemon.process()))
                    .append("); its last lines:\n").append(lastLines(daemon.process())).append('\n');
            }
        }
        if (bus != null && bus.failure() != null)
        {
            dead.append("the test's bus thread died: ").append(bus.failure());
        }
        if (!dead.isEmpty())
        {
            throw new AssertionError(dead.toString());
        }
    }

    /** kill -9 of a daemon's run, and waits for its exit: {@link #assertAllRunning} fails from then on until it is restarted. */
    void kill(final String daemon) throws InterruptedException
    {
        daemons.get(daemon).kill(TIMEOUT);
    }

    /** {@code busctl <args>} as a real process on the fleet INI; waits for its exit. */
    BusctlRun busctl(final String... args) throws IOException, InterruptedException
    {
        final List<String> command = new ArrayList<>(List.of(args));
        command.add(1, "--config");
        command.add(2, ini.toString());
        final JavaProcess busctl = JavaProcess.start("busctl", BusCtl.class.getName(), List.of(), command.toArray(String[]::new));
        try
        {
            final int exit = busctl.awaitExit(TIMEOUT);
            return new BusctlRun(exit, busctl.transcript());
        }
        finally
        {
            busctl.close();
        }
    }

    record BusctlRun(int exitCode, String transcript)
    {
    }

    private static String exitCode(final JavaProcess process)
    {
        try
        {
            return Integer.toString(process.awaitExit(Duration.ofSeconds(5)));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return "?";
        }
    }

    /** A daemon's last lines of stdout and stderr (the daemons log to both). */
    static String lastLines(final JavaProcess process)
    {
        final List<String> lines = new ArrayList<>();
        lines.addAll(process.stdout().stream().map(l -> "  out| " + l).toList());
        lines.addAll(process.stderr().stream().map(l -> "  err| " + l).toList());
        return String.join("\n", lines.subList(Math.max(0, lines.size() - LAST_LINES), lines.size()));
    }

    /** Every run of every daemon, for failure messages. */
    String transcripts()
    {
        final StringBuilder all = new StringBuilder();
        daemons.values().forEach(d -> all.append(d.transcripts()));
        return all.toString();
    }

    @Override
    public void testFailed(final ExtensionContext context, final Throwable cause)
    {
        System.out.println("=== fleet output at the failure of " + context.getDisplayName() + " ===\n" + transcripts());
    }

    @Override
    public void afterAll(final ExtensionContext context) throws Exception
    {
        close();
    }

    /** SIGTERM to every daemon still running; each daemon's runs are written to {@code <daemon>.log} in the rig's directory. */
    @Override
    public void close() throws Exception
    {
        final List<DaemonProcess> started = daemons.values().stream().filter(DaemonProcess::started).toList();
        started.forEach(daemon -> daemon.process().terminate());
        IOException logFailure = null;
        for (final DaemonProcess daemon : started)
        {
            String exit;
            try
            {
                exit = "exit code " + daemon.process().awaitExit(Duration.ofSeconds(15));
            }
            catch (final AssertionError ex)
            {
                exit = "no exit within 15 s of SIGTERM: killed";
            }
            daemon.close();
            try
            {
                Files.writeString(dir.resolve(daemon.name() + ".log"), daemon.transcripts() + "\n--- " + exit + " ---\n");
            }
            catch (final IOException ex)
            {
                // Reported after every daemon is stopped: a log that cannot be written must not leave
                // the next daemons running.
                logFailure = ex;
            }
        }
        if (bus != null)
        {
            bus.close();
        }
        if (venue != null)
        {
            venue.close();
        }
        if (logFailure != null)
        {
            throw logFailure;
        }
    }
}
