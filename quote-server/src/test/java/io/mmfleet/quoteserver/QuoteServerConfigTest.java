package io.mmfleet.quoteserver;

import io.mmfleet.bus.config.ConfigException;
import io.mmfleet.bus.config.FleetConfig;
import io.mmfleet.bus.runtime.DaemonLauncher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuoteServerConfigTest
{
    private static final String BASE = String.join("\n",
        "[bus]",
        "CONTROL_ENDPOINT = tcp://127.0.0.1:7100",
        "SEND_HWM = 1000",
        "RECEIVE_HWM = 1000",
        "[instruments]",
        "ETH-USDC = 1",
        "BTC-USDC = 2",
        "[quote-server]",
        "SOURCE_ID = 1",
        "PUB_ENDPOINT = tcp://127.0.0.1:7101",
        "HTTP_PORT = 0",
        "REST_URL = http://127.0.0.1:8610/",
        "STREAM_URL = ws://127.0.0.1:8611",
        "");

    private static QuoteServerConfig load(final String keys)
    {
        return QuoteServerConfig.from(FleetConfig.load("test.ini", BASE + keys + "\n", List.of(QuoteServerConfig.SPEC)));
    }

    @Test
    void aSymbolOutsideTheInstrumentTableStopsTheDaemonWithExitCodeTwo(@TempDir final Path dir) throws Exception
    {
        final Path ini = dir.resolve("fleet.ini");
        Files.writeString(ini, BASE + "SYMBOLS = SOLUSDT:SOL-USDC:2:3\n");
        final PrintStream stderr = System.err;
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try
        {
            assertEquals(ConfigException.EXIT_CODE,
                DaemonLauncher.run("quote-server", QuoteServerApp::new, new String[] {"--config", ini.toString()}));
        }
        finally
        {
            System.setErr(stderr);
        }
        final String message = captured.toString(StandardCharsets.UTF_8).strip();
        assertTrue(message.startsWith("config error: " + ini + ":") && message.contains("[quote-server] SYMBOLS:") &&
            message.contains("'SOL-USDC' is not in [instruments]"), message);
    }

    @Test
    void theShippedFleetIniLoadsForQuoteServer()
    {
        final QuoteServerConfig config = QuoteServerConfig.from(
            FleetConfig.load(Path.of("..", "config", "fleet.ini"), List.of(QuoteServerConfig.SPEC)));
        assertEquals(List.of(new SymbolMapping("ETHUSDT", "ETH-USDC", 1, 2, 4)), config.symbols());
        assertEquals(URI.create("http://127.0.0.1:8610"), config.restUrl());
        assertEquals(URI.create("ws://127.0.0.1:8611/stream?streams=ethusdt@depth@100ms/ethusdt@trade"), config.combinedStreamUri());
        assertTrue(config.connectionRollover().compareTo(Duration.ofHours(24)) < 0, "rolls over before Binance's 24 h");
    }

    @Test
    void symbolsMapToInstrumentsWithTheirScalesAndTopics()
    {
        final QuoteServerConfig config = load("SYMBOLS = ETHUSDT:ETH-USDC:2:4, BTCUSDT:BTC-USDC:2:5\nSNAPSHOT_LEVELS = 100");
        assertEquals(new SymbolMapping("BTCUSDT", "BTC-USDC", 2, 2, 5), config.symbols().get(1));
        assertEquals("md.binance.BTC-USDC", config.topic(config.symbols().get(1)));
        assertEquals(URI.create("ws://127.0.0.1:8611/stream?streams=ethusdt@depth@100ms/ethusdt@trade/btcusdt@depth@100ms/btcusdt@trade"),
            config.combinedStreamUri());
        assertEquals(URI.create("http://127.0.0.1:8610/api/v3/depth?symbol=BTCUSDT&limit=100"), config.depthSnapshotUri(config.symbols().get(1)));
    }

    @Test
    void badSymbolsAreConfigErrorsNamingTheKey()
    {
        for (final String bad : List.of("ETHUSDT:ETH-USDC:2", "ethusdt:ETH-USDC:2:4", "ETHUSDT:ETH-USDC:2:19",
            "ETHUSDT:ETH-USDC:2:4, ETHUSDT:BTC-USDC:2:4", "ETHUSDT:ETH-USDC:x:4", ""))
        {
            final ConfigException ex = assertThrows(ConfigException.class, () -> load("SYMBOLS = " + bad), bad);
            assertEquals("SYMBOLS", ex.key(), ex.getMessage());
            assertTrue(ex.getMessage().contains("test.ini"), ex.getMessage());
        }
        final ConfigException unknown = assertThrows(ConfigException.class, () -> load("SYMBOLS = SOLUSDT:SOL-USDC:2:3"));
        assertTrue(unknown.getMessage().contains("'SOL-USDC' is not in [instruments]"), unknown.getMessage());
    }

    @Test
    void limitsAreCheckedAgainstEachOther()
    {
        final ConfigException backoff = assertThrows(ConfigException.class,
            () -> load("SYMBOLS = ETHUSDT:ETH-USDC:2:4\nRECONNECT_BACKOFF_MIN = 2s\nRECONNECT_BACKOFF_MAX = 1s"));
        assertEquals("RECONNECT_BACKOFF_MAX", backoff.key());
        final ConfigException levels = assertThrows(ConfigException.class,
            () -> load("SYMBOLS = ETHUSDT:ETH-USDC:2:4\nTOP_LEVELS = 20\nSNAPSHOT_LEVELS = 10"));
        assertEquals("SNAPSHOT_LEVELS", levels.key());
        final ConfigException unknown = assertThrows(ConfigException.class,
            () -> load("SYMBOLS = ETHUSDT:ETH-USDC:2:4\nUNKNOWN_KEY = 1"));
        assertTrue(unknown.getMessage().contains("UNKNOWN_KEY: unknown key"), unknown.getMessage());
    }

    @Test
    void aReloadMayNotChangeTheVenueOrSymbols()
    {
        final QuoteServerConfig current = load("SYMBOLS = ETHUSDT:ETH-USDC:2:4");
        QuoteServerConfig.requireSameVenueSetup(current, load("SYMBOLS = ETHUSDT:ETH-USDC:2:4\nMAX_PUBLISH_RATE = 5"), "test.ini");
        final ConfigException ex = assertThrows(ConfigException.class,
            () -> QuoteServerConfig.requireSameVenueSetup(current, load("SYMBOLS = BTCUSDT:BTC-USDC:2:5"), "test.ini"));
        assertTrue(ex.getMessage().contains("restart quote-server"), ex.getMessage());
    }
}
