package io.mmfleet.exechandler.order;

import io.mmfleet.exechandler.order.RecordingSink.Reject;
import io.mmfleet.exechandler.order.ScriptedGateway.Call;
import io.mmfleet.exechandler.order.ScriptedGateway.FetchTrades;
import io.mmfleet.exechandler.order.ScriptedGateway.Place;
import io.mmfleet.exechandler.venue.NewOrder;
import io.mmfleet.exechandler.venue.VenueError;
import io.mmfleet.sbe.ExecType;
import io.mmfleet.sbe.OrdStatus;
import io.mmfleet.sbe.OrderType;
import io.mmfleet.sbe.RejectReason;
import io.mmfleet.sbe.Side;
import io.mmfleet.sbe.TimeInForce;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;

import static io.mmfleet.exechandler.order.TrackerHarness.ETH;
import static io.mmfleet.exechandler.order.TrackerHarness.PRICE;
import static io.mmfleet.exechandler.order.TrackerHarness.STRATEGY;
import static io.mmfleet.exechandler.order.TrackerHarness.expNew;
import static io.mmfleet.exechandler.order.TrackerHarness.expRejected;
import static io.mmfleet.exechandler.order.TrackerHarness.expStatus;
import static io.mmfleet.exechandler.order.TrackerHarness.expTrade;
import static io.mmfleet.exechandler.order.TrackerHarness.fill;
import static io.mmfleet.exechandler.order.TrackerHarness.report;
import static io.mmfleet.exechandler.order.TrackerHarness.update;
import static io.mmfleet.exechandler.venue.UpdateOrigin.CANCEL_REPLY;
import static io.mmfleet.exechandler.venue.UpdateOrigin.PLACE_REPLY;
import static io.mmfleet.exechandler.venue.UpdateOrigin.USER_DATA;
import static io.mmfleet.exechandler.venue.VenueOrderStatus.CANCELED;
import static io.mmfleet.exechandler.venue.VenueOrderStatus.EXPIRED;
import static io.mmfleet.exechandler.venue.VenueOrderStatus.EXPIRED_IN_MATCH;
import static io.mmfleet.exechandler.venue.VenueOrderStatus.FILLED;
import static io.mmfleet.exechandler.venue.VenueOrderStatus.NEW;
import static io.mmfleet.exechandler.venue.VenueOrderStatus.PARTIALLY_FILLED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Placing orders and applying what the venue says about them: rules 1 to 5 of the order core. */
class OrderTrackerPlaceTest extends TrackerTestBase
{
    // ------------------------------------------------------------ rule 1

    @Test
    void newOrderIsJournaledAndCommittedBeforeItIsSent()
    {
        final TrackerHarness h = harness();
        final List<JournaledOrder> seenAtSend = new ArrayList<>();
        h.gateway.onPlace = order ->
        {
            // A second connection sees only committed data.
            try (ExecJournal reader = ExecJournal.open(h.journalFile))
            {
                seenAtSend.add(reader.findOrder(order.clientOrderId()));
            }
        };

        h.place(11, "c1", 5_0000);

        assertEquals(List.of(new Place(new NewOrder(ETH, "c1", Side.BUY, OrderType.LIMIT, TimeInForce.GTC, PRICE, 5_0000,
            h.gateway.venueTimeMs, TrackerHarness.ORIGIN_NS))), h.gateway.takeCalls());
        final JournaledOrder journaled = seenAtSend.get(0);
        assertNotNull(journaled, "journaled before the send");
        assertEquals("ETHUSDT", journaled.venueSymbol());
        assertEquals(11, journaled.commandId());
        assertEquals(STRATEGY, journaled.strategyId());
        assertEquals(Side.BUY, journaled.side());
        assertEquals(OrderType.LIMIT, journaled.orderType());
        assertEquals(TimeInForce.GTC, journaled.timeInForce());
        assertEquals(PRICE, journaled.price());
        assertEquals(5_0000, journaled.qty());
        assertEquals(h.gateway.venueTimeMs, journaled.venueTimestampMs());
        assertEquals(OrdStatus.PENDING_NEW, journaled.status());
        assertEquals(false, journaled.terminal());
        assertEquals(List.of(), h.sink.take(), "nothing reported before the venue answers");
        assertEquals(1, h.tracker.openOrders());
        assertEquals(1, h.tracker.unresolvedOrders());
    }

