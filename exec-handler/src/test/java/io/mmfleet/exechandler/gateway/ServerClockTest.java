package io.mmfleet.exechandler.gateway;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServerClockTest
{
    @Test
    void offsetIsServerTimeMinusTheMidpointOfTheExchange()
    {
        final ServerClock clock = new ServerClock();
        assertFalse(clock.isSynced());
        // Sent at 1000, answered at 1040 local; the venue said 6020: venue clock is 5000 ahead.
        assertTrue(clock.onSample(1_000, 1_040, 6_020));
        assertTrue(clock.isSynced());
        assertEquals(5_000, clock.offsetMs());
        assertEquals(15_000, clock.venueTimeMs(10_000));
    }

    @Test
    void aSlowSampleDoesNotSpoilARecentGoodOneButAnOldOneIsReplaced()
    {
        final ServerClock clock = new ServerClock();
        clock.onSample(1_000, 1_010, 2_005);
        assertFalse(clock.onSample(2_000, 3_000, 9_999), "a 1 s round trip after a 10 ms one");
        assertEquals(1_000, clock.offsetMs());
        assertTrue(clock.onSample(700_000, 701_000, 701_500), "the good sample is ten minutes old");
        assertEquals(1_000, clock.offsetMs());
        assertTrue(clock.onSample(702_000, 702_004, 703_002));
        assertEquals(1_000, clock.offsetMs());
    }
}
