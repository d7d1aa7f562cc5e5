package io.mmfleet.marketmaker.strategy;

import io.mmfleet.sbe.OrdStatus;
import io.mmfleet.sbe.RejectReason;
import io.mmfleet.sbe.Side;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.mmfleet.marketmaker.strategy.QuoteManager.Mode.CANCEL_ALL;
import static io.mmfleet.marketmaker.strategy.QuoteManager.Mode.PAUSE;
import static io.mmfleet.marketmaker.strategy.QuoteManager.Mode.QUOTE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tick 0.01, lot 0.0001, min notional 5. Refresh tolerance 5 bps, size tolerance 20 %, min requote
 * interval 100 ms, max order age 10 s. Wanted: 0.1 @ 3000.00 / 0.1 @ 3006.00 unless a test moves it.
 */
class QuoteManagerTest
{
    private static final long MS = 1_000_000L;

    private final RecordingOutput out = new RecordingOutput();
    private final InstrumentSpec spec = SpreadRulesTest.ethUsdc(1);
    private final Quote wanted = new Quote();

    private QuoteManager manager(final int levels)
    {
        wanted.setSides(true, 300_000, 1_000, true, 300_600, 1_000);
        return new QuoteManager(new QuoteManagerParams(levels, 5, 500, 20, 100 * MS, 10_000 * MS), out, 1);
    }

    /** Places both sides at t = 0 and acknowledges them: bid is request 1, ask request 2. */
    private QuoteManager live()
    {
        final QuoteManager manager = manager(1);
        assertEquals(2, manager.evaluate(0, 0, wanted, QUOTE, spec));
        manager.onOrderState(1, OrdStatus.NEW, 1_000, 0);
        manager.onOrderState(2, OrdStatus.NEW, 1_000, 0);
        out.take();
        return manager;
    }

    @Test
    void placesPostOnlyOrdersAndWaitsForTheirAcknowledgement()
    {
        final QuoteManager manager = manager(1);
        assertEquals(2, manager.evaluate(0, 0, wanted, QUOTE, spec));
        assertEquals(List.of("place 1 BUY L0 1000@300000", "place 2 SELL L0 1000@300600"), out.take());
        assertEquals(QuoteManager.PENDING_NEW, manager.state(Side.BUY, 0));
        assertEquals(2, manager.orderRequestId(Side.SELL, 0));
        // Unacknowledged: however far the quote moves, nothing more is sent.
        wanted.setSides(true, 290_000, 1_000, true, 310_000, 1_000);
        assertEquals(0, manager.evaluate(5_000 * MS, 0, wanted, QUOTE, spec));
        assertEquals(List.of(), out.take());
        manager.onOrderState(1, OrdStatus.PENDING_NEW, 1_000, 0);
        assertEquals(QuoteManager.PENDING_NEW, manager.state(Side.BUY, 0), "accepted by the OMS is not yet on the venue");
        manager.onOrderState(1, OrdStatus.NEW, 1_000, 0);
        assertEquals(QuoteManager.LIVE, manager.state(Side.BUY, 0));
    }

    @Test
    void aMoveBelowTheRefreshToleranceLeavesTheOrder()
    {
        final QuoteManager manager = live();
        // 3000.00 → 2998.51: 149 / 300000 = 4.97 bps < 5: kept.
        wanted.setSides(true, 299_851, 1_000, true, 300_600, 1_000);
        manager.evaluate(1_000 * MS, 0, wanted, QUOTE, spec);
        assertEquals(List.of(), out.take());
        // 3000.00 → 2998.50: 150 / 300000 = 5 bps, at the tolerance: replaced (cancel first).
        wanted.setSides(true, 299_850, 1_000, true, 300_600, 1_000);
        manager.evaluate(1_000 * MS, 0, wanted, QUOTE, spec);
        assertEquals(List.of("cancel 3 of 1 BUY L0"), out.take());
    }

