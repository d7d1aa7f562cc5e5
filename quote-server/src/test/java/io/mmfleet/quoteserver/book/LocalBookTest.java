package io.mmfleet.quoteserver.book;

import org.junit.jupiter.api.Test;

import java.util.Comparator;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalBookTest
{
    @Test
    void levelsAreSetReplacedAndRemovedBestFirst()
    {
        final LocalBook book = new LocalBook(10);
        book.apply(event(new long[][] {{100, 1}, {102, 2}, {101, 3}}, new long[][] {{105, 4}, {103, 5}, {104, 6}}));
        assertEquals(3, book.bidLevels());
        assertEquals(102, book.bidPrice(0));
        assertEquals(101, book.bidPrice(1));
        assertEquals(100, book.bidPrice(2));
        assertEquals(2, book.bidQty(0));
        assertEquals(103, book.askPrice(0));
        assertEquals(5, book.askQty(0));
        assertEquals(105, book.askPrice(2));

        book.apply(event(new long[][] {{101, 9}, {102, 0}, {99, 0}}, new long[][] {{103, 0}, {200, 0}}));
        assertEquals(2, book.bidLevels());
        assertEquals(101, book.bidPrice(0));
        assertEquals(9, book.bidQty(0));
        assertEquals(2, book.askLevels());
        assertEquals(104, book.askPrice(0));
        assertFalse(book.isCrossed());
        assertThrows(IndexOutOfBoundsException.class, () -> book.bidPrice(2));

        book.clear();
        assertEquals(0, book.bidLevels() + book.askLevels());
    }

    @Test
    void replaceWithASnapshotInAnyOrderGivesTheSameBook()
    {
        final LocalBook bestFirst = new LocalBook(10);
        bestFirst.apply(event(new long[][] {{1, 1}}, new long[][] {{50, 1}}));
        bestFirst.replaceWith(event(new long[][] {{102, 2}, {101, 3}, {100, 1}}, new long[][] {{103, 5}, {104, 6}}));
        final LocalBook unordered = new LocalBook(10);
        unordered.replaceWith(event(new long[][] {{101, 3}, {100, 1}, {102, 2}}, new long[][] {{104, 6}, {103, 5}}));
        for (final LocalBook book : new LocalBook[] {bestFirst, unordered})
        {
            assertEquals(3, book.bidLevels());
            assertEquals(102, book.bidPrice(0));
            assertEquals(2, book.bidQty(0));
            assertEquals(100, book.bidPrice(2));
            assertEquals(2, book.askLevels());
            assertEquals(103, book.askPrice(0));
            assertEquals(6, book.askQty(1));
        }
        // Later updates land in the right places after the straight copy.
        bestFirst.apply(event(new long[][] {{101, 0}, {103, 4}}, new long[][] {{103, 0}}));
        assertEquals(103, bestFirst.bidPrice(0));
        assertEquals(102, bestFirst.bidPrice(1));
        assertEquals(100, bestFirst.bidPrice(2));
        assertEquals(104, bestFirst.askPrice(0));
    }

    @Test
    void replaceWithASnapshotDeeperThanTheCapacityKeepsTheBest()
    {
        final LocalBook book = new LocalBook(2);
        book.replaceWith(event(new long[][] {{102, 2}, {101, 3}, {100, 1}}, new long[][] {{104, 6}, {103, 5}, {105, 1}}));
        assertEquals(2, book.bidLevels());
        assertEquals(102, book.bidPrice(0));
        assertEquals(101, book.bidPrice(1));
        assertEquals(2, book.askLevels());
        assertEquals(103, book.askPrice(0));
        assertEquals(104, book.askPrice(1));
        assertEquals(2, book.droppedLevels());
    }

    @Test
    void crossedWhenTheBestBidReachesTheBestAsk()
    {
        final LocalBook book = new LocalBook(4);
        book.apply(event(new long[][] {{100, 1}}, new long[][] {{101, 1}}));
        assertFalse(book.isCrossed());
        book.apply(event(new long[][] {{101, 1}}, new long[][] {}));
        assertTrue(book.isCrossed());
    }

    @Test
    void aFullSideKeepsItsBestLevelsAndCountsTheDrops()
    {
        final LocalBook book = new LocalBook(3);
        book.apply(event(new long[][] {{10, 1}, {11, 1}, {12, 1}}, new long[][] {{20, 1}, {21, 1}, {22, 1}}));
        book.apply(event(new long[][] {{9, 1}}, new long[][] {{23, 1}}));   // worse than all: not kept
        book.apply(event(new long[][] {{13, 1}}, new long[][] {{19, 1}}));  // best: the worst falls off
        book.apply(event(new long[][] {{11, 0}, {12, 7}}, new long[][] {{21, 0}, {20, 8}}));
        assertEquals(4, book.droppedLevels());
        assertEquals(2, book.bidLevels());
        assertEquals(13, book.bidPrice(0));
        assertEquals(12, book.bidPrice(1));
        assertEquals(7, book.bidQty(1));
        assertEquals(2, book.askLevels());
        assertEquals(19, book.askPrice(0));
        assertEquals(20, book.askPrice(1));
        assertEquals(8, book.askQty(1));
    }

    @Test
    void aFullSideInsertingInTheMiddleDropsTheWorst()
    {
        final LocalBook book = new LocalBook(3);
        book.apply(event(new long[][] {{10, 1}, {12, 1}, {14, 1}}, new long[][] {}));
        book.apply(event(new long[][] {{13, 5}}, new long[][] {}));
        assertEquals(3, book.bidLevels());
        assertEquals(14, book.bidPrice(0));
        assertEquals(13, book.bidPrice(1));
        assertEquals(5, book.bidQty(1));
        assertEquals(12, book.bidPrice(2));
    }

    @Test
    void matchesASortedMapReferenceUnderRandomConsistentUpdatesAndNeverCrosses()
    {
        final VenueBookModel venue = new VenueBookModel(11, 0, 50_000, 200);
        final LocalBook book = new LocalBook(5_000);
        book.apply(venue.snapshot());
        assertTrue(venue.matches(book));
        for (int i = 0; i < 10_000; i++)
        {
            book.apply(venue.next(1 + i % 12));
            assertFalse(book.isCrossed(), "event " + i);
            if (i % 97 == 0)
            {
                assertTrue(venue.matches(book), "event " + i);
            }
        }
        assertTrue(venue.matches(book));
        assertEquals(0, book.droppedLevels());
    }

    @Test
    void referenceMapOrderingIsBestFirst()
    {
        final TreeMap<Long, Long> bids = new TreeMap<>(Comparator.reverseOrder());
        bids.put(1L, 1L);
        bids.put(2L, 1L);
        final LocalBook book = new LocalBook(4);
        book.apply(event(new long[][] {{1, 1}, {2, 1}}, new long[][] {}));
        assertTrue(VenueBookModel.matches(bids, book, true));
    }

    static DepthEvent event(final long[][] bids, final long[][] asks)
    {
        final DepthEvent e = new DepthEvent();
        for (final long[] level : bids)
        {
            e.addBid(level[0], level[1]);
        }
        for (final long[] level : asks)
        {
            e.addAsk(level[0], level[1]);
        }
        return e;
    }
}
