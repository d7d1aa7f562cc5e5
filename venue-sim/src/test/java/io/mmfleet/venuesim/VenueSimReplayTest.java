package io.mmfleet.venuesim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mmfleet.venuesim.binance.ApiKeyRegistry;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The round trip of a depth replay: venue-sim in-process replays the sample recording in a loop; a client follows
 * Binance's local book procedure (subscribe to the diff depth stream, take the REST snapshot, drop what it covers,
 * check U/u chaining) and its book must pass through recorded snapshots, then loop back to an earlier one.
 */
class VenueSimReplayTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** A book, price → qty per side, as plain decimals without trailing zeros (the wire pads to 8 decimals). */
    private record Book(Map<String, String> bids, Map<String, String> asks)
    {
    }

    @Test
    void restDepthAndDiffDepthStreamShowTheRecordedLevels() throws Exception
    {
        final Path ini = Files.writeString(dir.resolve("fleet.ini"), ReplayConfigTest.ini(
            "REPLAY_FILE = " + ReplayConfigTest.sampleRecording() + "\nREPLAY_LOOP = true"));
        final List<Book> recorded = recordedBooks(ReplayConfigTest.sampleRecording());
        try (VenueSim venue = VenueSim.start(VenueSimConfig.load(ini), new ApiKeyRegistry()))
        {
            final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
            final HttpClient http = HttpClient.newHttpClient();
            final WebSocket ws = http.newWebSocketBuilder().buildAsync(
                URI.create("ws://127.0.0.1:" + venue.streamPort() + "/ws/ethusdt@depth@100ms"), collector(frames))
                .get(10, TimeUnit.SECONDS);
            try
            {
                final HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + venue.restPort() + "/api/v3/depth?symbol=ETHUSDT&limit=100"))
                    .build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, response.statusCode(), response.body());
                final JsonNode depth = JSON.readTree(response.body());
                final Book book = new Book(levels(depth.get("bids")), levels(depth.get("asks")));
                final int first = recorded.indexOf(book);
                assertTrue(first >= 0, "REST depth " + book + " is one of the recorded snapshots " + recorded);
                followStream(frames, depth.get("lastUpdateId").asLong(), book, recorded, first);
            }
            finally
            {
                ws.abort();
            }
        }
    }

    /**
     * Applies diff depth events to {@code book} until it has shown several recorded snapshots and
     * wrapped round to an earlier one (the loop). A stalled machine may merge snapshots that fall
     * in one tick, so the order is checked as forward-only, not snapshot by snapshot.
     */
    private static void followStream(final BlockingQueue<String> frames, final long snapshotId, final Book book,
        final List<Book> recorded, final int first) throws Exception
    {
        final List<Integer> shown = new ArrayList<>(List.of(first));
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        long previousU = -1;
        boolean wrapped = false;
        while (!wrapped || shown.size() < 3)
        {
            final String frame = frames.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (frame == null)
            {
                fail("the stream did not show recorded snapshots and loop within 15 s; shown " + shown);
            }
            final JsonNode event = JSON.readTree(frame);
            assertEquals("depthUpdate", event.get("e").asText(), frame);
            assertEquals("ETHUSDT", event.get("s").asText(), frame);
            final long firstId = event.get("U").asLong();
            final long lastId = event.get("u").asLong();
            if (lastId <= snapshotId)
            {
                continue;                                   // covered by the REST snapshot
            }
            if (previousU < 0)
            {
                assertTrue(firstId <= snapshotId + 1, "first event " + frame + " follows snapshot " + snapshotId);
            }
            else
            {
                assertEquals(previousU + 1, firstId, "U chains on the previous u: " + frame);
            }
            previousU = lastId;
            apply(event.get("b"), book.bids());
            apply(event.get("a"), book.asks());
            final int now = recorded.indexOf(book);
            final int last = shown.get(shown.size() - 1);
            if (now >= 0 && now != last)
            {
                wrapped |= now < last;
                shown.add(now);
            }
        }
        assertTrue(shown.stream().distinct().count() >= 2, "more than one recorded snapshot shown: " + shown);
    }

    private static void apply(final JsonNode levels, final Map<String, String> side)
    {
        for (final JsonNode level : levels)
        {
            final String qty = plain(level.get(1));
            if (qty.equals("0"))
            {
                side.remove(plain(level.get(0)));
            }
            else
            {
                side.put(plain(level.get(0)), qty);
            }
        }
    }

    private static List<Book> recordedBooks(final Path recording) throws Exception
    {
        final List<Book> books = new ArrayList<>();
        for (final String line : Files.readAllLines(recording))
        {
            if (!line.isBlank() && !line.startsWith("#"))
            {
                final JsonNode snapshot = JSON.readTree(line);
                books.add(new Book(levels(snapshot.get("bids")), levels(snapshot.get("asks"))));
            }
        }
        return books;
    }

    private static String plain(final JsonNode decimal)
    {
        return new BigDecimal(decimal.asText()).stripTrailingZeros().toPlainString();
    }

    private static Map<String, String> levels(final JsonNode levels)
    {
        final Map<String, String> side = new TreeMap<>();
        for (final JsonNode level : levels)
        {
            side.put(plain(level.get(0)), plain(level.get(1)));
        }
        return side;
    }

    private static WebSocket.Listener collector(final BlockingQueue<String> frames)
    {
        return new WebSocket.Listener()
        {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(final WebSocket webSocket, final CharSequence data, final boolean last)
            {
                partial.append(data);
                if (last)
                {
                    frames.add(partial.toString());
                    partial.setLength(0);
                }
                webSocket.request(1);
                return null;
            }
        };
    }
}
