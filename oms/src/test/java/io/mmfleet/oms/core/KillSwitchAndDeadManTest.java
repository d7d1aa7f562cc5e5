package io.mmfleet.oms.core;

import io.mmfleet.sbe.ExecType;
import io.mmfleet.sbe.KillScope;
import io.mmfleet.sbe.OrdStatus;
import io.mmfleet.sbe.RejectReason;
import io.mmfleet.sbe.Side;
import org.agrona.collections.IntArrayList;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.mmfleet.oms.core.OmsFixture.ETH;
import static io.mmfleet.oms.core.OmsFixture.SECOND;
import static io.mmfleet.oms.core.OmsFixture.STRATEGY;
import static io.mmfleet.oms.core.OmsFixture.T0;
import static io.mmfleet.oms.core.OmsFixture.VENUE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KillSwitchAndDeadManTest
{
    private static final long RETRY = 250_000_000L;

    private final OmsFixture f = new OmsFixture();

    @Test
    void anEngagedKillSwitchRefusesNewOrdersAndCancelsAllPerPairUntilAnswered()
    {
        f.oms.onInstrumentDefinition(2, ETH);
        f.oms.onInstrumentDefinition(VENUE, 2);
        f.killSwitch.engage(KillScope.ALL, 0, 0, "operator");
        assertEquals(3, f.oms.onKillSwitch(KillScope.ALL, 0, 0, T0));
        assertEquals(List.of("cancelAll 1 1/1", "cancelAll 2 2/1", "cancelAll 3 1/2"), f.output.events);
        assertEquals(0, f.oms.onKillSwitch(KillScope.ALL, 0, 0, T0), "already pending: nothing more");

        f.oms.onNewOrder(f.limit(1, Side.BUY, 2000_00, 1_0000), T0);
        assertEquals(RejectReason.KILL_SWITCH, f.output.lastReject);

        f.output.clear();
        f.oms.onTimer(T0 + RETRY - 1);
        assertTrue(f.output.events.isEmpty());
        f.oms.onCancelAllDone(2);
        f.oms.onCommandReject(3, RejectReason.NOT_CONNECTED);
        f.oms.onTimer(T0 + RETRY);
        assertEquals(List.of("cancelAll 1 1/1", "cancelAll 4 1/2"), f.output.events,
            "unanswered: same id again; refused: a new id; answered: done");
        assertTrue(f.cancelAlls.isPending(VENUE, ETH));
        assertFalse(f.cancelAlls.isPending(2, ETH));
        f.oms.onCancelAllDone(1);
        f.oms.onCancelAllDone(4);
        assertEquals(0, f.cancelAlls.pendingCount());
        f.output.clear();
        f.oms.onTimer(T0 + 10 * RETRY);
        assertTrue(f.output.events.isEmpty());
    }

    @Test
    void aVenueKillCancelsAllOnThatVenueOnly()
    {
        f.oms.onInstrumentDefinition(2, ETH);
        f.killSwitch.engage(KillScope.VENUE, 2, 0, "venue 2");
        assertEquals(1, f.oms.onKillSwitch(KillScope.VENUE, 2, 0, T0));
        assertEquals(List.of("cancelAll 1 2/1"), f.output.events);
    }

    @Test
    void aStrategyKillCancelsThatStrategysOrdersOneByOne()
    {
        final ManagedOrder mine = f.place(1, Side.BUY, 2000_00, 1_0000);
        f.request.set(STRATEGY + 1, 1, VENUE, ETH, Side.SELL, io.mmfleet.sbe.OrderType.LIMIT, io.mmfleet.sbe.TimeInForce.GTC, 2001_00, -2, 1_0000, -4);
        f.oms.onNewOrder(f.request, T0);
        final ManagedOrder other = f.oms.order(STRATEGY + 1, 1);
        f.output.clear();
        f.killSwitch.engage(KillScope.STRATEGY, 0, STRATEGY, "strategy");
        assertEquals(1, f.oms.onKillSwitch(KillScope.STRATEGY, 0, STRATEGY, T0));
        assertEquals("cancel " + mine.clientOrderId(), f.output.events.get(0));
        assertTrue(f.output.cancelAllCommands.isEmpty());
        assertEquals(OrdStatus.PENDING_CANCEL, mine.status());
        assertEquals(OrdStatus.PENDING_NEW, other.status());
    }

    @Test
    void anOrderAckedAfterTheCancelAllIsCancelledWhileTheKillSwitchHolds()
    {
        final ManagedOrder order = f.place(1, Side.BUY, 2000_00, 1_0000);
        f.killSwitch.engage(KillScope.ALL, 0, 0, "operator");
        f.oms.onKillSwitch(KillScope.ALL, 0, 0, T0);
        f.oms.onCancelAllDone(f.output.cancelAllCommands.get(0));
        f.output.clear();
        f.report(order, ExecType.NEW, OrdStatus.NEW, 0, 0);
        assertEquals(List.of("state 1 NEW cum=0 leaves=10000", "cancel " + order.clientOrderId(), "state 1 PENDING_CANCEL cum=0 leaves=10000"),
            f.output.events);
        f.killSwitch.clear(KillScope.ALL, 0, 0, "cleared");
        f.place(2, Side.BUY, 2000_00, 1_0000);
    }

    @Test
    void aSilentStrategysOrdersAreCancelledOnceAndAHeartbeatRearmsIt()
    {
        f.oms.onHeartbeat(STRATEGY, T0);
        f.oms.onHeartbeat(STRATEGY + 1, T0 + 2 * SECOND);
        final ManagedOrder mine = f.place(1, Side.BUY, 2000_00, 1_0000);
        f.report(mine, ExecType.NEW, OrdStatus.NEW, 0, 0);
        f.output.clear();
        f.oms.onTimer(T0 + 3 * SECOND);
        assertTrue(f.output.events.isEmpty(), "silent exactly the timeout is not yet silent");
        f.oms.onTimer(T0 + 3 * SECOND + 1);
        assertEquals(List.of("cancel " + mine.clientOrderId(), "state 1 PENDING_CANCEL cum=0 leaves=10000", "deadMan 7 1"), f.output.events);
        f.output.clear();
        f.oms.onTimer(T0 + 4 * SECOND);
        assertTrue(f.output.events.isEmpty(), "fires once per silence");
        f.oms.onNewOrder(f.limit(2, Side.BUY, 2000_00, 1_0000), T0);
        assertEquals(RejectReason.KILL_SWITCH, f.output.lastReject, "a silent strategy is halted");
        f.oms.onHeartbeat(STRATEGY, T0 + 4 * SECOND);
        f.place(3, Side.BUY, 2000_00, 1_0000);
        f.output.clear();
        f.oms.onTimer(T0 + 7 * SECOND + 1);
        assertEquals(List.of("cancel " + f.oms.order(STRATEGY, 3).clientOrderId(), "state 3 PENDING_CANCEL cum=0 leaves=10000", "deadMan 7 1",
            "deadMan 8 0"), f.output.events, "re-armed by the heartbeat, and the other went silent too");
    }

    @Test
    void theDeadManSwitchReportsWhoWentSilent()
    {
        final DeadManSwitch deadMan = new DeadManSwitch(SECOND);
        final IntArrayList silent = new IntArrayList();
        assertEquals(0, deadMan.poll(T0, silent), "nobody supervised before a first heartbeat");
        deadMan.onHeartbeat(3, T0);
        deadMan.onHeartbeat(3, T0 - SECOND);
        assertEquals(0, deadMan.poll(T0 + SECOND, silent), "a late, older heartbeat does not move the time back");
        assertEquals(1, deadMan.poll(T0 + SECOND + 1, silent));
        assertEquals(3, silent.getInt(0));
        assertTrue(deadMan.isSilent(3));
    }
}
