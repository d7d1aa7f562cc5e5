package io.mmfleet.bus;

import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.OffsetEpochNanoClock;

/**
 * Epoch nanoseconds from {@link System#nanoTime()} plus an offset anchored once against the wall
 * clock, so reading it costs one nanoTime call and never jumps with NTP slews. {@link #recalibrate}
 * (called by the daemon's duty cycle about once a second) re-anchors only when the monotonic clock
 * has drifted from the wall clock by more than the configured bound; across hosts, chrony/PTP keep
 * the wall clocks together.
 */
public final class EpochClock implements EpochNanoClock
{
    /** Default drift bound before re-anchoring: 100 µs. */
    public static final long DEFAULT_MAX_DRIFT_NS = 100_000;

    private final long maxDriftNs;
    private final OffsetEpochNanoClock clock = new OffsetEpochNanoClock();
    private long recalibrations;

    public EpochClock()
    {
        this(DEFAULT_MAX_DRIFT_NS);
    }

    public EpochClock(final long maxDriftNs)
    {
        this.maxDriftNs = maxDriftNs;
    }

    @Override
    public long nanoTime()
    {
        return clock.nanoTime();
    }

    /**
     * Compares with the wall clock (microsecond resolution on Linux) and re-anchors if the drift
     * exceeds the bound.
     *
     * @return the measured drift in ns (ours minus wall clock) before any re-anchoring.
     */
    public long recalibrate()
    {
        final java.time.Instant now = java.time.Instant.now();
        final long wallNs = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        final long drift = clock.nanoTime() - wallNs;
        if (Math.abs(drift) > maxDriftNs)
        {
            clock.sample();
            recalibrations++;
        }
        return drift;
    }

    public long recalibrations()
    {
        return recalibrations;
    }
}
