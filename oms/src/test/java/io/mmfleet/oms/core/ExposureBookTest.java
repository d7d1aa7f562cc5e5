package io.mmfleet.oms.core;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExposureBookTest
{
    private static final long T0 = OmsFixture.T0;
    private final ExposureBook book = new ExposureBook();

    @Test
    void fillsSinceAPositionCountUntilAPositionIncludesThem()
    {
        book.onPosition(1, 1, 7, 10, 0, 5, 100, T0);
        book.onFill(1, 1, 7, 3, 5, 101);
        book.onFill(1, 1, 7, -1, 5, 102);
        assertEquals(12, book.existingPair(1, 1).position());
        book.onPosition(1, 1, 7, 13, 0, 5, 101, T0);
        assertEquals(12, book.existingPair(1, 1).position(), "13 as of 101, plus the sell at 102 not yet in it");
        book.onPosition(1, 1, 7, 12, 0, 5, 102, T0);
        assertEquals(12, book.existingPair(1, 1).position());
    }

    @Test
    void strategiesAddUpPerVenueAndInstrument()
    {
        book.onPosition(1, 1, 7, 10, 0, 5, 1, T0);
        book.onPosition(1, 1, 8, -4, 0, 5, 1, T0);
        book.onPosition(2, 1, 7, 100, 0, 6, 1, T0);
        book.onFill(1, 1, 8, 2, 5, 2);
        assertEquals(8, book.existingPair(1, 1).position());
        assertEquals(100, book.existingPair(2, 1).position());
    }

    @Test
    void aPositionOfANewExecRunTakesEveryFillOfOtherRunsAsIncluded()
    {
        book.onPosition(1, 1, 7, 0, 0, 5, 10, T0);
        book.onFill(1, 1, 7, 4, 5, 11);
        book.onFill(1, 1, 7, 1, 6, 1);
        assertEquals(5, book.existingPair(1, 1).position());
        book.onPosition(1, 1, 7, 4, 0, 6, 0, T0);
        assertEquals(5, book.existingPair(1, 1).position(), "run 6's first fill is still after its position");
    }

    @Test
    void pastItsCapacityASlotMergesFillsAndNeverUndercounts()
    {
        book.onPosition(1, 1, 7, 0, 0, 5, 0, T0);
        final int fills = ExposureBook.FILLS_SINCE_CAPACITY + 10;
        for (int i = 1; i <= fills; i++)
        {
            book.onFill(1, 1, 7, 1, 5, i);
        }
        assertEquals(fills, book.existingPair(1, 1).position());
        book.onPosition(1, 1, 7, fills - 20, 0, 5, fills - 20, T0);
        assertTrue(book.existingPair(1, 1).position() >= fills, "merged fills leave late, never early");
        book.onPosition(1, 1, 7, fills, 0, 5, fills, T0);
        assertEquals(fills, book.existingPair(1, 1).position());
    }

    @Test
    void freshnessComesFromThePositionServer()
    {
        assertTrue(book.isPositionStale(T0, 1));
        book.onPositionSourceFresh(T0);
        assertFalse(book.isPositionStale(T0 + 1, 1));
        assertTrue(book.isPositionStale(T0 + 2, 1));
        book.onPositionSourceFresh(T0 - 10);
        assertFalse(book.isPositionStale(T0 + 1, 1), "an older report does not age it");
    }
}
