package io.mmfleet.bench.quote;

import io.mmfleet.quoteserver.book.BinanceMarketParser;
import io.mmfleet.quoteserver.book.BookSynchronizer;
import io.mmfleet.quoteserver.book.BookUpdateWriter;
import io.mmfleet.quoteserver.book.DepthEvent;
import io.mmfleet.quoteserver.book.LocalBook;
import io.mmfleet.quoteserver.book.MalformedMessageException;
import io.mmfleet.quoteserver.book.TradeEvent;
import io.mmfleet.sbe.BookUpdateEncoder;
import io.mmfleet.sbe.MessageHeaderEncoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * quote-server's market data path on one thread: a Binance combined-stream {@code depthUpdate} text frame (a
 * {@code String}, as Java-WebSocket delivers it) parsed by {@link BinanceMarketParser}, checked and applied by
 * {@link BookSynchronizer} to a {@link LocalBook}, and the top {@link #DEPTH} levels a side encoded by
 * {@link BookUpdateWriter} into a {@code BookUpdate} with its message header. One op is one frame, so ops/s is
 * messages/s, and {@code -prof gc}'s {@code gc.alloc.rate.norm} is bytes allocated per message.
 *
 * <p>The sample is {@link DepthFrameTape}: a 1000-level-a-side BTCUSDT-like book and {@link #FRAMES} frames of
 * {@code levelsPerEvent} changed levels each. When the tape wraps, the synchronizer is reset and given the tape's
 * starting snapshot (parsed once in setup), as after a reconnect: that rebuild is part of the measured ops,
 * once per {@link #FRAMES} frames. Not included: WebSocket framing, the bus send, the publish-rate limiter.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED"})
public class DepthToBookUpdateBenchmark
{
    public static final int FRAMES = 8_192;
    public static final int DEPTH = 10;
    private static final long SEED = 20_261_121L;

    /** Levels changed per frame: 3 for a quiet 100 ms window, 20 for a busy one. */
    @Param({"3", "20"})
    public int levelsPerEvent;

    private DepthFrameTape tape;
    private final BinanceMarketParser parser =
        new BinanceMarketParser(DepthFrameTape.PRICE_SCALE, DepthFrameTape.QTY_SCALE);
    private final DepthEvent depth = new DepthEvent();
    private final TradeEvent trade = new TradeEvent();
    private final DepthEvent snapshot = new DepthEvent();
    private final LocalBook book = new LocalBook(5_000);
    private final PublishOnUpdate publisher = new PublishOnUpdate();
    private final BookSynchronizer synchronizer = new BookSynchronizer(1_024, book, publisher);
    private final BookUpdateWriter writer =
        new BookUpdateWriter(DEPTH, DepthFrameTape.PRICE_SCALE, DepthFrameTape.QTY_SCALE);
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[4096]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final BookUpdateEncoder encoder = new BookUpdateEncoder();
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws MalformedMessageException
    {
        tape = new DepthFrameTape(FRAMES, levelsPerEvent, SEED);
        parser.parseSnapshot(tape.startSnapshotJson().getBytes(StandardCharsets.UTF_8), snapshot);
        restart();
    }

    /** @return the encoded length of the BookUpdate the frame produced, header included. */
    @Benchmark
    public int frameToBookUpdate() throws MalformedMessageException
    {
        if (next == tape.size())
        {
            restart();
        }
        final String frame = tape.frame(next++);
        if (parser.parse(frame, depth, trade) != BinanceMarketParser.Kind.DEPTH_UPDATE)
        {
            throw new IllegalStateException("not a depth update: " + frame);
        }
        publisher.encodedLength = 0;
        synchronizer.onDiff(depth);
        if (publisher.encodedLength == 0)
        {
            throw new IllegalStateException("frame " + (next - 1) + " not applied: " + synchronizer.state());
        }
        return publisher.encodedLength;
    }

    /** Back to the tape's start: a new snapshot, as after a reconnect. */
    void restart()
    {
        next = 0;
        synchronizer.reset();
        synchronizer.onSnapshot(snapshot);
        if (synchronizer.state() != BookSynchronizer.State.SYNCED)
        {
            throw new IllegalStateException("the tape's snapshot did not sync: " + synchronizer.state());
        }
    }

    DepthFrameTape tape()
    {
        return tape;
    }

    LocalBook book()
    {
        return book;
    }

    UnsafeBuffer buffer()
    {
        return buffer;
    }

    long lastUpdateId()
    {
        return synchronizer.lastUpdateId();
    }

    /** What the daemon's listener does on each applied diff: encode the top of the book. */
    private final class PublishOnUpdate implements BookSynchronizer.Listener
    {
        int encodedLength;

        @Override
        public void onSynced()
        {
            // The rebuild at a tape wrap is not a frame's update; the next frame publishes the book.
        }

        @Override
        public void onUpdated()
        {
            encoder.wrapAndApplyHeader(buffer, 0, header);
            writer.write(encoder, 1, 1, synchronizer.lastUpdateId(), depth.eventTimeMs * 1_000_000L, book);
            encodedLength = MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
        }

        @Override
        public void onDesynced(final String reason)
        {
            throw new IllegalStateException("desynced: " + reason);
        }
    }
}
