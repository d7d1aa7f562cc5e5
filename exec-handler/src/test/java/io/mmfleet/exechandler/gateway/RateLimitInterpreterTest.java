package io.mmfleet.exechandler.gateway;

import io.mmfleet.bus.EpochClock;
import io.mmfleet.exechandler.binance.RateLimitUsage;
import io.mmfleet.sbe.ThrottleState;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RateLimitInterpreterTest
{
    /** The venue's clock is set to the start of a minute, so no window ends while a test runs. */
    private static final long T0 = 1_700_000_000_000L - 1_700_000_000_000L % 60_000L;

    private final EpochClock clock = new EpochClock();
    private final ServerClock serverClock = new ServerClock();
    private final VenueClock venueClock = new VenueClock(clock, serverClock);
    private final ThrottleTracker throttle = new ThrottleTracker(80);
    private final MalformedInput malformed = new MalformedInput(LoggerFactory.getLogger(RateLimitInterpreterTest.class));
    private final RateLimitInterpreter interpreter = new RateLimitInterpreter(throttle, venueClock, malformed,
        LoggerFactory.getLogger(RateLimitInterpreterTest.class));

    RateLimitInterpreterTest()
    {
        final long localMs = venueClock.localEpochMs();
        serverClock.onSample(localMs, localMs, T0);
    }

    @Test
    void tooManyNewOrdersHoldsOnlyNewOrdersUntilTheEndOfTheTenSecondWindow()
    {
        interpreter.onRefusal(400, -1015, 0);
        final long now = venueClock.nowMs();
        assertFalse(throttle.mayOrder(now));
        assertTrue(throttle.mayRequest(now), "cancels do not count against the order limit");
        assertTrue(throttle.retryAfterMs(now) > 0 && throttle.retryAfterMs(now) <= ThrottleTracker.TEN_SECONDS_MS);
    }

    @Test
    void aBanWithoutRetryAfterHoldsEverythingForTheDefaultBan()
    {
        interpreter.onRefusal(418, 0, 0);
        final long now = venueClock.nowMs();
        assertEquals(ThrottleState.BANNED, throttle.state(now));
        assertFalse(throttle.mayRequest(now));
        assertTrue(throttle.retryAfterMs(now) > 110_000 && throttle.retryAfterMs(now) <= 120_000, "retry after " + throttle.retryAfterMs(now));
    }

    @Test
    void aWeightRefusalHoldsUntilTheVenuesRetryAfter()
    {
        final long until = venueClock.nowMs() + 30_000;
        interpreter.onRefusal(429, -1003, until);
        final long now = venueClock.nowMs();
        assertEquals(ThrottleState.THROTTLED, throttle.state(now));
        assertEquals(until - now, throttle.retryAfterMs(now));
    }

    @Test
    void otherErrorsHoldNothing()
    {
        interpreter.onRefusal(400, -1021, 0);
        assertTrue(throttle.mayOrder(venueClock.nowMs()));
        assertNull(interpreter.changedState());
    }

    @Test
    void usagesWithAnUnknownIntervalAreSkippedAndKnownOnesCounted()
    {
        interpreter.noteUsages(List.of(
            new RateLimitUsage("REQUEST_WEIGHT", "MINUTE", 1, 6000, 5000),
            new RateLimitUsage("REQUEST_WEIGHT", "FORTNIGHT", 1, 6000, 6000)));
        assertEquals(5000, throttle.usedWeight1m(venueClock.nowMs()));
        assertEquals(ThrottleState.NEAR_LIMIT, interpreter.changedState());
        assertNull(interpreter.changedState(), "reported once per change");
    }

    @Test
    void unreadableRateLimitHeadersAreCountedAsMalformedAndSurvived()
    {
        interpreter.noteRestHeaders(headers(Map.of("X-MBX-USED-WEIGHT-1M", List.of("lots"))));
        assertEquals(0, interpreter.retryAfterUntil(headers(Map.of("Retry-After", List.of("soon")))));
        assertEquals(2, malformed.count());
        assertEquals(0, throttle.usedWeight1m(venueClock.nowMs()));
    }

    @Test
    void retryAfterSecondsBecomeAVenueTime()
    {
        final long before = venueClock.nowMs();
        final long until = interpreter.retryAfterUntil(headers(Map.of("Retry-After", List.of("7"))));
        assertTrue(until >= before + 7_000 && until <= venueClock.nowMs() + 7_000, "until " + until);
        assertEquals(0, interpreter.retryAfterUntil(headers(Map.of())), "no Retry-After");
    }

    private static HttpHeaders headers(final Map<String, List<String>> map)
    {
        return HttpHeaders.of(map, (name, value) -> true);
    }
}
