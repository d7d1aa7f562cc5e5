package io.mmfleet.exechandler.order;

import io.mmfleet.exechandler.order.RecordingSink.CancelAllDone;
import io.mmfleet.exechandler.order.RecordingSink.Reject;
import io.mmfleet.exechandler.order.ScriptedGateway.Call;
import io.mmfleet.exechandler.order.ScriptedGateway.Cancel;
import io.mmfleet.exechandler.order.ScriptedGateway.CancelAll;
import io.mmfleet.exechandler.order.ScriptedGateway.FetchTrades;
import io.mmfleet.exechandler.order.ScriptedGateway.Lookup;
import io.mmfleet.exechandler.venue.RequestKind;
import io.mmfleet.exechandler.venue.VenueError;
import io.mmfleet.sbe.ExecType;
import io.mmfleet.sbe.OrdStatus;
import io.mmfleet.sbe.OrderType;
import io.mmfleet.sbe.RejectReason;
import io.mmfleet.sbe.Side;
import io.mmfleet.sbe.TimeInForce;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.mmfleet.exechandler.order.TrackerHarness.BTC;
import static io.mmfleet.exechandler.order.TrackerHarness.ETH;
import static io.mmfleet.exechandler.order.TrackerHarness.PRICE;
import static io.mmfleet.exechandler.order.TrackerHarness.STRATEGY;
import static io.mmfleet.exechandler.order.TrackerHarness.expNew;
import static io.mmfleet.exechandler.order.TrackerHarness.expStatus;
import static io.mmfleet.exechandler.order.TrackerHarness.expTrade;
import static io.mmfleet.exechandler.order.TrackerHarness.fill;
import static io.mmfleet.exechandler.order.TrackerHarness.report;
import static io.mmfleet.exechandler.order.TrackerHarness.update;
import static io.mmfleet.exechandler.venue.UpdateOrigin.CANCEL_REPLY;
import static io.mmfleet.exechandler.venue.UpdateOrigin.LOOKUP;
import static io.mmfleet.exechandler.venue.UpdateOrigin.PLACE_REPLY;
import static io.mmfleet.exechandler.venue.VenueOrderStatus.CANCELED;
import static io.mmfleet.exechandler.venue.VenueOrderStatus.FILLED;
import static io.mmfleet.exechandler.venue.VenueOrderStatus.NEW;
import static io.mmfleet.exechandler.venue.VenueOrderStatus.PARTIALLY_FILLED;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Cancels, cancel-all and status queries: rules 6 to 8 of the order core. */
class OrderTrackerCancelTest extends TrackerTestBase
{
    private static final VenueError UNKNOWN_ORDER_SENT = new VenueError(-2011, "Unknown order sent.", RejectReason.UNKNOWN_ORDER);

    @BeforeEach
    void openOrder()
    {
        harness();
        h.place(11, "c1", 5_0000);
        h.tracker.onOrderUpdate(update(PLACE_REPLY, "c1", 900, NEW, 5_0000, 0));
        assertEquals(List.of(expNew(11, "c1", 900)), h.sink.take());
        h.gateway.takeCalls();
    }

    // ------------------------------------------------------------ rule 6

    @Test
    void cancelOfAnUnknownOrderIsRejected()
    {
        h.tracker.onCancel(21, STRATEGY, ETH, "nope", h.nowMs);

        assertEquals(List.of(new Reject(21, STRATEGY, 1, "nope", RejectReason.UNKNOWN_ORDER, 0, "unknown order")), h.sink.take());
        assertEquals(List.of(), h.gateway.takeCalls());
    }

    @Test
    void cancelNamingTheWrongSymbolIsRejected()
    {
        h.tracker.onCancel(21, STRATEGY, BTC, "c1", h.nowMs);

        assertEquals(List.of(new Reject(21, STRATEGY, 2, "c1", RejectReason.UNKNOWN_ORDER, 0, "order c1 is on ETHUSDT, not BTCUSDT")),
            h.sink.take());
        assertEquals(List.of(), h.gateway.takeCalls());
    }

