package io.mmfleet.bus.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FleetConfigTest
{
    private static final String MAX_ORDER_QTY = "MAX_ORDER_QTY";
    private static final SectionSpec OMS = DaemonSections.common("oms")
        .required(MAX_ORDER_QTY, KeyTypes.decimal(BigDecimal.ZERO, new BigDecimal("1000000")), "Largest order quantity.")
        .build();

    private static final List<String> BUS = List.of(
        "[bus]",
        "CONTROL_ENDPOINT = tcp://127.0.0.1:7100",
        "SEND_HWM = 1000",
        "RECEIVE_HWM = 2000");
    private static final List<String> INSTRUMENTS = List.of(
        "[instruments]",
        "ETH-USDC = 1",
        "BTC-USDC = 2");
    private static final List<String> OMS_SECTION = List.of(
        "[oms]",
        "SOURCE_ID = 3",
        "PUB_ENDPOINT = tcp://127.0.0.1:7103",
        "HTTP_PORT = 9103",
        "MAX_ORDER_QTY = 5");
    private static final List<String> DEFI_LP_SECTION = List.of(
        "[defi-lp]",
        "SOURCE_ID = 6",
        "PUB_ENDPOINT = tcp://127.0.0.1:7106",
        "HTTP_PORT = 9106");

    /** Joins blocks of lines; a test's own lines are numbered from the end of the blocks before them. */
    @SafeVarargs
    private static String text(final List<String>... blocks)
    {
        final List<String> lines = new ArrayList<>();
        for (final List<String> block : blocks)
        {
            lines.addAll(block);
        }
        return String.join("\n", lines) + "\n";
    }

    private static FleetConfig load(final String text, final SectionSpec... owned)
    {
        return FleetConfig.load("fleet.ini", text, List.of(owned));
    }

    private static ConfigException error(final String text, final SectionSpec... owned)
    {
        return assertThrows(ConfigException.class, () -> load(text, owned));
    }

    @Test
    void loadsTheFleetSectionsAndTheOwnedOnes()
    {
        final FleetConfig config = load(text(BUS, INSTRUMENTS, OMS_SECTION, DEFI_LP_SECTION), OMS);

        assertEquals(new BusConfig("tcp://127.0.0.1:7100", 1000, 2000,
            Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofMillis(250), 20), config.bus(), "defaults filled in");
        assertEquals(List.of(
            new DaemonEndpoint("oms", 3, "tcp://127.0.0.1:7103", 9103),
            new DaemonEndpoint("defi-lp", 6, "tcp://127.0.0.1:7106", 9106)), config.daemons());
        assertEquals(List.of("ETH-USDC", "BTC-USDC"), config.instruments().names());
        assertEquals(new BigDecimal("5"), config.section("oms").decimal(MAX_ORDER_QTY));
        assertEquals("backoff", config.section("oms").string(DaemonSections.IDLE_STRATEGY));
        assertEquals("fleet.ini", config.document().fileName());
        assertThrows(IllegalArgumentException.class, () -> config.section("defi-lp"), "not owned");
    }

    @Test
    void theBusSectionTakesEveryKeyAndChecksItsBounds()
    {
        final List<String> bus = List.of(
            "HEARTBEAT_INTERVAL = 500ms",
            "HEARTBEAT_TIMEOUT = 2s",
            "RETRANSMIT_INTERVAL = 1ms",
            "RETRANSMIT_MAX_ATTEMPTS = 5");
        assertEquals(new BusConfig("tcp://127.0.0.1:7100", 1000, 2000,
            Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofMillis(1), 5), load(text(BUS, bus, INSTRUMENTS)).bus());
        assertEquals(Duration.ofSeconds(60), load(text(BUS, List.of("RETRANSMIT_INTERVAL = 60s"), INSTRUMENTS))
            .bus().retransmitInterval());
        assertEquals(10_000_000L, load(text(List.of("[bus]", "CONTROL_ENDPOINT = ipc:///tmp/ctl", "SEND_HWM = 1",
            "RECEIVE_HWM = 10000000"), INSTRUMENTS)).bus().receiveHwm());

        assertEquals("config error: fleet.ini:5: [bus] RETRANSMIT_INTERVAL: " +
            "expected a duration between 1ms and 1m (units h, m, s, ms, us, ns), got '999us'",
            error(text(BUS, List.of("RETRANSMIT_INTERVAL = 999us"), INSTRUMENTS)).getMessage());
        assertEquals("config error: fleet.ini:5: [bus] RETRANSMIT_INTERVAL: " +
            "expected a duration between 1ms and 1m (units h, m, s, ms, us, ns), got '61s'",
            error(text(BUS, List.of("RETRANSMIT_INTERVAL = 61s"), INSTRUMENTS)).getMessage());
        assertEquals("config error: fleet.ini:3: [bus] SEND_HWM: expected an integer between 1 and 10000000, got '0'",
            error(text(List.of("[bus]", "CONTROL_ENDPOINT = tcp://127.0.0.1:7100", "SEND_HWM = 0", "RECEIVE_HWM = 1"),
                INSTRUMENTS)).getMessage());
        assertEquals("config error: fleet.ini:4: [bus] RECEIVE_HWM: expected an integer between 1 and 10000000, got '10000001'",
            error(text(List.of("[bus]", "CONTROL_ENDPOINT = tcp://127.0.0.1:7100", "SEND_HWM = 1", "RECEIVE_HWM = 10000001"),
                INSTRUMENTS)).getMessage());
        assertEquals("config error: fleet.ini:2: [bus] CONTROL_ENDPOINT: " +
            "expected an endpoint tcp://host:port (port may be '*'), ipc://path or inproc://name, got '127.0.0.1:7100'",
            error(text(List.of("[bus]", "CONTROL_ENDPOINT = 127.0.0.1:7100", "SEND_HWM = 1", "RECEIVE_HWM = 1"),
                INSTRUMENTS)).getMessage());
        assertEquals("config error: fleet.ini:5: [bus] HEARTBEAT_INTERVAL: " +
            "expected a duration between 10ms and 1m (units h, m, s, ms, us, ns), got '1'",
            error(text(BUS, List.of("HEARTBEAT_INTERVAL = 1"), INSTRUMENTS)).getMessage());
    }

    @Test
    void theHeartbeatTimeoutMustOutlastTheInterval()
    {
        assertEquals("config error: fleet.ini:6: [bus] HEARTBEAT_TIMEOUT: " +
            "expected a duration longer than HEARTBEAT_INTERVAL (2s), got '2s'",
            error(text(BUS, List.of("HEARTBEAT_INTERVAL = 2s", "HEARTBEAT_TIMEOUT = 2s"), INSTRUMENTS)).getMessage());
        assertEquals("config error: fleet.ini:1: [bus] HEARTBEAT_TIMEOUT: " +
            "expected a duration longer than HEARTBEAT_INTERVAL (5s), got the default '3s'; set it",
            error(text(BUS, List.of("HEARTBEAT_INTERVAL = 5s"), INSTRUMENTS)).getMessage());
    }

    @Test
    void anUnknownKeyInBusIsAnError()
    {
        assertEquals("config error: fleet.ini:5: [bus] HEARTBEAT: unknown key; expected one of: CONTROL_ENDPOINT, " +
            "HEARTBEAT_INTERVAL, HEARTBEAT_TIMEOUT, RECEIVE_HWM, RETRANSMIT_INTERVAL, RETRANSMIT_MAX_ATTEMPTS, SEND_HWM",
            error(text(BUS, List.of("HEARTBEAT = 1s"), INSTRUMENTS)).getMessage());
    }

    @Test
    void anUnknownSectionListsTheKnownOnesSorted()
    {
        final ConfigException ex = error(text(BUS, INSTRUMENTS, List.of("", "", "", "", "", "", "", "", "", "", "", "", "[omz]")));
        assertEquals("config error: fleet.ini:20: [omz]: unknown section; expected one of: bus, busctl, defi-lp, " +
            "exec-handler, instruments, market-maker, oms, position-server, quote-server, venue-sim, venue-sim.*, venue.*",
            ex.getMessage());
        assertEquals(20, ex.line());
        assertEquals("omz", ex.section());

        assertEquals("config error: fleet.ini:8: [venue.]: unknown section; expected one of: bus, busctl, defi-lp, " +
            "exec-handler, instruments, market-maker, oms, position-server, quote-server, venue-sim, venue-sim.*, venue.*",
            error(text(BUS, INSTRUMENTS, List.of("[venue.]"))).getMessage(), "a prefix alone names no venue");
    }

    @Test
    void aSectionThisProgramOwnsIsKnownEvenIfTheFleetDoesNotNameIt()
    {
        final SectionSpec backtest = SectionSpec.builder("backtest")
            .optional("SEED", KeyTypes.integer(0, Long.MAX_VALUE), 1L, "Random seed.")
            .build();
        assertEquals(42L, load(text(BUS, INSTRUMENTS, List.of("[backtest]", "SEED = 42")), backtest)
            .section("backtest").integer("SEED"));
        assertEquals("config error: fleet.ini:8: [omz]: unknown section; expected one of: backtest, bus, busctl, defi-lp, " +
            "exec-handler, instruments, market-maker, oms, position-server, quote-server, venue-sim, venue-sim.*, venue.*",
            error(text(BUS, INSTRUMENTS, List.of("[omz]")), backtest).getMessage());
    }

    @Test
    void sectionsOwnedBySomeoneElseAreOnlySyntaxChecked()
    {
        final FleetConfig config = load(text(BUS, INSTRUMENTS, OMS_SECTION, List.of(
            "[venue.binance]", "WS_URL = wss://stream.binance.com:9443/ws#frag", "ANYTHING = goes",
            "[venue-sim]", "LISTEN = whatever",
            "[venue-sim.ETHUSDT]", "TICK = 0.01",
            "[venue-sim.account.mm]", "BALANCE = 1",
            "[busctl]", "FORMAT = json")));
        assertEquals("goes", config.document().section("venue.binance").orElseThrow().entry("ANYTHING").orElseThrow().value());
        assertEquals(List.of("oms"), config.daemons().stream().map(DaemonEndpoint::name).toList(),
            "the oms section's own key is tolerated by a program that does not own it");

        assertEquals("config error: fleet.ini:14: expected '[section]' or 'KEY = value', got a line of 12 characters (not repeated: it may be a secret)",
            error(text(BUS, INSTRUMENTS, OMS_SECTION, List.of("[venue.binance]", "not an entry"))).getMessage(),
            "but their syntax is still checked");
    }

    @Test
    void anOwnedSectionIsValidatedStrictly()
    {
        assertEquals("config error: fleet.ini:13: [oms] MAX_ORDR_QTY: unknown key; expected one of: HTTP_PORT, IDLE_SLEEP, " +
            "IDLE_STRATEGY, MAX_ORDER_QTY, PUB_ENDPOINT, SOURCE_ID",
            error(text(BUS, INSTRUMENTS, OMS_SECTION, List.of("MAX_ORDR_QTY = 6")), OMS).getMessage());
        assertEquals("config error: fleet.ini:12: [oms] MAX_ORDER_QTY: expected a decimal between 0 and 1000000, got 'abc'",
            error(text(BUS, INSTRUMENTS, OMS_SECTION.subList(0, 4), List.of("MAX_ORDER_QTY = abc")), OMS).getMessage());
        assertEquals("config error: fleet.ini:8: [oms] MAX_ORDER_QTY: missing; expected a decimal between 0 and 1000000",
            error(text(BUS, INSTRUMENTS, OMS_SECTION.subList(0, 4)), OMS).getMessage());
    }

    @Test
    void everyDaemonSectionHasItsCommonKeysValidatedWhoeverOwnsIt()
    {
        assertEquals("config error: fleet.ini:14: [defi-lp] SOURCE_ID: expected an integer between 1 and 65535, got '65536'",
            error(text(BUS, INSTRUMENTS, OMS_SECTION, List.of("[defi-lp]", "SOURCE_ID = 65536",
                "PUB_ENDPOINT = tcp://127.0.0.1:7106", "HTTP_PORT = 9106")), OMS).getMessage());
        assertEquals("config error: fleet.ini:13: [defi-lp] HTTP_PORT: missing; expected a port between 0 and 65535 " +
            "(0 = any free port)",
            error(text(BUS, INSTRUMENTS, OMS_SECTION, DEFI_LP_SECTION.subList(0, 3)), OMS).getMessage());
        assertEquals("config error: fleet.ini:17: [defi-lp] IDLE_STRATEGY: expected one of: busy-spin, yielding, backoff, " +
            "sleeping, got 'spin'",
            error(text(BUS, INSTRUMENTS, OMS_SECTION, DEFI_LP_SECTION, List.of("IDLE_STRATEGY = spin"))).getMessage());
    }

    @Test
    void aSourceIdUsedTwiceNamesBothLines()
    {
        final ConfigException ex = error(text(BUS, INSTRUMENTS, OMS_SECTION, List.of("[defi-lp]", "PUB_ENDPOINT = tcp://127.0.0.1:7106",
            "HTTP_PORT = 9106", "SOURCE_ID = 3")));
        assertEquals("config error: fleet.ini:16: [defi-lp] SOURCE_ID: expected a source id unique across daemons, " +
            "got '3' (already used by [oms] on line 9)", ex.getMessage());
        assertEquals(16, ex.line());
        assertEquals("defi-lp", ex.section());
        assertEquals(DaemonSections.SOURCE_ID, ex.key());
    }

    @Test
    void aPubEndpointUsedTwiceNamesBothLines()
    {
        final ConfigException ex = error(text(BUS, INSTRUMENTS, OMS_SECTION, List.of("[defi-lp]", "SOURCE_ID = 6",
            "PUB_ENDPOINT = tcp://127.0.0.1:7103", "HTTP_PORT = 9106")), OMS);
        assertEquals("config error: fleet.ini:15: [defi-lp] PUB_ENDPOINT: expected an endpoint unique across daemons, " +
            "got 'tcp://127.0.0.1:7103' (already used by [oms] on line 10)", ex.getMessage());
    }

    @Test
    void theControlEndpointNeedsAFixedPortAndNoDaemonMayBindIt()
    {
        assertEquals("config error: fleet.ini:2: [bus] CONTROL_ENDPOINT: expected an endpoint with a fixed port, which the " +
            "daemons can connect to, got 'tcp://127.0.0.1:*'",
            error(text(List.of("[bus]", "CONTROL_ENDPOINT = tcp://127.0.0.1:*", "SEND_HWM = 1000", "RECEIVE_HWM = 2000"),
                INSTRUMENTS, OMS_SECTION), OMS).getMessage());
        assertEquals("config error: fleet.ini:10: [oms] PUB_ENDPOINT: expected an endpoint apart from [bus] CONTROL_ENDPOINT, " +
            "got 'tcp://127.0.0.1:7100' (the control endpoint, line 2)",
            error(text(BUS, INSTRUMENTS, List.of("[oms]", "SOURCE_ID = 3", "PUB_ENDPOINT = tcp://127.0.0.1:7100", "HTTP_PORT = 9103",
                "MAX_ORDER_QTY = 5")), OMS).getMessage());
    }

    @Test
    void anHttpPortUsedTwiceNamesBothLines()
    {
        final ConfigException ex = error(text(BUS, INSTRUMENTS, OMS_SECTION, List.of("[defi-lp]", "SOURCE_ID = 6",
            "PUB_ENDPOINT = tcp://127.0.0.1:7106", "HTTP_PORT = 9103")), OMS);
        assertEquals("config error: fleet.ini:16: [defi-lp] HTTP_PORT: expected a port unique across daemons (or 0), " +
            "got '9103' (already used by [oms] on line 11)", ex.getMessage());
    }

    @Test
    void ephemeralPubEndpointsAreUniqueByConstruction()
    {
        final FleetConfig config = load(text(BUS, INSTRUMENTS,
            List.of("[oms]", "SOURCE_ID = 3", "PUB_ENDPOINT = tcp://127.0.0.1:*", "HTTP_PORT = 0"),
            List.of("[defi-lp]", "SOURCE_ID = 6", "PUB_ENDPOINT = tcp://127.0.0.1:*", "HTTP_PORT = 0")));
        assertEquals(List.of("tcp://127.0.0.1:*", "tcp://127.0.0.1:*"),
            config.daemons().stream().map(DaemonEndpoint::pubEndpoint).toList());
    }

    @Test
    void aMissingFleetOrOwnedSectionIsAnError()
    {
        final ConfigException bus = error(text(INSTRUMENTS, OMS_SECTION), OMS);
        assertEquals("config error: fleet.ini: [bus]: missing section", bus.getMessage());
        assertEquals(0, bus.line());
        assertEquals("bus", bus.section());
        assertEquals("config error: fleet.ini: [instruments]: missing section", error(text(BUS, OMS_SECTION), OMS).getMessage());
        assertEquals("config error: fleet.ini: [oms]: missing section", error(text(BUS, INSTRUMENTS), OMS).getMessage());
    }

    @Test
    void busAndInstrumentsCannotBeOwnedAndNoSectionTwice()
    {
        assertThrows(IllegalArgumentException.class, () -> load(text(BUS, INSTRUMENTS), BusConfig.spec()));
        assertThrows(IllegalArgumentException.class, () -> load(text(BUS, INSTRUMENTS, OMS_SECTION), OMS, OMS));
    }

    @Test
    void anUnreadableFileNamesThePathAsGiven(@TempDir final Path dir)
    {
        final Path file = dir.resolve("missing.ini");
        final ConfigException ex = assertThrows(ConfigException.class, () -> FleetConfig.load(file, List.of()));
        assertEquals("config error: " + file + ": cannot read: no such file", ex.getMessage());
        assertEquals(2, ConfigException.EXIT_CODE);
    }

    @Test
    void aFailedReloadLeavesTheValuesInForceUntouched()
    {
        final FleetConfig inForce = load(text(BUS, INSTRUMENTS, OMS_SECTION), OMS);
        final SectionValues strategy = inForce.section("oms");
        final BusConfig bus = inForce.bus();

        final ConfigException ex = error(text(BUS, INSTRUMENTS, OMS_SECTION.subList(0, 4), List.of("MAX_ORDER_QTY = abc")), OMS);
        assertEquals("config error: fleet.ini:12: [oms] MAX_ORDER_QTY: expected a decimal between 0 and 1000000, got 'abc'",
            ex.getMessage());

        assertSame(strategy, inForce.section("oms"));
        assertEquals(new BigDecimal("5"), strategy.decimal(MAX_ORDER_QTY));
        assertEquals(12, strategy.line(MAX_ORDER_QTY));
        assertSame(bus, inForce.bus());
        assertEquals(List.of("ETH-USDC", "BTC-USDC"), inForce.instruments().names());

        final FleetConfig reloaded = load(text(BUS, INSTRUMENTS, OMS_SECTION.subList(0, 4), List.of("MAX_ORDER_QTY = 7.5")), OMS);
        assertEquals(new BigDecimal("7.5"), reloaded.section("oms").decimal(MAX_ORDER_QTY));
        assertEquals(new BigDecimal("5"), strategy.decimal(MAX_ORDER_QTY), "a good reload builds new values");
    }

    @Test
    void aFailedReloadFromTheSameFileLeavesTheValuesInForceUntouched(@TempDir final Path dir) throws IOException
    {
        final Path file = dir.resolve("fleet.ini");
        Files.writeString(file, text(BUS, INSTRUMENTS, OMS_SECTION));
        final FleetConfig inForce = FleetConfig.load(file, List.of(OMS));

        Files.writeString(file, text(BUS, INSTRUMENTS, OMS_SECTION, List.of("SOURCE_ID = 4")));
        final ConfigException ex = assertThrows(ConfigException.class, () -> FleetConfig.load(file, List.of(OMS)));
        assertEquals("config error: " + file + ":13: [oms] SOURCE_ID: duplicate key (first set on line 9)", ex.getMessage());

        assertEquals(List.of(new DaemonEndpoint("oms", 3, "tcp://127.0.0.1:7103", 9103)), inForce.daemons());
        assertEquals(new BigDecimal("5"), inForce.section("oms").decimal(MAX_ORDER_QTY));
    }
}
