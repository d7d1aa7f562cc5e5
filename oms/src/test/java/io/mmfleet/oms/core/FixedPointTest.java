package io.mmfleet.oms.core;

import org.junit.jupiter.api.Test;

import static io.mmfleet.oms.core.FixedPoint.NOT_REPRESENTABLE;
import static io.mmfleet.oms.core.FixedPoint.NULL_MANTISSA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FixedPointTest
{
    @Test
    void rescalesExactlyOrRefuses()
    {
        assertEquals(200000, FixedPoint.toScale(2000, 0, 2));
        assertEquals(2000_10, FixedPoint.toScale(2000_1000, -4, 2));
        assertEquals(NOT_REPRESENTABLE, FixedPoint.toScale(2000_1001, -4, 2), "a finer price is never rounded");
        assertEquals(NOT_REPRESENTABLE, FixedPoint.toScale(Long.MAX_VALUE / 10, 0, 2), "overflow");
        assertEquals(NOT_REPRESENTABLE, FixedPoint.toScale(NULL_MANTISSA, 0, 2), "absent");
        assertEquals(0, FixedPoint.toScale(0, 30, 2));
        assertEquals(NOT_REPRESENTABLE, FixedPoint.toScale(1, 30, 2));
        assertEquals(NOT_REPRESENTABLE, FixedPoint.toScale(1, -30, 2));
    }

    @Test
    void cautiousRoundings()
    {
        assertEquals(-2, FixedPoint.toScaleFloor(-15, -1, 0), "a loss read floored is never smaller");
        assertEquals(1, FixedPoint.toScaleFloor(15, -1, 0));
        assertEquals(-1, FixedPoint.toScaleFloor(-1, -40, 0));
        assertEquals(2, FixedPoint.toScaleAwayFromZero(11, -1, 0), "a position read larger in magnitude");
        assertEquals(-2, FixedPoint.toScaleAwayFromZero(-11, -1, 0));
        assertEquals(1, FixedPoint.toScaleAwayFromZero(10, -1, 0));
        assertEquals(-1, FixedPoint.toScaleAwayFromZero(-3, -40, 0));
    }

    @Test
    void multiplicationAndSumsDoNotWrap()
    {
        assertEquals(NOT_REPRESENTABLE, FixedPoint.multiplyOrNotRepresentable(Long.MAX_VALUE, 2));
        assertEquals(NOT_REPRESENTABLE, FixedPoint.multiplyOrNotRepresentable(Long.MIN_VALUE / 2, 2), "MIN_VALUE is the marker");
        assertEquals(-6, FixedPoint.multiplyOrNotRepresentable(-2, 3));
        assertEquals(Long.MAX_VALUE, FixedPoint.saturatedAdd(Long.MAX_VALUE, 1));
        assertEquals(Long.MIN_VALUE + 1, FixedPoint.saturatedAdd(Long.MIN_VALUE + 1, -5));
        assertEquals(3, FixedPoint.saturatedAdd(1, 2));
    }

    @Test
    void productsCompareExactlyBeyondInt64()
    {
        assertEquals(0, FixedPoint.compareProducts(Long.MAX_VALUE, 4, 4, Long.MAX_VALUE));
        assertTrue(FixedPoint.compareProducts(Long.MAX_VALUE, 4, 3, Long.MAX_VALUE) > 0);
        assertTrue(FixedPoint.compareProducts(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE - 1) > 0);
        assertTrue(FixedPoint.compareProducts(3, 5, 4, 4) < 0);
        assertThrows(IllegalArgumentException.class, () -> FixedPoint.compareProducts(-1, 1, 1, 1));
    }
}
