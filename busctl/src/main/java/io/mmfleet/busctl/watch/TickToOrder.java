package io.mmfleet.busctl.watch;

import java.util.Locale;

/**
 * The exec-handler's tick-to-order latency summary as its Prometheus {@code /metrics} text shows it:
 * {@code exec_handler_tick_to_order_seconds{quantile="0.5"}}, {@code 0.99} and {@code 0.999} (seconds)
 * and {@code exec_handler_tick_to_order_seconds_count} (orders measured since the exec-handler
 * started). A quantile that is missing or NaN (a summary with no observations yet) is unknown, as is
 * everything when the metric is absent or the exec-handler did not answer.
 */
record TickToOrder(double p50Seconds, double p99Seconds, double p999Seconds, long count)
{
    static final String METRIC = "exec_handler_tick_to_order_seconds";
    static final long NO_COUNT = -1;
    static final TickToOrder UNKNOWN = new TickToOrder(Double.NaN, Double.NaN, Double.NaN, NO_COUNT);

    private static final String QUANTILE_LABEL = "quantile=\"";

    /**
     * Reads the summary from a text exposition (format 0.0.4 or OpenMetrics). Only the first series of
     * the metric counts, should it ever carry more labels than the quantile; lines that do not parse
     * are skipped, never fatal.
     */
    static TickToOrder parse(final String exposition)
    {
        double p50 = Double.NaN;
        double p99 = Double.NaN;
        double p999 = Double.NaN;
        long count = NO_COUNT;
        for (final String rawLine : exposition.split("\n"))
        {
            final String line = rawLine.strip();
            if (line.isEmpty() || line.startsWith("#") || !line.startsWith(METRIC))
            {
                continue;
            }
            final String rest = line.substring(METRIC.length());
            if (rest.startsWith("_count") && count == NO_COUNT)
            {
                final double value = sampleValue(rest.substring("_count".length()));
                if (!Double.isNaN(value) && value >= 0 && value <= Long.MAX_VALUE)
                {
                    count = (long)value;
                }
            }
            else if (rest.startsWith("{"))
            {
                final int close = rest.indexOf('}');
                if (close < 0)
                {
                    continue;
                }
                final String quantile = quantile(rest.substring(1, close));
                final double value = sampleValue(rest.substring(close + 1));
                if ("0.5".equals(quantile) && Double.isNaN(p50))
                {
                    p50 = value;
                }
                else if ("0.99".equals(quantile) && Double.isNaN(p99))
                {
                    p99 = value;
                }
                else if ("0.999".equals(quantile) && Double.isNaN(p999))
                {
                    p999 = value;
                }
            }
        }
        return new TickToOrder(p50, p99, p999, count);
    }

    /** {@code quantile="0.5"} among the labels, or null. */
    private static String quantile(final String labels)
    {
        final int start = labels.indexOf(QUANTILE_LABEL);
        if (start < 0)
        {
            return null;
        }
        final int valueStart = start + QUANTILE_LABEL.length();
        final int end = labels.indexOf('"', valueStart);
        return end < 0 ? null : labels.substring(valueStart, end);
    }

    /** The value after the series name: " 1.2E-4" or " 1.2E-4 1700000000000" (with a timestamp); NaN if it does not parse. */
    private static double sampleValue(final String afterName)
    {
        if (afterName.isEmpty() || !Character.isWhitespace(afterName.charAt(0)))
        {
            return Double.NaN;
        }
        final String[] tokens = afterName.strip().split("\\s+");
        try
        {
            final double value = Double.parseDouble(tokens[0]);
            return Double.isInfinite(value) ? Double.NaN : value;
        }
        catch (final NumberFormatException ex)
        {
            return Double.NaN;
        }
    }

    /** "p50=85.3us p99=410.0us", with "n/a" for what is unknown. */
    String statusText()
    {
        return "p50=" + latency(p50Seconds) + " p99=" + latency(p99Seconds);
    }

    /** p50, p99, p99.9 and the count, or "n/a". */
    String reportText()
    {
        return "p50=" + latency(p50Seconds) + " p99=" + latency(p99Seconds) + " p99.9=" + latency(p999Seconds) +
            " over " + (count == NO_COUNT ? "n/a" : Long.toString(count)) + " orders";
    }

    static String latency(final double seconds)
    {
        if (Double.isNaN(seconds))
        {
            return "n/a";
        }
        final double micros = seconds * 1e6;
        return micros < 10_000 ? String.format(Locale.ROOT, "%.1fus", micros) : String.format(Locale.ROOT, "%.2fms", micros / 1000);
    }
}
