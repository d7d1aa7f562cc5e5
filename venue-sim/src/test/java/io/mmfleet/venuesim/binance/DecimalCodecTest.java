package io.mmfleet.venuesim.binance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DecimalCodecTest
{
    @Test
    void parsesToMantissaAtScale()
    {
        assertEquals(300012, DecimalCodec.parse("price", "3000.12", 2, "PRICE_FILTER"));
        assertEquals(300012, DecimalCodec.parse("price", "3000.12000000", 2, "PRICE_FILTER"));
        assertEquals(100, DecimalCodec.parse("quantity", "1", 2, "LOT_SIZE"));
    }

    @Test
    void formatsWithEightDecimalsAsBinancePrints()
    {
        assertEquals("3000.12000000", DecimalCodec.format(300012, 2));
        assertEquals("0.00100000", DecimalCodec.formatPpm(1000));
        assertEquals("-0.00010000", DecimalCodec.formatPpm(-100));
    }

    @Test
    void rejectsBadText()
    {
        assertEquals(-1100, assertThrows(BinanceException.class,
            () -> DecimalCodec.parse("price", "1e3", 2, "PRICE_FILTER")).error().code());
        assertEquals(-1100, assertThrows(BinanceException.class,
            () -> DecimalCodec.parse("price", "-1", 2, "PRICE_FILTER")).error().code());
        assertEquals(-1111, assertThrows(BinanceException.class,
            () -> DecimalCodec.parse("price", "0.000000001", 2, "PRICE_FILTER")).error().code());
        final BinanceException offTick = assertThrows(BinanceException.class,
            () -> DecimalCodec.parse("price", "1.001", 2, "PRICE_FILTER"));
        assertEquals(-1013, offTick.error().code());
        assertEquals("Filter failure: PRICE_FILTER", offTick.error().msg());
        assertEquals(-1108, assertThrows(BinanceException.class,
            () -> DecimalCodec.parse("price", "99999999999999999999", 2, "PRICE_FILTER")).error().code());
    }
}
