package io.mmfleet.marketmaker.strategy;

import io.mmfleet.sbe.ImbalanceLevel;
import io.mmfleet.sbe.OrdStatus;
import io.mmfleet.sbe.Side;
import io.mmfleet.sbe.SpreadReason;
import io.mmfleet.sbe.StopReason;
import io.mmfleet.sbe.ThrottleState;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole core: book → σ → Avellaneda-Stoikov (γ 0.1, k 20, T − t a 60 s window) → spread rules
 * (as in {@link SpreadRulesTest}) → quote manager (as in {@link QuoteManagerTest}); σ sampled each
 * second, 2 warm-up samples, α 0.5; a book older than 2 s is stale, a one-sided one held for 500 ms.
 */
class MarketMakerTest
{
    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000 * MS;

    private final RecordingOutput out = new RecordingOutput();

    private static StrategyParams params()
    {
        return new StrategyParams(
            SpreadRulesTest.params(400_000),
            new QuoteManagerParams(1, 5, 500, 20, 100 * MS, 10 * SECOND),
            0.5, SECOND, 2, 10, 2 * SECOND, 500 * MS);
    }

    private static MarketMaker marketMaker(final MarketMakerOutput output)
    {
        final MarketMaker mm = new MarketMaker(
            params(), new AvellanedaStoikov(0.1, 20, Horizon.rolling(60 * SECOND)), new InstrumentSpec(2, 4), output, 1);
        mm.onInstrumentDefinition(true, 1, -2, 1, -4, 1, -4, 90_000_000, -4, 5, 0, 0);
        return mm;
    }

    /** Started, flat, quoting the default 2995.50 / 3004.50 with both orders acknowledged (requests 1 and 2). */
    private MarketMaker quoting()
    {
        final MarketMaker mm = marketMaker(out);
        mm.start(0);
        mm.onInventory(0, 0);
        mm.onBook(299_900, 300_100, MS);
        mm.onOrderState(1, OrdStatus.NEW, 1_000, 2 * MS);
        mm.onOrderState(2, OrdStatus.NEW, 1_000, 2 * MS);
        out.take();
        return mm;
    }

    @Test
    void startsQuotingOnceInventoryAndABookAreKnown()
    {
        final MarketMaker mm = marketMaker(out);
        mm.start(0);
        mm.onBook(299_900, 300_100, 0);
        assertEquals(List.of(), out.take(), "no inventory yet");
        mm.onInventory(0, MS);
        assertEquals(List.of(
            "started",
            "spread 0->3000 DEFAULT_NO_ESTIMATE",
            "imbalance 0/10000 0ppm NORMAL",
            "place 1 BUY L0 1000@299550",
            "place 2 SELL L0 1000@300450",
            "quotes 1000@299550 / 1000@300450"), out.take());
        assertTrue(mm.isQuoting());
    }

    @Test
    void staleMarketDataStopsQuotingAndCancelsUntilABookArrives()
    {
        final MarketMaker mm = quoting();
        mm.onTimer(2_001 * MS);
        assertEquals(List.of(), out.take(), "a book exactly 2 s old is still fresh");
        mm.onTimer(2_002 * MS);
        assertEquals(List.of("stopped STALE_MARKET_DATA", "cancel 3 of 1 BUY L0", "cancel 4 of 2 SELL L0"), out.take());
        mm.onBook(299_900, 300_100, 3 * SECOND);
        assertEquals(List.of("started"), out.take(), "the cancels are not answered yet");
        mm.onOrderState(1, OrdStatus.CANCELED, 0, 3 * SECOND);
        assertEquals(List.of("place 5 BUY L0 1000@299550", "quotes 1000@299550 / 1000@300450"), out.take());
    }

