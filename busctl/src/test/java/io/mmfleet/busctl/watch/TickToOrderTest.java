package io.mmfleet.busctl.watch;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Summary;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tick-to-order scrape against the exec-handler's exposition text, and the exact decimal text of the report. */
class TickToOrderTest
{
    /** As the exec-handler's /metrics shows it (text format 0.0.4), among its other metrics. */
    /** An exec-handler /metrics page with the tick-to-order summary (WatchProcessTest serves it too). */
    static final String CANNED = """
        # HELP exec_handler_commands_total Order commands taken
        # TYPE exec_handler_commands_total counter
        exec_handler_commands_total 412.0
        # HELP exec_handler_tick_to_order_seconds Venue message arrival at quote-server to the order's send to the venue
        # TYPE exec_handler_tick_to_order_seconds summary
        exec_handler_tick_to_order_seconds{quantile="0.5"} 8.5E-5
        exec_handler_tick_to_order_seconds{quantile="0.99"} 4.1E-4
        exec_handler_tick_to_order_seconds{quantile="0.999"} 0.0125
        exec_handler_tick_to_order_seconds_count 230
        exec_handler_tick_to_order_seconds_sum 0.031
        """;

    @Test
    void readsTheSummaryOfTheExecHandler()
    {
        final TickToOrder tickToOrder = TickToOrder.parse(CANNED);
        assertEquals(8.5e-5, tickToOrder.p50Seconds());
        assertEquals(4.1e-4, tickToOrder.p99Seconds());
        assertEquals(0.0125, tickToOrder.p999Seconds());
        assertEquals(230, tickToOrder.count());
        assertEquals("p50=85.0us p99=410.0us", tickToOrder.statusText());
        assertEquals("p50=85.0us p99=410.0us p99.9=12.50ms over 230 orders", tickToOrder.reportText());
    }

    @Test
    void readsWhatThePrometheusLibraryWrites() throws Exception
    {
        final PrometheusRegistry registry = new PrometheusRegistry();
        final Summary summary = Summary.builder().name("exec_handler_tick_to_order_seconds").help("tick to order")
            .quantile(0.5, 0.01).quantile(0.99, 0.001).quantile(0.999, 0.0001).register(registry);
        Counter.builder().name("exec_handler_tick_to_order_errors").help("a neighbour whose name starts alike").register(registry).inc(7);
        for (int i = 1; i <= 1000; i++)
        {
            summary.observe(i * 1e-6);
        }
        final ByteArrayOutputStream text = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(text, registry.scrape());
        final TickToOrder tickToOrder = TickToOrder.parse(text.toString(StandardCharsets.UTF_8));
        assertEquals(1000, tickToOrder.count(), text::toString);
        assertEquals(500e-6, tickToOrder.p50Seconds(), 20e-6, text::toString);
        assertEquals(990e-6, tickToOrder.p99Seconds(), 5e-6, text::toString);
        assertEquals(999e-6, tickToOrder.p999Seconds(), 2e-6, text::toString);
    }

    @Test
    void absentOrEmptyIsNotAvailable()
    {
        final TickToOrder absent = TickToOrder.parse("# TYPE exec_handler_commands_total counter\nexec_handler_commands_total 3.0\n");
        assertEquals("p50=n/a p99=n/a", absent.statusText());
        assertEquals("p50=n/a p99=n/a p99.9=n/a over n/a orders", absent.reportText());

        // A summary with no observation yet: NaN quantiles, count 0.
        final TickToOrder empty = TickToOrder.parse("""
            exec_handler_tick_to_order_seconds{quantile="0.5"} NaN
            exec_handler_tick_to_order_seconds{quantile="0.99"} NaN
            exec_handler_tick_to_order_seconds_count 0
            """);
        assertEquals("p50=n/a p99=n/a p99.9=n/a over 0 orders", empty.reportText());
        assertEquals("p50=n/a p99=n/a", TickToOrder.UNKNOWN.statusText());
    }

    @Test
    void otherLabelsTimestampsAndGarbageAreSurvived()
    {
        final TickToOrder tickToOrder = TickToOrder.parse("""
            exec_handler_tick_to_order_seconds{venue="binance",quantile="0.5"} 0.0001 1700000000000
            exec_handler_tick_to_order_seconds{quantile="0.99"} not-a-number
            exec_handler_tick_to_order_seconds{quantile="0.999" +Inf
            exec_handler_tick_to_order_seconds_countish 9
            exec_handler_tick_to_order_seconds_count 12
            exec_handler_tick_to_order_seconds{venue="other",quantile="0.5"} 0.5
            """);
        assertEquals(1e-4, tickToOrder.p50Seconds(), "the first series wins");
        assertTrue(Double.isNaN(tickToOrder.p99Seconds()));
        assertTrue(Double.isNaN(tickToOrder.p999Seconds()));
        assertEquals(12, tickToOrder.count());
    }

    @Test
    void midpointsAndAmountsAreExact()
    {
        assertEquals("3000.005", Decimals.midpoint(new BigDecimal("3000.00"), new BigDecimal("3000.01")).toPlainString());
        assertEquals("3000.01", Decimals.midpoint(new BigDecimal("3000.00"), new BigDecimal("3000.02")).toPlainString());
        assertEquals("-0.00045", Decimals.amount(new BigDecimal("-0.00045000")));
        assertEquals("120", Decimals.amount(new BigDecimal("1.2E+2")));
        assertEquals("0", Decimals.amount(new BigDecimal("0E-8")));
    }
}
