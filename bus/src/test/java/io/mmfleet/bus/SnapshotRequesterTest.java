package io.mmfleet.bus;

import io.mmfleet.sbe.MessageHeaderDecoder;
import io.mmfleet.sbe.SnapshotCompleteDecoder;
import io.mmfleet.sbe.SnapshotCompleteEncoder;
import io.mmfleet.sbe.SnapshotRequestDecoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.zeromq.ZContext;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The requester driven directly: gaps come from a {@link StreamTracker} fed by hand, completions are
 * encoded here, and each request is read back from the publisher's send buffer (the PUB socket has
 * no subscriber; what it sends is not the point).
 */
class SnapshotRequesterTest
{
    private static final int SELF = 4;
    private static final int OWNER = 3;
    private static final long OWNER_RUN = 500;
    private static final long INTERVAL_NS = 1_000;
    private static final byte[] EXEC = "exec.binance".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ACCT = "acct.binance".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MD = "md.binance.ETH-USDC".getBytes(StandardCharsets.US_ASCII);

    private final ZContext zmq = new ZContext(1);
    private long nowNs = 1_000_000;
    private final BusPublisher publisher = new BusPublisher(zmq, "tcp://127.0.0.1:*", SELF, 600, 1000, () -> nowNs);
    private final List<String> resynced = new ArrayList<>();
    private final List<String> givenUp = new ArrayList<>();
    private final UnsafeBuffer completeBuffer = new UnsafeBuffer(new byte[256]);
    private final SnapshotCompleteDecoder completeDecoder = new SnapshotCompleteDecoder();
    private SnapshotRequester requester = requester(8, 100);
    private StreamTracker tracker = new StreamTracker(requester);

    @AfterEach
    void close()
    {
        zmq.close();
    }

    private SnapshotRequester requester(final int maxInFlight, final int maxAttempts)
    {
        return new SnapshotRequester(publisher, List.of("exec.", "acct."), maxInFlight, INTERVAL_NS, maxAttempts,
            (owner, topic, last) -> resynced.add(owner + ":" + topic + ":" + last),
            (owner, topic, attempts) -> givenUp.add(owner + ":" + topic + ":" + attempts),
            () -> nowNs);
    }

    private void use(final int maxInFlight, final int maxAttempts)
    {
        requester = requester(maxInFlight, maxAttempts);
        tracker = new StreamTracker(requester);
    }

    private void receive(final byte[] topic, final long... sequences)
    {
        for (final long sequence : sequences)
        {
            tracker.onMessage(OWNER, topic, topic.length, OWNER_RUN, sequence);
        }
    }

    /** The last message published, which must be a snapshot request: "id:owner:topic". */
    private String lastRequest()
    {
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(publisher.buffer(), 0);
        assertEquals(SnapshotRequestDecoder.TEMPLATE_ID, header.templateId());
        final SnapshotRequestDecoder request = new SnapshotRequestDecoder()
            .wrap(publisher.buffer(), Envelope.HEADER_LENGTH, header.blockLength(), header.version());
        return request.requestId() + ":" + request.ownerSourceId() + ":" + request.topic();
    }

    private SnapshotCompleteDecoder complete(final long requestId, final int requester, final long lastSequence, final int count, final String topic)
    {
        final SnapshotCompleteEncoder encoder = new SnapshotCompleteEncoder().wrap(completeBuffer, 0)
            .requestId(requestId)
            .requesterSourceId(requester)
            .lastSequence(lastSequence)
            .messageCount(count)
            .topic(topic);
        return completeDecoder.wrap(completeBuffer, 0, SnapshotCompleteEncoder.BLOCK_LENGTH, SnapshotCompleteEncoder.SCHEMA_VERSION);
    }

    @Test
    void aGapAsksTheOwnerAndACompleteAnswerResyncs()
    {
        receive(EXEC, 1, 2, 5);
        assertEquals("1:3:exec.binance", lastRequest());
        receive(EXEC, 6, 7, 8); // two republished messages, then the completion
        assertTrue(requester.onSnapshotComplete(OWNER, complete(1, SELF, 7, 2, "exec.binance")));
        assertEquals(List.of("3:exec.binance:7"), resynced);
        assertEquals(0, requester.inFlight());
    }

    @Test
    void aGapInTheRepublishedStateMakesItAskAgainInsteadOfReportingResynced()
    {
        receive(EXEC, 1, 2, 5);
        assertEquals("1:3:exec.binance", lastRequest());
        receive(EXEC, 7, 8); // republished 6 and 7, 6 dropped in the burst; 8 is the completion
        assertTrue(requester.onSnapshotComplete(OWNER, complete(1, SELF, 7, 2, "exec.binance")));
        assertEquals(List.of(), resynced, "state message 6 is missing");
        assertEquals(2, requester.requestsSent());
        assertEquals("2:3:exec.binance", lastRequest());
        assertEquals(1, requester.inFlight());
        assertEquals(1, requester.answersDiscarded());

        receive(EXEC, 9, 10, 11);
        assertFalse(requester.onSnapshotComplete(OWNER, complete(1, SELF, 7, 2, "exec.binance")), "a resend's answer to the first request");
        assertTrue(requester.onSnapshotComplete(OWNER, complete(2, SELF, 10, 2, "exec.binance")));
        assertEquals(List.of("3:exec.binance:10"), resynced);
        assertEquals(0, requester.inFlight());
    }