    @Test
    void aMovedQuoteWaitsForTheMinimumRequoteIntervalThenForTheCancelsAnswer()
    {
        final QuoteManager manager = live();
        wanted.setSides(true, 299_000, 1_000, true, 300_600, 1_000);
        manager.evaluate(99 * MS, 0, wanted, QUOTE, spec);
        assertEquals(List.of(), out.take(), "99 ms after it was sent");
        manager.evaluate(100 * MS, 0, wanted, QUOTE, spec);
        assertEquals(List.of("cancel 3 of 1 BUY L0"), out.take());
        manager.evaluate(150 * MS, 0, wanted, QUOTE, spec);
        assertEquals(List.of(), out.take(), "one order per side per level: no new bid before the cancel is answered");
        manager.onOrderState(1, OrdStatus.PENDING_CANCEL, 1_000, 0);
        manager.evaluate(160 * MS, 0, wanted, QUOTE, spec);
        assertEquals(List.of(), out.take());
        manager.onOrderState(1, OrdStatus.CANCELED, 0, 0);
        assertEquals(1, manager.evaluate(170 * MS, 0, wanted, QUOTE, spec));
        assertEquals(List.of("place 4 BUY L0 1000@299000"), out.take());
    }

    @Test
    void theReplacingOrderCarriesTheOriginOfTheTickThatDecidedItNotOfTheCancelsAnswer()
    {
        final QuoteManager manager = manager(1);
        manager.evaluate(0, 11, wanted, QUOTE, spec);
        assertEquals(11L, out.originOfOrder.get(1L), "placed by the first tick");
        manager.onOrderState(1, OrdStatus.NEW, 1_000, 12);
        manager.onOrderState(2, OrdStatus.NEW, 1_000, 13);
        out.take();
        wanted.setSides(true, 299_000, 1_000, true, 300_600, 1_000);
        manager.evaluate(200 * MS, 21, wanted, QUOTE, spec);
        assertEquals(List.of("cancel 3 of 1 BUY L0"), out.take());
        // Ticks that leave the wanted quote as it is, the OMS's PENDING_CANCEL and the answer change nothing.
        manager.evaluate(210 * MS, 22, wanted, QUOTE, spec);
        manager.onOrderState(1, OrdStatus.PENDING_CANCEL, 1_000, 23);
        manager.evaluate(215 * MS, 23, wanted, QUOTE, spec);
        assertEquals(21, manager.decisionOrigin(Side.BUY, 0));
        manager.onOrderState(1, OrdStatus.CANCELED, 0, 31);
        assertEquals(1, manager.evaluate(220 * MS, 31, wanted, QUOTE, spec));
        assertEquals(List.of("place 4 BUY L0 1000@299000"), out.take());
        assertEquals(21L, out.originOfOrder.get(4L), "the deciding tick's origin, the cancel round trip included");
    }

    @Test
    void aLaterTickChangingTheQuoteBeforeTheCancelIsAnsweredGivesTheOrderItsOrigin()
    {
        final QuoteManager manager = live();
        wanted.setSides(true, 299_000, 1_000, true, 300_600, 1_000);
        manager.evaluate(200 * MS, 21, wanted, QUOTE, spec);
        assertEquals(List.of("cancel 3 of 1 BUY L0"), out.take());
        wanted.setSides(true, 298_900, 1_000, true, 300_600, 1_000);
        manager.evaluate(210 * MS, 41, wanted, QUOTE, spec);
        assertEquals(List.of(), out.take(), "still waiting for the cancel's answer");
        manager.onOrderState(1, OrdStatus.CANCELED, 0, 31);
        manager.evaluate(220 * MS, 31, wanted, QUOTE, spec);
        assertEquals(List.of("place 4 BUY L0 1000@298900"), out.take());
        assertEquals(41L, out.originOfOrder.get(4L), "the order reflects the later tick");
        assertEquals(0L, out.originOfOrder.get(2L), "the ask, untouched, was placed by the test's origin-0 evaluation");
    }

