package io.mmfleet.oms;

import com.fasterxml.jackson.databind.JsonNode;
import io.mmfleet.bus.testing.Await;
import io.mmfleet.sbe.Side;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The OMS as a real process between the test (playing market-maker, quote-server and
 * position-server) and a real exec-handler on venue-sim: the order path, a risk refusal, the kill
 * switch, and recovery of an open order after kill -9.
 */
class OmsProcessTest
{
    private static final long ONE = 1_0000;

    @Test
    void aRequestIsAcknowledgedThenFilledByATaker(@TempDir final Path dir) throws Exception
    {
        try (OmsRig rig = new OmsRig(dir))
        {
            rig.startFleet();
            final long request = rig.place(Side.BUY, 3000_00, ONE);
            final OmsRig.State acked = rig.awaitState(s -> s.requestId() == request && "NEW".equals(s.status()) && s.venueOrderId() != 0,
                "NEW with the venue's order id");
            assertEquals(ONE, acked.leavesQty());

            final JsonNode taker = rig.takerOrder("SELL", "3000.00", "1.0000");
            assertEquals("FILLED", taker.get("status").asText(), taker.toString());
            final OmsRig.State filled = rig.awaitState(s -> s.requestId() == request && "FILLED".equals(s.status()), "FILLED");
            assertEquals(ONE, filled.cumQty());
            assertEquals(0, filled.leavesQty());
            assertEquals(acked.clientOrderId(), filled.clientOrderId());
            assertEquals(0, rig.venueOpenOrders().size());
        }
    }

    /**
     * A still market: quote-server publishes the book only when asked. The OMS asks for it at start,
     * and quote-server's heartbeat keeps it fresh past MARKET_DATA_STALE_AFTER; without the heartbeat
     * it goes stale.
     */
    @Test
    void theBookOfAStillMarketIsAskedForAtStartAndKeptFreshByQuoteServersHeartbeat(@TempDir final Path dir) throws Exception
    {
        final Duration staleAfter = Duration.ofMillis(1500);
        try (OmsRig rig = new OmsRig(dir, Map.of("MARKET_DATA_STALE_AFTER", staleAfter.toMillis() + "ms")))
        {
            rig.booksOnSchedule(false);
            rig.quoteServerHeartbeats(true);
            rig.startFleet();
            assertTrue(rig.snapshotRequests.contains(new OmsRig.SnapshotAsked(OmsRig.QUOTE_SERVER_SOURCE, OmsRig.BOOK_TOPIC)),
                "no book SnapshotRequest to quote-server: " + rig.snapshotRequests);

            final long bookAnsweredNs = System.nanoTime();
            Await.until(() ->
            {
                rig.poll();
                return System.nanoTime() - bookAnsweredNs > 2 * staleAfter.toNanos();
            }, OmsRig.TIMEOUT, () -> "the clock stopped");
            assertEquals("MAX_ORDER_QTY", rig.probe(), "a book older than MARKET_DATA_STALE_AFTER, quote-server alive: not stale");

            rig.quoteServerHeartbeats(false);
            rig.awaitProbeRefusedFor("STALE_MARKET_DATA");
        }
    }

    /**
     * A book that lost a side has no mid to collar against: quote-server's heartbeat must not keep the
     * last two-sided book's mid fresh behind it.
     */
    @Test
    void aBookThatLostASideIsNotKeptFreshByQuoteServersHeartbeat(@TempDir final Path dir) throws Exception
    {
        final Duration staleAfter = Duration.ofMillis(1500);
        try (OmsRig rig = new OmsRig(dir, Map.of("MARKET_DATA_STALE_AFTER", staleAfter.toMillis() + "ms")))
        {
            rig.booksOnSchedule(false);
            rig.quoteServerHeartbeats(true);
            rig.startFleet();
            rig.awaitProbeRefusedFor("MAX_ORDER_QTY");

            rig.publishBookWithoutAsks();
            final long oneSidedNs = System.nanoTime();
            Await.until(() ->
            {
                rig.poll();
                return System.nanoTime() - oneSidedNs > 2 * staleAfter.toNanos();
            }, OmsRig.TIMEOUT, () -> "the clock stopped");
            assertEquals("STALE_MARKET_DATA", rig.probe(),
                "bids only for twice MARKET_DATA_STALE_AFTER, quote-server alive: the old two-sided mid must not collar orders");
        }
    }

