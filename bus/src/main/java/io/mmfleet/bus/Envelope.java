package io.mmfleet.bus;

import io.mmfleet.sbe.MessageHeaderDecoder;
import io.mmfleet.sbe.MessageHeaderEncoder;

/**
 * Facts about the fleet envelope, which lives in the schema's message header so that the bus can
 * stamp and check it without knowing the message type.
 */
public final class Envelope
{
    /** Header (SBE standard fields + envelope) length in bytes; the message body follows it. */
    public static final int HEADER_LENGTH = MessageHeaderEncoder.ENCODED_LENGTH;
    public static final int SCHEMA_ID = MessageHeaderEncoder.SCHEMA_ID;
    public static final int SCHEMA_VERSION = MessageHeaderEncoder.SCHEMA_VERSION;

    /** Largest message the bus carries; anything bigger is a malformed frame. */
    public static final int MAX_MESSAGE_LENGTH = 64 * 1024;

    /** Largest topic (first frame) in bytes. */
    public static final int MAX_TOPIC_LENGTH = 128;

    static
    {
        if (MessageHeaderDecoder.ENCODED_LENGTH != HEADER_LENGTH)
        {
            throw new IllegalStateException("header encoder and decoder disagree on length");
        }
    }

    private Envelope()
    {
    }
}
