package io.mmfleet.bus;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DuplicateFilterTest
{
    @Test
    void aResendIsRecognisedPerSourceAndRun()
    {
        final DuplicateFilter filter = new DuplicateFilter(8);
        assertTrue(filter.firstTime(1, 100, 42));
        assertFalse(filter.firstTime(1, 100, 42));
        assertTrue(filter.firstTime(2, 100, 42), "another source's id space");
        assertTrue(filter.firstTime(1, 101, 42), "a restarted source starts a new id space");
        assertFalse(filter.firstTime(1, 100, 43), "a straggler from the older run is never acted on");
    }

    @Test
    void aLowerRunIdNotSeenBeforeIsARestartSinceTheClockMayHaveBeenSteppedBack()
    {
        final DuplicateFilter filter = new DuplicateFilter(8);
        assertTrue(filter.firstTime(1, 5_000, 1));
        assertTrue(filter.firstTime(1, 4_000, 1), "the restarted source's first request is acted on");
        assertTrue(filter.firstTime(1, 4_000, 2));
        assertFalse(filter.firstTime(1, 4_000, 2), "a resend within the new run is still recognised");
        assertFalse(filter.firstTime(1, 5_000, 3), "a straggler of the run it left is never acted on");
        assertTrue(filter.firstTime(1, 4_000, 3), "and it did not switch the source back");
        assertFalse(filter.firstTime(1, 4_000, 1), "nor clear the new run's window");
    }

    @Test
    void stragglersOfEachOfTheLastFewRunsAreRecognised()
    {
        final DuplicateFilter filter = new DuplicateFilter(8);
        for (long run = 10; run >= 6; run--)
        {
            assertTrue(filter.firstTime(1, run, 1), "run " + run);
        }
        for (long run = 10; run >= 7; run--)
        {
            assertFalse(filter.firstTime(1, run, 99), "straggler of run " + run);
        }
        assertTrue(filter.firstTime(1, 6, 99), "the current run is unaffected");
    }

    @Test
    void theWindowIsBounded()
    {
        final DuplicateFilter filter = new DuplicateFilter(4);
        for (long id = 1; id <= 5; id++)
        {
            assertTrue(filter.firstTime(1, 7, id));
        }
        assertTrue(filter.firstTime(1, 7, 1), "id 1 fell out of a window of 4");
        assertFalse(filter.firstTime(1, 7, 5));
        assertFalse(filter.firstTime(1, 7, 3));
    }

    @Test
    void rejectsANonPositiveWindow()
    {
        assertThrows(IllegalArgumentException.class, () -> new DuplicateFilter(0));
    }
}
