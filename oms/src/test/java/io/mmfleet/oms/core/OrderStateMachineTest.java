package io.mmfleet.oms.core;

import io.mmfleet.sbe.ExecType;
import io.mmfleet.sbe.OrdStatus;
import io.mmfleet.sbe.RejectReason;
import io.mmfleet.sbe.Side;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.mmfleet.oms.core.OmsFixture.STRATEGY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One test per report-ordering race, driven through {@link OrderManager} as the daemon would. */
class OrderStateMachineTest
{
    private final OmsFixture f = new OmsFixture();

    @Test
    void aNewOrderIsPendingNewAndCountedOpenUntilAnswered()
    {
        final ManagedOrder order = f.place(1, Side.BUY, 2000_00, 2_0000);
        assertEquals(OrdStatus.PENDING_NEW, order.status());
        assertEquals(List.of("new " + order.clientOrderId() + " BUY 20000@200000", "state 1 PENDING_NEW cum=0 leaves=20000"), f.output.events);
        assertEquals(2_0000, f.pair().openBuy());
        f.report(order, ExecType.NEW, OrdStatus.NEW, 0, 0);
        assertEquals(OrdStatus.NEW, order.status());
        assertEquals(555, order.venueOrderId());
    }

    @Test
    void aFillBeforeTheNewAckIsNotUndoneByTheLateAck()
    {
        final ManagedOrder order = f.place(1, Side.BUY, 2000_00, 2_0000);
        f.report(order, ExecType.TRADE, OrdStatus.PARTIALLY_FILLED, 1_0000, 1_0000);
        assertEquals(OrdStatus.PARTIALLY_FILLED, order.status());
        f.output.clear();
        f.report(order, ExecType.NEW, OrdStatus.NEW, 0, 0);
        assertEquals(OrdStatus.PARTIALLY_FILLED, order.status(), "the ack says less than is known");
        assertTrue(f.output.events.isEmpty(), "nothing changed, nothing published: " + f.output.events);
        assertEquals(1_0000, order.cumQty());
        assertEquals(1_0000, order.leavesQty());
        assertEquals(1_0000, f.pair().position(), "the fill counts as a fill since the last position");
        assertEquals(1_0000, f.pair().openBuy());
        assertEquals(2000_000000L, order.avgPrice(), "2000.0000 at 6 decimals");
        assertEquals(-6, order.avgPriceExponent());
    }

    @Test
    void aFillArrivingAfterTheCancelWasSentWinsAndTheCancelRejectChangesNothing()
    {
        final ManagedOrder order = f.place(1, Side.BUY, 2000_00, 1_0000);
        f.report(order, ExecType.NEW, OrdStatus.NEW, 0, 0);
        f.oms.onCancel(STRATEGY, 2, 1, OmsFixture.VENUE, OmsFixture.ETH);
        assertEquals(OrdStatus.PENDING_CANCEL, order.status());
        final long cancelCommand = f.output.cancelCommands.get(0);
        f.report(order, ExecType.TRADE, OrdStatus.FILLED, 1_0000, 1_0000);
        assertEquals(OrdStatus.FILLED, order.status());
        f.output.clear();
        f.oms.onCommandReject(cancelCommand, RejectReason.UNKNOWN_ORDER);
        assertEquals(OrdStatus.FILLED, order.status());
        assertTrue(f.output.events.isEmpty(), f.output.events.toString());
        assertEquals(0, f.pair().openBuy());
        assertEquals(1_0000, f.pair().position());
    }

