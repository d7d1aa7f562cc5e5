package io.mmfleet.exechandler.order;

import io.mmfleet.exechandler.order.RecordingSink.Report;
import io.mmfleet.exechandler.order.ScriptedGateway.Call;
import io.mmfleet.exechandler.order.ScriptedGateway.FetchTrades;
import io.mmfleet.exechandler.order.ScriptedGateway.Lookup;
import io.mmfleet.exechandler.order.RecordingSink.Reject;
import io.mmfleet.exechandler.venue.RequestKind;
import io.mmfleet.exechandler.venue.VenueError;
import io.mmfleet.exechandler.venue.VenueOrderUpdate;
import io.mmfleet.sbe.ExecType;
import io.mmfleet.sbe.OrdStatus;
import io.mmfleet.sbe.OrderType;
import io.mmfleet.sbe.RejectReason;
import io.mmfleet.sbe.Side;
import io.mmfleet.sbe.TimeInForce;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.mmfleet.exechandler.order.TrackerHarness.ETH;
import static io.mmfleet.exechandler.order.TrackerHarness.STRATEGY;
import static io.mmfleet.exechandler.order.TrackerHarness.TIMINGS;
import static io.mmfleet.exechandler.order.TrackerHarness.expNew;
import static io.mmfleet.exechandler.order.TrackerHarness.expRejected;
import static io.mmfleet.exechandler.order.TrackerHarness.expStatus;
import static io.mmfleet.exechandler.order.TrackerHarness.expTrade;
import static io.mmfleet.exechandler.order.TrackerHarness.fill;
import static io.mmfleet.exechandler.order.TrackerHarness.report;
import static io.mmfleet.exechandler.order.TrackerHarness.update;
import static io.mmfleet.exechandler.venue.UpdateOrigin.LOOKUP;
import static io.mmfleet.exechandler.venue.UpdateOrigin.PLACE_REPLY;
import static io.mmfleet.exechandler.venue.UpdateOrigin.USER_DATA;
import static io.mmfleet.exechandler.venue.VenueOrderStatus.CANCELED;
import static io.mmfleet.exechandler.venue.VenueOrderStatus.FILLED;
import static io.mmfleet.exechandler.venue.VenueOrderStatus.NEW;
import static io.mmfleet.exechandler.venue.VenueOrderStatus.PARTIALLY_FILLED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Unanswered orders, reconnects, restarts and orders placed elsewhere: rules 9 to 15 of the order core. */
class OrderTrackerRecoveryTest extends TrackerTestBase
{
    // ------------------------------------------------------------ snapshot of the execution stream

    @Test
    void aSnapshotRequestGetsEachAnsweredOrderStillInMemoryOnceAsReportedSoFarThenTheFillsAgain()
    {
        final TrackerHarness h = harness();
        h.place(11, "c1", 5_0000);
        h.tracker.onOrderUpdate(update(USER_DATA, "c1", 900, PARTIALLY_FILLED, 5_0000, 2_0000, fill(1, 900, 2_0000)));
        h.place(12, "c2", 5_0000);
        h.place(13, "c3", 5_0000);
        h.tracker.onOrderUpdate(update(PLACE_REPLY, "c3", 902, FILLED, 5_0000, 5_0000, fill(2, 902, 5_0000)));
        h.place(14, "c4", 5_0000);
        h.tracker.onOrderUpdate(update(PLACE_REPLY, "c4", 903, CANCELED, 5_0000, 0));
        h.sink.take();

        // c2 is unanswered (nothing to say yet); c1 is open, c3 and c4 terminal: their final state; then
        // each fill's TRADE report again, as first published (a subscriber that has it dedupes by trade id).
        final List<RecordingSink.Output> expected = List.of(
            expStatus(0, "c1", 900, OrdStatus.PARTIALLY_FILLED, 2_0000),
            expStatus(0, "c3", 902, OrdStatus.FILLED, 5_0000),
            expStatus(0, "c4", 903, OrdStatus.CANCELED, 0),
            expTrade(0, "c1", 900, OrdStatus.PARTIALLY_FILLED, 2_0000, 1, 2_0000),
            expTrade(0, "c3", 902, OrdStatus.FILLED, 5_0000, 2, 5_0000));
        assertEquals(5, h.tracker.republishOrders());
        assertEquals(expected, h.sink.take());
        assertEquals(5, h.tracker.republishOrders());
        assertEquals(expected, h.sink.take(), "a second snapshot says the same, each order once");
    }

    // ------------------------------------------------------------ knows()

