package io.mmfleet.quoteserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mmfleet.bus.BusMessageHandler;
import io.mmfleet.bus.BusSubscriber;
import io.mmfleet.bus.Envelope;
import io.mmfleet.bus.GapListener;
import io.mmfleet.bus.TopicView;
import io.mmfleet.bus.testing.Await;
import io.mmfleet.bus.testing.DaemonHttp;
import io.mmfleet.bus.testing.JavaProcess;
import io.mmfleet.bus.testing.Ports;
import io.mmfleet.sbe.BookUpdateDecoder;
import io.mmfleet.sbe.MessageHeaderDecoder;
import io.mmfleet.sbe.TradeDecoder;
import io.mmfleet.sbe.VenueStatusDecoder;
import io.mmfleet.venuesim.VenueSim;
import io.mmfleet.venuesim.VenueSimConfig;
import io.mmfleet.venuesim.binance.ApiKeyRegistry;
import org.agrona.DirectBuffer;
import org.zeromq.ZContext;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The integration rig: venue-sim in-process on ephemeral ports (a synthetic ETHUSDT market and one
 * trading account), quote-server as a real process pointed at it, and a bus subscriber recording
 * what quote-server publishes on md.binance.ETH-USDC. Signs its own orders (venue-sim's signing
 * code is not shared with the connectors).
 */
final class VenueAndQuoteServer implements AutoCloseable
{
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final int TOP = 5;
    static final String TOPIC = "md.binance.ETH-USDC";
    private static final String API_KEY = "qsTestApiKeyqsTestApiKeyqsTestApiKeyqsTestApiKeyqsTestApiKeyqsTe";
    private static final String SECRET = "qsTestSecretqsTestSecretqsTestSecretqsTestSecretqsTestSecretqsTe";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One side's levels as mantissas at the instrument's scales, best first. */
    record Book(long updateId, List<long[]> bids, List<long[]> asks)
    {
        String levels()
        {
            final StringBuilder text = new StringBuilder("bids");
            bids.forEach(l -> text.append(' ').append(l[0]).append('x').append(l[1]));
            text.append(" asks");
            asks.forEach(l -> text.append(' ').append(l[0]).append('x').append(l[1]));
            return text.toString();
        }
    }

    record Status(String state, String reason, long receivedIndex)
    {
    }

    record PublishedTrade(long tradeId, long price, int priceExponent, long qty, String aggressor, long originNs, long sendNs)
    {
    }

    final VenueSim venue;
    final JavaProcess quoteServer;
    final int httpPort;
    private final ZContext zmq = new ZContext(1);
    private final BusSubscriber subscriber;
    private final HttpClient http = HttpClient.newHttpClient();
    final Map<Long, Book> booksByUpdateId = new ConcurrentHashMap<>();
    final List<Long> bookUpdateIds = new CopyOnWriteArrayList<>();
    final List<Status> statuses = new CopyOnWriteArrayList<>();
    final List<PublishedTrade> trades = new CopyOnWriteArrayList<>();
    private final BookUpdateDecoder bookUpdate = new BookUpdateDecoder();
    private final VenueStatusDecoder venueStatus = new VenueStatusDecoder();
    private final TradeDecoder trade = new TradeDecoder();
    private long received;
    private final BusMessageHandler handler = this::onMessage;

