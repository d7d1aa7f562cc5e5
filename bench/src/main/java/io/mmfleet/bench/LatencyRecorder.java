package io.mmfleet.bench;

import org.HdrHistogram.Histogram;
import org.agrona.concurrent.EpochNanoClock;

import java.util.function.LongConsumer;

/** Records one-way latency (receive time minus the message's send time) of every message after a warm-up. */
final class LatencyRecorder implements LongConsumer
{
    private final EpochNanoClock clock;
    private final long warmupMessages;
    private final Histogram histogram = new Histogram(3);
    private long seen;

    LatencyRecorder(final EpochNanoClock clock, final long warmupMessages)
    {
        this.clock = clock;
        this.warmupMessages = warmupMessages;
        histogram.setAutoResize(true);
    }

    @Override
    public void accept(final long sendNs)
    {
        final long latencyNs = clock.nanoTime() - sendNs;
        if (seen++ >= warmupMessages)
        {
            // Both ends read the same clock; a negative value can only be a torn timestamp, kept visible as 0.
            histogram.recordValue(Math.max(0, latencyNs));
        }
    }

    Histogram histogram()
    {
        return histogram;
    }
}