    @Test
    void knowsOrdersLiveRecentlyTerminalAndJournaledAndNothingElse()
    {
        final TrackerHarness h = harness();
        h.place(11, "c1", 5_0000);
        h.place(12, "c2", 5_0000);
        h.tracker.onPlaceRejected(ETH, "c2", new VenueError(-2010, "would match", RejectReason.POST_ONLY_WOULD_CROSS));
        h.tracker.onOrderUpdate(update(USER_DATA, "web-1", 950, NEW, 1_0000, 0));

        assertTrue(h.tracker.knows("c1"), "live");
        assertTrue(h.tracker.knows("c2"), "recently terminal");
        assertTrue(h.tracker.knows("web-1"), "placed elsewhere, followed");
        assertFalse(h.tracker.knows("c3"));

        h.restart();
        assertEquals(0, h.tracker.rememberedTerminalOrders());
        assertTrue(h.tracker.knows("c1"), "loaded open from the journal");
        assertTrue(h.tracker.knows("c2"), "terminal, in the journal only");
        assertFalse(h.tracker.knows("c3"));
        assertEquals(0, h.tracker.rememberedTerminalOrders(), "asking does not load the order into memory");
    }

    // ------------------------------------------------------------ lookups not doubled

    @Test
    void sessionReadyFollowsALookupStillInFlightWithOneFreshLookupInsteadOfDoublingIt()
    {
        final TrackerHarness h = harness();
        h.place(11, "c1", 5_0000);
        h.tracker.onOrderUpdate(update(PLACE_REPLY, "c1", 900, NEW, 5_0000, 0));
        h.place(12, "c2", 5_0000);
        h.sink.take();
        h.gateway.takeCalls();
        h.gateway.ready = false;
        h.tracker.onOutcomeUnknown(RequestKind.PLACE, ETH, "c2", 0, "disconnected");
        h.tracker.onSessionLost("disconnected");
        h.timer(10_000);
        assertEquals(List.of(), h.gateway.takeCalls(), "nothing goes out while the gateway is not ready");

        // The gateway is ready a moment before it says so: the event loop's timer runs in between.
        h.gateway.ready = true;
        assertEquals(1, h.timer(1));
        assertEquals(List.<Call>of(new Lookup("ETHUSDT", "c2")), h.gateway.takeCalls());
        h.tracker.onStatusQuery(41, STRATEGY, ETH, "c1", h.nowMs);
        assertEquals(List.<Call>of(new Lookup("ETHUSDT", "c1")), h.gateway.takeCalls());

        h.tracker.onSessionReady();

        // Not doubled while in flight; but the session may have come back after they were served,
        // so each is followed by one fresh lookup once answered, and nothing waits on the old answer.
        assertEquals(List.of(), h.gateway.takeCalls(), "both lookups are in flight already");
        h.tracker.onOrderUpdate(update(LOOKUP, "c2", 901, NEW, 5_0000, 0));
        h.tracker.onOrderUpdate(update(LOOKUP, "c1", 900, NEW, 5_0000, 0));
        // A status query is answered with the state as known; a change the fresh lookup finds follows unsolicited.
        assertEquals(List.of(expNew(12, "c2", 901), expStatus(41, "c1", 900, OrdStatus.NEW, 0)), h.sink.take());
        assertEquals(List.<Call>of(new Lookup("ETHUSDT", "c2"), new Lookup("ETHUSDT", "c1")), h.gateway.takeCalls());
        h.tracker.onOrderUpdate(update(LOOKUP, "c2", 901, NEW, 5_0000, 0));
        h.tracker.onOrderUpdate(update(LOOKUP, "c1", 900, NEW, 5_0000, 0));
        assertEquals(List.of(), h.sink.take(), "nothing changed");
        h.timer(60_000);
        assertEquals(List.of(), h.gateway.takeCalls());
    }

    @Test
    void lookupsWantedWhileDisconnectedWaitForTheSessionAndGoOutOnce()
    {
        final TrackerHarness h = harness();
        h.place(11, "c1", 5_0000);
        h.tracker.onOrderUpdate(update(PLACE_REPLY, "c1", 900, NEW, 5_0000, 0));
        h.place(12, "c2", 5_0000);
        h.tracker.onOrderUpdate(update(PLACE_REPLY, "c2", 901, NEW, 5_0000, 0));
        h.place(13, "c3", 5_0000);
        h.tracker.onCancel(21, STRATEGY, ETH, "c1", h.nowMs);
        h.tracker.onStatusQuery(41, STRATEGY, ETH, "c2", h.nowMs);
        h.sink.take();
        h.gateway.takeCalls();

        h.gateway.ready = false;
        h.tracker.onOutcomeUnknown(RequestKind.CANCEL, ETH, "c1", 900, "disconnected");
        h.tracker.onOutcomeUnknown(RequestKind.LOOKUP, ETH, "c2", 0, "disconnected");
        h.tracker.onOutcomeUnknown(RequestKind.PLACE, ETH, "c3", 0, "disconnected");
        h.tracker.onSessionLost("disconnected");
        h.timer(10_000);
        assertEquals(List.of(), h.gateway.takeCalls(), "nothing goes out while the gateway is not ready");

        h.gateway.ready = true;
        h.tracker.onSessionReady();
        assertEquals(List.<Call>of(new Lookup("ETHUSDT", "c1"), new Lookup("ETHUSDT", "c2"), new Lookup("ETHUSDT", "c3")),
            h.gateway.takeCalls());
        h.timer(TIMINGS.lookupRetryMs());
        assertEquals(List.of(), h.gateway.takeCalls(), "each once: the retries wanted are the lookups sent");
    }

