package io.mmfleet.exechandler.gateway;

import io.mmfleet.bus.EpochClock;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.handshake.ServerHandshake;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One WebSocket API connection. Runs on Java-WebSocket's threads and only hands what arrives to
 * the event loop, stamped with its arrival (the originNs of what it causes); the library answers the venue's pings (Binance closes a connection that does
 * not). A frame the loop's queue has no room for is counted and the connection closed: an answer
 * lost silently could leave an order's outcome unknown without anyone noticing.
 */
final class WsApiClient extends WebSocketClient
{
    static final int CONNECTION_LOST_TIMEOUT_SECONDS = 30;

    private final int connectionId;
    private final Queue<Inbound> inbound;
    private final EpochClock clock;
    private final AtomicLong framesDropped;

    WsApiClient(
        final URI uri,
        final int maxFrameBytes,
        final int connectionId,
        final Queue<Inbound> inbound,
        final EpochClock clock,
        final AtomicLong framesDropped,
        final int connectTimeoutMs)
    {
        super(uri, new Draft_6455(List.of(), maxFrameBytes), Map.of(), connectTimeoutMs);
        this.connectionId = connectionId;
        this.inbound = inbound;
        this.clock = clock;
        this.framesDropped = framesDropped;
        // A session can die without a close (venue hung, path black-holed) while no request is in
        // flight to time out: the library pings every 30 s and closes the connection if nothing at
        // all came back within 1.5 times that, and the event loop reconnects.
        setConnectionLostTimeout(CONNECTION_LOST_TIMEOUT_SECONDS);
    }

    int connectionId()
    {
        return connectionId;
    }

    /**
     * Java-WebSocket only marks a client closing while its handshake is unanswered: the reader
     * thread would stay blocked on a socket a silent venue never answers, leaking it and its
     * threads at every abandoned attempt. The socket itself is closed too.
     */
    @Override
    public void close()
    {
        if (!isOpen())
        {
            final Socket socket = getSocket();
            if (socket != null)
            {
                try
                {
                    socket.close();
                }
                catch (final IOException ex)
                {
                    // Closing anyway; nothing more to release.
                }
            }
        }
        super.close();
    }

    @Override
    public void onOpen(final ServerHandshake handshake)
    {
        offer(new Inbound.WsOpened(connectionId));
    }

    @Override
    public void onMessage(final String message)
    {
        if (!inbound.offer(new Inbound.WsText(connectionId, message, clock.nanoTime())))
        {
            framesDropped.incrementAndGet();
            close(1011, "event loop behind");
        }
    }

    @Override
    public void onMessage(final ByteBuffer bytes)
    {
        // Binance sends text only; a binary frame is unexpected input, counted and ignored.
        framesDropped.incrementAndGet();
    }

    @Override
    public void onClose(final int code, final String reason, final boolean remote)
    {
        offer(new Inbound.WsClosed(connectionId, (remote ? "closed by venue: " : "closed: ") + code + " " + reason));
    }

    @Override
    public void onError(final Exception ex)
    {
        offer(new Inbound.WsClosed(connectionId, "error: " + ex.getClass().getSimpleName() + ": " + ex.getMessage()));
    }

    private void offer(final Inbound event)
    {
        // Connection events must not be lost: the loop's queue is sized far above what is in flight.
        while (!inbound.offer(event))
        {
            Thread.onSpinWait();
        }
    }
}