    @Test
    void notConnectedIsRejectedTerminalAndNeverSent()
    {
        final TrackerHarness h = harness();
        h.gateway.ready = false;

        h.place(11, "c1", 5_0000);

        assertEquals(List.of(), h.gateway.takeCalls());
        assertEquals(List.of(expRejected(11, "c1", 0, 0, RejectReason.NOT_CONNECTED)), h.sink.take());
        assertEquals(0, h.tracker.openOrders());
        assertEquals(true, h.journal.findOrder("c1").terminal());

        h.gateway.ready = true;
        h.place(12, "c1", 5_0000);
        assertEquals(List.of(), h.gateway.takeCalls(), "the id is spent: never sent");
        assertEquals(List.of(expStatus(12, "c1", 0, OrdStatus.REJECTED, 0)), h.sink.take());
    }

    // ------------------------------------------------------------ rule 2

    @Test
    void resendWhileUnansweredIsNotSentAndIsAnsweredWithTheFirstReport()
    {
        final TrackerHarness h = harness();
        h.place(11, "c1", 5_0000);
        h.gateway.takeCalls();

        h.place(12, "c1", 5_0000);
        h.place(12, "c1", 5_0000);

        assertEquals(List.of(), h.gateway.takeCalls());
        assertEquals(List.of(), h.sink.take());
        h.tracker.onOrderUpdate(update(PLACE_REPLY, "c1", 900, NEW, 5_0000, 0));
        assertEquals(List.of(expNew(11, "c1", 900), expStatus(12, "c1", 900, OrdStatus.NEW, 0)), h.sink.take());
    }

    @Test
    void resendAfterTheAnswerGetsOrderStatusWithItsCommandId()
    {
        final TrackerHarness h = harness();
        h.place(11, "c1", 5_0000);
        h.tracker.onOrderUpdate(update(USER_DATA, "c1", 900, PARTIALLY_FILLED, 5_0000, 2_0000, fill(1, 900, 2_0000)));
        h.sink.take();
        h.gateway.takeCalls();

        h.place(13, "c1", 5_0000);

        assertEquals(List.of(), h.gateway.takeCalls());
        assertEquals(List.of(expStatus(13, "c1", 900, OrdStatus.PARTIALLY_FILLED, 2_0000)), h.sink.take());
    }

    @Test
    void sameIdWithDifferentContentIsRejectedAsDuplicate()
    {
        final TrackerHarness h = harness();
        h.place(11, "c1", 5_0000);
        h.gateway.takeCalls();

        h.place(12, "c1", 6_0000);
        h.tracker.onNewOrder(13, STRATEGY, ETH, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, PRICE, 5_0000, "c1", 0L, h.nowMs);
        h.tracker.onNewOrder(14, STRATEGY, TrackerHarness.BTC, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, PRICE, 5_0000, "c1", 0L, h.nowMs);

        assertEquals(List.of(), h.gateway.takeCalls());
        final List<RecordingSink.Output> out = h.sink.take();
        assertEquals(3, out.size());
        assertEquals(new Reject(12, STRATEGY, 1, "c1", RejectReason.DUPLICATE_ID, 0, "client order id c1 already used for a different order"),
            out.get(0));
        assertEquals(RejectReason.DUPLICATE_ID, ((Reject)out.get(1)).reason());
        assertEquals(new Reject(14, STRATEGY, 2, "c1", RejectReason.DUPLICATE_ID, 0, "client order id c1 already used for a different order"),
            out.get(2));
    }

    // ------------------------------------------------------------ rules 3 and 4: any order of arrival

