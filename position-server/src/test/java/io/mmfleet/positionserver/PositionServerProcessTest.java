package io.mmfleet.positionserver;

import io.mmfleet.bus.runtime.KillPoints;
import io.mmfleet.bus.testing.Await;
import io.mmfleet.bus.testing.DaemonHttp;
import io.mmfleet.bus.testing.JavaProcess;
import io.mmfleet.positionserver.PosRig.Update;
import io.mmfleet.sbe.Side;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * position-server as a real process between venue-sim and a real exec-handler: fills recorded once
 * each and equal to the venue's own trade list, positions published with fees counted, a kill -9
 * at any point losing and doubling nothing, fills made while it was down recorded once from the
 * exec-handler's replay, and the report printed from the ledger alone.
 */
class PositionServerProcessTest
{
    private static final int ETH_USDC = 1;

    @TempDir
    Path dir;

    @Test
    void fillsAreRecordedOnceThroughKillsAndReplaysAndTheReportPrintsThem() throws Exception
    {
        try (PosRig rig = new PosRig(dir))
        {
            rig.startExecHandler();
            // Killed right after the first fill is committed, before the book or the bus saw it.
            rig.startPositionServer("-Dmmfleet.killAt=" + KillPoints.AFTER_LEDGER_INSERT);
            // Before any fill, the defined instrument's hedge target is flat: the market-maker quotes only once it has one.
            Await.until(() ->
            {
                rig.poll();
                return rig.hedgeTargets.contains(0L);
            }, PosRig.TIMEOUT, () -> "no flat HedgeTarget\n" + rig.positionServer.transcript());
            rig.limitOrder(Side.BUY, "3000.00", "1.0000", "s7-pos-1");
            final long first = rig.takerMarket("SELL", "0.4").get(0);
            rig.awaitTradeReport(first);
            assertEquals(137, rig.positionServer.awaitExit(PosRig.TIMEOUT), rig.positionServer.transcript());
            assertTrue(rig.positionServer.stdout().stream().anyMatch(l -> l.contains("event=kill_point point=after-ledger-insert")));
            rig.killPositionServer();

            // The restart rebuilds from the ledger: the fill it never published is in the position.
            rig.startPositionServer();
            final Update rebuilt = rig.awaitUpdate(u -> u.fillCount() == 1, "the committed fill after the restart");
            assertEquals(rig.venueNetPosition(), rebuilt.position());
            // Maker buy of 0.4 at 3000, fee 0.0005 of it in ETH: 0.3998 ETH held.
            assertEquals(39_980_000L, rebuilt.position());

            rig.takerMarket("SELL", "0.3");
            rig.limitOrder(Side.SELL, "3010.00", "0.5000", "s7-pos-2");
            final long sellTrade = rig.takerMarket("BUY", "0.2").get(0);
            final Update three = rig.awaitUpdate(u -> u.fillCount() == 3, "three fills");
            assertEquals(rig.venueNetPosition(), three.position(), "bought - sold - ETH fees");
            assertEquals(rig.venueRows(), rig.ledgerRows(), "the ledger is the venue's trade list");
            final PosRig.TradeReport sellReport = rig.awaitTradeReport(sellTrade);
            assertEquals(sellReport.runId(), three.execRunId(), "stamped with the execution stream it includes");
            assertTrue(three.execSequence() >= sellReport.sequence(), three + " includes " + sellReport.sequence());

            // The same report again (a replay, a resend): nothing changes. (The restart's snapshot of
            // exec.binance replayed the first fill already: one duplicate before this one.)
            final long duplicatesBefore = duplicates(rig);
            rig.replay(sellReport);
            Await.until(() -> duplicates(rig) == duplicatesBefore + 1, PosRig.TIMEOUT, () -> rig.positionServer.transcript());
            assertEquals(3, rig.ledgerRows().size());

            // kill -9 between fills: the rebuilt positions equal the ones published before.
            final Update before = rig.awaitUpdate(u -> u.fillCount() == 3, "three fills");
            rig.killPositionServer();
            rig.startPositionServer();
            final Update after = rig.awaitUpdate(u -> u.fillCount() == 3, "three fills after the restart");
            assertEquals(before.position(), after.position());
            assertEquals(before.avgCost(), after.avgCost());
            assertEquals(before.realizedPnl(), after.realizedPnl());
            assertFalse(before.runId() == after.runId(), "published by the new run");
            assertEquals(rig.venueRows(), rig.ledgerRows());
            assertEquals(after.position(), rig.hedgeTargets.get(rig.hedgeTargets.size() - 1), "one venue, one strategy, no DeFi: net = position");

            // A subscriber that saw a gap on pos asks for it all again: one position, one hedge target.
            rig.updates.clear();
            assertEquals(2, rig.requestPositionSnapshot(77));
            assertEquals(after.position(), rig.awaitUpdate(u -> u.fillCount() == 3, "republished").position());
            assertTrue(rig.risks.stream().noneMatch(r -> r.severity().equals("CRITICAL")), rig.risks.toString());

            // The report reads the ledger with no bus, while the daemon runs.
            try (JavaProcess report = JavaProcess.start("report", PositionServerMain.class.getName(), List.of(),
                "report", "--config", rig.ini.toString()))
            {
                assertEquals(0, report.awaitExit(PosRig.TIMEOUT), report.transcript());
                final String out = String.join("\n", report.stdout());
                assertTrue(out.contains("3 fills, 1 positions"), out);
                assertTrue(out.matches("(?s).*\\n1\\s+ETH-USDC\\s+7\\s+" + FixedPoint.format(after.position()).replace(".", "\\.") + "\\s.*"), out);
                assertTrue(out.contains("USDT"), out);
            }
        }
    }