    @Test
    void aLostRepublishedStateNoticedOnTheCompletionItselfMakesItAskAgain()
    {
        receive(EXEC, 1, 2, 5);
        receive(EXEC, 8); // 6 and 7 (the whole republished state) dropped; the gap shows on the completion
        assertTrue(requester.onSnapshotComplete(OWNER, complete(1, SELF, 7, 2, "exec.binance")));
        assertEquals(List.of(), resynced);
        assertEquals("2:3:exec.binance", lastRequest());
    }

    @Test
    void aGapBeforeTheRepublishedStateIsCoveredByIt()
    {
        receive(EXEC, 1, 2, 5);
        receive(EXEC, 7, 8, 9, 10); // live message 6 lost before the owner got the request; 8, 9 republished
        assertTrue(requester.onSnapshotComplete(OWNER, complete(1, SELF, 9, 2, "exec.binance")));
        assertEquals(List.of("3:exec.binance:9"), resynced);
        assertEquals(1, requester.requestsSent());
    }

    @Test
    void aGapOnAStreamWhoseStateDoesNotMatterAsksNothing()
    {
        receive(MD, 1, 5);
        assertEquals(1, tracker.totalGaps());
        assertEquals(0, requester.requestsSent());
    }

    @Test
    void whenEveryRequestSlotIsTakenTheStreamWaitsForOneInsteadOfBeingStuck()
    {
        use(1, 100);
        receive(EXEC, 1, 3);
        receive(ACCT, 1, 3);
        assertEquals(1, requester.requestsSent(), "no free slot: nothing sent that could not be retransmitted");
        assertEquals(1, requester.waitingForSlot());
        receive(ACCT, 5);
        assertEquals(1, requester.waitingForSlot(), "a stream waits once");
        assertEquals(0, requester.resendDue(nowNs));

        receive(EXEC, 4);
        assertTrue(requester.onSnapshotComplete(OWNER, complete(1, SELF, 3, 0, "exec.binance")));
        assertEquals(1, requester.resendDue(nowNs), "the freed slot goes to the waiting stream");
        assertEquals("2:3:acct.binance", lastRequest());
        assertEquals(0, requester.waitingForSlot());

        receive(ACCT, 6);
        assertTrue(requester.onSnapshotComplete(OWNER, complete(2, SELF, 5, 0, "acct.binance")));
        assertEquals(List.of("3:exec.binance:3", "3:acct.binance:5"), resynced);
    }

    @Test
    void aRequestGivenUpIsReportedFreesItsSlotAndTheNextGapAsksAgain()
    {
        use(1, 2);
        receive(EXEC, 1, 3);
        receive(ACCT, 1, 3);
        assertEquals(1, requester.resendDue(nowNs + INTERVAL_NS), "retransmitted");
        assertEquals(1, requester.resends());
        assertEquals(1, requester.resendDue(nowNs + 2 * INTERVAL_NS), "given up; the waiting stream takes the slot");
        assertEquals(List.of("3:exec.binance:2"), givenUp);
        assertEquals("2:3:acct.binance", lastRequest());

        assertTrue(requester.onSnapshotComplete(OWNER, complete(2, SELF, 3, 0, "acct.binance")));
        receive(EXEC, 5);
        assertEquals("3:3:exec.binance", lastRequest(), "the stream is not left pending forever");
    }

    @Test
    void requestIdsNeverMeetTheDaemonsOwnRequestIds()
    {
        final PendingRequests appRequests = new PendingRequests(4, INTERVAL_NS, 100, (id, topic, attempts) -> { });
        final PublishStream orders = publisher.stream(Topics.ORDER_REQUEST);
        assertTrue(appRequests.track(1, orders, publisher.buffer(), 0, Envelope.HEADER_LENGTH + 8, nowNs));

        receive(EXEC, 1, 3);
        assertEquals("1:3:exec.binance", lastRequest(), "the same id, in another space");
        assertEquals(1, requester.inFlight());
        assertTrue(appRequests.answered(1), "the daemon's answer does not touch the snapshot request");
        assertEquals(1, requester.resendDue(nowNs + INTERVAL_NS), "so it is still retransmitted");

        assertTrue(appRequests.track(1, orders, publisher.buffer(), 0, Envelope.HEADER_LENGTH + 8, nowNs));
        receive(EXEC, 4, 5);
        assertTrue(requester.onSnapshotComplete(OWNER, complete(1, SELF, 4, 0, "exec.binance")));
        assertTrue(appRequests.isPending(1), "the snapshot's answer does not answer the daemon's request");
    }

    @Test
    void anAnswerForAnotherTopicOrOwnerDoesNotResolveTheRequest()
    {
        receive(EXEC, 1, 3);
        // e.g. a late answer to a request of this daemon's previous run, whose ids started at 1 too
        assertFalse(requester.onSnapshotComplete(OWNER, complete(1, SELF, 9, 0, "acct.binance")));
        assertFalse(requester.onSnapshotComplete(OWNER, complete(1, SELF, 9, 0, "exec.binance.x")));
        assertFalse(requester.onSnapshotComplete(OWNER + 1, complete(1, SELF, 9, 0, "exec.binance")));
        assertFalse(requester.onSnapshotComplete(OWNER, complete(1, SELF + 1, 9, 0, "exec.binance")), "another requester's");
        assertEquals(List.of(), resynced);
        assertEquals(1, requester.inFlight());
        assertEquals(1, requester.resendDue(nowNs + INTERVAL_NS), "still awaited, still retransmitted");

        receive(EXEC, 4, 5);
        assertTrue(requester.onSnapshotComplete(OWNER, complete(1, SELF, 4, 0, "exec.binance")));
        assertEquals(List.of("3:exec.binance:4"), resynced);
    }
}
