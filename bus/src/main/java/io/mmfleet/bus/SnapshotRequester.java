package io.mmfleet.bus;

import io.mmfleet.sbe.SnapshotCompleteDecoder;
import io.mmfleet.sbe.SnapshotRequestEncoder;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.EpochNanoClock;

import java.util.List;

/**
 * The subscriber's half of gap recovery. A gap on a stream whose state matters (orders,
 * executions, accounts) makes it ask the stream's owner for a snapshot; the request is retransmitted
 * until the owner's {@code SnapshotComplete} for it arrives on the stream itself, after the
 * republished state. One request per stream at a time.
 */
public final class SnapshotRequester implements GapListener
{
    /** Told when a stream's state has been republished in full after a gap. */
    @FunctionalInterface
    public interface ResyncListener
    {
        void onResynced(int ownerSourceId, String topic, long lastSequence);
    }

    private final BusPublisher publisher;
    private final PendingRequests pending;
    private final List<String> reliablePrefixes;
    private final ResyncListener resyncListener;
    private final PublishStream requestStream;
    private final SnapshotRequestEncoder encoder = new SnapshotRequestEncoder();
    private final Long2ObjectHashMap<StreamState> streamByRequestId = new Long2ObjectHashMap<>();
    private final EpochNanoClock clock;
    private long nextRequestId = 1;
    private long requestsSent;

    public SnapshotRequester(
        final BusPublisher publisher,
        final PendingRequests pending,
        final List<String> reliablePrefixes,
        final ResyncListener resyncListener,
        final EpochNanoClock clock)
    {
        this.publisher = publisher;
        this.pending = pending;
        this.reliablePrefixes = List.copyOf(reliablePrefixes);
        this.resyncListener = resyncListener;
        this.clock = clock;
        this.requestStream = publisher.stream(Topics.SNAPSHOT_REQUEST);
    }

    @Override
    public void onGap(final StreamState stream, final long fromSequence, final long toSequence)
    {
        if (!isReliable(stream.topic()) || isRequestPending(stream))
        {
            return;
        }
        final long requestId = nextRequestId++;
        publisher.wrap(encoder)
            .requestId(requestId)
            .ownerSourceId(stream.sourceId())
            .topic(stream.topic());
        publisher.publish(requestStream, encoder, 0);
        pending.track(requestId, requestStream, publisher.buffer(), 0, Envelope.HEADER_LENGTH + encoder.encodedLength(), clock.nanoTime());
        streamByRequestId.put(requestId, stream);
        requestsSent++;
    }

    /**
     * Feed every {@code SnapshotComplete} seen; those addressed to this source finish a request.
     *
     * @return true if it answered one of our requests.
     */
    public boolean onSnapshotComplete(final SnapshotCompleteDecoder complete)
    {
        if (complete.requesterSourceId() != publisher.sourceId())
        {
            return false;
        }
        final long requestId = complete.requestId();
        final StreamState stream = streamByRequestId.remove(requestId);
        pending.answered(requestId);
        if (stream == null)
        {
            return false;
        }
        resyncListener.onResynced(stream.sourceId(), stream.topic(), complete.lastSequence());
        return true;
    }

    /** Forget a request the pending queue gave up on, so the next gap asks again. */
    public void onGiveUp(final long requestId)
    {
        streamByRequestId.remove(requestId);
    }

    private boolean isRequestPending(final StreamState stream)
    {
        for (final StreamState waiting : streamByRequestId.values())
        {
            if (waiting == stream)
            {
                return true;
            }
        }
        return false;
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

    public long requestsSent()
    {
        return requestsSent;
    }

    public int inFlight()
    {
        return streamByRequestId.size();
    }

}
