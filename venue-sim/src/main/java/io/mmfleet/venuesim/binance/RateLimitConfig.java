package io.mmfleet.venuesim.binance;

import java.time.Duration;

/**
 * Limits as exchangeInfo publishes them: request weight per IP per minute, orders per account per 10 s and per day.
 * {@code violationsBeforeBan} 429s are answered; a client still over the limit after that is banned (418) for
 * {@code banDuration} — Binance's ban starts at 2 minutes.
 */
public record RateLimitConfig(long requestWeightPerMinute, long ordersPer10s, long ordersPerDay, int violationsBeforeBan,
    Duration banDuration)
{
    public static final RateLimitConfig BINANCE_DEFAULTS = new RateLimitConfig(6000, 100, 200_000, 3, Duration.ofMinutes(2));

    public RateLimitConfig
    {
        if (requestWeightPerMinute < 1 || ordersPer10s < 1 || ordersPerDay < 1 || violationsBeforeBan < 0)
        {
            throw new IllegalArgumentException("rate limits must be positive: " + requestWeightPerMinute + ", "
                + ordersPer10s + ", " + ordersPerDay + ", " + violationsBeforeBan);
        }
    }
}
