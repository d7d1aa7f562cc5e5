package io.mmfleet.oms;

import io.mmfleet.bus.runtime.KillPoints;
import io.mmfleet.bus.testing.Await;
import io.mmfleet.sbe.Side;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Restarts around the OMS as real processes (the rig's exec-handler on venue-sim, the test playing
 * market-maker): a strategy's new run ends the orders of its earlier run, and the OMS halted at its
 * named kill points, restarted, leaves exactly the live strategy run's orders on the venue. Every
 * verdict is venue-sim's own list of the mm account's open orders; a failure names the kill point.
 */
class OmsRestartProcessTest
{
    private static final long ONE = 1_0000;

    @Test
    void aStrategysNewRunCancelsTheOrdersOfItsEarlierRunAtOnce(@TempDir final Path dir) throws Exception
    {
        try (OmsRig rig = new OmsRig(dir))
        {
            rig.startFleet();
            rig.strategyHeartbeats(true);
            final long bid = rig.place(Side.BUY, 2990_00, ONE);
            final long ask = rig.place(Side.SELL, 3010_00, ONE);
            rig.awaitState(s -> s.requestId() == bid && "NEW".equals(s.status()) && s.venueOrderId() != 0, "bid NEW");
            rig.awaitState(s -> s.requestId() == ask && "NEW".equals(s.status()) && s.venueOrderId() != 0, "ask NEW");
            assertEquals(2, rig.venueOpenOrders().size());

            // market-maker restarted within DEAD_MAN_TIMEOUT: heartbeats never stop, only the run id changes.
            rig.restartStrategy();
            final int statesBefore = rig.states.size();
            final long fresh = rig.place(Side.BUY, 2980_00, ONE);
            assertEquals(1, fresh, "the new run counts its request ids from 1 again");
            final OmsRig.State freshNew = rig.awaitState(statesBefore,
                s -> s.requestId() == fresh && "NEW".equals(s.status()) && s.venueOrderId() != 0, "the new run's order NEW");

            awaitVenueOpenOrders(rig, Set.of(freshNew.clientOrderId()), "strategy restart");
            Await.until(() -> metric(rig, "oms_ended_run_orders_cancelled_total 2.0"), OmsRig.TIMEOUT,
                () -> "the ended run's two orders not counted\n" + rig.oms.transcript());
            assertTrue(rig.oms.stdout().stream().anyMatch(l -> l.contains("event=strategy_run_ended strategy=7") &&
                l.contains("orders_cancelled=2")), rig.oms.transcript());
            assertTrue(rig.riskEvents.stream().noneMatch(r -> "DEAD_MAN_SWITCH".equals(r.eventType())),
                "the dead man switch did not fire (heartbeats went on): " + rig.riskEvents);
        }
    }

    /**
     * The OMS halts at the kill point on the strategy's first order; restarted, the strategy (same
     * run) resends its unanswered request: exactly one order results. Then the strategy restarts
     * too: the order the restarted OMS recovered (journaled with the old run) is cancelled.
     */
    @ParameterizedTest(name = "killAt={0}")
    @ValueSource(strings = {KillPoints.AFTER_JOURNAL_BEFORE_COMMAND, KillPoints.AFTER_COMMAND_SENT})
    void killedAtAPointAroundTheJournalAndTheCommandThenRestartedLeavesOnlyTheLiveRunsOrders(final String killPoint,
        @TempDir final Path dir) throws Exception
    {
        try (OmsRig rig = new OmsRig(dir))
        {
            rig.startFleet();
            rig.oms.close();
            rig.startOms(List.of("-Dmmfleet.killAt=" + killPoint));
            rig.strategyHeartbeats(true);
            final long request = rig.placeUntilOmsExits(Side.BUY, 2990_00, ONE);
            assertEquals(137, rig.oms.awaitExit(OmsRig.TIMEOUT), "killAt=" + killPoint + "\n" + rig.oms.transcript());
            assertTrue(rig.oms.stdout().stream().anyMatch(l -> l.contains("event=kill_point point=" + killPoint)),
                "killAt=" + killPoint + "\n" + rig.oms.transcript());

            final int statesBefore = rig.states.size();
            rig.startOms();
            rig.resend(request, Side.BUY, 2990_00, ONE);
            final OmsRig.State held = rig.awaitState(statesBefore,
                s -> s.requestId() == request && "NEW".equals(s.status()) && s.venueOrderId() != 0,
                "killAt=" + killPoint + ": the resent request's order NEW");
            awaitVenueOpenOrders(rig, Set.of(held.clientOrderId()), killPoint);
            assertEquals(List.of(held.clientOrderId()), rig.commands.stream().filter(c -> "NEW".equals(c.type()))
                .map(OmsRig.Command::clientOrderId).distinct().toList(), "killAt=" + killPoint + ": the request was commanded once");

            rig.restartStrategy();
            final int statesOfNewRun = rig.states.size();
            final long fresh = rig.place(Side.SELL, 3010_00, ONE);
            final OmsRig.State freshNew = rig.awaitState(statesOfNewRun,
                s -> s.requestId() == fresh && "NEW".equals(s.status()) && s.venueOrderId() != 0,
                "killAt=" + killPoint + ": the new strategy run's order NEW");
            awaitVenueOpenOrders(rig, Set.of(freshNew.clientOrderId()), killPoint + " then strategy restart");
        }
    }

    private static void awaitVenueOpenOrders(final OmsRig rig, final Set<String> expected, final String point)
    {
        final Set<String>[] open = new Set[] {Set.of()};
        Await.until(() ->
        {
            rig.poll();
            open[0] = openClientOrderIds(rig);
            return open[0].equals(expected);
        }, OmsRig.TIMEOUT, () -> "after " + point + ": venue-sim's open orders of mm " + open[0] + ", the live strategy run holds " +
            expected + "\n" + rig.oms.transcript());
    }

    private static Set<String> openClientOrderIds(final OmsRig rig)
    {
        final Set<String> ids = new TreeSet<>();
        try
        {
            rig.venueOpenOrders().forEach(order -> ids.add(order.get("clientOrderId").asText()));
        }
        catch (final Exception ex)
        {
            throw new AssertionError("venue-sim openOrders failed", ex);
        }
        return ids;
    }

    private static boolean metric(final OmsRig rig, final String line)
    {
        rig.poll();
        try
        {
            return rig.omsMetrics().lines().anyMatch(line::equals);
        }
        catch (final java.io.IOException ex)
        {
            return false;
        }
    }
}
