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
 * at any point losing and doubling nothing, a trade the ledger lacks raised as a RiskEvent without
 * touching the ledger, and the report printed from the ledger alone.
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

            // The same report again (a replay, a resend): nothing changes.
            rig.replay(sellReport);
            Await.until(() -> rig.posMetrics().lines().anyMatch(l -> l.startsWith("position_server_fills_duplicate_total") && l.endsWith(" 1.0")), PosRig.TIMEOUT,
                () -> rig.positionServer.transcript());
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

    @Test
    void aVenueTradeTheLedgerLacksIsARiskEventAndTheLedgerIsLeftAlone() throws Exception
    {
        try (PosRig rig = new PosRig(dir))
        {
            rig.startExecHandler();
            rig.startPositionServer();
            rig.limitOrder(Side.BUY, "3000.00", "1.0000", "s7-gap-1");
            rig.takerMarket("SELL", "0.2");
            rig.awaitUpdate(u -> u.fillCount() == 1, "the first fill");

            // A fill while position-server is down: its ExecutionReport (and the AccountSnapshot
            // listing it) go out to nobody.
            rig.killPositionServer();
            final long missed = rig.takerMarket("SELL", "0.3").get(0);
            rig.awaitTradeReport(missed);
            rig.drain(Duration.ofMillis(1500));
            rig.startPositionServer();
            final List<String> ledgerBefore = rig.ledgerRows();
            assertEquals(1, ledgerBefore.size());

            // A restarted exec-handler lists the account's recent trades again, the missed one with them.
            rig.execHandler.terminate();
            rig.execHandler.awaitExit(PosRig.TIMEOUT);
            rig.startExecHandler();
            Await.until(() ->
            {
                rig.poll();
                return rig.risks.stream().anyMatch(r -> r.text().contains("trade " + missed + " "));
            }, PosRig.TIMEOUT, () -> "no RiskEvent for trade " + missed + ": " + rig.risks + "\n" + rig.positionServer.transcript());
            final PosRig.Risk risk = rig.risks.stream().filter(r -> r.text().contains("trade " + missed + " ")).findFirst().orElseThrow();
            assertEquals("RECONCILIATION_MISMATCH", risk.type());
            assertEquals("CRITICAL", risk.severity());
            assertEquals("PAUSE_STRATEGY", risk.action());
            assertEquals(ETH_USDC, risk.instrumentId());
            assertTrue(risk.text().contains("the ledger lacks"), risk.text());
            assertEquals(ledgerBefore, rig.ledgerRows(), "the ledger is not repaired from the venue's list");
        }
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
