package io.mmfleet.bench;

import java.util.function.LongConsumer;

/**
 * One publisher-to-subscriber hop over real loopback sockets. The sending side is used by one
 * thread and the receiving side by another; each hop is opened for one run and closed after it.
 */
interface Hop extends AutoCloseable
{
    String name();

    /** Sender thread: sends a message that is not data, to learn when the path is connected. */
    void sendProbe();

    /** Receiver thread: true once the path is known to deliver (a probe arrived, or it is a connected stream). */
    boolean connected();

    /** Sender thread: sends one data message stamped with the bench clock. */
    void send();

    /**
     * Receiver thread: consumes what has arrived, without blocking.
     *
     * @param onData given each data message's send time (epoch ns).
     * @return messages consumed (data or probe); 0 if nothing had arrived.
     */
    int poll(LongConsumer onData);

    /** Data messages received. */
    long received();

    /** Data messages the receiver knows it lost (sequence gaps, malformed); raw paths cannot know and say 0. */
    long knownLost();

    @Override
    void close();
}
