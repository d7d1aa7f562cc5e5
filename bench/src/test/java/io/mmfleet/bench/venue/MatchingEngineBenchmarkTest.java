package io.mmfleet.bench.venue;

import io.mmfleet.venuesim.engine.BalanceView;
import io.mmfleet.venuesim.engine.DepthView;
import io.mmfleet.venuesim.engine.Fill;
import io.mmfleet.venuesim.engine.MatchingEngine;
import io.mmfleet.venuesim.engine.OrderStatus;
import io.mmfleet.venuesim.engine.OrderView;
import io.mmfleet.venuesim.engine.PlaceResult;
import io.mmfleet.venuesim.engine.Side;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.infra.Blackhole;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.mmfleet.bench.venue.SteadyBook.BEST_ASK;
import static io.mmfleet.bench.venue.SteadyBook.BEST_BID;
import static io.mmfleet.bench.venue.SteadyBook.LEVELS;
import static io.mmfleet.bench.venue.SteadyBook.MARKET_ACCOUNT;
import static io.mmfleet.bench.venue.SteadyBook.ORDERS_PER_LEVEL;
import static io.mmfleet.bench.venue.SteadyBook.QUOTER_ACCOUNT;
import static io.mmfleet.bench.venue.SteadyBook.RESTING_QTY;
import static io.mmfleet.bench.venue.SteadyBook.SYMBOL;
import static io.mmfleet.bench.venue.SteadyBook.TAKER_ACCOUNT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The benchmark's operations do what they claim, and leave the book and the balances as steady as claimed. */
class MatchingEngineBenchmarkTest
{
    private final MatchingEngineBenchmark benchmark = new MatchingEngineBenchmark();
    private final EngineCounters counters = new EngineCounters();
    private MatchingEngine engine;

    @BeforeEach
    void setUp()
    {
        benchmark.freshBook(new Blackhole(
            "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous."));
        counters.reset();
        engine = benchmark.book().engine();
    }

    @Test
    void startsWithTwentyLevelsOfFourOrdersEachSide()
    {
        final DepthView depth = engine.depth(SYMBOL, 100);
        assertEquals(LEVELS, depth.bids().size());
        assertEquals(LEVELS, depth.asks().size());
        for (int level = 0; level < LEVELS; level++)
        {
            assertEquals(BEST_BID - level, depth.bids().get(level)[0]);
            assertEquals(BEST_ASK + level, depth.asks().get(level)[0]);
            assertEquals(ORDERS_PER_LEVEL * RESTING_QTY, depth.bids().get(level)[1]);
            assertEquals(ORDERS_PER_LEVEL * RESTING_QTY, depth.asks().get(level)[1]);
        }
        assertEquals(2 * LEVELS * ORDERS_PER_LEVEL, engine.openOrders(MARKET_ACCOUNT, SYMBOL).size());
    }

    @Test
    void quoteAndCancelRestsEachQuoteThenLeavesTheBookAsItWas()
    {
        final List<List<Long>> levelsBefore = levels();
        final Map<String, Integer> ordersBefore = marketOrdersByLevel();
        final long orderUpdatesBefore = benchmark.listener().orderUpdates();
        final long depthChangesBefore = benchmark.listener().depthChanges();
        final int ops = 3 * 16;

        for (int i = 0; i < ops; i++)
        {
            final OrderView cancelled = benchmark.quoteAndCancel(counters);
            assertEquals(OrderStatus.CANCELED, cancelled.status());
            assertEquals(QUOTER_ACCOUNT, cancelled.accountId());
        }

        // NEW then CANCELED, and a depth change for each: every quote really rested before it was cancelled.
        assertEquals(2L * ops, benchmark.listener().orderUpdates() - orderUpdatesBefore);
        assertEquals(2L * ops, benchmark.listener().depthChanges() - depthChangesBefore);
        assertEquals(0, benchmark.listener().publicTrades());
        assertEquals(2L * ops, counters.orderRequests);
        assertEquals(levelsBefore, levels());
        assertEquals(ordersBefore, marketOrdersByLevel());
        assertTrue(engine.openOrders(QUOTER_ACCOUNT, SYMBOL).isEmpty());
        for (final BalanceView balance : engine.balances(QUOTER_ACCOUNT))
        {
            assertEquals(SteadyBook.FUNDING, balance.free(), balance.asset());
            assertEquals(0, balance.locked(), balance.asset());
        }
    }

    @Test
    void quotesJoinExistingLevelsAndOpenNewOnesInsideTheSpread()
    {
        final List<Long> bidPrices = new ArrayList<>();
        final List<Long> askPrices = new ArrayList<>();
        for (int i = 0; i < 16; i++)
        {
            final OrderView quote = benchmark.quoteAndCancel(counters);
            (quote.side() == Side.BUY ? bidPrices : askPrices).add(quote.price());
        }
        assertEquals(List.of(BEST_BID + 1, BEST_BID, BEST_BID - 1, BEST_BID - 2, BEST_BID + 3, BEST_BID - 4,
            BEST_BID - 9, BEST_BID - 19), bidPrices);
        assertEquals(List.of(BEST_ASK - 1, BEST_ASK, BEST_ASK + 1, BEST_ASK + 2, BEST_ASK - 3, BEST_ASK + 4,
            BEST_ASK + 9, BEST_ASK + 19), askPrices);
    }