    // ------------------------------------------------------------ lookups of orders the venue forgot

    @Test
    void lookupNotFoundForAnOrderTheVenueAnsweredIsRetriedFiveTimesThenGivenUp()
    {
        final TrackerHarness h = harness();
        h.place(11, "c1", 5_0000);
        h.tracker.onOrderUpdate(update(PLACE_REPLY, "c1", 900, NEW, 5_0000, 0));
        h.sink.take();
        h.gateway.takeCalls();
        h.tracker.onStatusQuery(41, STRATEGY, ETH, "c1", h.nowMs);
        assertEquals(List.<Call>of(new Lookup("ETHUSDT", "c1")), h.gateway.takeCalls());

        h.gateway.venueTimeMs += 90L * 24 * 3600 * 1000;
        h.tracker.onLookupNotFound(ETH, "c1", h.gateway.venueTimeMs);
        for (int retry = 1; retry <= OrderTracker.MAX_LOOKUP_RETRIES_NOT_FOUND; retry++)
        {
            assertEquals(List.of(), h.sink.take(), "retry " + retry + ": the status query waits");
            assertEquals(0, h.timer(TIMINGS.lookupRetryMs() - 1));
            assertEquals(1, h.timer(1));
            assertEquals(List.<Call>of(new Lookup("ETHUSDT", "c1")), h.gateway.takeCalls());
            h.tracker.onLookupNotFound(ETH, "c1", h.gateway.venueTimeMs);
        }

        assertEquals(List.of(new Reject(41, STRATEGY, 1, "c1", RejectReason.UNKNOWN_ORDER, -2013, "venue no longer knows the order")),
            h.sink.take());
        h.timer(60_000);
        assertEquals(List.of(), h.gateway.takeCalls(), "given up: no more lookups");
        assertEquals(1, h.tracker.openOrders(), "left as last reported");
        assertEquals(0, h.tracker.unresolvedOrders());
        assertEquals(OrdStatus.NEW, h.journal.findOrder("c1").status());

        h.tracker.onStatusQuery(42, STRATEGY, ETH, "c1", h.nowMs);
        assertEquals(List.<Call>of(new Lookup("ETHUSDT", "c1")), h.gateway.takeCalls(), "a new query asks once more");
        h.tracker.onLookupNotFound(ETH, "c1", h.gateway.venueTimeMs);
        assertEquals(List.of(new Reject(42, STRATEGY, 1, "c1", RejectReason.UNKNOWN_ORDER, -2013, "venue no longer knows the order")),
            h.sink.take(), "and is answered at once, not retried again");
        h.timer(60_000);
        assertEquals(List.of(), h.gateway.takeCalls());
    }

    @Test
    void lookupFindingTheOrderAgainResetsTheNotFoundRetries()
    {
        final TrackerHarness h = harness();
        h.place(11, "c1", 5_0000);
        h.tracker.onOrderUpdate(update(PLACE_REPLY, "c1", 900, NEW, 5_0000, 0));
        h.sink.take();
        h.tracker.onStatusQuery(41, STRATEGY, ETH, "c1", h.nowMs);
        for (int retry = 1; retry <= OrderTracker.MAX_LOOKUP_RETRIES_NOT_FOUND; retry++)
        {
            h.tracker.onLookupNotFound(ETH, "c1", h.gateway.venueTimeMs);
            h.timer(TIMINGS.lookupRetryMs());
        }
        h.gateway.takeCalls();
        h.tracker.onOrderUpdate(update(LOOKUP, "c1", 900, NEW, 5_0000, 0));
        assertEquals(List.of(expStatus(41, "c1", 900, OrdStatus.NEW, 0)), h.sink.take());

        h.tracker.onStatusQuery(42, STRATEGY, ETH, "c1", h.nowMs);
        h.tracker.onLookupNotFound(ETH, "c1", h.gateway.venueTimeMs);
        assertEquals(List.of(), h.sink.take(), "found in between: retried again");
        h.timer(TIMINGS.lookupRetryMs());
        assertEquals(List.<Call>of(new Lookup("ETHUSDT", "c1"), new Lookup("ETHUSDT", "c1")), h.gateway.takeCalls());
    }