    @Test
    void ordersCarryTheInputOriginOfWhatDecidedThemNotOfTheAnswerThatLetThemOut()
    {
        final MarketMaker mm = quoting();
        mm.inputOrigin(101);
        mm.onBook(300_900, 301_100, 200 * MS);
        assertTrue(out.take().containsAll(List.of("cancel 3 of 1 BUY L0", "cancel 4 of 2 SELL L0")));
        mm.inputOrigin(201);
        mm.onOrderState(1, OrdStatus.CANCELED, 0, 210 * MS);
        assertTrue(out.take().get(0).startsWith("place 5 BUY"));
        assertEquals(101L, out.originOfOrder.get(5L), "the book that moved the quote");
        // The ask filled before its cancel took effect: the requote is the fill's.
        mm.inputOrigin(301);
        mm.onOrderState(2, OrdStatus.FILLED, 0, 220 * MS);
        assertTrue(out.take().get(0).startsWith("place 6 SELL"));
        assertEquals(301L, out.originOfOrder.get(6L), "the fill report");
    }

    @Test
    void aThrottledVenuePausesWithoutCancellingAndANearLimitOneWidens()
    {
        final MarketMaker mm = quoting();
        mm.onThrottle(ThrottleState.THROTTLED, 10 * MS);
        assertEquals(List.of("stopped THROTTLED"), out.take());
        mm.onThrottle(ThrottleState.OK, 20 * MS);
        assertEquals(List.of("started"), out.take());
        // NEAR_LIMIT: 40 bps → 2994.00 / 3006.00. The bid moved 1.50 / 2995.50 = 5.008 bps ≥ 5: requoted;
        // the ask 1.50 / 3004.50 = 4.993 bps < 5: left.
        mm.onThrottle(ThrottleState.NEAR_LIMIT, 200 * MS);
        assertEquals(List.of("spread 3000->4000 THROTTLE", "cancel 3 of 1 BUY L0"), out.take());
    }

    @Test
    void killSwitchUntrustedVenueAndStopCancelEverything()
    {
        MarketMaker mm = quoting();
        mm.onKillSwitch(true, 10 * MS);
        assertEquals(List.of("stopped KILL_SWITCH", "cancel 3 of 1 BUY L0", "cancel 4 of 2 SELL L0"), out.take());
        mm.onKillSwitch(false, 20 * MS);
        assertEquals(List.of("started"), out.take());

        out.take();
        mm = quoting();
        mm.onVenueTrusted(false, 10 * MS);
        assertEquals(List.of("stopped VENUE_UNTRUSTED", "cancel 3 of 1 BUY L0", "cancel 4 of 2 SELL L0"), out.take());

        mm = quoting();
        mm.stop(StopReason.SHUTDOWN, 10 * MS);
        assertEquals(List.of("stopped SHUTDOWN", "cancel 3 of 1 BUY L0", "cancel 4 of 2 SELL L0"), out.take());
        assertFalse(mm.isQuoting());
    }

    @Test
    void aHaltedInstrumentIsNotQuoted()
    {
        final MarketMaker mm = quoting();
        // A definition that does not fit price scale 2 is refused and changes nothing.
        assertThrows(IllegalArgumentException.class, () -> mm.onInstrumentDefinition(false, 1, -3, 1, -4, 1, -4, 0, 0, 5, 0, 5 * MS));
        assertEquals(List.of(), out.take());
        mm.onInstrumentDefinition(false, 1, -2, 1, -4, 1, -4, 90_000_000, -4, 5, 0, 10 * MS);
        assertEquals(List.of("stopped VENUE_UNTRUSTED", "cancel 3 of 1 BUY L0", "cancel 4 of 2 SELL L0"), out.take());
    }

    @Test
    void aQuietMarketWithALiveFeedIsNotStale()
    {
        final MarketMaker mm = quoting();
        mm.onMarketDataAlive(1_500 * MS);
        mm.onMarketDataAlive(3_000 * MS);
        mm.onTimer(4_000 * MS);
        assertEquals(List.of(), out.take(), "last sign of life 1 s ago");
        mm.onTimer(5_001 * MS);
        assertEquals(List.of("stopped STALE_MARKET_DATA", "cancel 3 of 1 BUY L0", "cancel 4 of 2 SELL L0"), out.take());
    }

