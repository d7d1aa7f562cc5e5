package io.mmfleet.quoteserver;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SnapshotFetcherTest
{
    private final CountDownLatch release = new CountDownLatch(1);
    private HttpServer server;

    @AfterEach
    void stop()
    {
        release.countDown();
        if (server != null)
        {
            server.stop(0);
        }
    }

    private URI serve(final String path, final int status, final byte[] body, final boolean withhold) throws Exception
    {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext(path, exchange ->
        {
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody())
            {
                if (withhold)
                {
                    out.flush();
                    release.await(30, TimeUnit.SECONDS);
                }
                else
                {
                    out.write(body);
                }
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Test
    void aBodyThatNeverArrivesFailsWithinTheTimeout() throws Exception
    {
        final URI uri = serve("/depth", 200, new byte[100], true);
        final ArrayBlockingQueue<SnapshotFetcher.Result> results = new ArrayBlockingQueue<>(4);
        final SnapshotFetcher fetcher = new SnapshotFetcher(Duration.ofSeconds(1), 1_000, results);
        final long startNs = System.nanoTime();
        fetcher.fetch(uri, Duration.ofMillis(300), 7, 2, 42);
        final SnapshotFetcher.Result result = results.poll(5, TimeUnit.SECONDS);
        assertNotNull(result, "a withheld body must end in an error result, not block for ever");
        assertTrue(System.nanoTime() - startNs < TimeUnit.SECONDS.toNanos(3));
        assertNull(result.body());
        assertEquals(42, result.requestId());
        assertEquals(7, result.connectionId());
        assertEquals(2, result.symbolIndex());
        assertTrue(result.error().contains("within 300 ms"), result.error());
    }

    @Test
    void aBodyLongerThanTheLimitIsRefused() throws Exception
    {
        final URI uri = serve("/depth", 200, new byte[5_000], false);
        final ArrayBlockingQueue<SnapshotFetcher.Result> results = new ArrayBlockingQueue<>(4);
        new SnapshotFetcher(Duration.ofSeconds(1), 1_000, results).fetch(uri, Duration.ofSeconds(2), 1, 0, 1);
        final SnapshotFetcher.Result result = results.poll(5, TimeUnit.SECONDS);
        assertNotNull(result);
        assertNull(result.body());
        assertTrue(result.error().contains("longer than 1000"), result.error());
    }

    @Test
    void aCompleteBodyIsDelivered() throws Exception
    {
        final byte[] body = "{\"lastUpdateId\":1,\"bids\":[],\"asks\":[]}".getBytes(StandardCharsets.UTF_8);
        final URI uri = serve("/depth", 200, body, false);
        final ArrayBlockingQueue<SnapshotFetcher.Result> results = new ArrayBlockingQueue<>(4);
        new SnapshotFetcher(Duration.ofSeconds(1), 1_000, results).fetch(uri, Duration.ofSeconds(2), 1, 0, 1);
        final SnapshotFetcher.Result result = results.poll(5, TimeUnit.SECONDS);
        assertNotNull(result);
        assertArrayEquals(body, result.body());
    }

    @Test
    void aResultTheQueueCannotTakeIsCounted() throws Exception
    {
        final URI uri = serve("/depth", 200, new byte[10], false);
        final ArrayBlockingQueue<SnapshotFetcher.Result> results = new ArrayBlockingQueue<>(1);
        results.add(new SnapshotFetcher.Result(0, 0, 0, null, "filler", 0));
        final SnapshotFetcher fetcher = new SnapshotFetcher(Duration.ofSeconds(1), 1_000, results);
        fetcher.fetch(uri, Duration.ofSeconds(2), 1, 0, 1);
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (fetcher.resultsLost() == 0 && System.nanoTime() < deadline)
        {
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
        assertEquals(1, fetcher.resultsLost());
    }
}