    // ------------------------------------------------------------ lookups finding fills missed

    @Test
    void lookupFindingAnUnansweredOrderFilledReportsItsTradesFirstAndNeverNew()
    {
        final TrackerHarness h = harness();
        h.place(11, "c1", 5_0000);
        h.gateway.takeCalls();
        h.tracker.onOutcomeUnknown(RequestKind.PLACE, ETH, "c1", 0, "timeout");
        assertEquals(List.<Call>of(new Lookup("ETHUSDT", "c1")), h.gateway.takeCalls());

        h.tracker.onOrderUpdate(update(LOOKUP, "c1", 900, FILLED, 5_0000, 5_0000));

        assertEquals(List.of(), h.sink.take(), "not NEW: the order is over, its fills come first");
        assertEquals(List.<Call>of(new FetchTrades("ETHUSDT", 900)), h.gateway.takeCalls());
        h.tracker.onTrades(ETH, 900, List.of(fill(72, 900, 3_0000), fill(71, 900, 2_0000)));
        assertEquals(List.of(
            expTrade(11, "c1", 900, OrdStatus.PARTIALLY_FILLED, 2_0000, 71, 2_0000),
            expTrade(0, "c1", 900, OrdStatus.FILLED, 5_0000, 72, 3_0000)), h.sink.take());
        assertEquals(0, h.tracker.openOrders());
    }

    @Test
    void lookupAfterARestartFindingTheOrderCanceledWithFillsReportsTheTradesThenCanceled()
    {
        final TrackerHarness h = harness();
        h.place(11, "c1", 5_0000);
        h.restart();
        h.tracker.onSessionReady();
        assertEquals(List.<Call>of(new Lookup("ETHUSDT", "c1")), h.gateway.takeCalls());

        h.tracker.onOrderUpdate(update(LOOKUP, "c1", 900, CANCELED, 5_0000, 2_0000));

        assertEquals(List.of(), h.sink.take(), "neither NEW nor CANCELED before the fills");
        assertEquals(List.<Call>of(new FetchTrades("ETHUSDT", 900)), h.gateway.takeCalls());
        h.tracker.onTrades(ETH, 900, List.of(fill(71, 900, 2_0000)));
        assertEquals(List.of(
            expTrade(11, "c1", 900, OrdStatus.PARTIALLY_FILLED, 2_0000, 71, 2_0000),
            report(0, STRATEGY, "c1", 900, ExecType.CANCELED, OrdStatus.CANCELED, 2_0000)), h.sink.take());
        assertEquals(OrdStatus.CANCELED, h.journal.findOrder("c1").status());
    }

    // ------------------------------------------------------------ rule 9

    @Test
    void unansweredPlaceIsLookedUpAfterTheReplyTimeoutAndFoundOpen()
    {
        final TrackerHarness h = harness();
        h.place(11, "c1", 5_0000);
        h.gateway.takeCalls();

        assertEquals(0, h.timer(TIMINGS.replyTimeoutMs() - 1));
        assertEquals(List.of(), h.gateway.takeCalls());
        assertEquals(1, h.timer(1));
        assertEquals(List.<Call>of(new Lookup("ETHUSDT", "c1")), h.gateway.takeCalls());
        assertEquals(1, h.tracker.unresolvedOrders());

        h.tracker.onOrderUpdate(update(LOOKUP, "c1", 900, NEW, 5_0000, 0));

        assertEquals(List.of(expNew(11, "c1", 900)), h.sink.take());
        assertEquals(0, h.tracker.unresolvedOrders());
        h.timer(60_000);
        assertEquals(List.of(), h.gateway.takeCalls(), "never placed again");
    }

    @Test
    void lookupNotFoundInsideTheReceiveWindowIsRetriedAndPastItRejectsTheOrder()
    {
        final TrackerHarness h = harness();
        h.place(11, "c1", 5_0000);
        final long sentAt = h.gateway.venueTimeMs;
        h.gateway.takeCalls();
        h.tracker.onOutcomeUnknown(RequestKind.PLACE, ETH, "c1", 0, "connection reset");
        assertEquals(List.<Call>of(new Lookup("ETHUSDT", "c1")), h.gateway.takeCalls());

        // Exactly at timestamp + window + 1 s the request could still be accepted.
        h.tracker.onLookupNotFound(ETH, "c1", sentAt + h.gateway.receiveWindowMs + 1_000);
        assertEquals(List.of(), h.sink.take());
        assertEquals(0, h.timer(TIMINGS.lookupRetryMs() - 1));
        assertEquals(1, h.timer(1));
        assertEquals(List.<Call>of(new Lookup("ETHUSDT", "c1")), h.gateway.takeCalls());

        h.tracker.onLookupNotFound(ETH, "c1", sentAt + h.gateway.receiveWindowMs + 1_001);

        assertEquals(List.of(expRejected(11, "c1", 0, -2013, RejectReason.UNKNOWN_ORDER)), h.sink.take());
        assertEquals(0, h.tracker.openOrders());
        assertEquals(true, h.journal.findOrder("c1").terminal());
        h.timer(60_000);
        h.place(12, "c1", 5_0000);
        assertEquals(List.of(), h.gateway.takeCalls(), "never placed again");
        assertEquals(List.of(expStatus(12, "c1", 0, OrdStatus.REJECTED, 0)), h.sink.take());
    }

