package io.mmfleet.venuesim.binance;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.java_websocket.WebSocket;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.framing.Framedata;
import org.java_websocket.framing.PongFrame;
import org.java_websocket.handshake.ServerHandshake;

/** A WebSocket test client that queues text frames; it can be told to ignore pings, like a hung client. */
final class WsTestClient extends WebSocketClient
{
    final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    private final java.util.List<JsonNode> backlog = new java.util.ArrayList<>();
    final CountDownLatch closed = new CountDownLatch(1);
    volatile int closeCode;
    volatile int pings;
    private final boolean answerPings;

    WsTestClient(final String url, final boolean answerPings) throws InterruptedException
    {
        super(URI.create(url));
        this.answerPings = answerPings;
        setConnectionLostTimeout(0);
        // A server that refuses the connection right after the handshake leaves it closed, not failed.
        if (!connectBlocking(5, TimeUnit.SECONDS) && closed.getCount() != 0)
        {
            throw new IllegalStateException("could not connect to " + url);
        }
    }

    /**
     * Waits for the first message matching {@code filter}; others stay for later awaits (events and responses
     * interleave). Fails after the deadline.
     */
    JsonNode await(final Predicate<JsonNode> filter, final long timeoutMs) throws InterruptedException
    {
        for (final java.util.Iterator<JsonNode> it = backlog.iterator(); it.hasNext(); )
        {
            final JsonNode seen = it.next();
            if (filter.test(seen))
            {
                it.remove();
                return seen;
            }
        }
        final long deadline = System.currentTimeMillis() + timeoutMs;
        while (true)
        {
            final long left = deadline - System.currentTimeMillis();
            final JsonNode next = left <= 0 ? null : messages.poll(left, TimeUnit.MILLISECONDS);
            if (next == null)
            {
                throw new AssertionError("no matching message within " + timeoutMs + " ms; connection " +
                    (closed.getCount() == 0 ? "closed with code " + closeCode : isOpen() ? "open" : "not open") +
                    "; other messages received: " + backlog);
            }
            if (filter.test(next))
            {
                return next;
            }
            backlog.add(next);
        }
    }

    /** How many received messages not yet taken by {@link #await} match {@code filter}; never waits. */
    long countReceived(final Predicate<JsonNode> filter)
    {
        messages.drainTo(backlog);
        return backlog.stream().filter(filter).count();
    }

    /** A pong frame the server never asked for. */
    void sendUnsolicitedPong()
    {
        sendFrame(new PongFrame());
    }

    @Override
    public void onWebsocketPing(final WebSocket conn, final Framedata frame)
    {
        pings++;
        if (answerPings)
        {
            super.onWebsocketPing(conn, frame);
        }
    }

    @Override
    public void onOpen(final ServerHandshake handshake)
    {
    }

    @Override
    public void onMessage(final String message)
    {
        try
        {
            messages.add(BinanceJson.MAPPER.readTree(message));
        }
        catch (final com.fasterxml.jackson.core.JsonProcessingException ex)
        {
            throw new IllegalStateException("server sent invalid JSON: " + message, ex);
        }
    }

    @Override
    public void onClose(final int code, final String reason, final boolean remote)
    {
        closeCode = code;
        closed.countDown();
    }

    @Override
    public void onError(final Exception ex)
    {
    }
}
