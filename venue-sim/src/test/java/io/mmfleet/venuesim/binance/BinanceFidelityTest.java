package io.mmfleet.venuesim.binance;

import static io.mmfleet.venuesim.binance.JsonShapes.assertContainsShape;
import static io.mmfleet.venuesim.binance.JsonShapes.assertSameShape;
import static io.mmfleet.venuesim.binance.JsonShapes.fixture;
import static io.mmfleet.venuesim.binance.TestVenue.MAKER_KEY;
import static io.mmfleet.venuesim.binance.TestVenue.MAKER_SECRET;
import static io.mmfleet.venuesim.binance.TestVenue.TAKER_KEY;
import static io.mmfleet.venuesim.binance.TestVenue.TAKER_SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Where the docs contradict what a simple venue would do: unfillable FOK/IOC/MARKET orders are accepted and expire,
 * a cancel's report names the cancel request, quote-sized market orders keep their quote, self-trade prevention
 * shows its fields, and timestamps come in milliseconds or microseconds. Over real REST and WebSocket API connections.
 */
class BinanceFidelityTest
{
    private TestVenue venue;
    private RestClient rest;
    private WsTestClient ws;

    @BeforeEach
    void start() throws Exception
    {
        venue = new TestVenue();
        rest = new RestClient(venue.venue.restPort());
        ws = new WsTestClient("ws://127.0.0.1:" + venue.venue.wsApiPort() + "/ws-api/v3", true);
    }

    @AfterEach
    void stop() throws Exception
    {
        ws.closeBlocking();
        venue.close();
    }

    @Test
    void unfillableFokIocAndMarketAreAcceptedAsExpiredAndReported() throws Exception
    {
        call("userDataStream.subscribe.signature", "{}", TAKER_KEY, TAKER_SECRET);
        placeRest(MAKER_KEY, MAKER_SECRET, "side=SELL&type=LIMIT&timeInForce=GTC&quantity=0.5&price=3000.00");

        final RestClient.Response fok = placeRest(TAKER_KEY, TAKER_SECRET,
            "side=BUY&type=LIMIT&timeInForce=FOK&quantity=1&price=3000.00&newClientOrderId=fok1&newOrderRespType=FULL");
        assertEquals(200, fok.status(), fok.raw().body());
        assertSameShape(fixture("rest-new-order-full.json"), fok.json());
        assertEquals("EXPIRED", fok.json().get("status").asText());
        assertEquals("0.00000000", fok.json().get("executedQty").asText());
        assertEquals(0, fok.json().get("fills").size());
        final JsonNode fokNew = awaitReport("fok1", "NEW");
        assertEquals("NEW", fokNew.get("X").asText());
        final JsonNode fokExpired = awaitReport("fok1", "EXPIRED");
        assertEquals("EXPIRED", fokExpired.get("X").asText());
        assertEquals("1.00000000", fokExpired.get("q").asText());
        assertEquals("0.00000000", fokExpired.get("z").asText());
        assertEquals("0.50000000", depthAsk(), "an unfillable FOK leaves the book alone");

        final RestClient.Response ioc = placeRest(TAKER_KEY, TAKER_SECRET,
            "side=BUY&type=LIMIT&timeInForce=IOC&quantity=1&price=2999.00&newClientOrderId=ioc1&newOrderRespType=RESULT");
        assertEquals(200, ioc.status(), ioc.raw().body());
        assertSameShape(fixture("rest-new-order-result.json"), ioc.json());
        assertEquals("EXPIRED", ioc.json().get("status").asText());
        assertEquals("EXPIRED", awaitReport("ioc1", "EXPIRED").get("X").asText());

        final RestClient.Response market = placeRest(TAKER_KEY, TAKER_SECRET,
            "side=SELL&type=MARKET&quantity=1&newClientOrderId=mkt1");
        assertEquals(200, market.status(), market.raw().body());
        assertEquals("EXPIRED", market.json().get("status").asText(), "a MARKET SELL facing no bids expires");
        assertEquals(0, market.json().get("fills").size());
        assertEquals("EXPIRED", awaitReport("mkt1", "EXPIRED").get("X").asText());

        final RestClient.Response quoteOnEmpty = placeRest(TAKER_KEY, TAKER_SECRET,
            "side=SELL&type=MARKET&quoteOrderQty=100");
        assertEquals(400, quoteOnEmpty.status());
        assertEquals(-2010, quoteOnEmpty.json().get("code").asInt());
        assertEquals("Order book liquidity is less than symbol minimum quantity.",
            quoteOnEmpty.json().get("msg").asText());
    }

