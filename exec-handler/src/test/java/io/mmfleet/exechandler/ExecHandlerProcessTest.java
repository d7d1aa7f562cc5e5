package io.mmfleet.exechandler;

import com.fasterxml.jackson.databind.JsonNode;
import io.mmfleet.bus.testing.Await;
import io.mmfleet.exechandler.ExecRig.Report;
import io.mmfleet.sbe.CommandType;
import io.mmfleet.sbe.OrderType;
import io.mmfleet.sbe.Side;
import io.mmfleet.sbe.TimeInForce;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * exec-handler as a real process against venue-sim: orders placed, partly filled, cancelled and
 * rejected through the bus, instrument definitions and account snapshots published, and each of
 * the venue's trades reported exactly once.
 */
class ExecHandlerProcessTest
{
    @TempDir
    Path dir;

    @Test
    void placesFillsCancelsAndRejectsOrdersReportingEachFillOnce() throws Exception
    {
        try (ExecRig rig = new ExecRig(dir, "", ""))
        {
            // At debug, so the check below covers every line any logger could write.
            rig.startExecHandler("-Dorg.slf4j.simpleLogger.defaultLogLevel=debug");
            Await.until(() ->
            {
                rig.poll();
                return !rig.definitions.isEmpty();
            }, ExecRig.TIMEOUT, () -> "no InstrumentDefinition\n" + rig.execHandler.transcript());
            final ExecRig.Definition definition = rig.definitions.get(0);
            assertEquals(new ExecRig.Definition(1, 1, -2, 1, -4, "ETHUSDT"), definition);

            // A resting bid, acknowledged NEW with the command's id.
            final long place = rig.newCommandId();
            rig.newOrder(place, Side.BUY, OrderType.LIMIT, "3000.00", "1.0000", "s7-r1-1");
            final Report accepted = rig.awaitReport(r -> r.commandId() == place, "NEW for s7-r1-1");
            assertEquals("NEW", accepted.execType());
            assertEquals("NEW", accepted.ordStatus());
            assertTrue(accepted.venueOrderId() > 0);

            // The taker sells 0.4 into it: one TRADE, maker, partially filled.
            final JsonNode taker = rig.takerOrder("SELL", "MARKET", null, "0.4");
            assertEquals("FILLED", taker.get("status").asText(), taker.toString());
            final long venueTradeId = taker.get("fills").get(0).get("tradeId").asLong();
            final Report fill = rig.awaitReport(r -> r.tradeId() == venueTradeId, "TRADE " + venueTradeId);
            assertEquals("TRADE", fill.execType());
            assertEquals("PARTIALLY_FILLED", fill.ordStatus());
            assertEquals(4000, fill.lastQty());
            assertEquals(300000, fill.lastPrice());
            assertEquals(4000, fill.cumQty());
            assertEquals("MAKER", fill.liquidity());
            // Maker fee 0.0005 of 0.4 ETH bought, charged in ETH: 0.0002 at 8 decimals.
            assertEquals(20000, fill.fee());
            assertEquals("ETH", fill.feeAsset());

            // Cancel: CANCELED with the cumulative quantity filled before it.
            final long cancel = rig.newCommandId();
            rig.cancel(cancel, "s7-r1-1");
            final Report canceled = rig.awaitReport(r -> r.commandId() == cancel, "CANCELED");
            assertEquals("CANCELED", canceled.execType());
            assertEquals("CANCELED", canceled.ordStatus());
            assertEquals(4000, canceled.cumQty());

            // Post-only that would cross the taker's resting ask: -2010, REJECTED.
            rig.takerOrder("SELL", "LIMIT", "3001.00", "0.5");
            final long postOnly = rig.newCommandId();
            rig.newOrder(postOnly, Side.BUY, OrderType.LIMIT_MAKER, "3001.00", "0.1000", "s7-r1-2");
            final Report rejected = rig.awaitReport(r -> r.commandId() == postOnly, "post-only reject");
            assertEquals("REJECTED", rejected.execType());
            assertEquals("POST_ONLY_WOULD_CROSS", rejected.rejectReason());
            assertEquals(-2010, rejected.venueErrorCode());

            // A crossing limit fills at once (taker); a cancel afterwards is answered with its FILLED state.
            final long crossing = rig.newCommandId();
            rig.newOrder(crossing, Side.BUY, OrderType.LIMIT, "3001.00", "0.2000", "s7-r1-3");
            final Report filled = rig.awaitReport(r -> r.clientOrderId().equals("s7-r1-3") && "FILLED".equals(r.ordStatus()), "s7-r1-3 FILLED");
            assertEquals("TAKER", filled.liquidity());
            assertEquals(2000, filled.cumQty());
            final long lateCancel = rig.newCommandId();
            rig.cancel(lateCancel, "s7-r1-3");
            final Report lateCancelAnswer = rig.awaitReport(r -> r.commandId() == lateCancel, "answer to the late cancel");
            assertEquals("ORDER_STATUS", lateCancelAnswer.execType());
            assertEquals("FILLED", lateCancelAnswer.ordStatus());

            // A cancel of an order nobody knows: UNKNOWN_ORDER.
            final long unknownCancel = rig.newCommandId();
            rig.cancel(unknownCancel, "s7-never-placed");
            final ExecRig.Reject unknown = rig.rejectOf(unknownCancel);
            assertEquals("UNKNOWN_ORDER", unknown.reason());

            // The same NEW resent (the OMS's answer was lost): answered again, never placed twice.
            rig.sendOnce(place, CommandType.NEW, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 300000, 10000, "s7-r1-1", "");
            rig.sendOnce(crossing, CommandType.NEW, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 300100, 2000, "s7-r1-3", "");
            rig.drain(Duration.ofMillis(500));
            assertEquals(0, rig.venueOpenOrders().size(), "nothing of ours rests: " + rig.venueOpenOrders());

            // A price finer than the tick never reaches the venue.
            final long finePrice = rig.newCommandId();
            rig.priceExponent = -3;
            rig.send(finePrice, CommandType.NEW, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 3000005, 10000, "s7-r1-4", "");
            rig.priceExponent = -2;
            final ExecRig.Reject tick = rig.rejectOf(finePrice);
            assertEquals("PRICE_TICK", tick.reason());

            // Every trade the venue lists for the account is reported exactly once.
            rig.drain(Duration.ofMillis(500));
            assertEachVenueTradeReportedOnce(rig);

            // The account's trades also reach the bus in AccountSnapshots.
            Await.until(() ->
            {
                rig.poll();
                return rig.snapshotTradeIds.contains(venueTradeId);
            }, ExecRig.TIMEOUT, () -> "trade " + venueTradeId + " in no AccountSnapshot: " + rig.snapshotTradeIds);

            assertTrue(rig.execHandler.transcript().contains(" DEBUG "), "the run logged at debug");
            assertSecretsNeverLogged(rig);
        }
    }

    static void assertEachVenueTradeReportedOnce(final ExecRig rig) throws Exception
    {
        final List<Long> venueTrades = rig.venueTradeIds();
        assertFalse(venueTrades.isEmpty());
        final Map<Long, Integer> reported = new HashMap<>();
        for (final Report report : rig.reports)
        {
            if ("TRADE".equals(report.execType()))
            {
                reported.merge(report.tradeId(), 1, Integer::sum);
            }
        }
        for (final long tradeId : venueTrades)
        {
            assertEquals(1, reported.getOrDefault(tradeId, 0), "trade " + tradeId + " reported " + reported.get(tradeId) + " times; " + reported);
        }
        assertEquals(venueTrades.size(), reported.size(), "reported trades the venue does not list: " + reported + " vs " + venueTrades);
    }

    static void assertSecretsNeverLogged(final ExecRig rig) throws Exception
    {
        final String transcript = rig.execHandler.transcript();
        assertFalse(transcript.contains(ExecRig.MM_API_KEY), "API key in the log");
        assertFalse(transcript.contains(ExecRig.MM_SECRET), "secret in the log");
        assertFalse(Files.readString(rig.ini).contains(ExecRig.MM_SECRET), "secret in the INI");
    }
}
