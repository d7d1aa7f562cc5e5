package io.mmfleet.venuesim.binance;

import java.time.Duration;
import java.util.Collection;

import org.java_websocket.WebSocket;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.framing.Framedata;

/**
 * Binance's liveness rules for one server's WebSocket connections, the same for market streams and
 * the WebSocket API: a ping every ping interval carrying its own payload, a connection closed when
 * the pong to it is overdue, and every connection closed at its lifetime. Driven by one timer thread.
 */
final class ConnectionKeepAlive
{
    /** What a connection's attachment carries for the keep-alive. */
    interface Tracked
    {
        long openedAtMs();

        PongDeadline pong();
    }

    private final long pingIntervalMs;
    private final long pongTimeoutMs;
    private final long lifetimeMs;
    /** Each ping's payload is unique, so a pong can be matched to the ping it answers. */
    private long pingPayloads;
    private long lastPingMs;

    ConnectionKeepAlive(final Duration pingInterval, final Duration pongTimeout, final Duration lifetime, final long startMs)
    {
        this.pingIntervalMs = pingInterval.toMillis();
        this.pongTimeoutMs = pongTimeout.toMillis();
        this.lifetimeMs = lifetime.toMillis();
        this.lastPingMs = startMs;
    }

    /** Closes what is past its lifetime or pong deadline and pings the rest when a ping is due. Timer thread only. */
    void tick(final long nowMs, final Collection<WebSocket> connections)
    {
        final boolean pingDue = nowMs - lastPingMs >= pingIntervalMs;
        if (pingDue)
        {
            lastPingMs = nowMs;
        }
        for (final WebSocket conn : connections)
        {
            if (!(conn.getAttachment() instanceof Tracked tracked) || !conn.isOpen())
            {
                continue;
            }
            if (nowMs - tracked.openedAtMs() >= lifetimeMs)
            {
                conn.close(CloseFrame.NORMAL, "connection lifetime reached");
            }
            else if (tracked.pong().expired(nowMs, pongTimeoutMs))
            {
                conn.close(CloseFrame.POLICY_VALIDATION, "pong timeout");
            }
            else if (pingDue)
            {
                final long payload = ++pingPayloads;
                tracked.pong().pingSent(nowMs, payload);
                conn.sendFrame(PongDeadline.ping(payload));
            }
        }
    }

    /** For the server's onWebsocketPong: only a pong echoing the connection's latest ping answers it. */
    static void onPong(final WebSocket conn, final Framedata frame)
    {
        if (conn.getAttachment() instanceof Tracked tracked)
        {
            tracked.pong().pongReceived(frame.getPayloadData());
        }
    }
}
