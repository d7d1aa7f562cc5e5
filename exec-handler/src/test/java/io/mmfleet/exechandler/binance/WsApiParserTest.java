package io.mmfleet.exechandler.binance;

import io.mmfleet.exechandler.venue.UpdateOrigin;
import io.mmfleet.exechandler.venue.VenueError;
import io.mmfleet.exechandler.venue.VenueFill;
import io.mmfleet.exechandler.venue.VenueOrderStatus;
import io.mmfleet.exechandler.venue.VenueOrderUpdate;
import io.mmfleet.sbe.OrderType;
import io.mmfleet.sbe.RejectReason;
import io.mmfleet.sbe.Side;
import io.mmfleet.sbe.TimeInForce;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.mmfleet.exechandler.binance.Fixtures.BTCUSDT;
import static io.mmfleet.exechandler.binance.Fixtures.ETHBTC_8;
import static io.mmfleet.exechandler.binance.Fixtures.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WsApiParserTest
{
    private static final List<RateLimitUsage> PLACE_LIMITS = List.of(
        new RateLimitUsage("ORDERS", "SECOND", 10, 50, 1),
        new RateLimitUsage("ORDERS", "DAY", 1, 160000, 1),
        new RateLimitUsage("REQUEST_WEIGHT", "MINUTE", 1, 6000, 1));

    private final WsApiParser parser = new WsApiParser();

    @Test
    void placeAck()
    {
        final WsApiMessage message = parser.parse(read("wsapi-order-place-ack.json"));
        assertEquals(WsApiMessage.Kind.RESPONSE, message.kind());
        assertEquals("56374a46-3061-486b-a311-99ee972eb648", message.id());
        assertEquals(200, message.status());
        assertNull(message.error());
        assertEquals(PLACE_LIMITS, message.rateLimits());

        final VenueOrderUpdate update = parser.orderResult(message.result(), UpdateOrigin.PLACE_REPLY, BTCUSDT);
        assertEquals(new VenueOrderUpdate(UpdateOrigin.PLACE_REPLY, "BTCUSDT", "4d96324ff9d44481926157ec08158a40", 12569099453L,
            VenueOrderStatus.NEW, null, null, null, 0, 0, 0, 0, List.of(), 1660801715639L), update);
    }

    @Test
    void placeResult()
    {
        final WsApiMessage message = parser.parse(read("wsapi-order-place-result.json"));
        assertEquals(PLACE_LIMITS, message.rateLimits());
        final VenueOrderUpdate update = parser.orderResult(message.result(), UpdateOrigin.PLACE_REPLY, BTCUSDT);
        assertEquals(new VenueOrderUpdate(UpdateOrigin.PLACE_REPLY, "BTCUSDT", "4d96324ff9d44481926157ec08158a40", 12569099453L,
            VenueOrderStatus.NEW, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, 2341610, 847, 0, 0, List.of(), 1660801715639L), update);
    }

    @Test
    void placeFullWithTakerFills()
    {
        final WsApiMessage message = parser.parse(read("wsapi-order-place-full.json"));
        final VenueOrderUpdate update = parser.orderResult(message.result(), UpdateOrigin.PLACE_REPLY, BTCUSDT);
        assertEquals(new VenueOrderUpdate(UpdateOrigin.PLACE_REPLY, "BTCUSDT", "4d96324ff9d44481926157ec08158a40", 12569099453L,
            VenueOrderStatus.FILLED, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, 2341610, 847, 847, 19833521500L,
            List.of(
                new VenueFill(1650422481L, 12569099453L, 2341610, 635, 14869223500L, 0, "BNB", false, 1660801715793L),
                new VenueFill(1650422482L, 12569099453L, 2341650, 212, 4964298000L, 0, "BNB", false, 1660801715793L)),
            1660801715793L), update);
        assertEquals(update.cumQuoteQty(), update.fills().get(0).quoteQty() + update.fills().get(1).quoteQty(),
            "the fills' computed quote quantities add up to the venue's cummulativeQuoteQty");
    }

    @Test
    void cancelReplyReportsTheCanceledOrdersOwnId()
    {
        final WsApiMessage message = parser.parse(read("wsapi-order-cancel.json"));
        assertEquals(List.of(new RateLimitUsage("REQUEST_WEIGHT", "MINUTE", 1, 6000, 1)), message.rateLimits());
        final VenueOrderUpdate update = parser.orderResult(message.result(), UpdateOrigin.CANCEL_REPLY, BTCUSDT);
        assertEquals(new VenueOrderUpdate(UpdateOrigin.CANCEL_REPLY, "BTCUSDT", "4d96324ff9d44481926157", 12569099453L,
            VenueOrderStatus.CANCELED, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, 2341610, 847, 1, 23416100, List.of(), 1684804350068L), update);
    }

    @Test
    void orderStatusUsesUpdateTime()
    {
        final WsApiMessage message = parser.parse(read("wsapi-order-status.json"));
        assertEquals("aa62318a-5a97-4f3b-bdc7-640bbe33b291", message.id());
        final VenueOrderUpdate update = parser.orderResult(message.result(), UpdateOrigin.LOOKUP, BTCUSDT);
        assertEquals(new VenueOrderUpdate(UpdateOrigin.LOOKUP, "BTCUSDT", "4d96324ff9d44481926157", 12569099453L,
            VenueOrderStatus.FILLED, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, 2341610, 847, 847, 19833521500L, List.of(), 1660801717945L), update);
    }

    @Test
    void cancelAllSkipsOrderLists()
    {
        final WsApiMessage message = parser.parse(read("wsapi-open-orders-cancel-all.json"));
        final List<VenueOrderUpdate> updates = parser.cancelAllResult(message.result(), BTCUSDT);
        assertEquals(List.of(new VenueOrderUpdate(UpdateOrigin.CANCEL_REPLY, "BTCUSDT", "4d96324ff9d44481926157", 12569099453L,
            VenueOrderStatus.CANCELED, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, 2341610, 847, 1, 23416100, List.of(), 1684804350068L)), updates);
        assertEquals(List.of(), parser.cancelAllResult(parser.parse("{\"id\":\"x\",\"status\":200,\"result\":[]}").result(), BTCUSDT));
        assertThrows(BinanceProtocolException.class, () -> parser.cancelAllResult(message.result().get(0), BTCUSDT), "an object is not the list");
    }

    @Test
    void errorResponseWithRateLimits()
    {
        final WsApiMessage message = parser.parse(read("wsapi-error.json"));
        assertEquals(WsApiMessage.Kind.RESPONSE, message.kind());
        assertEquals("e2a85d9f-07a5-4f94-8d5f-789dc3deb097", message.id());
        assertEquals(400, message.status());
        assertNull(message.result());
        assertEquals(new VenueError(-2010, "Account has insufficient balance for requested action.", RejectReason.INSUFFICIENT_BALANCE), message.error());
        assertEquals(List.of(new RateLimitUsage("REQUEST_WEIGHT", "MINUTE", 1, 6000, 1)), message.rateLimits());
        assertFalse(message.isOutcomeUnknown());
    }

    @Test
    void aBanCarriesWhenItEnds()
    {
        // web-socket-api.md, IP limits: a 418 with error.data.retryAfter (epoch ms).
        final WsApiMessage banned = new WsApiParser().parse("{\"id\":\"place-9\",\"status\":418,\"error\":{\"code\":-1003," +
            "\"msg\":\"Way too much request weight used; IP banned until 1659146400000.\"," +
            "\"data\":{\"serverTime\":1659142907531,\"retryAfter\":1659146400000}}}");
        assertEquals(418, banned.status());
        assertEquals(1659146400000L, banned.retryAfterEpochMs());
        assertEquals(0, new WsApiParser().parse("{\"id\":\"x\",\"status\":400,\"error\":{\"code\":-1100,\"msg\":\"bad\"}}")
            .retryAfterEpochMs());
    }

    @Test
    void serverErrorsAreOutcomeUnknown()
    {
        final WsApiMessage timeout = parser.parse("{\"id\":7,\"status\":503,\"error\":{\"code\":-1007,\"msg\":\"Timeout waiting for response from backend server.\"}}");
        assertEquals("7", timeout.id(), "integer ids come back as text");
        assertTrue(timeout.isOutcomeUnknown());
        assertEquals(List.of(), timeout.rateLimits());
        final WsApiMessage throttled = parser.parse("{\"id\":null,\"status\":429,\"error\":{\"code\":-1003,\"msg\":\"Too many requests.\"}}");
        assertNull(throttled.id());
        assertEquals(RejectReason.THROTTLED, throttled.error().reason());
    }

    @Test
    void userDataSubscribe()
    {
        final WsApiMessage message = parser.parse(read("wsapi-user-data-subscribe.json"));
        assertEquals("d3df8a22-98ea-4fe0-9f4e-0fcea5d418b7", message.id());
        assertEquals(0, parser.subscriptionId(message.result()));
        assertEquals(List.of(new RateLimitUsage("REQUEST_WEIGHT", "MINUTE", 1, 6000, 2)), message.rateLimits());
        assertThrows(BinanceProtocolException.class, () -> parser.subscriptionId(parser.parse("{\"id\":\"a\",\"status\":200,\"result\":{}}").result()));
    }

    @Test
    void executionReportNew()
    {
        final WsApiMessage message = parser.parse(read("user-data-execution-report.json"));
        assertEquals(WsApiMessage.Kind.EVENT, message.kind());
        assertEquals(0, message.subscriptionId());
        assertEquals(WsApiParser.EXECUTION_REPORT, message.eventType());
        assertEquals("ETHBTC", parser.executionReportSymbol(message.event()));
        assertEquals(new VenueOrderUpdate(UpdateOrigin.USER_DATA, "ETHBTC", "mUvoqJxFIILMdfAW5iGSOW", 4293153,
            VenueOrderStatus.NEW, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 10264410, 100000000, 0, 0, List.of(), 1499405658657L),
            parser.executionReport(message.event(), ETHBTC_8));
    }

    @Test
    void executionReportTrade()
    {
        final WsApiMessage message = parser.parse(read("user-data-execution-report-trade.json"));
        assertEquals(new VenueOrderUpdate(UpdateOrigin.USER_DATA, "ETHBTC", "mUvoqJxFIILMdfAW5iGSOW", 4293153,
            VenueOrderStatus.PARTIALLY_FILLED, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 10264410, 100000000, 40000000, 4105764,
            List.of(new VenueFill(12345, 4293153, 10264410, 40000000, 4105764, 40000, "ETH", true, 1499405658699L)), 1499405658699L),
            parser.executionReport(message.event(), ETHBTC_8));
    }

    @Test
    void executionReportCanceledCarriesTheOriginalClientOrderId()
    {
        final WsApiMessage message = parser.parse(read("user-data-execution-report-canceled.json"));
        final VenueOrderUpdate update = parser.executionReport(message.event(), ETHBTC_8);
        assertEquals("mUvoqJxFIILMdfAW5iGSOW", update.clientOrderId(), "C, not the cancel request's c");
        assertEquals(VenueOrderStatus.CANCELED, update.status());
        assertEquals(40000000, update.cumQty());
        assertEquals(4105764, update.cumQuoteQty());
        assertEquals(List.of(), update.fills());
        assertEquals(1499405658999L, update.venueTimeMs());
    }

    @Test
    void executionReportExpiredInMatch()
    {
        final String text = read("user-data-execution-report.json")
            .replace("\"x\": \"NEW\"", "\"x\": \"TRADE_PREVENTION\"").replace("\"X\": \"NEW\"", "\"X\": \"EXPIRED_IN_MATCH\"");
        final VenueOrderUpdate update = parser.executionReport(parser.parse(text).event(), ETHBTC_8);
        assertEquals(VenueOrderStatus.EXPIRED_IN_MATCH, update.status());
        assertEquals(List.of(), update.fills());
    }

    @Test
    void executionReportForAnotherSymbolIsRefused()
    {
        final WsApiMessage message = parser.parse(read("user-data-execution-report.json"));
        final BinanceProtocolException ex = assertThrows(BinanceProtocolException.class, () -> parser.executionReport(message.event(), BTCUSDT));
        assertTrue(ex.getMessage().contains("ETHBTC"), ex.getMessage());
    }

    @Test
    void accountPosition()
    {
        final WsApiMessage message = parser.parse(read("user-data-account-position.json"));
        assertEquals(WsApiParser.OUTBOUND_ACCOUNT_POSITION, message.eventType());
        assertEquals(List.of(new Balance("ETH", 1_000_000_000_000L, 0)), parser.accountPosition(message.event()));
        assertThrows(BinanceProtocolException.class, () -> parser.accountPosition(parser.parse(read("user-data-execution-report.json")).event()));
    }

    @Test
    void eventStreamTerminatedAndUnknownEventsAreEvents()
    {
        final WsApiMessage terminated = parser.parse(read("user-data-event-stream-terminated.json"));
        assertEquals(WsApiMessage.Kind.EVENT, terminated.kind());
        assertEquals(WsApiParser.EVENT_STREAM_TERMINATED, terminated.eventType());
        assertEquals(1728973001334L, terminated.event().get("E").longValue());

        final WsApiMessage unknown = parser.parse("{\"subscriptionId\":3,\"event\":{\"e\":\"somethingNew\",\"E\":1}}");
        assertEquals("somethingNew", unknown.eventType());
        assertEquals(3, unknown.subscriptionId());

        final WsApiMessage legacy = parser.parse("{\"event\":{\"e\":\"balanceUpdate\",\"E\":1,\"a\":\"BTC\",\"d\":\"1\",\"T\":2}}");
        assertEquals(-1, legacy.subscriptionId(), "the older event format without subscriptionId");
        assertEquals("balanceUpdate", legacy.eventType());
    }

    @Test
    void malformedFramesAreProtocolErrors()
    {
        assertProtocolError("{\"id\":\"a\",\"status\":200,", "malformed JSON");
        assertProtocolError("not json", "malformed JSON");
        assertProtocolError("", "empty document");
        assertProtocolError("[1,2]", "expected a JSON object");
        assertProtocolError("{\"id\":\"a\",\"status\":200,\"result\":{}} trailing", "malformed JSON");
        assertProtocolError("{\"id\":\"a\",\"id\":\"b\",\"status\":200,\"result\":{}}", "malformed JSON");
        assertProtocolError("{\"result\":null,\"id\":5}", "neither a response");
        assertProtocolError("{\"code\":2,\"msg\":\"Invalid request\"}", "neither a response");
        assertProtocolError("{\"id\":\"a\",\"status\":\"200\",\"result\":{}}", "'status' must be a 32-bit integer");
        assertProtocolError("{\"id\":\"a\",\"status\":200}", "without a result");
        assertProtocolError("{\"id\":\"a\",\"status\":400}", "without an error");
        assertProtocolError("{\"id\":1.5,\"status\":200,\"result\":{}}", "'id' must be");
        assertProtocolError("{\"status\":200,\"result\":{}}", "missing field 'id'");
        assertProtocolError("{\"id\":\"a\",\"status\":400,\"error\":{\"code\":-2010}}", "missing field 'msg'");
        assertProtocolError("{\"id\":\"a\",\"status\":200,\"result\":{},\"rateLimits\":[{\"rateLimitType\":\"ORDERS\"}]}", "missing field 'interval'");
        assertProtocolError("{\"event\":{\"E\":1}}", "missing field 'e'");
        assertProtocolError("{\"event\":[]}", "'event' must be an object");
        assertThrows(BinanceProtocolException.class, () -> parser.parse(null));
    }

    @Test
    void hugeAndDeepInputIsRefusedBriefly()
    {
        final String hugeString = "{\"id\":\"" + "x".repeat(1_000_000) + "\",\"status\":200,\"result\":{}}";
        final BinanceProtocolException huge = assertThrows(BinanceProtocolException.class, () -> parser.parse(hugeString));
        assertTrue(huge.getMessage().length() < 700, "message length " + huge.getMessage().length());

        final String deep = "{\"event\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        final BinanceProtocolException deepEx = assertThrows(BinanceProtocolException.class, () -> parser.parse(deep));
        assertTrue(deepEx.getMessage().length() < 700, "message length " + deepEx.getMessage().length());

        final String hugeNumber = "{\"id\":" + "9".repeat(5000) + ",\"status\":200,\"result\":{}}";
        assertThrows(BinanceProtocolException.class, () -> parser.parse(hugeNumber));
    }

    @Test
    void badFieldsInOrderResultsAreProtocolErrors()
    {
        final String result = read("wsapi-order-place-result.json");
        assertResultError(result.replace("\"price\": \"23416.10000000\"", "\"price\": 23416.1"), "'price' must be a decimal string");
        assertResultError(result.replace("\"price\": \"23416.10000000\"", "\"price\": \"23416.105\""), "more than 2 significant decimals");
        assertResultError(result.replace("\"origQty\": \"0.00847000\"", "\"origQty\": \"99999999999999999999\""), "overflows");
        assertResultError(result.replace("\"orderId\": 12569099453", "\"orderId\": \"12569099453\""), "'orderId' must be a 64-bit integer");
        assertResultError(result.replace("\"orderId\": 12569099453", "\"orderId\": 1e30"), "'orderId' must be a 64-bit integer");
        assertResultError(result.replace("\"status\": \"NEW\"", "\"status\": \"PENDING_NEW\""), "unknown order status");
        assertResultError(result.replace("\"type\": \"LIMIT\"", "\"type\": \"STOP_LOSS_LIMIT\""), "not one the fleet trades");
        assertResultError(result.replace("\"side\": \"SELL\"", "\"side\": null"), "missing field 'side'");
        assertResultError(result.replace("\"symbol\": \"BTCUSDT\"", "\"symbol\": \"ETHUSDT\""), "ETHUSDT");
        assertResultError(result.replace("\"executedQty\": \"0.00000000\",", ""), "missing field 'executedQty'");

        final String full = read("wsapi-order-place-full.json");
        assertResultError(full.replace("\"tradeId\": 1650422482", "\"tradeId\": true"), "fills[1]");
        assertThrows(BinanceProtocolException.class, () -> parser.orderResult(null, UpdateOrigin.PLACE_REPLY, BTCUSDT));
    }

    @Test
    void fillQuoteQuantityOverflowIsAProtocolError()
    {
        final var big = new io.mmfleet.exechandler.venue.VenueSymbol("BIG", "BIG", 9, 8, 8);
        final String text = read("user-data-execution-report-trade.json")
            .replace("\"L\": \"0.10264410\"", "\"L\": \"90000000000.0\"").replace("\"l\": \"0.40000000\"", "\"l\": \"90000000000.0\"")
            .replace("\"s\": \"ETHBTC\"", "\"s\": \"BIG\"");
        final BinanceProtocolException ex = assertThrows(BinanceProtocolException.class, () -> parser.executionReport(parser.parse(text).event(), big));
        assertTrue(ex.getMessage().contains("overflows"), ex.getMessage());
    }

    private void assertResultError(final String text, final String expected)
    {
        final BinanceProtocolException ex = assertThrows(BinanceProtocolException.class,
            () -> parser.orderResult(parser.parse(text).result(), UpdateOrigin.PLACE_REPLY, BTCUSDT));
        assertTrue(ex.getMessage().contains(expected), "'" + expected + "' not in: " + ex.getMessage());
    }

    private void assertProtocolError(final String text, final String expected)
    {
        final BinanceProtocolException ex = assertThrows(BinanceProtocolException.class, () -> parser.parse(text));
        assertTrue(ex.getMessage().contains(expected), "'" + expected + "' not in: " + ex.getMessage());
    }
}
