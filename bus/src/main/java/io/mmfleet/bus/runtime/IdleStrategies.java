package io.mmfleet.bus.runtime;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingIdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

import java.time.Duration;

/** The INI's IDLE_STRATEGY names mapped to agrona idle strategies. */
public final class IdleStrategies
{
    private IdleStrategies()
    {
    }

    /**
     * @param name  busy-spin | yielding | backoff | sleeping (validated by the config spec).
     * @param sleep the sleeping strategy's period, and backoff's longest park.
     */
    public static IdleStrategy create(final String name, final Duration sleep)
    {
        final long sleepNs = Math.max(1_000, sleep.toNanos());
        return switch (name)
        {
            case "busy-spin" -> new BusySpinIdleStrategy();
            case "yielding" -> new YieldingIdleStrategy();
            // Spin briefly, then yield, then park from 1 µs doubling up to the configured bound:
            // low latency when busy, near-zero CPU when six JVMs share two cores.
            case "backoff" -> new BackoffIdleStrategy(10, 20, 1_000, sleepNs);
            case "sleeping" -> new SleepingIdleStrategy(sleepNs);
            default -> throw new IllegalArgumentException("unknown idle strategy " + name);
        };
    }
}
