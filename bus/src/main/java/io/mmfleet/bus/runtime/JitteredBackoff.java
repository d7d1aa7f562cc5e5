package io.mmfleet.bus.runtime;

import java.util.random.RandomGenerator;

/**
 * Reconnect delays: a ceiling doubling from the minimum to the maximum with each failure, and a
 * delay drawn uniformly from the upper half of it, so a fleet that lost the venue at once does not
 * come back at once.
 */
public final class JitteredBackoff
{
    private final RandomGenerator random;
    private long minNs;
    private long maxNs;
    private int failures;

    public JitteredBackoff(final long minNs, final long maxNs, final RandomGenerator random)
    {
        this.random = random;
        limits(minNs, maxNs);
    }

    public void limits(final long minNs, final long maxNs)
    {
        if (minNs <= 0 || maxNs < minNs)
        {
            throw new IllegalArgumentException("need 0 < min <= max: " + minNs + ", " + maxNs);
        }
        this.minNs = minNs;
        this.maxNs = maxNs;
    }

    /** The delay before the next attempt; each call counts one more failure. */
    public long nextDelayNs()
    {
        long ceiling = minNs;
        for (int i = 0; i < failures && ceiling < maxNs; i++)
        {
            ceiling = Math.min(maxNs, ceiling * 2);
        }
        failures++;
        final long half = ceiling / 2;
        return half + (ceiling - half == 0 ? 0 : random.nextLong(ceiling - half + 1));
    }

    /**
     * Like {@link #nextDelayNs()}, except that the first attempt since the last {@link #reset()} goes
     * at once: a single failure costs no wait, a string of them backs off.
     */
    public long nextDelayNsFirstImmediate()
    {
        if (failures == 0)
        {
            failures++;
            return 0;
        }
        return nextDelayNs();
    }

    /** A connection worked: start again from the minimum. */
    public void reset()
    {
        failures = 0;
    }

    public int failures()
    {
        return failures;
    }
}