    @Test
    void aFillReportedAfterTheCancelIsCountedAndACompletingOneMakesItFilled()
    {
        final ManagedOrder order = f.place(1, Side.SELL, 2000_00, 2_0000);
        f.oms.onCancel(STRATEGY, 2, 1, OmsFixture.VENUE, OmsFixture.ETH);
        f.report(order, ExecType.CANCELED, OrdStatus.CANCELED, 0, 0);
        assertEquals(OrdStatus.CANCELED, order.status());
        assertEquals(0, f.pair().openSell());
        f.report(order, ExecType.TRADE, OrdStatus.PARTIALLY_FILLED, 1_0000, 1_0000);
        assertEquals(OrdStatus.CANCELED, order.status(), "an outcome once learned stays");
        assertEquals(1_0000, order.cumQty());
        assertEquals(-1_0000, f.pair().position());
        f.report(order, ExecType.TRADE, OrdStatus.FILLED, 2_0000, 1_0000);
        assertEquals(OrdStatus.FILLED, order.status(), "the whole quantity traded: filled, whatever came first");
        assertEquals(-2_0000, f.pair().position());
        assertEquals(0, f.pair().openSell());
    }

    /**
     * The exec-handler's snapshot of exec.<venue> replays the TRADE reports of its latest fills, each
     * as first published: for an order the OMS holds, a replay's cumulative quantity is not past
     * what it knows, so neither the order nor the position moves, and no state is published.
     */
    @Test
    void replayedTradeReportsOfAHeldOrderChangeNothing()
    {
        final ManagedOrder order = f.place(1, Side.BUY, 2000_00, 3_0000);
        f.report(order, ExecType.NEW, OrdStatus.NEW, 0, 0);
        f.report(order, ExecType.TRADE, OrdStatus.PARTIALLY_FILLED, 1_0000, 1_0000);
        f.report(order, ExecType.TRADE, OrdStatus.PARTIALLY_FILLED, 2_0000, 1_0000);
        assertEquals(2_0000, f.pair().position());
        f.output.clear();

        f.report(order, ExecType.TRADE, OrdStatus.PARTIALLY_FILLED, 1_0000, 1_0000);
        f.report(order, ExecType.TRADE, OrdStatus.PARTIALLY_FILLED, 2_0000, 1_0000);

        assertEquals(2_0000, order.cumQty());
        assertEquals(OrdStatus.PARTIALLY_FILLED, order.status());
        assertEquals(2_0000, f.pair().position(), "each fill counted once");
        assertEquals(1_0000, f.pair().openBuy());
        assertTrue(f.output.events.isEmpty(), "nothing changed, nothing published: " + f.output.events);

        f.report(order, ExecType.TRADE, OrdStatus.FILLED, 3_0000, 1_0000);
        f.report(order, ExecType.TRADE, OrdStatus.FILLED, 3_0000, 1_0000);
        assertEquals(OrdStatus.FILLED, order.status());
        assertEquals(3_0000, f.pair().position());
    }

    @Test
    void aCancelRefusedWhileTheOrderStillWorksPutsItBack()
    {
        final ManagedOrder order = f.place(1, Side.BUY, 2000_00, 1_0000);
        f.report(order, ExecType.NEW, OrdStatus.NEW, 0, 0);
        f.oms.onCancel(STRATEGY, 2, 1, OmsFixture.VENUE, OmsFixture.ETH);
        f.oms.onCommandReject(f.output.cancelCommands.get(0), RejectReason.THROTTLED);
        assertEquals(OrdStatus.NEW, order.status());
        assertEquals(OrdStatus.NEW, f.output.lastState());
        assertEquals(1_0000, f.pair().openBuy());
    }

    @Test
    void aVenueRejectEndsTheOrderWithItsReason()
    {
        final ManagedOrder order = f.place(1, Side.BUY, 2000_00, 1_0000);
        f.report.reset();
        f.report(order, ExecType.REJECTED, OrdStatus.REJECTED, 0, 0);
        assertEquals(OrdStatus.REJECTED, order.status());
        assertEquals(RejectReason.VENUE_REJECT, order.rejectReason(), "no reason in the report: the venue's");
        assertEquals(0, f.pair().openBuy());
        assertEquals(0, f.oms.liveOrderCount());
    }