    @Test
    void aReloadTakesEffectWithoutLosingOrders()
    {
        final MarketMaker mm = quoting();
        // DEFAULT_SPREAD_BPS 30 → 50: 15.00 → 7.50 a side: 2992.50 / 3007.50; both moved 3.00 (10 bps): requoted.
        final StrategyParams wider = new StrategyParams(
            new SpreadParams(10, 500, 50, 200_000, 400_000, 5, 10, 2, 1.0, 10, 1_000, 100, 10_000, 10_000),
            new QuoteManagerParams(1, 5, 500, 20, 100 * MS, 10 * SECOND), 0.5, SECOND, 2, 10, 2 * SECOND, 500 * MS);
        mm.reconfigure(wider, new AvellanedaStoikov(0.2, 20, Horizon.rolling(60 * SECOND)), 200 * MS);
        assertEquals(List.of("spread 3000->5000 DEFAULT_NO_ESTIMATE", "cancel 3 of 1 BUY L0", "cancel 4 of 2 SELL L0"), out.take());
        final StrategyParams twoLevels = new StrategyParams(wider.spread(),
            new QuoteManagerParams(2, 5, 500, 20, 100 * MS, 10 * SECOND), 0.5, SECOND, 2, 10, 2 * SECOND, 500 * MS);
        assertThrows(IllegalArgumentException.class,
            () -> mm.reconfigure(twoLevels, new AvellanedaStoikov(0.2, 20, Horizon.rolling(60 * SECOND)), 300 * MS));
        mm.onOrderState(1, OrdStatus.CANCELED, 0, 300 * MS);
        assertEquals(List.of("place 5 BUY L0 1000@299250", "quotes 1000@299250 / 1000@300750"), out.take());
    }

    @Test
    void afterTheWarmUpTheModelQuotes()
    {
        final MarketMaker mm = marketMaker(out);
        mm.start(0);
        mm.onInventory(0, 0);
        mm.onBook(299_900, 300_100, 0);        // mid 3000.00: anchor
        mm.onBook(299_950, 300_150, SECOND);   // 3000.50: sample 0.5² / 1 = 0.25
        assertEquals(SpreadReason.DEFAULT_NO_ESTIMATE, mm.lastQuote().spreadReason());
        out.take();
        mm.onBook(300_050, 300_250, 2 * SECOND); // 3001.50: sample 1.0² / 1 = 1.0; σ² = (0.25 + 1.0) / 2 = 0.625
        // σ = √0.625 = 0.790569415 → 79056942 at scale 8.
        // r = 3001.50 (q = 0); γσ²τ = 0.1 × 0.625 × 60 = 3.75; (2/γ)·ln(1 + γ/k) = 20 × ln 1.005 = 0.0997508
        // spread 3.8497508 (12.83 bps, inside the clamp), half 1.9248754:
        // bid 2999.5751246 → 2999.57; ask 3003.4248754 → 3003.43; (300343 − 299957) / 300150 = 12.86 bps.
        assertEquals(List.of("sigma 0->79056942", "spread 3000->1286 MODEL"), out.take());
        final Quote quote = mm.lastQuote();
        assertEquals(299_957, quote.bidPrice());
        assertEquals(300_343, quote.askPrice());
        assertEquals(3_001_500, quote.reservationPrice());
        assertEquals(SpreadReason.MODEL, quote.spreadReason());
    }

