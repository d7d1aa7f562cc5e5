package io.mmfleet.bench.venue;

import io.mmfleet.venuesim.engine.MatchingEngine;
import io.mmfleet.venuesim.engine.NewOrder;
import io.mmfleet.venuesim.engine.OrderType;
import io.mmfleet.venuesim.engine.OrderView;
import io.mmfleet.venuesim.engine.PlaceResult;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.concurrent.TimeUnit;

import static io.mmfleet.bench.venue.SteadyBook.QUOTER_ACCOUNT;
import static io.mmfleet.bench.venue.SteadyBook.RESTING_QTY;
import static io.mmfleet.bench.venue.SteadyBook.SYMBOL;
import static io.mmfleet.bench.venue.SteadyBook.TAKER_ACCOUNT;

/**
 * The venue-sim matching engine on one thread over a {@link SteadyBook} (20 levels a side, 4 orders a level):
 * <ul>
 *     <li>{@link #quoteAndCancel}: the market maker's common case, a passive LIMIT GTC placed and cancelled; the
 *     quotes cycle through both sides and prices that join the best, a deeper or the deepest level, or open a new
 *     level inside the spread.</li>
 *     <li>{@link #sweep}: an aggressive LIMIT IOC that takes 3, 6 or 10 resting orders (1, 2 or 3 levels),
 *     alternately buying and selling, then the market account restores what it took (one order per fill).</li>
 *     <li>{@link #mix}: of every {@value #MIX_PERIOD} ops, {@value #MIX_PERIOD} - 1 are {@link #quoteAndCancel} and
 *     one is a {@link #sweep}.</li>
 * </ul>
 * Every engine event goes to a {@link Blackhole}. Requests are built once, so what {@code -prof gc} reports per op
 * is the engine's own allocation. Each iteration starts from a fresh book; within one the book keeps its shape and
 * the balances cannot run out ({@link SteadyBook#FUNDING}). {@link EngineCounters} adds engine order requests/s
 * and trades/s to each op rate.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED"})
public class MatchingEngineBenchmark
{
    public static final int MIX_PERIOD = 8;
    /** 0.1 ETH, 300 USDT: above the 5 USDT minimum notional. */
    public static final long QUOTE_QTY = 1_000;
    /** Resting orders each sweep takes, in order; the sides alternate, so each side takes 19 over a cycle. */
    public static final int[] SWEEP_ORDERS = {3, 6, 10, 3, 6, 10};
    /** Ticks from the best price of the quote's own side, for each side; positive improves it. */
    private static final long[] QUOTE_OFFSETS = {1, 0, -1, -2, 3, -4, -9, -19};

    private final NewOrder[] quotes = new NewOrder[2 * QUOTE_OFFSETS.length];
    private final NewOrder[] sweeps = new NewOrder[SWEEP_ORDERS.length];
    private int nextQuote;
    private int nextSweep;
    private int mixStep;

    private BlackholeEngineListener listener;
    private SteadyBook book;
    private MatchingEngine engine;

    public MatchingEngineBenchmark()
    {
        for (int i = 0; i < QUOTE_OFFSETS.length; i++)
        {
            final long offset = QUOTE_OFFSETS[i];
            quotes[2 * i] = quote(2 * i, Side.BUY, SteadyBook.BEST_BID + offset);
            quotes[2 * i + 1] = quote(2 * i + 1, Side.SELL, SteadyBook.BEST_ASK - offset);
        }
        for (int i = 0; i < SWEEP_ORDERS.length; i++)
        {
            final Side side = i % 2 == 0 ? Side.BUY : Side.SELL;
            // The limit is the third level, so a sweep can never reach deeper than that.
            final long limit = side == Side.BUY ? SteadyBook.askPrice(2) : SteadyBook.bidPrice(2);
            sweeps[i] = new NewOrder(TAKER_ACCOUNT, SYMBOL, "sweep", side, OrderType.LIMIT, TimeInForce.IOC, limit,
                SWEEP_ORDERS[i] * RESTING_QTY, 0, StpMode.EXPIRE_MAKER, 0);
        }
    }

    @Setup(Level.Iteration)
    public void freshBook(final Blackhole blackhole)
    {
        listener = new BlackholeEngineListener(blackhole);
        book = new SteadyBook(listener);
        engine = book.engine();
        nextQuote = 0;
        nextSweep = 0;
        mixStep = 0;
    }

    @Benchmark
    public OrderView quoteAndCancel(final EngineCounters counters)
    {
        final NewOrder quote = quotes[nextQuote];
        nextQuote = (nextQuote + 1) % quotes.length;
        final PlaceResult placed = engine.place(quote);
        counters.orderRequests += 2;
        return engine.cancel(QUOTER_ACCOUNT, SYMBOL, placed.order().orderId(), null);
    }

    @Benchmark
    public PlaceResult sweep(final EngineCounters counters)
    {
        final NewOrder taker = sweeps[nextSweep];
        nextSweep = (nextSweep + 1) % sweeps.length;
        final PlaceResult result = engine.place(taker);
        final int restored = book.replenish(taker.side(), result.fills());
        counters.orderRequests += 1 + restored;
        counters.trades += result.fills().size();
        return result;
    }

    @Benchmark
    public Object mix(final EngineCounters counters)
    {
        mixStep = (mixStep + 1) % MIX_PERIOD;
        return mixStep == 0 ? sweep(counters) : quoteAndCancel(counters);
    }

    public SteadyBook book()
    {
        return book;
    }

    public BlackholeEngineListener listener()
    {
        return listener;
    }

    private static NewOrder quote(final int index, final Side side, final long price)
    {
        return new NewOrder(QUOTER_ACCOUNT, SYMBOL, "quote-" + index, side, OrderType.LIMIT, TimeInForce.GTC, price,
            QUOTE_QTY, 0, StpMode.EXPIRE_MAKER, 0);
    }
}
