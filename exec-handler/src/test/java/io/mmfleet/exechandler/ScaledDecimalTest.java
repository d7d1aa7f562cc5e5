package io.mmfleet.exechandler;

import org.junit.jupiter.api.Test;

import static io.mmfleet.exechandler.ScaledDecimal.NOT_REPRESENTABLE;
import static io.mmfleet.exechandler.ScaledDecimal.toScale;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ScaledDecimalTest
{
    @Test
    void restatesExactlyOrRefuses()
    {
        assertEquals(300001, toScale(300001, -2, 2));
        assertEquals(300000, toScale(3000, 0, 2));
        assertEquals(300000, toScale(30000000, -4, 2));
        assertEquals(NOT_REPRESENTABLE, toScale(3000005, -3, 2), "3000.005 has more decimals than the tick");
        assertEquals(-500, toScale(-5, 0, 2));
        assertEquals(0, toScale(0, 30, 2));
        assertEquals(NOT_REPRESENTABLE, toScale(1, 30, 2));
        assertEquals(NOT_REPRESENTABLE, toScale(1, -30, 2));
        assertEquals(NOT_REPRESENTABLE, toScale(Long.MAX_VALUE / 10, 0, 2), "overflow");
        assertEquals(NOT_REPRESENTABLE, toScale(Long.MIN_VALUE / 10, 0, 2), "negative overflow");
        assertEquals(Long.MAX_VALUE / 100 * 100, toScale(Long.MAX_VALUE / 100, 0, 2));
    }
}
