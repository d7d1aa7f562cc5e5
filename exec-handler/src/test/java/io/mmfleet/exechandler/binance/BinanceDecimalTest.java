package io.mmfleet.exechandler.binance;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BinanceDecimalTest
{
    @Test
    void parsesAtTheScale()
    {
        assertEquals(300001, BinanceDecimal.parse("3000.01", 2));
        assertEquals(10264410, BinanceDecimal.parse("0.10264410", 8));
        assertEquals(1026441, BinanceDecimal.parse("0.10264410", 7), "a trailing zero beyond the scale is fine");
        assertEquals(1, BinanceDecimal.parse("0.10000000", 1));
        assertEquals(10000, BinanceDecimal.parse("1", 4));
        assertEquals(0, BinanceDecimal.parse("0.00000000", 2));
        assertEquals(-150, BinanceDecimal.parse("-1.5", 2));
        assertEquals(5, BinanceDecimal.parse("0.0005", 4));
        assertEquals(Long.MAX_VALUE, BinanceDecimal.parse("9223372036854775807", 0));
        assertEquals(92233720368_54775807L, BinanceDecimal.parse("92233720368.54775807", 8));
    }

    @Test
    void refusesSignificantDecimalsBeyondTheScale()
    {
        final BinanceProtocolException ex = assertThrows(BinanceProtocolException.class, () -> BinanceDecimal.parse("0.10264411", 7));
        assertTrue(ex.getMessage().contains("more than 7 significant decimals"), ex.getMessage());
    }

    @Test
    void refusesOverflow()
    {
        assertThrows(BinanceProtocolException.class, () -> BinanceDecimal.parse("9223372036854775808", 0));
        final BinanceProtocolException ex = assertThrows(BinanceProtocolException.class, () -> BinanceDecimal.parse("92233720368.54775808", 8));
        assertTrue(ex.getMessage().contains("overflows"), ex.getMessage());
        assertThrows(BinanceProtocolException.class, () -> BinanceDecimal.parse("100000000000", 8), "scaling up overflows");
    }

    @Test
    void refusesWhatIsNotAPlainDecimal()
    {
        for (final String bad : new String[] {"", "-", ".5", "1.", "1e5", "+1", " 1", "1 ", "1.2.3", "0x10", "--1", "1,5", "NaN", "١"})
        {
            assertThrows(BinanceProtocolException.class, () -> BinanceDecimal.parse(bad, 4), bad);
        }
        assertThrows(BinanceProtocolException.class, () -> BinanceDecimal.parse(null, 4));
    }

    @Test
    void hugeTextIsRefusedWithAShortMessage()
    {
        final String huge = "1".repeat(100_000);
        final BinanceProtocolException ex = assertThrows(BinanceProtocolException.class, () -> BinanceDecimal.parse(huge, 2));
        assertTrue(ex.getMessage().length() < 400, "message quotes at most 200 chars: " + ex.getMessage().length());
        assertTrue(ex.getMessage().contains("100000 chars"), ex.getMessage());
    }

    @Test
    void formatsPlainText()
    {
        assertEquals("3000.01", BinanceDecimal.format(300001, 2));
        assertEquals("0.0005", BinanceDecimal.format(5, 4));
        assertEquals("3000", BinanceDecimal.format(300000, 2));
        assertEquals("3000.1", BinanceDecimal.format(300010, 2));
        assertEquals("0", BinanceDecimal.format(0, 8));
        assertEquals("-1.5", BinanceDecimal.format(-150, 2));
        assertEquals("-0.05", BinanceDecimal.format(-5, 2));
        assertEquals("42", BinanceDecimal.format(42, 0));
        assertEquals("-92233720368.54775808", BinanceDecimal.format(Long.MIN_VALUE, 8));
        assertEquals("0.00000001", BinanceDecimal.format(1, 8));
    }

    @Test
    void formatAndParseRoundTrip()
    {
        final long[] values = {0, 1, -1, 7, 123456789, -987654321, Long.MAX_VALUE, Long.MIN_VALUE + 1};
        for (int scale = 0; scale <= 8; scale++)
        {
            for (final long value : values)
            {
                assertEquals(value, BinanceDecimal.parse(BinanceDecimal.format(value, scale), scale), value + " at " + scale);
            }
        }
    }

    @Test
    void multipliesToAScale()
    {
        assertEquals(14869223500L, BinanceDecimal.multiply(2341610, 2, 635, 5, 8), "23416.10 x 0.00635 = 148.692235");
        assertEquals(4105764, BinanceDecimal.multiply(10264410, 8, 40000000, 8, 8), "exact after dropping zeros");
        assertEquals(2, BinanceDecimal.multiply(15, 1, 1, 1, 1), "1.5 x 0.1 = 0.15 rounds half up to 0.2");
        assertEquals(-2, BinanceDecimal.multiply(-15, 1, 1, 1, 1), "and away from zero when negative");
        assertEquals(1, BinanceDecimal.multiply(14, 1, 1, 1, 1), "0.14 rounds to 0.1");
        assertThrows(ArithmeticException.class, () -> BinanceDecimal.multiply(Long.MAX_VALUE, 0, 2, 0, 0));
        assertThrows(ArithmeticException.class, () -> BinanceDecimal.multiply(Long.MAX_VALUE / 2, 0, 1, 0, 8));
    }

    @Test
    void comparesAcrossScalesWithoutOverflow()
    {
        assertEquals(0, BinanceDecimal.compare(100, 2, 1, 0));
        assertEquals(-1, BinanceDecimal.compare(99, 2, 1, 0));
        assertEquals(1, BinanceDecimal.compare(1, 0, 99, 2));
        assertEquals(-1, BinanceDecimal.compare(Long.MAX_VALUE, 10, Long.MAX_VALUE, 0), "the lower-scale value would overflow: it is larger");
        assertEquals(1, BinanceDecimal.compare(Long.MIN_VALUE, 10, Long.MIN_VALUE + 1, 0));
    }
}
