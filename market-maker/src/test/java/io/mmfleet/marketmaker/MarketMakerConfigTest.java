package io.mmfleet.marketmaker;

import io.mmfleet.bus.config.ConfigException;
import io.mmfleet.bus.config.FleetConfig;
import io.mmfleet.marketmaker.strategy.AvellanedaStoikov;
import io.mmfleet.marketmaker.strategy.StrategyParams;
import io.mmfleet.sbe.ModelType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MarketMakerConfigTest
{
    private static final String BASE = String.join("\n",
        "[bus]",
        "CONTROL_ENDPOINT = tcp://127.0.0.1:7100",
        "SEND_HWM = 1000",
        "RECEIVE_HWM = 1000",
        "[instruments]",
        "ETH-USDC = 1",
        "BTC-USDC = 2",
        "[market-maker]",
        "SOURCE_ID = 2",
        "PUB_ENDPOINT = tcp://127.0.0.1:7102",
        "HTTP_PORT = 0",
        "");
    private static final String SIZES = "SYMBOL = ETHUSDT:ETH-USDC:2:4\nMAX_INVENTORY = 1\nORDER_QTY = 0.05\nMIN_ORDER_QTY = 0.01\nMAX_ORDER_QTY = 0.5\n";

    private static MarketMakerConfig load(final String keys)
    {
        return MarketMakerConfig.from(FleetConfig.load("test.ini", BASE + keys + "\n", List.of(MarketMakerConfig.SPEC)));
    }

    private static ConfigException refused(final String keys, final String key)
    {
        final ConfigException ex = assertThrows(ConfigException.class, () -> load(keys));
        assertEquals(key, ex.key(), ex.getMessage());
        return ex;
    }

    @Test
    void theShippedFleetIniLoadsForMarketMaker()
    {
        final MarketMakerConfig config = MarketMakerConfig.from(
            FleetConfig.load(Path.of("..", "config", "fleet.ini"), List.of(MarketMakerConfig.SPEC)));
        assertEquals(1, config.symbol().instrumentId());
        assertEquals("md.binance.ETH-USDC", config.marketDataTopic());
        assertEquals(ModelType.AVELLANEDA_STOIKOV, config.modelType());
        assertFalse(config.finiteHorizon());
        assertEquals(Duration.ofSeconds(60), config.horizonWindow());
        assertEquals(10_000, config.spread().maxInventory(), "1 ETH at quantity scale 4");
        assertEquals(500, config.spread().orderQty());
        assertEquals(200_000, config.spread().skewThresholdPpm());
        assertEquals(400_000, config.spread().criticalThresholdPpm());
        assertEquals(10.0, config.spread().minSpreadBps());
        assertEquals(500.0, config.spread().maxSpreadBps());
        assertEquals(30.0, config.spread().defaultSpreadBps());
        assertEquals(200, config.quotes().refreshToleranceBpsE2());
        final StrategyParams params = config.strategyParams();
        assertEquals(3_000_000_000L, params.maxBookAgeNs());
        assertEquals(500_000_000L, params.maxOneSidedNs(), "ONE_SIDED_BOOK_TIMEOUT defaults to 500ms");
        final AvellanedaStoikov model = (AvellanedaStoikov)config.quoteModel();
        assertEquals(0.1, model.gamma());
        assertEquals(20.0, model.k());
        assertEquals(0, config.horizonSecondsAt(0));
        assertEquals(2, config.instrumentSpec().priceScale());
    }

    @Test
    void defaultsAndTheFiniteHorizon()
    {
        final MarketMakerConfig config = load(SIZES + "HORIZON = session\nSESSION_END = 16:30");
        assertTrue(config.finiteHorizon());
        assertEquals((16 * 3600 + 30 * 60) * 1_000_000_000L, config.sessionEndNanoOfDay());
        assertEquals(3600, config.horizonSecondsAt((15 * 3600 + 30 * 60) * 1_000_000_000L), "an hour before 16:30 UTC");
        assertEquals(new BigDecimal("0.1"), config.riskAversion());
        assertEquals(500_000_000L, config.strategyParams().quotes().minRequoteIntervalNs());
        assertEquals(250_000_000L, load(SIZES + "ONE_SIDED_BOOK_TIMEOUT = 250ms").strategyParams().maxOneSidedNs());
        refused(SIZES + "HORIZON = session\nSESSION_END = 24:00", "SESSION_END");
        refused(SIZES + "HORIZON = session\nHORIZON_WINDOW = 10s", "HORIZON_WINDOW");
        refused(SIZES + "SESSION_END = 16:00", "SESSION_END");
    }

    @Test
    void rulesBetweenKeysAreChecked()
    {
        refused(SIZES + "MODEL_TYPE = glft", "MODEL_TYPE");
        refused(SIZES + "MODEL_TYPE = gueant", "MODEL_TYPE");
        refused(SIZES + "MIN_SPREAD_BPS = 40", "DEFAULT_SPREAD_BPS");
        refused(SIZES + "MAX_SPREAD_BPS = 5", "MAX_SPREAD_BPS");
        refused(SIZES + "MIN_SPREAD_BPS = 0", "MIN_SPREAD_BPS");
        refused(SIZES + "CRITICAL_IMBALANCE_THRESHOLD = 0.1", "CRITICAL_IMBALANCE_THRESHOLD");
        refused(SIZES + "INVENTORY_IMBALANCE_THRESHOLD = 1.5", "INVENTORY_IMBALANCE_THRESHOLD");
        refused(SIZES + "MAX_ORDER_AGE = 500ms", "MAX_ORDER_AGE");
        refused(SIZES + "MARKET_DATA_TIMEOUT = 1s", "MARKET_DATA_TIMEOUT");
        refused(SIZES + "ONE_SIDED_BOOK_TIMEOUT = 0s", "ONE_SIDED_BOOK_TIMEOUT");
        refused(SIZES + "ONE_SIDED_BOOK_TIMEOUT = soon", "ONE_SIDED_BOOK_TIMEOUT");
        refused(SIZES + "RISK_AVERSION = 0", "RISK_AVERSION");
        refused(SIZES + "REFRESH_TOLERANCE_BPS = 0.125", "REFRESH_TOLERANCE_BPS");
        refused("SYMBOL = ETHUSDT:ETH-USDC:2:4\nMAX_INVENTORY = 1\nORDER_QTY = 0.00005\nMIN_ORDER_QTY = 0.00001\nMAX_ORDER_QTY = 0.5", "ORDER_QTY");
        refused("SYMBOL = ETHUSDT:ETH-USDC:2:4\nMAX_INVENTORY = 1\nORDER_QTY = 1\nMIN_ORDER_QTY = 0.01\nMAX_ORDER_QTY = 0.5", "ORDER_QTY");
        refused("SYMBOL = ETHUSDT:ETH-USDC:2:4\nMAX_INVENTORY = 1\nORDER_QTY = 0.05\nMIN_ORDER_QTY = 0.1\nMAX_ORDER_QTY = 0.05", "MAX_ORDER_QTY");
        final ConfigException unknownKey = assertThrows(ConfigException.class, () -> load(SIZES + "BASE_SPREAD = 0.02"));
        assertTrue(unknownKey.getMessage().contains("BASE_SPREAD: unknown key"), unknownKey.getMessage());
        final ConfigException missing = assertThrows(ConfigException.class, () -> load("SYMBOL = ETHUSDT:ETH-USDC:2:4\nORDER_QTY = 0.05"));
        assertTrue(missing.getMessage().contains("MAX_INVENTORY"), missing.getMessage());
        final ConfigException twoSymbols = refused(
            SIZES.replace("SYMBOL = ETHUSDT:ETH-USDC:2:4", "SYMBOL = ETHUSDT:ETH-USDC:2:4, BTCUSDT:BTC-USDC:2:5"), "SYMBOL");
        assertTrue(twoSymbols.getMessage().contains("exactly one"), twoSymbols.getMessage());
        final ConfigException notAnInstrument = refused(SIZES.replace("ETH-USDC", "SOL-USDC"), "SYMBOL");
        assertTrue(notAnInstrument.getMessage().contains("not in [instruments]"), notAnInstrument.getMessage());
    }

    @Test
    void aReloadMayNotChangeWhatIsQuoted()
    {
        final MarketMakerConfig config = load(SIZES);
        MarketMakerConfig.requireSameInstrument(config, load(SIZES + "MIN_SPREAD_BPS = 12"), "test.ini");
        final ConfigException ex = assertThrows(ConfigException.class,
            () -> MarketMakerConfig.requireSameInstrument(config, load(SIZES + "STRATEGY_ID = 7"), "test.ini"));
        assertTrue(ex.getMessage().contains("restart market-maker"), ex.getMessage());
        assertEquals("STRATEGY_ID", ex.key());
        final ConfigException levels = assertThrows(ConfigException.class,
            () -> MarketMakerConfig.requireSameInstrument(config, load(SIZES + "QUOTE_LEVELS = 2"), "test.ini"));
        assertEquals("QUOTE_LEVELS", levels.key());
    }
}
