package io.mmfleet.bus;

import io.mmfleet.sbe.DaemonState;
import io.mmfleet.sbe.HeartbeatEncoder;

import java.util.List;

/**
 * Publishes the daemon's {@code Heartbeat}: its state and the last sequence of each of its streams,
 * so a subscriber notices a lost last message, not only a lost middle one. Allocates nothing.
 */
public final class HeartbeatPublisher
{
    private final BusPublisher publisher;
    private final PublishStream stream;
    private final long startNs;
    private final HeartbeatEncoder encoder = new HeartbeatEncoder();

    public HeartbeatPublisher(final BusPublisher publisher, final String daemonName, final long startNs)
    {
        this.publisher = publisher;
        this.stream = publisher.stream(Topics.heartbeat(daemonName));
        this.startNs = startNs;
    }

    public long publish(final DaemonState state)
    {
        final List<PublishStream> streams = publisher.streams();
        publisher.wrap(encoder).state(state).startNs(startNs);
        final HeartbeatEncoder.StreamsEncoder group = encoder.streamsCount(streams.size());
        for (int i = 0; i < streams.size(); i++)
        {
            final PublishStream each = streams.get(i);
            final byte[] topic = each.topicBytes();
            group.next().lastSequence(each.lastSequence()).putTopic(topic, 0, topic.length);
        }
        return publisher.publish(stream, encoder, 0);
    }
}