    /**
     * position-server down (kill -9) while fills happen: their ExecutionReports go out to nobody.
     * Restarted, it asks the exec-handler for its execution stream, whose snapshot replays the TRADE
     * reports of the latest fills: the missed ones are recorded once, with their strategy, and the
     * others are duplicates. Checked against venue-sim's own trade list; a second restart changes nothing.
     */
    @Test
    void fillsMadeWhilePositionServerWasDownAreRecordedOnceAfterItsRestart() throws Exception
    {
        try (PosRig rig = new PosRig(dir))
        {
            rig.startExecHandler();
            rig.startPositionServer();
            rig.limitOrder(Side.BUY, "3000.00", "1.0000", "s7-gap-1");
            rig.takerMarket("SELL", "0.2");
            rig.awaitUpdate(u -> u.fillCount() == 1, "the first fill");

            rig.killPositionServer();
            final long missed = rig.takerMarket("SELL", "0.3").get(0);
            rig.awaitTradeReport(missed);
            rig.limitOrder(Side.SELL, "3010.00", "0.5000", "s7-gap-2");
            final long missedSell = rig.takerMarket("BUY", "0.1").get(0);
            rig.awaitTradeReport(missedSell);
            assertEquals(1, rig.ledgerRows().size(), "two fills made while position-server was down");

            rig.startPositionServer();
            final Update recovered = rig.awaitUpdate(u -> u.fillCount() == 3, "the two missed fills recorded after the restart");
            assertEquals(rig.venueRows(), rig.ledgerRows(), "the ledger is venue-sim's trade list, each trade once, strategy 7 each");
            assertEquals(rig.venueNetPosition(), recovered.position());
            Await.until(() -> duplicates(rig) >= 1, PosRig.TIMEOUT,
                () -> "the fill recorded before the kill was not replayed as a duplicate\n" + rig.positionServer.transcript());

            rig.killPositionServer();
            rig.startPositionServer();
            final Update again = rig.awaitUpdate(u -> u.fillCount() == 3, "three fills after a second restart");
            Await.until(() -> duplicates(rig) >= 3, PosRig.TIMEOUT,
                () -> "the replayed fills are not all duplicates\n" + rig.positionServer.transcript());
            assertEquals(rig.venueRows(), rig.ledgerRows(), "a replay of fills the ledger has changes nothing");
            assertEquals(recovered.position(), again.position());
            rig.drain(Duration.ofMillis(500));
            assertTrue(rig.risks.stream().noneMatch(r -> r.text().contains("trade " + missed + " ") || r.text().contains("trade " + missedSell + " ")),
                "a recovered fill is no reconciliation mismatch: " + rig.risks);
        }
    }

    private static long duplicates(final PosRig rig)
    {
        return rig.posMetrics().lines().filter(l -> l.startsWith("position_server_fills_duplicate_total "))
            .mapToLong(l -> (long)Double.parseDouble(l.substring(l.indexOf(' ') + 1))).findFirst().orElse(0);
    }

    @Test
    void aFillWaitsForItsInstrumentsDefinitionAndAMalformedOneIsSurvived() throws Exception
    {
        try (PosRig rig = new PosRig(dir))
        {
            rig.startPositionServer();
            // BTC-USDC was never defined by an exec-handler (none runs): the fill is held and /health says why.
            rig.publishTrade(2, 501, Side.BUY, "60000", "0.01", "0.06", "USDT");
            Await.until(() -> DaemonHttp.healthStatus(rig.posHttpPort) == 503, PosRig.TIMEOUT, rig.positionServer::transcript);
            assertTrue(rig.ledgerRows().isEmpty());

            rig.publishDefinition(2, "BTC", "USDT", "BTCUSDT");
            final Update btc = rig.awaitUpdate(u -> u.instrumentId() == 2 && u.fillCount() == 1, "the held BTC fill");
            assertEquals(1_000_000L, btc.position());
            Await.until(() -> DaemonHttp.healthStatus(rig.posHttpPort) == 200, PosRig.TIMEOUT, rig.positionServer::transcript);
            assertEquals(List.of("501 BUY 1000000 6000000000000 6000000 USDT MAKER 7"), rig.ledgerRows());

            // No price: refused as malformed, counted, and the daemon goes on.
            rig.publishTrade(2, 502, Side.SELL, null, "0.01", "0", "USDT");
            Await.until(() -> rig.posMetrics().lines().anyMatch(l -> l.startsWith("position_server_fills_malformed_total") && l.endsWith(" 1.0")),
                PosRig.TIMEOUT, rig.positionServer::transcript);
            rig.publishTrade(2, 503, Side.SELL, "61000", "0.004", "0.244", "USDT");
            final Update sold = rig.awaitUpdate(u -> u.instrumentId() == 2 && u.fillCount() == 2, "the next fill");
            assertEquals(600_000L, sold.position());
            assertTrue(rig.positionServer.isAlive());
            assertEquals(2, rig.ledgerRows().size());
        }
    }
}