    @Test
    void anExecHandlerRefusalOfTheNewCommandEndsTheOrderWithItsReason()
    {
        final ManagedOrder order = f.place(1, Side.BUY, 2000_00, 1_0000);
        f.oms.onCommandReject(f.output.newCommands.get(0), RejectReason.PRICE_TICK);
        assertEquals(OrdStatus.REJECTED, order.status());
        assertEquals(RejectReason.PRICE_TICK, order.rejectReason());
        assertEquals(OrdStatus.REJECTED, f.output.lastState());
        assertEquals(0, f.pair().openBuy());
    }

    @Test
    void anExpiredOrderKeepsItsFillsAndFreesItsLeaves()
    {
        final ManagedOrder order = f.place(1, Side.BUY, 2000_00, 2_0000);
        f.report(order, ExecType.TRADE, OrdStatus.PARTIALLY_FILLED, 5000, 5000);
        f.report(order, ExecType.EXPIRED, OrdStatus.EXPIRED, 5000, 0);
        assertEquals(OrdStatus.EXPIRED, order.status());
        assertEquals(5000, order.cumQty());
        assertEquals(0, order.leavesQty());
        assertEquals(0, f.pair().openBuy());
        assertEquals(5000, f.pair().position());

        final ManagedOrder prevented = f.place(2, Side.SELL, 2000_00, 1_0000);
        f.report(prevented, ExecType.TRADE_PREVENTION, OrdStatus.NEW, 0, 0);
        assertEquals(OrdStatus.EXPIRED, prevented.status(), "self-trade prevention expired it");
    }

    @Test
    void anUnansweredNewBecomesUnknownAndTheStatusQueryAnswerResolvesIt()
    {
        final ManagedOrder order = f.place(1, Side.BUY, 2000_00, 1_0000);
        f.oms.onCommandUnanswered(f.output.newCommands.get(0));
        assertEquals(OrdStatus.UNKNOWN, order.status());
        assertEquals(OrdStatus.UNKNOWN, f.output.lastState());
        assertEquals(1, f.output.statusCommands.size());
        assertEquals(1_0000, f.pair().openBuy(), "an order of unknown fate counts as open");
        f.oms.onCommandUnanswered(f.output.statusCommands.get(0));
        assertEquals(2, f.output.statusCommands.size(), "an unanswered query is asked again");
        f.report(order.clientOrderId().toString(), Side.BUY, 1_0000, 2000_00, f.output.statusCommands.get(1), ExecType.ORDER_STATUS,
            OrdStatus.NEW, 0, 0);
        assertEquals(OrdStatus.NEW, order.status());
        assertEquals(OrdStatus.NEW, f.output.lastState());
    }

    @Test
    void aStatusQueryTheVenueDoesNotKnowMeansTheOrderNeverArrived()
    {
        final ManagedOrder order = f.place(1, Side.BUY, 2000_00, 1_0000);
        f.oms.onCommandUnanswered(f.output.newCommands.get(0));
        f.oms.onCommandReject(f.output.statusCommands.get(0), RejectReason.UNKNOWN_ORDER);
        assertEquals(OrdStatus.REJECTED, order.status());
        assertEquals(RejectReason.UNKNOWN_ORDER, order.rejectReason());
        assertEquals(0, f.pair().openBuy());
    }

    @Test
    void aDuplicateReportChangesNothingAndCountsNoFillTwice()
    {
        final ManagedOrder order = f.place(1, Side.BUY, 2000_00, 2_0000);
        f.report(order, ExecType.TRADE, OrdStatus.PARTIALLY_FILLED, 1_0000, 1_0000);
        f.output.clear();
        f.report(order, ExecType.TRADE, OrdStatus.PARTIALLY_FILLED, 1_0000, 1_0000);
        assertTrue(f.output.events.isEmpty(), f.output.events.toString());
        assertEquals(1_0000, f.pair().position());
        f.report(order, ExecType.TRADE, OrdStatus.FILLED, 2_0000, 1_0000);
        f.output.clear();
        f.report(order, ExecType.TRADE, OrdStatus.FILLED, 2_0000, 1_0000);
        assertTrue(f.output.events.isEmpty(), f.output.events.toString());
        assertEquals(2_0000, f.pair().position());
    }