    @Test
    void sweepTakesOneToThreeLevelsAndTheBookIsRestored()
    {
        final List<List<Long>> levelsBefore = levels();
        final Map<String, Integer> ordersBefore = marketOrdersByLevel();
        final int[] expectedLevels = {1, 2, 3, 1, 2, 3};
        long trades = 0;

        for (int i = 0; i < MatchingEngineBenchmark.SWEEP_ORDERS.length; i++)
        {
            final PlaceResult result = benchmark.sweep(counters);
            final Side side = i % 2 == 0 ? Side.BUY : Side.SELL;
            assertEquals(side, result.order().side());
            assertEquals(OrderStatus.FILLED, result.order().status());
            assertEquals(MatchingEngineBenchmark.SWEEP_ORDERS[i], result.fills().size(), "sweep " + i);
            assertEquals(expectedLevels[i], result.fills().stream().mapToLong(Fill::price).distinct().count());
            for (final Fill fill : result.fills())
            {
                assertFalse(fill.maker());
                assertEquals(RESTING_QTY, fill.qty());
            }
            trades += result.fills().size();
            assertEquals(trades, benchmark.listener().publicTrades());
            assertEquals(levelsBefore, levels(), "book after sweep " + i);
            assertEquals(ordersBefore, marketOrdersByLevel(), "orders after sweep " + i);
        }
        assertEquals(trades, counters.trades);
        assertEquals(MatchingEngineBenchmark.SWEEP_ORDERS.length + trades, counters.orderRequests);
        assertPositiveAndUnlocked(TAKER_ACCOUNT);
    }

    @Test
    void mixKeepsTheBookAndTheBalancesSteady()
    {
        final List<List<Long>> levelsBefore = levels();
        final Map<String, Integer> ordersBefore = marketOrdersByLevel();
        // A whole number of sweep cycles, so the sweeps take a known number of orders.
        final int cycles = 40 * MatchingEngineBenchmark.SWEEP_ORDERS.length;
        final int ops = cycles * MatchingEngineBenchmark.MIX_PERIOD;

        for (int i = 0; i < ops; i++)
        {
            benchmark.mix(counters);
        }

        final int sweeps = cycles;
        final int quotes = ops - sweeps;
        assertEquals(40L * (3 + 6 + 10 + 3 + 6 + 10), counters.trades);
        assertEquals(2L * quotes + sweeps + counters.trades, counters.orderRequests);
        assertEquals(counters.trades, benchmark.listener().publicTrades());
        assertEquals(levelsBefore, levels());
        assertEquals(ordersBefore, marketOrdersByLevel());
        assertTrue(engine.openOrders(QUOTER_ACCOUNT, SYMBOL).isEmpty());
        assertPositiveAndUnlocked(TAKER_ACCOUNT);
        assertPositiveAndUnlocked(QUOTER_ACCOUNT);
        for (final BalanceView balance : engine.balances(MARKET_ACCOUNT))
        {
            assertTrue(balance.free() > 0, balance.toString());
        }
        // The taker pays 0.1 % on what it receives: its balances shrink, by far less than the funding.
        for (final BalanceView balance : engine.balances(TAKER_ACCOUNT))
        {
            assertTrue(balance.free() < SteadyBook.FUNDING, balance.toString());
            assertTrue(balance.free() > SteadyBook.FUNDING / 2, balance.toString());
        }
    }

    @Test
    void replenishRefusesWhatWouldChangeTheBooksShape()
    {
        final Fill partial = new Fill(1, BEST_ASK, RESTING_QTY / 2, 0, 0, "ETH", false);
        final Fill outside = new Fill(2, BEST_ASK + LEVELS, RESTING_QTY, 0, 0, "ETH", false);
        final Fill wrongSide = new Fill(3, BEST_BID, RESTING_QTY, 0, 0, "ETH", false);

        assertThrows(IllegalStateException.class, () -> benchmark.book().replenish(Side.BUY, List.of(partial)));
        assertThrows(IllegalStateException.class, () -> benchmark.book().replenish(Side.BUY, List.of(outside)));
        assertThrows(IllegalStateException.class, () -> benchmark.book().replenish(Side.BUY, List.of(wrongSide)));
        assertEquals(2 * LEVELS * ORDERS_PER_LEVEL, engine.openOrders(MARKET_ACCOUNT, SYMBOL).size());
    }

    private void assertPositiveAndUnlocked(final long accountId)
    {
        for (final BalanceView balance : engine.balances(accountId))
        {
            assertTrue(balance.free() > 0, accountId + " " + balance);
            assertEquals(0, balance.locked(), accountId + " " + balance);
        }
    }

    /** Every level of both sides as {side, price, qty}, best first. */
    private List<List<Long>> levels()
    {
        final DepthView depth = engine.depth(SYMBOL, 1000);
        final List<List<Long>> levels = new ArrayList<>();
        depth.bids().forEach(level -> levels.add(List.of(0L, level[0], level[1])));
        depth.asks().forEach(level -> levels.add(List.of(1L, level[0], level[1])));
        return levels;
    }

    /** The market account's open orders counted by side and price. */
    private Map<String, Integer> marketOrdersByLevel()
    {
        final Map<String, Integer> counts = new TreeMap<>();
        for (final OrderView order : engine.openOrders(MARKET_ACCOUNT, SYMBOL))
        {
            counts.merge(order.side() + "@" + order.price(), 1, Integer::sum);
        }
        return counts;
    }
}
