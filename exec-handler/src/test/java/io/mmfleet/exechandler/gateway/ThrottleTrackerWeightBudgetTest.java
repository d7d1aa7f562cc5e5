package io.mmfleet.exechandler.gateway;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Review finding: the venue reports the IP's request weight after every answer, and the docs say
 * that going over it fails every request with 429 and that "failing to back off after receiving
 * 429s will result in an automated IP ban". mayRequest ignores the weight the tracker itself holds,
 * so lookups, trade fetches, cancels and the periodic account polls keep going out with the minute's
 * budget spent: each one is a certain 429, and the burst that follows a reconnect (a lookup per live
 * order) walks straight into a 418.
 */
class ThrottleTrackerWeightBudgetTest
{
    private static final long T0 = 1_700_000_000_000L - 1_700_000_000_000L % 60_000L;

    @Test
    void noRequestGoesOutOnceTheMinutesWeightIsSpent()
    {
        final ThrottleTracker tracker = new ThrottleTracker(80);
        tracker.onUsage("REQUEST_WEIGHT", ThrottleTracker.MINUTE_MS, 6000, 6000, T0 + 1_000);
        assertFalse(tracker.mayRequest(T0 + 1_500), "the minute's 6000 weight is used; the next request can only be refused");
    }
}
