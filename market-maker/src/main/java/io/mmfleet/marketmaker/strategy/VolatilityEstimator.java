package io.mmfleet.marketmaker.strategy;

/**
 * σ of the mid price in price units per √second, from an exponentially weighted mean of squared mid
 * changes per second.
 *
 * <p>The mid is sampled at most once per {@code sampleIntervalNs}: a sample is {@code Δmid² / Δt}
 * (Δt in seconds, the actual time since the previous sample), whose expectation is σ² for a
 * Brownian mid however irregular the spacing. Sampling on an interval rather than on every book
 * keeps a burst of one-tick flickers from reading as volatility. The first {@code warmupSamples}
 * samples are averaged plainly (no estimate until then: {@link #hasEstimate()} is false and
 * {@link #sigma()} NaN); afterwards each sample moves the variance by {@code alpha × (sample − variance)}.
 * {@link #reset()} (market data went stale) starts the warm-up again, since a mid across a gap
 * says nothing about the volatility now.
 */
public final class VolatilityEstimator
{
    private static final double NANOS_PER_SECOND = 1e9;

    private double alpha;
    private long sampleIntervalNs;
    private int warmupSamples;
    private boolean anchored;
    private double anchorMid;
    private long anchorNs;
    private long samples;
    private double variance;

    /**
     * @param alpha            EWMA weight of a new sample, in (0, 1].
     * @param sampleIntervalNs least time between samples, > 0.
     * @param warmupSamples    samples averaged before the first estimate, >= 1.
     */
    public VolatilityEstimator(final double alpha, final long sampleIntervalNs, final int warmupSamples)
    {
        reconfigure(alpha, sampleIntervalNs, warmupSamples);
    }

    /**
     * New parameters (a reload) for the samples to come; the estimate so far is kept, and counts as
     * warmed up if it already holds the new number of warm-up samples.
     */
    public void reconfigure(final double alpha, final long sampleIntervalNs, final int warmupSamples)
    {
        if (!(alpha > 0 && alpha <= 1))
        {
            throw new IllegalArgumentException("alpha must be in (0, 1], got " + alpha);
        }
        if (sampleIntervalNs <= 0 || warmupSamples < 1)
        {
            throw new IllegalArgumentException("sample interval must be > 0 and warm-up >= 1, got " +
                sampleIntervalNs + "ns and " + warmupSamples);
        }
        this.alpha = alpha;
        this.sampleIntervalNs = sampleIntervalNs;
        this.warmupSamples = warmupSamples;
    }

    /**
     * A mid observation in price units at {@code nowNs}. A time before the previous sample (a clock
     * step) restarts the anchor without a sample; a non-finite or non-positive mid is ignored.
     *
     * @return true if this observation made a new sample.
     */
    public boolean onMid(final double mid, final long nowNs)
    {
        if (!(mid > 0) || Double.isInfinite(mid))
        {
            return false;
        }
        if (!anchored || nowNs < anchorNs)
        {
            anchor(mid, nowNs);
            return false;
        }
        final long elapsedNs = nowNs - anchorNs;
        if (elapsedNs < sampleIntervalNs)
        {
            return false;
        }
        final double change = mid - anchorMid;
        final double sample = change * change / (elapsedNs / NANOS_PER_SECOND);
        samples++;
        if (samples <= warmupSamples)
        {
            variance += (sample - variance) / samples;
        }
        else
        {
            variance += alpha * (sample - variance);
        }
        anchor(mid, nowNs);
        return true;
    }

    /** True once the warm-up samples are in. */
    public boolean hasEstimate()
    {
        return samples >= warmupSamples;
    }

    /** σ in price units per √second, NaN during the warm-up. */
    public double sigma()
    {
        return hasEstimate() ? Math.sqrt(variance) : Double.NaN;
    }

    /** Samples taken since the start or the last reset. */
    public long samples()
    {
        return samples;
    }

    /** Forgets everything: the warm-up starts again with the next mid. */
    public void reset()
    {
        anchored = false;
        samples = 0;
        variance = 0;
    }

    private void anchor(final double mid, final long nowNs)
    {
        anchored = true;
        anchorMid = mid;
        anchorNs = nowNs;
    }
}
