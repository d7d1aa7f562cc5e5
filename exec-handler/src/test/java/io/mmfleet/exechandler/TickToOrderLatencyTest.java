package io.mmfleet.exechandler;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tick-to-order recorder: what counts, what is clamped, the summary's text, no allocation per sample. */
class TickToOrderLatencyTest
{
    private static final long NOW_NS = 1_763_700_000_000_000_000L;

    /** A clock the test sets. */
    private static final class TestClock implements org.agrona.concurrent.EpochNanoClock
    {
        volatile long now = NOW_NS;

        @Override
        public long nanoTime()
        {
            return now;
        }
    }

    private final TestClock clock = new TestClock();
    private final TickToOrderLatency latency = new TickToOrderLatency(clock);

    @Test
    void recordsSendTimeMinusOriginAndIgnoresCommandsWithoutOne()
    {
        latency.accept(NOW_NS - 250_000);
        latency.accept(NOW_NS - 1_000_000);
        latency.accept(0);

        final Histogram total = latency.total();
        assertEquals(2, total.getTotalCount());
        assertTrue(total.valuesAreEquivalent(250_000, total.getMinValue()), "min " + total.getMinValue());
        assertTrue(total.valuesAreEquivalent(1_000_000, total.getMaxValue()), "max " + total.getMaxValue());
    }

    @Test
    void anOriginInTheFutureCountsAsZeroAndOneBeyondAnHourAsAnHour()
    {
        latency.accept(NOW_NS + 5_000_000);
        latency.accept(NOW_NS - TimeUnit.DAYS.toNanos(2));

        final Histogram total = latency.total();
        assertEquals(2, total.getTotalCount());
        assertEquals(0, total.getMinValue());
        assertTrue(total.valuesAreEquivalent(TickToOrderLatency.HIGHEST_TRACKABLE_NS, total.getMaxValue()), "max " + total.getMaxValue());
    }

    @Test
    void theSummaryIsCumulativeAcrossScrapes() throws IOException
    {
        final PrometheusRegistry registry = new PrometheusRegistry();
        latency.register(registry);

        final String empty = scrape(registry);
        assertTrue(empty.contains("exec_handler_tick_to_order_seconds_count 0\n"), empty);

        for (int i = 1; i <= 1000; i++)
        {
            latency.accept(NOW_NS - i * 1_000_000L);
        }
        final String first = scrape(registry);
        latency.accept(NOW_NS - 2_000_000_000L);
        final String second = scrape(registry);

        assertTrue(first.contains("# TYPE exec_handler_tick_to_order_seconds summary\n"), first);
        assertEquals(1000, (long)value(first, "exec_handler_tick_to_order_seconds_count"));
        assertEquals(0.5, value(first, "exec_handler_tick_to_order_seconds{quantile=\"0.5\"}"), 0.001);
        assertEquals(0.99, value(first, "exec_handler_tick_to_order_seconds{quantile=\"0.99\"}"), 0.001);
        assertEquals(0.999, value(first, "exec_handler_tick_to_order_seconds{quantile=\"0.999\"}"), 0.001);
        // Sum of 1..1000 ms is 500.5 s, to the histogram's 3 significant digits.
        assertEquals(500.5, value(first, "exec_handler_tick_to_order_seconds_sum"), 0.5);

        assertEquals(1001, (long)value(second, "exec_handler_tick_to_order_seconds_count"));
        // The 1,000th of 1,001 samples: the 2 s one is beyond the 0.999 quantile.
        assertEquals(1.0, value(second, "exec_handler_tick_to_order_seconds{quantile=\"0.999\"}"), 0.002);
        assertEquals(502.5, value(second, "exec_handler_tick_to_order_seconds_sum"), 0.5);
    }

    /**
     * Before the first order there is no latency: the quantiles are NaN (Prometheus's "no observation"),
     * which busctl watch shows as n/a — not 0, which reads as a zero-latency fleet.
     */
    @Test
    void beforeAnyOrderTheQuantilesAreUnknownNotZero() throws IOException
    {
        final PrometheusRegistry registry = new PrometheusRegistry();
        latency.register(registry);

        final String empty = scrape(registry);

        assertEquals(0, (long)value(empty, "exec_handler_tick_to_order_seconds_count"), empty);
        for (final String quantile : List.of("0.5", "0.99", "0.999"))
        {
            final double value = value(empty, "exec_handler_tick_to_order_seconds{quantile=\"" + quantile + "\"}");
            assertTrue(Double.isNaN(value), "quantile " + quantile + " of no order: " + value + "\n" + empty);
        }

        latency.accept(NOW_NS - 2_000);
        assertEquals(0.000002, value(scrape(registry), "exec_handler_tick_to_order_seconds{quantile=\"0.5\"}"), 1e-8);
    }

    @Test
    void scrapesWhileTheLoopRecordsLoseNothing() throws Exception
    {
        final PrometheusRegistry registry = new PrometheusRegistry();
        latency.register(registry);
        final AtomicBoolean done = new AtomicBoolean();
        final Thread scraper = new Thread(() ->
        {
            while (!done.get())
            {
                latency.total();
            }
        });
        scraper.start();
        for (int i = 0; i < 200_000; i++)
        {
            latency.accept(NOW_NS - 1_000 - i);
        }
        done.set(true);
        scraper.join();

        assertEquals(200_000, (long)value(scrape(registry), "exec_handler_tick_to_order_seconds_count"));
    }

    @Test
    void recordingAllocatesNothing()
    {
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 20_000; i++)
        {
            latency.accept(NOW_NS - i);
        }
        final long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 100_000; i++)
        {
            latency.accept(NOW_NS - 1_000L * i);
        }
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        // Less than one byte a sample: any object per sample would be at least 16.
        assertTrue(allocated < 100_000, allocated + " bytes allocated by 100,000 samples");
        assertEquals(120_000, latency.total().getTotalCount());
    }

    @Test
    void describesTheRunOnOneLine()
    {
        latency.accept(NOW_NS - 1_500);

        final String line = latency.describe();

        assertTrue(line.startsWith("count=1 p50_us=1.5 p90_us=1.5 p99_us=1.5 p99_9_us=1.5 max_us=1.5 mean_us=1.5"), line);
    }

    private static String scrape(final PrometheusRegistry registry) throws IOException
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, registry.scrape());
        return out.toString(StandardCharsets.UTF_8);
    }

    private static double value(final String metrics, final String series)
    {
        for (final String line : metrics.split("\n"))
        {
            if (line.startsWith(series + " "))
            {
                return Double.parseDouble(line.substring(series.length() + 1));
            }
        }
        throw new AssertionError("no " + series + " in\n" + metrics);
    }
}
