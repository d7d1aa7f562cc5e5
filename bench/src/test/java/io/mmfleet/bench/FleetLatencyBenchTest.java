package io.mmfleet.bench;

import io.mmfleet.bus.BusPublisher;
import io.mmfleet.bus.EpochClock;
import io.mmfleet.bus.PublishStream;
import io.mmfleet.bus.testing.Await;
import io.mmfleet.bus.testing.Ports;
import io.mmfleet.sbe.BookUpdateEncoder;
import io.mmfleet.sbe.CommandType;
import io.mmfleet.sbe.ExecutionReportEncoder;
import io.mmfleet.sbe.OrderCommandEncoder;
import org.agrona.concurrent.YieldingIdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeromq.ZContext;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Smoke: the fleet latency run's parts — the TCP relay chain, the INI it writes, the bus census of
 * order origins, exec-handler's summary line, the table and the options — without the fleet itself
 * (that needs the packaged launchers: bin/bench fleet-latency). Figures are not asserted.
 */
class FleetLatencyBenchTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Path SHIPPED_INI = Path.of("..", "config", "fleet.ini");

    @TempDir
    Path dir;

    @Test
    void threeTcpHopsDeliverEveryMessageAtTheRate()
    {
        final FleetLatencySettings settings = new FleetLatencySettings(Duration.ofSeconds(1), 10, "backoff", Duration.ofMillis(1), "256m");
        final LatencyResult result = FleetLatencyBench.timeTcpChain(settings.validate());

        assertEquals("plain TCP, 3 hops (2 relay threads, NODELAY)", result.hop());
        assertEquals(10, result.run().sent());
        assertEquals(10, result.run().received());
        assertEquals(10, result.histogram().getTotalCount());
        assertTrue(result.histogram().getMinValue() > 0, "three hops take time");
    }

    @Test
    void aChainCarriesBytesAcrossEachRelayInOrder()
    {
        final EpochClock clock = new EpochClock();
        try (TcpHop chain = new TcpHop(1, clock, 4, YieldingIdleStrategy::new))
        {
            final LatencyRecorder recorder = new LatencyRecorder(clock, 0);
            final HopResult run = new HopRun(chain, new YieldingIdleStrategy(), 2_000_000_000L, HopRun.CONNECT_TIMEOUT_NS)
                .run(2_000, 500, recorder);

            assertTrue(run.noLoss(), run.toString());
            assertEquals(500, recorder.histogram().getTotalCount());
        }
        assertThrows(IllegalArgumentException.class, () -> new TcpHop(1, clock, 0, YieldingIdleStrategy::new));
    }

    @Test
    void theIniIsTheShippedOneWithOnlyTheBenchmarksChanges() throws Exception
    {
        final FleetLatencySettings settings = new FleetLatencySettings(Duration.ofSeconds(30), 4, "sleeping", Duration.ofMillis(2), "256m");
        final FleetPorts ports = FleetPorts.allocate();
        final String shipped = Files.readString(SHIPPED_INI);

        final String ini = FleetLatencyBench.overrides(settings, ports, dir, dir.resolve("k"), dir.resolve("s")).applyTo(shipped);

        assertTrue(ini.contains("\nMARKET_TICK = 250ms\n"), ini);
        assertTrue(ini.contains("\nREFRESH_TOLERANCE_BPS = 0\n"), ini);
        assertTrue(ini.contains("\nMIN_REQUOTE_INTERVAL = 0s\n"), ini);
        assertTrue(ini.contains("\nIDLE_SLEEP = 2ms\n"), ini);
        assertTrue(ini.contains("\nHTTP_PORT = " + ports.httpPort("exec-handler") + "\n"), ini);
        assertTrue(ini.contains("\nWS_API_URL = ws://127.0.0.1:" + ports.venueWsApi() + "/ws-api/v3\n"), ini);
        assertTrue(!ini.contains("IDLE_STRATEGY = backoff"), "every daemon's idle strategy is the run's");
        assertTrue(!ini.contains(":9104") && !ini.contains(":7104") && !ini.contains("= 8612"), "no shipped port is left");
        // Comments and untouched keys stay as shipped, line for line.
        assertEquals(shipped.split("\n").length, ini.split("\n").length);
        assertTrue(ini.contains("\nTAKER_A = "), ini);

        final IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
            () -> new IniOverrides().set("oms", "NO_SUCH_KEY", "1").set("nowhere", "SOURCE_ID", "2").applyTo(shipped));
        assertEquals("keys not found in the INI: [oms] NO_SUCH_KEY [nowhere] SOURCE_ID", missing.getMessage());
    }

    @Test
    void theCensusClassifiesEachNewOrderByTheEventBehindIt()
    {
        final String md = Ports.tcpEndpoint();
        final String exec = Ports.tcpEndpoint();
        final String oms = Ports.tcpEndpoint();
        final EpochClock clock = new EpochClock();
        final long bookOrigin = 1_763_700_000_000_000_001L;
        final long replyOrigin = 1_763_700_000_000_000_002L;
        try (ZContext zmq = new ZContext(1);
             BusPublisher quoteServer = new BusPublisher(zmq, md, 1, 1, 1000, clock);
             BusPublisher execHandler = new BusPublisher(zmq, exec, 4, 1, 1000, clock);
             BusPublisher omsPublisher = new BusPublisher(zmq, oms, 3, 1, 1000, clock);
             OriginCensus census = new OriginCensus(md, exec, oms))
        {
            final PublishStream books = quoteServer.stream("md.binance.ETH-USDC");
            final PublishStream reports = execHandler.stream("exec.binance");
            final PublishStream commands = omsPublisher.stream("ord.cmd.binance");
            final BookUpdateEncoder book = new BookUpdateEncoder();
            final ExecutionReportEncoder report = new ExecutionReportEncoder();
            final OrderCommandEncoder command = new OrderCommandEncoder();
            // PUB drops what is sent before the subscription arrives: send until each kind got through.
            Await.until(() ->
            {
                quoteServer.wrap(book);
                quoteServer.publish(books, book, bookOrigin);
                execHandler.wrap(report);
                execHandler.publish(reports, report, replyOrigin);
                omsPublisher.wrap(command).commandId(0).commandType(CommandType.CANCEL);
                omsPublisher.publish(commands, command, 0);
                return census.booksSeen() > 0 && census.repliesSeen() > 0 && census.commandsSeen() > 0;
            }, TIMEOUT, () -> "the census did not subscribe");

            for (final long[] idAndOrigin : new long[][] {{1, bookOrigin}, {2, replyOrigin}, {3, 0}, {1, bookOrigin}})
            {
                omsPublisher.wrap(command).commandId(idAndOrigin[0]).commandType(CommandType.NEW);
                omsPublisher.publish(commands, command, idAndOrigin[1]);
            }
            Await.until(() -> census.newCommandsSeen() == 4, TIMEOUT, () -> "NEW commands seen " + census.newCommandsSeen());

            // The resent command 1 counts once; command 3 had no cause, so the bus stamped its send time.
            assertEquals(new OriginCensus.Counts(1, 1, 1), census.finish());
        }
    }

    @Test
    void readsExecHandlersSummaryLine()
    {
        final String log = "2026-11-22T01:04:53.540Z INFO exec-handler - event=stopping\n" +
            "2026-11-22T01:04:53.597Z INFO exec-handler - event=tick_to_order_latency count=363 p50_us=11239.4 p90_us=29409.3 " +
            "p99_us=128843.8 p99_9_us=168689.7 max_us=168689.7 mean_us=16714.7\n";

        assertEquals(new TickToOrderSummary(363, 11239.4, 29409.3, 128843.8, 168689.7, 168689.7), TickToOrderSummary.parse(log));
        final IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> TickToOrderSummary.parse("event=stopped\n"));
        assertTrue(none.getMessage().contains("no event=tick_to_order_latency line"), none.getMessage());
    }

    @Test
    void theTableStatesRateCoresIdleStrategyAndBothPaths()
    {
        final FleetLatencySettings settings = new FleetLatencySettings(Duration.ofSeconds(30), 10, "backoff", Duration.ofMillis(1), "256m");
        final LatencyResult tcp = FleetLatencyBench.timeTcpChain(
            new FleetLatencySettings(Duration.ofSeconds(1), 5, "backoff", Duration.ofMillis(1), "256m"));
        final FleetLatencyReport report = new FleetLatencyReport(settings, 9.87,
            new TickToOrderSummary(363, 11239.4, 29409.3, 128843.8, 168689.7, 170000.0), new OriginCensus.Counts(30, 60, 10), tcp,
            "1.5 at the start, 2.5 at the end");

        final String table = report.table();

        assertTrue(table.contains("at 10 updates/s (MARKET_TICK 100ms), quote-server published 9.9 BookUpdates/s"), table);
        assertTrue(table.contains(Runtime.getRuntime().availableProcessors() + " CPUs"), table);
        assertTrue(table.contains("(load average 1.5 at the start, 2.5 at the end)"), table);
        assertTrue(table.contains("idle with backoff (IDLE_SLEEP 1ms)"), table);
        assertTrue(table.matches("(?s).*tick-to-order: originNs -> exec-handler's order.place send +11239.4 +128843.8 +168689.7 +170000.0 +363\n.*"), table);
        assertTrue(table.contains("plain TCP, 3 hops (2 relay threads, NODELAY) at 5/s"), table);
        assertTrue(table.contains("market data at quote-server 30 (30 %), a venue reply at exec-handler (fill, order ended by the venue) 60 (60 %)"), table);
    }

    @Test
    void badOptionsAreRejectedWithTheReason() throws Exception
    {
        assertEquals(2, execute("--rate", "11").exit);
        assertTrue(execute("--rate", "11").err.contains("--rate must be 1..10"));
        assertTrue(execute("--idle", "spin").err.contains("--idle must be one of busy-spin, yielding, backoff, sleeping, got spin"));
        assertTrue(execute("--heap", "lots").err.contains("--heap must be a size like 256m"));
        assertTrue(execute("--duration", "soon").err.contains("--duration"));
        final Result unbuilt = execute("--root", dir.toString());
        assertEquals(2, unbuilt.exit);
        assertTrue(unbuilt.err.contains("venue-sim/target/venue-sim.jar is not built under " + dir), unbuilt.err);
    }

    private record Result(int exit, String err)
    {
    }

    private static Result execute(final String... args)
    {
        final StringWriter err = new StringWriter();
        final CommandLine command = FleetLatencyBench.commandLine().setErr(new PrintWriter(err));
        return new Result(command.execute(args), err.toString());
    }
}
