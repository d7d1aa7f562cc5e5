package io.mmfleet.quoteserver;

import com.sun.net.httpserver.HttpServer;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A venue that says exactly what a test scripts: REST depth answers taken in turn from a list (the
 * last repeats), and a market-stream server a test sends any frame through, garbage included.
 */
final class ScriptedVenue implements AutoCloseable
{
    /** An answer written {@code HTTP <status> Retry-After=<seconds> <body>} is sent with that status and header. */
    private static final java.util.regex.Pattern REFUSAL = java.util.regex.Pattern.compile("HTTP (\\d{3}) Retry-After=(\\d+) (.*)", java.util.regex.Pattern.DOTALL);

    /** A depth answer sending the headers of a 100-byte body and never the body. */
    static final String WITHHOLD_BODY = "WITHHOLD_BODY";

    private final CountDownLatch closing = new CountDownLatch(1);
    private final HttpServer rest;
    private final Streams streams;
    private final List<String> depthAnswers;
    private final AtomicInteger depthRequests = new AtomicInteger();
    private final List<Long> depthRequestTimesNs = new CopyOnWriteArrayList<>();

    private static final class Streams extends WebSocketServer
    {
        final List<WebSocket> open = new CopyOnWriteArrayList<>();
        final CountDownLatch started = new CountDownLatch(1);

        Streams()
        {
            super(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            setReuseAddr(true);
        }

        @Override
        public void onOpen(final WebSocket conn, final ClientHandshake handshake)
        {
            open.add(conn);
        }

        @Override
        public void onClose(final WebSocket conn, final int code, final String reason, final boolean remote)
        {
            open.remove(conn);
        }

        @Override
        public void onMessage(final WebSocket conn, final String message)
        {
        }

        @Override
        public void onError(final WebSocket conn, final Exception ex)
        {
        }

        @Override
        public void onStart()
        {
            started.countDown();
        }
    }

    ScriptedVenue(final List<String> depthAnswers) throws Exception
    {
        this.depthAnswers = depthAnswers;
        rest = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        rest.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(runnable ->
        {
            final Thread thread = new Thread(runnable, "scripted-venue-rest");
            thread.setDaemon(true);
            return thread;
        }));
        rest.createContext("/api/v3/depth", exchange ->
        {
            depthRequestTimesNs.add(System.nanoTime());
            final int n = depthRequests.getAndIncrement();
            String answer = depthAnswers.get(Math.min(n, depthAnswers.size() - 1));
            int status = 200;
            final java.util.regex.Matcher refusal = REFUSAL.matcher(answer);
            if (refusal.matches())
            {
                status = Integer.parseInt(refusal.group(1));
                exchange.getResponseHeaders().add("Retry-After", refusal.group(2));
                answer = refusal.group(3);
            }
            if (answer.equals(WITHHOLD_BODY))
            {
                // Headers promising a body that never comes, until the venue closes.
                exchange.sendResponseHeaders(200, 100);
                exchange.getResponseBody().flush();
                try
                {
                    closing.await(60, TimeUnit.SECONDS);
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                }
                exchange.close();
                return;
            }
            final byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody())
            {
                out.write(body);
            }
        });
        rest.start();
        streams = new Streams();
        streams.start();
        if (!streams.started.await(10, TimeUnit.SECONDS))
        {
            throw new IOException("scripted stream server did not start");
        }
    }

    int restPort()
    {
        return rest.getAddress().getPort();
    }

    int streamPort()
    {
        return streams.getPort();
    }

    int depthRequests()
    {
        return depthRequests.get();
    }

    /** {@link System#nanoTime()} of each depth request, in arrival order. */
    List<Long> depthRequestTimesNs()
    {
        return List.copyOf(depthRequestTimesNs);
    }

    /** Sends to one stream connection only, by order of opening among those open (0 = the oldest). */
    void sendTo(final int connection, final String frame)
    {
        streams.open.get(connection).send(frame);
    }

    /** Closes one stream connection, by order of opening among those open. */
    void drop(final int connection)
    {
        streams.open.get(connection).close();
    }

    int openStreams()
    {
        return streams.open.size();
    }

    void send(final String frame)
    {
        streams.open.forEach(conn -> conn.send(frame));
    }

    void sendBinary(final byte[] frame)
    {
        streams.open.forEach(conn -> conn.send(frame));
    }

    @Override
    public void close() throws Exception
    {
        closing.countDown();
        rest.stop(0);
        streams.stop(1000);
    }
}