    @Test
    void newFromReplyThenUserDataIsReportedOnce()
    {
        final TrackerHarness h = harness();
        h.place(11, "c1", 5_0000);

        h.tracker.onOrderUpdate(update(PLACE_REPLY, "c1", 900, NEW, 5_0000, 0));
        h.tracker.onOrderUpdate(update(USER_DATA, "c1", 900, NEW, 5_0000, 0));

        assertEquals(List.of(expNew(11, "c1", 900)), h.sink.take());
        assertEquals(0, h.tracker.unresolvedOrders());
        assertEquals(OrdStatus.NEW, h.journal.findOrder("c1").status());
        assertEquals(900, h.journal.findOrder("c1").venueOrderId());
    }

    @Test
    void newFromUserDataThenReplyIsReportedOnce()
    {
        final TrackerHarness h = harness();
        h.place(11, "c1", 5_0000);

        h.tracker.onOrderUpdate(update(USER_DATA, "c1", 900, NEW, 5_0000, 0));
        h.tracker.onOrderUpdate(update(PLACE_REPLY, "c1", 900, NEW, 5_0000, 0));

        assertEquals(List.of(expNew(11, "c1", 900)), h.sink.take());
    }

    @Test
    void fullReplyFillsAndUserDataDuplicatesAreReportedOnceEach()
    {
        final TrackerHarness h = harness();
        h.place(11, "c1", 5_0000);

        h.tracker.onOrderUpdate(update(PLACE_REPLY, "c1", 900, FILLED, 5_0000, 5_0000, fill(71, 900, 2_0000), fill(72, 900, 3_0000)));
        h.tracker.onOrderUpdate(update(USER_DATA, "c1", 900, NEW, 5_0000, 0));
        h.tracker.onOrderUpdate(update(USER_DATA, "c1", 900, PARTIALLY_FILLED, 5_0000, 2_0000, fill(71, 900, 2_0000)));
        h.tracker.onOrderUpdate(update(USER_DATA, "c1", 900, FILLED, 5_0000, 5_0000, fill(72, 900, 3_0000)));

        assertEquals(List.of(
            expTrade(11, "c1", 900, OrdStatus.PARTIALLY_FILLED, 2_0000, 71, 2_0000),
            expTrade(0, "c1", 900, OrdStatus.FILLED, 5_0000, 72, 3_0000)), h.sink.take());
        assertEquals(0, h.tracker.openOrders());
        final JournaledOrder journaled = h.journal.findOrder("c1");
        assertEquals(OrdStatus.FILLED, journaled.status());
        assertEquals(true, journaled.terminal());
        assertEquals(5_0000, journaled.reportedCumQty());
        assertEquals(TrackerHarness.quote(5_0000), journaled.reportedCumQuoteQty());
        assertEquals(List.of(71L, 72L), toList(journaled.reportedTradeIds()));
    }

    @Test
    void tradeFromUserDataBeforeTheReplyIsTheFirstReportAndNewIsNeverReported()
    {
        final TrackerHarness h = harness();
        h.place(11, "c1", 5_0000);

        h.tracker.onOrderUpdate(update(USER_DATA, "c1", 900, PARTIALLY_FILLED, 5_0000, 2_0000, fill(71, 900, 2_0000)));
        h.tracker.onOrderUpdate(update(USER_DATA, "c1", 900, NEW, 5_0000, 0));
        h.tracker.onOrderUpdate(update(PLACE_REPLY, "c1", 900, PARTIALLY_FILLED, 5_0000, 2_0000, fill(71, 900, 2_0000)));
        h.tracker.onOrderUpdate(update(USER_DATA, "c1", 900, FILLED, 5_0000, 5_0000, fill(72, 900, 3_0000)));

        assertEquals(List.of(
            expTrade(11, "c1", 900, OrdStatus.PARTIALLY_FILLED, 2_0000, 71, 2_0000),
            expTrade(0, "c1", 900, OrdStatus.FILLED, 5_0000, 72, 3_0000)), h.sink.take());
    }

