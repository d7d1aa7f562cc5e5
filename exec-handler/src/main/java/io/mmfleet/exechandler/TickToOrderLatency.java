package io.mmfleet.exechandler;

import io.prometheus.metrics.core.metrics.SummaryWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Quantile;
import io.prometheus.metrics.model.snapshots.Quantiles;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;
import org.agrona.concurrent.EpochNanoClock;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * Tick-to-order latency: for each new order handed to the venue socket, the epoch time of the
 * hand-off minus the originNs its command carried (when the venue event that caused it entered the
 * fleet: a market data frame at quote-server, or a venue reply at the exec-handler). Commands with
 * no origin (0) are not counted.
 *
 * <p>The event loop records into a {@link SingleWriterRecorder} (wait-free, no allocation); a scrape
 * on the HTTP thread swaps its interval histogram out and adds it to the total, so the loop never
 * writes a histogram another thread reads. The total is cumulative since start and exported as the
 * Prometheus summary {@value #METRIC} (quantiles 0.5, 0.99, 0.999; {@code _sum} to the histogram's
 * 3 significant digits; the quantiles are NaN until the first order).
 */
public final class TickToOrderLatency implements LongConsumer
{
    public static final String METRIC = "exec_handler_tick_to_order_seconds";
    /** Larger values (an origin stamped by a clock far off, or garbage) are recorded as this: an hour. */
    static final long HIGHEST_TRACKABLE_NS = TimeUnit.HOURS.toNanos(1);
    private static final int SIGNIFICANT_DIGITS = 3;
    private static final double[] QUANTILES = {0.5, 0.99, 0.999};
    private static final double NANOS_PER_SECOND = 1e9;

    private final EpochNanoClock clock;
    private final SingleWriterRecorder recorder = new SingleWriterRecorder(1, HIGHEST_TRACKABLE_NS, SIGNIFICANT_DIGITS);
    // Both guarded by this: only readers touch them, one at a time.
    private final Histogram total = new Histogram(1, HIGHEST_TRACKABLE_NS, SIGNIFICANT_DIGITS);
    private Histogram interval;

    /** @param clock the daemon's epoch clock: the one originNs values are stamped with across the fleet. */
    public TickToOrderLatency(final EpochNanoClock clock)
    {
        this.clock = clock;
    }

    /**
     * Event loop: an order.place frame for a command with this originNs was just handed to the
     * socket. Allocation-free.
     */
    @Override
    public void accept(final long originNs)
    {
        if (originNs == 0)
        {
            return;
        }
        final long latencyNs = clock.nanoTime() - originNs;
        // An origin in the future is a clock disagreement across hosts (or a bad stamp): kept visible as 0.
        recorder.recordValue(Math.min(Math.max(0, latencyNs), HIGHEST_TRACKABLE_NS));
    }

    /** Any thread: a copy of every latency recorded since start, in ns. */
    public synchronized Histogram total()
    {
        collect();
        return total.copy();
    }

    /** Registers the summary; its quantiles are computed when scraped. */
    public void register(final PrometheusRegistry registry)
    {
        SummaryWithCallback.builder()
            .name(METRIC)
            .help("Epoch time an order.place frame was handed to the venue socket minus its command's originNs")
            .callback(callback ->
            {
                final Histogram snapshot = total();
                final long count = snapshot.getTotalCount();
                final Quantile[] quantiles = new Quantile[QUANTILES.length];
                for (int i = 0; i < QUANTILES.length; i++)
                {
                    // An empty histogram answers 0 for every percentile: before the first order the
                    // quantiles are unknown (NaN, as Prometheus summaries say it), not a 0 s latency.
                    quantiles[i] = new Quantile(QUANTILES[i], count == 0 ? Double.NaN : seconds(snapshot.getValueAtPercentile(100 * QUANTILES[i])));
                }
                callback.call(count, count * snapshot.getMean() / NANOS_PER_SECOND, Quantiles.of(quantiles));
            })
            .register(registry);
    }

    /** One log line's worth: count, percentiles and max in µs, as key=value pairs. */
    public String describe()
    {
        final Histogram snapshot = total();
        return String.format(Locale.ROOT, "count=%d p50_us=%.1f p90_us=%.1f p99_us=%.1f p99_9_us=%.1f max_us=%.1f mean_us=%.1f",
            snapshot.getTotalCount(), micros(snapshot.getValueAtPercentile(50)), micros(snapshot.getValueAtPercentile(90)),
            micros(snapshot.getValueAtPercentile(99)), micros(snapshot.getValueAtPercentile(99.9)), micros(snapshot.getMaxValue()),
            snapshot.getMean() / 1000);
    }

    private void collect()
    {
        interval = recorder.getIntervalHistogram(interval);
        total.add(interval);
    }

    private static double seconds(final long nanos)
    {
        return nanos / NANOS_PER_SECOND;
    }

    private static double micros(final long nanos)
    {
        return nanos / 1000.0;
    }
}
