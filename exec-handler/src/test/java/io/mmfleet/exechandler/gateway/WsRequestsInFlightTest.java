package io.mmfleet.exechandler.gateway;

import io.mmfleet.exechandler.venue.GatewayListener;
import io.mmfleet.exechandler.venue.RequestKind;
import io.mmfleet.exechandler.venue.VenueError;
import io.mmfleet.exechandler.venue.VenueFill;
import io.mmfleet.exechandler.venue.VenueOrderUpdate;
import io.mmfleet.exechandler.venue.VenueSymbol;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WsRequestsInFlightTest
{
    private final List<String> unknown = new ArrayList<>();
    private final WsRequestsInFlight inFlight = new WsRequestsInFlight();

    WsRequestsInFlightTest()
    {
        inFlight.listener(new UnknownOutcomes(unknown));
    }

    @Test
    void anAnswerTakesItsRequestOutOfFlightOnce()
    {
        final WsCall call = new WsCall(RequestKind.PLACE, null, "c1", 100);
        inFlight.add("place-1", call);
        assertSame(call, inFlight.remove("place-1"));
        assertNull(inFlight.remove("place-1"), "a second answer with the same id matches nothing");
        assertEquals(0, inFlight.size());
    }

    @Test
    void requestsPastTheirDeadlineAreCountedWithoutReportingAnything()
    {
        inFlight.add("place-1", new WsCall(RequestKind.PLACE, null, "c1", 100));
        inFlight.add("cancel-2", new WsCall(RequestKind.CANCEL, null, "c2", 200));
        inFlight.add("subscribe-3", new WsCall(null, null, null, 100));
        assertEquals(0, inFlight.expired(99));
        assertEquals(2, inFlight.expired(100));
        assertEquals(List.of(), unknown, "the session drops first; failAll reports them after");
        assertEquals(3, inFlight.size());
    }

    @Test
    void aLostConnectionFailsEveryRequestInFlight()
    {
        inFlight.add("place-1", new WsCall(RequestKind.PLACE, null, "c1", 100));
        inFlight.add("cancelall-2", new WsCall(RequestKind.CANCEL_ALL, null, null, 100));
        inFlight.failAll("closed by venue: 1006");
        assertEquals(0, inFlight.size());
        assertEquals(2, unknown.size());
        assertTrue(unknown.contains("PLACE c1 connection lost: closed by venue: 1006"));
        assertTrue(unknown.contains("CANCEL_ALL null connection lost: closed by venue: 1006"));
    }

    /** Records unknown outcomes; nothing else may reach it. */
    private record UnknownOutcomes(List<String> unknown) implements GatewayListener
    {
        @Override
        public void onOutcomeUnknown(final RequestKind kind, final VenueSymbol symbol, final String clientOrderId, final long venueOrderId, final String why)
        {
            unknown.add(kind + " " + clientOrderId + " " + why);
        }

        @Override
        public void onSessionReady()
        {
            throw new AssertionError("unexpected");
        }

        @Override
        public void onSessionLost(final String why)
        {
            throw new AssertionError("unexpected");
        }

        @Override
        public void onOrderUpdate(final VenueOrderUpdate update)
        {
            throw new AssertionError("unexpected");
        }

        @Override
        public void onPlaceRejected(final VenueSymbol symbol, final String clientOrderId, final VenueError error)
        {
            throw new AssertionError("unexpected");
        }

        @Override
        public void onCancelRejected(final VenueSymbol symbol, final String origClientOrderId, final VenueError error)
        {
            throw new AssertionError("unexpected");
        }

        @Override
        public void onCancelAllDone(final VenueSymbol symbol, final VenueError errorOrNull)
        {
            throw new AssertionError("unexpected");
        }

        @Override
        public void onLookupNotFound(final VenueSymbol symbol, final String clientOrderId, final long venueTimeMs)
        {
            throw new AssertionError("unexpected");
        }

        @Override
        public void onTrades(final VenueSymbol symbol, final long venueOrderId, final List<VenueFill> trades)
        {
            throw new AssertionError("unexpected");
        }
    }
}
