package io.mmfleet.venuesim.binance;

import static io.mmfleet.venuesim.binance.JsonShapes.assertSameShape;
import static io.mmfleet.venuesim.binance.JsonShapes.fixture;
import static io.mmfleet.venuesim.binance.TestVenue.MAKER_KEY;
import static io.mmfleet.venuesim.binance.TestVenue.MAKER_SECRET;
import static io.mmfleet.venuesim.binance.TestVenue.TAKER_KEY;
import static io.mmfleet.venuesim.binance.TestVenue.TAKER_SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real HTTP round trips against the REST front end on an ephemeral port. */
class RestApiTest
{
    private TestVenue venue;
    private RestClient rest;

    @BeforeEach
    void start() throws Exception
    {
        venue = new TestVenue();
        rest = new RestClient(venue.venue.restPort());
    }

    @AfterEach
    void stop()
    {
        venue.close();
    }

    @Test
    void publicEndpointsHaveTheDocumentedShapes()
    {
        final RestClient.Response time = rest.get("/api/v3/time", null);
        assertEquals(200, time.status());
        assertSameShape(fixture("rest-time.json"), time.json());
        assertTrue(Math.abs(time.json().get("serverTime").asLong() - System.currentTimeMillis()) < 5_000);
        assertEquals("1", time.header("X-MBX-USED-WEIGHT-1M"));

        final JsonNode info = rest.get("/api/v3/exchangeInfo", null).json();
        assertEquals("REQUEST_WEIGHT", info.get("rateLimits").get(0).get("rateLimitType").asText());
        assertEquals(6000, info.get("rateLimits").get(0).get("limit").asLong());
        final JsonNode symbol = info.get("symbols").get(0);
        assertEquals("ETHUSDT", symbol.get("symbol").asText());
        assertEquals("PRICE_FILTER", symbol.get("filters").get(0).get("filterType").asText());
        assertEquals("0.01000000", symbol.get("filters").get(0).get("tickSize").asText());
        assertEquals("0.00010000", symbol.get("filters").get(1).get("stepSize").asText());
        assertEquals("5.00000000", symbol.get("filters").get(2).get("minNotional").asText());

        final RestClient.Response one = rest.get("/api/v3/exchangeInfo", "symbol=ETHUSDT");
        assertEquals(1, one.json().get("symbols").size());
        assertEquals(-1121, rest.get("/api/v3/exchangeInfo", "symbol=BTCUSDT").json().get("code").asInt());

        final RestClient.Response depth = rest.get("/api/v3/depth", "symbol=ETHUSDT&limit=5");
        assertEquals(200, depth.status());
        assertEquals(0, depth.json().get("bids").size());
        assertEquals("66", depth.header("X-MBX-USED-WEIGHT-1M"), "time 1 + exchangeInfo 3 x 20 + depth(limit 5) 5");
        final RestClient.Response deep = rest.get("/api/v3/depth", "symbol=ETHUSDT&limit=10000");
        assertEquals(200, deep.status(), "a limit above 5000 is truncated, as Binance does");
        assertEquals("316", deep.header("X-MBX-USED-WEIGHT-1M"), "a limit above 1000 weighs 250");

        // symbols=["ETHUSDT"], URL-encoded as the docs show; an unknown one or both forms at once are refused.
        final RestClient.Response listed = rest.get("/api/v3/exchangeInfo", "symbols=%5B%22ETHUSDT%22%5D");
        assertEquals(200, listed.status(), listed.json().toString());
        assertEquals("ETHUSDT", listed.json().get("symbols").get(0).get("symbol").asText());
        assertEquals(-1121, rest.get("/api/v3/exchangeInfo", "symbols=%5B%22BTCUSDT%22%5D").json().get("code").asInt());
        assertEquals(400, rest.get("/api/v3/exchangeInfo", "symbols=ETHUSDT").status());
        assertEquals(400, rest.get("/api/v3/exchangeInfo", "symbol=ETHUSDT&symbols=%5B%22ETHUSDT%22%5D").status());
    }