    @Test
    void cancelOfATerminalOrderIsAnsweredWithItsStatusAndNothingIsSent()
    {
        h.tracker.onOrderUpdate(update(CANCEL_REPLY, "c1", 900, CANCELED, 5_0000, 0));
        h.sink.take();

        h.tracker.onCancel(21, STRATEGY, ETH, "c1", h.nowMs);

        assertEquals(List.of(expStatus(21, "c1", 900, OrdStatus.CANCELED, 0)), h.sink.take());
        assertEquals(List.of(), h.gateway.takeCalls());
    }

    @Test
    void cancelIsSentOnceWhileInFlightAndPendingCancelIsNotReported()
    {
        h.tracker.onCancel(21, STRATEGY, ETH, "c1", h.nowMs);
        h.tracker.onCancel(21, STRATEGY, ETH, "c1", h.nowMs);
        h.tracker.onCancel(22, STRATEGY, ETH, "c1", h.nowMs);

        assertEquals(List.<Call>of(new Cancel("ETHUSDT", "c1")), h.gateway.takeCalls());
        assertEquals(List.of(), h.sink.take());
        assertEquals(OrdStatus.NEW, h.journal.findOrder("c1").status());

        h.tracker.onOrderUpdate(update(CANCEL_REPLY, "c1", 900, CANCELED, 5_0000, 0));
        assertEquals(List.of(
            report(21, STRATEGY, "c1", 900, ExecType.CANCELED, OrdStatus.CANCELED, 0),
            expStatus(22, "c1", 900, OrdStatus.CANCELED, 0)), h.sink.take());
    }

    @Test
    void cancelAfterFillIsAnsweredWithTheStatusTheLookupFindsAfterTheFetchedFills()
    {
        h.tracker.onCancel(21, STRATEGY, ETH, "c1", h.nowMs);
        h.gateway.takeCalls();

        h.tracker.onCancelRejected(ETH, "c1", UNKNOWN_ORDER_SENT);

        assertEquals(List.of(), h.sink.take(), "not refused: the order filled or ended meanwhile");
        assertEquals(List.<Call>of(new Lookup("ETHUSDT", "c1")), h.gateway.takeCalls());
        h.tracker.onCancel(21, STRATEGY, ETH, "c1", h.nowMs);
        assertEquals(List.of(), h.gateway.takeCalls(), "a resend waits for the lookup: no second cancel");
        assertEquals(List.of(), h.sink.take());

        h.tracker.onOrderUpdate(update(LOOKUP, "c1", 900, FILLED, 5_0000, 5_0000));
        assertEquals(List.<Call>of(new FetchTrades("ETHUSDT", 900)), h.gateway.takeCalls(), "a lookup ahead of the fills: fetch them");
        assertEquals(List.of(), h.sink.take(), "the cancel waits for the fills the lookup revealed");
        h.tracker.onTrades(ETH, 900, List.of(fill(71, 900, 2_0000), fill(72, 900, 3_0000)));
        assertEquals(List.of(
            expTrade(0, "c1", 900, OrdStatus.PARTIALLY_FILLED, 2_0000, 71, 2_0000),
            expTrade(0, "c1", 900, OrdStatus.FILLED, 5_0000, 72, 3_0000),
            expStatus(21, "c1", 900, OrdStatus.FILLED, 5_0000)), h.sink.take());
        assertEquals(0, h.tracker.openOrders());
    }

    @Test
    void cancelOfAnOrderCanceledMeanwhileIsAnsweredWithOrderStatusAfterTheCanceledReport()
    {
        h.tracker.onCancel(21, STRATEGY, ETH, "c1", h.nowMs);
        h.tracker.onCancelRejected(ETH, "c1", UNKNOWN_ORDER_SENT);
        h.tracker.onCancel(22, STRATEGY, ETH, "c1", h.nowMs);
        assertEquals(List.<Call>of(new Cancel("ETHUSDT", "c1"), new Lookup("ETHUSDT", "c1"), new Cancel("ETHUSDT", "c1")),
            h.gateway.takeCalls(), "a new cancel command is sent: the venue may know the order by now");
        h.tracker.onCancelRejected(ETH, "c1", UNKNOWN_ORDER_SENT);
        assertEquals(List.of(), h.gateway.takeCalls(), "one lookup in flight answers both");

        h.tracker.onOrderUpdate(update(LOOKUP, "c1", 900, CANCELED, 5_0000, 0));

        assertEquals(List.of(
            report(0, STRATEGY, "c1", 900, ExecType.CANCELED, OrdStatus.CANCELED, 0),
            expStatus(21, "c1", 900, OrdStatus.CANCELED, 0),
            expStatus(22, "c1", 900, OrdStatus.CANCELED, 0)), h.sink.take());
    }