    @Test
    void aLiveOrderOfAnEarlierRunIsAdoptedCountedAndCancellable()
    {
        final String earlier = "7.abcdef.3";
        f.report(earlier, Side.SELL, 3_0000, 2010_00, 0, ExecType.ORDER_STATUS, OrdStatus.PARTIALLY_FILLED, 1_0000, 0);
        final ManagedOrder adopted = f.oms.orderByClientOrderId(earlier);
        assertNotNull(adopted);
        assertEquals(OrdStatus.PARTIALLY_FILLED, adopted.status());
        assertEquals(0, adopted.requestId());
        assertEquals(2_0000, f.pair().openSell());
        assertEquals(0, f.pair().position(), "fills before adoption are the position-server's already");
        assertEquals(OrdStatus.PARTIALLY_FILLED, f.output.lastState());
        assertEquals(1, f.oms.onKillSwitch(io.mmfleet.sbe.KillScope.STRATEGY, 0, STRATEGY, OmsFixture.T0));
        assertEquals(List.of("cancel " + earlier), f.output.events.subList(f.output.events.size() - 2, f.output.events.size() - 1));
        f.report(earlier, Side.SELL, 3_0000, 2010_00, 0, ExecType.CANCELED, OrdStatus.CANCELED, 1_0000, 0);
        assertEquals(0, f.pair().openSell());
        assertEquals(0, f.oms.liveOrderCount());
    }

    @Test
    void anAdoptedOrderGetsBackItsRequestIdSoItsStrategyCanCancelIt()
    {
        final String earlier = "7.abcdef.4";
        f.nextRecoveredRequestId = 41;
        f.nextRecoveredStrategyRun = 100;
        f.report(earlier, Side.BUY, 1_0000, 1990_00, 0, ExecType.ORDER_STATUS, OrdStatus.NEW, 0, 0);
        final ManagedOrder adopted = f.oms.order(STRATEGY, 41);
        assertNotNull(adopted);
        assertEquals(earlier, adopted.clientOrderId().toString());
        assertTrue(f.output.states.isEmpty(), "no state naming request 41 before the strategy's run is heard");
        f.strategyRun = 100;
        assertTrue(f.oms.onStrategyRun(STRATEGY, 100));
        assertEquals(List.of(OrdStatus.NEW), f.output.states, "announced once the run heard is the order's");
        f.output.clear();
        f.oms.onCancel(STRATEGY, 42, 41, OmsFixture.VENUE, OmsFixture.ETH);
        assertEquals(List.of("cancel " + earlier), f.output.events.subList(0, 1));
        assertEquals(OrdStatus.PENDING_CANCEL, f.output.lastState());

        final ManagedOrder mine = f.place(43, Side.BUY, 2000_00, 1_0000);
        f.nextRecoveredRequestId = 43;
        f.report("7.abcdef.5", Side.BUY, 1_0000, 1990_00, 0, ExecType.ORDER_STATUS, OrdStatus.NEW, 0, 0);
        assertEquals(mine, f.oms.order(STRATEGY, 43), "a request id this run already uses keeps its order");
        assertEquals(0, f.oms.orderByClientOrderId("7.abcdef.5").requestId());
    }

