package io.mmfleet.oms.core;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClientOrderIdsTest
{
    /** Binance's newClientOrderId rule. */
    private static final Pattern BINANCE = Pattern.compile("^[\\.A-Z\\:/a-z0-9_-]{1,36}$");

    @Test
    void idsFollowBinancesRuleAndReadBackToTheirCounter()
    {
        final ClientOrderIds ids = new ClientOrderIds(1_763_700_000_123_456_789L);
        final StringBuilder id = new StringBuilder();
        assertEquals(1, ids.next(7, id));
        assertEquals("7." + Long.toString(1_763_700_000_123_456_789L, 36) + ".1", id.toString());
        for (long expected = 2; expected < 5000; expected++)
        {
            assertEquals(expected, ids.next(65535, id));
            assertTrue(BINANCE.matcher(id).matches(), id.toString());
            assertTrue(ClientOrderIds.isValid(id));
            assertEquals(expected, ids.counterOf(id));
        }
    }

    @Test
    void theLongestIdFitsThirtySixCharacters()
    {
        final ClientOrderIds ids = new ClientOrderIds(-1L);
        final String longest = "65535." + Long.toUnsignedString(-1L, 36) + "." + Long.toString(Long.MAX_VALUE, 36);
        assertEquals(33, longest.length());
        assertTrue(BINANCE.matcher(longest).matches());
        assertEquals(Long.MAX_VALUE, ids.counterOf(longest));
    }

    @Test
    void idsAreUniqueAcrossRestartsBecauseTheRunIdChanges()
    {
        final Set<String> seen = new HashSet<>();
        final StringBuilder id = new StringBuilder();
        final long[] runIds = {1_763_700_000_000_000_000L, 1_763_700_000_000_000_001L, 1_763_699_000_000_000_000L};
        for (final long runId : runIds)
        {
            final ClientOrderIds ids = new ClientOrderIds(runId);
            for (int i = 0; i < 10_000; i++)
            {
                ids.next(i % 3, id);
                assertTrue(seen.add(id.toString()), "repeated " + id);
            }
        }
        assertEquals(30_000, seen.size());
    }

    @Test
    void anIdOfAnotherRunOrAnyOtherTextIsNotThisRuns()
    {
        final ClientOrderIds previous = new ClientOrderIds(41);
        final ClientOrderIds current = new ClientOrderIds(42);
        final StringBuilder id = new StringBuilder();
        previous.next(1, id);
        assertEquals(ClientOrderIds.NOT_THIS_RUN, current.counterOf(id));
        for (final String other : new String[] {"", "1", "1.", "1.16", "1.16.", "1.16.0", "1.16.A", "1.16.1x!", "123456.16.1", "x.16.1",
            "1.16.zzzzzzzzzzzzzz", "1.16.1y2p0ij32e8e8"})
        {
            assertEquals(ClientOrderIds.NOT_THIS_RUN, current.counterOf(other), other);
        }
        assertEquals(1, current.counterOf("1.16.1"));
        assertFalse(ClientOrderIds.isValid(""));
        assertFalse(ClientOrderIds.isValid("a b"));
        assertFalse(ClientOrderIds.isValid("x".repeat(37)));
        assertThrows(IllegalArgumentException.class, () -> current.next(65536, id));
    }
}