    @Test
    void placePartialFillCancelRoundTrip()
    {
        final RestClient.Response sell = rest.signed("POST", "/api/v3/order",
            "symbol=ETHUSDT&side=SELL&type=LIMIT&timeInForce=GTC&quantity=2&price=3000.00&newClientOrderId=m1"
                + "&newOrderRespType=RESULT", MAKER_KEY, MAKER_SECRET);
        assertEquals(200, sell.status(), sell.raw().body());
        assertSameShape(fixture("rest-new-order-result.json"), sell.json());
        assertEquals("NEW", sell.json().get("status").asText());
        assertEquals("m1", sell.json().get("clientOrderId").asText());
        assertEquals("3000.00000000", sell.json().get("price").asText());
        assertEquals("1", sell.header("X-MBX-ORDER-COUNT-10S"));
        assertEquals("1", sell.header("X-MBX-ORDER-COUNT-1D"));
        final long orderId = sell.json().get("orderId").asLong();

        final JsonNode depth = rest.get("/api/v3/depth", "symbol=ETHUSDT&limit=5").json();
        assertSameShape(fixture("rest-depth.json"), depth);
        assertEquals("3000.00000000", depth.get("asks").get(0).get(0).asText());
        assertEquals("2.00000000", depth.get("asks").get(0).get(1).asText());

        final RestClient.Response postOnly = rest.signed("POST", "/api/v3/order",
            "symbol=ETHUSDT&side=BUY&type=LIMIT_MAKER&quantity=1&price=3000.00", TAKER_KEY, TAKER_SECRET);
        assertEquals(400, postOnly.status());
        assertEquals(-2010, postOnly.json().get("code").asInt());
        assertEquals("Order would immediately match and take.", postOnly.json().get("msg").asText());

        final RestClient.Response buy = rest.signed("POST", "/api/v3/order",
            "symbol=ETHUSDT&side=BUY&type=MARKET&quantity=0.5", TAKER_KEY, TAKER_SECRET);
        assertEquals(200, buy.status(), buy.raw().body());
        assertSameShape(fixture("rest-new-order-full.json"), buy.json());
        assertEquals("FILLED", buy.json().get("status").asText());
        final JsonNode fill = buy.json().get("fills").get(0);
        assertEquals("3000.00000000", fill.get("price").asText());
        assertEquals("0.50000000", fill.get("qty").asText());
        assertEquals("0.00050000", fill.get("commission").asText());
        assertEquals("ETH", fill.get("commissionAsset").asText());

        final RestClient.Response query = rest.signed("GET", "/api/v3/order", "symbol=ETHUSDT&origClientOrderId=m1",
            MAKER_KEY, MAKER_SECRET);
        assertEquals(200, query.status(), query.raw().body());
        assertSameShape(fixture("rest-query-order.json"), query.json());
        assertEquals("PARTIALLY_FILLED", query.json().get("status").asText());
        assertEquals("0.50000000", query.json().get("executedQty").asText());
        assertEquals("1500.00000000", query.json().get("cummulativeQuoteQty").asText());

        final RestClient.Response open = rest.signed("GET", "/api/v3/openOrders", "symbol=ETHUSDT", MAKER_KEY, MAKER_SECRET);
        assertEquals(1, open.json().size());
        assertEquals(orderId, open.json().get(0).get("orderId").asLong());

        final RestClient.Response restricted = rest.signed("DELETE", "/api/v3/order", "symbol=ETHUSDT&orderId=" + orderId
            + "&cancelRestrictions=ONLY_NEW", MAKER_KEY, MAKER_SECRET);
        assertEquals(400, restricted.status());
        assertEquals(-2011, restricted.json().get("code").asInt());
        assertEquals("Order was not canceled due to cancel restrictions.", restricted.json().get("msg").asText());

        final RestClient.Response cancel = rest.signed("DELETE", "/api/v3/order", "symbol=ETHUSDT&orderId=" + orderId
            + "&cancelRestrictions=ONLY_PARTIALLY_FILLED&newClientOrderId=c1", MAKER_KEY, MAKER_SECRET);
        assertEquals(200, cancel.status(), cancel.raw().body());
        assertSameShape(fixture("rest-cancel-order.json"), cancel.json());
        assertEquals("CANCELED", cancel.json().get("status").asText());
        assertEquals("m1", cancel.json().get("origClientOrderId").asText());
        assertEquals("c1", cancel.json().get("clientOrderId").asText());

        final RestClient.Response again = rest.signed("DELETE", "/api/v3/order", "symbol=ETHUSDT&orderId=" + orderId,
            MAKER_KEY, MAKER_SECRET);
        assertEquals(400, again.status());
        assertEquals(-2011, again.json().get("code").asInt());
        assertEquals("Unknown order sent.", again.json().get("msg").asText());

        final JsonNode trades = rest.signed("GET", "/api/v3/myTrades", "symbol=ETHUSDT", MAKER_KEY, MAKER_SECRET).json();
        assertSameShape(fixture("rest-my-trades.json"), trades);
        assertEquals(1, trades.size());
        assertTrue(trades.get(0).get("isMaker").asBoolean());
        assertEquals("1500.00000000", trades.get(0).get("quoteQty").asText());
        assertEquals("1.50000000", trades.get(0).get("commission").asText());

        final JsonNode account = rest.signed("GET", "/api/v3/account", "", MAKER_KEY, MAKER_SECRET).json();
        assertSameShape(fixture("rest-account.json"), account);
        assertEquals(10, account.get("makerCommission").asInt());
        assertEquals("0.00100000", account.get("commissionRates").get("maker").asText());
        assertEquals("ETH", account.get("balances").get(0).get("asset").asText());
        assertEquals("99.50000000", account.get("balances").get(0).get("free").asText());
        assertEquals("0.00000000", account.get("balances").get(0).get("locked").asText());
        assertEquals("101498.50000000", account.get("balances").get(1).get("free").asText());
    }

