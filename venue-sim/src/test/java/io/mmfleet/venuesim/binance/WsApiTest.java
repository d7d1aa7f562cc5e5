package io.mmfleet.venuesim.binance;

import static io.mmfleet.venuesim.binance.JsonShapes.assertSameShape;
import static io.mmfleet.venuesim.binance.JsonShapes.fixture;
import static io.mmfleet.venuesim.binance.TestVenue.MAKER_KEY;
import static io.mmfleet.venuesim.binance.TestVenue.MAKER_SECRET;
import static io.mmfleet.venuesim.binance.TestVenue.TAKER_KEY;
import static io.mmfleet.venuesim.binance.TestVenue.TAKER_SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The WebSocket API over a real connection: signed requests, responses, user data events. */
class WsApiTest
{
    private TestVenue venue;
    private WsTestClient ws;

    @BeforeEach
    void start() throws Exception
    {
        venue = new TestVenue();
        ws = new WsTestClient("ws://127.0.0.1:" + venue.venue.wsApiPort() + "/ws-api/v3", true);
    }

    @AfterEach
    void stop() throws Exception
    {
        ws.closeBlocking();
        venue.close();
    }

    @Test
    void orderLifecycleWithUserDataEvents() throws Exception
    {
        final JsonNode subscribed = call("userDataStream.subscribe.signature", "{}", MAKER_KEY, MAKER_SECRET);
        assertSameShape(fixture("wsapi-user-data-subscribe.json"), subscribed);
        assertEquals(0, subscribed.get("result").get("subscriptionId").asInt());

        final JsonNode placed = call("order.place", "{\"symbol\":\"ETHUSDT\",\"side\":\"SELL\",\"type\":\"LIMIT\","
            + "\"timeInForce\":\"GTC\",\"quantity\":\"2.00000000\",\"price\":\"3000.00\",\"newClientOrderId\":\"ws1\","
            + "\"newOrderRespType\":\"ACK\",\"recvWindow\":5000}", MAKER_KEY, MAKER_SECRET);
        assertSameShape(fixture("wsapi-order-place-ack.json"), placed);
        assertEquals(200, placed.get("status").asInt());
        final long orderId = placed.get("result").get("orderId").asLong();

        final JsonNode newReport = ws.await(m -> isEvent(m, "executionReport"), 15_000);
        assertSameShape(fixture("user-data-execution-report.json"), newReport);
        assertEquals("NEW", newReport.get("event").get("x").asText());
        assertEquals("ws1", newReport.get("event").get("c").asText());
        final JsonNode position = ws.await(m -> isEvent(m, "outboundAccountPosition"), 15_000);
        assertSameShape(fixture("user-data-account-position.json"), position);
        assertEquals("ETH", position.get("event").get("B").get(0).get("a").asText());
        assertEquals("2.00000000", position.get("event").get("B").get(0).get("l").asText());

        final RestClient rest = new RestClient(venue.venue.restPort());
        assertEquals(200, rest.signed("POST", "/api/v3/order", "symbol=ETHUSDT&side=BUY&type=MARKET&quantity=0.5",
            TAKER_KEY, TAKER_SECRET).status());
        final JsonNode trade = ws.await(m -> isEvent(m, "executionReport")
            && "TRADE".equals(m.get("event").get("x").asText()), 15_000);
        assertEquals("PARTIALLY_FILLED", trade.get("event").get("X").asText());
        assertEquals("0.50000000", trade.get("event").get("l").asText());
        assertEquals("3000.00000000", trade.get("event").get("L").asText());
        assertEquals("1.50000000", trade.get("event").get("n").asText());
        assertEquals("USDT", trade.get("event").get("N").asText());
        assertEquals(true, trade.get("event").get("m").asBoolean());

        final JsonNode status = call("order.status", "{\"symbol\":\"ETHUSDT\",\"orderId\":" + orderId + "}",
            MAKER_KEY, MAKER_SECRET);
        assertSameShape(fixture("rest-query-order.json"), status.get("result"));
        assertEquals("PARTIALLY_FILLED", status.get("result").get("status").asText());

        final JsonNode cancelled = call("order.cancel", "{\"symbol\":\"ETHUSDT\",\"origClientOrderId\":\"ws1\"}",
            MAKER_KEY, MAKER_SECRET);
        assertSameShape(fixture("rest-cancel-order.json"), cancelled.get("result"));
        assertEquals("CANCELED", cancelled.get("result").get("status").asText());
        final JsonNode cancelReport = ws.await(m -> isEvent(m, "executionReport")
            && "CANCELED".equals(m.get("event").get("x").asText()), 15_000);
        assertEquals(orderId, cancelReport.get("event").get("i").asLong());

        final JsonNode none = call("openOrders.cancelAll", "{\"symbol\":\"ETHUSDT\"}", MAKER_KEY, MAKER_SECRET);
        assertEquals(400, none.get("status").asInt());
        assertEquals(-2011, none.get("error").get("code").asInt());

        final JsonNode unsubscribed = call("userDataStream.unsubscribe", "{\"subscriptionId\":0}", null, null);
        assertEquals(200, unsubscribed.get("status").asInt());
        assertEquals(0, unsubscribed.get("result").size());
    }