    @Test
    void inventorySkewsThroughTheModelAndTheRules()
    {
        final MarketMaker mm = quoting();
        // q = 0.25 (SKEW) with the default spread: bid 4.50 + 3.00 out, ask 4.50 − 1.50 in → 2992.50 / 3003.00.
        // The bid moved 3.00 / 2995.50 = 10.0 bps: requoted; the ask 1.50 / 3004.50 = 4.993 bps < 5: left.
        mm.onInventory(2_500, 200 * MS);
        assertEquals(List.of("spread 3000->3500 INVENTORY", "imbalance 2500/10000 250000ppm SKEW",
            "cancel 3 of 1 BUY L0"), out.take());
        assertEquals(ImbalanceLevel.SKEW, mm.lastQuote().imbalanceLevel());
        assertEquals(QuoteManager.PENDING_CANCEL, mm.quoteManager().state(Side.BUY, 0));
    }

    @Test
    void aOneSidedBookHoldsTheOrdersUntilTheBoundThenIsStale()
    {
        final MarketMaker mm = quoting();
        mm.onBook(0, 300_100, 10 * MS);
        assertEquals(List.of(), out.take(), "held: no requote, no cancel, no stop");
        assertTrue(mm.isHolding());
        assertTrue(mm.isQuoting());
        mm.onOrderState(2, OrdStatus.FILLED, 0, 100 * MS);
        mm.onMarketDataAlive(400 * MS);
        mm.onTimer(510 * MS);
        assertEquals(List.of(), out.take(), "one-sided for exactly 500 ms: still held, the filled ask not replaced");
        mm.onMarketDataAlive(511 * MS);
        assertEquals(List.of("stopped STALE_MARKET_DATA", "cancel 3 of 1 BUY L0"), out.take(),
            "a live feed's heartbeats do not keep a one-sided book fresh");
        mm.onMarketDataAlive(3 * SECOND);
        assertEquals(List.of(), out.take(), "still no two-sided book");
        mm.onOrderState(1, OrdStatus.CANCELED, 0, 3 * SECOND);
        mm.onBook(299_900, 300_100, 3 * SECOND);
        assertEquals(List.of("started", "place 4 BUY L0 1000@299550", "place 5 SELL L0 1000@300450",
            "quotes 1000@299550 / 1000@300450"), out.take());
        assertFalse(mm.isHolding());
    }

    @Test
    void aCrossedBookIsHeldAndAUsableOneWithinTheBoundResumesWithoutAStop()
    {
        final MarketMaker mm = quoting();
        mm.onBook(300_100, 300_100, 10 * MS);
        mm.onBook(300_200, 300_100, 200 * MS);
        assertEquals(List.of(), out.take());
        assertEquals(2, mm.unusableBooks());
        // Back two-sided 3.00 higher: both quotes moved 10 bps, requoted at once.
        mm.onBook(300_200, 300_400, 400 * MS);
        assertEquals(List.of("cancel 3 of 1 BUY L0", "cancel 4 of 2 SELL L0"), out.take());
        mm.onTimer(2 * SECOND);
        assertTrue(mm.isQuoting(), "the hold ended with the usable book: its age alone counts now");
    }

    @Test
    void aOneSidedBlipKeepsSigmaAndALongGapRestartsTheWarmUp()
    {
        final MarketMaker mm = marketMaker(out);
        mm.start(0);
        mm.onInventory(0, 0);
        mm.onBook(299_900, 300_100, 0);
        mm.onBook(299_950, 300_150, SECOND);
        mm.onBook(300_050, 300_250, 2 * SECOND);
        assertTrue(mm.volatility().hasEstimate());
        out.take();
        mm.onBook(300_050, 0, 2_100 * MS);
        mm.onBook(300_050, 300_250, 2_200 * MS);
        assertTrue(mm.volatility().hasEstimate(), "a 100 ms one-sided blip is no gap in the market");
        assertEquals(SpreadReason.MODEL, mm.lastQuote().spreadReason());
        assertEquals(List.of(), out.take(), "nothing moved");

        mm.onBook(0, 300_250, 2_300 * MS);
        mm.onMarketDataAlive(2_900 * MS);
        assertEquals(List.of("stopped STALE_MARKET_DATA"), out.take(), "orders not yet acknowledged are cancelled once they are");
        assertFalse(mm.volatility().hasEstimate(), "600 ms without a usable price: stale, the warm-up starts again");
    }

