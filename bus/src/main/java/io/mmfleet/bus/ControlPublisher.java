package io.mmfleet.bus;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.EpochNanoClock;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * The sending side of the control endpoint, used by {@code busctl send}: binds the [bus]
 * CONTROL_ENDPOINT as an XPUB so it can see the daemons' subscriptions arrive, waits until enough of
 * them did (a PUB would silently send into the void), then publishes commands on topic
 * {@value Topics#CONTROL} through a {@link BusPublisher}, envelope and sequence included.
 */
public final class ControlPublisher implements AutoCloseable
{
    private static final byte SUBSCRIBE = 1;
    private static final byte UNSUBSCRIBE = 0;

    private final ZMQ.Socket socket;
    private final BusPublisher publisher;
    private final PublishStream stream;
    private final byte[] frame = new byte[Envelope.MAX_TOPIC_LENGTH + 2];
    private int matchingSubscriptions;

    public ControlPublisher(
        final ZContext context,
        final String bindEndpoint,
        final int sourceId,
        final long runId,
        final int sendHighWaterMark,
        final EpochNanoClock clock)
    {
        socket = context.createSocket(SocketType.XPUB);
        socket.setSndHWM(sendHighWaterMark);
        // Without verbose, the XPUB passes up only the first subscription to a prefix, and two daemons
        // both subscribed to "ctl" would count as one.
        socket.setXpubVerbose(true);
        if (!socket.bind(bindEndpoint))
        {
            socket.close();
            throw new IllegalStateException("cannot bind control endpoint " + bindEndpoint);
        }
        publisher = new BusPublisher(socket, sourceId, runId, clock);
        stream = publisher.stream(Topics.CONTROL);
    }

    public String boundEndpoint()
    {
        return publisher.boundEndpoint();
    }

    /**
     * Reads subscription frames until {@code count} subscriptions that would receive {@code topic}
     * are in force (a subscription matches if its prefix is a prefix of the topic), or the timeout.
     *
     * @return true if enough subscribers are there.
     */
    public boolean awaitSubscribers(final String topic, final int count, final Duration timeout)
    {
        final byte[] topicBytes = topic.getBytes(StandardCharsets.US_ASCII);
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (true)
        {
            drainSubscriptions(topicBytes);
            if (matchingSubscriptions >= count)
            {
                return true;
            }
            if (System.nanoTime() - deadline >= 0)
            {
                return false;
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    /** Subscriptions matching the topic last passed to {@link #awaitSubscribers}. */
    public int matchingSubscriptions()
    {
        return matchingSubscriptions;
    }

    /**
     * Publishes an encoded message (SBE header included, envelope stamped here) on topic
     * {@value Topics#CONTROL}; a resend is a new call and gets a new sequence.
     *
     * @return the message's sequence.
     */
    public long publish(final DirectBuffer message, final int offset, final int length)
    {
        return publisher.republish(stream, message, offset, length);
    }

    private void drainSubscriptions(final byte[] topic)
    {
        int length;
        while ((length = socket.recv(frame, 0, frame.length, ZMQ.DONTWAIT)) >= 0)
        {
            if (length == 0 || length > frame.length || !isPrefix(frame, 1, length - 1, topic))
            {
                continue;
            }
            if (frame[0] == SUBSCRIBE)
            {
                matchingSubscriptions++;
            }
            else if (frame[0] == UNSUBSCRIBE)
            {
                matchingSubscriptions--;
            }
        }
    }

    private static boolean isPrefix(final byte[] frame, final int offset, final int prefixLength, final byte[] topic)
    {
        if (prefixLength > topic.length)
        {
            return false;
        }
        for (int i = 0; i < prefixLength; i++)
        {
            if (frame[offset + i] != topic[i])
            {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close()
    {
        publisher.close();
    }
}
