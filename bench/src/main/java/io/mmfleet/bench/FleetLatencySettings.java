package io.mmfleet.bench;

import java.time.Duration;
import java.util.Set;

/**
 * Everything a fleet latency run depends on.
 *
 * @param duration     how long the fleet trades and the TCP chain is timed.
 * @param rate         venue-sim's synthetic market updates per second (its MARKET_TICK is 1 s / rate), and the
 *                     TCP chain's message rate.
 * @param idleStrategy IDLE_STRATEGY of every daemon, and what the TCP relays and receiver do when idle.
 * @param idleSleep    IDLE_SLEEP of every daemon: backoff's longest park, sleeping's period.
 * @param heap         -Xmx of every daemon JVM, e.g. 256m.
 */
record FleetLatencySettings(Duration duration, int rate, String idleStrategy, Duration idleSleep, String heap)
{
    /**
     * venue-sim pushes diff depth as Binance does, at most every 100 ms per stream (quote-server follows
     * {@code <symbol>@depth@100ms}): a faster market only coalesces more changes into each frame.
     */
    static final int MAX_RATE = 10;
    static final Set<String> IDLE_STRATEGIES = Set.of("busy-spin", "yielding", "backoff", "sleeping");

    /** @throws IllegalArgumentException naming the first setting that is out of range. */
    FleetLatencySettings validate()
    {
        require(duration.compareTo(Duration.ofSeconds(1)) >= 0, "--duration must be at least 1s, got " + duration);
        require(rate >= 1 && rate <= MAX_RATE, "--rate must be 1.." + MAX_RATE + " depth updates/s (venue-sim, like Binance, " +
            "sends a symbol's diff depth at most every 100 ms), got " + rate);
        require(IDLE_STRATEGIES.contains(idleStrategy), "--idle must be one of busy-spin, yielding, backoff, sleeping, got " + idleStrategy);
        require(idleSleep.compareTo(Duration.ofNanos(1_000)) >= 0 && idleSleep.compareTo(Duration.ofSeconds(1)) <= 0,
            "--idle-sleep must be 1us..1s, got " + idleSleep);
        require(heap.matches("[1-9][0-9]*[mg]"), "--heap must be a size like 256m or 1g, got " + heap);
        return this;
    }

    /** venue-sim's MARKET_TICK for the rate. */
    String marketTick()
    {
        return (1000 / rate) + "ms";
    }

    /** IDLE_SLEEP as the INI writes it. */
    String idleSleepText()
    {
        final long nanos = idleSleep.toNanos();
        return nanos % 1_000_000 == 0 ? nanos / 1_000_000 + "ms" : nanos / 1_000 + "us";
    }

    /** Messages the TCP chain sends over the run. */
    long tcpMessages()
    {
        return Math.max(1, rate * duration.toMillis() / 1000);
    }

    private static void require(final boolean condition, final String message)
    {
        if (!condition)
        {
            throw new IllegalArgumentException(message);
        }
    }
}
