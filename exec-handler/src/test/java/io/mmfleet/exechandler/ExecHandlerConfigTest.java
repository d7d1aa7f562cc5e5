package io.mmfleet.exechandler;

import io.mmfleet.bus.config.ConfigException;
import io.mmfleet.bus.config.FleetConfig;
import io.mmfleet.bus.runtime.DaemonLauncher;
import io.mmfleet.exechandler.venue.VenueSymbol;
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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExecHandlerConfigTest
{
    private static final String BASE = String.join("\n",
        "[bus]",
        "CONTROL_ENDPOINT = tcp://127.0.0.1:7100",
        "SEND_HWM = 1000",
        "RECEIVE_HWM = 1000",
        "[instruments]",
        "ETH-USDC = 1",
        "BTC-USDC = 2",
        "[exec-handler]",
        "SOURCE_ID = 4",
        "PUB_ENDPOINT = tcp://127.0.0.1:7104",
        "HTTP_PORT = 0",
        "REST_URL = http://127.0.0.1:8610/",
        "WS_API_URL = ws://127.0.0.1:8612/ws-api/v3",
        "");

    private static ExecHandlerConfig load(final String keys)
    {
        return ExecHandlerConfig.from(FleetConfig.load("test.ini", BASE + keys + "\n", List.of(ExecHandlerConfig.SPEC)));
    }

    @Test
    void theShippedFleetIniLoadsForExecHandler()
    {
        final ExecHandlerConfig config = ExecHandlerConfig.from(
            FleetConfig.load(Path.of("..", "config", "fleet.ini"), List.of(ExecHandlerConfig.SPEC)));
        assertEquals(List.of(new VenueSymbol("ETHUSDT", "ETH-USDC", 1, 2, 4)), config.symbols());
        assertEquals(URI.create("ws://127.0.0.1:8612/ws-api/v3"), config.wsApiUrl());
        assertEquals(Duration.ofSeconds(5), config.recvWindow());
        assertEquals("ord.cmd.binance", config.commandTopic());
        assertEquals("exec.binance", config.executionTopic());
        assertEquals("acct.binance", config.accountTopic());
        assertEquals(URI.create("http://127.0.0.1:8610/api/v3/time"), config.restUri("/api/v3/time"));
    }

    @Test
    void keysAndLimitsAreChecked()
    {
        final String keys = "SYMBOLS = ETHUSDT:ETH-USDC:2:4\nAPI_KEY_FILE = k\nSECRET_KEY_FILE = s\n";
        assertEquals(Duration.ofMillis(1500), load(keys + "RECV_WINDOW = 1500ms").recvWindow());
        final ConfigException window = assertThrows(ConfigException.class, () -> load(keys + "RECV_WINDOW = 61s"));
        assertEquals("RECV_WINDOW", window.key());
        final ConfigException backoff = assertThrows(ConfigException.class,
            () -> load(keys + "RECONNECT_BACKOFF_MIN = 2s\nRECONNECT_BACKOFF_MAX = 1s"));
        assertEquals("RECONNECT_BACKOFF_MAX", backoff.key());
        final ConfigException unknown = assertThrows(ConfigException.class,
            () -> load("SYMBOLS = SOLUSDT:SOL-USDC:2:3\nAPI_KEY_FILE = k\nSECRET_KEY_FILE = s"));
        assertTrue(unknown.getMessage().contains("'SOL-USDC' is not in [instruments]"), unknown.getMessage());
        final ConfigException missing = assertThrows(ConfigException.class, () -> load("SYMBOLS = ETHUSDT:ETH-USDC:2:4"));
        assertTrue(missing.getMessage().contains("API_KEY_FILE"), missing.getMessage());
        final ConfigException apiKeyInIni = assertThrows(ConfigException.class, () -> load(keys + "API_KEY = abc"));
        assertTrue(apiKeyInIni.getMessage().contains("API_KEY: unknown key"), "a secret has no key in the INI: " + apiKeyInIni.getMessage());
    }

    @Test
    void aReloadMayNotChangeTheVenueSetup()
    {
        final String keys = "SYMBOLS = ETHUSDT:ETH-USDC:2:4\nAPI_KEY_FILE = k\nSECRET_KEY_FILE = s\n";
        ExecHandlerConfig.requireSameVenueSetup(load(keys), load(keys), "test.ini");
        final ConfigException ex = assertThrows(ConfigException.class,
            () -> ExecHandlerConfig.requireSameVenueSetup(load(keys), load(keys + "RECV_WINDOW = 1s"), "test.ini"));
        assertTrue(ex.getMessage().contains("restart exec-handler"), ex.getMessage());
    }

    @Test
    void aMissingOrEmptyKeyFileStopsTheDaemonWithExitCodeTwoWithoutEchoingAnything(@TempDir final Path dir) throws Exception
    {
        final Path ini = dir.resolve("fleet.ini");
        Files.writeString(dir.resolve("api-key"), "top-secret-key-value\n");
        Files.writeString(dir.resolve("secret-key"), "\n");
        Files.writeString(ini, BASE + "SYMBOLS = ETHUSDT:ETH-USDC:2:4\nAPI_KEY_FILE = " + dir.resolve("api-key") +
            "\nSECRET_KEY_FILE = " + dir.resolve("secret-key") + "\nJOURNAL_FILE = " + dir.resolve("journal.db") + "\n");
        final String empty = run(ini);
        assertTrue(empty.contains("SECRET_KEY_FILE") && empty.contains("empty"), empty);

        Files.writeString(ini, BASE + "SYMBOLS = ETHUSDT:ETH-USDC:2:4\nAPI_KEY_FILE = " + dir.resolve("api-key") +
            "\nSECRET_KEY_FILE = " + dir.resolve("no-such-file") + "\n");
        final String missing = run(ini);
        assertTrue(missing.contains("SECRET_KEY_FILE") && missing.contains("no-such-file"), missing);
        assertFalse(missing.contains("top-secret-key-value") || empty.contains("top-secret-key-value"));

        Files.writeString(ini, BASE + "SYMBOLS = ETHUSDT:ETH-USDC:2:4\nAPI_KEY_FILE = $CREDENTIALS_DIRECTORY/binance-api-key" +
            "\nSECRET_KEY_FILE = " + dir.resolve("secret-key") + "\n");
        if (System.getenv("CREDENTIALS_DIRECTORY") == null)
        {
            final String credential = run(ini);
            assertTrue(credential.contains("CREDENTIALS_DIRECTORY is not set"), credential);
        }
    }

    private static String run(final Path ini)
    {
        final PrintStream stderr = System.err;
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try
        {
            assertEquals(ConfigException.EXIT_CODE, DaemonLauncher.run("exec-handler", ExecHandlerApp::new, new String[] {"--config", ini.toString()}));
        }
        finally
        {
            System.setErr(stderr);
        }
        return captured.toString(StandardCharsets.UTF_8).strip();
    }
}
