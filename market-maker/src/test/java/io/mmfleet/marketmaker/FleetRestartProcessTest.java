package io.mmfleet.marketmaker;

import io.mmfleet.bus.runtime.KillPoints;
import io.mmfleet.bus.testing.Await;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kill -9 of position-server, OMS and market-maker at named points of the trading core, each
 * restarted, with the whole core running as processes ({@link FleetRig}) and a taker trading against
 * the quotes throughout. The named daemon is killed -9 once while quoting, restarted with
 * {@code -Dmmfleet.killAt=<point>}, driven until it halts there (exit 137), and restarted plainly.
 * Then, against venue-sim itself: the mm account's open orders are exactly ones the live strategy
 * run holds (the OMS answers them to its requests; none of a dead market-maker run), the ledger is
 * venue-sim's trade list (each trade once, the strategy's fills attributed to it), and the published
 * position is the net of those trades. Every assertion names the daemon and kill point.
 */
class FleetRestartProcessTest
{
    /** market-maker's ORDER_QTY: the taker takes a whole quote, so the strategy must place a new one. */
    private static final String WHOLE_QUOTE = "0.0500";
    /** Leaves the quote resting (an order of a dead run stays an orphan unless the OMS cancels it). */
    private static final String PART_OF_A_QUOTE = "0.0100";
    private static long lastTradeTryNs;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        FleetRig.MARKET_MAKER + "@" + KillPoints.AFTER_NEW_REQUEST_SENT,
        FleetRig.OMS + "@" + KillPoints.AFTER_JOURNAL_BEFORE_COMMAND,
        FleetRig.OMS + "@" + KillPoints.AFTER_COMMAND_SENT,
        FleetRig.POSITION_SERVER + "@" + KillPoints.AFTER_LEDGER_INSERT})
    void killedAtANamedPointAndRestartedTheCoreLosesNoFillAndLeavesNoOrphanOrder(final String killSpec, @TempDir final Path dir)
        throws Exception
    {
        final String daemon = killSpec.substring(0, killSpec.indexOf('@'));
        final String point = killSpec.substring(killSpec.indexOf('@') + 1);
        final String at = daemon + " killed at " + point;
        try (FleetRig rig = new FleetRig(dir))
        {
            rig.start(FleetRig.EXEC_HANDLER, true);
            rig.start(FleetRig.POSITION_SERVER, true);
            // position-server publishes an inventory once it has a position: the mm account's first trade, by hand (strategy 0).
            rig.venue.takerOrder("SELL", "LIMIT", "3000.00", "0.1000");
            rig.venue.asMm("POST", "/api/v3/order", "symbol=ETHUSDT&side=BUY&type=LIMIT&timeInForce=GTC&price=3000.00&quantity=0.1000");
            Await.until(() ->
            {
                rig.poll();
                return rig.publishedPosition() != null;
            }, FleetRig.TIMEOUT, () -> "no HedgeTarget after the first trade\n" + rig.transcripts());
            rig.start(FleetRig.OMS, true);
            rig.start(FleetRig.MARKET_MAKER, true);
            final Set<String> seenOpen = new HashSet<>();
            awaitQuotes(rig, seenOpen, at);

            // kill -9 while quoting, then a run armed at the point, driven by the taker until it halts there.
            rig.kill(daemon);
            rig.start(daemon, !FleetRig.MARKET_MAKER.equals(daemon), "-Dmmfleet.killAt=" + point);
            // market-maker halts at its first request on its own; the others need fills (and so requotes) to get there.
            final boolean tradeToReachIt = !FleetRig.MARKET_MAKER.equals(daemon);
            final boolean[] takerSells = {true};
            Await.until(() ->
            {
                rig.poll();
                if (tradeToReachIt)
                {
                    trade(rig, seenOpen, takerSells, WHOLE_QUOTE);
                }
                return !rig.processes.get(daemon).isAlive();
            }, FleetRig.TIMEOUT, () -> at + ": never reached\n" + rig.transcripts());
            assertEquals(137, rig.processes.get(daemon).awaitExit(FleetRig.TIMEOUT), at + "\n" + rig.transcripts());
            assertTrue(rig.processes.get(daemon).stdout().stream().anyMatch(l -> l.contains("event=kill_point point=" + point)),
                at + "\n" + rig.transcripts());
            // A fill while it is down: position-server misses its report, the OMS its answer, market-maker its state.
            Await.until(() ->
            {
                rig.poll();
                final Map<String, String> open = rig.venueOpenOrders();
                seenOpen.addAll(open.keySet());
                if (open.isEmpty())
                {
                    return false;
                }
                takerSells[0] = open.containsValue("BUY");
                return trade(rig, seenOpen, takerSells, PART_OF_A_QUOTE);
            }, FleetRig.TIMEOUT, () -> at + ": no order to trade against while the daemon was down\n" + rig.transcripts());
            seenOpen.addAll(rig.venueOpenOrdersNow().keySet());
            final Set<String> ofDeadRuns = FleetRig.MARKET_MAKER.equals(daemon) ? Set.copyOf(seenOpen) : Set.of();

            rig.start(daemon, true);
            awaitQuotes(rig, new HashSet<>(), at);
            awaitOnlyLiveRunOrders(rig, ofDeadRuns, at);
            // One more fill of the restarted core; the quotes rest again afterwards.
            final boolean[] once = {true};
            Await.until(() ->
            {
                rig.poll();
                return trade(rig, new HashSet<>(), once, WHOLE_QUOTE) && !once[0];
            }, FleetRig.TIMEOUT, () -> at + ": no fill after the restart\n" + rig.transcripts());

            awaitOnlyLiveRunOrders(rig, ofDeadRuns, at + " and a fill after the restart");
            awaitLedgerIsTheVenuesTrades(rig, at);
        }
    }

    /** Waits until the strategy quotes both sides at the venue. */
    private static void awaitQuotes(final FleetRig rig, final Set<String> seenOpen, final String at)
    {
        Await.until(() ->
        {
            rig.poll();
            final Map<String, String> open = rig.venueOpenOrders();
            seenOpen.addAll(open.keySet());
            return open.containsValue("BUY") && open.containsValue("SELL");
        }, FleetRig.TIMEOUT, () -> at + ": no two-sided quotes at the venue " + rig.venueOpenOrders() + "\n" + rig.transcripts());
    }

    /**
     * At most every 500 ms, the taker trades {@code qty} against the quote of the side it wants when
     * one rests (sells into the bid, then buys the ask, alternately). Returns whether it traded.
     */
    private static boolean trade(final FleetRig rig, final Set<String> seenOpen, final boolean[] takerSells, final String qty)
    {
        if (System.nanoTime() - lastTradeTryNs < 500_000_000L)
        {
            return false;
        }
        lastTradeTryNs = System.nanoTime();
        final Map<String, String> open = rig.venueOpenOrdersNow();
        seenOpen.addAll(open.keySet());
        final String side = takerSells[0] ? "BUY" : "SELL";
        if (!open.containsValue(side))
        {
            return false;
        }
        try
        {
            rig.venue.takerOrder(takerSells[0] ? "SELL" : "BUY", "MARKET", null, qty);
        }
        catch (final Exception ex)
        {
            throw new AssertionError("taker order failed", ex);
        }
        takerSells[0] = !takerSells[0];
        return true;
    }

    private static void awaitOnlyLiveRunOrders(final FleetRig rig, final Set<String> ofDeadRuns, final String at)
    {
        final Map<String, String>[] open = new Map[] {Map.of()};
        Await.until(() ->
        {
            rig.poll();
            open[0] = rig.venueOpenOrders();
            if (open[0].isEmpty() || open[0].values().stream().distinct().count() != open[0].size())
            {
                return false;
            }
            for (final String clientOrderId : open[0].keySet())
            {
                final FleetRig.State state = rig.states.get(clientOrderId);
                if (ofDeadRuns.contains(clientOrderId) || state == null || state.requestId() == 0 ||
                    !List.of("NEW", "PARTIALLY_FILLED").contains(state.status()))
                {
                    return false;
                }
            }
            return true;
        }, FleetRig.TIMEOUT, () -> "after " + at + ": venue-sim's open orders of mm " + open[0] + " are not exactly the live run's " +
            "(at most one per side, each answered to a request of the live run); the OMS's states " + rig.states +
            "; orders of dead runs " + ofDeadRuns + "\n" + rig.transcripts());
    }

    private static void awaitLedgerIsTheVenuesTrades(final FleetRig rig, final String at) throws Exception
    {
        final Object[] seen = new Object[3];
        Await.until(() ->
        {
            rig.poll();
            try
            {
                final List<String> venue = rig.venueTradeRows();
                final List<String> ledger = rig.ledgerRows();
                final BigDecimal net = rig.venueNetPosition();
                seen[0] = venue;
                seen[1] = ledger;
                seen[2] = rig.publishedPosition();
                return venue.equals(ledger.stream().map(r -> r.substring(0, r.lastIndexOf(' '))).toList()) &&
                    rig.publishedPosition() != null && rig.publishedPosition().compareTo(net) == 0;
            }
            catch (final Exception ex)
            {
                throw new AssertionError(ex);
            }
        }, FleetRig.TIMEOUT, () -> "after " + at + ": venue-sim's trades " + seen[0] + "\nledger " + seen[1] + "\npublished position " +
            seen[2] + "\n" + rig.transcripts());
        final List<String> ledger = rig.ledgerRows();
        final long strategyFills = ledger.stream().filter(r -> r.endsWith(" " + FleetRig.STRATEGY)).count();
        assertEquals(ledger.size() - 1, strategyFills, at + ": every fill but the first (by hand, strategy 0) is the strategy's: " + ledger);
        assertTrue(ledger.get(0).endsWith(" 0"), at + ": " + ledger);
    }
}