    @Test
    void cancelReportsNameTheCancelRequestInCAndTheOrderInCapitalC() throws Exception
    {
        call("userDataStream.subscribe.signature", "{}", MAKER_KEY, MAKER_SECRET);
        placeRest(MAKER_KEY, MAKER_SECRET, "side=SELL&type=LIMIT&timeInForce=GTC&quantity=1&price=3000.00"
            + "&newClientOrderId=myOrder1");
        placeRest(MAKER_KEY, MAKER_SECRET, "side=SELL&type=LIMIT&timeInForce=GTC&quantity=1&price=3001.00"
            + "&newClientOrderId=myOrder2");

        final JsonNode cancelled = call("order.cancel", "{\"symbol\":\"ETHUSDT\",\"origClientOrderId\":\"myOrder1\","
            + "\"newClientOrderId\":\"cancelMyOrder1\"}", MAKER_KEY, MAKER_SECRET).get("result");
        assertSameShape(fixture("rest-cancel-order.json"), cancelled);
        assertEquals("myOrder1", cancelled.get("origClientOrderId").asText());
        assertEquals("cancelMyOrder1", cancelled.get("clientOrderId").asText());
        final JsonNode report = awaitReport("cancelMyOrder1", "CANCELED");
        assertEquals("myOrder1", report.get("C").asText());
        assertEquals("CANCELED", report.get("X").asText());

        final RestClient.Response generated = rest.signed("DELETE", "/api/v3/order",
            "symbol=ETHUSDT&origClientOrderId=myOrder2", MAKER_KEY, MAKER_SECRET);
        assertEquals(200, generated.status(), generated.raw().body());
        final String cancelId = generated.json().get("clientOrderId").asText();
        assertEquals("myOrder2", generated.json().get("origClientOrderId").asText());
        assertFalse(cancelId.isEmpty());
        assertNotEquals("myOrder2", cancelId);
        assertEquals("myOrder2", awaitReport(cancelId, "CANCELED").get("C").asText(),
            "the generated cancel id is the same in the response and the report");
    }

    @Test
    void marketByQuoteReportsTheRequestedQuote()
    {
        placeRest(MAKER_KEY, MAKER_SECRET, "side=SELL&type=LIMIT&timeInForce=GTC&quantity=1&price=3000.00");

        final RestClient.Response buy = placeRest(TAKER_KEY, TAKER_SECRET,
            "side=BUY&type=MARKET&quoteOrderQty=1500&newClientOrderId=q1");
        assertEquals(200, buy.status(), buy.raw().body());
        assertEquals("1500.00000000", buy.json().get("origQuoteOrderQty").asText());
        assertEquals("0.50000000", buy.json().get("executedQty").asText());
        final JsonNode query = rest.signed("GET", "/api/v3/order", "symbol=ETHUSDT&origClientOrderId=q1",
            TAKER_KEY, TAKER_SECRET).json();
        assertEquals("1500.00000000", query.get("origQuoteOrderQty").asText());
        final JsonNode maker = rest.signed("GET", "/api/v3/order", "symbol=ETHUSDT&orderId=1",
            MAKER_KEY, MAKER_SECRET).json();
        assertEquals("0.00000000", maker.get("origQuoteOrderQty").asText());
    }

