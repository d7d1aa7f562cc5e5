package io.mmfleet.bus;

import io.mmfleet.sbe.HeartbeatEncoder;
import io.mmfleet.sbe.MessageHeaderEncoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The one PUB socket of a daemon. A message is two frames — topic, then header+envelope+SBE body —
 * and every message gets the next sequence of its (source, topic) stream, so subscribers count
 * what the PUB socket dropped past its high-water mark as gaps.
 *
 * <p>Single-threaded: only the daemon's event-loop thread may call it. Encoding happens in place in
 * {@link #buffer()}: wrap an encoder with {@link #wrap}, fill it, then {@link #publish}.
 */
public final class BusPublisher implements AutoCloseable
{
    private static final int MAX_HEARTBEAT_STREAMS_LENGTH =
        Envelope.MAX_MESSAGE_LENGTH - Envelope.HEADER_LENGTH - HeartbeatEncoder.BLOCK_LENGTH - HeartbeatEncoder.StreamsEncoder.sbeHeaderSize();

    private final ZMQ.Socket socket;
    private final String boundEndpoint;
    private final int sourceId;
    private final long runId;
    private final EpochNanoClock clock;
    private final byte[] sendArray = new byte[Envelope.MAX_MESSAGE_LENGTH];
    private final UnsafeBuffer sendBuffer = new UnsafeBuffer(sendArray);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final List<PublishStream> streams = new ArrayList<>();
    private final List<PublishStream> streamsView = Collections.unmodifiableList(streams);
    private int heartbeatStreamsLength;
    private long messagesSent;
    private long sendFailures;

    /**
     * @param bindEndpoint e.g. {@code tcp://127.0.0.1:7101}; {@code tcp://127.0.0.1:*} binds an ephemeral port.
     */
    public BusPublisher(
        final ZContext context,
        final String bindEndpoint,
        final int sourceId,
        final long runId,
        final int sendHighWaterMark,
        final EpochNanoClock clock)
    {
        this(context, SocketType.PUB, bindEndpoint, sourceId, runId, sendHighWaterMark, clock);
    }

    BusPublisher(
        final ZContext context,
        final SocketType type,
        final String bindEndpoint,
        final int sourceId,
        final long runId,
        final int sendHighWaterMark,
        final EpochNanoClock clock)
    {
        this.sourceId = sourceId;
        this.runId = runId;
        this.clock = clock;
        this.socket = context.createSocket(type);
        socket.setSndHWM(sendHighWaterMark);
        socket.setLinger(0);
        final boolean bound;
        try
        {
            bound = socket.bind(bindEndpoint);
        }
        catch (final ZMQException ex)
        {
            context.destroySocket(socket);
            throw new IllegalStateException("cannot bind bus endpoint " + bindEndpoint + ": " + ZMQ.Error.findByCode(ex.getErrorCode()).getMessage(), ex);
        }
        if (!bound)
        {
            context.destroySocket(socket);
            throw new IllegalStateException("cannot bind bus endpoint " + bindEndpoint);
        }
        this.boundEndpoint = socket.getLastEndpoint();
    }

    /** Wraps a socket created elsewhere (busctl's XPUB). */
    BusPublisher(final ZMQ.Socket socket, final int sourceId, final long runId, final EpochNanoClock clock)
    {
        this.socket = socket;
        this.boundEndpoint = socket.getLastEndpoint();
        this.sourceId = sourceId;
        this.runId = runId;
        this.clock = clock;
    }

    public String boundEndpoint()
    {
        return boundEndpoint;
    }

    public int sourceId()
    {
        return sourceId;
    }

    public long runId()
    {
        return runId;
    }

    /** Registers a stream (once, at start-up or on first use of a new instrument). */
    public PublishStream stream(final String topic)
    {
        Topics.validate(topic);
        for (int i = 0; i < streams.size(); i++)
        {
            if (streams.get(i).topic().equals(topic))
            {
                return streams.get(i);
            }
        }
        // Every stream is listed in each heartbeat, which must stay one message.
        final int entryLength = HeartbeatEncoder.StreamsEncoder.sbeBlockLength() + HeartbeatEncoder.StreamsEncoder.topicHeaderLength() + topic.length();
        if (heartbeatStreamsLength + entryLength > MAX_HEARTBEAT_STREAMS_LENGTH || streams.size() >= HeartbeatEncoder.StreamsEncoder.countMaxValue())
        {
            throw new IllegalStateException("too many streams for one heartbeat: " + streams.size() + " registered, cannot add '" + topic + "'");
        }
        heartbeatStreamsLength += entryLength;
        final PublishStream stream = new PublishStream(topic);
        streams.add(stream);
        return stream;
    }

    public List<PublishStream> streams()
    {
        return streamsView;
    }

    /** The send buffer; the message body goes at {@link Envelope#HEADER_LENGTH}. */
    public UnsafeBuffer buffer()
    {
        return sendBuffer;
    }

    /**
     * Wraps an encoder over the send buffer after the header and writes the header's SBE fields.
     */
    public <E extends org.agrona.sbe.MessageEncoderFlyweight> E wrap(final E encoder)
    {
        header.wrap(sendBuffer, 0)
            .blockLength(encoder.sbeBlockLength())
            .templateId(encoder.sbeTemplateId())
            .schemaId(encoder.sbeSchemaId())
            .version(encoder.sbeSchemaVersion());
        encoder.wrap(sendBuffer, Envelope.HEADER_LENGTH);
        return encoder;
    }

    /**
     * Stamps the envelope (source, run, next sequence of the stream, sendNs, originNs) and sends.
     *
     * @param originNs when the venue event behind this message entered the fleet; pass the value
     *                 received with the cause, or {@code 0} to use now (this message is the origin).
     * @return the sequence given to the message.
     */
    public long publish(final PublishStream stream, final org.agrona.sbe.EncoderFlyweight encoder, final long originNs)
    {
        return send(stream, Envelope.HEADER_LENGTH + encoder.encodedLength(), originNs);
    }

    /**
     * Publishes a copy of an already encoded message (header included), e.g. a retransmission:
     * it gets a new sequence and sendNs; its originNs and body are kept.
     */
    public long republish(final PublishStream stream, final DirectBuffer message, final int offset, final int length)
    {
        if (length < Envelope.HEADER_LENGTH || length > sendArray.length)
        {
            throw new IllegalArgumentException("message length " + length + " outside " + Envelope.HEADER_LENGTH + ".." + sendArray.length);
        }
        message.getBytes(offset, sendBuffer, 0, length);
        header.wrap(sendBuffer, 0);
        final long originNs = sendBuffer.getLong(MessageHeaderEncoder.originNsEncodingOffset(), java.nio.ByteOrder.LITTLE_ENDIAN);
        return send(stream, length, originNs);
    }

    private long send(final PublishStream stream, final int length, final long originNs)
    {
        final long now = clock.nanoTime();
        final long sequence = ++stream.lastSequence;
        header.wrap(sendBuffer, 0)
            .sourceId(sourceId)
            .runId(runId)
            .sequence(sequence)
            .sendNs(now)
            .originNs(originNs == 0 ? now : originNs);
        // PUB never blocks: past the HWM zeromq drops silently; the sequence makes that visible.
        if (!socket.send(stream.topicBytes(), ZMQ.SNDMORE) || !socket.send(sendArray, 0, length, 0))
        {
            sendFailures++;
        }
        messagesSent++;
        return sequence;
    }

    public long messagesSent()
    {
        return messagesSent;
    }

    public long sendFailures()
    {
        return sendFailures;
    }

    ZMQ.Socket socket()
    {
        return socket;
    }

    @Override
    public void close()
    {
        socket.close();
    }
}
