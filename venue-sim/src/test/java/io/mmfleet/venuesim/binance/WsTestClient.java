package io.mmfleet.venuesim.binance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.TreeMap;
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
    /** What the library reported, kept for a timeout's message: it swallows exceptions thrown by onMessage. */
    private final java.util.List<Exception> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
    volatile int closeCode;
    volatile int pings;
    private final boolean answerPings;
    private int nextRequestId;

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
                    "; other messages received: " + backlog + "; client errors: " + errors + "\n" + webSocketThreads());
            }
            if (filter.test(next))
            {
                return next;
            }
            backlog.add(next);
        }
    }

    /**
     * The stacks of the WebSocket library's threads (client and server sides share this JVM): a
     * request that got no answer at all is a stuck selector or worker, and only their stacks say which.
     */
    private static String webSocketThreads()
    {
        final StringBuilder dump = new StringBuilder("WebSocket threads:");
        Thread.getAllStackTraces().forEach((thread, stack) ->
        {
            if (thread.getName().contains("WebSocket") || thread.getName().contains("wsapi"))
            {
                dump.append("\n  ").append(thread.getName()).append(' ').append(thread.getState());
                for (final StackTraceElement frame : stack)
                {
                    dump.append("\n    at ").append(frame);
                }
            }
        });
        return dump.toString();
    }

    /**
     * Sends a WebSocket API request, signed when a key is given (parameters sorted, as the docs sign
     * them), and awaits its response.
     */
    JsonNode call(final String method, final String paramsJson, final String apiKey, final String secret) throws Exception
    {
        final ObjectNode params = (ObjectNode)BinanceJson.MAPPER.readTree(paramsJson);
        if (apiKey != null)
        {
            params.put("apiKey", apiKey);
            params.put("timestamp", System.currentTimeMillis());
            final TreeMap<String, String> text = new TreeMap<>();
            params.fields().forEachRemaining(field -> text.put(field.getKey(), field.getValue().asText()));
            params.put("signature", new HmacSha256(secret.getBytes(StandardCharsets.US_ASCII)).sign(WsApiSigningPayload.of(text)));
        }
        final String id = "req-" + (++nextRequestId);
        final ObjectNode request = BinanceJson.MAPPER.createObjectNode();
        request.put("id", id);
        request.put("method", method);
        request.set("params", params);
        send(request.toString());
        return await(m -> id.equals(m.path("id").asText()), 15_000);
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
        errors.add(ex);
    }

    /**
     * Closes and waits for the close handshake, but not for ever: Java-WebSocket's own
     * closeBlocking waits without a bound, and a server that never answers the close (or a close
     * racing the server's own) would hang the whole build. After 5 s the socket is closed under it.
     */
    @Override
    public void closeBlocking() throws InterruptedException
    {
        close();
        if (!closed.await(5, TimeUnit.SECONDS) && getSocket() != null)
        {
            try
            {
                getSocket().close();
            }
            catch (final IOException ex)
            {
                // Closing anyway.
            }
        }
    }
}
