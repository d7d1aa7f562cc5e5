package io.mmfleet.bench;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The search's decisions, driven by synthetic run results (no sockets, no timing). */
class RateSearchTest
{
    private static final long ONE_SECOND_NS = 1_000_000_000L;

    /** A path that loses one message per run above {@code capacity} msgs/s; the sender always keeps up. */
    private static RateSearch.RunAtRate lossAbove(final long capacity, final List<Long> rates)
    {
        return (rate, messages) ->
        {
            rates.add(rate);
            return new HopResult("fake", rate, messages, rate > capacity ? messages - 1 : messages, 0, messages * ONE_SECOND_NS / rate);
        };
    }

    @Test
    void doublesThenBisectsToTheHighestCleanRate()
    {
        final List<Long> rates = new ArrayList<>();
        final RateSearch.Result result = new RateSearch(1_000, 1_000_000, 1000, 20, 0.05).search(lossAbove(25_000, rates), run -> {});

        assertEquals(List.of(1_000L, 2_000L, 4_000L, 8_000L, 16_000L, 32_000L, 24_000L, 28_000L, 26_000L, 25_000L), rates);
        assertEquals(RateSearch.Limit.LOSS, result.limit());
        assertEquals(26_000, result.limitRate());
        assertEquals(25_000, result.bestRate(), 1);
        assertEquals(rates.size(), result.runs().size());
    }

    @Test
    void stopsAtTheSenderWhenItCannotKeepUp()
    {
        final RateSearch.RunAtRate senderTopsOutAt10k = (rate, messages) ->
            new HopResult("fake", rate, messages, messages, 0, messages * ONE_SECOND_NS / Math.min(rate, 10_000));

        final RateSearch.Result result = new RateSearch(4_000, 1_000_000, 1000, 20, 0.05).search(senderTopsOutAt10k, run -> {});

        assertEquals(RateSearch.Limit.SENDER, result.limit());
        assertEquals(10_000, result.bestRate(), 1);
        assertEquals(3, result.runs().size());
    }

    @Test
    void aKnownGapIsLossEvenWhenTheCountMatches()
    {
        final List<Long> rates = new ArrayList<>();
        final RateSearch.RunAtRate gapAbove5k = (rate, messages) ->
        {
            rates.add(rate);
            return new HopResult("fake", rate, messages, messages, rate > 5_000 ? 1 : 0, messages * ONE_SECOND_NS / rate);
        };

        final RateSearch.Result result = new RateSearch(4_000, 1_000_000, 1000, 20, 0.3).search(gapAbove5k, run -> {});

        assertEquals(RateSearch.Limit.LOSS, result.limit());
        assertEquals(List.of(4_000L, 8_000L, 6_000L, 5_000L), rates);
        assertEquals(6_000, result.limitRate());
        assertEquals(5_000, result.bestRate(), 1);
    }

    @Test
    void reportsTheRunLimitAndTheMaxRate()
    {
        final List<Long> rates = new ArrayList<>();
        final RateSearch.Result cut = new RateSearch(1_000, 1_000_000, 1000, 3, 0.05).search(lossAbove(1_000_000, rates), run -> {});
        assertEquals(RateSearch.Limit.TRIALS, cut.limit());
        assertEquals(3, cut.runs().size());

        final RateSearch.Result capped = new RateSearch(1_000, 4_000, 1000, 20, 0.05).search(lossAbove(1_000_000, new ArrayList<>()), run -> {});
        assertEquals(RateSearch.Limit.MAX_RATE, capped.limit());
        assertEquals(4_000, capped.bestRate(), 1);
    }

    @Test
    void lossAtEveryRateEndsWithNoCleanRun()
    {
        final RateSearch.Result result = new RateSearch(8, 1_000, 1000, 50, 0.05).search(lossAbove(0, new ArrayList<>()), run -> {});

        assertEquals(RateSearch.Limit.NO_CLEAN_RUN, result.limit());
        assertEquals(0, result.bestRate());
        assertTrue(result.runs().size() <= 4, result.runs().toString());
    }

    @Test
    void rejectsANonsenseSearch()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> new RateSearch(0, 10, 1000, 3, 0.05));
        assertTrue(ex.getMessage().contains("start=0"), ex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RateSearch(100, 10, 1000, 3, 0.05));
        assertThrows(IllegalArgumentException.class, () -> new RateSearch(1, 10, 1000, 3, 1.0));
    }
}
