package io.mmfleet.venuesim.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mmfleet.venuesim.VenueSim;
import io.mmfleet.venuesim.VenueSimConfig;
import io.mmfleet.venuesim.binance.ApiKeyRegistry;
import io.mmfleet.venuesim.engine.EngineListener;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * venue-sim in-process for the daemons' integration tests: ETHUSDT (tick 0.01, step 0.0001, min
 * notional 5) with no synthetic market, so every fill is one the test caused; an account "mm" for
 * the daemon under test (its key files written to the test's directory) and an account "taker"
 * the test trades with. Signs its own REST requests (the connectors' signing code is what the
 * tests check, so it is not reused here).
 */
public final class TwoAccountVenue implements AutoCloseable
{
    public static final String MM_API_KEY = "rigMmApiKeyrigMmApiKeyrigMmApiKeyrigMmApiKeyrigMmApiKeyrigMmApiK";
    public static final String MM_SECRET = "rigMmSecretrigMmSecretrigMmSecretrigMmSecretrigMmSecretrigMmSecr";
    private static final String TAKER_API_KEY = "rigTakerKeyrigTakerKeyrigTakerKeyrigTakerKeyrigTakerKeyrigTakerK";
    private static final String TAKER_SECRET = "rigTakerSecretrigTakerSecretrigTakerSecretrigTakerSecretrigTaker";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final VenueSim venue;
    private final Path mmApiKeyFile;
    private final Path mmSecretKeyFile;
    private final HttpClient http = HttpClient.newHttpClient();

    private TwoAccountVenue(final VenueSim venue, final Path mmApiKeyFile, final Path mmSecretKeyFile)
    {
        this.venue = venue;
        this.mmApiKeyFile = mmApiKeyFile;
        this.mmSecretKeyFile = mmSecretKeyFile;
    }

    /** @param venueKeys extra [venue-sim] keys, one per line (e.g. CONNECTION_LIFETIME = 3s), or "". */
    public static TwoAccountVenue start(final Path dir, final String venueKeys) throws Exception
    {
        return start(dir, venueKeys, List.of());
    }

    /** The same, with engine listeners recording the venue's events as they happen (see {@link VenueSim#start}). */
    public static TwoAccountVenue start(final Path dir, final String venueKeys, final List<EngineListener> observers) throws Exception
    {
        final Path mmApiKey = dir.resolve("mm-api-key");
        final Path mmSecret = dir.resolve("mm-secret-key");
        Files.writeString(mmApiKey, MM_API_KEY + "\n");
        Files.writeString(mmSecret, MM_SECRET + "\n");
        Files.writeString(dir.resolve("taker-api-key"), TAKER_API_KEY + "\n");
        Files.writeString(dir.resolve("taker-secret-key"), TAKER_SECRET + "\n");
        final Path venueIni = dir.resolve("venue-sim.ini");
        Files.writeString(venueIni, String.join("\n",
            "[bus]",
            "CONTROL_ENDPOINT = tcp://127.0.0.1:" + freePort(),
            "SEND_HWM = 1000",
            "RECEIVE_HWM = 1000",
            "",
            "[instruments]",
            "ETH-USDC = 1",
            "",
            "[venue-sim]",
            "REST_PORT = 0",
            "STREAM_PORT = 0",
            "WS_API_PORT = 0",
            venueKeys,
            "",
            "[venue-sim.ETHUSDT]",
            "BASE_ASSET = ETH",
            "QUOTE_ASSET = USDT",
            "TICK_SIZE = 0.01",
            "MIN_PRICE = 0.01",
            "STEP_SIZE = 0.0001",
            "MIN_QTY = 0.0001",
            "MAX_QTY = 9000",
            "MIN_NOTIONAL = 5",
            "MARKET = false",
            "",
            "[venue-sim.account.mm]",
            "ACCOUNT_ID = 1",
            "API_KEY_FILE = " + mmApiKey,
            "SECRET_KEY_FILE = " + mmSecret,
            "MAKER_FEE = 0.0005",
            "TAKER_FEE = 0.001",
            "BALANCES = USDT:100000, ETH:50",
            "",
            "[venue-sim.account.taker]",
            "ACCOUNT_ID = 2",
            "API_KEY_FILE = " + dir.resolve("taker-api-key"),
            "SECRET_KEY_FILE = " + dir.resolve("taker-secret-key"),
            "BALANCES = USDT:100000, ETH:50",
            ""));
        final ApiKeyRegistry keys = new ApiKeyRegistry();
        keys.register(MM_API_KEY, 1, MM_SECRET.getBytes(StandardCharsets.US_ASCII));
        keys.register(TAKER_API_KEY, 2, TAKER_SECRET.getBytes(StandardCharsets.US_ASCII));
        return new TwoAccountVenue(VenueSim.start(VenueSimConfig.load(venueIni), keys, observers), mmApiKey, mmSecret);
    }

    private static int freePort() throws java.io.IOException
    {
        try (ServerSocket socket = new ServerSocket(0))
        {
            return socket.getLocalPort();
        }
    }

    public int restPort()
    {
        return venue.restPort();
    }

    public int wsApiPort()
    {
        return venue.wsApiPort();
    }

    public int streamPort()
    {
        return venue.streamPort();
    }

    public String restUrl()
    {
        return "http://127.0.0.1:" + venue.restPort();
    }

    public String wsApiUrl()
    {
        return "ws://127.0.0.1:" + venue.wsApiPort() + "/ws-api/v3";
    }

    /** The mm account's API key file, for the daemon's API_KEY_FILE. */
    public Path mmApiKeyFile()
    {
        return mmApiKeyFile;
    }

    public Path mmSecretKeyFile()
    {
        return mmSecretKeyFile;
    }

    /**
     * exec-handler's [exec-handler] keys for this venue, after its identity keys: the URLs, the mm
     * account's key files, the journal, and timers short enough for tests.
     */
    public Map<String, String> execHandlerKeys(final Map<String, String> identity, final Path journal)
    {
        return execHandlerKeys(identity, restUrl(), wsApiUrl(), mmApiKeyFile, mmSecretKeyFile, journal);
    }

    /** The same for a venue at other URLs (a scripted one), with these key files. */
    public static Map<String, String> execHandlerKeys(
        final Map<String, String> identity,
        final String restUrl,
        final String wsApiUrl,
        final Path apiKeyFile,
        final Path secretKeyFile,
        final Path journal)
    {
        final Map<String, String> keys = new LinkedHashMap<>(identity);
        keys.put("REST_URL", restUrl);
        keys.put("WS_API_URL", wsApiUrl);
        keys.put("SYMBOLS", "ETHUSDT:ETH-USDC:2:4");
        keys.put("API_KEY_FILE", apiKeyFile.toString());
        keys.put("SECRET_KEY_FILE", secretKeyFile.toString());
        keys.put("JOURNAL_FILE", journal.toString());
        keys.put("RECV_WINDOW", "2s");
        keys.put("REQUEST_TIMEOUT", "3s");
        keys.put("RECONNECT_BACKOFF_MIN", "50ms");
        keys.put("RECONNECT_BACKOFF_MAX", "500ms");
        keys.put("ACCOUNT_SNAPSHOT_INTERVAL", "1s");
        keys.put("LOOKUP_RETRY", "200ms");
        keys.put("FILL_GAP_TIMEOUT", "300ms");
        return keys;
    }

    /** A signed REST call as the taker account (POST fails the test unless answered 200). */
    public JsonNode asTaker(final String method, final String path, final String params) throws Exception
    {
        return signed(method, path, params, TAKER_API_KEY, TAKER_SECRET);
    }

    /** A signed REST call as the mm account, behind the daemon's back (POST fails the test unless answered 200). */
    public JsonNode asMm(final String method, final String path, final String params) throws Exception
    {
        return signed(method, path, params, MM_API_KEY, MM_SECRET);
    }

    /** The taker's order: MARKET (price ignored) or LIMIT GTC; answered FULL, with its fills. */
    public JsonNode takerOrder(final String side, final String type, final String price, final String qty) throws Exception
    {
        String params = "symbol=ETHUSDT&side=" + side + "&type=" + type + "&quantity=" + qty + "&newOrderRespType=FULL";
        if (!"MARKET".equals(type))
        {
            params += "&timeInForce=GTC&price=" + price;
        }
        return asTaker("POST", "/api/v3/order", params);
    }

    /** Every trade of the mm account, as the venue lists them. */
    public JsonNode mmTrades() throws Exception
    {
        return asMm("GET", "/api/v3/myTrades", "symbol=ETHUSDT&limit=1000");
    }

    public JsonNode mmOpenOrders() throws Exception
    {
        return asMm("GET", "/api/v3/openOrders", "symbol=ETHUSDT");
    }

    private JsonNode signed(final String method, final String path, final String params, final String apiKey, final String secret) throws Exception
    {
        final String payload = params + "&timestamp=" + System.currentTimeMillis();
        final Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
        final String query = payload + "&signature=" + HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII)));
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(restUrl() + path + "?" + query))
            .timeout(Duration.ofSeconds(10)).header("X-MBX-APIKEY", apiKey);
        final HttpResponse<String> response = http.send(
            ("POST".equals(method) ? request.POST(HttpRequest.BodyPublishers.noBody())
                : "DELETE".equals(method) ? request.DELETE() : request.GET()).build(),
            HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 && "POST".equals(method))
        {
            throw new AssertionError(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    @Override
    public void close()
    {
        venue.close();
    }
}
