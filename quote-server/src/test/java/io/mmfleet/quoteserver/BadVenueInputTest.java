package io.mmfleet.quoteserver;

import io.mmfleet.bus.BusMessageHandler;
import io.mmfleet.bus.BusSubscriber;
import io.mmfleet.bus.Envelope;
import io.mmfleet.bus.GapListener;
import io.mmfleet.bus.testing.Await;
import io.mmfleet.bus.testing.JavaProcess;
import io.mmfleet.bus.testing.Ports;
import io.mmfleet.sbe.BookUpdateDecoder;
import io.mmfleet.sbe.VenueStatusDecoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeromq.ZContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A venue that answers garbage: a snapshot that does not parse, then frames of every bad kind
 * between good diffs. quote-server counts and logs each kind once, keeps running, and its book is
 * exactly what the good diffs make of the snapshot.
 */
class BadVenueInputTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String SNAPSHOT =
        "{\"lastUpdateId\":100,\"bids\":[[\"3000.00\",\"1.0000\"],[\"2999.99\",\"2.0000\"]],\"asks\":[[\"3000.01\",\"1.5000\"]]}";

    @TempDir
    Path dir;

    private static String diff(final long first, final long last, final String bids, final String asks)
    {
        return "{\"stream\":\"ethusdt@depth@100ms\",\"data\":{\"e\":\"depthUpdate\",\"E\":1700000000000,\"s\":\"ETHUSDT\",\"U\":" +
            first + ",\"u\":" + last + ",\"b\":" + bids + ",\"a\":" + asks + "}}";
    }

    @Test
    void garbageIsCountedAndLoggedOncePerKindAndNeverCorruptsTheBook() throws Exception
    {
        try (ScriptedVenue venue = new ScriptedVenue(List.of("{\"lastUpdateId\":100,\"bids\":[[\"3000.00\"", SNAPSHOT));
             ZContext zmq = new ZContext(1))
        {
            final int httpPort = Ports.free();
            final String pub = Ports.tcpEndpoint();
            final Path ini = dir.resolve("fleet.ini");
            Files.writeString(ini, String.join("\n",
                "[bus]", "CONTROL_ENDPOINT = " + Ports.tcpEndpoint(), "SEND_HWM = 1000", "RECEIVE_HWM = 1000",
                "[instruments]", "ETH-USDC = 1",
                "[quote-server]", "SOURCE_ID = 1", "PUB_ENDPOINT = " + pub, "HTTP_PORT = " + httpPort,
                "IDLE_STRATEGY = sleeping",
                "REST_URL = http://127.0.0.1:" + venue.restPort(),
                "STREAM_URL = ws://127.0.0.1:" + venue.streamPort(),
                "SYMBOLS = ETHUSDT:ETH-USDC:2:4", "TOP_LEVELS = 5", "SNAPSHOT_LEVELS = 100",
                "RECONNECT_BACKOFF_MIN = 20ms", "RECONNECT_BACKOFF_MAX = 100ms", ""));
            final Map<Long, String> books = new ConcurrentHashMap<>();
            final List<String> states = new CopyOnWriteArrayList<>();
            final BookUpdateDecoder bookUpdate = new BookUpdateDecoder();
            final VenueStatusDecoder status = new VenueStatusDecoder();
            final BusMessageHandler handler = (topic, header, buffer, length) ->
            {
                if (header.templateId() == BookUpdateDecoder.TEMPLATE_ID)
                {
                    bookUpdate.wrap(buffer, Envelope.HEADER_LENGTH, header.blockLength(), header.version());
                    final StringBuilder text = new StringBuilder("bids");
                    bookUpdate.bids().forEach(l -> text.append(' ').append(l.price().mantissa()).append('x').append(l.qty().mantissa()));
                    text.append(" asks");
                    bookUpdate.asks().forEach(l -> text.append(' ').append(l.price().mantissa()).append('x').append(l.qty().mantissa()));
                    books.put(bookUpdate.venueUpdateId(), text.toString());
                }
                else if (header.templateId() == VenueStatusDecoder.TEMPLATE_ID)
                {
                    status.wrap(buffer, Envelope.HEADER_LENGTH, header.blockLength(), header.version());
                    states.add(status.state().name());
                }
            };
            try (BusSubscriber subscriber = new BusSubscriber(zmq, 1000, GapListener.NONE).connect(pub).subscribe("md.binance.");
                 JavaProcess quoteServer = JavaProcess.start("quote-server", QuoteServerMain.class, "--config", ini.toString()))
            {
                Await.until(() -> venue.openStreams() == 1 && venue.depthRequests() >= 2, TIMEOUT, quoteServer::transcript);
                quoteServer.awaitStdout(l -> l.contains("event=snapshot_failed"), TIMEOUT);
                Await.until(() ->
                {
                    subscriber.poll(handler, 100);
                    return books.containsKey(100L);
                }, TIMEOUT, () -> "no book from the snapshot\n" + quoteServer.transcript());
                assertEquals("bids 300000x10000 299999x20000 asks 300001x15000", books.get(100L));

                venue.send(diff(101, 101, "[[\"3000.00\",\"0.5000\"]]", "[]"));
                for (int round = 0; round < 2; round++)
                {
                    venue.send("not json at all");
                    venue.send("{\"stream\":\"ethusdt@depth@100ms\",\"data\":{\"e\":\"depthUpdate\",\"E\":1,\"s\":\"ETHUSDT\",\"U\":\"x\",\"u\":2,\"b\":[],\"a\":[]}}");
                    venue.send(diff(102, 102, "[[\"3000.001\",\"1.0000\"]]", "[]"));
                    venue.send("{\"stream\":\"dogeusdt@trade\",\"data\":{}}");
                    venue.send("{\"result\":null,\"id\":7}");
                    venue.sendBinary(new byte[] {1, 2, 3});
                }
                venue.send(diff(102, 102, "[]", "[[\"3000.01\",\"0\"],[\"3000.02\",\"2.0000\"]]"));
                Await.until(() ->
                {
                    subscriber.poll(handler, 100);
                    return books.containsKey(102L);
                }, TIMEOUT, () -> "no book after the good diffs; saw " + books + "\n" + quoteServer.transcript());
                assertEquals("bids 300000x5000 299999x20000 asks 300002x20000", books.get(102L), "only the good diffs applied");
                assertEquals(List.of("CONNECTING", "SYNCING", "LIVE"), states.stream().distinct().toList(), "never untrustworthy: " + states);
                assertTrue(quoteServer.isAlive(), quoteServer.transcript());

                final String metrics = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
                for (final String kind : List.of("malformed-json", "wrong-type", "precision", "unknown_stream", "unexpected_reply", "binary_frame"))
                {
                    assertTrue(metrics.contains("quote_server_malformed_messages_total{kind=\"" + kind + "\"} 2.0"), kind + " counted twice:\n" + metrics);
                    assertEquals(1, quoteServer.stdout().stream()
                        .filter(l -> l.contains("event=malformed_venue_message kind=" + kind + " ")).count(), kind + " logged once:\n" + quoteServer.transcript());
                }
                assertTrue(metrics.contains("quote_server_malformed_messages_total{kind=\"snapshot_"), "the garbage snapshot is counted:\n" + metrics);
            }
        }
    }
}
