package io.mmfleet.quoteserver;

import io.mmfleet.bus.EpochClock;
import org.java_websocket.WebSocket;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.ServerHandshake;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One market-stream WebSocket. Runs on Java-WebSocket's own threads and does nothing there but
 * stamp each frame's arrival time and hand it to the event loop; the library answers the venue's
 * pings with pongs (Binance drops a connection that does not), and each ping is noted as a sign of
 * life.
 */
final class MarketStreamClient extends WebSocketClient
{
    private final int connectionId;
    private final FrameQueue frames;
    private final Queue<ConnectionEvent> events;
    private final EpochClock clock;
    private final AtomicLong droppedFrames = new AtomicLong();
    private final AtomicLong binaryFrames = new AtomicLong();
    private volatile long lastPingNs;

    MarketStreamClient(
        final URI uri,
        final int maxFrameBytes,
        final int connectionId,
        final FrameQueue frames,
        final Queue<ConnectionEvent> events,
        final EpochClock clock,
        final int connectTimeoutMs)
    {
        super(uri, new Draft_6455(List.of(), maxFrameBytes), Map.of(), connectTimeoutMs);
        this.connectionId = connectionId;
        this.frames = frames;
        this.events = events;
        this.clock = clock;
        // Liveness is judged by the event loop from frames and venue pings, not by our own pings.
        setConnectionLostTimeout(0);
    }

    @Override
    public void onOpen(final ServerHandshake handshake)
    {
        events.offer(new ConnectionEvent(connectionId, ConnectionEvent.Kind.OPENED, handshake.getHttpStatusMessage()));
    }

    @Override
    public void onMessage(final String message)
    {
        if (!frames.offer(connectionId, message, clock.nanoTime()))
        {
            droppedFrames.incrementAndGet();
        }
    }

    @Override
    public void onMessage(final ByteBuffer bytes)
    {
        // Binance sends text only; a binary frame is unexpected input, counted and otherwise ignored.
        binaryFrames.incrementAndGet();
    }

    @Override
    public void onWebsocketPing(final WebSocket conn, final Framedata ping)
    {
        lastPingNs = System.nanoTime();
        super.onWebsocketPing(conn, ping);
    }

    @Override
    public void onClose(final int code, final String reason, final boolean remote)
    {
        events.offer(new ConnectionEvent(connectionId, ConnectionEvent.Kind.CLOSED,
            (remote ? "closed by venue: " : "closed: ") + code + " " + reason));
    }

    @Override
    public void onError(final Exception ex)
    {
        // onClose follows every error that ends the connection; the reason is what it says.
        events.offer(new ConnectionEvent(connectionId, ConnectionEvent.Kind.CLOSED, "error: " + ex));
    }

    /** Frames lost because the event loop was behind; any increase invalidates this connection's books. */
    long droppedFrames()
    {
        return droppedFrames.get();
    }

    long binaryFrames()
    {
        return binaryFrames.get();
    }

    /** {@link System#nanoTime()} of the venue's last ping, 0 if none yet. */
    long lastPingNs()
    {
        return lastPingNs;
    }
}