    @Test
    void badRequestsGetBinanceErrors() throws Exception
    {
        final JsonNode poor = call("order.place", "{\"symbol\":\"ETHUSDT\",\"side\":\"BUY\",\"type\":\"LIMIT\","
            + "\"timeInForce\":\"GTC\",\"quantity\":\"100\",\"price\":\"3000\"}", MAKER_KEY, MAKER_SECRET);
        assertSameShape(fixture("wsapi-error.json"), withoutOrderLimits(poor));
        assertEquals("Account has insufficient balance for requested action.", poor.get("error").get("msg").asText());

        final long now = System.currentTimeMillis();
        final TreeMap<String, String> params = new TreeMap<>(Map.of("symbol", "ETHUSDT", "orderId", "1",
            "apiKey", MAKER_KEY, "timestamp", Long.toString(now)));
        final String signature = new HmacSha256(MAKER_SECRET.getBytes(StandardCharsets.US_ASCII))
            .sign(WsApiSigningPayload.of(params));
        final String altered = (signature.charAt(0) == 'a' ? "b" : "a") + signature.substring(1);
        ws.send("{\"id\":\"x1\",\"method\":\"order.status\",\"params\":{\"symbol\":\"ETHUSDT\",\"orderId\":1,"
            + "\"apiKey\":\"" + MAKER_KEY + "\",\"timestamp\":" + now + ",\"signature\":\"" + altered + "\"}}");
        final JsonNode badSignature = ws.await(m -> "x1".equals(m.path("id").asText()), 15_000);
        assertEquals(-1022, badSignature.get("error").get("code").asInt());
        ws.send("{\"id\":\"x2\",\"method\":\"order.status\",\"params\":{\"symbol\":\"ETHUSDT\",\"orderId\":1,"
            + "\"apiKey\":\"" + MAKER_KEY + "\",\"timestamp\":" + now + ",\"signature\":\"" + signature + "\"}}");
        assertEquals(-2013, ws.await(m -> "x2".equals(m.path("id").asText()), 15_000).get("error").get("code").asInt());

        ws.send("{\"id\":\"x3\",\"method\":\"order.status\",\"params\":{\"symbol\":\"ETHUSDT\",\"orderId\":1,"
            + "\"timestamp\":" + now + ",\"signature\":\"" + signature + "\"}}");
        assertEquals(-1102, ws.await(m -> "x3".equals(m.path("id").asText()), 15_000).get("error").get("code").asInt());
        ws.send("{\"id\":\"x4\",\"method\":\"order.teleport\",\"params\":{}}");
        assertEquals(400, ws.await(m -> "x4".equals(m.path("id").asText()), 15_000).get("status").asInt());
        ws.send("{oops");
        final JsonNode invalid = ws.await(m -> m.has("error") && m.get("id").isNull(), 15_000);
        assertEquals(-1135, invalid.get("error").get("code").asInt());
        assertEquals(200, call("time", "{}", null, null).get("status").asInt());
    }