    @Test
    void myTradesSelectsByOrderTimeAndIdAsDocumented()
    {
        final long first = place("SELL", "LIMIT", "&timeInForce=GTC&quantity=1&price=3000", MAKER_KEY, MAKER_SECRET);
        final long second = place("SELL", "LIMIT", "&timeInForce=GTC&quantity=1&price=3001", MAKER_KEY, MAKER_SECRET);
        place("BUY", "MARKET", "&quantity=0.5", TAKER_KEY, TAKER_SECRET);
        place("BUY", "MARKET", "&quantity=1", TAKER_KEY, TAKER_SECRET);
        final JsonNode all = myTrades("");
        assertEquals(3, all.size(), all.toString());
        final long tradeOfSecond = all.get(2).get("id").asLong();

        final RestClient.Response byOrder = myTradesResponse("&orderId=" + second);
        assertEquals(200, byOrder.status(), byOrder.raw().body());
        assertEquals(1, byOrder.json().size());
        assertEquals(second, byOrder.json().get(0).get("orderId").asLong());
        final int weightBefore = Integer.parseInt(myTradesResponse("").header("X-MBX-USED-WEIGHT-1M"));
        final int weightAfter = Integer.parseInt(myTradesResponse("&orderId=" + first).header("X-MBX-USED-WEIGHT-1M"));
        assertEquals(5, weightAfter - weightBefore, "weight 5 with orderId");
        assertEquals(20, Integer.parseInt(myTradesResponse("").header("X-MBX-USED-WEIGHT-1M")) - weightAfter,
            "weight 20 without");
        assertEquals(2, myTrades("&orderId=" + first).size());
        assertEquals(1, myTrades("&orderId=" + first + "&fromId=" + all.get(1).get("id").asLong()).size());

        final long now = System.currentTimeMillis();
        assertEquals(3, myTrades("&startTime=" + (now - 60_000) + "&endTime=" + (now + 60_000)).size());
        assertEquals(0, myTrades("&startTime=" + (now + 60_000)).size());
        assertEquals(0, myTrades("&endTime=" + (now - 3_600_000)).size());
        assertEquals(tradeOfSecond, myTrades("&endTime=" + (now + 60_000) + "&limit=1").get(0).get("id").asLong(),
            "without a lower bound the most recent trades come back");
        assertEquals(all.get(0).get("id").asLong(), myTrades("&startTime=" + (now - 60_000) + "&limit=1").get(0)
            .get("id").asLong(), "from startTime the oldest come first");
        assertEquals(tradeOfSecond, myTrades("&fromId=" + tradeOfSecond).get(0).get("id").asLong());

        final RestClient.Response tooLong = myTradesResponse("&startTime=" + (now - 25 * 3_600_000L) + "&endTime=" + now);
        assertEquals(400, tooLong.status());
        assertEquals(-1127, tooLong.json().get("code").asInt());
        assertEquals("More than 24 hours between startTime and endTime.", tooLong.json().get("msg").asText());
        for (final String combination : new String[] {"&orderId=" + first + "&startTime=" + now,
            "&fromId=1&endTime=" + now, "&orderId=" + first + "&fromId=1&startTime=" + now})
        {
            final RestClient.Response refused = myTradesResponse(combination);
            assertEquals(400, refused.status(), combination);
            assertEquals(-1128, refused.json().get("code").asInt(), combination);
            assertEquals("Combination of optional parameters invalid.", refused.json().get("msg").asText());
        }
        assertEquals(-1100, myTradesResponse("&orderId=-4").json().get("code").asInt());
    }