    @Test
    void placeWithUnknownOutcomeWhileDisconnectedIsLookedUpWhenTheSessionIsBack()
    {
        final TrackerHarness h = harness();
        h.place(11, "c1", 5_0000);
        h.gateway.takeCalls();
        h.gateway.ready = false;

        h.tracker.onOutcomeUnknown(RequestKind.PLACE, ETH, "c1", 0, "disconnected");
        h.tracker.onSessionLost("disconnected");
        h.timer(10_000);
        assertEquals(List.of(), h.gateway.takeCalls(), "nothing sent while disconnected, nothing resent");

        h.gateway.ready = true;
        h.tracker.onSessionReady();
        assertEquals(List.<Call>of(new Lookup("ETHUSDT", "c1")), h.gateway.takeCalls());
        h.tracker.onOrderUpdate(update(LOOKUP, "c1", 900, NEW, 5_0000, 0));
        assertEquals(List.of(expNew(11, "c1", 900)), h.sink.take());
    }

    // ------------------------------------------------------------ rules 10 and 11

    @Test
    void sessionReadyLooksUpEveryOpenOrderAndFetchesTradesMissedWhileAway()
    {
        final TrackerHarness h = harness();
        h.place(11, "c1", 5_0000);
        h.tracker.onOrderUpdate(update(PLACE_REPLY, "c1", 900, NEW, 5_0000, 0));
        h.place(12, "c2", 5_0000);
        h.tracker.onOrderUpdate(update(PLACE_REPLY, "c2", 901, PARTIALLY_FILLED, 5_0000, 1_0000, fill(81, 901, 1_0000)));
        h.place(13, "c3", 5_0000);
        h.place(14, "c4", 5_0000);
        h.tracker.onOrderUpdate(update(PLACE_REPLY, "c4", 903, CANCELED, 5_0000, 0));
        h.sink.take();
        h.gateway.takeCalls();

        h.gateway.ready = false;
        h.tracker.onOutcomeUnknown(RequestKind.PLACE, ETH, "c3", 0, "disconnected");
        h.tracker.onSessionLost("disconnected");
        assertEquals(List.of(), h.gateway.takeCalls());
        h.gateway.ready = true;
        h.tracker.onSessionReady();

        assertEquals(List.<Call>of(new Lookup("ETHUSDT", "c1"), new Lookup("ETHUSDT", "c2"), new Lookup("ETHUSDT", "c3")),
            h.gateway.takeCalls());
        h.tracker.onOrderUpdate(update(LOOKUP, "c2", 901, FILLED, 5_0000, 5_0000));
        assertEquals(List.<Call>of(new FetchTrades("ETHUSDT", 901)), h.gateway.takeCalls());
        h.tracker.onTrades(ETH, 901, List.of(fill(81, 901, 1_0000), fill(82, 901, 4_0000)));
        assertEquals(List.of(expTrade(0, "c2", 901, OrdStatus.FILLED, 5_0000, 82, 4_0000)), h.sink.take());
    }

    // ------------------------------------------------------------ rule 12

    @Test
    void restartAfterJournalBeforeReplyLooksTheOrderUpAndAnswersTheOriginalCommand()
    {
        final TrackerHarness h = harness();
        h.place(11, "c1", 5_0000);

        h.restart();
        assertEquals(1, h.tracker.openOrders());
        assertEquals(1, h.tracker.unresolvedOrders());
        h.place(11, "c1", 5_0000);
        assertEquals(List.of(), h.gateway.takeCalls(), "the resent command is not placed");
        h.tracker.onSessionReady();
        assertEquals(List.<Call>of(new Lookup("ETHUSDT", "c1")), h.gateway.takeCalls());

        h.tracker.onOrderUpdate(update(LOOKUP, "c1", 900, NEW, 5_0000, 0));

        assertEquals(List.of(expNew(11, "c1", 900)), h.sink.take());
    }

    @Test
    void restartAfterJournalBeforeReplyOfAnOrderThatNeverArrived()
    {
        final TrackerHarness h = harness();
        h.place(11, "c1", 5_0000);
        final long sentAt = h.gateway.venueTimeMs;

        h.restart();
        h.tracker.onSessionReady();
        h.gateway.takeCalls();
        h.tracker.onLookupNotFound(ETH, "c1", sentAt + 60_000);

        assertEquals(List.of(expRejected(11, "c1", 0, -2013, RejectReason.UNKNOWN_ORDER)), h.sink.take());
        assertEquals(0, h.tracker.openOrders());
    }

