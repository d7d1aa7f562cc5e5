package io.mmfleet.exechandler;

import io.mmfleet.bus.EpochClock;
import io.mmfleet.bus.testing.Await;
import io.mmfleet.sbe.CommandType;
import io.mmfleet.sbe.OrderType;
import io.mmfleet.sbe.Side;
import io.mmfleet.sbe.TimeInForce;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * exec-handler's tick-to-order metric as a real process against venue-sim: a new order sent to the
 * venue is one sample of (hand-off to the socket − the command's originNs); a resend answered from
 * state and a command refused before the venue are none.
 */
class ExecHandlerTickToOrderTest
{
    private static final String METRIC = "exec_handler_tick_to_order_seconds";
    private static final long AGE_NS = TimeUnit.SECONDS.toNanos(5);

    @TempDir
    Path dir;

    @Test
    void onlyOrdersSentToTheVenueWithAnOriginAreSamples() throws Exception
    {
        try (ExecRig rig = new ExecRig(dir, "", ""))
        {
            rig.startExecHandler();
            assertEquals(0, count(rig), rig.metrics());

            // An origin 5 s in the past (same epoch clock as the daemon's): one sample of at least 5 s.
            rig.originNs = new EpochClock().nanoTime() - AGE_NS;
            final long place = rig.newCommandId();
            rig.newOrder(place, Side.BUY, OrderType.LIMIT, "2900.00", "0.0100", "t2o-1");
            assertEquals("NEW", rig.awaitReport(r -> r.commandId() == place, "NEW for t2o-1").execType());
            assertEquals(1, count(rig), rig.metrics());
            final String metrics = rig.metrics();
            for (final String quantile : new String[] {"0.5", "0.99", "0.999"})
            {
                final double seconds = value(metrics, METRIC + "{quantile=\"" + quantile + "\"}");
                assertTrue(seconds >= 5.0 * 0.999 && seconds < 60, quantile + " = " + seconds + "\n" + metrics);
            }
            final double sum = value(metrics, METRIC + "_sum");
            assertTrue(sum >= 5.0 * 0.999 && sum < 60, "sum = " + sum + "\n" + metrics);

            // Not samples: the same command resent (answered from the order's state, not placed again)
            // and a command refused before the venue (price off the tick), both with the old origin.
            rig.sendOnce(place, CommandType.NEW, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 290000, 100, "t2o-1", "");
            Await.until(() ->
            {
                rig.poll();
                return rig.reports.stream().filter(r -> r.commandId() == place).count() >= 2;
            }, ExecRig.TIMEOUT, () -> "the resend was not answered; reports " + rig.reports);
            final long refused = rig.newCommandId();
            rig.priceExponent = -3;
            rig.send(refused, CommandType.NEW, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 2_900_005, 100, "t2o-2", "");
            assertEquals("PRICE_TICK", rig.rejectOf(refused).reason());
            rig.priceExponent = -2;

            // Another order, its origin just now: the second sample (the two above would have made it a
            // third or fourth), far younger than the first. (A command whose envelope carries no origin
            // at all is TickToOrderLatencyTest's: BusPublisher stamps "now" in place of 0.)
            rig.originNs = new EpochClock().nanoTime();
            final long fresh = rig.newCommandId();
            rig.newOrder(fresh, Side.BUY, OrderType.LIMIT, "2900.00", "0.0100", "t2o-3");
            assertEquals("NEW", rig.awaitReport(r -> r.commandId() == fresh, "NEW for t2o-3").execType());
            // The sample is taken before the venue can answer, so the count is final once the NEW is in.
            assertEquals(2, count(rig), rig.metrics());
            final double median = value(rig.metrics(), METRIC + "{quantile=\"0.5\"}");
            assertTrue(median < 5.0, "the younger sample is the median: " + median);
            assertEquals(2, rig.venueOpenOrders().size(), "both orders rest on the venue");

            // The whole distribution is logged at shutdown.
            rig.execHandler.terminate();
            assertEquals(0, rig.execHandler.awaitExit(Duration.ofSeconds(60)), rig.execHandler.transcript());
            assertTrue(Pattern.compile("event=tick_to_order_latency count=2 p50_us=\\d+\\.\\d .*max_us=(\\d+)")
                .matcher(rig.execHandler.transcript()).find(), rig.execHandler.transcript());
        }
    }

    private static long count(final ExecRig rig)
    {
        return (long)value(metricsOf(rig), METRIC + "_count");
    }

    private static String metricsOf(final ExecRig rig)
    {
        try
        {
            return rig.metrics();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static double value(final String metrics, final String series)
    {
        final Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(metrics);
        if (!m.find())
        {
            throw new AssertionError("no " + series + " in\n" + metrics);
        }
        return Double.parseDouble(m.group(1));
    }
}
