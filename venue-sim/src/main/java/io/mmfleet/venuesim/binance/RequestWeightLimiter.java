package io.mmfleet.venuesim.binance;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * REQUEST_WEIGHT per IP per minute, shared by REST and the WebSocket API as on Binance. Over the limit: 429 with
 * the time the window ends; a client that keeps sending after {@code violationsBeforeBan} 429s is banned: 418 until
 * the ban ends.
 */
public final class RequestWeightLimiter
{
    private static final long MINUTE_MS = 60_000;

    private final RateLimitConfig config;
    private final LongSupplier clockMs;
    private final Map<String, IpState> byIp = new HashMap<>();

    public RequestWeightLimiter(final RateLimitConfig config, final LongSupplier clockMs)
    {
        this.config = config;
        this.clockMs = clockMs;
    }

    /** Adds {@code weight} for {@code ip}; returns the weight used this minute or throws 429/418. */
    public synchronized long admit(final String ip, final int weight)
    {
        final long now = clockMs.getAsLong();
        final IpState state = byIp.computeIfAbsent(ip, ignored -> new IpState());
        if (state.bannedUntilMs > now)
        {
            throw new BinanceException(BinanceError.banned(state.bannedUntilMs));
        }
        final long used = state.weight.add(weight, now);
        if (used <= config.requestWeightPerMinute())
        {
            return used;
        }
        state.violations++;
        if (state.violations > config.violationsBeforeBan())
        {
            state.bannedUntilMs = now + config.banDuration().toMillis();
            state.violations = 0;
            throw new BinanceException(BinanceError.banned(state.bannedUntilMs));
        }
        throw new BinanceException(BinanceError.tooManyRequests(config.requestWeightPerMinute(), "1 MINUTE", state.weight.windowEndMs(now)));
    }

    public synchronized long used(final String ip)
    {
        final IpState state = byIp.get(ip);
        return state == null ? 0 : state.weight.count(clockMs.getAsLong());
    }

    public long limit()
    {
        return config.requestWeightPerMinute();
    }

    private static final class IpState
    {
        final IntervalCounter weight = new IntervalCounter(MINUTE_MS);
        int violations;
        long bannedUntilMs;
    }
}
