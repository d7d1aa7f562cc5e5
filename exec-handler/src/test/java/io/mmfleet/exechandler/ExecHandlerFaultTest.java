package io.mmfleet.exechandler;

import com.fasterxml.jackson.databind.JsonNode;
import io.mmfleet.bus.runtime.KillPoints;
import io.mmfleet.exechandler.ExecRig.Report;
import io.mmfleet.sbe.CommandType;
import io.mmfleet.sbe.OrderType;
import io.mmfleet.sbe.Side;
import io.mmfleet.sbe.TimeInForce;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * exec-handler killed at named points of the order path ({@link KillPoints}: the JVM halts there
 * as under kill -9) and restarted on the same journal, and a venue that drops the WebSocket API
 * connection mid-run: no order is placed twice and every fill is reported exactly once.
 */
class ExecHandlerFaultTest
{
    private static final Duration EXIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void killedAfterThePlaceWasSentLooksTheOrderUpAndNeverPlacesItTwice() throws Exception
    {
        try (ExecRig rig = new ExecRig(dir, "", ""))
        {
            rig.startExecHandler("-Dmmfleet.killAt=" + KillPoints.AFTER_PLACE_SENT);
            final long place = rig.newCommandId();
            rig.sendOnce(place, CommandType.NEW, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 299000, 10000, "s7-k1-1", "");
            assertEquals(137, rig.execHandler.awaitExit(EXIT), "killed at " + KillPoints.AFTER_PLACE_SENT + "\n" + rig.execHandler.transcript());
            final JsonNode atVenue = rig.venueOrder("s7-k1-1");
            assertEquals("NEW", atVenue.get("status").asText(), "the order reached the venue before the kill: " + atVenue);

            rig.startExecHandler();
            // Restarted, it looks the unanswered order up and reports it; the OMS's resend is answered from that.
            final Report recovered = rig.awaitReport(r -> r.clientOrderId().equals("s7-k1-1") && "NEW".equals(r.ordStatus()), "s7-k1-1 recovered");
            assertEquals(atVenue.get("orderId").asLong(), recovered.venueOrderId());
            rig.send(place, CommandType.NEW, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 299000, 10000, "s7-k1-1", "");
            rig.drain(Duration.ofMillis(500));
            assertEquals(1, rig.venueOpenOrders().size(), "one order at the venue: " + rig.venueOpenOrders());
        }
    }

    @Test
    void killedBetweenAFillAndItsReportReportsTheFillOnceAfterRestart() throws Exception
    {
        try (ExecRig rig = new ExecRig(dir, "", ""))
        {
            rig.startExecHandler("-Dmmfleet.killAt=" + KillPoints.BEFORE_FILL_REPORT);
            final long place = rig.newCommandId();
            rig.newOrder(place, Side.SELL, OrderType.LIMIT, "3010.00", "1.0000", "s7-k2-1");
            final JsonNode taker = rig.takerOrder("BUY", "MARKET", null, "0.3");
            final long tradeId = taker.get("fills").get(0).get("tradeId").asLong();
            assertEquals(137, rig.execHandler.awaitExit(EXIT), "killed at " + KillPoints.BEFORE_FILL_REPORT + "\n" + rig.execHandler.transcript());
            assertTrue(rig.reports.stream().noneMatch(r -> r.tradeId() == tradeId), "the fill was not reported before the kill");

            // A second fill while exec-handler is down.
            final long secondTradeId = rig.takerOrder("BUY", "MARKET", null, "0.2").get("fills").get(0).get("tradeId").asLong();

            rig.startExecHandler();
            rig.awaitReport(r -> r.tradeId() == secondTradeId, "second fill after restart");
            final Report first = rig.awaitReport(r -> r.tradeId() == tradeId, "first fill after restart");
            assertEquals(3000, first.lastQty());
            rig.drain(Duration.ofSeconds(1));
            final Report last = rig.reportsFor("s7-k2-1").stream().filter(r -> "TRADE".equals(r.execType()))
                .reduce((a, b) -> b).orElseThrow();
            assertEquals(5000, last.cumQty(), "the reports add up to the venue's cumulative quantity");
            ExecHandlerProcessTest.assertEachVenueTradeReportedOnce(rig);
        }
    }

    @Test
    void anOrderTheJournalDoesNotKnowIsFoundAmongTheOpenOrdersAndItsFillsReported() throws Exception
    {
        try (ExecRig rig = new ExecRig(dir, "", ""))
        {
            final long venueOrderId = rig.mmOrderElsewhere("BUY", "2950.00", "0.5", "elsewhere-1").get("orderId").asLong();
            rig.startExecHandler();
            final Report found = rig.awaitReport(r -> r.clientOrderId().equals("elsewhere-1"), "the foreign open order");
            assertEquals("NEW", found.ordStatus());
            assertEquals(venueOrderId, found.venueOrderId());
            assertEquals(0, found.commandId(), "unsolicited");
            final long tradeId = rig.takerOrder("SELL", "MARKET", null, "0.5").get("fills").get(0).get("tradeId").asLong();
            final Report fill = rig.awaitReport(r -> r.tradeId() == tradeId, "its fill");
            assertEquals("FILLED", fill.ordStatus());
            rig.drain(Duration.ofMillis(500));
            ExecHandlerProcessTest.assertEachVenueTradeReportedOnce(rig);
        }
    }

    @Test
    void fillsWhileTheVenueDroppedTheConnectionAreReportedOnceAfterReconnecting() throws Exception
    {
        // venue-sim closes every WebSocket after 3 s, as Binance does after 24 h.
        try (ExecRig rig = new ExecRig(dir, "CONNECTION_LIFETIME = 3s", ""))
        {
            rig.startExecHandler();
            final long place = rig.newCommandId();
            rig.newOrder(place, Side.BUY, OrderType.LIMIT, "2990.00", "2.0000", "s7-d1-1");
            final long deadline = System.nanoTime() + Duration.ofSeconds(8).toNanos();
            int fills = 0;
            while (System.nanoTime() < deadline)
            {
                rig.takerOrder("SELL", "MARKET", null, "0.1");
                fills++;
                rig.drain(Duration.ofMillis(400));
            }
            final int expectedCum = fills * 1000;
            rig.awaitReport(r -> r.clientOrderId().equals("s7-d1-1") && r.cumQty() == expectedCum, "cumulative " + expectedCum);
            rig.drain(Duration.ofSeconds(1));
            ExecHandlerProcessTest.assertEachVenueTradeReportedOnce(rig);
            assertTrue(rig.metrics().contains("exec_handler_sessions_lost"), "metrics list the lost sessions");
            assertTrue(rig.metrics().lines().anyMatch(l -> l.startsWith("exec_handler_sessions_lost_total") && !l.endsWith(" 0.0")),
                "the venue dropped the session at least once:\n" + rig.metrics());
        }
    }
}