    @Test
    void adoptedOrdersOfAnEndedStrategyRunAreCancelledAndThoseOfTheLiveRunKept()
    {
        f.nextRecoveredRequestId = 5;
        f.nextRecoveredStrategyRun = 100;
        f.report("7.old.1", Side.BUY, 1_0000, 1990_00, 0, ExecType.ORDER_STATUS, OrdStatus.NEW, 0, 0);
        f.nextRecoveredRequestId = 6;
        f.nextRecoveredStrategyRun = 200;
        f.report("7.old.2", Side.SELL, 1_0000, 2010_00, 0, ExecType.ORDER_STATUS, OrdStatus.NEW, 0, 0);
        assertTrue(f.output.cancelCommands.isEmpty(), "no run of the strategy heard yet after the restart: both kept");

        assertTrue(f.oms.onStrategyRun(STRATEGY, 200));
        assertEquals(List.of("cancel 7.old.1"), f.output.events.stream().filter(e -> e.startsWith("cancel")).toList());
        assertNull(f.oms.order(STRATEGY, 5), "the ended run's request id is forgotten");
        assertEquals("7.old.2", f.oms.order(STRATEGY, 6).clientOrderId().toString(), "the live run keeps its order and request id");

        // Found after the live run is known (a late snapshot report): an orphan unless cancelled at once.
        f.output.clear();
        f.nextRecoveredRequestId = 7;
        f.nextRecoveredStrategyRun = 100;
        f.report("7.old.3", Side.BUY, 1_0000, 1980_00, 0, ExecType.ORDER_STATUS, OrdStatus.NEW, 0, 0);
        assertEquals(List.of("cancel 7.old.3"), f.output.events.stream().filter(e -> e.startsWith("cancel")).toList());
        assertTrue(f.output.events.contains("runEnded " + STRATEGY + " 200 1"), f.output.events.toString());
        assertNull(f.oms.order(STRATEGY, 7));
    }

    @Test
    void aFinishedOrderOfALiveRunsJournaledRequestIsAdoptedSoItsStrategyLearnsTheOutcome()
    {
        f.nextRecoveredRequestId = 9;
        f.nextRecoveredStrategyRun = 300;
        f.report("7.old.9", Side.BUY, 1_0000, 1990_00, 0, ExecType.ORDER_STATUS, OrdStatus.FILLED, 1_0000, 0);
        final ManagedOrder finished = f.oms.order(STRATEGY, 9);
        assertNotNull(finished);
        assertEquals(OrdStatus.FILLED, finished.status());
        assertTrue(f.output.states.isEmpty(), "held back until the strategy's run is heard");
        assertTrue(f.oms.onStrategyRun(STRATEGY, 300));
        assertEquals(OrdStatus.FILLED, f.output.lastState(), "its state is published to the run it belongs to");
        assertEquals(0, f.oms.liveOrderCount());
        assertEquals(0, f.pair().position(), "an ORDER_STATUS brings no fill: the position-server's position has it");

        f.output.clear();
        f.report("7.old.9", Side.BUY, 1_0000, 1990_00, 0, ExecType.TRADE, OrdStatus.FILLED, 1_0000, 1_0000);
        assertEquals(0, f.pair().position(), "its replayed fill is not counted again");
        assertTrue(f.output.events.isEmpty(), f.output.events.toString());
    }

    @Test
    void aFinishedOrderNobodyKnowsIsNotAdoptedButItsFillCounts()
    {
        f.report("9.zzz.1", Side.BUY, 1_0000, 2000_00, 0, ExecType.TRADE, OrdStatus.FILLED, 1_0000, 1_0000);
        assertNull(f.oms.orderByClientOrderId("9.zzz.1"));
        assertEquals(1_0000, f.pair().position());
        assertEquals(0, f.oms.liveOrderCount());
        f.report("not an id!", Side.BUY, 1_0000, 2000_00, 0, ExecType.ORDER_STATUS, OrdStatus.NEW, 0, 0);
        assertEquals(0, f.oms.liveOrderCount(), "an id the venue could not hold is not adopted");
    }

    @Test
    void aReplaceCountsBothOrdersUntilTheCancelIsAnswered()
    {
        final ManagedOrder old = f.place(1, Side.BUY, 2000_00, 2_0000);
        f.report(old, ExecType.NEW, OrdStatus.NEW, 0, 0);
        f.output.clear();
        f.oms.onReplace(f.limit(2, Side.BUY, 2001_00, 3_0000).replacing(1), OmsFixture.T0);
        final ManagedOrder replacement = f.oms.order(STRATEGY, 2);
        assertNotNull(replacement);
        assertEquals(1, f.output.newCommands.size());
        assertEquals(1, f.output.cancelCommands.size());
        assertEquals(OrdStatus.PENDING_CANCEL, old.status());
        assertEquals(5_0000, f.pair().openBuy(), "2 + 3 until the cancel is answered");
        f.report(old, ExecType.CANCELED, OrdStatus.CANCELED, 0, 0);
        assertEquals(3_0000, f.pair().openBuy());
        assertFalse(old.isLive());
    }

