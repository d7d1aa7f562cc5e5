package io.mmfleet.exechandler.gateway;

import io.mmfleet.sbe.ThrottleState;

/**
 * The exec-handler's standing against the venue's rate limits, from what the venue reports: the
 * counts in each WebSocket API answer's rateLimits and in REST's X-MBX-USED-WEIGHT /
 * X-MBX-ORDER-COUNT headers, and Retry-After on 429 (throttled) and 418 (banned). A count is valid
 * until the end of the venue's window it was counted in (Binance's windows are aligned to the
 * clock), after which it reads as zero. REST headers carry counts only: a usage with limit 0 keeps
 * the last known limit. The state turns NEAR_LIMIT at the INI's share of any
 * limit, so the strategy can widen before the venue refuses anything.
 */
public final class ThrottleTracker
{
    static final long MINUTE_MS = 60_000L;
    static final long TEN_SECONDS_MS = 10_000L;
    static final long DAY_MS = 86_400_000L;

    private final int warnPercent;
    private final Window weight1m = new Window(MINUTE_MS, 6_000);
    private final Window orders10s = new Window(TEN_SECONDS_MS, 100);
    private final Window orders1d = new Window(DAY_MS, 200_000);
    private long retryAfterUntilMs;
    private boolean banned;
    /** Until when the venue refuses new orders (its unfilled-order count, -1015); cancels still go. */
    private long ordersBlockedUntilMs;

    ThrottleTracker(final int warnPercent)
    {
        this.warnPercent = warnPercent;
    }

    /** One venue-reported usage: type REQUEST_WEIGHT or ORDERS, window length in ms. */
    void onUsage(final String rateLimitType, final long intervalMs, final long limit, final long count, final long venueTimeMs)
    {
        final Window window = window(rateLimitType, intervalMs);
        if (window != null)
        {
            window.update(limit, count, venueTimeMs);
        }
    }

    /** A 429 (-1003, too much request weight) or a 418 ban: nothing may be sent until the venue's time given. */
    void onRetryUntil(final boolean ban, final long untilVenueTimeMs)
    {
        retryAfterUntilMs = Math.max(retryAfterUntilMs, untilVenueTimeMs);
        banned |= ban;
    }

    /**
     * The venue refused a new order for its unfilled-order count (-1015): new orders wait until
     * the given time, while cancels — which do not count — still go.
     */
    void onOrderLimitUntil(final long untilVenueTimeMs)
    {
        ordersBlockedUntilMs = Math.max(ordersBlockedUntilMs, untilVenueTimeMs);
    }

    public ThrottleState state(final long venueTimeMs)
    {
        if (venueTimeMs < retryAfterUntilMs)
        {
            return banned ? ThrottleState.BANNED : ThrottleState.THROTTLED;
        }
        banned = false;
        if (venueTimeMs < ordersBlockedUntilMs)
        {
            return ThrottleState.THROTTLED;
        }
        if (weight1m.nearLimit(venueTimeMs, warnPercent) || orders10s.nearLimit(venueTimeMs, warnPercent) ||
            orders1d.nearLimit(venueTimeMs, warnPercent))
        {
            return ThrottleState.NEAR_LIMIT;
        }
        return ThrottleState.OK;
    }

    /**
     * Whether a request may go out now: nothing while a Retry-After is in force, nor once the
     * minute's request weight is spent (it could only be refused, and repeated 429s end in a ban).
     */
    boolean mayRequest(final long venueTimeMs)
    {
        return venueTimeMs >= retryAfterUntilMs && !weight1m.full(venueTimeMs);
    }

    /** Whether a new order may go out now: also not when an order window is full or the venue said -1015. */
    boolean mayOrder(final long venueTimeMs)
    {
        return mayRequest(venueTimeMs) && venueTimeMs >= ordersBlockedUntilMs && !orders10s.full(venueTimeMs) && !orders1d.full(venueTimeMs);
    }

    public long retryAfterMs(final long venueTimeMs)
    {
        return Math.max(0, Math.max(retryAfterUntilMs, ordersBlockedUntilMs) - venueTimeMs);
    }

    public int usedWeight1m(final long venueTimeMs)
    {
        return weight1m.count(venueTimeMs);
    }

    public int weightLimit1m()
    {
        return (int)weight1m.limit;
    }

    public int orderCount10s(final long venueTimeMs)
    {
        return orders10s.count(venueTimeMs);
    }

    public int orderLimit10s()
    {
        return (int)orders10s.limit;
    }

    public int orderCount1d(final long venueTimeMs)
    {
        return orders1d.count(venueTimeMs);
    }

    public int orderLimit1d()
    {
        return (int)orders1d.limit;
    }

    private Window window(final String rateLimitType, final long intervalMs)
    {
        if ("REQUEST_WEIGHT".equals(rateLimitType) && intervalMs == MINUTE_MS)
        {
            return weight1m;
        }
        if ("ORDERS".equals(rateLimitType))
        {
            if (intervalMs == TEN_SECONDS_MS)
            {
                return orders10s;
            }
            if (intervalMs == DAY_MS)
            {
                return orders1d;
            }
        }
        return null;
    }

    /** Converts Binance's interval words to milliseconds: SECOND/MINUTE/HOUR/DAY times intervalNum; -1 if unknown. */
    static long intervalMs(final String interval, final int intervalNum)
    {
        final long unit = switch (interval)
        {
            case "SECOND" -> 1_000L;
            case "MINUTE" -> MINUTE_MS;
            case "HOUR" -> 3_600_000L;
            case "DAY" -> DAY_MS;
            default -> -1L;
        };
        return unit < 0 ? -1 : unit * intervalNum;
    }

    private static final class Window
    {
        private final long lengthMs;
        private long limit;
        private long count;
        private long windowEndMs;

        Window(final long lengthMs, final long defaultLimit)
        {
            this.lengthMs = lengthMs;
            this.limit = defaultLimit;
        }

        void update(final long newLimit, final long newCount, final long venueTimeMs)
        {
            if (newLimit > 0)
            {
                limit = newLimit;
            }
            final long end = (venueTimeMs / lengthMs + 1) * lengthMs;
            // A reading from an earlier window (a late answer) must not replace a current one.
            if (end > windowEndMs || (end == windowEndMs && newCount > count))
            {
                windowEndMs = end;
                count = newCount;
            }
        }

        int count(final long venueTimeMs)
        {
            return venueTimeMs < windowEndMs ? (int)Math.min(count, Integer.MAX_VALUE) : 0;
        }

        boolean nearLimit(final long venueTimeMs, final int warnPercent)
        {
            return limit > 0 && count(venueTimeMs) * 100L >= limit * warnPercent;
        }

        boolean full(final long venueTimeMs)
        {
            return limit > 0 && count(venueTimeMs) >= limit;
        }
    }
}
