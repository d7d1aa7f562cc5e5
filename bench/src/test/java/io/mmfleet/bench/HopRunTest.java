package io.mmfleet.bench;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The paced run's bookkeeping, on an in-memory hop that can lose, stay silent or fail. */
class HopRunTest
{
    private static final long QUIET_NS = TimeUnit.MILLISECONDS.toNanos(20);

    /** Delivers up to {@code capacity} messages in all and drops the rest, like a full PUB queue. */
    private static final class MemoryHop implements Hop
    {
        private final long capacity;
        private final boolean answersProbes;
        private final RuntimeException receiveFailure;
        private final AtomicLong sent = new AtomicLong();
        private volatile boolean probed;
        private long received;

        MemoryHop(final long capacity, final boolean answersProbes, final RuntimeException receiveFailure)
        {
            this.capacity = capacity;
            this.answersProbes = answersProbes;
            this.receiveFailure = receiveFailure;
        }

        @Override
        public String name()
        {
            return "memory";
        }

        @Override
        public void sendProbe()
        {
            probed = answersProbes;
        }

        @Override
        public boolean connected()
        {
            return probed;
        }

        @Override
        public void send()
        {
            sent.incrementAndGet();
        }

        @Override
        public int poll(final LongConsumer onData)
        {
            if (receiveFailure != null && sent.get() > 0)
            {
                throw receiveFailure;
            }
            final long available = Math.min(sent.get(), capacity) - received;
            final int count = (int)Math.min(available, 256);
            for (int i = 0; i < count; i++)
            {
                received++;
                onData.accept(System.nanoTime());
            }
            return count;
        }

        @Override
        public long received()
        {
            return received;
        }

        @Override
        public long knownLost()
        {
            return 0;
        }

        @Override
        public void close()
        {
        }
    }

    private static HopRun runOver(final Hop hop, final long connectTimeoutNs)
    {
        return new HopRun(hop, new BackoffIdleStrategy(), QUIET_NS, connectTimeoutNs);
    }

    @Test
    void everyMessageArrivesAndIsHandedOn()
    {
        final MemoryHop hop = new MemoryHop(Long.MAX_VALUE, true, null);
        final AtomicLong handed = new AtomicLong();

        final HopResult result = runOver(hop, HopRun.CONNECT_TIMEOUT_NS).run(20_000, 2_000, sendNs -> handed.incrementAndGet());

        assertEquals(2_000, result.sent());
        assertEquals(2_000, result.received());
        assertEquals(2_000, handed.get());
        assertTrue(result.noLoss());
        assertEquals(20_000, result.targetRate());
        assertTrue(result.sendElapsedNs() > 0);
    }

    @Test
    void lostMessagesEndTheRunAfterTheQuietPeriodAndCountAsLoss()
    {
        final MemoryHop hop = new MemoryHop(700, true, null);

        final HopResult result = runOver(hop, HopRun.CONNECT_TIMEOUT_NS).run(50_000, 1_000, sendNs -> {});

        assertEquals(1_000, result.sent());
        assertEquals(700, result.received());
        assertFalse(result.noLoss());
    }

    @Test
    void aPathThatNeverConnectsFailsWithTheReason()
    {
        final MemoryHop hop = new MemoryHop(Long.MAX_VALUE, false, null);

        final IllegalStateException ex = assertThrows(IllegalStateException.class,
            () -> runOver(hop, TimeUnit.MILLISECONDS.toNanos(50)).run(1_000, 10, sendNs -> {}));

        assertTrue(ex.getMessage().contains("memory: no probe arrived within 50 ms"), ex.getMessage());
        assertEquals(0, hop.sent.get());
    }

    @Test
    void aReceiverFailureReachesTheCaller()
    {
        final MemoryHop hop = new MemoryHop(Long.MAX_VALUE, true, new IllegalStateException("decode blew up"));

        final IllegalStateException ex = assertThrows(IllegalStateException.class,
            () -> runOver(hop, HopRun.CONNECT_TIMEOUT_NS).run(10_000, 500, sendNs -> {}));

        assertTrue(ex.getMessage().contains("memory: receiver failed"), ex.getMessage());
        assertTrue(ex.getMessage().contains("decode blew up"), ex.getMessage());
    }

    @Test
    void rejectsANonPositiveRateOrCount()
    {
        final HopRun run = runOver(new MemoryHop(1, true, null), HopRun.CONNECT_TIMEOUT_NS);

        assertThrows(IllegalArgumentException.class, () -> run.run(0, 10, sendNs -> {}));
        assertThrows(IllegalArgumentException.class, () -> run.run(10, 0, sendNs -> {}));
    }
}
