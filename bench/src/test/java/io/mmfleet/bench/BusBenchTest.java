package io.mmfleet.bench;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Smoke: every path delivers and is counted; the figures themselves are not asserted. */
class BusBenchTest
{
    @Test
    void quickRunDeliversOnEveryPathWithMatchingCounts()
    {
        final BusBenchSettings quick = BusBenchSettings.quickRun();
        // A high-water mark above everything sent and a long quiet period: on a loaded CI machine a
        // stalled receiver or I/O thread must not turn this plumbing check into a capacity test,
        // so every count must match exactly.
        final int highWaterMark = 100_000;
        final BusBenchSettings settings = new BusBenchSettings(true, highWaterMark, quick.levels(), 100, 3,
            quick.precision(), quick.startRate(), quick.maxRate(), quick.latencyRate(), 1_000, 500, 10_000);
        final List<String> progress = new ArrayList<>();

        final BusBenchReport report = BusBench.run(settings, progress::add);

        assertEquals(2, report.throughput().size());
        for (final RateSearch.Result result : report.throughput())
        {
            assertFalse(result.runs().isEmpty(), result.hop());
            for (final HopResult run : result.runs())
            {
                assertEquals(run.targetRate() * settings.runMillis() / 1000, run.sent(), run.toString());
                assertEquals(run.sent(), run.received(), run.toString());
                assertEquals(0, run.knownLost(), run.toString());
            }
            assertTrue(result.bestRate() > 0, result.hop());
        }
        assertEquals(3, report.latency().size());
        for (final LatencyResult result : report.latency())
        {
            assertEquals(result.run().sent(), result.run().received(), result.hop());
            assertEquals(1_500, result.run().sent(), result.hop());
            assertEquals(1_000, result.histogram().getTotalCount(), result.hop());
            assertTrue(result.histogram().getMaxValue() > 0, result.hop());
        }
        // one warm-up per throughput path, each search run, three latency runs
        assertEquals(2 + report.throughput().stream().mapToInt(r -> r.runs().size()).sum() + 3, progress.size());
        final String table = report.table();
        assertTrue(table.contains("bus / raw"), table);
        assertTrue(table.contains("plain TCP socket"), table);
        assertTrue(table.contains("108-byte message"), table);
    }

    @Test
    void badOptionsAreRejectedWithTheReason()
    {
        final StringWriter err = new StringWriter();
        final CommandLine command = BusBench.commandLine().setErr(new PrintWriter(err));

        assertEquals(2, command.execute("--quick", "--hwm", "0"));
        assertTrue(err.toString().contains("--hwm must be at least 1, got 0"), err.toString());

        final StringWriter err2 = new StringWriter();
        assertEquals(2, BusBench.commandLine().setErr(new PrintWriter(err2)).execute("--levels", "abc"));
        assertTrue(err2.toString().contains("--levels"), err2.toString());

        final StringWriter err3 = new StringWriter();
        assertEquals(2, BusBench.commandLine().setErr(new PrintWriter(err3)).execute("--levels", "101"));
        assertTrue(err3.toString().contains("--levels must be 1..100, got 101"), err3.toString());
    }
}