    @Test
    void restartAfterAFillReportedReportsOnlyTheFillsNotYetReported()
    {
        final TrackerHarness h = harness();
        final List<Report> all = new ArrayList<>();
        h.place(11, "c1", 5_0000);
        h.tracker.onOrderUpdate(update(PLACE_REPLY, "c1", 900, PARTIALLY_FILLED, 5_0000, 2_0000, fill(71, 900, 2_0000)));
        all.addAll(reports(h));

        h.restart();
        h.tracker.onSessionReady();
        assertEquals(List.<Call>of(new Lookup("ETHUSDT", "c1")), h.gateway.takeCalls());
        h.tracker.onOrderUpdate(update(LOOKUP, "c1", 900, FILLED, 5_0000, 5_0000));
        assertEquals(List.<Call>of(new FetchTrades("ETHUSDT", 900)), h.gateway.takeCalls());
        h.tracker.onTrades(ETH, 900, List.of(fill(71, 900, 2_0000), fill(72, 900, 3_0000)));
        // The user-data events of both trades arrive late, after the reconnect.
        h.tracker.onOrderUpdate(update(USER_DATA, "c1", 900, PARTIALLY_FILLED, 5_0000, 2_0000, fill(71, 900, 2_0000)));
        h.tracker.onOrderUpdate(update(USER_DATA, "c1", 900, FILLED, 5_0000, 5_0000, fill(72, 900, 3_0000)));
        all.addAll(reports(h));

        assertEquals(List.of(
            expTrade(11, "c1", 900, OrdStatus.PARTIALLY_FILLED, 2_0000, 71, 2_0000),
            expTrade(0, "c1", 900, OrdStatus.FILLED, 5_0000, 72, 3_0000)), all);
    }

    @Test
    void restartBetweenAFillReceivedAndReportedReportsItOnceAfterReconciliation()
    {
        final TrackerHarness h = harness();
        final List<Report> all = new ArrayList<>();
        h.place(11, "c1", 5_0000);
        h.tracker.onOrderUpdate(update(PLACE_REPLY, "c1", 900, NEW, 5_0000, 0));
        all.addAll(reports(h));
        // The trade event of 71 was received when the process died, before anything was reported.

        h.restart();
        h.tracker.onSessionReady();
        h.gateway.takeCalls();
        h.tracker.onOrderUpdate(update(LOOKUP, "c1", 900, PARTIALLY_FILLED, 5_0000, 2_0000));
        assertEquals(List.<Call>of(new FetchTrades("ETHUSDT", 900)), h.gateway.takeCalls());
        h.tracker.onTrades(ETH, 900, List.of(fill(71, 900, 2_0000)));
        h.tracker.onOrderUpdate(update(USER_DATA, "c1", 900, PARTIALLY_FILLED, 5_0000, 2_0000, fill(71, 900, 2_0000)));
        all.addAll(reports(h));

        assertEquals(List.of(
            expNew(11, "c1", 900),
            expTrade(0, "c1", 900, OrdStatus.PARTIALLY_FILLED, 2_0000, 71, 2_0000)), all);
        assertEquals(List.of(71L), tradeIdsOf(h.journal.findOrder("c1")));
    }

    @Test
    void restartBetweenPublishingAFillAndJournalingItRepeatsThatFillWithTheSameTradeId()
    {
        final TrackerHarness h = harness();
        h.place(11, "c1", 5_0000);
        h.tracker.onOrderUpdate(update(PLACE_REPLY, "c1", 900, NEW, 5_0000, 0));
        h.sink.take();
        h.sink.crashAfterPublishingTradeId = 71;
        final VenueOrderUpdate trade = update(USER_DATA, "c1", 900, PARTIALLY_FILLED, 5_0000, 2_0000, fill(71, 900, 2_0000));
        assertThrows(RecordingSink.SimulatedCrash.class, () -> h.tracker.onOrderUpdate(trade));
        assertEquals(List.of(expTrade(0, "c1", 900, OrdStatus.PARTIALLY_FILLED, 2_0000, 71, 2_0000)), reports(h));
        h.sink.crashAfterPublishingTradeId = -1;

        h.restart();
        h.tracker.onSessionReady();
        h.gateway.takeCalls();
        h.tracker.onOrderUpdate(update(LOOKUP, "c1", 900, PARTIALLY_FILLED, 5_0000, 2_0000));
        h.tracker.onTrades(ETH, 900, List.of(fill(71, 900, 2_0000)));

        // At least once, never lost: the same trade id again, which consumers dedupe.
        assertEquals(List.of(expTrade(0, "c1", 900, OrdStatus.PARTIALLY_FILLED, 2_0000, 71, 2_0000)), reports(h));
    }