    /**
     * @param venueKeys     extra [venue-sim] keys (e.g. CONNECTION_LIFETIME).
     * @param quoteKeys     extra [quote-server] keys.
     */
    VenueAndQuoteServer(final Path dir, final String venueKeys, final String quoteKeys) throws Exception
    {
        final Path venueIni = dir.resolve("venue-sim.ini");
        Files.writeString(dir.resolve("api-key"), API_KEY + "\n");
        Files.writeString(dir.resolve("secret-key"), SECRET + "\n");
        Files.writeString(venueIni, common(Ports.tcpEndpoint()) + String.join("\n",
            "[venue-sim]",
            "# ephemeral ports",
            "REST_PORT = 0",
            "# ephemeral",
            "STREAM_PORT = 0",
            "# ephemeral",
            "WS_API_PORT = 0",
            "# quiet gaps between ticks, so the REST book and the published one meet at one update id",
            "MARKET_TICK = 250ms",
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
            "MARKET = true",
            "",
            "[venue-sim.account.mm]",
            "ACCOUNT_ID = 1",
            "API_KEY_FILE = " + dir.resolve("api-key"),
            "SECRET_KEY_FILE = " + dir.resolve("secret-key"),
            "BALANCES = USDT:100000, ETH:50",
            ""));
        final ApiKeyRegistry keys = new ApiKeyRegistry();
        keys.register(API_KEY, 1, SECRET.getBytes(StandardCharsets.US_ASCII));
        venue = VenueSim.start(VenueSimConfig.load(venueIni), keys);

        httpPort = Ports.free();
        final String pub = Ports.tcpEndpoint();
        final Path quoteIni = dir.resolve("fleet.ini");
        Files.writeString(quoteIni, common(Ports.tcpEndpoint()) + String.join("\n",
            "[quote-server]",
            "SOURCE_ID = 1",
            "PUB_ENDPOINT = " + pub,
            "HTTP_PORT = " + httpPort,
            "IDLE_STRATEGY = sleeping",
            "IDLE_SLEEP = 1ms",
            "REST_URL = http://127.0.0.1:" + venue.restPort(),
            "STREAM_URL = ws://127.0.0.1:" + venue.streamPort(),
            "SYMBOLS = ETHUSDT:ETH-USDC:2:4",
            "TOP_LEVELS = " + TOP,
            "SNAPSHOT_LEVELS = 100",
            "MAX_PUBLISH_RATE = 1000",
            "RECONNECT_BACKOFF_MIN = 50ms",
            "RECONNECT_BACKOFF_MAX = 1s",
            quoteKeys,
            ""));
        subscriber = new BusSubscriber(zmq, 100_000, GapListener.NONE).connect(pub).subscribe(TOPIC);
        quoteServer = JavaProcess.start("quote-server", QuoteServerMain.class, "--config", quoteIni.toString());
    }

    private static String common(final String control)
    {
        return String.join("\n",
            "[bus]",
            "CONTROL_ENDPOINT = " + control,
            "SEND_HWM = 100000",
            "RECEIVE_HWM = 100000",
            "HEARTBEAT_INTERVAL = 100ms",
            "",
            "[instruments]",
            "ETH-USDC = 1",
            "",
            "");
    }

    void pollBus()
    {
        subscriber.poll(handler, 1000);
    }

    private void onMessage(final TopicView topic, final MessageHeaderDecoder header, final DirectBuffer buffer, final int length)
    {
        received++;
        final int offset = Envelope.HEADER_LENGTH;
        switch (header.templateId())
        {
            case BookUpdateDecoder.TEMPLATE_ID ->
            {
                bookUpdate.wrap(buffer, offset, header.blockLength(), header.version());
                final long updateId = bookUpdate.venueUpdateId();
                final List<long[]> bids = new ArrayList<>();
                for (final BookUpdateDecoder.BidsDecoder level : bookUpdate.bids())
                {
                    bids.add(new long[] {scaled(level.price().mantissa(), level.price().exponent(), 2),
                        scaled(level.qty().mantissa(), level.qty().exponent(), 4)});
                }
                final List<long[]> asks = new ArrayList<>();
                for (final BookUpdateDecoder.AsksDecoder level : bookUpdate.asks())
                {
                    asks.add(new long[] {scaled(level.price().mantissa(), level.price().exponent(), 2),
                        scaled(level.qty().mantissa(), level.qty().exponent(), 4)});
                }
                booksByUpdateId.put(updateId, new Book(updateId, bids, asks));
                bookUpdateIds.add(updateId);
            }
            case VenueStatusDecoder.TEMPLATE_ID ->
            {
                venueStatus.wrap(buffer, offset, header.blockLength(), header.version());
                final String state = venueStatus.state().name();
                statuses.add(new Status(state, venueStatus.reason(), received));
            }
            case TradeDecoder.TEMPLATE_ID ->
            {
                trade.wrap(buffer, offset, header.blockLength(), header.version());
                trades.add(new PublishedTrade(trade.venueTradeId(), trade.price().mantissa(), trade.price().exponent(),
                    trade.qty().mantissa(), trade.aggressorSide().name(), header.originNs(), header.sendNs()));
            }
            default ->
            {
            }
        }
    }

