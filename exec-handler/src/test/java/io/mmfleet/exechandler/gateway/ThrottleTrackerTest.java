package io.mmfleet.exechandler.gateway;

import io.mmfleet.sbe.ThrottleState;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ThrottleTrackerTest
{
    private static final long T0 = 1_700_000_000_000L - 1_700_000_000_000L % 60_000L;

    @Test
    void nearLimitAtTheWarnShareOfAnyWindowAndClearWhenTheWindowEnds()
    {
        final ThrottleTracker tracker = new ThrottleTracker(80);
        tracker.onUsage("REQUEST_WEIGHT", ThrottleTracker.MINUTE_MS, 6000, 4799, T0 + 1_000);
        assertEquals(ThrottleState.OK, tracker.state(T0 + 1_000));
        tracker.onUsage("REQUEST_WEIGHT", ThrottleTracker.MINUTE_MS, 6000, 4800, T0 + 2_000);
        assertEquals(ThrottleState.NEAR_LIMIT, tracker.state(T0 + 2_000));
        assertEquals(4800, tracker.usedWeight1m(T0 + 2_000));
        // The venue's minute ends: the count no longer applies.
        assertEquals(ThrottleState.OK, tracker.state(T0 + 60_000));
        assertEquals(0, tracker.usedWeight1m(T0 + 60_000));
    }

    @Test
    void aLateReadingFromAnEarlierWindowDoesNotReplaceTheCurrentOne()
    {
        final ThrottleTracker tracker = new ThrottleTracker(80);
        tracker.onUsage("ORDERS", ThrottleTracker.TEN_SECONDS_MS, 100, 5, T0 + 10_500);
        tracker.onUsage("ORDERS", ThrottleTracker.TEN_SECONDS_MS, 100, 95, T0 + 9_900);
        assertEquals(5, tracker.orderCount10s(T0 + 10_600));
    }

    @Test
    void fullOrderWindowStopsOrdersButNotOtherRequests()
    {
        final ThrottleTracker tracker = new ThrottleTracker(80);
        tracker.onUsage("ORDERS", ThrottleTracker.TEN_SECONDS_MS, 100, 100, T0 + 1);
        assertFalse(tracker.mayOrder(T0 + 2));
        assertTrue(tracker.mayRequest(T0 + 2));
        assertTrue(tracker.mayOrder(T0 + 10_000));
    }

    @Test
    void retryAfterThrottlesThenBansAndExpires()
    {
        final ThrottleTracker tracker = new ThrottleTracker(80);
        tracker.onRetryUntil(false, T0 + 3_000);
        assertEquals(ThrottleState.THROTTLED, tracker.state(T0 + 1));
        assertEquals(2_999, tracker.retryAfterMs(T0 + 1));
        assertFalse(tracker.mayRequest(T0 + 1));
        tracker.onRetryUntil(true, T0 + 120_010);
        assertEquals(ThrottleState.BANNED, tracker.state(T0 + 20));
        assertEquals(ThrottleState.OK, tracker.state(T0 + 120_010));
        assertTrue(tracker.mayRequest(T0 + 120_010));
    }

    @Test
    void limitsComeFromTheVenueAndHeadersKeepThem()
    {
        final ThrottleTracker tracker = new ThrottleTracker(50);
        tracker.onUsage("ORDERS", ThrottleTracker.TEN_SECONDS_MS, 50, 10, T0);
        assertEquals(50, tracker.orderLimit10s());
        tracker.onUsage("ORDERS", ThrottleTracker.TEN_SECONDS_MS, 0, 25, T0 + 1);
        assertEquals(ThrottleState.NEAR_LIMIT, tracker.state(T0 + 2));
        assertEquals(50, tracker.orderLimit10s());
    }

    @Test
    void intervalsFromTheDocumentedWords()
    {
        assertEquals(60_000, ThrottleTracker.intervalMs("MINUTE", 1));
        assertEquals(10_000, ThrottleTracker.intervalMs("SECOND", 10));
        assertEquals(86_400_000, ThrottleTracker.intervalMs("DAY", 1));
        assertEquals(-1, ThrottleTracker.intervalMs("FORTNIGHT", 1));
    }

    @Test
    void unknownLimitTypesAreIgnored()
    {
        final ThrottleTracker tracker = new ThrottleTracker(80);
        tracker.onUsage("RAW_REQUESTS", 300_000, 61_000, 61_000, T0);
        assertEquals(ThrottleState.OK, tracker.state(T0));
    }
}
