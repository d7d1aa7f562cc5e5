package io.mmfleet.bus.runtime;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JitteredBackoffTest
{
    @Test
    void delaysDoubleUpToTheMaximumWithinTheUpperHalfOfEachCeiling()
    {
        final JitteredBackoff backoff = new JitteredBackoff(100, 1_000, new SplittableRandom(7));
        final long[] ceilings = {100, 200, 400, 800, 1_000, 1_000, 1_000};
        for (final long ceiling : ceilings)
        {
            final long delay = backoff.nextDelayNs();
            assertTrue(delay >= ceiling / 2 && delay <= ceiling, "delay " + delay + " for ceiling " + ceiling);
        }
        assertEquals(ceilings.length, backoff.failures());
        backoff.reset();
        assertTrue(backoff.nextDelayNs() <= 100, "back to the minimum after a success");
    }

    @Test
    void theFirstAttemptAfterAResetMayGoAtOnceAndTheNextOnesBackOff()
    {
        final JitteredBackoff backoff = new JitteredBackoff(100, 1_000, new SplittableRandom(3));
        assertEquals(0, backoff.nextDelayNsFirstImmediate());
        final long second = backoff.nextDelayNsFirstImmediate();
        assertTrue(second >= 100 && second <= 200, "second attempt " + second);
        backoff.reset();
        assertEquals(0, backoff.nextDelayNsFirstImmediate());
    }

    @Test
    void delaysAreSpreadNotFixed()
    {
        final JitteredBackoff backoff = new JitteredBackoff(1_000_000, 1_000_000, new SplittableRandom(1));
        final Set<Long> delays = new HashSet<>();
        for (int i = 0; i < 20; i++)
        {
            delays.add(backoff.nextDelayNs());
        }
        assertTrue(delays.size() > 10, "jitter spreads reconnects: " + delays);
    }

    @Test
    void refusesLimitsOutOfOrder()
    {
        assertThrows(IllegalArgumentException.class, () -> new JitteredBackoff(10, 5, new SplittableRandom()));
        assertThrows(IllegalArgumentException.class, () -> new JitteredBackoff(0, 5, new SplittableRandom()));
    }
}