    @Test
    void canceledFromCancelReplyThenUserDataIsReportedOnceAndAnswersTheCancel()
    {
        final TrackerHarness h = harness();
        h.place(11, "c1", 5_0000);
        h.tracker.onOrderUpdate(update(PLACE_REPLY, "c1", 900, NEW, 5_0000, 0));
        h.tracker.onCancel(21, STRATEGY, ETH, "c1", h.nowMs);

        h.tracker.onOrderUpdate(update(CANCEL_REPLY, "c1", 900, CANCELED, 5_0000, 0));
        h.tracker.onOrderUpdate(update(USER_DATA, "c1", 900, CANCELED, 5_0000, 0));

        assertEquals(List.of(expNew(11, "c1", 900), report(21, STRATEGY, "c1", 900, ExecType.CANCELED, OrdStatus.CANCELED, 0)),
            h.sink.take());
        assertEquals(0, h.tracker.openOrders());
        assertEquals(true, h.journal.findOrder("c1").terminal());
    }

    @Test
    void canceledFromUserDataThenCancelReplyIsReportedOnce()
    {
        final TrackerHarness h = harness();
        h.place(11, "c1", 5_0000);
        h.tracker.onOrderUpdate(update(USER_DATA, "c1", 900, NEW, 5_0000, 0));
        h.tracker.onCancel(21, STRATEGY, ETH, "c1", h.nowMs);

        h.tracker.onOrderUpdate(update(USER_DATA, "c1", 900, CANCELED, 5_0000, 0));
        h.tracker.onOrderUpdate(update(CANCEL_REPLY, "c1", 900, CANCELED, 5_0000, 0));
        h.tracker.onOrderUpdate(update(PLACE_REPLY, "c1", 900, NEW, 5_0000, 0));

        assertEquals(List.of(expNew(11, "c1", 900), report(21, STRATEGY, "c1", 900, ExecType.CANCELED, OrdStatus.CANCELED, 0)),
            h.sink.take());
    }

    @Test
    void staleUpdateStillAddsTheVenueOrderId()
    {
        final TrackerHarness h = harness();
        h.place(11, "c1", 5_0000);
        h.tracker.onOrderUpdate(update(USER_DATA, "c1", 0, PARTIALLY_FILLED, 5_0000, 2_0000, fill(71, 0, 2_0000)));

        h.tracker.onOrderUpdate(update(PLACE_REPLY, "c1", 900, NEW, 5_0000, 0));
        h.tracker.onOrderUpdate(update(USER_DATA, "c1", 900, FILLED, 5_0000, 5_0000, fill(72, 900, 3_0000)));

        assertEquals(List.of(
            expTrade(11, "c1", 0, OrdStatus.PARTIALLY_FILLED, 2_0000, 71, 2_0000),
            expTrade(0, "c1", 900, OrdStatus.FILLED, 5_0000, 72, 3_0000)), h.sink.take());
        assertEquals(900, h.journal.findOrder("c1").venueOrderId());
    }

    @Test
    void expiredWithoutFillIsTheFirstReport()
    {
        final TrackerHarness h = harness();
        h.place(11, "c1", 5_0000);

        h.tracker.onOrderUpdate(update(PLACE_REPLY, "c1", 900, EXPIRED, 5_0000, 0));
        h.tracker.onOrderUpdate(update(USER_DATA, "c1", 900, NEW, 5_0000, 0));
        h.tracker.onOrderUpdate(update(USER_DATA, "c1", 900, EXPIRED, 5_0000, 0));

        assertEquals(List.of(report(11, STRATEGY, "c1", 900, ExecType.EXPIRED, OrdStatus.EXPIRED, 0)), h.sink.take());
        assertEquals(0, h.tracker.openOrders());
    }

