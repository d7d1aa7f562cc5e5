package io.mmfleet.bus;

/**
 * What a subscriber knows of one (source, topic) stream: where it is in the sequence, and how many
 * messages it has lost. Owned by the subscriber's thread; read for metrics and by daemons.
 */
public final class StreamState
{
    private final int sourceId;
    private final String topic;
    final byte[] topicBytes;
    long runId;
    long lastSequence;
    long received;
    long gaps;
    long missed;
    long restarts;
    long duplicates;

    StreamState(final int sourceId, final byte[] topicBytes, final int topicLength)
    {
        this.sourceId = sourceId;
        this.topicBytes = java.util.Arrays.copyOf(topicBytes, topicLength);
        this.topic = new String(this.topicBytes, java.nio.charset.StandardCharsets.US_ASCII);
    }

    public int sourceId()
    {
        return sourceId;
    }

    public String topic()
    {
        return topic;
    }

    /** Run id of the source as last seen on this stream. */
    public long runId()
    {
        return runId;
    }

    public long lastSequence()
    {
        return lastSequence;
    }

    public long received()
    {
        return received;
    }

    /** Number of gap events (each a run of one or more missing sequences). */
    public long gaps()
    {
        return gaps;
    }

    /** Total messages known to be missing. */
    public long missed()
    {
        return missed;
    }

    /** Times the source restarted (new run id) while we watched. Not gaps. */
    public long restarts()
    {
        return restarts;
    }

    /**
     * Messages ignored: at or below the last sequence seen (re-delivered or out of order), or
     * stragglers of a run the source has left.
     */
    public long duplicates()
    {
        return duplicates;
    }
}
