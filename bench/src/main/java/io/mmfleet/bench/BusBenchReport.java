package io.mmfleet.bench;

import org.HdrHistogram.Histogram;

import java.util.List;
import java.util.Locale;

/** The results of one BusBench run and the table the README quotes. */
record BusBenchReport(BusBenchSettings settings, int messageLength, List<RateSearch.Result> throughput, List<LatencyResult> latency)
{
    String table()
    {
        final StringBuilder out = new StringBuilder();
        line(out, "mmfleet BusBench%s: BookUpdate %d+%d levels, %d-byte message + %d-byte topic; HWM %d; " +
            "sender and receiver threads in one JVM over TCP loopback; %d CPUs, Java %s",
            settings.quick() ? " --quick (smoke run, not a measurement)" : "",
            settings.levels(), settings.levels(), messageLength, BenchMessage.DATA_TOPIC.length(), settings.highWaterMark(),
            Runtime.getRuntime().availableProcessors(), Runtime.version());
        line(out, "");
        line(out, "Throughput: highest paced rate with no loss (%d ms per run; receiver idles with backoff; " +
            "bus: count matches and no sequence gap, raw: count matches)", settings.runMillis());
        line(out, "%-36s %12s %5s  %s", "path", "msgs/s", "runs", "search stopped");
        for (final RateSearch.Result result : throughput)
        {
            line(out, "%-36s %,12.0f %5d  %s %,.0f msgs/s", result.hop(), result.bestRate(), result.runs().size(),
                result.limit().description, result.limitRate());
        }
        if (throughput.size() == 2 && throughput.get(1).bestRate() > 0)
        {
            line(out, "%-36s %11.1f %%", "bus / raw", 100 * throughput.get(0).bestRate() / throughput.get(1).bestRate());
        }
        line(out, "");
        line(out, "Latency one hop, one-way (µs): %,d msgs/s, %,d msgs measured after %,d warm-up; receiver busy-spins",
            settings.latencyRate(), settings.latencyMessages(), settings.warmupMessages());
        line(out, "%-36s %9s %9s %9s %9s %9s", "path", "p50", "p99", "p99.9", "max", "received");
        for (final LatencyResult result : latency)
        {
            final Histogram h = result.histogram();
            line(out, "%-36s %9.1f %9.1f %9.1f %9.1f %9s", result.hop(),
                micros(h.getValueAtPercentile(50)), micros(h.getValueAtPercentile(99)),
                micros(h.getValueAtPercentile(99.9)), micros(h.getMaxValue()),
                result.run().received() + "/" + result.run().sent());
        }
        return out.toString();
    }

    private static double micros(final long nanos)
    {
        return nanos / 1000.0;
    }

    private static void line(final StringBuilder out, final String format, final Object... args)
    {
        out.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
