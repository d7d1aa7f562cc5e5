package io.mmfleet.positionserver;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FixedPointTest
{
    @Test
    void decimalsOfAnyExponentConvertExactly()
    {
        assertEquals(300_001_000_000L, FixedPoint.fromDecimal(300_001, -2));
        assertEquals(150_000_000L, FixedPoint.fromDecimal(15_000, -4));
        assertEquals(1_234_567L, FixedPoint.fromDecimal(123_456_700, -10), "trailing zeros beyond the scale are exact");
        assertEquals(500_000_000L, FixedPoint.fromDecimal(5, 0));
        assertEquals(-700_000_000_000L, FixedPoint.fromDecimal(-7, 3));
        assertEquals(0, FixedPoint.fromDecimal(0, -30));
    }

    @Test
    void aValueThatWouldLoseDigitsOrOverflowIsRefused()
    {
        final IllegalArgumentException fine = assertThrows(IllegalArgumentException.class, () -> FixedPoint.fromDecimal(123_456_789, -9));
        assertEquals("123456789e-9 has more than 8 decimals", fine.getMessage());
        assertThrows(ArithmeticException.class, () -> FixedPoint.fromDecimal(Long.MAX_VALUE / 10 + 1, -7));
        assertThrows(ArithmeticException.class, () -> FixedPoint.fromDecimal(1, 12));
        assertThrows(IllegalArgumentException.class, () -> FixedPoint.fromBigDecimal(new BigDecimal("0.000000001")));
        assertEquals(10_000L, FixedPoint.fromBigDecimal(new BigDecimal("0.000100000")));
    }

    @Test
    void mulDivRoundsHalfToEven()
    {
        assertEquals(2, FixedPoint.mulDiv(5, 1, 2), "2.5 -> 2");
        assertEquals(4, FixedPoint.mulDiv(7, 1, 2), "3.5 -> 4");
        assertEquals(-2, FixedPoint.mulDiv(-5, 1, 2), "-2.5 -> -2");
        assertEquals(-4, FixedPoint.mulDiv(-7, 1, 2), "-3.5 -> -4");
        assertEquals(3, FixedPoint.mulDiv(8, 1, 3), "2.67 -> 3");
        assertEquals(-3, FixedPoint.mulDiv(-8, 1, 3), "-2.67 -> -3");
        assertEquals(33_333_333L, FixedPoint.mulDiv(100_000_000L, 100_000_000L, 300_000_000L));
    }

    @Test
    void mulDivIsExactWhenTheProductExceedsALong()
    {
        // 30000 * 1000 = 3e7 quote, through a product of 3e12 * 1e11 = 3e23 mantissa units.
        assertEquals(TestFills.units("30000000"), FixedPoint.notional(TestFills.units("30000"), TestFills.units("1000")));
        // (2^62 + 1) * 3 / 2 = 3 * 2^61 + 1.5, past a long in between: half way rounds to the even neighbour.
        assertEquals(6917529027641081858L, FixedPoint.mulDiv((1L << 62) + 1, 3, 2));
        assertEquals(-6917529027641081858L, FixedPoint.mulDiv(-(1L << 62) - 1, 3, 2));
        assertThrows(ArithmeticException.class, () -> FixedPoint.notional(TestFills.units("90000000000"), TestFills.units("1000")));
        assertThrows(ArithmeticException.class, () -> FixedPoint.mulDiv(1, 1, 0));
    }

    @Test
    void mulDivAgreesWithBigDecimalEverywhere()
    {
        final SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 50_000; i++)
        {
            final long a = sample(random);
            final long b = sample(random);
            final long divisor = Math.max(1, Math.abs(sample(random)));
            final BigInteger exact = new BigDecimal(BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)))
                .divide(BigDecimal.valueOf(divisor), 0, RoundingMode.HALF_EVEN).toBigIntegerExact();
            if (exact.bitLength() < 64 && a != Long.MIN_VALUE && b != Long.MIN_VALUE)
            {
                assertEquals(exact.longValueExact(), FixedPoint.mulDiv(a, b, divisor), a + " * " + b + " / " + divisor);
            }
            else
            {
                assertThrows(ArithmeticException.class, () -> FixedPoint.mulDiv(a, b, divisor), a + " * " + b + " / " + divisor);
            }
        }
        assertEquals(Long.MAX_VALUE, FixedPoint.mulDiv(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE));
        assertEquals(-Long.MAX_VALUE, FixedPoint.mulDiv(-Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE));
        assertThrows(ArithmeticException.class, () -> FixedPoint.mulDiv(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE - 1));
        assertThrows(ArithmeticException.class, () -> FixedPoint.mulDiv(Long.MAX_VALUE, Long.MAX_VALUE, 1));
    }

    /** Magnitudes spread over every bit length, both signs, and the edges. */
    private static long sample(final SplittableRandom random)
    {
        switch (random.nextInt(12))
        {
            case 0:
                return Long.MAX_VALUE - random.nextInt(3);
            case 1:
                return Long.MIN_VALUE + random.nextInt(3);
            case 2:
                return random.nextInt(-3, 4);
            default:
                final long magnitude = random.nextLong() >>> random.nextInt(64);
                return random.nextBoolean() ? magnitude : -magnitude;
        }
    }

    @Test
    void formatsPlainDecimals()
    {
        assertEquals("-1.5", FixedPoint.format(-150_000_000L));
        assertEquals("0", FixedPoint.format(0));
        assertEquals("0.00000001", FixedPoint.format(1));
        assertEquals("3000.01", FixedPoint.format(300_001_000_000L, 2));
    }
}
