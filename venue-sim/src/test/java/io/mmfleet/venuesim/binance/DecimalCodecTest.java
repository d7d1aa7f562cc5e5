package io.mmfleet.venuesim.binance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.agrona.ExpandableArrayBuffer;
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
    void putAsciiSpellsExactlyWhatFormatDoesAtEveryScale()
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64);
        final long[] mantissas = {0, 1, -1, 9, 10, -10, 99, 100, 12_345, -12_345, 300_012, 1_000_000_007L,
            -987_654_321_012L, 999_999_999_999_999_999L, 1_000_000_000_000_000_000L, Long.MAX_VALUE, Long.MIN_VALUE,
            Long.MIN_VALUE + 1};
        for (int scale = 0; scale <= 18; scale++)
        {
            for (final long mantissa : mantissas)
            {
                final int end = DecimalCodec.putAscii(buffer, 3, mantissa, scale);
                assertEquals(DecimalCodec.format(mantissa, scale), buffer.getStringWithoutLengthAscii(3, end - 3),
                    mantissa + " at scale " + scale);
            }
        }
    }

    @Test
    void putAsciiRejectsAScaleItCannotSplitAt()
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64);
        assertThrows(IllegalArgumentException.class, () -> DecimalCodec.putAscii(buffer, 0, 1, 19));
        assertThrows(IllegalArgumentException.class, () -> DecimalCodec.putAscii(buffer, 0, 1, -1));
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
