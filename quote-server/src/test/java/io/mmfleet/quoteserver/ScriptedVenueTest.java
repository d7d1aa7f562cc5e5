package io.mmfleet.quoteserver;

import io.mmfleet.bus.BusMessageHandler;
import io.mmfleet.bus.BusSubscriber;
import io.mmfleet.bus.Envelope;
import io.mmfleet.bus.GapListener;
import io.mmfleet.bus.testing.Await;
import io.mmfleet.bus.testing.JavaProcess;
import io.mmfleet.bus.testing.Ports;
import io.mmfleet.sbe.BookUpdateDecoder;
import io.mmfleet.sbe.TradeDecoder;
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
 * quote-server against a venue whose every frame the test writes: garbage of every kind between
 * good diffs (counted and logged once per kind, never corrupting the book), a forced gap (resync
 * from a new snapshot), silence (STALE, then a new connection), the publish rate cap and a SIGHUP
 * reload. Each published book is checked level by level.
 */
class ScriptedVenueTest
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

    /** quote-server pointed at a scripted venue, with what it published on the bus. */
    private static final class Rig implements AutoCloseable
    {
        final Map<Long, String> books = new ConcurrentHashMap<>();
        final List<String> states = new CopyOnWriteArrayList<>();
        /** Each VenueStatus as "instrumentId:STATE". */
        final List<String> instrumentStates = new CopyOnWriteArrayList<>();
        final List<Long> trades = new CopyOnWriteArrayList<>();
        private final TradeDecoder tradeDecoder = new TradeDecoder();
        final int httpPort = Ports.free();
        final JavaProcess quoteServer;
        final Path ini;
        private final String baseIni;
        private final ZContext zmq = new ZContext(1);
        private final BusSubscriber subscriber;
        private final BookUpdateDecoder bookUpdate = new BookUpdateDecoder();
        private final VenueStatusDecoder status = new VenueStatusDecoder();
        private final BusMessageHandler handler = (topic, header, buffer, length) ->
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
                instrumentStates.add(status.instrumentId() + ":" + status.state().name());
            }
            else if (header.templateId() == TradeDecoder.TEMPLATE_ID)
            {
                tradeDecoder.wrap(buffer, Envelope.HEADER_LENGTH, header.blockLength(), header.version());
                trades.add(tradeDecoder.venueTradeId());
            }
        };

        Rig(final Path dir, final ScriptedVenue venue, final String extraKeys) throws Exception
        {
            final String pub = Ports.tcpEndpoint();
            ini = dir.resolve("fleet.ini");
            baseIni = String.join("\n",
                "[bus]", "CONTROL_ENDPOINT = " + Ports.tcpEndpoint(), "SEND_HWM = 1000", "RECEIVE_HWM = 1000",
                "[instruments]", "ETH-USDC = 1", "BTC-USDC = 2",
                "[quote-server]", "SOURCE_ID = 1", "PUB_ENDPOINT = " + pub, "HTTP_PORT = " + httpPort,
                "IDLE_STRATEGY = sleeping",
                "REST_URL = http://127.0.0.1:" + venue.restPort(),
                "STREAM_URL = ws://127.0.0.1:" + venue.streamPort(),
                "SNAPSHOT_LEVELS = 100", "");
            Files.writeString(ini, withDefaults(extraKeys));
            subscriber = new BusSubscriber(zmq, 1000, GapListener.NONE).connect(pub).subscribe("md.binance.");
            quoteServer = JavaProcess.start("quote-server", QuoteServerMain.class, "--config", ini.toString());
        }

        void awaitBook(final long updateId)
        {
            Await.until(() ->
            {
                subscriber.poll(handler, 100);
                return books.containsKey(updateId);
            }, TIMEOUT, () -> "no book at update id " + updateId + "; saw " + books + " states " + states + "\n" + quoteServer.transcript());
        }

        void awaitTrades(final List<Long> wanted)
        {
            Await.until(() ->
            {
                subscriber.poll(handler, 100);
                return trades.size() >= wanted.size();
            }, TIMEOUT, () -> "trades " + trades + " short of " + wanted + "\n" + quoteServer.transcript());
            assertEquals(wanted, List.copyOf(trades), "trades published");
        }

        /** The last VenueStatus published for an instrument, or null. */
        String lastState(final int instrumentId)
        {
            String last = null;
            for (final String entry : instrumentStates)
            {
                if (entry.startsWith(instrumentId + ":"))
                {
                    last = entry.substring(entry.indexOf(':') + 1);
                }
            }
            return last;
        }

        void awaitStates(final List<String> wanted)
        {
            Await.until(() ->
            {
                subscriber.poll(handler, 100);
                return states.size() >= wanted.size() && states.subList(states.size() - wanted.size(), states.size()).equals(wanted);
            }, TIMEOUT, () -> "states " + states + " do not end with " + wanted + "\n" + quoteServer.transcript());
        }

        /**
         * The states from the first LIVE on. What was published before the bus subscriber had
         * joined (CONNECTING at start) may be lost, as on any PUB socket.
         */
        List<String> afterFirstLive()
        {
            final int first = states.indexOf("LIVE");
            return first < 0 ? List.of() : List.copyOf(states.subList(first, states.size()));
        }

        /** The INI with {@code extraKeys}, and SYMBOLS, TOP_LEVELS and the backoff unless they name them. */
        private String withDefaults(final String extraKeys)
        {
            return baseIni + extraKeys + "\n" +
                (extraKeys.contains("SYMBOLS") ? "" : "SYMBOLS = ETHUSDT:ETH-USDC:2:4\n") +
                (extraKeys.contains("TOP_LEVELS") ? "" : "TOP_LEVELS = 5\n") +
                (extraKeys.contains("RECONNECT_BACKOFF") ? "" : "RECONNECT_BACKOFF_MIN = 20ms\nRECONNECT_BACKOFF_MAX = 100ms\n");
        }

        /** Rewrites the INI with other extra keys and sends SIGHUP. */
        void reload(final String extraKeys) throws Exception
        {
            Files.writeString(ini, withDefaults(extraKeys));
            assertEquals(0, new ProcessBuilder("kill", "-HUP", Long.toString(quoteServer.pid())).start().waitFor());
        }

        void poll()
        {
            subscriber.poll(handler, 100);
        }

        HttpResponse<String> health()
        {
            try
            {
                return HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            }
            catch (final java.io.IOException | InterruptedException ex)
            {
                throw new AssertionError("no /health answer", ex);
            }
        }

        String metrics() throws Exception
        {
            return HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        }

        @Override
        public void close()
        {
            quoteServer.close();
            subscriber.close();
            zmq.close();
        }
    }

    @Test
    void garbageIsCountedAndLoggedOncePerKindAndNeverCorruptsTheBook() throws Exception
    {
        try (ScriptedVenue venue = new ScriptedVenue(List.of("{\"lastUpdateId\":100,\"bids\":[[\"3000.00\"", SNAPSHOT));
             Rig rig = new Rig(dir, venue, ""))
        {
            final JavaProcess quoteServer = rig.quoteServer;
            Await.until(() -> venue.openStreams() == 1 && venue.depthRequests() >= 2, TIMEOUT, quoteServer::transcript);
            quoteServer.awaitStdout(l -> l.contains("event=snapshot_failed"), TIMEOUT);
            rig.awaitBook(100);
            assertEquals("bids 300000x10000 299999x20000 asks 300001x15000", rig.books.get(100L));

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
            rig.awaitBook(102);
            assertEquals("bids 300000x5000 299999x20000 asks 300002x20000", rig.books.get(102L), "only the good diffs applied");
            assertEquals(List.of("LIVE"), rig.afterFirstLive(), "never untrustworthy once live: " + rig.states);
            assertTrue(quoteServer.isAlive(), quoteServer.transcript());

            final String metrics = rig.metrics();
            for (final String kind : List.of("malformed-json", "wrong-type", "precision", "unknown_stream", "unexpected_reply", "binary_frame"))
            {
                assertTrue(metrics.contains("quote_server_malformed_messages_total{kind=\"" + kind + "\"} 2.0"), kind + " counted twice:\n" + metrics);
                assertEquals(1, quoteServer.stdout().stream()
                    .filter(l -> l.contains("event=malformed_venue_message kind=" + kind + " ")).count(), kind + " logged once:\n" + quoteServer.transcript());
            }
            assertTrue(metrics.contains("quote_server_malformed_messages_total{kind=\"snapshot_"), "the garbage snapshot is counted:\n" + metrics);
        }
    }

    @Test
    void aGapInTheDiffsMakesTheBookUntrustworthyUntilANewSnapshotSyncsIt() throws Exception
    {
        final String later = "{\"lastUpdateId\":120,\"bids\":[[\"2999.50\",\"3.0000\"]],\"asks\":[[\"3000.50\",\"4.0000\"]]}";
        try (ScriptedVenue venue = new ScriptedVenue(List.of(SNAPSHOT, later));
             Rig rig = new Rig(dir, venue, ""))
        {
            rig.awaitBook(100);
            venue.send(diff(101, 101, "[[\"3000.00\",\"0.5000\"]]", "[]"));
            rig.awaitBook(101);
            // 102..109 never arrive.
            venue.send(diff(110, 111, "[[\"2999.98\",\"9.0000\"]]", "[]"));
            rig.awaitBook(120);
            assertEquals("bids 299950x30000 asks 300050x40000", rig.books.get(120L), "rebuilt from the new snapshot only");
            assertEquals(List.of("LIVE", "SYNCING", "LIVE"), rig.afterFirstLive(), "states " + rig.states);
            assertTrue(rig.books.keySet().stream().noneMatch(id -> id > 101 && id < 120), "nothing published while out of sync: " + rig.books.keySet());
            assertTrue(rig.metrics().contains("quote_server_book_resyncs_total{instrument=\"ETH-USDC\"} 1.0"), rig.metrics());
        }
    }

    @Test
    void aSilentConnectionIsMarkedStaleAndReplaced() throws Exception
    {
        try (ScriptedVenue venue = new ScriptedVenue(List.of(SNAPSHOT));
             Rig rig = new Rig(dir, venue, "STALE_TIMEOUT = 1s"))
        {
            rig.awaitBook(100);
            // The scripted venue sends nothing and does not ping: after 1 s the connection is dead.
            rig.awaitStates(List.of("STALE", "DISCONNECTED", "CONNECTING", "SYNCING", "LIVE"));
            rig.quoteServer.awaitStdout(l -> l.contains("event=connection_stale connection=1"), TIMEOUT);
            rig.quoteServer.awaitStdout(l -> l.contains("event=connected connection=2"), TIMEOUT);
        }
    }

    @Test
    void bookUpdatesAreRateCappedLatestWinsAndTheCapAndDepthReloadLive() throws Exception
    {
        try (ScriptedVenue venue = new ScriptedVenue(List.of(SNAPSHOT));
             Rig rig = new Rig(dir, venue, "MAX_PUBLISH_RATE = 1"))
        {
            rig.awaitBook(100);
            for (long u = 101; u <= 110; u++)
            {
                venue.send(diff(u, u, "[[\"2999.98\",\"" + u + ".0000\"]]", "[]"));
            }
            rig.awaitBook(110);
            // One BookUpdate a second: the ten diffs sent at once go out as at most two, the last
            // being the latest book.
            assertTrue(rig.books.keySet().stream().filter(id -> id > 100 && id < 110).count() <= 1,
                "coalesced: " + rig.books.keySet());
            assertEquals("bids 300000x10000 299999x20000 299998x1100000 asks 300001x15000", rig.books.get(110L));

            rig.reload("MAX_PUBLISH_RATE = 1000\nTOP_LEVELS = 1");
            rig.quoteServer.awaitStdout(l -> l.contains("event=reload_applied"), TIMEOUT);
            venue.send(diff(111, 111, "[[\"2999.97\",\"1.0000\"]]", "[]"));
            rig.awaitBook(111);
            venue.send(diff(112, 112, "[[\"2999.96\",\"1.0000\"]]", "[]"));
            rig.awaitBook(112);
            assertEquals("bids 300000x10000 asks 300001x15000", rig.books.get(112L), "one level per side after the reload");

            rig.reload("SYMBOLS = ETHUSDT:ETH-USDC:2:5");
            rig.quoteServer.awaitStdout(l -> l.contains("event=reload_refused") && l.contains("restart quote-server"), TIMEOUT);
            venue.send(diff(113, 113, "[[\"2999.95\",\"1.0000\"]]", "[]"));
            rig.awaitBook(113);
        }
    }

    @Test
    void eventLoopAllocationPerFrameIsMeasuredAndBounded() throws Exception
    {
        try (ScriptedVenue venue = new ScriptedVenue(List.of(SNAPSHOT));
             Rig rig = new Rig(dir, venue, "MAX_PUBLISH_RATE = 100000"))
        {
            rig.awaitBook(100);
            sendDiffs(venue, 101, 1100);
            rig.awaitBook(1100);
            final String warm = rig.metrics();
            sendDiffs(venue, 1101, 3100);
            rig.awaitBook(3100);
            final String after = rig.metrics();
            final double frames = metric(after, "quote_server_venue_frames_total") - metric(warm, "quote_server_venue_frames_total");
            final double bytes = metric(after, "quote_server_frame_allocated_bytes_total") - metric(warm, "quote_server_frame_allocated_bytes_total");
            final double perFrame = bytes / frames;
            System.out.printf("event-loop allocation per depth frame, parse to published BookUpdate: %.1f bytes over %.0f frames%n", perFrame, frames);
            assertEquals(2000, frames, 0.0, "every frame handled");
            // Bounded per message, never per level: jeromq copies each sent message into a new frame.
            assertTrue(perFrame < 1024, "allocation per frame " + perFrame);
        }
    }

    /** Diffs {@code first..last}, each moving one bid level among five, so the book keeps its size. */
    private static void sendDiffs(final ScriptedVenue venue, final long first, final long last)
    {
        for (long u = first; u <= last; u++)
        {
            final String price = "2999." + (90 + u % 5);
            venue.send(diff(u, u, "[[\"" + price + "\",\"" + (1 + u % 7) + ".0000\"]]", "[[\"3000.0" + (2 + u % 3) + "\",\"1.0000\"]]"));
        }
    }

    private static double metric(final String metrics, final String name)
    {
        for (final String line : metrics.split("\n"))
        {
            if (line.startsWith(name + " "))
            {
                return Double.parseDouble(line.substring(name.length() + 1).trim());
            }
        }
        throw new AssertionError("no metric " + name + " in\n" + metrics);
    }

    @Test
    void aSnapshotRefusedWithRetryAfterIsAskedAgainNoSoonerThanTheVenueSays() throws Exception
    {
        try (ScriptedVenue venue = new ScriptedVenue(List.of(
            "HTTP 429 Retry-After=1 {\"code\":-1003,\"msg\":\"Too many requests.\"}", SNAPSHOT));
             Rig rig = new Rig(dir, venue, ""))
        {
            final String refused = rig.quoteServer.awaitStdout(l -> l.contains("event=snapshot_failed"), TIMEOUT);
            assertTrue(refused.contains("retry_in_ms=1000") && refused.contains("HTTP 429"), refused);
            // Not ready while the book waits for its snapshot, and /health says which book and why.
            final HttpResponse<String> waiting = rig.health();
            assertEquals(503, waiting.statusCode(), waiting.body());
            assertTrue(waiting.body().contains("book.ETH-USDC") && waiting.body().contains("SYNCING"), waiting.body());
            rig.awaitBook(100);
            Await.until(() -> rig.health().statusCode() == 200, TIMEOUT, rig.quoteServer::transcript);
            assertEquals(2, venue.depthRequests());
        }
    }

    private static double framesHandled(final Rig rig)
    {
        try
        {
            return metric(rig.metrics(), "quote_server_venue_frames_total");
        }
        catch (final Exception ex)
        {
            throw new AssertionError("no /metrics answer", ex);
        }
    }

    private static String trade(final String symbol, final long id)
    {
        return "{\"stream\":\"" + symbol + "@trade\",\"data\":{\"e\":\"trade\",\"E\":1700000000000,\"s\":\"" +
            symbol.toUpperCase(java.util.Locale.ROOT) + "\",\"t\":" + id + ",\"p\":\"3000.00\",\"q\":\"0.5000\",\"T\":1700000000000,\"m\":true}}";
    }

    @Test
    void aRestartedVenueCountingItsIdsFromOneAgainIsPublishedAfterTheReconnect() throws Exception
    {
        final String afterRestart = "{\"lastUpdateId\":3,\"bids\":[[\"2999.00\",\"1.0000\"]],\"asks\":[[\"3001.00\",\"1.0000\"]]}";
        try (ScriptedVenue venue = new ScriptedVenue(List.of(SNAPSHOT, afterRestart));
             Rig rig = new Rig(dir, venue, ""))
        {
            rig.awaitBook(100);
            venue.send(trade("ethusdt", 50));
            rig.awaitTrades(List.of(50L));
            venue.drop(0);
            rig.awaitBook(3);
            venue.send(diff(4, 4, "[[\"2999.50\",\"2.0000\"]]", "[]"));
            rig.awaitBook(4);
            assertEquals("bids 299950x20000 299900x10000 asks 300100x10000", rig.books.get(4L));
            venue.send(trade("ethusdt", 1));
            rig.awaitTrades(List.of(50L, 1L));
        }
    }

    @Test
    void aBookThatKeepsFailingItsSnapshotBacksOffInsteadOfHammeringTheVenue() throws Exception
    {
        final String crossed = "{\"lastUpdateId\":100,\"bids\":[[\"3000.05\",\"1.0000\"]],\"asks\":[[\"3000.01\",\"1.5000\"]]}";
        try (ScriptedVenue venue = new ScriptedVenue(List.of(crossed));
             Rig rig = new Rig(dir, venue, "RECONNECT_BACKOFF_MIN = 200ms\nRECONNECT_BACKOFF_MAX = 400ms"))
        {
            Await.until(() -> venue.depthRequests() >= 4, TIMEOUT, rig.quoteServer::transcript);
            final List<Long> times = venue.depthRequestTimesNs();
            // The first retry goes at once; each later one waits at least half the doubled minimum.
            final long spreadMs = (times.get(3) - times.get(0)) / 1_000_000;
            assertTrue(spreadMs >= 350, "4 snapshot requests within " + spreadMs + " ms: no backoff");
        }
    }

    @Test
    void tradesDuringARolloverArePublishedOnceAndInOrderFromThePrimaryThenTheReplacement() throws Exception
    {
        try (ScriptedVenue venue = new ScriptedVenue(List.of(SNAPSHOT, "HTTP 429 Retry-After=2 {}", SNAPSHOT));
             Rig rig = new Rig(dir, venue, "CONNECTION_ROLLOVER = 1s"))
        {
            rig.awaitBook(100);
            Await.until(() -> venue.openStreams() == 2 && venue.depthRequests() >= 2, TIMEOUT, rig.quoteServer::transcript);
            final double framesBefore = metric(rig.metrics(), "quote_server_venue_frames_total");
            // The replacement hears of trade 105 before the primary has delivered 104.
            venue.sendTo(1, trade("ethusdt", 105));
            Await.until(() -> framesHandled(rig) > framesBefore, TIMEOUT, rig.quoteServer::transcript);
            venue.sendTo(0, trade("ethusdt", 104));
            venue.sendTo(0, trade("ethusdt", 105));
            rig.quoteServer.awaitStdout(l -> l.contains("event=rollover_completed"), TIMEOUT);
            Await.until(() -> venue.openStreams() == 1, TIMEOUT, rig.quoteServer::transcript);
            venue.send(trade("ethusdt", 106));
            rig.awaitTrades(List.of(104L, 105L, 106L));
        }
    }

    @Test
    void booksTheReplacementHasSyncedStayLiveWhenThePrimaryDropsMidRollover() throws Exception
    {
        try (ScriptedVenue venue = new ScriptedVenue(List.of(SNAPSHOT, SNAPSHOT, SNAPSHOT, "HTTP 429 Retry-After=60 {}"));
             Rig rig = new Rig(dir, venue, "CONNECTION_ROLLOVER = 1s\nSYMBOLS = ETHUSDT:ETH-USDC:2:4,BTCUSDT:BTC-USDC:2:4"))
        {
            rig.quoteServer.awaitStdout(l -> l.contains("event=book_synced") && l.contains("connection=2"), TIMEOUT);
            Await.until(() -> venue.openStreams() == 2 && venue.depthRequests() >= 4, TIMEOUT, rig.quoteServer::transcript);
            venue.drop(0);
            rig.quoteServer.awaitStdout(l -> l.contains("event=replacement_took_over"), TIMEOUT);
            Await.until(() ->
            {
                rig.poll();
                final List<String> last = java.util.Arrays.asList(rig.lastState(1), rig.lastState(2));
                return last.contains("LIVE") && last.contains("SYNCING");
            }, TIMEOUT, () -> "states " + rig.instrumentStates + "\n" + rig.quoteServer.transcript());
            assertTrue(rig.instrumentStates.stream().noneMatch(s -> s.endsWith("DISCONNECTED")),
                "a replacement was there to take over: " + rig.instrumentStates);
        }
    }

    @Test
    void aSnapshotWhoseBodyNeverArrivesIsAbandonedAndAskedAgain() throws Exception
    {
        try (ScriptedVenue venue = new ScriptedVenue(List.of(ScriptedVenue.WITHHOLD_BODY, SNAPSHOT));
             Rig rig = new Rig(dir, venue, "SNAPSHOT_TIMEOUT = 300ms"))
        {
            final String failed = rig.quoteServer.awaitStdout(l -> l.contains("event=snapshot_failed"), TIMEOUT);
            assertTrue(failed.contains("within 300 ms"), failed);
            rig.awaitBook(100);
            assertEquals(2, venue.depthRequests());
        }
    }

    @Test
    void aResyncWhileWaitingOutARetryAfterDoesNotAskSooner() throws Exception
    {
        try (ScriptedVenue venue = new ScriptedVenue(List.of("HTTP 429 Retry-After=2 {}", SNAPSHOT));
             Rig rig = new Rig(dir, venue, ""))
        {
            rig.quoteServer.awaitStdout(l -> l.contains("event=snapshot_failed") && l.contains("HTTP 429"), TIMEOUT);
            // A gap among the diffs buffered meanwhile makes the book resync before the venue's 2 s are up.
            venue.send(diff(101, 101, "[]", "[]"));
            venue.send(diff(105, 105, "[]", "[]"));
            rig.quoteServer.awaitStdout(l -> l.contains("event=book_resync"), TIMEOUT);
            rig.awaitBook(100);
            final List<Long> times = venue.depthRequestTimesNs();
            final long waitedMs = (times.get(1) - times.get(0)) / 1_000_000;
            assertTrue(waitedMs >= 1_900, "asked again after " + waitedMs + " ms despite Retry-After: 2");
        }
    }
}
