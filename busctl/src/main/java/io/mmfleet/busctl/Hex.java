package io.mmfleet.busctl;

import org.agrona.DirectBuffer;

/** Lower-case hex dumps for ERROR lines. */
final class Hex
{
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex()
    {
    }

    static String of(final byte[] bytes, final int length)
    {
        final StringBuilder out = new StringBuilder(length * 2);
        for (int i = 0; i < length; i++)
        {
            out.append(DIGITS[(bytes[i] >> 4) & 0xF]).append(DIGITS[bytes[i] & 0xF]);
        }
        return out.toString();
    }

    /** At most {@code limit} bytes from {@code offset}, never past the buffer's end. */
    static String of(final DirectBuffer buffer, final int offset, final int length, final int limit)
    {
        final int available = Math.max(0, Math.min(Math.min(length, limit), buffer.capacity() - Math.max(0, offset)));
        final byte[] bytes = new byte[available];
        if (available > 0)
        {
            buffer.getBytes(offset, bytes);
        }
        return of(bytes, available);
    }
}
