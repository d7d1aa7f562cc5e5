package io.mmfleet.bus;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class StreamTrackerTest
{
    private static final byte[] EXEC = "exec.binance".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MD = "md.binance.ETH-USDC".getBytes(StandardCharsets.US_ASCII);

    private final List<long[]> gaps = new ArrayList<>();
    private final StreamTracker tracker = new StreamTracker((stream, from, to) -> gaps.add(new long[] {stream.sourceId(), from, to}));

    @Test
    void firstMessageOfAStreamIsABaselineNotAGap()
    {
        final StreamState state = tracker.onMessage(3, EXEC, EXEC.length, 100, 57);
        assertEquals(57, state.lastSequence());
        assertEquals(0, state.gaps());
        assertEquals(List.of(), gaps);
    }

    @Test
    void contiguousSequencesAreNotGapsAndMissingOnesAre()
    {
        tracker.onMessage(3, EXEC, EXEC.length, 100, 1);
        tracker.onMessage(3, EXEC, EXEC.length, 100, 2);
        final StreamState state = tracker.onMessage(3, EXEC, EXEC.length, 100, 6);
        assertEquals(1, state.gaps());
        assertEquals(3, state.missed());
        assertEquals(1, gaps.size());
        assertEquals(3, gaps.get(0)[1]);
        assertEquals(5, gaps.get(0)[2]);
        assertEquals(3, tracker.totalMissed());
    }

    @Test
    void streamsAreKeyedBySourceAndTopic()
    {
        tracker.onMessage(3, EXEC, EXEC.length, 100, 1);
        tracker.onMessage(4, EXEC, EXEC.length, 200, 10);
        tracker.onMessage(3, MD, MD.length, 100, 1);
        tracker.onMessage(3, EXEC, EXEC.length, 100, 2);
        tracker.onMessage(4, EXEC, EXEC.length, 200, 11);
        tracker.onMessage(3, MD, MD.length, 100, 2);
        assertEquals(3, tracker.streamCount());
        assertEquals(0, tracker.totalGaps());
    }

    @Test
    void aRestartIsNotAGapButTheNewRunsMissedMessagesAre()
    {
        tracker.onMessage(3, EXEC, EXEC.length, 100, 41);
        final StreamState restarted = tracker.onMessage(3, EXEC, EXEC.length, 200, 1);
        assertEquals(1, restarted.restarts());
        assertEquals(0, restarted.gaps());
        assertEquals(200, restarted.runId());

        tracker.onMessage(3, MD, MD.length, 100, 9);
        final StreamState lateJoin = tracker.onMessage(3, MD, MD.length, 200, 4);
        assertEquals(1, lateJoin.restarts());
        assertEquals(1, lateJoin.gaps());
        assertEquals(3, lateJoin.missed());
    }

    @Test
    void stragglersFromAnOlderRunAreIgnored()
    {
        tracker.onMessage(3, EXEC, EXEC.length, 200, 5);
        assertNull(tracker.onMessage(3, EXEC, EXEC.length, 100, 6));
        final StreamState state = tracker.onMessage(3, EXEC, EXEC.length, 200, 6);
        assertEquals(0, state.gaps());
        assertEquals(1, state.duplicates());
    }

    @Test
    void duplicatesAreCountedAndDoNotMoveTheSequenceBack()
    {
        tracker.onMessage(3, EXEC, EXEC.length, 100, 5);
        final StreamState state = tracker.onMessage(3, EXEC, EXEC.length, 100, 3);
        assertEquals(5, state.lastSequence());
        assertEquals(1, state.duplicates());
    }

    @Test
    void heartbeatRevealsALostLastMessage()
    {
        tracker.onMessage(3, EXEC, EXEC.length, 100, 7);
        tracker.onHeartbeatStream(3, EXEC, EXEC.length, 100, 9);
        final StreamState state = tracker.find(3, EXEC, EXEC.length);
        assertEquals(1, state.gaps());
        assertEquals(2, state.missed());
        assertEquals(9, state.lastSequence());
        tracker.onHeartbeatStream(3, EXEC, EXEC.length, 100, 9);
        assertEquals(1, state.gaps());
        tracker.onMessage(3, EXEC, EXEC.length, 100, 10);
        assertEquals(1, state.gaps());
    }

    @Test
    void heartbeatOfAnUnseenStreamSetsItsBaseline()
    {
        tracker.onHeartbeatStream(3, EXEC, EXEC.length, 100, 12);
        final StreamState state = tracker.onMessage(3, EXEC, EXEC.length, 100, 13);
        assertEquals(0, state.gaps());
        assertSame(state, tracker.find(3, EXEC, EXEC.length));
    }

    @Test
    void manyStreamsGrowTheTableWithoutLosingAny()
    {
        for (int source = 1; source <= 300; source++)
        {
            tracker.onMessage(source, EXEC, EXEC.length, 1, 1);
        }
        for (int source = 1; source <= 300; source++)
        {
            assertEquals(1, tracker.onMessage(source, EXEC, EXEC.length, 1, 2).received() - 1);
        }
        assertEquals(300, tracker.streamCount());
        assertEquals(0, tracker.totalGaps());
    }
}