    @Test
    void oneSubscriptionPerAccountPerConnection() throws Exception
    {
        assertEquals(0, call("userDataStream.subscribe.signature", "{}", MAKER_KEY, MAKER_SECRET)
            .get("result").get("subscriptionId").asInt());
        final JsonNode again = call("userDataStream.subscribe.signature", "{}", MAKER_KEY, MAKER_SECRET);
        assertSameShape(fixture("wsapi-error.json"), again);
        assertEquals(400, again.get("status").asInt());
        assertEquals(-2035, again.get("error").get("code").asInt());
        assertEquals("User Data Stream subscription already active.", again.get("error").get("msg").asText());
        assertEquals(1, call("userDataStream.subscribe.signature", "{}", TAKER_KEY, TAKER_SECRET)
            .get("result").get("subscriptionId").asInt(), "another account may still subscribe");

        final RestClient rest = new RestClient(venue.venue.restPort());
        assertEquals(200, rest.signed("POST", "/api/v3/order", "symbol=ETHUSDT&side=SELL&type=LIMIT&timeInForce=GTC"
            + "&quantity=1&price=3000", MAKER_KEY, MAKER_SECRET).status());
        final JsonNode report = ws.await(m -> isEvent(m, "executionReport"), 15_000);
        assertEquals(0, report.get("subscriptionId").asInt());
        // Events and responses share the connection in order: any duplicate would precede this response.
        call("time", "{}", null, null);
        assertEquals(0, ws.countReceived(m -> isEvent(m, "executionReport")), "each event is delivered once");
    }

    @Test
    void unsubscribeEndsEachSubscriptionWithEventStreamTerminated() throws Exception
    {
        call("userDataStream.subscribe.signature", "{}", MAKER_KEY, MAKER_SECRET);
        call("userDataStream.subscribe.signature", "{}", TAKER_KEY, TAKER_SECRET);
        final long before = System.currentTimeMillis();

        assertEquals(200, call("userDataStream.unsubscribe", "{\"subscriptionId\":0}", null, null)
            .get("status").asInt());
        assertEquals(1, ws.countReceived(m -> isEvent(m, "eventStreamTerminated")), "sent ahead of the response");
        final JsonNode first = ws.await(m -> isEvent(m, "eventStreamTerminated"), 15_000);
        assertSameShape(fixture("user-data-event-stream-terminated.json"), first);
        assertEquals(0, first.get("subscriptionId").asInt());
        assertTrue(first.get("event").get("E").asLong() >= before);

        assertEquals(200, call("userDataStream.unsubscribe", "{}", null, null).get("status").asInt());
        final JsonNode second = ws.await(m -> isEvent(m, "eventStreamTerminated"), 15_000);
        assertEquals(1, second.get("subscriptionId").asInt(), "unsubscribing all ends the remaining one");

        final RestClient rest = new RestClient(venue.venue.restPort());
        assertEquals(200, rest.signed("POST", "/api/v3/order", "symbol=ETHUSDT&side=SELL&type=LIMIT&timeInForce=GTC"
            + "&quantity=1&price=3000", MAKER_KEY, MAKER_SECRET).status());
        final JsonNode status = call("order.status", "{\"symbol\":\"ETHUSDT\",\"orderId\":1}", MAKER_KEY,
            MAKER_SECRET);
        assertEquals(200, status.get("status").asInt());
        assertEquals(0, ws.countReceived(m -> m.has("event")), "no events after the subscriptions ended");
        assertEquals(0, ws.countReceived(m -> isEvent(m, "eventStreamTerminated")));
    }