    /** A mantissa at {@code exponent} restated at {@code scale} decimals; fails if the exponent is not -scale. */
    private static long scaled(final long mantissa, final byte exponent, final int scale)
    {
        if (exponent != -scale)
        {
            throw new AssertionError("exponent " + exponent + ", expected " + -scale);
        }
        return mantissa;
    }

    void awaitReady()
    {
        Await.until(() ->
        {
            pollBus();
            return healthStatus() == 200;
        }, TIMEOUT, quoteServer::transcript);
    }

    int healthStatus()
    {
        return DaemonHttp.healthStatus(httpPort);
    }

    String metrics() throws IOException
    {
        return DaemonHttp.metrics(httpPort);
    }

    /** venue-sim's REST depth, top {@link #TOP} levels, as mantissas. */
    Book restDepth() throws IOException, InterruptedException
    {
        final HttpResponse<String> response = http.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + venue.restPort() + "/api/v3/depth?symbol=ETHUSDT&limit=" + TOP))
            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200)
        {
            throw new AssertionError("REST depth answered " + response.statusCode() + ": " + response.body());
        }
        final JsonNode depth = JSON.readTree(response.body());
        return new Book(depth.get("lastUpdateId").asLong(), levels(depth.get("bids")), levels(depth.get("asks")));
    }

    private static List<long[]> levels(final JsonNode side)
    {
        final List<long[]> levels = new ArrayList<>();
        for (final JsonNode level : side)
        {
            levels.add(new long[] {mantissa(level.get(0).asText(), 2), mantissa(level.get(1).asText(), 4)});
        }
        return levels;
    }

    private static long mantissa(final String decimal, final int scale)
    {
        return new BigDecimal(decimal).setScale(scale, RoundingMode.UNNECESSARY).unscaledValue().longValueExact();
    }

    /**
     * Waits until quote-server has published a BookUpdate at the very update id venue-sim's REST
     * depth reports with a full top N, and returns both (the published one first).
     */
    Book[] awaitBookMatchingRest(final long afterUpdateId) throws Exception
    {
        final Book[] match = new Book[2];
        final List<Long> restIds = new ArrayList<>();
        Await.until(() ->
        {
            pollBus();
            try
            {
                final Book rest = restDepth();
                restIds.add(rest.updateId());
                pollBus();
                final Book published = booksByUpdateId.get(rest.updateId());
                // A full top N on both sides, so the comparison says something (the market's first
                // tick may not have built the book yet).
                final boolean full = rest.bids().size() == TOP && rest.asks().size() == TOP;
                if (rest.updateId() > afterUpdateId && full && published != null)
                {
                    match[0] = published;
                    match[1] = rest;
                    return true;
                }
                return false;
            }
            catch (final IOException ex)
            {
                return false;
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return false;
            }
        }, TIMEOUT, () -> "no BookUpdate at a REST depth update id after " + afterUpdateId + "; REST ids " + tail(restIds) +
            ", published ids " + tail(bookUpdateIds) + "\n" + quoteServer.transcript());
        return match;
    }

    private static List<Long> tail(final List<Long> ids)
    {
        return ids.subList(Math.max(0, ids.size() - 20), ids.size());
    }

    /** Places a signed MARKET order on venue-sim and returns its JSON answer (FULL: with fills). */
    JsonNode marketOrder(final String side, final String qty) throws Exception
    {
        final String payload = "symbol=ETHUSDT&side=" + side + "&type=MARKET&quantity=" + qty +
            "&newOrderRespType=FULL&timestamp=" + System.currentTimeMillis();
        final Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
        final String signature = HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII)));
        final HttpResponse<String> response = http.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + venue.restPort() + "/api/v3/order"))
            .timeout(Duration.ofSeconds(10))
            .header("X-MBX-APIKEY", API_KEY)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(payload + "&signature=" + signature))
            .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200)
        {
            throw new AssertionError("order answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    static long priceMantissa(final String decimal)
    {
        return mantissa(decimal, 2);
    }

    static long qtyMantissa(final String decimal)
    {
        return mantissa(decimal, 4);
    }

    @Override
    public void close()
    {
        quoteServer.close();
        subscriber.close();
        zmq.close();
        venue.close();
    }
}