    private long place(final String side, final String type, final String rest, final String key, final String secret)
    {
        final RestClient.Response placed = this.rest.signed("POST", "/api/v3/order", "symbol=ETHUSDT&side=" + side
            + "&type=" + type + rest, key, secret);
        assertEquals(200, placed.status(), placed.raw().body());
        return placed.json().get("orderId").asLong();
    }

    private RestClient.Response myTradesResponse(final String filters)
    {
        return rest.signed("GET", "/api/v3/myTrades", "symbol=ETHUSDT" + filters, MAKER_KEY, MAKER_SECRET);
    }

    private JsonNode myTrades(final String filters)
    {
        final RestClient.Response response = myTradesResponse(filters);
        assertEquals(200, response.status(), response.raw().body());
        return response.json();
    }

    @Test
    void mixedQueryAndBodySignatureIsAccepted()
    {
        final String query = "symbol=ETHUSDT&side=BUY&type=LIMIT&timeInForce=GTC";
        final String body = "quantity=1&price=2000.00&timestamp=" + System.currentTimeMillis();
        final String signature = new HmacSha256(MAKER_SECRET.getBytes(StandardCharsets.US_ASCII)).sign(query + body);
        final RestClient.Response response = rest.send("POST", "/api/v3/order", query,
            body + "&signature=" + signature, MAKER_KEY);
        assertEquals(200, response.status(), response.raw().body());
        assertSameShape(fixture("rest-new-order-full.json"), response.json());
        assertEquals("NEW", response.json().get("status").asText());
    }

    @Test
    void cancelAllOpenOrders()
    {
        for (int i = 0; i < 2; i++)
        {
            assertEquals(200, rest.signed("POST", "/api/v3/order",
                "symbol=ETHUSDT&side=BUY&type=LIMIT_MAKER&quantity=1&price=200" + i, MAKER_KEY, MAKER_SECRET).status());
        }
        final RestClient.Response cancelled = rest.signed("DELETE", "/api/v3/openOrders", "symbol=ETHUSDT",
            MAKER_KEY, MAKER_SECRET);
        assertEquals(200, cancelled.status(), cancelled.raw().body());
        assertEquals(2, cancelled.json().size());
        assertSameShape(fixture("rest-cancel-order.json"), cancelled.json().get(0));
        assertEquals(0, rest.signed("GET", "/api/v3/openOrders", "", MAKER_KEY, MAKER_SECRET).json().size());
    }

