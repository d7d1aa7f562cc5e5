package io.mmfleet.oms;

import io.mmfleet.bus.config.ConfigException;
import io.mmfleet.bus.config.FleetConfig;
import io.mmfleet.oms.core.InstrumentLimits;
import io.mmfleet.oms.core.RiskLimits;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OmsConfigTest
{
    private static final String BASE = String.join("\n",
        "[bus]",
        "CONTROL_ENDPOINT = tcp://127.0.0.1:7100",
        "SEND_HWM = 1000",
        "RECEIVE_HWM = 1000",
        "[instruments]",
        "ETH-USDC = 1",
        "BTC-USDC = 2",
        "[oms]",
        "SOURCE_ID = 3",
        "PUB_ENDPOINT = tcp://127.0.0.1:7103",
        "HTTP_PORT = 0",
        "");
    private static final String LIMITS = "INSTRUMENT_SCALES = ETH-USDC:2:4\nMAX_ORDER_QTY = ETH-USDC:5\nMAX_POSITION = ETH-USDC:20\n";

    private static OmsConfig load(final String keys)
    {
        return OmsConfig.from(FleetConfig.load("test.ini", BASE + keys + "\n", List.of(OmsConfig.SPEC)));
    }

    @Test
    void theShippedFleetIniLoadsForOms()
    {
        final OmsConfig config = OmsConfig.from(FleetConfig.load(Path.of("..", "config", "fleet.ini"), List.of(OmsConfig.SPEC)));
        assertEquals(List.of(
            new InstrumentLimits(1, 2, 4, 5_0000, 20_0000, 50_000_000000L),
            new InstrumentLimits(2, 2, 5, 25000, 1_00000, 50_000_0000000L)), config.instruments());
        assertEquals(100, config.priceCollarBps());
        assertEquals(Duration.ofSeconds(3), config.deadManTimeout());
        assertEquals(Duration.ofMillis(250), config.retransmitInterval());
        final RiskLimits limits = config.riskLimits();
        assertEquals(5000_00000000L, limits.dailyLossLimit());
        assertEquals(50, config.newRateLimiter().limit(1));
        assertEquals(List.of(new OmsConfig.VenueRoute("binance", 1, "exec-handler")), config.venues());
        assertEquals("ord.cmd.binance", config.venues().get(0).commandTopic());
    }

    @Test
    void venuesAreCheckedEntryByEntry()
    {
        assertEquals(List.of(new OmsConfig.VenueRoute("binance", 1, "exec-handler"), new OmsConfig.VenueRoute("kraken", 2, "exec-kraken")),
            load(LIMITS + "VENUES = binance:1:exec-handler, kraken:2:exec-kraken").venues());
        for (final String bad : List.of("Binance:1:exec-handler", "binance:0:exec-handler", "binance:1", "binance:70000:x",
            "binance:1:exec-handler, binance:2:other", "binance:1:exec-handler, kraken:1:other"))
        {
            final ConfigException ex = assertThrows(ConfigException.class, () -> load(LIMITS + "VENUES = " + bad), bad);
            assertTrue(ex.getMessage().contains("VENUES"), ex.getMessage());
        }
    }

    @Test
    void defaultsApplyAndDecimalsAreKeptExactly()
    {
        final OmsConfig config = load(LIMITS + "MAX_NOTIONAL = 1234.5678919\nDAILY_LOSS_LIMIT = 0.015");
        assertEquals(new BigDecimal("1234.5678919"), config.maxNotional());
        assertEquals(1234_567891L, config.instruments().get(0).maxNotional(), "floored to the notional scale");
        assertEquals(1_500000L, config.riskLimits().dailyLossLimit());
        assertEquals(Duration.ofSeconds(10), config.orderRateWindow());
        assertEquals(4096, config.maxLiveOrders());
    }

    @Test
    void perInstrumentListsAreChecked()
    {
        assertKeyError("INSTRUMENT_SCALES", "'SOL-USDC' is not in [instruments]",
            "INSTRUMENT_SCALES = SOL-USDC:2:4\nMAX_ORDER_QTY = SOL-USDC:5\nMAX_POSITION = SOL-USDC:20");
        assertKeyError("INSTRUMENT_SCALES", "malformed entry 'ETH-USDC:2'",
            "INSTRUMENT_SCALES = ETH-USDC:2\nMAX_ORDER_QTY = ETH-USDC:5\nMAX_POSITION = ETH-USDC:20");
        assertKeyError("INSTRUMENT_SCALES", "sum above 18",
            "INSTRUMENT_SCALES = ETH-USDC:10:9\nMAX_ORDER_QTY = ETH-USDC:5\nMAX_POSITION = ETH-USDC:20");
        assertKeyError("MAX_ORDER_QTY", "more than 4 decimals",
            "INSTRUMENT_SCALES = ETH-USDC:2:4\nMAX_ORDER_QTY = ETH-USDC:5.00001\nMAX_POSITION = ETH-USDC:20");
        assertKeyError("MAX_POSITION", "'BTC-USDC' is not in INSTRUMENT_SCALES",
            "INSTRUMENT_SCALES = ETH-USDC:2:4\nMAX_ORDER_QTY = ETH-USDC:5\nMAX_POSITION = BTC-USDC:20");
        assertKeyError("MAX_POSITION", "'BTC-USDC' is missing",
            "INSTRUMENT_SCALES = ETH-USDC:2:4, BTC-USDC:2:5\nMAX_ORDER_QTY = ETH-USDC:5, BTC-USDC:1\nMAX_POSITION = ETH-USDC:20");
        assertKeyError("MAX_ORDER_QTY", "not above MAX_POSITION",
            "INSTRUMENT_SCALES = ETH-USDC:2:4\nMAX_ORDER_QTY = ETH-USDC:21\nMAX_POSITION = ETH-USDC:20");
        assertKeyError("MAX_ORDER_QTY", "not positive",
            "INSTRUMENT_SCALES = ETH-USDC:2:4\nMAX_ORDER_QTY = ETH-USDC:0\nMAX_POSITION = ETH-USDC:20");
        assertKeyError("MAX_ORDER_QTY", "given twice",
            "INSTRUMENT_SCALES = ETH-USDC:2:4\nMAX_ORDER_QTY = ETH-USDC:1, ETH-USDC:2\nMAX_POSITION = ETH-USDC:20");
    }

    @Test
    void crossKeyRulesAndRangesAreChecked()
    {
        assertKeyError("DEAD_MAN_TIMEOUT", "longer than [bus] HEARTBEAT_INTERVAL", LIMITS + "DEAD_MAN_TIMEOUT = 1s");
        assertKeyError("POSITION_STALE_AFTER", "longer than [bus] HEARTBEAT_INTERVAL", LIMITS + "POSITION_STALE_AFTER = 500ms");
        assertKeyError("PRICE_COLLAR_BPS", "between 1 and 10000", LIMITS + "PRICE_COLLAR_BPS = 0");
        assertKeyError("ORDER_RATE_VENUE_PERCENT", "between 1 and 100", LIMITS + "ORDER_RATE_VENUE_PERCENT = 101");
        assertKeyError("DAILY_LOSS_LIMIT", "decimal", LIMITS + "DAILY_LOSS_LIMIT = -5");
        assertKeyError("MAX_LOSS", "unknown key", LIMITS + "MAX_LOSS = 5");
    }

    @Test
    void aReloadMayChangeLimitsButNotScales()
    {
        final OmsConfig current = load(LIMITS);
        OmsConfig.requireSameScales(current, load(LIMITS.replace("ETH-USDC:20", "ETH-USDC:30") + "PRICE_COLLAR_BPS = 50"), "test.ini");
        OmsConfig.requireSameScales(current,
            load("INSTRUMENT_SCALES = ETH-USDC:2:4, BTC-USDC:2:5\nMAX_ORDER_QTY = ETH-USDC:5, BTC-USDC:1\nMAX_POSITION = ETH-USDC:20, BTC-USDC:2"),
            "test.ini");
        final ConfigException ex = assertThrows(ConfigException.class,
            () -> OmsConfig.requireSameScales(current, load(LIMITS.replace("ETH-USDC:2:4", "ETH-USDC:2:5")), "test.ini"));
        assertTrue(ex.getMessage().contains("restart oms"), ex.getMessage());
    }

    private static void assertKeyError(final String key, final String text, final String keys)
    {
        final ConfigException ex = assertThrows(ConfigException.class, () -> load(keys));
        assertTrue(ex.getMessage().contains(key) && ex.getMessage().contains(text), ex.getMessage());
    }
}
