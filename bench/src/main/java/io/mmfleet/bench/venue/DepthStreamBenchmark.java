package io.mmfleet.bench.venue;

import io.mmfleet.venuesim.binance.DepthWindow;
import io.mmfleet.venuesim.binance.DiffDepthEvent;
import io.mmfleet.venuesim.binance.TextFrameBuffer;
import io.mmfleet.venuesim.engine.InstrumentSpec;
import io.mmfleet.venuesim.engine.MatchingEngine;
import io.mmfleet.venuesim.engine.NewOrder;
import io.mmfleet.venuesim.engine.OrderType;
import io.mmfleet.venuesim.engine.Side;
import io.mmfleet.venuesim.engine.StpMode;
import io.mmfleet.venuesim.engine.TimeInForce;
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

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * venue-sim's diff depth stream on one thread: engine depth changes folded into a {@link DepthWindow} as
 * {@code MarketStreamServer.onDepthChange} does, then the window written by {@link DiffDepthEvent} as the
 * {@code depthUpdate} text frame's bytes a raw {@code <symbol>@depth@100ms} subscriber is sent, into the reused
 * {@link TextFrameBuffer} {@code MarketStreamServer} hands to the WebSocket library. One op is one frame, so ops/s is
 * events/s. Not included: the WebSocket framing (Java-WebSocket's copy of the payload) and socket write, the stream
 * timer, the combined-stream envelope, and the second (1000 ms) window the server also feeds.
 * <ul>
 *     <li>{@link #fromChanges}: the changes are a {@link DepthChangeTape} recorded from a real engine (quotes placed
 *     and cancelled at 8 offsets a side, 1-3 level sweeps and the book restored), played over and over with its
 *     update ids shifted per pass; {@code changesPerEvent} of them are coalesced into each frame (1: a frame per book
 *     change; 10: a busy 100 ms window). This is the stream path alone.</li>
 *     <li>{@link #fromEngine}: the same path fed by the engine live: {@code changesPerEvent} engine requests per frame,
 *     each the placing or the cancelling of a passive quote (one depth change each), so the engine's own cost is
 *     included.</li>
 * </ul>
 * {@link DepthStreamCounters} adds depth changes/s and frame levels/s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED"})
public class DepthStreamBenchmark
{
    @Param({"1", "10"})
    public int changesPerEvent;

    private final NewOrder[] quotes = new NewOrder[2 * DepthChangeTape.QUOTE_OFFSETS.length];
    private DepthChangeTape tape;
    private List<DepthChange> changes;
    private InstrumentSpec spec;
    private DepthWindow tapeWindow;
    private final TextFrameBuffer frame = new TextFrameBuffer();
    private int nextChange;
    private long idShift;

    private DepthWindowFeed feed;
    private MatchingEngine engine;
    private int nextQuote;
    private long restingQuoteId = -1;

    public DepthStreamBenchmark()
    {
        for (int i = 0; i < DepthChangeTape.QUOTE_OFFSETS.length; i++)
        {
            final long offset = DepthChangeTape.QUOTE_OFFSETS[i];
            quotes[2 * i] = quote(Side.BUY, SteadyBook.BEST_BID + offset);
            quotes[2 * i + 1] = quote(Side.SELL, SteadyBook.BEST_ASK - offset);
        }
    }

    @Setup(Level.Trial)
    public void recordTape()
    {
        tape = DepthChangeTape.record();
        changes = tape.changes();
    }

    @Setup(Level.Iteration)
    public void fresh()
    {
        tapeWindow = new DepthWindow();
        nextChange = 0;
        idShift = 0;
        feed = new DepthWindowFeed();
        final SteadyBook book = new SteadyBook(feed);
        engine = book.engine();
        spec = engine.instrument(SteadyBook.SYMBOL);
        synchronized (feed.window())
        {
            feed.window().clear();                          // the book's construction is not part of the stream
        }
        nextQuote = 0;
        restingQuoteId = -1;
    }

    @Benchmark
    public TextFrameBuffer fromChanges(final DepthStreamCounters counters)
    {
        for (int i = 0; i < changesPerEvent; i++)
        {
            final DepthChange change = changes.get(nextChange);
            synchronized (tapeWindow)
            {
                tapeWindow.add(change.firstUpdateId() + idShift, change.lastUpdateId() + idShift, change.bids(),
                    change.asks());
            }
            if (++nextChange == changes.size())
            {
                nextChange = 0;
                idShift += tape.idSpan();
            }
        }
        counters.depthChanges += changesPerEvent;
        return frame(tapeWindow, counters);
    }

    @Benchmark
    public TextFrameBuffer fromEngine(final DepthStreamCounters counters)
    {
        for (int i = 0; i < changesPerEvent; i++)
        {
            if (restingQuoteId < 0)
            {
                restingQuoteId = engine.place(quotes[nextQuote]).order().orderId();
                nextQuote = (nextQuote + 1) % quotes.length;
            }
            else
            {
                engine.cancel(SteadyBook.QUOTER_ACCOUNT, SteadyBook.SYMBOL, restingQuoteId, null);
                restingQuoteId = -1;
            }
        }
        counters.depthChanges += changesPerEvent;
        return frame(feed.window(), counters);
    }

    /** Drains the window into the frame's bytes, as the stream timer does every 100 ms; the frame is reused. */
    private TextFrameBuffer frame(final DepthWindow window, final DepthStreamCounters counters)
    {
        synchronized (window)
        {
            counters.frameLevels += window.bids().size() + window.asks().size();
            DiffDepthEvent.write(frame, spec, window, System.currentTimeMillis());
            window.clear();
        }
        return frame;
    }

    public DepthChangeTape tape()
    {
        return tape;
    }

    public MatchingEngine engine()
    {
        return engine;
    }

    private static NewOrder quote(final Side side, final long price)
    {
        return new NewOrder(SteadyBook.QUOTER_ACCOUNT, SteadyBook.SYMBOL, null, side, OrderType.LIMIT,
            TimeInForce.GTC, price, MatchingEngineBenchmark.QUOTE_QTY, 0, StpMode.NONE, 0);
    }
}
