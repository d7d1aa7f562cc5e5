package io.mmfleet.venuesim.binance;

import java.nio.ByteBuffer;

/**
 * One connection's pong deadline. Binance pings and expects, within the timeout, a pong carrying a copy of that
 * ping's payload; unsolicited pongs are allowed but do not keep a connection alive. So each ping carries a payload of
 * its own, and only a pong echoing the latest one answers it. The deadline runs from the oldest unanswered ping:
 * later pings do not push it back.
 */
final class PongDeadline
{
    private static final long NONE = -1;

    private long unansweredPingMs = NONE;
    private long expectedPayload;

    /** Call before the ping goes out, so that a fast pong cannot arrive ahead of its ping. */
    synchronized void pingSent(final long nowMs, final long payload)
    {
        if (unansweredPingMs == NONE)
        {
            unansweredPingMs = nowMs;
        }
        expectedPayload = payload;
    }

    /** A pong that does not echo the latest ping (e.g. an unsolicited one, empty) changes nothing. */
    synchronized void pongReceived(final ByteBuffer payload)
    {
        if (unansweredPingMs != NONE && payload.remaining() == Long.BYTES
            && payload.getLong(payload.position()) == expectedPayload)
        {
            unansweredPingMs = NONE;
        }
    }

    synchronized boolean expired(final long nowMs, final long pongTimeoutMs)
    {
        return unansweredPingMs != NONE && nowMs - unansweredPingMs >= pongTimeoutMs;
    }

    /** A ping frame carrying {@code payload}, as {@link #pingSent} expects it echoed. */
    static org.java_websocket.framing.PingFrame ping(final long payload)
    {
        final org.java_websocket.framing.PingFrame frame = new org.java_websocket.framing.PingFrame();
        frame.setPayload(ByteBuffer.allocate(Long.BYTES).putLong(0, payload));
        return frame;
    }
}
