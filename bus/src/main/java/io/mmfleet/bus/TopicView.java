package io.mmfleet.bus;

import java.nio.charset.StandardCharsets;

/** A reusable view of a received topic frame; compare without allocating. */
public final class TopicView
{
    final byte[] bytes = new byte[Envelope.MAX_TOPIC_LENGTH + 1];
    int length;

    public int length()
    {
        return length;
    }

    public byte byteAt(final int index)
    {
        return bytes[index];
    }

    public boolean startsWith(final byte[] prefix)
    {
        if (prefix.length > length)
        {
            return false;
        }
        for (int i = 0; i < prefix.length; i++)
        {
            if (bytes[i] != prefix[i])
            {
                return false;
            }
        }
        return true;
    }

    public boolean equalsBytes(final byte[] other)
    {
        return other.length == length && startsWith(other);
    }

    /** Allocates; for tools and logs, not the hot path. */
    @Override
    public String toString()
    {
        return new String(bytes, 0, Math.min(length, Envelope.MAX_TOPIC_LENGTH), StandardCharsets.US_ASCII);
    }
}