    @Test
    void badRequestsGetBinanceErrorsAndTheVenueSurvives() throws Exception
    {
        final long now = System.currentTimeMillis();
        final String form = "symbol=ETHUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=2000&timestamp=" + now;
        final String signature = new HmacSha256(MAKER_SECRET.getBytes(StandardCharsets.US_ASCII)).sign(form);
        final String altered = (signature.charAt(0) == '0' ? "1" : "0") + signature.substring(1);
        expectError(rest.send("POST", "/api/v3/order", null, form + "&signature=" + altered, MAKER_KEY),
            400, -1022, "Signature for this request is not valid.");
        expectError(rest.send("POST", "/api/v3/order", null,
            form.replace("quantity=1", "quantity=2") + "&signature=" + signature, MAKER_KEY),
            400, -1022, "Signature for this request is not valid.");
        expectError(rest.send("POST", "/api/v3/order", null, form + "&signature=" + signature, null),
            401, -2014, "API-key format invalid.");
        expectError(rest.send("POST", "/api/v3/order", null, form + "&signature=" + signature, TAKER_KEY),
            400, -1022, "Signature for this request is not valid.");
        expectError(rest.send("POST", "/api/v3/order", null, form + "&signature=" + signature, "unknownKey"),
            401, -2015, "Invalid API-key, IP, or permissions for action.");

        final String stale = "symbol=ETHUSDT&timestamp=" + (now - 10_000);
        expectError(rest.send("GET", "/api/v3/openOrders", stale + "&signature=" + sign(stale), null, MAKER_KEY),
            400, -1021, "Timestamp for this request is outside of the recvWindow.");
        final String ahead = "symbol=ETHUSDT&timestamp=" + (now + 5_000);
        expectError(rest.send("GET", "/api/v3/openOrders", ahead + "&signature=" + sign(ahead), null, MAKER_KEY),
            400, -1021, "Timestamp for this request was 1000ms ahead of the server's time.");

        expectError(rest.signed("POST", "/api/v3/order", "symbol=ETHUSDT&type=LIMIT&quantity=1&price=1",
            MAKER_KEY, MAKER_SECRET), 400, -1102, "Mandatory parameter 'side' was not sent, was empty/null, or malformed.");
        expectError(rest.signed("GET", "/api/v3/openOrders", "symbol=ETHUSDT&symbol=ETHUSDT", MAKER_KEY, MAKER_SECRET),
            400, -1101, "Duplicate values for a parameter detected.");
        expectError(rest.signed("GET", "/api/v3/order", "symbol=ETHUSDT&orderId=abc", MAKER_KEY, MAKER_SECRET),
            400, -1100, "Illegal characters found in parameter 'orderId'; legal range is '^[0-9]{1,20}$'.");
        final RestClient.Response unknownSymbol = rest.signed("GET", "/api/v3/openOrders", "symbol=BTCUSDT",
            MAKER_KEY, MAKER_SECRET);
        expectError(unknownSymbol, 400, -1121, "Invalid symbol.");
        assertSameShape(fixture("error.json"), unknownSymbol.json());
        expectError(rest.get("/api/v3/depth", "symbol=ETHUSDT&foo=1"), 400, -1104,
            "Not all sent parameters were read; read '1' parameter(s) but was sent '2'.");
        expectError(rest.signed("POST", "/api/v3/order", "symbol=ETHUSDT&side=BUY&type=LIMIT&timeInForce=GTC"
            + "&quantity=1&price=2000.001", MAKER_KEY, MAKER_SECRET), 400, -1013, "Filter failure: PRICE_FILTER");
        expectError(rest.signed("POST", "/api/v3/order", "symbol=ETHUSDT&side=BUY&type=LIMIT&timeInForce=GTC"
            + "&quantity=0.001&price=2000", MAKER_KEY, MAKER_SECRET), 400, -1013, "Filter failure: NOTIONAL");
        expectError(rest.signed("POST", "/api/v3/order", "symbol=ETHUSDT&side=UP&type=LIMIT&timeInForce=GTC"
            + "&quantity=1&price=2000", MAKER_KEY, MAKER_SECRET), 400, -1117, "Invalid side.");
        expectError(rest.signed("POST", "/api/v3/order", "symbol=ETHUSDT&side=BUY&type=LIMIT&timeInForce=GTC"
            + "&quantity=100&price=2000", MAKER_KEY, MAKER_SECRET), 400, -2010,
            "Account has insufficient balance for requested action.");
        expectError(rest.signed("GET", "/api/v3/order", "symbol=ETHUSDT&orderId=999", MAKER_KEY, MAKER_SECRET),
            400, -2013, "Order does not exist.");
        expectError(rest.signed("DELETE", "/api/v3/openOrders", "symbol=ETHUSDT", MAKER_KEY, MAKER_SECRET),
            400, -2011, "Unknown order sent.");

        final RestClient.Response oversize = rest.send("POST", "/api/v3/order", null, "a=" + "x".repeat(10_000),
            MAKER_KEY);
        assertEquals(413, oversize.status());
        assertEquals(404, rest.get("/api/v3/nothing", null).status());

        try (Socket socket = new Socket("127.0.0.1", venue.venue.restPort()))
        {
            final OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v3/order HTTP/1.1\r\nHost: x\r\nContent-Length: 500\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\n\r\nsymbol=ETH").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        final RestClient.Response ok = rest.signed("POST", "/api/v3/order", "symbol=ETHUSDT&side=BUY&type=LIMIT"
            + "&timeInForce=GTC&quantity=1&price=2000", MAKER_KEY, MAKER_SECRET);
        assertEquals(200, ok.status(), ok.raw().body());
        assertEquals(1, rest.signed("GET", "/api/v3/openOrders", "symbol=ETHUSDT", MAKER_KEY, MAKER_SECRET).json().size());
    }

