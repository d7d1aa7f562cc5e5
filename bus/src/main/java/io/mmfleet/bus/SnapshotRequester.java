package io.mmfleet.bus;

import io.mmfleet.sbe.SnapshotCompleteDecoder;
import io.mmfleet.sbe.SnapshotRequestEncoder;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.NanoClock;

import java.util.ArrayDeque;
import java.util.List;

/**
 * The subscriber's half of gap recovery. A gap on a stream whose state matters (orders,
 * executions, accounts) makes it ask the stream's owner for a snapshot; the request is retransmitted
 * until the owner's {@code SnapshotComplete} for it arrives on the stream itself, after the
 * republished state. One request per stream at a time.
 *
 * <p>The republish is a burst, the very thing that makes PUB drop past its high-water mark, so a
 * completion only counts if none of the republished messages went missing; otherwise the stream is
 * asked again. Requests have their own retransmit queue, so their ids never meet the daemon's own
 * request ids; when it is full, further streams wait for a free slot rather than go unrecovered.
 *
 * <p>Single-threaded: call it from the thread that polls the subscriber and drives
 * {@link #resendDue}.
 */
public final class SnapshotRequester implements GapListener
{
    /** Told when a stream's state has been republished in full after a gap. */
    @FunctionalInterface
    public interface ResyncListener
    {
        void onResynced(int ownerSourceId, String topic, long lastSequence);
    }

    /** Told when a stream's snapshot request ran out of attempts; the stream's next gap asks again. */
    @FunctionalInterface
    public interface GiveUpListener
    {
        void onGiveUp(int ownerSourceId, String topic, int attempts);
    }

    /** A stream being recovered: its request in flight, and what it has lost since. */
    private static final class Recovery
    {
        final StreamState stream;
        long requestId;
        long runId;
        /**
         * Highest sequence of {@link #runId} that may be missing from an answer: the stream's last
         * sequence when the request was sent (the owner republishes after receiving it, so a true
         * answer lies wholly beyond), raised by every gap seen while the request is pending.
         */
        long lostUpTo;

        Recovery(final StreamState stream)
        {
            this.stream = stream;
        }

        void onLoss(final long runId, final long toSequence)
        {
            if (runId != this.runId)
            {
                // The owner restarted: what its previous run lost is gone with that run's state.
                this.runId = runId;
                lostUpTo = toSequence;
            }
            else
            {
                lostUpTo = Math.max(lostUpTo, toSequence);
            }
        }

        boolean lostAnyFrom(final long firstRepublished)
        {
            return stream.runId() == runId && lostUpTo >= firstRepublished;
        }
    }

    private final BusPublisher publisher;
    private final PendingRequests pending;
    private final int maxInFlight;
    private final List<String> reliablePrefixes;
    private final ResyncListener resyncListener;
    private final GiveUpListener giveUpListener;
    /** Monotonic, like the duty cycle's clock that calls {@link #resendDue}. */
    private final NanoClock clock;
    private final PublishStream requestStream;
    private final SnapshotRequestEncoder encoder = new SnapshotRequestEncoder();
    private final Long2ObjectHashMap<Recovery> recoveryByRequestId = new Long2ObjectHashMap<>();
    private final ArrayDeque<StreamState> waitingForSlot = new ArrayDeque<>();
    private final byte[] completeTopic = new byte[Envelope.MAX_TOPIC_LENGTH];
    private long nextRequestId = 1;
    private long requestsSent;
    private long answersDiscarded;

    /**
     * @param maxInFlight          requests awaiting an answer at once; more streams wait for a slot.
     * @param retransmitIntervalNs time between retransmissions of an unanswered request.
     * @param maxAttempts          sends of a request before it is given up.
     */
    public SnapshotRequester(
        final BusPublisher publisher,
        final List<String> reliablePrefixes,
        final int maxInFlight,
        final long retransmitIntervalNs,
        final int maxAttempts,
        final ResyncListener resyncListener,
        final GiveUpListener giveUpListener,
        final NanoClock clock)
    {
        this.publisher = publisher;
        this.pending = new PendingRequests(maxInFlight, retransmitIntervalNs, maxAttempts, this::onRequestGivenUp);
        this.maxInFlight = maxInFlight;
        this.reliablePrefixes = List.copyOf(reliablePrefixes);
        this.resyncListener = resyncListener;
        this.giveUpListener = giveUpListener;
        this.clock = clock;
        this.requestStream = publisher.stream(Topics.SNAPSHOT_REQUEST);
    }

    @Override
    public void onGap(final StreamState stream, final long fromSequence, final long toSequence)
    {
        if (!isReliable(stream.topic()))
        {
            return;
        }
        final Recovery recovery = recoveryOf(stream);
        if (recovery != null)
        {
            recovery.onLoss(stream.runId(), toSequence);
            return;
        }
        if (waitingForSlot.contains(stream))
        {
            return;
        }
        if (!hasFreeSlot() || !request(new Recovery(stream)))
        {
            waitingForSlot.add(stream);
        }
    }

