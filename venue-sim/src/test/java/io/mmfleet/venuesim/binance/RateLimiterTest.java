package io.mmfleet.venuesim.binance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest
{
    private final AtomicLong clock = new AtomicLong(1_700_000_000_000L);

    @Test
    void weightOverTheMinuteIs429ThenBannedWith418()
    {
        final RequestWeightLimiter limiter =
            new RequestWeightLimiter(new RateLimitConfig(10, 5, 100, 1, Duration.ofMinutes(2)), clock::get);
        assertEquals(10, limiter.admit("1.2.3.4", 10));
        final BinanceException first = assertThrows(BinanceException.class, () -> limiter.admit("1.2.3.4", 1));
        assertEquals(429, first.error().httpStatus());
        assertEquals(-1003, first.error().code());
        assertEquals(1_700_000_040_000L, first.error().retryAfterMs());
        final BinanceException banned = assertThrows(BinanceException.class, () -> limiter.admit("1.2.3.4", 1));
        assertEquals(418, banned.error().httpStatus());
        assertEquals(clock.get() + 120_000, banned.error().retryAfterMs());
        assertEquals(1, limiter.admit("5.6.7.8", 1), "another IP is not affected");

        clock.addAndGet(61_000);
        assertEquals(418, assertThrows(BinanceException.class, () -> limiter.admit("1.2.3.4", 1)).error().httpStatus(),
            "the ban outlives the minute");
        clock.addAndGet(60_000);
        assertEquals(1, limiter.admit("1.2.3.4", 1));
    }

    @Test
    void weightResetsAtTheMinuteBoundary()
    {
        final RequestWeightLimiter limiter =
            new RequestWeightLimiter(new RateLimitConfig(10, 5, 100, 3, Duration.ofMinutes(2)), clock::get);
        limiter.admit("ip", 9);
        clock.addAndGet(40_000);
        assertEquals(1, limiter.admit("ip", 1));
        assertEquals(1, limiter.used("ip"));
    }

    @Test
    void ordersPer10sAndPerDay()
    {
        final OrderCountLimiter limiter =
            new OrderCountLimiter(new RateLimitConfig(100, 2, 3, 1, Duration.ofMinutes(2)), clock::get);
        assertArrayEquals(new long[] {1, 1}, limiter.admit(7));
        assertArrayEquals(new long[] {2, 2}, limiter.admit(7));
        final BinanceException tenSeconds = assertThrows(BinanceException.class, () -> limiter.admit(7));
        assertEquals(-1015, tenSeconds.error().code());
        assertEquals("Too many new orders; current limit is 2 orders per 10 SECOND.", tenSeconds.error().msg());
        clock.addAndGet(10_000);
        final BinanceException day = assertThrows(BinanceException.class, () -> limiter.admit(7));
        assertEquals("Too many new orders; current limit is 3 orders per 1 DAY.", day.error().msg());
        assertArrayEquals(new long[] {1, 1}, limiter.admit(8));
    }
}