    @Test
    void aRequoteAfterAFillCarriesTheFillReportsOrigin()
    {
        final QuoteManager manager = live();
        manager.onOrderState(2, OrdStatus.FILLED, 0, 51);
        manager.evaluate(100 * MS, 52, wanted, QUOTE, spec);
        assertEquals(List.of("place 3 SELL L0 1000@300600"), out.take());
        assertEquals(51L, out.originOfOrder.get(3L), "the fill decided it, the tick only let the interval pass");
        // A partial fill past the size tolerance: cancel, and the replacement carries the partial fill's origin.
        manager.onOrderState(1, OrdStatus.PARTIALLY_FILLED, 700, 61);
        manager.evaluate(200 * MS, 61, wanted, QUOTE, spec);
        assertEquals(List.of("cancel 4 of 1 BUY L0"), out.take());
        manager.onOrderState(1, OrdStatus.CANCELED, 0, 62);
        manager.evaluate(210 * MS, 62, wanted, QUOTE, spec);
        assertEquals(List.of("place 5 BUY L0 1000@300000"), out.take());
        assertEquals(61L, out.originOfOrder.get(5L));
        // An order the venue ended without our cancel (EXPIRED) is venue information as well.
        manager.onOrderState(3, OrdStatus.NEW, 1_000, 0);
        manager.onOrderState(3, OrdStatus.EXPIRED, 0, 71);
        manager.evaluate(300 * MS, 72, wanted, QUOTE, spec);
        assertEquals(List.of("place 6 SELL L0 1000@300600"), out.take());
        assertEquals(71L, out.originOfOrder.get(6L));
    }

    @Test
    void anOrderRenewedForItsAgeAloneCarriesNoOriginUnlessATickChangesItFirst()
    {
        final QuoteManager manager = live();
        // The age is noticed while a tick (origin 81) is evaluated; the tick did not change the quote.
        manager.evaluate(10_000 * MS, 81, wanted, QUOTE, spec);
        assertEquals(List.of("cancel 3 of 1 BUY L0", "cancel 4 of 2 SELL L0"), out.take());
        wanted.setSides(true, 300_000, 1_000, true, 300_700, 1_000);
        manager.evaluate(10_001 * MS, 82, wanted, QUOTE, spec);
        manager.onOrderState(1, OrdStatus.CANCELED, 0, 91);
        manager.onOrderState(2, OrdStatus.CANCELED, 0, 92);
        manager.evaluate(10_002 * MS, 92, wanted, QUOTE, spec);
        assertEquals(List.of("place 5 BUY L0 1000@300000", "place 6 SELL L0 1000@300700"), out.take());
        assertEquals(0L, out.originOfOrder.get(5L), "a timer's refresh: no market information caused it");
        assertEquals(82L, out.originOfOrder.get(6L), "the ask moved before the cancel was answered");
    }

    @Test
    void anOrderIsRenewedAtItsMaximumAge()
    {
        final QuoteManager manager = live();
        manager.evaluate(9_999 * MS, 0, wanted, QUOTE, spec);
        assertEquals(List.of(), out.take());
        manager.evaluate(10_000 * MS, 0, wanted, QUOTE, spec);
        assertEquals(List.of("cancel 3 of 1 BUY L0", "cancel 4 of 2 SELL L0"), out.take());
    }

    @Test
    void aSideNoLongerWantedIsCancelledAtOnce()
    {
        final QuoteManager manager = live();
        wanted.setSides(true, 300_000, 1_000, false, 0, 0);
        manager.evaluate(MS, 0, wanted, QUOTE, spec);
        assertEquals(List.of("cancel 3 of 2 SELL L0"), out.take());
    }