    @Test
    void cancelRefusedAsUnknownOfAnOrderStillOpenIsAnsweredWithItsOpenStatus()
    {
        h.tracker.onCancel(21, STRATEGY, ETH, "c1", h.nowMs);
        h.tracker.onCancelRejected(ETH, "c1", UNKNOWN_ORDER_SENT);
        h.gateway.takeCalls();

        h.tracker.onOrderUpdate(update(LOOKUP, "c1", 900, PARTIALLY_FILLED, 5_0000, 1_0000, fill(71, 900, 1_0000)));

        assertEquals(List.of(
            expTrade(0, "c1", 900, OrdStatus.PARTIALLY_FILLED, 1_0000, 71, 1_0000),
            expStatus(21, "c1", 900, OrdStatus.PARTIALLY_FILLED, 1_0000)), h.sink.take());
        h.tracker.onCancel(21, STRATEGY, ETH, "c1", h.nowMs);
        assertEquals(List.<Call>of(new Cancel("ETHUSDT", "c1")), h.gateway.takeCalls(), "answered: a resend is a new cancel");
    }

    @Test
    void cancelRefusedAsUnknownIsRejectedWithTheCancelCodeWhenTheLookupDoesNotFindTheOrder()
    {
        h.tracker.onCancel(21, STRATEGY, ETH, "c1", h.nowMs);
        h.tracker.onCancelRejected(ETH, "c1", UNKNOWN_ORDER_SENT);
        h.gateway.takeCalls();

        h.tracker.onLookupNotFound(ETH, "c1", h.gateway.venueTimeMs);

        assertEquals(List.of(new Reject(21, STRATEGY, 1, "c1", RejectReason.UNKNOWN_ORDER, -2011, "venue no longer knows the order")),
            h.sink.take());
        assertEquals(1, h.tracker.openOrders(), "the order is left as last reported");
    }

    @Test
    void cancelOfAnOrderNotYetAtTheVenueIsRejectedIfTheLookupDoesNotFindIt()
    {
        h.place(12, "c2", 1_0000);
        h.gateway.takeCalls();
        h.tracker.onCancel(21, STRATEGY, ETH, "c2", h.nowMs);
        h.tracker.onCancelRejected(ETH, "c2", UNKNOWN_ORDER_SENT);
        assertEquals(List.<Call>of(new Cancel("ETHUSDT", "c2"), new Lookup("ETHUSDT", "c2")), h.gateway.takeCalls());

        h.tracker.onLookupNotFound(ETH, "c2", h.gateway.venueTimeMs);

        assertEquals(List.of(new Reject(21, STRATEGY, 1, "c2", RejectReason.UNKNOWN_ORDER, -2011, "venue does not know the order (yet)")),
            h.sink.take());
        h.tracker.onOrderUpdate(update(PLACE_REPLY, "c2", 901, NEW, 1_0000, 0));
        assertEquals(List.of(expNew(12, "c2", 901)), h.sink.take(), "the place's own answer is unaffected");
    }

    @Test
    void cancelRefusedByTheGatewayIsRejectedAndTheOrderUnchanged()
    {
        h.tracker.onCancel(21, STRATEGY, ETH, "c1", h.nowMs);
        h.gateway.takeCalls();

        h.tracker.onCancelRejected(ETH, "c1", new VenueError(0, "order rate limit", RejectReason.THROTTLED));

        assertEquals(List.of(new Reject(21, STRATEGY, 1, "c1", RejectReason.THROTTLED, 0, "order rate limit")), h.sink.take());
        assertEquals(List.of(), h.gateway.takeCalls(), "no lookup: the cancel was never sent");
        assertEquals(1, h.tracker.openOrders());
        h.tracker.onCancel(21, STRATEGY, ETH, "c1", h.nowMs);
        assertEquals(List.<Call>of(new Cancel("ETHUSDT", "c1")), h.gateway.takeCalls(), "the resent command is sent again");
    }

