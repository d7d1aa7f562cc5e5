package io.mmfleet.venuesim.binance;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/** ORDERS per account per 10 seconds and per day; a place over either limit is -1015 with status 429. */
public final class OrderCountLimiter
{
    private static final long TEN_SECONDS_MS = 10_000;
    private static final long DAY_MS = 86_400_000;

    private final RateLimitConfig config;
    private final LongSupplier clockMs;
    private final Map<Long, Counters> byAccount = new HashMap<>();

    public OrderCountLimiter(final RateLimitConfig config, final LongSupplier clockMs)
    {
        this.config = config;
        this.clockMs = clockMs;
    }

    /** Counts one new order; returns {count10s, count1d} or throws 429 -1015. */
    public synchronized long[] admit(final long accountId)
    {
        final long now = clockMs.getAsLong();
        final Counters counters = byAccount.computeIfAbsent(accountId, ignored -> new Counters());
        final long tenSeconds = counters.tenSeconds.add(1, now);
        final long day = counters.day.add(1, now);
        if (tenSeconds > config.ordersPer10s())
        {
            throw new BinanceException(BinanceError.tooManyOrders(config.ordersPer10s(), "10 SECOND"));
        }
        if (day > config.ordersPerDay())
        {
            throw new BinanceException(BinanceError.tooManyOrders(config.ordersPerDay(), "1 DAY"));
        }
        return new long[] {tenSeconds, day};
    }

    public synchronized long[] counts(final long accountId)
    {
        final long now = clockMs.getAsLong();
        final Counters counters = byAccount.computeIfAbsent(accountId, ignored -> new Counters());
        return new long[] {counters.tenSeconds.count(now), counters.day.count(now)};
    }

    public RateLimitConfig config()
    {
        return config;
    }

    private static final class Counters
    {
        final IntervalCounter tenSeconds = new IntervalCounter(TEN_SECONDS_MS);
        final IntervalCounter day = new IntervalCounter(DAY_MS);
    }
}