    @Test
    void selfTradePreventionIsReportedAsTradePreventionAfterTheFills()
    {
        final TrackerHarness h = harness();
        h.place(11, "c1", 5_0000);

        h.tracker.onOrderUpdate(update(PLACE_REPLY, "c1", 900, EXPIRED_IN_MATCH, 5_0000, 1_0000, fill(71, 900, 1_0000)));

        assertEquals(List.of(
            expTrade(11, "c1", 900, OrdStatus.PARTIALLY_FILLED, 1_0000, 71, 1_0000),
            report(0, STRATEGY, "c1", 900, ExecType.TRADE_PREVENTION, OrdStatus.EXPIRED, 1_0000)), h.sink.take());
    }

    @Test
    void partialFillThenCancelReplyBeforeTheLastTradeHoldsTheTerminalUntilTheTradeArrives()
    {
        final TrackerHarness h = harness();
        h.place(11, "c1", 10_0000);
        h.tracker.onOrderUpdate(update(PLACE_REPLY, "c1", 900, NEW, 10_0000, 0));
        h.tracker.onOrderUpdate(update(USER_DATA, "c1", 900, PARTIALLY_FILLED, 10_0000, 2_0000, fill(71, 900, 2_0000)));
        h.tracker.onCancel(21, STRATEGY, ETH, "c1", h.nowMs);
        h.sink.take();

        h.tracker.onOrderUpdate(update(CANCEL_REPLY, "c1", 900, CANCELED, 10_0000, 5_0000));
        assertEquals(List.of(), h.sink.take(), "CANCELED held: 3 of the 5 filled not reported yet");
        assertEquals(1, h.tracker.openOrders());

        h.tracker.onOrderUpdate(update(USER_DATA, "c1", 900, PARTIALLY_FILLED, 10_0000, 5_0000, fill(72, 900, 3_0000)));
        h.tracker.onOrderUpdate(update(USER_DATA, "c1", 900, CANCELED, 10_0000, 5_0000));

        assertEquals(List.of(
            expTrade(21, "c1", 900, OrdStatus.PARTIALLY_FILLED, 5_0000, 72, 3_0000),
            report(0, STRATEGY, "c1", 900, ExecType.CANCELED, OrdStatus.CANCELED, 5_0000)), h.sink.take());
        assertEquals(0, h.tracker.openOrders());
        h.timer(10_000);
        assertEquals(List.of(), h.gateway.takeCalls().stream().filter(c -> c instanceof FetchTrades).toList());
    }

    @Test
    void heldTerminalFetchesTheMissingTradesAfterTheFillGapTimeout()
    {
        final TrackerHarness h = harness();
        h.place(11, "c1", 10_0000);
        h.tracker.onOrderUpdate(update(PLACE_REPLY, "c1", 900, NEW, 10_0000, 0));
        h.tracker.onOrderUpdate(update(USER_DATA, "c1", 900, PARTIALLY_FILLED, 10_0000, 2_0000, fill(71, 900, 2_0000)));
        h.tracker.onCancel(21, STRATEGY, ETH, "c1", h.nowMs);
        h.tracker.onOrderUpdate(update(CANCEL_REPLY, "c1", 900, CANCELED, 10_0000, 5_0000));
        h.sink.take();
        h.gateway.takeCalls();

        h.timer(TrackerHarness.TIMINGS.fillGapTimeoutMs() - 1);
        assertEquals(List.of(), h.gateway.takeCalls(), "not before the fill-gap timeout");
        assertEquals(1, h.timer(1));
        assertEquals(List.<Call>of(new FetchTrades("ETHUSDT", 900)), h.gateway.takeCalls());

        h.tracker.onTrades(ETH, 900, List.of(fill(73, 900, 1_0000), fill(71, 900, 2_0000), fill(72, 900, 2_0000)));

        assertEquals(List.of(
            expTrade(21, "c1", 900, OrdStatus.PARTIALLY_FILLED, 4_0000, 72, 2_0000),
            expTrade(0, "c1", 900, OrdStatus.PARTIALLY_FILLED, 5_0000, 73, 1_0000),
            report(0, STRATEGY, "c1", 900, ExecType.CANCELED, OrdStatus.CANCELED, 5_0000)), h.sink.take());
        assertEquals(0, h.tracker.openOrders());
        h.tracker.onOrderUpdate(update(USER_DATA, "c1", 900, PARTIALLY_FILLED, 10_0000, 4_0000, fill(72, 900, 2_0000)));
        assertEquals(List.of(), h.sink.take(), "the late event of a fetched trade is not reported again");
    }

