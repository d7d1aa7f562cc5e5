package io.mmfleet.bus;

import io.mmfleet.sbe.MessageHeaderDecoder;
import org.agrona.DirectBuffer;

/** Receives the messages a {@link BusSubscriber} polls, on the polling thread. */
public interface BusMessageHandler
{
    /**
     * A well-formed message of this schema. The buffers are reused: copy what must outlive the call.
     *
     * @param topic  the first frame.
     * @param header decoded header+envelope, positioned at offset 0 of {@code buffer}.
     * @param buffer the message; the body starts at {@link Envelope#HEADER_LENGTH}.
     * @param length message length including the header.
     */
    void onMessage(TopicView topic, MessageHeaderDecoder header, DirectBuffer buffer, int length);

    /**
     * A frame that cannot be a bus message of this schema (wrong frame count, too short, wrong
     * schema id, oversize). Daemons only count it; busctl prints it.
     */
    default void onMalformed(final TopicView topic, final DirectBuffer buffer, final int length, final String reason)
    {
    }
}
