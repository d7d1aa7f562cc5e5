package io.mmfleet.bus;

import io.mmfleet.sbe.SnapshotCompleteEncoder;
import io.mmfleet.sbe.SnapshotRequestDecoder;

/**
 * The owner's half of gap recovery: on a {@code SnapshotRequest} addressed to this source, the
 * daemon republishes the current state of the stream (as ordinary messages on it), then this
 * publishes {@code SnapshotComplete} on the same stream, so it arrives after the state it closes.
 * Answering a resent request again is harmless: the state messages are idempotent.
 */
public final class SnapshotResponder
{
    /** The daemon's state owner: republish everything a subscriber of {@code stream} must know. */
    @FunctionalInterface
    public interface StateRepublisher
    {
        /** @return number of messages published, or -1 if this daemon does not own such a stream. */
        int republish(PublishStream stream);
    }

    private final BusPublisher publisher;
    private final StateRepublisher republisher;
    private final SnapshotCompleteEncoder complete = new SnapshotCompleteEncoder();
    private long answered;
    private long unknownStreams;

    public SnapshotResponder(final BusPublisher publisher, final StateRepublisher republisher)
    {
        this.publisher = publisher;
        this.republisher = republisher;
    }

    /**
     * @param requesterSourceId the envelope's source of the request.
     * @return true if the request was for this source and was answered.
     */
    public boolean onSnapshotRequest(final int requesterSourceId, final SnapshotRequestDecoder request)
    {
        if (request.ownerSourceId() != publisher.sourceId())
        {
            return false;
        }
        final long requestId = request.requestId();
        final String topic = request.topic();
        PublishStream stream = null;
        for (final PublishStream candidate : publisher.streams())
        {
            if (candidate.topic().equals(topic))
            {
                stream = candidate;
                break;
            }
        }
        if (stream == null)
        {
            unknownStreams++;
            return false;
        }
        final int count = republisher.republish(stream);
        if (count < 0)
        {
            unknownStreams++;
            return false;
        }
        publisher.wrap(complete)
            .requestId(requestId)
            .requesterSourceId(requesterSourceId)
            .lastSequence(stream.lastSequence())
            .messageCount(count)
            .topic(topic);
        publisher.publish(stream, complete, 0);
        answered++;
        return true;
    }

    public long answered()
    {
        return answered;
    }

    public long unknownStreams()
    {
        return unknownStreams;
    }
}