    /**
     * Feed every {@code SnapshotComplete} seen; those that answer a request of this source for the
     * same owner and topic finish it — or, if republished messages went missing, ask again.
     *
     * @param ownerSourceId the source in the completion's envelope.
     * @return true if it answered one of our requests.
     */
    public boolean onSnapshotComplete(final int ownerSourceId, final SnapshotCompleteDecoder complete)
    {
        if (complete.requesterSourceId() != publisher.sourceId())
        {
            return false;
        }
        final long requestId = complete.requestId();
        final Recovery recovery = recoveryByRequestId.get(requestId);
        if (recovery == null || !answers(recovery, ownerSourceId, complete))
        {
            // Not ours, or an answer to a request of an earlier run of this daemon that had the same id.
            return false;
        }
        recoveryByRequestId.remove(requestId);
        pending.answered(requestId);
        final long lastSequence = complete.lastSequence();
        final long firstRepublished = lastSequence - Math.max(0, complete.messageCount()) + 1;
        if (recovery.lostAnyFrom(firstRepublished))
        {
            answersDiscarded++;
            if (!request(recovery))
            {
                waitingForSlot.add(recovery.stream);
            }
            return true;
        }
        resyncListener.onResynced(recovery.stream.sourceId(), recovery.stream.topic(), lastSequence);
        return true;
    }

    /**
     * Retransmits unanswered requests that are due, gives up on those out of attempts, and sends
     * the requests of streams waiting for a free slot. Call it each duty cycle.
     *
     * @return number of messages sent.
     */
    public int resendDue(final long nowNs)
    {
        int sent = pending.resendDue(publisher, nowNs);
        while (!waitingForSlot.isEmpty() && hasFreeSlot())
        {
            sent++;
            if (!request(new Recovery(waitingForSlot.peek())))
            {
                break;
            }
            waitingForSlot.poll();
        }
        return sent;
    }

    private boolean hasFreeSlot()
    {
        return recoveryByRequestId.size() < maxInFlight;
    }

    /** Publishes a request for the recovery's stream. @return false if it could not be tracked for retransmission. */
    private boolean request(final Recovery recovery)
    {
        final StreamState stream = recovery.stream;
        final long requestId = nextRequestId++;
        publisher.wrap(encoder)
            .requestId(requestId)
            .ownerSourceId(stream.sourceId())
            .topic(stream.topic());
        publisher.publish(requestStream, encoder, 0);
        requestsSent++;
        if (!pending.track(requestId, requestStream, publisher.buffer(), 0, Envelope.HEADER_LENGTH + encoder.encodedLength(), clock.nanoTime()))
        {
            // Sent once but not retransmitted, so its answer is not awaited: the stream waits for a slot.
            return false;
        }
        recovery.requestId = requestId;
        recovery.runId = stream.runId();
        recovery.lostUpTo = stream.lastSequence();
        recoveryByRequestId.put(requestId, recovery);
        return true;
    }

    private boolean answers(final Recovery recovery, final int ownerSourceId, final SnapshotCompleteDecoder complete)
    {
        final StreamState stream = recovery.stream;
        if (stream.sourceId() != ownerSourceId)
        {
            return false;
        }
        final int topicLength = complete.topicLength();
        if (topicLength != stream.topicBytes.length)
        {
            return false;
        }
        complete.getTopic(completeTopic, 0, topicLength);
        for (int i = 0; i < topicLength; i++)
        {
            if (completeTopic[i] != stream.topicBytes[i])
            {
                return false;
            }
        }
        return true;
    }

    private void onRequestGivenUp(final long requestId, final String requestTopic, final int attempts)
    {
        final Recovery recovery = recoveryByRequestId.remove(requestId);
        if (recovery != null)
        {
            giveUpListener.onGiveUp(recovery.stream.sourceId(), recovery.stream.topic(), attempts);
        }
    }

    private Recovery recoveryOf(final StreamState stream)
    {
        for (final Recovery recovery : recoveryByRequestId.values())
        {
            if (recovery.stream == stream)
            {
                return recovery;
            }
        }
        return null;
    }

    private boolean isReliable(final String topic)
    {
        for (int i = 0; i < reliablePrefixes.size(); i++)
        {
            if (topic.startsWith(reliablePrefixes.get(i)))
            {
                return true;
            }
        }
        return false;
    }

    /** Requests published, first sends and re-requests alike (not counting retransmissions). */
    public long requestsSent()
    {
        return requestsSent;
    }

    /** Completions that came back with republished messages missing, so the stream was asked again. */
    public long answersDiscarded()
    {
        return answersDiscarded;
    }

    /** Requests awaiting an answer. */
    public int inFlight()
    {
        return recoveryByRequestId.size();
    }

    /** Streams with a gap whose request waits for a free slot. */
    public int waitingForSlot()
    {
        return waitingForSlot.size();
    }

    /** Retransmissions of unanswered requests. */
    public long resends()
    {
        return pending.resends();
    }
}
