package io.mmfleet.quoteserver.book;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static io.mmfleet.quoteserver.book.BookSynchronizer.State.AWAITING_SNAPSHOT;
import static io.mmfleet.quoteserver.book.BookSynchronizer.State.RESYNC_NEEDED;
import static io.mmfleet.quoteserver.book.BookSynchronizer.State.SYNCED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Binance's documented procedure for a local book, event by event: stale events dropped, the straddling first
 * event, duplicates ignored, out-of-order events and gaps forcing a resync, and a resync that reaches the reference
 * book again.
 */
class BookSynchronizerTest
{
    private final LocalBook book = new LocalBook(1_000);
    private final RecordingListener listener = new RecordingListener();
    private final BookSynchronizer sync = new BookSynchronizer(64, book, listener);

    @Test
    void staleEventsAreDroppedAndTheFirstAppliedEventStraddlesTheSnapshot()
    {
        final DepthEvent stale = diff(100, 105, bid(10, 1), ask(20, 1));
        final DepthEvent straddling = diff(106, 110, bid(11, 2), ask(20, 0));
        final DepthEvent next = diff(111, 115, bid(10, 0), ask(21, 4));
        sync.onDiff(stale);
        sync.onDiff(straddling);
        sync.onDiff(next);
        assertEquals(AWAITING_SNAPSHOT, sync.state());
        assertEquals(3, sync.bufferedEvents());
        assertTrue(listener.events.isEmpty(), "nothing reported before the snapshot");

        // The snapshot already holds what 100..107 did; 105's bid at 10 must not be re-applied over it.
        sync.onSnapshot(snapshot(107, new long[][] {{10, 7}, {9, 3}}, new long[][] {{20, 5}, {22, 1}}));

        assertEquals(SYNCED, sync.state());
        assertEquals(115, sync.lastUpdateId());
        assertEquals(List.of("synced"), listener.events);
        assertBook(new long[][] {{11, 2}, {9, 3}}, new long[][] {{21, 4}, {22, 1}});
    }

    @Test
    void anOutsizedBufferedDiffDoesNotPinItsArraysAfterUse()
    {
        final DepthEvent huge = diff(101, 101);
        for (int i = 0; i < 50_000; i++)
        {
            huge.addBid(1_000_000 - i, 1);
        }
        sync.onDiff(huge);
        assertTrue(sync.largestSlotCapacity() >= 50_000);
        sync.onSnapshot(snapshot(100, new long[][] {{5, 1}}, new long[][] {{2_000_000, 1}}));
        assertEquals(SYNCED, sync.state());
        assertEquals(101, sync.lastUpdateId());
        assertTrue(sync.largestSlotCapacity() <= BookSynchronizer.RETAINED_LEVELS_PER_SLOT, "slot kept " + sync.largestSlotCapacity());

        sync.reset();
        sync.onDiff(huge);
        sync.reset();
        assertTrue(sync.largestSlotCapacity() <= BookSynchronizer.RETAINED_LEVELS_PER_SLOT, "after a reset too");
    }

    @Test
    void aSnapshotOneBeforeTheFirstEventIsContinuous()
    {
        sync.onDiff(diff(51, 53, bid(5, 1)));
        sync.onSnapshot(snapshot(50, new long[][] {{4, 1}}, new long[][] {{6, 1}}));
        assertEquals(SYNCED, sync.state());
        assertEquals(53, sync.lastUpdateId());
        assertBook(new long[][] {{5, 1}, {4, 1}}, new long[][] {{6, 1}});
    }

    @Test
    void aSnapshotOlderThanTheBufferedEventsWaitsForANewerOne()
    {
        sync.onDiff(diff(200, 204, bid(5, 1)));
        sync.onDiff(diff(205, 209, bid(5, 2)));
        sync.onSnapshot(snapshot(150, new long[][] {{4, 1}}, new long[][] {{6, 1}}));
        assertEquals(AWAITING_SNAPSHOT, sync.state());
        assertEquals(2, sync.bufferedEvents(), "buffered events kept for the next snapshot");
        assertTrue(listener.events.isEmpty());

        sync.onSnapshot(snapshot(206, new long[][] {{5, 1}, {4, 1}}, new long[][] {{6, 1}}));
        assertEquals(SYNCED, sync.state());
        assertEquals(209, sync.lastUpdateId());
        assertBook(new long[][] {{5, 2}, {4, 1}}, new long[][] {{6, 1}});
    }