    @Test
    void aReplaceIsCheckedWithTheOldOrderStillCounted()
    {
        f.oms.onPosition(OmsFixture.VENUE, OmsFixture.ETH, STRATEGY, 14_0000, -4, 0, 0, 0, 0, OmsFixture.EXEC_RUN, 1, OmsFixture.T0);
        f.place(1, Side.BUY, 2000_00, 3_0000);
        f.oms.onReplace(f.limit(2, Side.BUY, 2000_00, 3_0001).replacing(1), OmsFixture.T0);
        assertEquals(RejectReason.MAX_POSITION, f.output.lastReject, "14 + 3 + 3.0001 > 20");
        assertTrue(f.output.cancelCommands.isEmpty(), "a refused replace leaves the old order alone");
        f.oms.onReplace(f.limit(3, Side.BUY, 2000_00, 3_0000).replacing(99), OmsFixture.T0);
        assertEquals(RejectReason.UNKNOWN_ORDER, f.output.lastReject);
    }

    @Test
    void aResentRequestIsAnsweredAgainAndSendsNothing()
    {
        final ManagedOrder order = f.place(1, Side.BUY, 2000_00, 1_0000);
        f.output.clear();
        f.oms.onNewOrder(f.limit(1, Side.BUY, 2000_00, 1_0000), OmsFixture.T0);
        assertEquals(List.of("state 1 PENDING_NEW cum=0 leaves=10000"), f.output.events);
        f.oms.onCancel(STRATEGY, 2, 1, OmsFixture.VENUE, OmsFixture.ETH);
        f.oms.onCancel(STRATEGY, 2, 1, OmsFixture.VENUE, OmsFixture.ETH);
        assertEquals(1, f.output.cancelCommands.size(), "a resent cancel sends no second command");
        f.oms.onCancel(STRATEGY, 3, 42, OmsFixture.VENUE, OmsFixture.ETH);
        assertEquals(RejectReason.UNKNOWN_ORDER, f.output.lastReject);
        assertEquals(OrdStatus.PENDING_CANCEL, order.status());
    }

    @Test
    void aNewStrategyRunMayReuseRequestIdsAndEndsTheOrdersOfTheEarlierRun()
    {
        f.strategyRun = 100;
        assertTrue(f.oms.onStrategyRun(STRATEGY, 100));
        final ManagedOrder first = f.place(1, Side.BUY, 2000_00, 1_0000);
        final String firstId = first.clientOrderId().toString();
        f.output.clear();
        assertTrue(f.oms.onStrategyRun(STRATEGY, 200));
        assertEquals(1, f.output.cancelCommands.size(), "the earlier run's live order is cancelled at once");
        assertTrue(f.output.events.contains("runEnded " + STRATEGY + " 200 1"), f.output.events.toString());
        assertEquals(OrdStatus.PENDING_CANCEL, first.status());
        f.strategyRun = 200;
        final ManagedOrder second = f.place(1, Side.BUY, 2000_00, 1_0000);
        assertFalse(firstId.contentEquals(second.clientOrderId()));
        assertEquals(1, f.output.cancelCommands.size(), "nothing of the new run is cancelled");
        assertFalse(f.oms.onStrategyRun(STRATEGY, 100), "a late message of the ended run is refused");
        assertEquals(200, f.oms.strategyRun(STRATEGY));
        f.report(second, ExecType.NEW, OrdStatus.NEW, 0, 0);
        assertEquals(1, f.output.cancelCommands.size(), "the new run's order stays");
        f.report(first, ExecType.NEW, OrdStatus.NEW, 0, 0);
        assertEquals(1, f.output.cancelCommands.size(), "a late report of the cancelled order sends no second cancel");
    }