    @Test
    void aRequestPastARiskLimitIsRejectedWithItsReasonAndNeverReachesTheVenue(@TempDir final Path dir) throws Exception
    {
        try (OmsRig rig = new OmsRig(dir))
        {
            rig.startFleet();
            final long tooLarge = rig.place(Side.BUY, 3000_00, 6 * ONE);
            assertEquals("MAX_ORDER_QTY", rig.rejectOf(tooLarge).reason());
            assertEquals("OMS", rig.rejectOf(tooLarge).source());
            final long outsideCollar = rig.place(Side.SELL, 3100_00, ONE);
            assertEquals("PRICE_COLLAR", rig.rejectOf(outsideCollar).reason());
            final long unroutable = rig.placeOn(9, Side.BUY, 3000_00, ONE);
            assertEquals("UNKNOWN_INSTRUMENT", rig.rejectOf(unroutable).reason(), "venue 9 is not in VENUES");

            // A request that passes goes out afterwards, so the refused ones had their chance to.
            final long fine = rig.place(Side.BUY, 2990_00, ONE);
            rig.awaitState(s -> s.requestId() == fine && "NEW".equals(s.status()) && s.venueOrderId() != 0, "NEW of the order within limits");
            assertEquals(1, rig.commands.stream().filter(c -> "NEW".equals(c.type())).map(OmsRig.Command::clientOrderId).distinct().count(),
                "only the order within limits was commanded: " + rig.commands);
            assertEquals(1, rig.venueOpenOrders().size());
            assertTrue(rig.states.stream().noneMatch(s -> s.requestId() == tooLarge || s.requestId() == outsideCollar || s.requestId() == unroutable));
        }
    }

    @Test
    void theKillSwitchCancelsEveryOpenOrderAndRefusesNewOnesUntilCleared(@TempDir final Path dir) throws Exception
    {
        try (OmsRig rig = new OmsRig(dir))
        {
            rig.startFleet();
            final long bid = rig.place(Side.BUY, 2990_00, ONE);
            final long ask = rig.place(Side.SELL, 3010_00, ONE);
            rig.awaitState(s -> s.requestId() == bid && "NEW".equals(s.status()) && s.venueOrderId() != 0, "bid NEW");
            rig.awaitState(s -> s.requestId() == ask && "NEW".equals(s.status()) && s.venueOrderId() != 0, "ask NEW");
            assertEquals(2, rig.venueOpenOrders().size());

            rig.killSwitch(true);
            rig.awaitState(s -> s.requestId() == bid && "CANCELED".equals(s.status()), "bid CANCELED");
            rig.awaitState(s -> s.requestId() == ask && "CANCELED".equals(s.status()), "ask CANCELED");
            assertEquals(0, rig.venueOpenOrders().size());
            assertTrue(rig.commands.stream().anyMatch(c -> "CANCEL_ALL".equals(c.type())), "cancel-all per symbol: " + rig.commands);

            final long refused = rig.place(Side.BUY, 2990_00, ONE);
            assertEquals("KILL_SWITCH", rig.rejectOf(refused).reason());

            rig.killSwitch(false);
            final long afterClear = rig.place(Side.BUY, 2990_00, ONE);
            rig.awaitState(s -> s.requestId() == afterClear && "NEW".equals(s.status()) && s.venueOrderId() != 0, "NEW after the clear");
            assertEquals(1, rig.venueOpenOrders().size());
        }
    }

    @Test
    void aRiskEventAskingForTheKillSwitchCancelsTheStrategysOrdersAndRefusesItsNewOnes(@TempDir final Path dir) throws Exception
    {
        try (OmsRig rig = new OmsRig(dir))
        {
            rig.startFleet();
            final long bid = rig.place(Side.BUY, 2990_00, ONE);
            rig.awaitState(s -> s.requestId() == bid && "NEW".equals(s.status()) && s.venueOrderId() != 0, "bid NEW");

            rig.riskEventKillSwitch(OmsRig.STRATEGY);
            rig.awaitState(s -> s.requestId() == bid && "CANCELED".equals(s.status()), "bid CANCELED by the strategy's kill switch");
            assertTrue(rig.commands.stream().anyMatch(c -> "CANCEL".equals(c.type())) &&
                rig.commands.stream().noneMatch(c -> "CANCEL_ALL".equals(c.type())), "a strategy kill cancels order by order: " + rig.commands);
            assertEquals(0, rig.venueOpenOrders().size());
            assertEquals("KILL_SWITCH", rig.rejectOf(rig.place(Side.BUY, 2990_00, ONE)).reason());

            rig.killSwitch(false);
            final long afterClear = rig.place(Side.BUY, 2990_00, ONE);
            rig.awaitState(s -> s.requestId() == afterClear && "NEW".equals(s.status()), "NEW after the clear");
        }
    }

