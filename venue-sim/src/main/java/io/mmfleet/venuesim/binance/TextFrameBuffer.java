package io.mmfleet.venuesim.binance;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.agrona.ExpandableArrayBuffer;

/**
 * One WebSocket text frame's JSON, written by hand into a byte buffer reused from frame to frame, so a stream frame
 * costs no allocation per field or per price level (the buffer grows to the largest frame seen and stays there).
 * Everything written is ASCII, which is valid UTF-8 as a text frame requires: strings escape anything else as
 * {@code \}{@code uXXXX}. One writer thread at a time.
 */
public final class TextFrameBuffer
{
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1024);
    private ByteBuffer payload = ByteBuffer.wrap(buffer.byteArray());
    private int length;

    public TextFrameBuffer reset()
    {
        length = 0;
        return this;
    }

    public int length()
    {
        return length;
    }

    /**
     * The frame's bytes [0, length) as a buffer over this one's array, valid until the next write; a sender must copy
     * them before then (Java-WebSocket does, when it frames them).
     */
    public ByteBuffer payload()
    {
        if (payload.array() != buffer.byteArray())
        {
            payload = ByteBuffer.wrap(buffer.byteArray());
        }
        payload.clear().limit(length);
        return payload;
    }

    public TextFrameBuffer append(final char asciiChar)
    {
        buffer.putByte(length++, (byte)asciiChar);
        return this;
    }

    /** Markup known to be ASCII (field names, punctuation), written as is. */
    public TextFrameBuffer appendAscii(final String ascii)
    {
        length += buffer.putStringWithoutLengthAscii(length, ascii);
        return this;
    }

    public TextFrameBuffer appendLong(final long value)
    {
        length += buffer.putLongAscii(length, value);
        return this;
    }

    public TextFrameBuffer appendBoolean(final boolean value)
    {
        return appendAscii(value ? "true" : "false");
    }

    /** A JSON string literal, quotes included. */
    public TextFrameBuffer appendString(final String value)
    {
        append('"');
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            if (c == '"' || c == '\\')
            {
                append('\\').append(c);
            }
            else if (c < 0x20 || c > 0x7e)
            {
                append('\\').append('u')
                    .appendHex(c >>> 12).appendHex(c >>> 8).appendHex(c >>> 4).appendHex(c);
            }
            else
            {
                append(c);
            }
        }
        return append('"');
    }

    /** A decimal string literal of {@code mantissa} at {@code scale}, as {@link DecimalCodec#format} spells it. */
    public TextFrameBuffer appendDecimalString(final long mantissa, final int scale)
    {
        append('"');
        length = DecimalCodec.putAscii(buffer, length, mantissa, scale);
        return append('"');
    }

    /** Another frame's bytes, e.g. an event inside its combined-stream envelope. */
    public TextFrameBuffer append(final TextFrameBuffer other)
    {
        buffer.putBytes(length, other.buffer, 0, other.length);
        length += other.length;
        return this;
    }

    /** The frame as text (tests, logs); allocates. */
    @Override
    public String toString()
    {
        return new String(buffer.byteArray(), 0, length, StandardCharsets.US_ASCII);
    }

    private TextFrameBuffer appendHex(final int nibbles)
    {
        buffer.putByte(length++, HEX[nibbles & 0xf]);
        return this;
    }
}