    @Test
    void executionReportCarriesTheQuoteOrderQuantity() throws Exception
    {
        call("userDataStream.subscribe.signature", "{}", TAKER_KEY, TAKER_SECRET);
        final RestClient rest = new RestClient(venue.venue.restPort());
        assertEquals(200, rest.signed("POST", "/api/v3/order", "symbol=ETHUSDT&side=SELL&type=LIMIT&timeInForce=GTC"
            + "&quantity=1&price=3000", MAKER_KEY, MAKER_SECRET).status());
        final RestClient.Response market = rest.signed("POST", "/api/v3/order", "symbol=ETHUSDT&side=BUY&type=MARKET"
            + "&quoteOrderQty=1500&newClientOrderId=q1&newOrderRespType=RESULT", TAKER_KEY, TAKER_SECRET);
        assertEquals(200, market.status(), market.raw().body());
        final JsonNode report = ws.await(m -> isEvent(m, "executionReport")
            && "q1".equals(m.get("event").get("c").asText()), 15_000);
        assertEquals("1500.00000000", report.get("event").get("Q").asText());
        assertEquals(market.json().get("origQuoteOrderQty").asText(), report.get("event").get("Q").asText());
    }

    @Test
    void serverPingsOnTheConfiguredIntervalAndDropsAClientThatNeverPongs() throws Exception
    {
        ws.closeBlocking();
        venue.close();
        venue = new TestVenue(BinanceVenueConfig.loopbackDefaults().withStreamTimers(
            Duration.ofMillis(200), Duration.ofMillis(300), Duration.ofMinutes(1)));
        final String url = "ws://127.0.0.1:" + venue.venue.wsApiPort() + "/ws-api/v3";
        ws = new WsTestClient(url, true);
        final WsTestClient silent = new WsTestClient(url, false);
        try
        {
            assertTrue(silent.closed.await(5, TimeUnit.SECONDS), "a client that never pongs is dropped");
            assertEquals(1008, silent.closeCode, "closed for the overdue pong, by the server's own check");
            assertTrue(silent.pings > 0);
            final long deadline = System.currentTimeMillis() + 5_000;
            while (ws.pings < 4 && System.currentTimeMillis() < deadline)
            {
                assertFalse(ws.closed.await(50, TimeUnit.MILLISECONDS), "a client that pongs stays");
            }
            assertTrue(ws.pings >= 4, "pings every 200 ms, got " + ws.pings);
            assertTrue(ws.isOpen());
        }
        finally
        {
            silent.closeBlocking();
        }
    }

    @Test
    void overTheWeightLimitIs429ThenBanned() throws Exception
    {
        ws.closeBlocking();
        venue.close();
        venue = new TestVenue(BinanceVenueConfig.loopbackDefaults().withLimits(
            new RateLimitConfig(3, 100, 1000, 1, java.time.Duration.ofMinutes(2))));
        ws = new WsTestClient("ws://127.0.0.1:" + venue.venue.wsApiPort() + "/ws-api/v3", true);
        JsonNode response = call("time", "{}", null, null);
        int served = 0;
        while (response.get("status").asInt() == 200)
        {
            served++;
            assertEquals(served, response.get("rateLimits").get(0).get("count").asInt());
            response = call("time", "{}", null, null);
        }
        assertEquals(3, served);
        assertEquals(429, response.get("status").asInt());
        assertEquals(-1003, response.get("error").get("code").asInt());
        assertEquals(true, response.get("error").get("data").get("retryAfter").asLong() > System.currentTimeMillis() - 1000);
        final JsonNode banned = call("time", "{}", null, null);
        assertEquals(418, banned.get("status").asInt());
        assertEquals(-1003, banned.get("error").get("code").asInt());
    }

    private static JsonNode withoutOrderLimits(final JsonNode response)
    {
        final ObjectNode copy = response.deepCopy();
        final com.fasterxml.jackson.databind.node.ArrayNode limits = copy.putArray("rateLimits");
        for (final JsonNode limit : response.get("rateLimits"))
        {
            if ("REQUEST_WEIGHT".equals(limit.get("rateLimitType").asText()))
            {
                limits.add(limit);
            }
        }
        return copy;
    }

    private static boolean isEvent(final JsonNode message, final String type)
    {
        return message.has("event") && type.equals(message.get("event").get("e").asText());
    }

    private JsonNode call(final String method, final String paramsJson, final String apiKey, final String secret)
        throws Exception
    {
        return ws.call(method, paramsJson, apiKey, secret);
    }
}