    @Test
    void finishedOrdersAreRecycledAndTooManyLiveOnesAreRefused()
    {
        final OmsFixture g = new OmsFixture(new InstrumentLimits(OmsFixture.ETH, 2, 4, 5_0000, 1000_0000, 50_000_000000L), 2);
        for (int i = 1; i <= 40; i++)
        {
            final long now = OmsFixture.T0 + i * 2 * OmsFixture.SECOND;
            g.oms.onBook(OmsFixture.VENUE, OmsFixture.ETH, 2000_00, -2, 2000_10, -2, now);
            g.oms.onPositionSourceFresh(now);
            g.oms.onNewOrder(g.limit(i, Side.BUY, 2000_00, 1), now);
            final ManagedOrder order = g.oms.order(STRATEGY, i);
            assertNotNull(order, "order " + i + " refused: " + g.output.lastReject);
            g.report(order, ExecType.TRADE, OrdStatus.FILLED, 1, 1);
        }
        assertEquals(40, g.exposure.existingPair(OmsFixture.VENUE, OmsFixture.ETH).position());
        final long now = OmsFixture.T0 + 100 * OmsFixture.SECOND;
        g.oms.onBook(OmsFixture.VENUE, OmsFixture.ETH, 2000_00, -2, 2000_10, -2, now);
        g.oms.onPositionSourceFresh(now);
        for (int i = 0; i < 4; i++)
        {
            g.oms.onNewOrder(g.limit(100 + i, Side.BUY, 2000_00, 1), now);
        }
        assertEquals(4, g.oms.liveOrderCount(), "a pool of 2 x 2: the finished orders kept gave way to live ones");
        g.oms.onNewOrder(g.limit(200, Side.BUY, 2000_00, 1), now);
        assertEquals(RejectReason.INTERNAL, g.output.lastReject);
    }

    @Test
    void malformedReportsAndRequestsAreSurvived()
    {
        final ManagedOrder order = f.place(1, Side.BUY, 2000_00, 1_0000);
        f.output.clear();
        f.report.reset();
        f.report.clientOrderId.append(order.clientOrderId());
        f.oms.onExecutionReport(f.report, OmsFixture.T0);
        assertTrue(f.output.events.isEmpty(), "a report saying nothing changes nothing");
        assertEquals(OrdStatus.PENDING_NEW, order.status());
        f.report.reset();
        f.report.clientOrderId.append("7.x.1");
        f.report.ordStatus = OrdStatus.NEW;
        f.oms.onExecutionReport(f.report, OmsFixture.T0);
        assertEquals(1, f.oms.liveOrderCount(), "an unknown order without instrument, side or quantity is not adopted");
        f.report.reset();
        f.report.clientOrderId.append(order.clientOrderId());
        f.report.execType = ExecType.TRADE;
        f.report.cumQtyMantissa = 5000_1;
        f.report.cumQtyExponent = -5;
        f.oms.onExecutionReport(f.report, OmsFixture.T0);
        assertEquals(0, order.cumQty(), "a cumulative quantity finer than the qty scale is not taken");
        f.oms.onNewOrder(f.limit(0, Side.BUY, 2000_00, 1_0000), OmsFixture.T0);
        assertEquals(RejectReason.INTERNAL, f.output.lastReject, "request id 0");
        f.oms.onNewOrder(f.limit(OrderManager.MAX_REQUEST_ID + 1, Side.BUY, 2000_00, 1_0000), OmsFixture.T0);
        assertEquals(RejectReason.INTERNAL, f.output.lastReject);
        f.oms.onCommandReject(12345, RejectReason.INTERNAL);
        f.oms.onCommandUnanswered(12345);
        f.oms.onCancelAllDone(12345);
        assertEquals(OrdStatus.PENDING_NEW, order.status(), "answers to commands nobody sent change nothing");
    }
}
