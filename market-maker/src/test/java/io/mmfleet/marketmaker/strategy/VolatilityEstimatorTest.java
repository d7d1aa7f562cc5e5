package io.mmfleet.marketmaker.strategy;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VolatilityEstimatorTest
{
    private static final long SECOND = 1_000_000_000L;

    @Test
    void warmsUpThenFollowsAnEwmaOfSquaredChangesPerSecond()
    {
        final VolatilityEstimator estimator = new VolatilityEstimator(0.5, SECOND, 2);
        assertFalse(estimator.onMid(100.00, 0));
        assertFalse(estimator.hasEstimate());
        assertTrue(Double.isNaN(estimator.sigma()));

        // sample 1: Δ = 0.5 over 1 s → 0.25/s; warm-up mean 0.25, no estimate yet.
        assertTrue(estimator.onMid(100.50, SECOND));
        assertFalse(estimator.hasEstimate());
        // 0.5 s after the last sample: inside the interval, no sample.
        assertFalse(estimator.onMid(101.50, SECOND + SECOND / 2));

        // sample 2: Δ = 99.50 − 100.50 = −1.0 over 2 s → 1.0/2 = 0.5/s; warm-up mean (0.25 + 0.5)/2 = 0.375.
        assertTrue(estimator.onMid(99.50, 3 * SECOND));
        assertTrue(estimator.hasEstimate());
        assertEquals(Math.sqrt(0.375), estimator.sigma(), 1e-12); // 0.6123724...

        // sample 3 (EWMA): Δ = 0 → 0; variance 0.375 + 0.5 × (0 − 0.375) = 0.1875; σ = 0.4330127...
        assertTrue(estimator.onMid(99.50, 4 * SECOND));
        assertEquals(Math.sqrt(0.1875), estimator.sigma(), 1e-12);
        assertEquals(0.4330127018922193, estimator.sigma(), 1e-12);
        assertEquals(3, estimator.samples());
    }

    @Test
    void resetStartsTheWarmUpAgain()
    {
        final VolatilityEstimator estimator = new VolatilityEstimator(0.1, SECOND, 1);
        estimator.onMid(100, 0);
        estimator.onMid(101, SECOND);
        assertEquals(1.0, estimator.sigma(), 1e-12);
        estimator.reset();
        assertFalse(estimator.hasEstimate());
        // The first mid after a reset only anchors: a change across the gap is no sample.
        assertFalse(estimator.onMid(150, 100 * SECOND));
        assertTrue(estimator.onMid(150, 101 * SECOND));
        assertEquals(0.0, estimator.sigma(), 1e-12);
    }

    @Test
    void aReloadKeepsTheEstimate()
    {
        final VolatilityEstimator estimator = new VolatilityEstimator(0.5, SECOND, 3);
        estimator.onMid(100, 0);
        estimator.onMid(101, SECOND);
        estimator.onMid(101, 2 * SECOND);
        assertFalse(estimator.hasEstimate());
        // Warm-up 3 → 2: the two samples in hand (1.0 and 0: mean 0.5) are enough.
        estimator.reconfigure(0.5, SECOND, 2);
        assertEquals(Math.sqrt(0.5), estimator.sigma(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> estimator.reconfigure(2, SECOND, 2));
        assertEquals(Math.sqrt(0.5), estimator.sigma(), 1e-12, "a refused reload changes nothing");
    }

    @Test
    void badInputIsIgnoredAndAClockStepReAnchors()
    {
        final VolatilityEstimator estimator = new VolatilityEstimator(0.5, SECOND, 1);
        estimator.onMid(100, 10 * SECOND);
        assertFalse(estimator.onMid(Double.NaN, 12 * SECOND));
        assertFalse(estimator.onMid(-1, 12 * SECOND));
        assertFalse(estimator.onMid(Double.POSITIVE_INFINITY, 12 * SECOND));
        assertFalse(estimator.onMid(200, 5 * SECOND), "a time before the anchor re-anchors without a sample");
        assertTrue(estimator.onMid(202, 6 * SECOND));
        assertEquals(2.0, estimator.sigma(), 1e-12); // Δ = 2 over 1 s: √(4/1)
        assertThrows(IllegalArgumentException.class, () -> new VolatilityEstimator(0, SECOND, 1));
        assertThrows(IllegalArgumentException.class, () -> new VolatilityEstimator(1.5, SECOND, 1));
        assertThrows(IllegalArgumentException.class, () -> new VolatilityEstimator(0.5, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new VolatilityEstimator(0.5, SECOND, 0));
    }
}
