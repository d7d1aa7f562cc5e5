package io.mmfleet.bus;

import io.mmfleet.sbe.HeartbeatDecoder;
import io.mmfleet.sbe.MessageHeaderDecoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One SUB socket connected to every publisher a daemon needs. {@link #poll} never blocks; it checks
 * each frame pair (topic, message), tracks each stream's sequence, reads heartbeats to notice a lost
 * last message and peer silence, and hands well-formed messages to the handler. Anything malformed
 * is counted and reported, never thrown.
 *
 * <p>Single-threaded: only the daemon's event-loop thread may call it.
 */
public final class BusSubscriber implements AutoCloseable
{
    public static final String REASON_SINGLE_FRAME = "one frame; expected topic + message";
    public static final String REASON_EXTRA_FRAMES = "more than two frames";
    public static final String REASON_TOPIC_TOO_LONG = "topic longer than " + Envelope.MAX_TOPIC_LENGTH + " bytes";
    public static final String REASON_OVERSIZE = "message longer than " + Envelope.MAX_MESSAGE_LENGTH + " bytes";
    public static final String REASON_SHORT_HEADER = "shorter than the " + Envelope.HEADER_LENGTH + "-byte header";
    public static final String REASON_WRONG_SCHEMA = "wrong schema id (expected " + Envelope.SCHEMA_ID + ")";
    public static final String REASON_BAD_VERSION = "schema version 0";
    public static final String REASON_SHORT_BODY = "shorter than its block length";
    public static final String REASON_BAD_HEARTBEAT = "heartbeat does not decode";
    public static final String REASON_UNDECODABLE = "body does not decode";

    private final ZMQ.Socket socket;
    private final StreamTracker tracker;
    private final TopicView topic = new TopicView();
    private final byte[] receiveArray = new byte[Envelope.MAX_MESSAGE_LENGTH + 1];
    private final UnsafeBuffer receiveBuffer = new UnsafeBuffer(receiveArray);
    /** Re-wrapped to each message's exact length, so decoders reading past it fail instead of reading stale bytes. */
    private final UnsafeBuffer messageView = new UnsafeBuffer(receiveArray);
    private final byte[] scratchTopic = new byte[Envelope.MAX_TOPIC_LENGTH + 1];
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final HeartbeatDecoder heartbeat = new HeartbeatDecoder();
    private final List<byte[]> prefixes = new ArrayList<>();
    private final long[] lastHeartbeatNs = new long[65536];
    private final List<String> endpoints = new ArrayList<>();
    private long received;
    private long malformed;
    private long handlerErrors;

    public BusSubscriber(final ZContext context, final int receiveHighWaterMark, final GapListener gapListener)
    {
        this.socket = context.createSocket(SocketType.SUB);
        this.tracker = new StreamTracker(gapListener);
        socket.setRcvHWM(receiveHighWaterMark);
        socket.setLinger(0);
    }

    public BusSubscriber connect(final String endpoint)
    {
        if (!socket.connect(endpoint))
        {
            throw new IllegalStateException("cannot connect bus endpoint " + endpoint);
        }
        endpoints.add(endpoint);
        return this;
    }

    /** Subscribes to a topic prefix; "" is everything. */
    public BusSubscriber subscribe(final String topicPrefix)
    {
        final byte[] prefix = topicPrefix.getBytes(StandardCharsets.US_ASCII);
        socket.subscribe(prefix);
        prefixes.add(prefix);
        return this;
    }

    public List<String> endpoints()
    {
        return endpoints;
    }

    /**
     * Receives up to {@code limit} messages without blocking.
     *
     * @return number of frame pairs consumed (well-formed or not).
     */
    public int poll(final BusMessageHandler handler, final int limit)
    {
        int count = 0;
        while (count < limit)
        {
            final int topicLength = socket.recv(topic.bytes, 0, topic.bytes.length, ZMQ.DONTWAIT);
            if (topicLength < 0)
            {
                break;
            }
            count++;
            topic.length = topicLength;
            if (!socket.hasReceiveMore())
            {
                malformed(handler, topic.bytes, Math.min(topicLength, topic.bytes.length), REASON_SINGLE_FRAME);
                continue;
            }
            final int length = socket.recv(receiveArray, 0, receiveArray.length, 0);
            if (socket.hasReceiveMore())
            {
                drain();
                malformed(handler, receiveArray, Math.max(length, 0), REASON_EXTRA_FRAMES);
                continue;
            }
            if (topicLength > Envelope.MAX_TOPIC_LENGTH)
            {
                malformed(handler, receiveArray, length, REASON_TOPIC_TOO_LONG);
                continue;
            }
            if (length > Envelope.MAX_MESSAGE_LENGTH)
            {
                malformed(handler, receiveArray, Envelope.MAX_MESSAGE_LENGTH, REASON_OVERSIZE);
                continue;
            }
            onFrame(handler, length);
        }
        return count;
    }

    private void onFrame(final BusMessageHandler handler, final int length)
    {
        if (length < Envelope.HEADER_LENGTH)
        {
            malformed(handler, receiveArray, length, REASON_SHORT_HEADER);
            return;
        }
        messageView.wrap(receiveArray, 0, length);
        header.wrap(messageView, 0);
        if (header.schemaId() != Envelope.SCHEMA_ID)
        {
            malformed(handler, receiveArray, length, REASON_WRONG_SCHEMA);
            return;
        }
        if (header.version() == 0)
        {
            malformed(handler, receiveArray, length, REASON_BAD_VERSION);
            return;
        }
        if (length < Envelope.HEADER_LENGTH + header.blockLength())
        {
            malformed(handler, receiveArray, length, REASON_SHORT_BODY);
            return;
        }
        final int sourceId = header.sourceId();
        final long runId = header.runId();
        final StreamState stream = tracker.onMessage(sourceId, topic.bytes, topic.length, runId, header.sequence());
        if (stream == null)
        {
            return;
        }
        received++;
        if (header.templateId() == HeartbeatDecoder.TEMPLATE_ID && !onHeartbeat(sourceId, runId, length))
        {
            malformed(handler, receiveArray, length, REASON_BAD_HEARTBEAT);
            return;
        }
        try
        {
            handler.onMessage(topic, header, messageView, length);
        }
        catch (final RuntimeException ex)
        {
            // A message that passed the envelope checks but does not decode (truncated var data, bad
            // group count, an enum value from nowhere) must not take the daemon down.
            handlerErrors++;
            malformed(handler, receiveArray, length, REASON_UNDECODABLE);
        }
    }

    private boolean onHeartbeat(final int sourceId, final long runId, final int length)
    {
        try
        {
            heartbeat.wrap(messageView, Envelope.HEADER_LENGTH, header.blockLength(), header.version());
            // Monotonic: liveness must not jump with the wall clock.
            lastHeartbeatNs[sourceId] = System.nanoTime();
            final HeartbeatDecoder.StreamsDecoder streams = heartbeat.streams();
            while (streams.hasNext())
            {
                streams.next();
                final long lastSequence = streams.lastSequence();
                final int topicLength = streams.topicLength();
                if (topicLength > Envelope.MAX_TOPIC_LENGTH)
                {
                    return false;
                }
                streams.getTopic(scratchTopic, 0, topicLength);
                if (subscribed(scratchTopic, topicLength))
                {
                    tracker.onHeartbeatStream(sourceId, scratchTopic, topicLength, runId, lastSequence);
                }
            }
            return true;
        }
        catch (final IndexOutOfBoundsException ex)
        {
            return false;
        }
    }

    private boolean subscribed(final byte[] candidate, final int candidateLength)
    {
        for (int p = 0; p < prefixes.size(); p++)
        {
            final byte[] prefix = prefixes.get(p);
            if (prefix.length <= candidateLength)
            {
                boolean match = true;
                for (int i = 0; i < prefix.length && match; i++)
                {
                    match = prefix[i] == candidate[i];
                }
                if (match)
                {
                    return true;
                }
            }
        }
        return false;
    }

    private void malformed(final BusMessageHandler handler, final byte[] bytes, final int length, final String reason)
    {
        malformed++;
        final UnsafeBuffer view = bytes == receiveArray ? receiveBuffer : new UnsafeBuffer(bytes);
        handler.onMalformed(topic, view, Math.max(0, Math.min(length, bytes.length)), reason);
    }

    private void drain()
    {
        while (socket.hasReceiveMore())
        {
            socket.recv(receiveArray, 0, receiveArray.length, 0);
        }
    }

    /** {@link System#nanoTime()} of the last heartbeat from a source, 0 if none yet. */
    public long lastHeartbeatNs(final int sourceId)
    {
        return lastHeartbeatNs[sourceId];
    }

    public StreamTracker streams()
    {
        return tracker;
    }

    public long received()
    {
        return received;
    }

    public long malformed()
    {
        return malformed;
    }

    /** Messages whose handler threw while decoding (also counted as malformed). */
    public long handlerErrors()
    {
        return handlerErrors;
    }

    @Override
    public void close()
    {
        socket.close();
    }
}