    @Test
    void restartAnswersResentCommandsOfTerminalOrdersFromTheJournal()
    {
        final TrackerHarness h = harness();
        h.place(11, "c1", 5_0000);
        h.tracker.onOrderUpdate(update(PLACE_REPLY, "c1", 900, FILLED, 5_0000, 5_0000, fill(71, 900, 5_0000)));
        h.restart();
        assertEquals(0, h.tracker.openOrders());

        h.place(11, "c1", 5_0000);
        h.place(12, "c1", 4_0000);
        h.tracker.onCancel(21, STRATEGY, ETH, "c1", h.nowMs);
        h.tracker.onOrderUpdate(update(USER_DATA, "c1", 900, FILLED, 5_0000, 5_0000, fill(71, 900, 5_0000)));

        final List<RecordingSink.Output> out = h.sink.take();
        assertEquals(expStatus(11, "c1", 900, OrdStatus.FILLED, 5_0000), out.get(0));
        assertEquals(RejectReason.DUPLICATE_ID, ((RecordingSink.Reject)out.get(1)).reason());
        assertEquals(expStatus(21, "c1", 900, OrdStatus.FILLED, 5_0000), out.get(2));
        assertEquals(3, out.size(), "the late trade event of a terminal order is not reported again");
        assertEquals(List.of(), h.gateway.takeCalls());
    }

    @Test
    void restartWithAnOpenOrderOnASymbolNoLongerConfiguredFailsClearly()
    {
        final TrackerHarness h = harness();
        h.tracker.onNewOrder(11, STRATEGY, TrackerHarness.BTC, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 100, 1, "b1", 0L, h.nowMs);

        final IllegalStateException failure = assertThrows(IllegalStateException.class,
            () -> new OrderTracker(h.journal, h.gateway, h.sink, List.of(ETH), TIMINGS));
        assertTrue(failure.getMessage().contains("open order b1 on BTCUSDT, which is not a configured symbol"), failure.getMessage());
    }

    // ------------------------------------------------------------ rule 13

    @Test
    void ordersPlacedElsewhereAreReportedUnsolicitedOncePerTradeIdAlsoAcrossARestart()
    {
        final TrackerHarness h = harness();
        final VenueOrderUpdate newEvent = update(USER_DATA, "web-1", 950, NEW, 5_0000, 0);
        final VenueOrderUpdate tradeEvent = update(USER_DATA, "web-1", 950, PARTIALLY_FILLED, 5_0000, 1_0000, fill(91, 950, 1_0000));

        h.tracker.onOrderUpdate(newEvent);
        h.tracker.onOrderUpdate(tradeEvent);
        h.tracker.onOrderUpdate(newEvent);
        h.tracker.onOrderUpdate(tradeEvent);
        assertEquals(List.of(
            report(0, 0, "web-1", 950, ExecType.NEW, OrdStatus.NEW, 0),
            expTrade(0, 0, "web-1", 950, OrdStatus.PARTIALLY_FILLED, 1_0000, 91, 1_0000)), reports(h));

        h.restart();
        h.tracker.onOrderUpdate(tradeEvent);
        h.tracker.onOrderUpdate(update(USER_DATA, "web-1", 950, CANCELED, 5_0000, 1_0000));
        h.tracker.onOrderUpdate(update(USER_DATA, "web-1", 950, CANCELED, 5_0000, 1_0000));
        assertEquals(List.of(report(0, 0, "web-1", 950, ExecType.CANCELED, OrdStatus.CANCELED, 1_0000)), reports(h));
        h.tracker.onOrderUpdate(tradeEvent);
        assertEquals(List.of(), reports(h));
    }

    @Test
    void updatesForUnconfiguredSymbolsAreDropped()
    {
        final TrackerHarness h = harness();

        h.tracker.onOrderUpdate(new VenueOrderUpdate(USER_DATA, "DOGEUSDT", "x", 1, NEW, Side.BUY, OrderType.LIMIT, TimeInForce.GTC,
            1, 1, 0, 0, List.of(), 0));

        assertEquals(List.of(), h.sink.take());
        assertEquals(0, h.tracker.openOrders());
    }

    // ------------------------------------------------------------ rule 14

