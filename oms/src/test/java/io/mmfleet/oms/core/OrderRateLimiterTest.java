package io.mmfleet.oms.core;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OrderRateLimiterTest
{
    private static final long SECOND = 1_000_000_000L;

    @Test
    void theWindowSlidesRatherThanResetting()
    {
        final OrderRateLimiter limiter = new OrderRateLimiter(3, 10 * SECOND, 100);
        limiter.record(1, 0);
        limiter.record(1, 9 * SECOND);
        limiter.record(1, 9 * SECOND);
        assertFalse(limiter.wouldAccept(1, 9 * SECOND + 1));
        assertTrue(limiter.wouldAccept(1, 10 * SECOND), "the order at 0 left (0, 10 s]");
        limiter.record(1, 10 * SECOND);
        assertFalse(limiter.wouldAccept(1, 18 * SECOND), "a fixed window would have reset at 10 s; the sliding one still holds 3");
        assertTrue(limiter.wouldAccept(1, 19 * SECOND));
        assertTrue(limiter.wouldAccept(2, 9 * SECOND), "venues count apart");
    }

    @Test
    void theVenuesLimitIsScaledToThisWindow()
    {
        final OrderRateLimiter limiter = new OrderRateLimiter(1000, SECOND, 50);
        limiter.venueLimit(1, 100, 10 * SECOND);
        assertEquals(5, limiter.limit(1), "50 % of 100 per 10 s is 5 per 1 s");
        limiter.venueLimit(1, 1, 10 * SECOND);
        assertEquals(1, limiter.limit(1), "never below one order");
    }

    @Test
    void aReloadKeepsTheOrdersAlreadyInTheWindow()
    {
        final OrderRateLimiter limiter = new OrderRateLimiter(5, 10 * SECOND, 100);
        for (int i = 0; i < 4; i++)
        {
            limiter.record(1, i * SECOND);
        }
        limiter.venueLimit(1, 40, 10 * SECOND);
        limiter.reconfigure(3, 10 * SECOND, 50);
        assertEquals(3, limiter.limit(1), "min(3, 50 % of 40)");
        assertFalse(limiter.wouldAccept(1, 4 * SECOND), "the 3 most recent are still counted");
        limiter.reconfigure(100, 10 * SECOND, 50);
        assertEquals(20, limiter.limit(1), "the venue's limit is applied again");
        assertTrue(limiter.wouldAccept(1, 4 * SECOND));
        assertThrows(IllegalArgumentException.class, () -> limiter.reconfigure(0, SECOND, 50));
        assertThrows(IllegalArgumentException.class, () -> new OrderRateLimiter(1, SECOND, 101));
    }
}
