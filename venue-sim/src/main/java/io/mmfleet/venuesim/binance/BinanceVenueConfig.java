package io.mmfleet.venuesim.binance;

import java.time.Duration;

/**
 * Network and protocol settings of the Binance front end. Ports 0 are ephemeral. The ping interval, pong timeout and
 * connection lifetime apply to both WebSockets (market streams and WebSocket API); Binance's own values: a ping every
 * 20 s, its pong due within 1 minute of it, connections closed after 24 h.
 */
public record BinanceVenueConfig(String bindHost, int restPort, int streamPort, int wsApiPort, int maxBodyBytes,
    RateLimitConfig limits, Duration pingInterval, Duration pongTimeout, Duration connectionLifetime)
{
    public static BinanceVenueConfig loopbackDefaults()
    {
        return new BinanceVenueConfig("127.0.0.1", 0, 0, 0, 8192, RateLimitConfig.BINANCE_DEFAULTS,
            Duration.ofSeconds(20), Duration.ofMinutes(1), Duration.ofHours(24));
    }

    public BinanceVenueConfig
    {
        if (maxBodyBytes < 256)
        {
            throw new IllegalArgumentException("maxBodyBytes must be at least 256, got " + maxBodyBytes);
        }
        if (pingInterval.isNegative() || pingInterval.isZero() || pongTimeout.isNegative() || pongTimeout.isZero()
            || connectionLifetime.isNegative() || connectionLifetime.isZero())
        {
            throw new IllegalArgumentException("ping interval, pong timeout and connection lifetime must be positive");
        }
    }

    public BinanceVenueConfig withLimits(final RateLimitConfig newLimits)
    {
        return new BinanceVenueConfig(bindHost, restPort, streamPort, wsApiPort, maxBodyBytes, newLimits, pingInterval,
            pongTimeout, connectionLifetime);
    }

    /** Ping interval, pong timeout and connection lifetime of both WebSocket servers. */
    public BinanceVenueConfig withStreamTimers(final Duration ping, final Duration pong, final Duration lifetime)
    {
        return new BinanceVenueConfig(bindHost, restPort, streamPort, wsApiPort, maxBodyBytes, limits, ping, pong,
            lifetime);
    }
}