    @Test
    void duplicatesAreIgnoredWhileBufferingAndWhenSynced()
    {
        final DepthEvent first = diff(11, 12, bid(5, 1));
        final DepthEvent second = diff(13, 15, bid(5, 2), ask(7, 3));
        sync.onDiff(first);
        sync.onDiff(first);
        sync.onDiff(second);
        sync.onDiff(first);
        assertEquals(2, sync.bufferedEvents());
        sync.onSnapshot(snapshot(10, new long[][] {}, new long[][] {{8, 1}}));
        assertEquals(SYNCED, sync.state());
        listener.events.clear();

        sync.onDiff(second);
        sync.onDiff(first);
        assertTrue(listener.events.isEmpty(), "a duplicate neither updates nor desyncs");
        assertEquals(15, sync.lastUpdateId());
        assertBook(new long[][] {{5, 2}}, new long[][] {{7, 3}, {8, 1}});

        // Overlapping the book's id (U <= id < u) is the straddle rule again: applied.
        sync.onDiff(diff(14, 16, ask(7, 0)));
        assertEquals(List.of("updated"), listener.events);
        assertBook(new long[][] {{5, 2}}, new long[][] {{8, 1}});
    }

    @Test
    void outOfOrderEventsForceAResyncThatReachesTheReferenceBookAgain()
    {
        final VenueBookModel venue = new VenueBookModel(7, 1_000, 10_000, 20);
        final DepthEvent early = venue.next(3);
        sync.onDiff(early);
        sync.onSnapshot(venue.snapshot());
        // The snapshot was taken after the buffered event: it is dropped as stale.
        assertEquals(SYNCED, sync.state());
        assertTrue(venue.matches(book));

        final DepthEvent a = venue.next(4);
        final DepthEvent b = venue.next(4);
        sync.onDiff(b);
        assertEquals(RESYNC_NEEDED, sync.state());
        assertTrue(listener.lastReason.startsWith("gap"), listener.lastReason);
        assertEquals(0, book.bidLevels() + book.askLevels(), "a discarded book holds nothing to publish");
        sync.onDiff(a);
        sync.onSnapshot(venue.snapshot());
        assertEquals(RESYNC_NEEDED, sync.state(), "nothing moves until the owner resets");

        sync.reset();
        final DepthEvent c = venue.next(5);
        sync.onDiff(c);
        final DepthEvent snapshot = venue.snapshot();
        final DepthEvent d = venue.next(5);
        sync.onDiff(d);
        sync.onSnapshot(snapshot);
        assertEquals(SYNCED, sync.state());
        assertEquals(d.finalUpdateId, sync.lastUpdateId());
        assertTrue(venue.matches(book));
        assertEquals(List.of("synced", "desynced", "synced"), listener.events);
    }

    @Test
    void aGapWhileBufferingForcesAResync()
    {
        sync.onDiff(diff(11, 12, bid(5, 1)));
        sync.onDiff(diff(14, 15, bid(5, 2)));
        assertEquals(RESYNC_NEEDED, sync.state());
        assertTrue(listener.lastReason.contains("U 14 after u 12"), listener.lastReason);
        assertEquals(0, sync.bufferedEvents());
    }

    @Test
    void aFullBufferForcesAResync()
    {
        final BookSynchronizer small = new BookSynchronizer(2, book, listener);
        small.onDiff(diff(1, 1, bid(5, 1)));
        small.onDiff(diff(2, 2, bid(5, 1)));
        assertEquals(AWAITING_SNAPSHOT, small.state());
        small.onDiff(diff(3, 3, bid(5, 1)));
        assertEquals(RESYNC_NEEDED, small.state());
        assertTrue(listener.lastReason.contains("buffered"), listener.lastReason);
    }

    @Test
    void anUpdateThatCrossesTheBookForcesAResync()
    {
        sync.onSnapshot(snapshot(10, new long[][] {{5, 1}}, new long[][] {{6, 1}}));
        assertEquals(SYNCED, sync.state());
        sync.onDiff(diff(11, 11, bid(6, 1)));
        assertEquals(RESYNC_NEEDED, sync.state());
        assertTrue(listener.lastReason.startsWith("crossed"), listener.lastReason);
    }