    @Test
    void overTheWeightLimitIs429WithRetryAfterThen418()
    {
        // The weight window is the wall-clock minute: a run that straddles a minute boundary starts
        // counting again half way (up to twice the limit served), so it is run again on a new venue.
        int accepted;
        RestClient.Response response;
        RestClient.Response banned;
        long minuteAtStart;
        do
        {
            venue.close();
            try
            {
                venue = new TestVenue(BinanceVenueConfig.loopbackDefaults().withLimits(
                    new RateLimitConfig(10, 100, 1000, 1, java.time.Duration.ofMinutes(2))));
            }
            catch (final java.io.IOException ex)
            {
                throw new IllegalStateException(ex);
            }
            rest = new RestClient(venue.venue.restPort());
            minuteAtStart = System.currentTimeMillis() / 60_000;
            accepted = 0;
            response = rest.get("/api/v3/time", null);
            while (response.status() == 200 && accepted <= 20)
            {
                accepted++;
                response = rest.get("/api/v3/time", null);
            }
            banned = rest.get("/api/v3/time", null);
        }
        while (System.currentTimeMillis() / 60_000 != minuteAtStart);
        assertTrue(accepted <= 10, "at most the limit is served, got " + accepted);
        expectError(response, 429, -1003, null);
        assertTrue(response.json().get("msg").asText().startsWith("Too much request weight used; current limit is 10"));
        assertNotNull(response.header("Retry-After"));
        expectError(banned, 418, -1003, null);
        assertTrue(banned.json().get("msg").asText().startsWith("Way too much request weight used; IP banned until"));
        assertTrue(Long.parseLong(banned.header("Retry-After")) >= 100);
    }

    private static String sign(final String payload)
    {
        return new HmacSha256(MAKER_SECRET.getBytes(StandardCharsets.US_ASCII)).sign(payload);
    }

    private static void expectError(final RestClient.Response response, final int status, final int code,
        final String msg)
    {
        assertEquals(status, response.status(), response.raw().body());
        assertEquals(code, response.json().get("code").asInt(), response.raw().body());
        if (msg != null)
        {
            assertEquals(msg, response.json().get("msg").asText());
        }
    }
}
