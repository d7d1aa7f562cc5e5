package io.mmfleet.bus;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class StreamTrackerTest
{
    private static final byte[] EXEC = "exec.binance".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MD = "md.binance.ETH-USDC".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HB = "hb.exec-handler".getBytes(StandardCharsets.US_ASCII);

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
        tracker.onMessage(3, MD, MD.length, 100, 9);
        final StreamState restarted = tracker.onMessage(3, EXEC, EXEC.length, 200, 1);
        assertEquals(1, restarted.restarts());
        assertEquals(0, restarted.gaps());
        assertEquals(200, restarted.runId());

        final StreamState lateJoin = tracker.onMessage(3, MD, MD.length, 200, 4);
        assertEquals(1, lateJoin.restarts());
        assertEquals(1, lateJoin.gaps());
        assertEquals(3, lateJoin.missed());
    }

    @Test
    void stragglersFromAnOlderRunAreIgnored()
    {
        tracker.onMessage(3, EXEC, EXEC.length, 100, 5);
        tracker.onMessage(3, EXEC, EXEC.length, 200, 1);
        assertNull(tracker.onMessage(3, EXEC, EXEC.length, 100, 6));
        final StreamState state = tracker.onMessage(3, EXEC, EXEC.length, 200, 2);
        assertEquals(0, state.gaps());
        assertEquals(1, state.duplicates());
    }

    @Test
    void aLowerRunIdNotSeenBeforeIsARestartSinceTheClockMayHaveBeenSteppedBack()
    {
        tracker.onMessage(3, EXEC, EXEC.length, 5_000, 41);
        final StreamState restarted = tracker.onMessage(3, EXEC, EXEC.length, 4_000, 1);
        assertNotNull(restarted, "the restarted source's messages are not dropped");
        assertEquals(1, restarted.restarts());
        assertEquals(4_000, restarted.runId());
        assertEquals(1, restarted.lastSequence());
        assertSame(restarted, tracker.onMessage(3, EXEC, EXEC.length, 4_000, 2));
        assertEquals(0, restarted.gaps());
        assertEquals(List.of(), gaps);
    }

    @Test
    void lateMessagesOfThePreviousRunDoNotSwitchTheStreamBack()
    {
        tracker.onMessage(3, EXEC, EXEC.length, 5_000, 41);
        tracker.onMessage(3, EXEC, EXEC.length, 4_000, 1);
        assertNull(tracker.onMessage(3, EXEC, EXEC.length, 5_000, 42), "late on the old connection");
        tracker.onHeartbeatStream(3, EXEC, EXEC.length, 5_000, 43);
        final StreamState state = tracker.onMessage(3, EXEC, EXEC.length, 4_000, 2);
        assertEquals(4_000, state.runId());
        assertEquals(2, state.lastSequence());
        assertEquals(1, state.restarts());
        assertEquals(0, state.gaps());
        assertEquals(List.of(), gaps);
    }

    @Test
    void aRunTheSourceLeftIsStaleOnEveryStreamOfTheSource()
    {
        tracker.onMessage(3, EXEC, EXEC.length, 5_000, 41);
        tracker.onMessage(3, MD, MD.length, 5_000, 9);
        tracker.onMessage(3, EXEC, EXEC.length, 4_000, 1);
        // md has not seen the new run yet, but the source has: its old run's messages are stragglers
        assertNull(tracker.onMessage(3, MD, MD.length, 5_000, 10));
        final StreamState md = tracker.onMessage(3, MD, MD.length, 4_000, 1);
        assertEquals(4_000, md.runId());
        assertEquals(1, md.restarts());
        assertEquals(List.of(), gaps);
    }

    @Test
    void aStreamNewSinceAHeartbeatOfItsRunMustStartAtOne()
    {
        tracker.onMessage(3, HB, HB.length, 100, 1);
        tracker.onHeartbeatStream(3, HB, HB.length, 100, 0); // the heartbeat lists only itself
        final StreamState state = tracker.onMessage(3, EXEC, EXEC.length, 100, 3);
        assertEquals(3, state.lastSequence());
        assertEquals(1, state.gaps());
        assertEquals(2, state.missed());
        assertEquals(1, gaps.size());
        assertEquals(1, gaps.get(0)[1]);
        assertEquals(2, gaps.get(0)[2]);
    }

    @Test
    void aStreamNewSinceAHeartbeatThatStartsAtOneIsNoGap()
    {
        tracker.onMessage(3, HB, HB.length, 100, 1);
        tracker.onHeartbeatStream(3, HB, HB.length, 100, 0);
        assertEquals(1, tracker.onMessage(3, EXEC, EXEC.length, 100, 1).lastSequence());
        assertEquals(List.of(), gaps);
    }

    @Test
    void aStreamMetBeforeAnyHeartbeatOfTheCurrentRunIsTakenAsItStands()
    {
        tracker.onMessage(3, HB, HB.length, 100, 1);
        tracker.onHeartbeatStream(3, HB, HB.length, 100, 0);
        tracker.onMessage(3, HB, HB.length, 200, 1); // restarted; its first heartbeat is not decoded yet
        final StreamState state = tracker.onMessage(3, EXEC, EXEC.length, 200, 3);
        assertEquals(3, state.lastSequence());
        assertEquals(0, state.gaps());

        tracker.onHeartbeatStream(3, HB, HB.length, 200, 0);
        tracker.onHeartbeatStream(3, EXEC, EXEC.length, 200, 3);
        final StreamState newer = tracker.onMessage(3, MD, MD.length, 200, 2);
        assertEquals(1, newer.gaps(), "new since the run's heartbeat");
        assertEquals(0, state.gaps());
    }

    @Test
    void aHeartbeatOfAnotherSourceSaysNothingAboutThisOne()
    {
        tracker.onMessage(4, HB, HB.length, 100, 1);
        tracker.onHeartbeatStream(4, HB, HB.length, 100, 0);
        assertEquals(0, tracker.onMessage(3, EXEC, EXEC.length, 100, 3).gaps());
        assertEquals(List.of(), gaps);
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