    @Test
    void aOneSidedBookBeforeAnyUsableOneIsNoMarket()
    {
        final MarketMaker mm = marketMaker(out);
        mm.start(0);
        mm.onInventory(0, 0);
        mm.onBook(0, 300_100, MS);
        mm.onMarketDataAlive(2 * MS);
        assertEquals(List.of(), out.take());
        assertFalse(mm.isQuoting());
        assertFalse(mm.isHolding());
    }

    @Test
    void ourOwnLiveQuotesAreTakenOutOfTheBook()
    {
        final MarketMaker mm = quoting();
        final ExOwnBook book = mm.book();
        // Our bid 1000@2995.50 and ask 1000@3004.50 are the best levels; the market's own are behind them.
        book.clear();
        book.bid(299_550, 1_000);
        book.bid(299_500, 5_000);
        book.ask(300_450, 1_000);
        book.ask(300_500, 3_000);
        assertEquals(299_500, book.bestBid(), "a level that is only ours disappears");
        assertEquals(300_500, book.bestAsk());
        book.clear();
        book.ask(300_500, 3_000);
        book.ask(300_450, 1_001);
        book.bid(299_550, 1_500);
        assertEquals(299_550, book.bestBid(), "a level we share keeps the rest");
        assertEquals(300_450, book.bestAsk(), "in any order, and a residue of one unit is market");
        book.clear();
        book.ask(300_450, 1_000);
        book.bid(299_500, 5_000);
        assertEquals(0, book.bestAsk(), "nothing left on the ask but ours");
        mm.onBook(3 * MS);
        assertEquals(List.of(), out.take(), "held, not requoted around our own ask");
        assertTrue(mm.isHolding());
    }

    @Test
    void ordersInFlightPartlyFilledAndBeingCancelledCountAsOurs()
    {
        final MarketMaker mm = marketMaker(out);
        mm.start(0);
        mm.onInventory(0, 0);
        mm.onBook(299_900, 300_100, MS);
        assertEquals(QuoteManager.PENDING_NEW, mm.quoteManager().state(Side.BUY, 0));
        final ExOwnBook book = mm.book();
        book.clear();
        book.bid(299_550, 1_000);
        book.bid(299_000, 5_000);
        book.ask(300_450, 1_000);
        book.ask(300_100, 2_000);
        assertEquals(299_000, book.bestBid(), "sent, not acknowledged, already on the venue's book: ours");
        assertEquals(300_100, book.bestAsk());

        mm.onOrderState(1, OrdStatus.PARTIALLY_FILLED, 400, 2 * MS);
        book.clear();
        book.bid(299_550, 400);
        assertEquals(0, book.bestBid(), "the leaves of a partial fill");
        book.bid(299_550, 600);
        assertEquals(299_550, book.bestBid());

        // The mid moves 10 bps: our bid is being cancelled and still rests until the cancel is answered.
        mm.onOrderState(2, OrdStatus.NEW, 1_000, 2 * MS);
        out.take();
        mm.onBook(300_200, 300_400, 200 * MS);
        assertEquals(List.of("cancel 3 of 1 BUY L0", "cancel 4 of 2 SELL L0"), out.take());
        book.clear();
        book.bid(300_200, 2_000);
        book.bid(299_550, 400);
        book.ask(300_450, 1_000);
        book.ask(300_400, 2_000);
        assertEquals(300_200, book.bestBid());
        assertEquals(300_400, book.bestAsk());
        book.clear();
        book.ask(300_450, 1_000);
        assertEquals(0, book.bestAsk(), "PENDING_CANCEL still rests");
        mm.onOrderState(2, OrdStatus.CANCELED, 0, 210 * MS);
        book.clear();
        book.ask(300_450, 1_000);
        assertEquals(300_450, book.bestAsk(), "once the cancel is confirmed a level at that price is the market's");
    }