    @Test
    void aPartialFillRequotesOnlyPastTheSizeTolerance()
    {
        final QuoteManager manager = live();
        // 0.08 left of the 0.1 wanted: 20 % off, within tolerance.
        manager.onOrderState(1, OrdStatus.PARTIALLY_FILLED, 800, 0);
        manager.evaluate(200 * MS, 0, wanted, QUOTE, spec);
        assertEquals(List.of(), out.take());
        // 0.07 left: 30 % off.
        manager.onOrderState(1, OrdStatus.PARTIALLY_FILLED, 700, 0);
        manager.evaluate(200 * MS, 0, wanted, QUOTE, spec);
        assertEquals(List.of("cancel 3 of 1 BUY L0"), out.take());
    }

    @Test
    void aFilledOrderIsReplacedAfterTheInterval()
    {
        final QuoteManager manager = live();
        manager.onOrderState(2, OrdStatus.FILLED, 0, 0);
        assertEquals(QuoteManager.EMPTY, manager.state(Side.SELL, 0));
        manager.evaluate(50 * MS, 0, wanted, QUOTE, spec);
        assertEquals(List.of(), out.take());
        manager.evaluate(100 * MS, 0, wanted, QUOTE, spec);
        assertEquals(List.of("place 3 SELL L0 1000@300600"), out.take());
    }

    @Test
    void cancelAllCancelsLiveOrdersAndPendingOnesOnceAcknowledged()
    {
        final QuoteManager manager = manager(1);
        manager.evaluate(0, 0, wanted, QUOTE, spec);
        manager.onOrderState(1, OrdStatus.NEW, 1_000, 0);
        out.take();
        manager.evaluate(MS, 0, wanted, CANCEL_ALL, spec);
        assertEquals(List.of("cancel 3 of 1 BUY L0"), out.take(), "the unacknowledged ask waits for its answer");
        manager.onOrderState(2, OrdStatus.NEW, 1_000, 0);
        manager.evaluate(2 * MS, 0, wanted, CANCEL_ALL, spec);
        assertEquals(List.of("cancel 4 of 2 SELL L0"), out.take());
        manager.onOrderState(1, OrdStatus.CANCELED, 0, 0);
        manager.onOrderState(2, OrdStatus.CANCELED, 0, 0);
        assertTrue(manager.isFlat());
        manager.evaluate(3 * MS, 0, wanted, CANCEL_ALL, spec);
        assertEquals(List.of(), out.take());
    }

    @Test
    void pauseSendsNothing()
    {
        final QuoteManager manager = live();
        wanted.setSides(false, 0, 0, false, 0, 0);
        assertEquals(0, manager.evaluate(60_000 * MS, 0, wanted, PAUSE, spec));
        assertEquals(List.of(), out.take());
    }

    @Test
    void aRejectedNewOrderFreesItsSlotButNotItsInterval()
    {
        final QuoteManager manager = manager(1);
        manager.evaluate(0, 0, wanted, QUOTE, spec);
        out.take();
        manager.onRejected(1, RejectReason.POST_ONLY_WOULD_CROSS, 10 * MS);
        assertEquals(QuoteManager.EMPTY, manager.state(Side.BUY, 0));
        manager.evaluate(20 * MS, 0, wanted, QUOTE, spec);
        assertEquals(List.of(), out.take());
        manager.evaluate(100 * MS, 0, wanted, QUOTE, spec);
        assertEquals(List.of("place 3 BUY L0 1000@300000"), out.take());
        manager.onRejected(3, RejectReason.DUPLICATE_ID, 110 * MS);
        assertEquals(QuoteManager.PENDING_NEW, manager.state(Side.BUY, 0), "a duplicate is a resend of an order the OMS holds");
    }