    @Test
    void aSilentStrategyHasItsOrdersCancelledAndNewOnesRefusedUntilItsNextHeartbeat(@TempDir final Path dir) throws Exception
    {
        try (OmsRig rig = new OmsRig(dir))
        {
            rig.startFleet();
            rig.strategyHeartbeats(true);
            final long bid = rig.place(Side.BUY, 2990_00, ONE);
            rig.awaitState(s -> s.requestId() == bid && "NEW".equals(s.status()) && s.venueOrderId() != 0, "bid NEW");

            rig.strategyHeartbeats(false);
            rig.awaitState(s -> s.requestId() == bid && "CANCELED".equals(s.status()), "bid CANCELED by the dead man switch");
            Await.until(() ->
            {
                rig.poll();
                return rig.riskEvents.contains(new OmsRig.Risk("DEAD_MAN_SWITCH", OmsRig.STRATEGY, 1));
            }, OmsRig.TIMEOUT, () -> "no DEAD_MAN_SWITCH RiskEvent: " + rig.riskEvents);
            assertEquals(0, rig.venueOpenOrders().size());
            assertEquals("KILL_SWITCH", rig.rejectOf(rig.place(Side.BUY, 2990_00, ONE)).reason());

            rig.strategyHeartbeats(true);
            final long afterHeartbeat = rig.place(Side.BUY, 2990_00, ONE);
            rig.awaitState(s -> s.requestId() == afterHeartbeat && "NEW".equals(s.status()), "NEW once the strategy is heard again");
        }
    }

    @Test
    void anOpenOrderIsRecoveredAfterKillMinus9AndRestart(@TempDir final Path dir) throws Exception
    {
        try (OmsRig rig = new OmsRig(dir))
        {
            rig.startFleet();
            final long request = rig.place(Side.BUY, 2990_00, ONE);
            final OmsRig.State before = rig.awaitState(s -> s.requestId() == request && "NEW".equals(s.status()) && s.venueOrderId() != 0,
                "NEW before the crash");

            rig.oms.kill();
            assertEquals(137, rig.oms.awaitExit(Duration.ofSeconds(10)));
            final int statesBeforeRestart = rig.states.size();
            rig.startOms();

            // The new run adopted the venue's open order from exec-handler's snapshot and says so.
            final OmsRig.State recovered = rig.awaitState(statesBeforeRestart,
                s -> s.clientOrderId().equals(before.clientOrderId()) && "NEW".equals(s.status()), "the recovered order's state");
            assertEquals(before.venueOrderId(), recovered.venueOrderId());
            assertEquals(ONE, recovered.leavesQty());
            Await.until(() ->
            {
                rig.poll();
                try
                {
                    return rig.omsMetrics().contains("oms_live_orders 1.0");
                }
                catch (final java.io.IOException ex)
                {
                    return false;
                }
            }, OmsRig.TIMEOUT, () -> "the restarted OMS does not count the recovered order live\n" + rig.oms.transcript());
            final JsonNode open = rig.venueOpenOrders();
            assertEquals(1, open.size());
            assertEquals(before.clientOrderId(), open.get(0).get("clientOrderId").asText());

            // Not an orphan: its strategy cancels it by the request id it holds (the OMS journaled it).
            assertEquals(request, recovered.requestId());
            final long cancel = rig.cancel(request);
            assertTrue(rig.rejects.stream().noneMatch(r -> r.requestId() == cancel), "cancel refused: " + rig.rejects);
            rig.awaitState(s -> s.requestId() == request && "CANCELED".equals(s.status()), "recovered order CANCELED");
            assertEquals(0, rig.venueOpenOrders().size());
        }
    }
}
