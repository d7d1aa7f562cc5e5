package io.mmfleet.bus;

import io.mmfleet.bus.testing.Await;
import io.mmfleet.sbe.DaemonState;
import io.mmfleet.sbe.KillScope;
import io.mmfleet.sbe.KillSwitchDecoder;
import io.mmfleet.sbe.KillSwitchEncoder;
import io.mmfleet.sbe.MessageHeaderDecoder;
import io.mmfleet.sbe.SnapshotCompleteDecoder;
import io.mmfleet.sbe.SnapshotRequestDecoder;
import io.mmfleet.sbe.TradeDecoder;
import io.mmfleet.sbe.TradeEncoder;
import io.mmfleet.sbe.Side;
import org.agrona.DirectBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Publisher and subscriber over real TCP loopback sockets, in one JVM. */
class BusLoopbackTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final ZContext zmq = new ZContext(1);
    private final EpochClock clock = new EpochClock();
    private final List<String> received = new ArrayList<>();
    private final List<String> malformed = new ArrayList<>();
    private final List<long[]> gaps = new ArrayList<>();
    private final TradeDecoder trade = new TradeDecoder();
    private static final byte[] PROBE = "probe".getBytes(StandardCharsets.US_ASCII);
    private int probes;

    private static boolean isProbe(final TopicView topic)
    {
        return topic.equalsBytes(PROBE);
    }

    private final BusMessageHandler recorder = new BusMessageHandler()
    {
        @Override
        public void onMessage(final TopicView topic, final MessageHeaderDecoder header, final DirectBuffer buffer, final int length)
        {
            if (isProbe(topic))
            {
                probes++;
            }
            else if (header.templateId() == TradeDecoder.TEMPLATE_ID)
            {
                trade.wrap(buffer, Envelope.HEADER_LENGTH, header.blockLength(), header.version());
                received.add(topic + "#" + header.sequence() + ":" + trade.venueTradeId());
            }
        }

        @Override
        public void onMalformed(final TopicView topic, final DirectBuffer buffer, final int length, final String reason)
        {
            malformed.add(reason);
        }
    };

    @AfterEach
    void close()
    {
        zmq.close();
    }

    private BusPublisher publisher(final int sourceId, final long runId)
    {
        return new BusPublisher(zmq, "tcp://127.0.0.1:*", sourceId, runId, 100_000, clock);
    }

    private BusSubscriber subscriber(final String endpoint, final String... prefixes)
    {
        final BusSubscriber subscriber = new BusSubscriber(zmq, 100_000, (stream, from, to) -> gaps.add(new long[] {from, to}));
        subscriber.connect(endpoint);
        for (final String prefix : prefixes)
        {
            subscriber.subscribe(prefix);
        }
        return subscriber;
    }

    private static long publishTrade(final BusPublisher publisher, final PublishStream stream, final long tradeId)
    {
        final TradeEncoder encoder = publisher.wrap(new TradeEncoder())
            .venueId(1)
            .instrumentId(7)
            .venueTradeId(tradeId)
            .aggressorSide(Side.BUY)
            .venueTimeNs(123);
        encoder.price().mantissa(300012).exponent((byte)-2);
        encoder.qty().mantissa(15).exponent((byte)-1);
        return publisher.publish(stream, encoder, 0);
    }

    /**
     * Subscriptions propagate asynchronously: publish probes on their own topic until one arrives.
     * Probes still in flight afterwards are told apart by their topic.
     */
    private void awaitConnected(final BusPublisher publisher, final BusSubscriber subscriber, final PublishStream ignored)
    {
        subscriber.subscribe("probe");
        final PublishStream probe = publisher.stream("probe");
        Await.until(() ->
        {
            publishTrade(publisher, probe, -1);
            subscriber.poll(recorder, 100);
            return probes > 0;
        }, TIMEOUT, () -> "subscription never took effect");
    }

    @Test
    void deliversInOrderWithTheEnvelope()
    {
        final BusPublisher publisher = publisher(5, 1000);
        final BusSubscriber subscriber = subscriber(publisher.boundEndpoint(), "md.");
        final PublishStream stream = publisher.stream("md.binance.ETH-USDC");
        awaitConnected(publisher, subscriber, stream);

        for (long id = 1; id <= 500; id++)
        {
            publishTrade(publisher, stream, id);
        }
        Await.until(() ->
        {
            subscriber.poll(recorder, 1000);
            return received.size() == 500;
        }, TIMEOUT, () -> "received " + received.size());
        for (int i = 0; i < 500; i++)
        {
            final long sequence = stream.lastSequence() - 499 + i;
            assertEquals("md.binance.ETH-USDC#" + sequence + ":" + (i + 1), received.get(i));
        }
        assertEquals(List.of(), gaps);
        assertEquals(List.of(), malformed);
    }

    @Test
    void filtersByTopicPrefix()
    {
        final BusPublisher publisher = publisher(5, 1000);
        final BusSubscriber subscriber = subscriber(publisher.boundEndpoint(), "exec.");
        final PublishStream exec = publisher.stream("exec.binance");
        final PublishStream md = publisher.stream("md.binance.ETH-USDC");
        awaitConnected(publisher, subscriber, exec);

        publishTrade(publisher, md, 1);
        publishTrade(publisher, exec, 2);
        Await.until(() ->
        {
            subscriber.poll(recorder, 10);
            return !received.isEmpty();
        }, TIMEOUT, () -> "nothing");
        assertEquals(1, received.size());
        assertTrue(received.get(0).startsWith("exec.binance#"));
    }

    @Test
    void malformedFramesAreReportedAndSurvived()
    {
        final BusPublisher publisher = publisher(5, 1000);
        final BusSubscriber subscriber = subscriber(publisher.boundEndpoint(), "");
        final PublishStream stream = publisher.stream("md.x");
        awaitConnected(publisher, subscriber, stream);

        final ZMQ.Socket raw = publisher.socket();
        raw.send("garbage-single-frame".getBytes(StandardCharsets.US_ASCII), 0);
        raw.send("md.x".getBytes(StandardCharsets.US_ASCII), ZMQ.SNDMORE);
        raw.send(new byte[] {1, 2, 3}, 0);
        final byte[] wrongSchema = new byte[Envelope.HEADER_LENGTH + 4];
        wrongSchema[4] = 1;
        wrongSchema[6] = 9; // version 9, schema id 0x0100: not ours
        raw.send("md.x".getBytes(StandardCharsets.US_ASCII), ZMQ.SNDMORE);
        raw.send(wrongSchema, 0);
        raw.send("md.x".getBytes(StandardCharsets.US_ASCII), ZMQ.SNDMORE);
        raw.send(new byte[] {1}, ZMQ.SNDMORE);
        raw.send(new byte[] {2}, 0);
        publishTrade(publisher, stream, 77);

        Await.until(() ->
        {
            subscriber.poll(recorder, 10);
            return !received.isEmpty();
        }, TIMEOUT, () -> "the good message after the garbage never arrived; malformed=" + malformed);
        assertEquals(List.of(
            BusSubscriber.REASON_SINGLE_FRAME,
            BusSubscriber.REASON_SHORT_HEADER,
            BusSubscriber.REASON_WRONG_SCHEMA,
            BusSubscriber.REASON_EXTRA_FRAMES), malformed);
        assertEquals(4, subscriber.malformed());
        assertTrue(received.get(0).endsWith(":77"));
    }

    @Test
    void aHandlerThatCannotDecodeIsCountedNotFatal()
    {
        final BusPublisher publisher = publisher(5, 1000);
        final BusSubscriber subscriber = subscriber(publisher.boundEndpoint(), "");
        final PublishStream stream = publisher.stream("md.x");
        awaitConnected(publisher, subscriber, stream);
        publishTrade(publisher, stream, 1);
        final List<String> reasons = new ArrayList<>();
        Await.until(() ->
        {
            subscriber.poll(new BusMessageHandler()
            {
                @Override
                public void onMessage(final TopicView topic, final MessageHeaderDecoder header, final DirectBuffer buffer, final int length)
                {
                    if (isProbe(topic))
                    {
                        return;
                    }
                    buffer.getLong(length); // reads past the message: must fail, the buffer is cut to the message
                }

                @Override
                public void onMalformed(final TopicView topic, final DirectBuffer buffer, final int length, final String reason)
                {
                    reasons.add(reason);
                }
            }, 10);
            return !reasons.isEmpty();
        }, TIMEOUT, () -> "no report");
        assertEquals(List.of(BusSubscriber.REASON_UNDECODABLE), reasons);
        assertEquals(1, subscriber.handlerErrors());
    }

    @Test
    void aCorruptVarDataLengthIsUndecodableNotAnOutOfMemory()
    {
        final BusPublisher publisher = publisher(5, 1000);
        final BusSubscriber subscriber = subscriber(publisher.boundEndpoint(), "");
        final PublishStream stream = publisher.stream("ctl");
        awaitConnected(publisher, subscriber, stream);
        final KillSwitchEncoder kill = publisher.wrap(new KillSwitchEncoder()).commandId(1).scope(KillScope.ALL).reason("x");
        // The reason's length prefix claims the most a uint16 can: far past the frame.
        publisher.buffer().putShort(Envelope.HEADER_LENGTH + KillSwitchEncoder.BLOCK_LENGTH, (short)0xFFFF);
        publisher.publish(stream, kill, 0);
        final KillSwitchDecoder decoder = new KillSwitchDecoder();
        final List<String> reasons = new ArrayList<>();
        Await.until(() ->
        {
            subscriber.poll(new BusMessageHandler()
            {
                @Override
                public void onMessage(final TopicView topic, final MessageHeaderDecoder header, final DirectBuffer buffer, final int length)
                {
                    if (!isProbe(topic))
                    {
                        decoder.wrap(buffer, Envelope.HEADER_LENGTH, header.blockLength(), header.version()).reason();
                    }
                }

                @Override
                public void onMalformed(final TopicView topic, final DirectBuffer buffer, final int length, final String reason)
                {
                    reasons.add(reason);
                }
            }, 10);
            return !reasons.isEmpty();
        }, TIMEOUT, () -> "no report");
        assertEquals(List.of(BusSubscriber.REASON_UNDECODABLE), reasons);
    }

    @Test
    void streamsBeyondWhatOneHeartbeatCanListAreRefusedAtRegistration()
    {
        final BusPublisher publisher = publisher(5, 1000);
        int registered = 0;
        try
        {
            while (registered < 100_000)
            {
                publisher.stream(String.format("md.venue.INSTRUMENT-%06d", registered));
                registered++;
            }
        }
        catch (final IllegalStateException expected)
        {
            assertTrue(expected.getMessage().startsWith("too many streams for one heartbeat"), expected.getMessage());
        }
        assertTrue(registered > 1000 && registered < 100_000, "registered " + registered);
        final HeartbeatPublisher heartbeat = new HeartbeatPublisher(publisher, "oms", 1);
        assertTrue(heartbeat.publish(DaemonState.READY) > 0, "the heartbeat listing every stream still fits");
    }

    @Test
    void heartbeatRevealsALostLastMessage()
    {
        final BusPublisher publisher = publisher(5, 1000);
        final BusSubscriber subscriber = subscriber(publisher.boundEndpoint(), "exec.", "hb.");
        final PublishStream exec = publisher.stream("exec.binance");
        awaitConnected(publisher, subscriber, exec);
        publishTrade(publisher, exec, 1);
        exec.lastSequence++; // as if the PUB socket had dropped the next message at its high-water mark
        new HeartbeatPublisher(publisher, "exec-handler", 1).publish(DaemonState.READY);
        Await.until(() ->
        {
            subscriber.poll(recorder, 10);
            return !gaps.isEmpty();
        }, TIMEOUT, () -> "heartbeat did not reveal the lost message");
        assertEquals(exec.lastSequence(), gaps.get(0)[0]);
        assertEquals(exec.lastSequence(), gaps.get(0)[1]);
        assertTrue(subscriber.lastHeartbeatNs(5) > 0);
    }

    @Test
    void aStreamNewSinceTheLastHeartbeatWhoseFirstMessagesAreLostIsAGap()
    {
        final BusPublisher publisher = publisher(5, 1000);
        final BusSubscriber subscriber = subscriber(publisher.boundEndpoint(), "exec.", "hb.");
        awaitConnected(publisher, subscriber, null);
        new HeartbeatPublisher(publisher, "exec-handler", 1).publish(DaemonState.READY);
        Await.until(() ->
        {
            subscriber.poll(recorder, 10);
            return subscriber.lastHeartbeatNs(5) > 0;
        }, TIMEOUT, () -> "no heartbeat");
        final PublishStream exec = publisher.stream("exec.okx"); // registered after that heartbeat
        exec.lastSequence += 2; // its first two messages dropped at the high-water mark
        publishTrade(publisher, exec, 3);
        Await.until(() ->
        {
            subscriber.poll(recorder, 10);
            return !received.isEmpty();
        }, TIMEOUT, () -> "nothing received");
        assertEquals(List.of("exec.okx#3:3"), received);
        assertEquals(1, gaps.size(), "the lost first messages are noticed");
        assertEquals(1, gaps.get(0)[0]);
        assertEquals(2, gaps.get(0)[1]);
    }

    @Test
    void unansweredRequestsAreResentThenGivenUp()
    {
        final BusPublisher publisher = publisher(5, 1000);
        final BusSubscriber subscriber = subscriber(publisher.boundEndpoint(), "ord.");
        final PublishStream requests = publisher.stream("ord.req");
        awaitConnected(publisher, subscriber, requests);

        final List<Long> givenUp = new ArrayList<>();
        final PendingRequests pending = new PendingRequests(4, 1_000_000, 3, (id, topic, attempts) -> givenUp.add(id));
        publishTrade(publisher, requests, 42);
        assertTrue(pending.track(42, requests, publisher.buffer(), 0, Envelope.HEADER_LENGTH + TradeEncoder.BLOCK_LENGTH, 0));
        assertEquals(0, pending.resendDue(publisher, 999_999), "not due yet");
        assertEquals(1, pending.resendDue(publisher, 1_000_000));
        assertEquals(1, pending.resendDue(publisher, 2_000_000));
        assertEquals(0, pending.resendDue(publisher, 3_000_000), "third attempt was the last");
        assertEquals(List.of(42L), givenUp);
        assertEquals(0, pending.size());

        Await.until(() ->
        {
            subscriber.poll(recorder, 10);
            return received.size() == 3;
        }, TIMEOUT, () -> "received " + received);
        // The resends are new messages on the stream (new sequences), with the same request inside.
        assertTrue(received.stream().allMatch(r -> r.endsWith(":42")), received.toString());
        assertEquals(List.of(), gaps);
    }

    @Test
    void anAnsweredRequestIsNotResent()
    {
        final BusPublisher publisher = publisher(5, 1000);
        final PublishStream requests = publisher.stream("ord.req");
        final PendingRequests pending = new PendingRequests(2, 1_000, 5, (id, topic, attempts) -> { });
        publishTrade(publisher, requests, 1);
        pending.track(1, requests, publisher.buffer(), 0, Envelope.HEADER_LENGTH + TradeEncoder.BLOCK_LENGTH, 0);
        publishTrade(publisher, requests, 2);
        pending.track(2, requests, publisher.buffer(), 0, Envelope.HEADER_LENGTH + TradeEncoder.BLOCK_LENGTH, 0);
        assertTrue(!pending.track(3, requests, publisher.buffer(), 0, 10, 0), "full: back-pressure");
        assertTrue(pending.answered(1));
        assertTrue(!pending.answered(1), "answered twice");
        assertEquals(1, pending.resendDue(publisher, 10_000));
        assertTrue(pending.isPending(2));
    }

    @Test
    void aGapOnAReliableStreamIsRepairedBySnapshot()
    {
        final BusPublisher owner = publisher(3, 500);
        final BusPublisher requesterPublisher = publisher(4, 600);
        final List<String> resynced = new ArrayList<>();
        final SnapshotRequester requester = new SnapshotRequester(requesterPublisher, List.of("exec."), 8, 50_000_000, 100,
            (source, topic, last) -> resynced.add(source + ":" + topic + ":" + last), (source, topic, attempts) -> { }, System::nanoTime);
        final BusSubscriber requesterSub = new BusSubscriber(zmq, 1000, requester);
        requesterSub.connect(owner.boundEndpoint()).subscribe("exec.");
        final BusSubscriber ownerSub = subscriber(requesterPublisher.boundEndpoint(), Topics.SNAPSHOT_REQUEST);
        final PublishStream exec = owner.stream("exec.binance");
        final SnapshotResponder responder = new SnapshotResponder(owner, stream ->
        {
            publishTrade(owner, stream, 1000); // the owner's current state, republished
            return 1;
        });
        final SnapshotRequestDecoder requestDecoder = new SnapshotRequestDecoder();
        final SnapshotCompleteDecoder completeDecoder = new SnapshotCompleteDecoder();
        final BusMessageHandler ownerHandler = (topic, header, buffer, length) ->
        {
            if (header.templateId() != SnapshotRequestDecoder.TEMPLATE_ID)
            {
                return; // a straggling probe
            }
            requestDecoder.wrap(buffer, Envelope.HEADER_LENGTH, header.blockLength(), header.version());
            responder.onSnapshotRequest(header.sourceId(), requestDecoder);
        };
        final BusMessageHandler requesterHandler = (topic, header, buffer, length) ->
        {
            if (header.templateId() == SnapshotCompleteDecoder.TEMPLATE_ID)
            {
                completeDecoder.wrap(buffer, Envelope.HEADER_LENGTH, header.blockLength(), header.version());
                requester.onSnapshotComplete(header.sourceId(), completeDecoder);
            }
            else
            {
                recorder.onMessage(topic, header, buffer, length);
            }
        };
        Await.until(() ->
        {
            publishTrade(owner, exec, 1);
            requesterSub.poll(requesterHandler, 100);
            return !received.isEmpty();
        }, TIMEOUT, () -> "requester never connected");
        // the owner's SUB to the requester's PUB must be live before the request is sent
        final PublishStream probe = requesterPublisher.stream(Topics.SNAPSHOT_REQUEST);
        final int[] probes = {0};
        Await.until(() ->
        {
            publishTrade(requesterPublisher, probe, -1);
            return ownerSub.poll((t, h, b, l) -> probes[0]++, 100) > 0;
        }, TIMEOUT, () -> "owner never connected");

        exec.lastSequence += 3; // three execution reports lost
        publishTrade(owner, exec, 2);
        Await.until(() ->
        {
            requesterSub.poll(requesterHandler, 100);
            ownerSub.poll(ownerHandler, 100);
            requester.resendDue(System.nanoTime());
            return !resynced.isEmpty();
        }, TIMEOUT, () -> "no resync; gaps=" + requesterSub.streams().totalGaps() + " requests=" + requester.requestsSent());
        assertEquals(1, requester.requestsSent());
        assertTrue(received.get(received.size() - 1).endsWith(":1000"), "the republished state arrived before the completion");
        assertEquals("3:exec.binance:" + (exec.lastSequence() - 1), resynced.get(0));
        assertEquals(0, requester.inFlight());
    }
}
