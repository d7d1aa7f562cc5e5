package io.mmfleet.exechandler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Binance-shaped venue that misbehaves on purpose, for the bad-input tests: REST answers the
 * clock and exchangeInfo properly, garbage for the account, and -2013 for every order lookup; the
 * WebSocket API subscribes user data properly, then answers order.place by the client order id's
 * prefix — {@code garbage-}: a frame that is not JSON; {@code hang-}: nothing; {@code big-}: a
 * frame over the client's limit; {@code badtype-}: a well-formed answer with wrong field types —
 * and pushes an unknown event and a malformed one after each. For the rate-limit tests,
 * {@code open-}: a proper NEW result; {@code ban-}: 418 with the docs' retryAfter ({@link #BAN_MS}
 * ahead); {@code ordercount-}: 429 -1015 (unfilled order count exceeded); order.cancel: CANCELED. It counts place requests per client
 * order id, so a test can prove nothing was placed twice.
 */
final class ScriptedBinance implements AutoCloseable
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EXCHANGE_INFO = """
        {"timezone":"UTC","serverTime":0,"rateLimits":[],"exchangeFilters":[],"symbols":[{"symbol":"ETHUSDT","status":"TRADING",
        "baseAsset":"ETH","baseAssetPrecision":8,"quoteAsset":"USDT","quotePrecision":8,"quoteAssetPrecision":8,"orderTypes":["LIMIT","LIMIT_MAKER","MARKET"],
        "filters":[{"filterType":"PRICE_FILTER","minPrice":"0.01000000","maxPrice":"1000000.00000000","tickSize":"0.01000000"},
        {"filterType":"LOT_SIZE","minQty":"0.00010000","maxQty":"9000.00000000","stepSize":"0.00010000"},
        {"filterType":"NOTIONAL","minNotional":"5.00000000","applyMinToMarket":true,"maxNotional":"9000000.00000000","applyMaxToMarket":false,"avgPriceMins":5}]}]}
        """;

    private final HttpServer rest;
    private final Ws ws;
    final Map<String, AtomicInteger> placesByClientOrderId = new ConcurrentHashMap<>();
    final AtomicInteger lookups = new AtomicInteger();
    final Map<String, AtomicInteger> cancelsByClientOrderId = new ConcurrentHashMap<>();
    /** How long the IP ban a {@code ban-} order provokes lasts, as the 418's retryAfter says. */
    static final long BAN_MS = 600_000;

    ScriptedBinance() throws Exception
    {
        rest = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        rest.createContext("/api/v3/time", ex -> answer(ex, 200, "{\"serverTime\":" + System.currentTimeMillis() + "}"));
        rest.createContext("/api/v3/exchangeInfo", ex -> answer(ex, 200, EXCHANGE_INFO));
        rest.createContext("/api/v3/account", ex -> answer(ex, 200, "{\"balances\": 17"));
        rest.createContext("/api/v3/myTrades", ex -> answer(ex, 200, "[{\"id\":\"not a number\"}]"));
        rest.createContext("/api/v3/order", ex ->
        {
            lookups.incrementAndGet();
            answer(ex, 400, "{\"code\":-2013,\"msg\":\"Order does not exist.\"}");
        });
        rest.start();
        ws = new Ws();
        ws.setReuseAddr(true);
        ws.start();
        if (!ws.started.await(10, TimeUnit.SECONDS))
        {
            throw new IllegalStateException("scripted WebSocket API did not start");
        }
    }

    String restUrl()
    {
        return "http://127.0.0.1:" + rest.getAddress().getPort();
    }

    String wsApiUrl()
    {
        return "ws://127.0.0.1:" + ws.getPort() + "/ws-api/v3";
    }

    int places(final String clientOrderId)
    {
        final AtomicInteger count = placesByClientOrderId.get(clientOrderId);
        return count == null ? 0 : count.get();
    }

    /** An order.place RESULT / order.cancel result of an unfilled LIMIT BUY 0.01 at 3000.00. */
    private static String order(final String clientOrderId, final String status, final long nowMs)
    {
        return "{\"symbol\":\"ETHUSDT\",\"orderId\":" + Math.abs(clientOrderId.hashCode()) + ",\"orderListId\":-1,"
            + ("CANCELED".equals(status) ? "\"origClientOrderId\":\"" + clientOrderId + "\",\"clientOrderId\":\"cancel-x\"," : "\"clientOrderId\":\"" + clientOrderId + "\",")
            + "\"transactTime\":" + nowMs + ",\"price\":\"3000.00\",\"origQty\":\"0.0100\",\"executedQty\":\"0.0000\","
            + "\"cummulativeQuoteQty\":\"0.00000000\",\"status\":\"" + status + "\",\"timeInForce\":\"GTC\",\"type\":\"LIMIT\",\"side\":\"BUY\",\"fills\":[]}";
    }

    int cancels(final String clientOrderId)
    {
        final AtomicInteger count = cancelsByClientOrderId.get(clientOrderId);
        return count == null ? 0 : count.get();
    }

    private static void answer(final HttpExchange exchange, final int status, final String body) throws IOException
    {
        final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody())
        {
            out.write(bytes);
        }
    }

    @Override
    public void close() throws Exception
    {
        rest.stop(0);
        ws.stop(1000);
    }

    private final class Ws extends WebSocketServer
    {
        private final CountDownLatch started = new CountDownLatch(1);

        Ws()
        {
            super(new InetSocketAddress("127.0.0.1", 0));
        }

        @Override
        public void onOpen(final WebSocket conn, final ClientHandshake handshake)
        {
        }

        @Override
        public void onClose(final WebSocket conn, final int code, final String reason, final boolean remote)
        {
        }

        @Override
        public void onMessage(final WebSocket conn, final String message)
        {
            final JsonNode request;
            try
            {
                request = JSON.readTree(message);
            }
            catch (final IOException ex)
            {
                return;
            }
            final String id = request.path("id").asText();
            final String method = request.path("method").asText();
            if ("userDataStream.subscribe.signature".equals(method))
            {
                conn.send("{\"id\":\"" + id + "\",\"status\":200,\"result\":{\"subscriptionId\":0}}");
                return;
            }
            if ("order.cancel".equals(method))
            {
                final String orig = request.path("params").path("origClientOrderId").asText();
                cancelsByClientOrderId.computeIfAbsent(orig, k -> new AtomicInteger()).incrementAndGet();
                conn.send("{\"id\":\"" + id + "\",\"status\":200,\"result\":" + order(orig, "CANCELED", System.currentTimeMillis()) + "}");
                return;
            }
            if (!"order.place".equals(method))
            {
                conn.send("{\"id\":\"" + id + "\",\"status\":400,\"error\":{\"code\":-1100,\"msg\":\"not scripted\"}}");
                return;
            }
            final String clientOrderId = request.path("params").path("newClientOrderId").asText();
            placesByClientOrderId.computeIfAbsent(clientOrderId, k -> new AtomicInteger()).incrementAndGet();
            if (clientOrderId.startsWith("open-"))
            {
                conn.send("{\"id\":\"" + id + "\",\"status\":200,\"result\":" + order(clientOrderId, "NEW", System.currentTimeMillis()) + "}");
                return;
            }
            if (clientOrderId.startsWith("ban-"))
            {
                final long now = System.currentTimeMillis();
                conn.send("{\"id\":\"" + id + "\",\"status\":418,\"error\":{\"code\":-1003,\"msg\":\"Way too much request weight used; IP banned until "
                    + (now + BAN_MS) + ".\",\"data\":{\"serverTime\":" + now + ",\"retryAfter\":" + (now + BAN_MS) + "}}}");
                return;
            }
            if (clientOrderId.startsWith("ordercount-"))
            {
                final long now = System.currentTimeMillis();
                conn.send("{\"id\":\"" + id + "\",\"status\":429,\"error\":{\"code\":-1015,\"msg\":\"Too many new orders; current limit is 50 orders per 10 SECOND.\","
                    + "\"data\":{\"serverTime\":" + now + ",\"retryAfter\":" + (now + 10_000) + "}},\"rateLimits\":["
                    + "{\"rateLimitType\":\"ORDERS\",\"interval\":\"SECOND\",\"intervalNum\":10,\"limit\":50,\"count\":51},"
                    + "{\"rateLimitType\":\"REQUEST_WEIGHT\",\"interval\":\"MINUTE\",\"intervalNum\":1,\"limit\":6000,\"count\":20}]}");
                return;
            }
            if (clientOrderId.startsWith("garbage-"))
            {
                conn.send("}{ not json at all \u0000");
            }
            else if (clientOrderId.startsWith("big-"))
            {
                conn.send("{\"id\":\"" + id + "\",\"pad\":\"" + "x".repeat(200_000) + "\"}");
            }
            else if (clientOrderId.startsWith("badtype-"))
            {
                conn.send("{\"id\":\"" + id + "\",\"status\":200,\"result\":{\"symbol\":\"ETHUSDT\",\"orderId\":\"seven\"," +
                    "\"clientOrderId\":\"" + clientOrderId + "\",\"status\":[1],\"executedQty\":{}}}");
            }
            // hang-: no answer at all.
            conn.send("{\"subscriptionId\":0,\"event\":{\"e\":\"somethingNew\",\"E\":1}}");
            conn.send("{\"subscriptionId\":0,\"event\":{\"e\":\"executionReport\",\"s\":\"ETHUSDT\",\"X\":42}}");
        }

        @Override
        public void onError(final WebSocket conn, final Exception ex)
        {
        }

        @Override
        public void onStart()
        {
            started.countDown();
        }
    }
}
