package io.mmfleet.bus;

import java.nio.charset.StandardCharsets;

/**
 * One (source, topic) stream of a publisher: the topic's bytes, ready to send as the first frame,
 * and the stream's sequence. Registered once, then used on the hot path without allocation.
 */
public final class PublishStream
{
    private final String topic;
    private final byte[] topicBytes;
    long lastSequence;

    PublishStream(final String topic)
    {
        this.topic = topic;
        this.topicBytes = topic.getBytes(StandardCharsets.US_ASCII);
    }

    public String topic()
    {
        return topic;
    }

    byte[] topicBytes()
    {
        return topicBytes;
    }

    /** Sequence of the last message published on this stream in this run (0 if none). */
    public long lastSequence()
    {
        return lastSequence;
    }
}