    @Test
    void aRefusedCancelIsRetriedAfterTheIntervalUnlessTheOrderIsGone()
    {
        final QuoteManager manager = live();
        wanted.setSides(false, 0, 0, false, 0, 0);
        manager.evaluate(MS, 0, wanted, QUOTE, spec);
        assertEquals(List.of("cancel 3 of 1 BUY L0", "cancel 4 of 2 SELL L0"), out.take());
        manager.onRejected(3, RejectReason.UNKNOWN_ORDER, 2 * MS);
        assertEquals(QuoteManager.EMPTY, manager.state(Side.BUY, 0));
        manager.onRejected(4, RejectReason.THROTTLED, 2 * MS);
        assertEquals(QuoteManager.LIVE, manager.state(Side.SELL, 0));
        manager.evaluate(50 * MS, 0, wanted, QUOTE, spec);
        assertEquals(List.of(), out.take());
        manager.evaluate(102 * MS, 0, wanted, QUOTE, spec);
        assertEquals(List.of("cancel 5 of 2 SELL L0"), out.take());
    }

    @Test
    void anUnansweredNewOrderIsCancelledAndAnUnansweredCancelResent()
    {
        final QuoteManager manager = manager(1);
        manager.evaluate(0, 0, wanted, QUOTE, spec);
        out.take();
        manager.onRequestGivenUp(1);
        manager.evaluate(MS, 0, wanted, QUOTE, spec);
        assertEquals(List.of("cancel 3 of 1 BUY L0"), out.take());
        manager.onRequestGivenUp(3);
        manager.evaluate(2 * MS, 0, wanted, QUOTE, spec);
        assertEquals(List.of("cancel 4 of 1 BUY L0"), out.take());
        manager.onRejected(4, RejectReason.UNKNOWN_ORDER, 3 * MS);
        assertEquals(QuoteManager.EMPTY, manager.state(Side.BUY, 0));
    }

    @Test
    void anOmsInitiatedCancelIsWaitedFor()
    {
        final QuoteManager manager = live();
        manager.onOrderState(1, OrdStatus.PENDING_CANCEL, 1_000, 0);
        wanted.setSides(false, 0, 0, true, 300_600, 1_000);
        manager.evaluate(MS, 0, wanted, QUOTE, spec);
        assertEquals(List.of(), out.take());
        manager.onOrderState(1, OrdStatus.CANCELED, 0, 0);
        assertEquals(QuoteManager.EMPTY, manager.state(Side.BUY, 0));
    }

    @Test
    void answersForOrdersItDoesNotHoldAreIgnored()
    {
        final QuoteManager manager = live();
        manager.onOrderState(99, OrdStatus.FILLED, 0, 0);
        manager.onRejected(98, RejectReason.UNKNOWN_ORDER, MS);
        manager.onRequestGivenUp(97);
        manager.onOrderState(0, OrdStatus.CANCELED, 0, 0);
        assertEquals(QuoteManager.LIVE, manager.state(Side.BUY, 0));
        assertEquals(QuoteManager.LIVE, manager.state(Side.SELL, 0));
        manager.evaluate(MS, 0, wanted, QUOTE, spec);
        assertEquals(List.of(), out.take());
    }

    @Test
    void eachLevelHoldsOneOrderSpacedByTicks()
    {
        final QuoteManager manager = manager(2);
        assertEquals(4, manager.evaluate(0, 0, wanted, QUOTE, spec));
        // Level 1: 5 ticks further out on each side.
        assertEquals(List.of("place 1 BUY L0 1000@300000", "place 2 BUY L1 1000@299995",
            "place 3 SELL L0 1000@300600", "place 4 SELL L1 1000@300605"), out.take());
        assertEquals(299_995, manager.price(Side.BUY, 1));
        assertThrows(IllegalArgumentException.class, () -> manager.state(Side.BUY, 2));
        assertThrows(IllegalArgumentException.class, () -> new QuoteManagerParams(1, 5, 500, 20, 100 * MS, 100 * MS));
    }

    @Test
    void anOrderUnderTheMinimumNotionalIsNotSent()
    {
        final QuoteManager manager = manager(1);
        // 3000.00 × 0.0010 = 3 USDC < 5.
        wanted.setSides(true, 300_000, 10, true, 300_600, 1_000);
        manager.evaluate(0, 0, wanted, QUOTE, spec);
        assertEquals(List.of("place 1 SELL L0 1000@300600"), out.take());
    }
}