    @Test
    void aCrossedSnapshotIsNotPublished()
    {
        sync.onSnapshot(snapshot(10, new long[][] {{7, 1}}, new long[][] {{6, 1}}));
        assertEquals(RESYNC_NEEDED, sync.state());
        assertEquals(List.of("desynced"), listener.events);
    }

    @Test
    void aLongRandomStreamWithDuplicatesAndForcedGapsAlwaysMatchesTheReferenceWhenSynced()
    {
        final VenueBookModel venue = new VenueBookModel(42, 5_000, 100_000, 50);
        final SplittableRandom random = new SplittableRandom(43);
        final List<DepthEvent> recent = new ArrayList<>();
        DepthEvent pendingSnapshot = null;
        int resyncs = 0;
        int updates = 0;
        for (int step = 0; step < 20_000; step++)
        {
            final DepthEvent event = venue.next(1 + random.nextInt(6));
            if (random.nextInt(2_000) == 0)
            {
                continue;   // lost on the wire: the next event reveals the gap
            }
            sync.onDiff(event);
            recent.add(event);
            if (recent.size() > 5)
            {
                recent.remove(0);
            }
            if (sync.state() == SYNCED && random.nextInt(20) == 0)
            {
                sync.onDiff(recent.get(random.nextInt(recent.size())));   // a late duplicate
            }
            switch (sync.state())
            {
                case RESYNC_NEEDED ->
                {
                    resyncs++;
                    sync.reset();
                    pendingSnapshot = null;
                }
                case AWAITING_SNAPSHOT ->
                {
                    // The snapshot is taken a few events after the request, as over REST.
                    if (pendingSnapshot == null)
                    {
                        pendingSnapshot = venue.snapshot();
                    }
                    else if (random.nextInt(4) == 0)
                    {
                        sync.onSnapshot(pendingSnapshot);
                        pendingSnapshot = null;
                    }
                }
                case SYNCED ->
                {
                    updates++;
                    assertTrue(venue.matches(book), "step " + step);
                    assertFalse(book.isCrossed(), "step " + step);
                    assertEquals(venue.updateId(), sync.lastUpdateId());
                }
            }
        }
        assertTrue(resyncs >= 3, "the stream exercised resyncs: " + resyncs);
        assertTrue(updates > 15_000, "most steps were synced: " + updates);
    }

    private void assertBook(final long[][] bids, final long[][] asks)
    {
        assertEquals(bids.length, book.bidLevels(), "bid levels");
        assertEquals(asks.length, book.askLevels(), "ask levels");
        for (int i = 0; i < bids.length; i++)
        {
            assertEquals(bids[i][0], book.bidPrice(i), "bid price " + i);
            assertEquals(bids[i][1], book.bidQty(i), "bid qty " + i);
        }
        for (int i = 0; i < asks.length; i++)
        {
            assertEquals(asks[i][0], book.askPrice(i), "ask price " + i);
            assertEquals(asks[i][1], book.askQty(i), "ask qty " + i);
        }
        assertFalse(book.isCrossed());
    }

    private static long[] bid(final long price, final long qty)
    {
        return new long[] {1, price, qty};
    }

    private static long[] ask(final long price, final long qty)
    {
        return new long[] {0, price, qty};
    }

    private static DepthEvent diff(final long first, final long last, final long[]... levels)
    {
        final DepthEvent e = new DepthEvent();
        e.firstUpdateId = first;
        e.finalUpdateId = last;
        for (final long[] level : levels)
        {
            if (level[0] == 1)
            {
                e.addBid(level[1], level[2]);
            }
            else
            {
                e.addAsk(level[1], level[2]);
            }
        }
        return e;
    }

    private static DepthEvent snapshot(final long lastUpdateId, final long[][] bids, final long[][] asks)
    {
        final DepthEvent s = new DepthEvent();
        s.firstUpdateId = lastUpdateId;
        s.finalUpdateId = lastUpdateId;
        for (final long[] level : bids)
        {
            s.addBid(level[0], level[1]);
        }
        for (final long[] level : asks)
        {
            s.addAsk(level[0], level[1]);
        }
        return s;
    }

    private static final class RecordingListener implements BookSynchronizer.Listener
    {
        final List<String> events = new ArrayList<>();
        String lastReason = "";

        @Override
        public void onSynced()
        {
            events.add("synced");
        }

        @Override
        public void onUpdated()
        {
            events.add("updated");
        }

        @Override
        public void onDesynced(final String reason)
        {
            events.add("desynced");
            lastReason = reason;
        }
    }
}