    @Test
    void fetchedTradeListStillShortIsFetchedAgainLater()
    {
        final TrackerHarness h = harness();
        h.place(11, "c1", 10_0000);
        h.gateway.takeCalls();
        h.tracker.onOrderUpdate(update(PLACE_REPLY, "c1", 900, FILLED, 10_0000, 10_0000));
        assertEquals(List.of(), h.sink.take(), "a reply with a cum but no trades: not NEW, the first report is a fill");
        h.timer(TrackerHarness.TIMINGS.fillGapTimeoutMs());
        assertEquals(List.<Call>of(new FetchTrades("ETHUSDT", 900)), h.gateway.takeCalls());

        h.tracker.onTrades(ETH, 900, List.of(fill(71, 900, 4_0000)));
        assertEquals(List.of(expTrade(11, "c1", 900, OrdStatus.PARTIALLY_FILLED, 4_0000, 71, 4_0000)), h.sink.take());
        h.timer(TrackerHarness.TIMINGS.fillGapTimeoutMs());
        assertEquals(List.<Call>of(new FetchTrades("ETHUSDT", 900)), h.gateway.takeCalls());

        h.tracker.onTrades(ETH, 900, List.of(fill(71, 900, 4_0000), fill(72, 900, 6_0000)));
        assertEquals(List.of(expTrade(0, "c1", 900, OrdStatus.FILLED, 10_0000, 72, 6_0000)), h.sink.take());
        assertEquals(0, h.tracker.openOrders());
    }

    // ------------------------------------------------------------ rule 5

    @Test
    void postOnlyRejectIsTerminalAndJournaled()
    {
        final TrackerHarness h = harness();
        h.tracker.onNewOrder(11, STRATEGY, ETH, Side.BUY, OrderType.LIMIT_MAKER, TimeInForce.GTC, PRICE, 5_0000, "c1", 0L, h.nowMs);

        h.tracker.onPlaceRejected(ETH, "c1", new VenueError(-2010, "Order would immediately match and take.", RejectReason.POST_ONLY_WOULD_CROSS));

        assertEquals(List.of(expRejected(11, "c1", 0, -2010, RejectReason.POST_ONLY_WOULD_CROSS)), h.sink.take());
        assertEquals(0, h.tracker.openOrders());
        assertEquals(0, h.tracker.unresolvedOrders());
        assertEquals(OrdStatus.REJECTED, h.journal.findOrder("c1").status());
        assertEquals(true, h.journal.findOrder("c1").terminal());
        h.timer(60_000);
        assertEquals(1, h.gateway.takeCalls().size(), "only the place: a rejected order is never looked up or resent");
    }

    @Test
    void gatewayRefusalWithCodeZeroIsRejectedTheSameWay()
    {
        final TrackerHarness h = harness();
        // The gateway may refuse inside place() itself.
        h.gateway.onPlace = order -> h.tracker.onPlaceRejected(ETH, order.clientOrderId(),
            new VenueError(0, "order rate limit", RejectReason.THROTTLED));

        h.place(11, "c1", 5_0000);

        assertEquals(List.of(expRejected(11, "c1", 0, 0, RejectReason.THROTTLED)), h.sink.take());
        assertEquals(0, h.tracker.openOrders());
        h.place(12, "c1", 5_0000);
        assertEquals(List.of(expStatus(12, "c1", 0, OrdStatus.REJECTED, 0)), h.sink.take());
    }

    // ------------------------------------------------------------ bad input

