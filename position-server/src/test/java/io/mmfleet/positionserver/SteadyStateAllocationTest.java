package io.mmfleet.positionserver;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.function.Consumer;

import static io.mmfleet.positionserver.TestFills.buy;
import static io.mmfleet.positionserver.TestFills.sell;
import static io.mmfleet.positionserver.TestFills.units;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Marking to each mid, applying fills to known positions and reading PnL and net inventory for the
 * periodic publication allocate nothing once warm. Counts bytes, not time.
 */
class SteadyStateAllocationTest
{
    private static final int ROUNDS = 20_000;

    @Test
    void markingApplyingAndReadingAllocateNothingOnceWarm()
    {
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        assertTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());

        final PositionBook book = new PositionBook();
        final HedgeTargets targets = new HedgeTargets(book);
        final Fill[] fills = new Fill[2 * ROUNDS];
        for (int i = 0; i < fills.length; i++)
        {
            fills[i] = (i % 2 == 0 ? buy(i + 1, "0.5", "3000.01").fee("0.0005", "ETH") : sell(i + 1, "0.5", "3001.5").fee("1.5", "USDT").maker())
                .strategy(7 + i % 3).build();
        }
        final long[] mids = new long[64];
        for (int i = 0; i < mids.length; i++)
        {
            mids[i] = units("3000") + i * 1_000_000L;
        }
        final long[] sink = new long[1];
        final Consumer<Position> realized = p -> sink[0] += p.realizedPnl();

        run(book, targets, fills, mids, sink, realized, 0);
        final long before = threads.getCurrentThreadAllocatedBytes();
        run(book, targets, fills, mids, sink, realized, ROUNDS);
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        // Less than one byte a round: any object per round would be at least 16 (the JVM's own
        // bookkeeping, e.g. a compilation finishing, may land a few bytes on the thread).
        assertTrue(allocated < ROUNDS, allocated + " bytes allocated over " + ROUNDS + " fills and marks");
        assertEquals(2L * ROUNDS, book.position(1, 1, 7).fillCount() + book.position(1, 1, 8).fillCount() + book.position(1, 1, 9).fillCount());
        assertTrue(sink[0] != 0);
    }

    private static void run(final PositionBook book, final HedgeTargets targets, final Fill[] fills, final long[] mids, final long[] sink,
        final Consumer<Position> realized, final int from)
    {
        for (int i = from; i < from + ROUNDS; i++)
        {
            book.mark(1, 1, mids[i & 63]);
            book.apply(fills[i]);
            book.executionReportSeen(1, 11, i);
            final Position position = book.position(1, 1, 7 + i % 3);
            sink[0] += book.unrealizedPnl(position) + position.avgCost() + targets.netInventory(1) + book.execSequence(1);
            book.forEach(realized);
        }
    }
}
