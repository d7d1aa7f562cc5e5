package io.mmfleet.bench;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The results of one fleet latency run and the table the README quotes: exec-handler's tick-to-order
 * distribution beside three plain TCP hops timed in the same run, at the same message rate.
 *
 * @param bookUpdatesPerSecond BookUpdates quote-server published per second during the run.
 * @param tickToOrder          exec-handler's distribution, market-maker start to stop.
 * @param origins              what caused the new orders, read off the bus over the same span.
 * @param loadAverages         the machine's 1-minute load average at the start and at the end of the run ("" where unknown).
 * @param tcp                  the TCP chain's run and its one-way latencies (ns).
 */
record FleetLatencyReport(
    FleetLatencySettings settings, double bookUpdatesPerSecond, TickToOrderSummary tickToOrder, OriginCensus.Counts origins, LatencyResult tcp,
    String loadAverages)
{
    String table()
    {
        final StringBuilder out = new StringBuilder();
        line(out, "mmfleet fleet latency: %d s; venue-sim synthetic ETHUSDT market at %d updates/s (MARKET_TICK %s), quote-server " +
            "published %.1f BookUpdates/s", settings.duration().toSeconds(), settings.rate(), settings.marketTick(), bookUpdatesPerSecond);
        line(out, "%d CPUs for venue-sim, 5 daemon JVMs and the TCP chain, shared with whatever else runs (load average %s); every " +
            "daemon and the TCP relays idle with %s (IDLE_SLEEP %s); daemon heaps -Xmx%s; Java %s", Runtime.getRuntime().availableProcessors(),
            loadAverages, settings.idleStrategy(), settings.idleSleepText(), settings.heap(), Runtime.version());
        line(out, "");
        line(out, "%-62s %9s %9s %9s %9s %7s", "one-way latency (µs)", "p50", "p99", "p99.9", "max", "count");
        line(out, "%-62s %9.1f %9.1f %9.1f %9.1f %7d", "tick-to-order: originNs -> exec-handler's order.place send",
            tickToOrder.p50Us(), tickToOrder.p99Us(), tickToOrder.p999Us(), tickToOrder.maxUs(), tickToOrder.count());
        final Histogram h = tcp.histogram();
        line(out, "%-62s %9.1f %9.1f %9.1f %9.1f %7d", tcp.hop() + " at " + tcp.run().targetRate() + "/s",
            micros(h.getValueAtPercentile(50)), micros(h.getValueAtPercentile(99)), micros(h.getValueAtPercentile(99.9)),
            micros(h.getMaxValue()), h.getTotalCount());
        line(out, "");
        final long total = Math.max(1, origins.total());
        line(out, "The new orders' originNs, from the bus (%d OrderCommand NEW): market data at quote-server %d (%.0f %%), a venue reply at " +
            "exec-handler (fill, order ended by the venue) %d (%.0f %%), none (market-maker timer: the bus stamps the send) %d (%.0f %%)",
            origins.total(), origins.marketData(), 100.0 * origins.marketData() / total, origins.venueReply(),
            100.0 * origins.venueReply() / total, origins.timer(), 100.0 * origins.timer() / total);
        return out.toString();
    }

    /** The 1-minute load average now, from /proc/loadavg; "?" where there is none. */
    static String loadAverage()
    {
        try
        {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        }
        catch (final IOException | RuntimeException ex)
        {
            return "?";
        }
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
