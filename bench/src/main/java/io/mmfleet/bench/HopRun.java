package io.mmfleet.bench;

import org.agrona.concurrent.IdleStrategy;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

/**
 * Runs a hop with the sender on the calling thread, paced at a fixed rate, and the receiver on its
 * own thread. The sender first probes until the receiver has seen the path deliver (PUB/SUB drops
 * everything sent before the subscription arrives), then sends; the receiver stops when it has
 * every message, or after a quiet period once the sender is done (the rest was lost).
 */
final class HopRun
{
    static final long CONNECT_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);
    private static final long PROBE_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(1);
    /** Below this much time to the next send the sender spins; above, it parks (parking overshoots by ~50 µs). */
    private static final long PARK_THRESHOLD_NS = 100_000;

    private final Hop hop;
    private final IdleStrategy receiverIdle;
    private final long quietNs;
    private final long connectTimeoutNs;
    private volatile boolean connected;
    private volatile boolean senderDone;
    private volatile long sentTotal;
    private volatile Throwable receiverFailure;

    /**
     * @param receiverIdle what the receiver does when nothing has arrived.
     * @param quietNs      how long the receiver waits for more after the sender is done.
     * @param connectTimeoutNs how long to probe for a connection before giving up.
     */
    HopRun(final Hop hop, final IdleStrategy receiverIdle, final long quietNs, final long connectTimeoutNs)
    {
        this.connectTimeoutNs = connectTimeoutNs;
        this.hop = hop;
        this.receiverIdle = receiverIdle;
        this.quietNs = quietNs;
    }

    /**
     * @param rate     messages per second, at least 1.
     * @param messages data messages to send, at least 1.
     * @param onData   given each data message's send time, on the receiver thread.
     */
    HopResult run(final long rate, final long messages, final LongConsumer onData)
    {
        if (rate < 1 || messages < 1)
        {
            throw new IllegalArgumentException("rate and messages must be positive: rate=" + rate + " messages=" + messages);
        }
        final Thread receiver = new Thread(() -> receive(onData), "bench-receiver");
        receiver.setDaemon(true);
        receiver.start();
        long sent = 0;
        long elapsedNs = 0;
        try
        {
            awaitConnected();
            final long start = System.nanoTime();
            final double nsPerMessage = 1e9 / rate;
            while (sent < messages)
            {
                final long now = System.nanoTime();
                final long due = Math.min(messages, (long)((now - start) / nsPerMessage) + 1);
                // Behind schedule, the sender catches up in a burst, as a real publisher would.
                while (sent < due)
                {
                    hop.send();
                    sent++;
                }
                if (sent < messages)
                {
                    pace(start + (long)(sent * nsPerMessage) - System.nanoTime());
                }
                checkReceiver();
            }
            elapsedNs = System.nanoTime() - start;
        }
        finally
        {
            sentTotal = sent;
            senderDone = true;
            join(receiver);
        }
        checkReceiver();
        return new HopResult(hop.name(), rate, sent, hop.received(), hop.knownLost(), elapsedNs);
    }

    private void awaitConnected()
    {
        final long deadline = System.nanoTime() + connectTimeoutNs;
        while (!connected)
        {
            checkReceiver();
            if (System.nanoTime() - deadline > 0)
            {
                throw new IllegalStateException(hop.name() + ": no probe arrived within " +
                    TimeUnit.NANOSECONDS.toMillis(connectTimeoutNs) + " ms; the subscriber never connected");
            }
            hop.sendProbe();
            LockSupport.parkNanos(PROBE_INTERVAL_NS);
        }
    }

    private static void pace(final long untilNextNs)
    {
        if (untilNextNs > PARK_THRESHOLD_NS)
        {
            LockSupport.parkNanos(untilNextNs - PARK_THRESHOLD_NS / 2);
        }
        else
        {
            Thread.onSpinWait();
        }
    }

    private void receive(final LongConsumer onData)
    {
        try
        {
            long lastActivityNs = System.nanoTime();
            while (true)
            {
                final int consumed = hop.poll(onData);
                if (!connected && hop.connected())
                {
                    connected = true;
                }
                if (consumed > 0)
                {
                    lastActivityNs = System.nanoTime();
                    receiverIdle.reset();
                    continue;
                }
                if (senderDone)
                {
                    if (hop.received() >= sentTotal || System.nanoTime() - lastActivityNs > quietNs)
                    {
                        return;
                    }
                }
                else
                {
                    lastActivityNs = System.nanoTime();
                }
                receiverIdle.idle();
            }
        }
        catch (final Throwable ex)
        {
            receiverFailure = ex;
        }
    }

    private void checkReceiver()
    {
        final Throwable failure = receiverFailure;
        if (failure != null)
        {
            throw new IllegalStateException(hop.name() + ": receiver failed: " + failure, failure);
        }
    }

    private static void join(final Thread receiver)
    {
        boolean interrupted = false;
        while (true)
        {
            try
            {
                receiver.join();
                break;
            }
            catch (final InterruptedException ex)
            {
                interrupted = true;
            }
        }
        if (interrupted)
        {
            Thread.currentThread().interrupt();
        }
    }
}
