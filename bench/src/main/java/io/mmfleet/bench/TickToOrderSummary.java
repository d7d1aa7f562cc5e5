package io.mmfleet.bench;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * exec-handler's tick-to-order distribution as it logs it when it stops
 * ({@code event=tick_to_order_latency count=.. p50_us=.. p90_us=.. p99_us=.. p99_9_us=.. max_us=..}).
 */
record TickToOrderSummary(long count, double p50Us, double p90Us, double p99Us, double p999Us, double maxUs)
{
    private static final Pattern LINE = Pattern.compile("event=tick_to_order_latency count=(\\d+) p50_us=([0-9.]+) p90_us=([0-9.]+) " +
        "p99_us=([0-9.]+) p99_9_us=([0-9.]+) max_us=([0-9.]+)");

    /**
     * @param log exec-handler's output.
     * @throws IllegalArgumentException if the log has no such line (exec-handler did not stop cleanly).
     */
    static TickToOrderSummary parse(final String log)
    {
        final Matcher m = LINE.matcher(log);
        TickToOrderSummary last = null;
        while (m.find())
        {
            last = new TickToOrderSummary(Long.parseLong(m.group(1)), Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3)),
                Double.parseDouble(m.group(4)), Double.parseDouble(m.group(5)), Double.parseDouble(m.group(6)));
        }
        if (last == null)
        {
            throw new IllegalArgumentException("exec-handler logged no event=tick_to_order_latency line (did it stop cleanly?)");
        }
        return last;
    }
}
