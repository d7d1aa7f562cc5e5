package io.mmfleet.positionserver;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FillsAwaitingAssetsTest
{
    private final FillsAwaitingAssets awaiting = new FillsAwaitingAssets();

    private boolean hold(final int venueId, final int instrumentId, final long sequence, final byte... body)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
        buffer.putBytes(10, body);
        return awaiting.hold(venueId, instrumentId, buffer, 10, body.length, 40, 1, 99, sequence, 5);
    }

    @Test
    void releasesCopiesOfAVenuesReportsInArrivalOrderUpToTheFirstStillUndefined()
    {
        assertTrue(hold(1, 1, 3, (byte)'a'));
        assertTrue(hold(2, 5, 4, (byte)'x'));
        assertTrue(hold(1, 1, 5, (byte)'c', (byte)'d'));
        assertTrue(hold(1, 2, 6, (byte)'e'));
        assertTrue(hold(1, 1, 7, (byte)'f'));
        assertTrue(awaiting.holdsVenue(1));
        assertFalse(awaiting.holdsVenue(3));

        // Instrument 1 of venue 1 defined: its first two go, the third waits behind instrument 2's.
        final List<FillsAwaitingAssets.Held> released = new ArrayList<>();
        assertEquals(2, awaiting.release(1, held -> held.instrumentId() == 1, released::add));
        assertEquals(List.of(3L, 5L), released.stream().map(FillsAwaitingAssets.Held::sequence).toList());
        final byte[] second = new byte[2];
        released.get(1).message().getBytes(released.get(1).offset(), second);
        assertArrayEquals(new byte[] {'c', 'd'}, second);
        assertEquals(99, released.get(0).runId());
        assertEquals(5, released.get(0).originNs());
        assertEquals(3, awaiting.size());

        released.clear();
        assertEquals(2, awaiting.release(1, held -> true, released::add));
        assertEquals(List.of(6L, 7L), released.stream().map(FillsAwaitingAssets.Held::sequence).toList());
        assertFalse(awaiting.holdsVenue(1));
        assertTrue(awaiting.holdsVenue(2), "another venue's reports are not touched");
        assertEquals(1, awaiting.size());
    }

    @Test
    void refusesPastItsCapacity()
    {
        for (int i = 0; i < FillsAwaitingAssets.CAPACITY; i++)
        {
            assertTrue(hold(1, 1, i, (byte)1));
        }
        assertFalse(hold(1, 1, -1, (byte)1));
        assertEquals(FillsAwaitingAssets.CAPACITY, awaiting.size());
    }
}