    @Test
    void cancelWhileDisconnectedIsRejected()
    {
        h.gateway.ready = false;

        h.tracker.onCancel(21, STRATEGY, ETH, "c1", h.nowMs);

        assertEquals(List.of(new Reject(21, STRATEGY, 1, "c1", RejectReason.NOT_CONNECTED, 0, "not connected")), h.sink.take());
        assertEquals(List.of(), h.gateway.takeCalls());
    }

    @Test
    void cancelWithUnknownOutcomeLooksTheOrderUpAndTheResendSendsAgain()
    {
        h.tracker.onCancel(21, STRATEGY, ETH, "c1", h.nowMs);
        h.gateway.takeCalls();

        h.tracker.onOutcomeUnknown(RequestKind.CANCEL, ETH, "c1", 900, "timeout");
        assertEquals(List.<Call>of(new Lookup("ETHUSDT", "c1")), h.gateway.takeCalls());
        h.tracker.onOrderUpdate(update(LOOKUP, "c1", 900, NEW, 5_0000, 0));
        assertEquals(List.of(), h.sink.take(), "still open: nothing new to report");

        h.tracker.onCancel(21, STRATEGY, ETH, "c1", h.nowMs);
        assertEquals(List.<Call>of(new Cancel("ETHUSDT", "c1")), h.gateway.takeCalls());
        h.tracker.onOrderUpdate(update(CANCEL_REPLY, "c1", 900, CANCELED, 5_0000, 0));
        assertEquals(List.of(report(21, STRATEGY, "c1", 900, ExecType.CANCELED, OrdStatus.CANCELED, 0)), h.sink.take());
    }

    // ------------------------------------------------------------ rule 7

    @Test
    void cancelAllReportsEachOrderThenItsOutcomeAndLooksUpTheOrdersItDidNotCancel()
    {
        h.place(12, "c2", 1_0000);
        h.tracker.onOrderUpdate(update(PLACE_REPLY, "c2", 901, NEW, 1_0000, 0));
        h.tracker.onNewOrder(13, STRATEGY, BTC, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, PRICE, 1_0000, "b1", 0L, h.nowMs);
        h.sink.take();
        h.gateway.takeCalls();

        h.tracker.onCancelAll(31, STRATEGY, ETH, h.nowMs);
        h.tracker.onCancelAll(31, STRATEGY, ETH, h.nowMs);
        assertEquals(List.<Call>of(new CancelAll("ETHUSDT")), h.gateway.takeCalls(), "a resend while in flight sends nothing");

        h.tracker.onOrderUpdate(update(CANCEL_REPLY, "c1", 900, CANCELED, 5_0000, 0));
        h.tracker.onCancelAllDone(ETH, null);

        assertEquals(List.of(
            report(0, STRATEGY, "c1", 900, ExecType.CANCELED, OrdStatus.CANCELED, 0),
            new CancelAllDone(31, STRATEGY, "ETHUSDT", 1, null)), h.sink.take());
        assertEquals(List.<Call>of(new Lookup("ETHUSDT", "c2")), h.gateway.takeCalls(), "c2 was not canceled: it may have filled");
        h.tracker.onOrderUpdate(update(LOOKUP, "c2", 901, PARTIALLY_FILLED, 1_0000, 5000, fill(81, 901, 5000)));
        assertEquals(List.of(expTrade(0, "c2", 901, OrdStatus.PARTIALLY_FILLED, 5000, 81, 5000)), h.sink.take());
    }

    @Test
    void cancelAllOverAnOrderWithItsOwnCancelInFlightAnswersBothCommandsOnce()
    {
        h.tracker.onCancel(21, STRATEGY, ETH, "c1", h.nowMs);
        h.tracker.onCancelAll(31, STRATEGY, ETH, h.nowMs);
        assertEquals(List.<Call>of(new Cancel("ETHUSDT", "c1"), new CancelAll("ETHUSDT")), h.gateway.takeCalls());

        h.tracker.onOrderUpdate(update(CANCEL_REPLY, "c1", 900, CANCELED, 5_0000, 0));
        h.tracker.onCancelAllDone(ETH, null);
        h.tracker.onCancelRejected(ETH, "c1", new VenueError(-2011, "Unknown order sent.", RejectReason.UNKNOWN_ORDER));

        assertEquals(List.of(
            report(21, STRATEGY, "c1", 900, ExecType.CANCELED, OrdStatus.CANCELED, 0),
            new CancelAllDone(31, STRATEGY, "ETHUSDT", 1, null)), h.sink.take());
        assertEquals(List.of(), h.gateway.takeCalls(), "the order is over: its late cancel refusal changes nothing");
    }

