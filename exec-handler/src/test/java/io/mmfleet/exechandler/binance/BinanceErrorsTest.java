package io.mmfleet.exechandler.binance;

import io.mmfleet.exechandler.venue.VenueError;
import io.mmfleet.sbe.RejectReason;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BinanceErrorsTest
{
    @Test
    void mapsTheDocumentedCodesAndMessages()
    {
        assertReason(RejectReason.POST_ONLY_WOULD_CROSS, -2010, "Order would immediately match and take.");
        assertReason(RejectReason.INSUFFICIENT_BALANCE, -2010, "Account has insufficient balance for requested action.");
        assertReason(RejectReason.DUPLICATE_ID, -2010, "Duplicate order sent.");
        assertReason(RejectReason.VENUE_REJECT, -2010, "Market is closed.");
        assertReason(RejectReason.VENUE_REJECT, -2010, "NEW_ORDER_REJECTED");
        assertReason(RejectReason.UNKNOWN_ORDER, -2011, "Unknown order sent.");
        assertReason(RejectReason.UNKNOWN_ORDER, -2011, "Order was not canceled due to cancel restrictions.");
        assertReason(RejectReason.UNKNOWN_ORDER, -2013, "Order does not exist.");
        assertReason(RejectReason.UNKNOWN_ORDER, -2026, "Order was canceled or expired with no executed qty over 90 days ago and has been archived.");
        assertReason(RejectReason.PRICE_TICK, -1013, "Filter failure: PRICE_FILTER");
        assertReason(RejectReason.PRICE_COLLAR, -1013, "Filter failure: PERCENT_PRICE");
        assertReason(RejectReason.PRICE_COLLAR, -1013, "Filter failure: PERCENT_PRICE_BY_SIDE");
        assertReason(RejectReason.QTY_LOT, -1013, "Filter failure: LOT_SIZE");
        assertReason(RejectReason.QTY_LOT, -1013, "Filter failure: MARKET_LOT_SIZE");
        assertReason(RejectReason.MIN_NOTIONAL, -1013, "Filter failure: NOTIONAL");
        assertReason(RejectReason.MIN_NOTIONAL, -1013, "Filter failure: MIN_NOTIONAL");
        assertReason(RejectReason.MAX_POSITION, -2010, "Filter failure: MAX_POSITION");
        assertReason(RejectReason.VENUE_REJECT, -1013, "Filter failure: MAX_NUM_ORDERS");
        assertReason(RejectReason.THROTTLED, -1003, "Too much request weight used; current limit is 6000 request weight per 1 MINUTE.");
        assertReason(RejectReason.THROTTLED, -1015, "Too many new orders; current limit is 50 orders per 10 SECOND.");
        assertReason(RejectReason.THROTTLED, -1008, "Server is currently overloaded with other requests. Please try again in a few minutes.");
        assertReason(RejectReason.VENUE_REJECT, -1021, "Timestamp for this request is outside of the recvWindow.");
        assertReason(RejectReason.VENUE_REJECT, -1022, "Signature for this request is not valid.");
        assertReason(RejectReason.VENUE_REJECT, -1121, "Invalid symbol.");
        assertReason(RejectReason.VENUE_REJECT, 12345, null);
    }

    @Test
    void errorKeepsCodeAndMessage()
    {
        final VenueError error = BinanceErrors.error(-2010, "Order would immediately match and take.");
        assertEquals(-2010, error.code());
        assertEquals("Order would immediately match and take.", error.message());
        assertEquals("", BinanceErrors.error(-1, null).message());
    }

    @Test
    void outcomeUnknownCodes()
    {
        assertTrue(BinanceErrors.isOutcomeUnknown(-1006));
        assertTrue(BinanceErrors.isOutcomeUnknown(-1007));
        assertFalse(BinanceErrors.isOutcomeUnknown(-2010));
        assertFalse(BinanceErrors.isOutcomeUnknown(-1021));
    }

    @Test
    void parsesTheDocsErrorPayload()
    {
        final VenueError error = BinanceErrors.parseErrorBody(Fixtures.read("error.json"));
        assertEquals(new VenueError(-1121, "Invalid symbol.", RejectReason.VENUE_REJECT), error);
    }

    @Test
    void refusesMalformedErrorBodies()
    {
        assertThrows(BinanceProtocolException.class, () -> BinanceErrors.parseErrorBody("<html>502 Bad Gateway</html>"));
        assertThrows(BinanceProtocolException.class, () -> BinanceErrors.parseErrorBody("{\"code\":\"-1121\",\"msg\":\"x\"}"));
        assertThrows(BinanceProtocolException.class, () -> BinanceErrors.parseErrorBody("{\"msg\":\"x\"}"));
        assertThrows(BinanceProtocolException.class, () -> BinanceErrors.parseErrorBody("{\"code\":-1,\"msg\":5}"));
        assertThrows(BinanceProtocolException.class, () -> BinanceErrors.parseErrorBody("{\"code\":99999999999,\"msg\":\"x\"}"));
        assertThrows(BinanceProtocolException.class, () -> BinanceErrors.parseErrorBody("[]"));
        assertThrows(BinanceProtocolException.class, () -> BinanceErrors.parseErrorBody(""));
        assertThrows(BinanceProtocolException.class, () -> BinanceErrors.parseErrorBody(null));
    }

    private static void assertReason(final RejectReason expected, final int code, final String msg)
    {
        assertEquals(expected, BinanceErrors.error(code, msg).reason(), code + " " + msg);
    }
}
