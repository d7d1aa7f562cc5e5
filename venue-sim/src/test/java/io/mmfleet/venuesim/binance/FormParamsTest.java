package io.mmfleet.venuesim.binance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FormParamsTest
{
    @Test
    void decodesPercentEncodingInOrder()
    {
        final Map<String, String> params = FormParams.parse("symbol=%EF%BC%91&b=x+y&c=");
        assertEquals("１", params.get("symbol"));
        assertEquals("x y", params.get("b"));
        assertEquals("", params.get("c"));
        assertEquals("[symbol, b, c]", params.keySet().toString());
    }

    @Test
    void duplicateNameIsMinus1101()
    {
        final BinanceException ex = assertThrows(BinanceException.class, () -> FormParams.parse("a=1&a=2"));
        assertEquals(-1101, ex.error().code());
        assertEquals("Duplicate values for a parameter detected.", ex.error().msg());
    }

    @Test
    void malformedPercentEncodingIsMinus1100()
    {
        final BinanceException ex = assertThrows(BinanceException.class, () -> FormParams.parse("a=%ZZ"));
        assertEquals(-1100, ex.error().code());
    }

    @Test
    void queryWinsOverBody()
    {
        assertEquals("q", FormParams.merge("a=q", "a=b&c=1").get("a"));
        assertEquals("1", FormParams.merge("a=q", "a=b&c=1").get("c"));
    }

    @Test
    void requestParamsReportMissingIllTypedAndUnreadParameters()
    {
        final RequestParams params = new RequestParams(FormParams.parse("symbol=ETHUSDT&orderId=x1&extra=1"));
        assertEquals("ETHUSDT", params.symbol());
        final BinanceException illTyped = assertThrows(BinanceException.class, () -> params.requiredLong("orderId"));
        assertEquals(-1100, illTyped.error().code());
        assertEquals("Illegal characters found in parameter 'orderId'; legal range is '^[0-9]{1,20}$'.",
            illTyped.error().msg());
        final BinanceException missing = assertThrows(BinanceException.class, () -> params.required("side"));
        assertEquals("Mandatory parameter 'side' was not sent, was empty/null, or malformed.", missing.error().msg());
        final BinanceException unread = assertThrows(BinanceException.class, params::requireAllRead);
        assertEquals(-1104, unread.error().code());
        assertEquals("Not all sent parameters were read; read '2' parameter(s) but was sent '3'.", unread.error().msg());
    }

    @Test
    void badSymbolCharactersAreMinus1100()
    {
        final RequestParams params = new RequestParams(FormParams.parse("symbol=eth%20usdt"));
        assertEquals(-1100, assertThrows(BinanceException.class, params::symbol).error().code());
    }
}