    @Test
    void lookupAndTradeFetchWithoutAnswerAreRetriedAfterTheRetryDelay()
    {
        final TrackerHarness h = harness();
        h.place(11, "c1", 5_0000);
        h.tracker.onOrderUpdate(update(PLACE_REPLY, "c1", 900, NEW, 5_0000, 0));
        h.sink.take();
        h.gateway.takeCalls();
        h.tracker.onStatusQuery(41, STRATEGY, ETH, "c1", h.nowMs);
        assertEquals(List.<Call>of(new Lookup("ETHUSDT", "c1")), h.gateway.takeCalls());

        h.tracker.onOutcomeUnknown(RequestKind.LOOKUP, ETH, "c1", 0, "timeout");
        assertEquals(0, h.timer(TIMINGS.lookupRetryMs() - 1));
        assertEquals(1, h.timer(1));
        assertEquals(List.<Call>of(new Lookup("ETHUSDT", "c1")), h.gateway.takeCalls());

        h.tracker.onOrderUpdate(update(LOOKUP, "c1", 900, PARTIALLY_FILLED, 5_0000, 2_0000));
        assertEquals(List.of(expStatus(41, "c1", 900, OrdStatus.NEW, 0)), h.sink.take(), "answered with what is reported");
        assertEquals(List.<Call>of(new FetchTrades("ETHUSDT", 900)), h.gateway.takeCalls());
        h.tracker.onOutcomeUnknown(RequestKind.FETCH_TRADES, ETH, "c1", 900, "timeout");
        assertEquals(0, h.timer(TIMINGS.lookupRetryMs() - 1));
        assertEquals(1, h.timer(1));
        assertEquals(List.<Call>of(new FetchTrades("ETHUSDT", 900)), h.gateway.takeCalls());
        h.tracker.onTrades(ETH, 900, List.of(fill(71, 900, 2_0000)));
        assertEquals(List.of(expTrade(0, "c1", 900, OrdStatus.PARTIALLY_FILLED, 2_0000, 71, 2_0000)), h.sink.take());
    }

    // ------------------------------------------------------------ rule 15

    @Test
    void journalHoldsWhatARestartNeeds()
    {
        final TrackerHarness h = harness();
        h.place(11, "c1", 5_0000);
        h.tracker.onOrderUpdate(update(PLACE_REPLY, "c1", 900, PARTIALLY_FILLED, 5_0000, 2_0000, fill(71, 900, 2_0000)));

        JournaledOrder journaled = h.journal.findOrder("c1");
        assertEquals(900, journaled.venueOrderId());
        assertEquals(OrdStatus.PARTIALLY_FILLED, journaled.status());
        assertEquals(2_0000, journaled.reportedCumQty());
        assertEquals(TrackerHarness.quote(2_0000), journaled.reportedCumQuoteQty());
        assertEquals(false, journaled.terminal());
        assertEquals(List.of(71L), tradeIdsOf(journaled));

        h.tracker.onOrderUpdate(update(USER_DATA, "c1", 900, CANCELED, 5_0000, 2_0000));
        journaled = h.journal.findOrder("c1");
        assertEquals(OrdStatus.CANCELED, journaled.status());
        assertEquals(true, journaled.terminal());
        assertEquals(0, h.tracker.openOrders(), "terminal orders leave the open set");
    }

    @Test
    void terminalOrdersLeaveMemoryBeyondABoundAndAreStillAnsweredFromTheJournal()
    {
        final TrackerHarness h = harness();
        final int capacity = 64;
        h.tracker = new OrderTracker(h.journal, h.gateway, h.sink, List.of(ETH), TIMINGS, capacity);
        h.gateway.ready = false;
        final int orders = capacity + 10;
        for (int i = 0; i < orders; i++)
        {
            h.place(1_000 + i, "c" + i, 5_0000);
        }
        h.sink.take();
        assertEquals(0, h.tracker.openOrders());
        assertEquals(capacity, h.tracker.rememberedTerminalOrders());

        assertEquals(capacity, h.tracker.republishOrders(), "a snapshot is bounded by the memory");
        assertEquals(capacity, h.sink.take().size());
        assertTrue(h.tracker.knows("c0"), "the oldest, no longer in memory, is known from the journal");
        assertEquals(capacity, h.tracker.rememberedTerminalOrders(), "knows() reads without caching");

        h.gateway.ready = true;
        h.place(99, "c0", 5_0000);

        assertEquals(List.of(), h.gateway.takeCalls(), "the oldest, no longer in memory, is still known");
        assertEquals(List.of(expStatus(99, "c0", 0, OrdStatus.REJECTED, 0)), h.sink.take());
        assertEquals(capacity, h.tracker.rememberedTerminalOrders());
    }

    private static List<Report> reports(final TrackerHarness h)
    {
        final List<Report> reports = new ArrayList<>();
        for (final RecordingSink.Output output : h.sink.take())
        {
            reports.add((Report)output);
        }
        return reports;
    }

    private static List<Long> tradeIdsOf(final JournaledOrder order)
    {
        final List<Long> ids = new ArrayList<>();
        for (final long id : order.reportedTradeIds())
        {
            ids.add(id);
        }
        return ids;
    }

}
