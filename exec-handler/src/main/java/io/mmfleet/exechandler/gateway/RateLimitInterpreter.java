package io.mmfleet.exechandler.gateway;

import io.mmfleet.exechandler.binance.BinanceProtocolException;
import io.mmfleet.exechandler.binance.RateLimitUsage;
import io.mmfleet.exechandler.binance.RestRateLimitHeaders;
import io.mmfleet.sbe.ThrottleState;
import org.slf4j.Logger;

import java.net.http.HttpHeaders;
import java.util.List;

/**
 * Reads what the venue says about its rate limits — the counts in WebSocket API answers and REST
 * headers, its refusals for rate and their Retry-After — into the {@link ThrottleTracker}, and
 * notices when the throttle state that results changes.
 */
final class RateLimitInterpreter
{
    /** Used when a 429/418 carries no usable Retry-After. */
    private static final long DEFAULT_RETRY_AFTER_MS = 5_000;
    private static final long DEFAULT_BAN_MS = 120_000;

    private final ThrottleTracker throttle;
    private final VenueClock venueClock;
    private final MalformedInput malformed;
    private final Logger log;
    private ThrottleState lastState = ThrottleState.OK;

    RateLimitInterpreter(final ThrottleTracker throttle, final VenueClock venueClock, final MalformedInput malformed, final Logger log)
    {
        this.throttle = throttle;
        this.venueClock = venueClock;
        this.malformed = malformed;
        this.log = log;
    }

    ThrottleTracker throttle()
    {
        return throttle;
    }

    void noteUsages(final List<RateLimitUsage> usages)
    {
        if (usages == null)
        {
            return;
        }
        final long now = venueClock.nowMs();
        for (final RateLimitUsage usage : usages)
        {
            final long intervalMs = ThrottleTracker.intervalMs(usage.interval(), usage.intervalNum());
            if (intervalMs > 0)
            {
                throttle.onUsage(usage.rateLimitType(), intervalMs, usage.limit(), usage.count(), now);
            }
        }
    }

    /**
     * A refusal for rate: -1015 (too many new orders) holds only new orders — cancels do not count —
     * until the venue's time or the end of its 10 s window; a 429/-1003 (request weight) or a 418
     * (ban) holds everything until the venue's retryAfter, or a default when it gave none.
     */
    void onRefusal(final int status, final int code, final long untilVenueMs)
    {
        final long now = venueClock.nowMs();
        if (code == -1015)
        {
            throttle.onOrderLimitUntil(untilVenueMs > now ? untilVenueMs : now - now % ThrottleTracker.TEN_SECONDS_MS + ThrottleTracker.TEN_SECONDS_MS);
        }
        else if (status == 418 || status == 429 || code == -1003)
        {
            final boolean ban = status == 418;
            throttle.onRetryUntil(ban, untilVenueMs > now ? untilVenueMs : now + (ban ? DEFAULT_BAN_MS : DEFAULT_RETRY_AFTER_MS));
        }
    }

    void noteRestHeaders(final HttpHeaders headers)
    {
        try
        {
            noteUsages(RestRateLimitHeaders.usage(headers));
        }
        catch (final BinanceProtocolException ex)
        {
            malformed.report("rest_rate_limit_header", ex.getMessage());
        }
    }

    /** REST's Retry-After (seconds) as a venue time, or 0 when absent or unreadable. */
    long retryAfterUntil(final HttpHeaders headers)
    {
        try
        {
            final long seconds = RestRateLimitHeaders.retryAfterSeconds(headers);
            return seconds > 0 ? venueClock.nowMs() + seconds * 1000 : 0;
        }
        catch (final BinanceProtocolException ex)
        {
            malformed.report("rest_retry_after", ex.getMessage());
            return 0;
        }
    }

    /** The throttle state if it changed since the last call (logged), else null. */
    ThrottleState changedState()
    {
        final ThrottleState state = throttle.state(venueClock.nowMs());
        if (state == lastState)
        {
            return null;
        }
        lastState = state;
        log.warn("event=throttle_state state={} used_weight_1m={} order_count_10s={} retry_after_ms={}",
            state, throttle.usedWeight1m(venueClock.nowMs()), throttle.orderCount10s(venueClock.nowMs()), throttle.retryAfterMs(venueClock.nowMs()));
        return state;
    }
}