    @Test
    void selfTradePreventionThroughRestAndTheUserDataStream() throws Exception
    {
        call("userDataStream.subscribe.signature", "{}", MAKER_KEY, MAKER_SECRET);
        placeRest(MAKER_KEY, MAKER_SECRET, "side=SELL&type=LIMIT&timeInForce=GTC&quantity=1&price=3000.00"
            + "&newClientOrderId=rest1");

        final RestClient.Response taker = placeRest(MAKER_KEY, MAKER_SECRET, "side=BUY&type=LIMIT&timeInForce=GTC"
            + "&quantity=2&price=3000.00&selfTradePreventionMode=EXPIRE_TAKER&newClientOrderId=taker1"
            + "&newOrderRespType=FULL");
        assertEquals(200, taker.status(), taker.raw().body());
        final JsonNode sample = fixture("rest-new-order-full-stp-expire-taker.json");
        assertContainsShape(sample, taker.json());
        assertSameShape(sample.get("preventedMatches"), taker.json().get("preventedMatches"));
        assertEquals("EXPIRED_IN_MATCH", taker.json().get("status").asText());
        final JsonNode match = taker.json().get("preventedMatches").get(0);
        assertEquals(0, match.get("preventedMatchId").asLong());
        assertEquals(1, match.get("makerOrderId").asLong());
        assertEquals("3000.00000000", match.get("price").asText());
        assertEquals("2.00000000", match.get("takerPreventedQuantity").asText());
        assertEquals("2.00000000", taker.json().get("preventedQuantity").asText());

        final JsonNode takerReport = awaitReport("taker1", "TRADE_PREVENTION");
        assertEquals("EXPIRED_IN_MATCH", takerReport.get("X").asText());
        assertEquals(0, takerReport.get("v").asLong());
        assertEquals(1, takerReport.get("U").asLong());
        assertEquals("2.00000000", takerReport.get("A").asText());
        assertEquals("2.00000000", takerReport.get("B").asText());
        assertEquals("EXPIRE_TAKER", takerReport.get("V").asText());

        final RestClient.Response both = placeRest(MAKER_KEY, MAKER_SECRET, "side=BUY&type=LIMIT&timeInForce=GTC"
            + "&quantity=3&price=3000.00&selfTradePreventionMode=EXPIRE_BOTH&newOrderRespType=RESULT");
        assertEquals("EXPIRED_IN_MATCH", both.json().get("status").asText());
        assertEquals(1, both.json().get("preventedMatchId").asLong());
        assertEquals("3.00000000", both.json().get("preventedQuantity").asText());
        final JsonNode makerReport = awaitReport("rest1", "TRADE_PREVENTION");
        assertEquals(1, makerReport.get("v").asLong());
        assertEquals(both.json().get("orderId").asLong(), makerReport.get("U").asLong());
        assertEquals("1.00000000", makerReport.get("A").asText());
        final JsonNode maker = rest.signed("GET", "/api/v3/order", "symbol=ETHUSDT&origClientOrderId=rest1",
            MAKER_KEY, MAKER_SECRET).json();
        assertSameShape(fixture("rest-query-order-stp-expired-maker.json"), maker);
        assertEquals("EXPIRED_IN_MATCH", maker.get("status").asText());
        assertEquals("1.00000000", maker.get("preventedQuantity").asText());

        final JsonNode plain = awaitReport("taker1", "NEW");
        assertFalse(plain.has("v") || plain.has("A") || plain.has("B") || plain.has("U"),
            "the STP fields appear only on the prevention report");
    }

    @Test
    void timestampsInMicrosecondsAndFractionalRecvWindows()
    {
        final String account = "/api/v3/account";
        final long nowMs = System.currentTimeMillis();
        assertEquals(200, rest.signedAt("GET", account, "", Long.toString(nowMs * 1_000), MAKER_KEY, MAKER_SECRET)
            .status(), "a microsecond timestamp is accepted");
        final RestClient.Response staleMicros = rest.signedAt("GET", account, "",
            Long.toString((nowMs - 10_000) * 1_000), MAKER_KEY, MAKER_SECRET);
        assertEquals(-1021, staleMicros.json().get("code").asInt(), "and checked against recvWindow like any other");
        final RestClient.Response aheadMicros = rest.signedAt("GET", account, "",
            Long.toString((nowMs + 5_000) * 1_000), MAKER_KEY, MAKER_SECRET);
        assertEquals(-1021, aheadMicros.json().get("code").asInt());

        assertEquals(200, rest.signed("GET", account, "recvWindow=5000.5", MAKER_KEY, MAKER_SECRET).status());
        final RestClient.Response tooNarrow = rest.signedAt("GET", account, "recvWindow=0.999",
            Long.toString((nowMs - 50) * 1_000), MAKER_KEY, MAKER_SECRET);
        assertEquals(-1021, tooNarrow.json().get("code").asInt(), "the fraction is a fraction of a millisecond");
        final RestClient.Response fourDecimals = rest.signed("GET", account, "recvWindow=5000.1234",
            MAKER_KEY, MAKER_SECRET);
        assertEquals(-1100, fourDecimals.json().get("code").asInt(), fourDecimals.json().toString());
        assertEquals(-1131, rest.signed("GET", account, "recvWindow=60000.001", MAKER_KEY, MAKER_SECRET)
            .json().get("code").asInt());
    }

    private RestClient.Response placeRest(final String key, final String secret, final String form)
    {
        return rest.signed("POST", "/api/v3/order", "symbol=ETHUSDT&" + form, key, secret);
    }

    private String depthAsk()
    {
        return rest.get("/api/v3/depth", "symbol=ETHUSDT&limit=5").json().get("asks").get(0).get(1).asText();
    }

    private JsonNode awaitReport(final String clientOrderId, final String executionType) throws InterruptedException
    {
        return ws.await(m -> m.has("event") && "executionReport".equals(m.get("event").get("e").asText())
            && clientOrderId.equals(m.get("event").get("c").asText())
            && executionType.equals(m.get("event").get("x").asText()), 15_000).get("event");
    }

    private JsonNode call(final String method, final String paramsJson, final String apiKey, final String secret)
        throws Exception
    {
        final JsonNode response = ws.call(method, paramsJson, apiKey, secret);
        assertEquals(200, response.get("status").asInt(), response.toString());
        assertTrue(response.has("result"));
        return response;
    }
}
