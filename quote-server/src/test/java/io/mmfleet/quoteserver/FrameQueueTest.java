package io.mmfleet.quoteserver;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrameQueueTest
{
    @Test
    void handsFramesOverInOrderAndDropsWhenFullUntilDrained()
    {
        final FrameQueue queue = new FrameQueue(16);
        for (int i = 0; i < 16; i++)
        {
            assertTrue(queue.offer(1, "frame " + i, 1000 + i));
        }
        assertFalse(queue.offer(1, "one too many", 2000), "bounded: the 17th is dropped");
        final List<String> seen = new ArrayList<>();
        final List<VenueFrame> holders = new ArrayList<>();
        assertEquals(10, queue.drain(frame ->
        {
            seen.add(frame.text + "@" + frame.arrivalEpochNs);
            holders.add(frame);
        }, 10));
        assertEquals("frame 0@1000", seen.get(0));
        assertEquals("frame 9@1009", seen.get(9));
        assertNull(holders.get(0).text, "a drained holder lets go of its text");
        assertTrue(queue.offer(2, "after drain", 3000), "drained holders are reused");
        seen.clear();
        queue.drain(frame -> seen.add(frame.connectionId + ":" + frame.text), 100);
        assertEquals(7, seen.size());
        assertEquals("2:after drain", seen.get(6));
    }
}