    @Test
    void malformedFillsAreDroppedAndTheOrderCarriesOn()
    {
        final TrackerHarness h = harness();
        h.place(11, "c1", 5_0000);
        h.tracker.onOrderUpdate(update(PLACE_REPLY, "c1", 900, NEW, 5_0000, 0));
        h.sink.take();

        h.tracker.onOrderUpdate(update(USER_DATA, "c1", 900, PARTIALLY_FILLED, 5_0000, 0, fill(70, 900, 0)));
        h.tracker.onOrderUpdate(update(USER_DATA, "c1", 900, PARTIALLY_FILLED, 5_0000, 1_0000, fill(71, 555, 1_0000)));
        h.tracker.onOrderUpdate(new io.mmfleet.exechandler.venue.VenueOrderUpdate(USER_DATA, "ETHUSDT", null, 900, NEW, Side.BUY,
            OrderType.LIMIT, TimeInForce.GTC, PRICE, 5_0000, 0, 0, List.of(), 0));
        assertEquals(List.of(), h.sink.take());

        h.tracker.onOrderUpdate(update(USER_DATA, "c1", 900, FILLED, 5_0000, 5_0000, fill(72, 900, 5_0000)));
        assertEquals(List.of(expTrade(0, "c1", 900, OrdStatus.FILLED, 5_0000, 72, 5_0000)), h.sink.take());
    }

    @Test
    void newOrderWithoutClientOrderIdIsRejected()
    {
        final TrackerHarness h = harness();

        h.place(11, "", 5_0000);

        assertEquals(List.of(new Reject(11, STRATEGY, 1, "", RejectReason.INTERNAL, 0, "malformed command: no client order id")), h.sink.take());
        assertEquals(List.of(), h.gateway.takeCalls());
    }

    @Test
    void journalFailureBeforeTheSendRefusesTheOrderWithoutSendingIt() throws Exception
    {
        final TrackerHarness h = harness();
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + h.journalFile))
        {
            other.createStatement().execute("CREATE TRIGGER disk_full BEFORE INSERT ON orders BEGIN SELECT RAISE(ABORT, 'disk full'); END");
        }

        h.place(11, "c1", 5_0000);

        assertEquals(List.of(), h.gateway.takeCalls());
        assertOneInternalReject(h, 11, "disk full");
        assertEquals(0, h.tracker.openOrders());
    }

    @Test
    void journalUnreadableRefusesTheOrderWithoutSendingIt()
    {
        final TrackerHarness h = harness();
        h.journal.close();

        h.place(11, "c1", 5_0000);

        assertEquals(List.of(), h.gateway.takeCalls());
        assertOneInternalReject(h, 11, "cannot find order c1");
        h.journal = ExecJournal.open(h.journalFile);
    }

    private static void assertOneInternalReject(final TrackerHarness h, final long commandId, final String cause)
    {
        final List<RecordingSink.Output> out = h.sink.take();
        assertEquals(1, out.size());
        final Reject reject = (Reject)out.get(0);
        assertEquals(RejectReason.INTERNAL, reject.reason());
        assertEquals(commandId, reject.commandId());
        assertTrue(reject.text().startsWith("journal failed: ") && reject.text().contains(cause), reject.text());
    }

    @Test
    void aGatewayAnsweringInsideTheTimerIsSafe()
    {
        final TrackerHarness h = harness();
        h.place(11, "c1", 5_0000);
        h.place(12, "c2", 5_0000);
        h.gateway.takeCalls();
        h.gateway.onLookup = lookup -> h.tracker.onLookupNotFound(ETH, lookup.clientOrderId(), h.gateway.venueTimeMs + 60_000);

        assertEquals(2, h.timer(TrackerHarness.TIMINGS.replyTimeoutMs()));

        assertEquals(List.of(expRejected(11, "c1", 0, -2013, RejectReason.UNKNOWN_ORDER), expRejected(12, "c2", 0, -2013, RejectReason.UNKNOWN_ORDER)),
            h.sink.take());
        assertEquals(0, h.tracker.openOrders());
    }

    private static List<Long> toList(final long[] values)
    {
        final List<Long> list = new ArrayList<>();
        for (final long value : values)
        {
            list.add(value);
        }
        return list;
    }
}