    /** Steady state (books, requotes, acknowledgements, cancels) allocates nothing on this thread. */
    @Test
    void theSteadyStateAllocatesNothing()
    {
        final AnsweringOutput answers = new AnsweringOutput();
        final MarketMaker mm = marketMaker(answers);
        mm.start(0);
        mm.onInventory(0, 0);
        long now = 0;
        for (int i = 0; i < 20_000; i++)
        {
            now = step(mm, answers, i, now);
        }
        // Steady state is compiled code: on a loaded machine 20,000 steps may not have reached C2 yet,
        // and the interpreter allocates what escape analysis removes. So up to five windows are
        // measured and one of them must allocate nothing; a real allocation shows in every window.
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long thread = Thread.currentThread().getId();
        final java.util.List<Long> windows = new java.util.ArrayList<>();
        int i = 20_000;
        for (int window = 0; window < 5; window++)
        {
            final long before = threads.getThreadAllocatedBytes(thread);
            final long placedBefore = answers.placed;
            for (final int end = i + 10_000; i < end; i++)
            {
                now = step(mm, answers, i, now);
            }
            final long allocated = threads.getThreadAllocatedBytes(thread) - before;
            assertTrue(answers.placed - placedBefore > 1_000, "the loop requotes: " + (answers.placed - placedBefore));
            if (allocated == 0)
            {
                return;
            }
            windows.add(allocated);
        }
        throw new AssertionError("bytes allocated in each window of 10000 steps: " + windows);
    }

    private static long step(final MarketMaker mm, final AnsweringOutput answers, final int i, final long now)
    {
        final long next = now + 150 * MS;
        final long shift = (i % 4) * 300L;
        final ExOwnBook book = mm.book();
        book.clear();
        for (int level = 0; level < 5; level++)
        {
            book.bid(299_900 + shift - level * 100L, 2_000);
            book.ask(300_100 + shift + level * 100L, 2_000);
        }
        mm.onBook(next);
        answers.answer(mm, next);
        mm.onInventory((i % 7 - 3) * 1_000L, next);
        answers.answer(mm, next);
        return next;
    }

    /** Acknowledges every new order and confirms every cancel, keeping ids in primitive arrays. */
    private static final class AnsweringOutput implements MarketMakerOutput
    {
        private final long[] newIds = new long[16];
        private final long[] newQty = new long[16];
        private final long[] cancelledIds = new long[16];
        private int newCount;
        private int cancelCount;
        long placed;

        void answer(final MarketMaker mm, final long now)
        {
            while (newCount > 0 || cancelCount > 0)
            {
                if (newCount > 0)
                {
                    newCount--;
                    mm.onOrderState(newIds[newCount], OrdStatus.NEW, newQty[newCount], now);
                }
                else
                {
                    cancelCount--;
                    mm.onOrderState(cancelledIds[cancelCount], OrdStatus.CANCELED, 0, now);
                }
            }
        }

        @Override
        public void placePostOnly(final long requestId, final Side side, final int level, final long price, final long qty,
            final long decisionOrigin)
        {
            newIds[newCount] = requestId;
            newQty[newCount++] = qty;
            placed++;
        }

        @Override
        public void cancel(final long requestId, final long origRequestId, final Side side, final int level)
        {
            cancelledIds[cancelCount++] = origRequestId;
        }

        @Override
        public void spreadAdjusted(final long oldSpreadBpsE2, final long newSpreadBpsE2, final SpreadReason reason)
        {
        }

        @Override
        public void inventoryImbalance(final long inventory, final long maxInventory, final long imbalancePpm, final ImbalanceLevel level)
        {
        }

        @Override
        public void volatilityChanged(final long oldSigma, final long newSigma)
        {
        }

        @Override
        public void quotesUpdated(final Quote quote)
        {
        }

        @Override
        public void started()
        {
        }

        @Override
        public void stopped(final StopReason reason)
        {
        }
    }
}
