package io.mmfleet.exechandler.order;

import io.mmfleet.exechandler.order.ScriptedGateway.Call;
import io.mmfleet.exechandler.order.ScriptedGateway.Lookup;
import io.mmfleet.exechandler.venue.RequestKind;
import io.mmfleet.exechandler.venue.VenueError;
import io.mmfleet.sbe.RejectReason;
import io.mmfleet.sbe.OrdStatus;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.mmfleet.exechandler.order.TrackerHarness.ETH;
import static io.mmfleet.exechandler.order.TrackerHarness.STRATEGY;
import static io.mmfleet.exechandler.order.TrackerHarness.expNew;
import static io.mmfleet.exechandler.order.TrackerHarness.expStatus;
import static io.mmfleet.exechandler.order.TrackerHarness.update;
import static io.mmfleet.exechandler.venue.UpdateOrigin.LOOKUP;
import static io.mmfleet.exechandler.venue.UpdateOrigin.PLACE_REPLY;
import static io.mmfleet.exechandler.venue.VenueOrderStatus.NEW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Second review: a lookup that went out before the session was lost answers "as of" a moment
 * before the new user data subscription, so it cannot stand for the lookup onSessionReady owes:
 * a fill made while disconnected (after that lookup was served, before the new subscription) is
 * on no stream and would never be reported.
 */
class OrderTrackerSecondReviewTest extends TrackerTestBase
{
    @Test
    void aLookupSentBeforeTheSessionWasLostDoesNotStandForTheLookupAfterReconnect()
    {
        harness();
        h.place(11, "c1", 5_0000);
        h.tracker.onOrderUpdate(update(PLACE_REPLY, "c1", 900, NEW, 5_0000, 0));
        h.tracker.onStatusQuery(41, STRATEGY, ETH, "c1", h.nowMs);
        h.sink.take();
        assertTrue(h.gateway.takeCalls().contains(new Lookup("ETHUSDT", "c1")));

        // The lookup (REST) is still in flight when the WebSocket session drops and comes back.
        h.gateway.ready = false;
        h.tracker.onSessionLost("disconnected");
        h.timer(1_000);
        h.gateway.ready = true;
        h.tracker.onSessionReady();
        final List<Call> afterReady = new ArrayList<>(h.gateway.takeCalls());

        // Its answer was made by the venue before the drop: NEW, nothing filled then. The order
        // filled while the session was down; that fill is on no user data stream.
        h.tracker.onOrderUpdate(update(LOOKUP, "c1", 900, NEW, 5_0000, 0));
        assertEquals(List.of(expStatus(41, "c1", 900, OrdStatus.NEW, 0)), h.sink.take());
        h.timer(60_000);
        afterReady.addAll(h.gateway.takeCalls());

        assertTrue(afterReady.contains(new Lookup("ETHUSDT", "c1")),
            "the order must be asked about after the new session is up; calls were " + afterReady);
    }

    @Test
    void aPlaceWhoseOutcomeIsUnknownAtTheDropIsLookedUpAgainAfterReconnect()
    {
        harness();
        h.place(11, "c1", 5_0000);
        h.sink.take();
        h.gateway.takeCalls();

        // WsApiSession.dropConnection (and expireCalls) give unknown outcomes BEFORE the gateway
        // stops being ready (BinanceGateway.onSessionDropped runs after failAll): the lookup goes
        // out at once, over REST, before the session is lost.
        h.tracker.onOutcomeUnknown(RequestKind.PLACE, ETH, "c1", 0, "connection lost");
        assertEquals(List.<Call>of(new Lookup("ETHUSDT", "c1")), h.gateway.takeCalls());
        h.gateway.ready = false;
        h.tracker.onSessionLost("connection lost");
        h.timer(1_000);
        h.gateway.ready = true;
        h.tracker.onSessionReady();
        final List<Call> afterReady = new ArrayList<>(h.gateway.takeCalls());

        // The venue served that lookup before the new subscription: the order was resting then.
        h.tracker.onOrderUpdate(update(LOOKUP, "c1", 900, NEW, 5_0000, 0));
        assertEquals(List.of(expNew(11, "c1", 900)), h.sink.take());
        h.timer(60_000);
        afterReady.addAll(h.gateway.takeCalls());

        assertTrue(afterReady.contains(new Lookup("ETHUSDT", "c1")),
            "a fill between that lookup and the new subscription is otherwise never learned; calls were " + afterReady);
    }

    /**
     * A cancel refused -2011 is answered by "the lookup": OrderTracker.onCancelRejected reuses a
     * lookup already in flight, which may have been served before the fill that made the venue
     * refuse the cancel. The cancel is then answered ORDER_STATUS NEW (open, unfilled) for an
     * order that is filled, and no lookup after the refusal is ever made.
     */
    @Test
    void aCancelRefusedAsUnknownIsNotAnsweredByALookupSentBeforeTheRefusal()
    {
        harness();
        h.place(11, "c1", 5_0000);
        h.tracker.onOrderUpdate(update(PLACE_REPLY, "c1", 900, NEW, 5_0000, 0));
        h.tracker.onStatusQuery(41, STRATEGY, ETH, "c1", h.nowMs);
        h.tracker.onCancel(21, STRATEGY, ETH, "c1", h.nowMs);
        h.sink.take();
        h.gateway.takeCalls();

        // The order fills at the venue; the cancel arrives after and is refused. The WebSocket
        // answer overtakes the REST lookup, which the venue served before the fill.
        h.tracker.onCancelRejected(ETH, "c1", new VenueError(-2011, "Unknown order sent.", RejectReason.UNKNOWN_ORDER));
        final List<Call> afterRefusal = new ArrayList<>(h.gateway.takeCalls());
        h.tracker.onOrderUpdate(update(LOOKUP, "c1", 900, NEW, 5_0000, 0));
        afterRefusal.addAll(h.gateway.takeCalls());

        assertTrue(afterRefusal.contains(new Lookup("ETHUSDT", "c1")),
            "the refused cancel must wait for a lookup made after the refusal; it got " + h.sink.take() + ", calls " + afterRefusal);
    }
}
