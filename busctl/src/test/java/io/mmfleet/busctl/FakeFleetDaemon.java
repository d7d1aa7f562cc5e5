package io.mmfleet.busctl;

import com.sun.net.httpserver.HttpServer;
import sun.misc.Signal;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

/**
 * A stand-in daemon for {@code bin/fleet} tests: its command line carries the real daemon's main class
 * (which is how bin/fleet knows its own processes), it answers 200 to every HTTP GET on the port
 * given, and on SIGTERM it takes the time given to stop, then exits 0 — a slow clean shutdown.
 *
 * <p>{@code FakeFleetDaemon <daemon main class> <http port> <stop millis>}
 */
public final class FakeFleetDaemon
{
    private FakeFleetDaemon()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final int port = Integer.parseInt(args[1]);
        final long stopMillis = Long.parseLong(args[2]);
        final HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 16);
        server.createContext("/", exchange ->
        {
            final byte[] body = "{\"status\":\"ready\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        final CountDownLatch terminated = new CountDownLatch(1);
        Signal.handle(new Signal("TERM"), signal -> terminated.countDown());
        terminated.await();
        Thread.sleep(stopMillis);
        server.stop(0);
        System.exit(0);
    }
}