    @Test
    void cancelAllWhileDisconnectedOrWithoutAnswerIsAnsweredWithTheError()
    {
        h.gateway.ready = false;
        h.tracker.onCancelAll(31, STRATEGY, ETH, h.nowMs);
        assertEquals(List.of(new CancelAllDone(31, STRATEGY, "ETHUSDT", 0, new VenueError(0, "not connected", RejectReason.NOT_CONNECTED))),
            h.sink.take());
        assertEquals(List.of(), h.gateway.takeCalls());

        h.gateway.ready = true;
        h.tracker.onCancelAll(32, STRATEGY, ETH, h.nowMs);
        h.gateway.takeCalls();
        h.tracker.onOutcomeUnknown(RequestKind.CANCEL_ALL, ETH, null, 0, "timeout");
        assertEquals(List.of(new CancelAllDone(32, STRATEGY, "ETHUSDT", 0,
            new VenueError(0, "no answer from the venue: timeout", RejectReason.INTERNAL))), h.sink.take());
        assertEquals(List.<Call>of(new Lookup("ETHUSDT", "c1")), h.gateway.takeCalls());
    }

    // ------------------------------------------------------------ rule 8

    @Test
    void statusQueryLooksTheOrderUpAndAnswersWithOrderStatus()
    {
        h.tracker.onStatusQuery(41, STRATEGY, ETH, "c1", h.nowMs);
        h.tracker.onStatusQuery(41, STRATEGY, ETH, "c1", h.nowMs);
        assertEquals(List.<Call>of(new Lookup("ETHUSDT", "c1")), h.gateway.takeCalls());
        assertEquals(List.of(), h.sink.take());

        h.tracker.onOrderUpdate(update(LOOKUP, "c1", 900, NEW, 5_0000, 0));

        assertEquals(List.of(expStatus(41, "c1", 900, OrdStatus.NEW, 0)), h.sink.take());
    }

    @Test
    void statusQueryOfATerminalOrderIsAnsweredFromMemory()
    {
        h.tracker.onOrderUpdate(update(CANCEL_REPLY, "c1", 900, CANCELED, 5_0000, 0));
        h.sink.take();

        h.tracker.onStatusQuery(41, STRATEGY, ETH, "c1", h.nowMs);

        assertEquals(List.of(expStatus(41, "c1", 900, OrdStatus.CANCELED, 0)), h.sink.take());
        assertEquals(List.of(), h.gateway.takeCalls());
    }

    @Test
    void statusQueryOfAnOrderTheVenueNeverHadIsRejected()
    {
        h.tracker.onStatusQuery(41, STRATEGY, ETH, "ghost", h.nowMs);
        assertEquals(List.<Call>of(new Lookup("ETHUSDT", "ghost")), h.gateway.takeCalls());

        h.tracker.onLookupNotFound(ETH, "ghost", h.gateway.venueTimeMs);

        assertEquals(List.of(new Reject(41, STRATEGY, 1, "ghost", RejectReason.UNKNOWN_ORDER, -2013, "order does not exist")), h.sink.take());
    }

    @Test
    void statusQueryOfAnOrderPlacedElsewhereReportsItUnsolicitedAndAnswers()
    {
        h.tracker.onStatusQuery(41, STRATEGY, ETH, "web-1", h.nowMs);
        h.gateway.takeCalls();

        h.tracker.onOrderUpdate(update(LOOKUP, "web-1", 950, NEW, 2_0000, 0));

        assertEquals(List.of(
            report(0, 0, "web-1", 950, ExecType.NEW, OrdStatus.NEW, 0),
            report(41, 0, "web-1", 950, ExecType.ORDER_STATUS, OrdStatus.NEW, 0)), h.sink.take());
        assertEquals(2, h.tracker.openOrders());
    }
}
