package io.mmfleet.fleettests;

import com.fasterxml.jackson.databind.JsonNode;
import io.mmfleet.bus.runtime.KillPoints;
import io.mmfleet.bus.testing.Await;
import io.mmfleet.sbe.Side;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kill -9 of position-server, OMS and market-maker at named points of the trading core, each
 * restarted, with the whole fleet running as processes ({@link FleetRig}, a fresh fleet per kill
 * point) and a taker trading against the quotes throughout. The named daemon is killed -9 once while quoting, restarted with
 * {@code -Dmmfleet.killAt=<point>}, driven until it halts there (exit 137), and restarted plainly.
 * Then, against venue-sim itself: the mm account's open orders are exactly ones the live strategy
 * run holds (the OMS answers them to its requests; none of a dead market-maker run), the ledger is
 * venue-sim's trade list (each trade once, the strategy's fills attributed to it), and the published
 * position is the net of those trades. Every assertion names the daemon and kill point.
 */
class FleetRestartProcessTest
{
    /** Each wait of the test: a kill point is reached, and the core settles after it, within this. */
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** market-maker's ORDER_QTY: the taker takes a whole quote, so the strategy must place a new one. */
    private static final String WHOLE_QUOTE = "0.0500";
    /** Leaves the quote resting (an order of a dead run stays an orphan unless the OMS cancels it). */
    private static final String PART_OF_A_QUOTE = "0.0100";
    private static long lastTradeTryNs;
    private Map<String, String> openOrders = Map.of();
    private long openOrdersAskedNs = System.nanoTime() - 1_000_000_000L;

    /** The OMS's latest word on one order of the strategy. */
    private record State(long requestId, String status)
    {
    }

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
        // Far beyond a restart: only the OMS's end of an earlier strategy run may cancel that run's orders.
        try (FleetRig rig = new FleetRig().withKey(FleetRig.OMS, "DEAD_MAN_TIMEOUT", "10m"))
        {
            rig.setUp(dir);
            killAndRestart(rig, daemon, point, at);
        }
    }

    private void killAndRestart(final FleetRig rig, final String daemon, final String point, final String at) throws Exception
    {
        rig.start(FleetRig.EXEC_HANDLER, FleetRig.POSITION_SERVER);
        rig.awaitHealthy(FleetRig.EXEC_HANDLER);
        rig.awaitHealthy(FleetRig.POSITION_SERVER);
        // position-server publishes an inventory once it has a position: the mm account's first trade, by hand (strategy 0).
        rig.venue().takerOrder("SELL", "LIMIT", "3000.00", "0.1000");
        rig.venue().asMm("POST", "/api/v3/order", "symbol=ETHUSDT&side=BUY&type=LIMIT&timeInForce=GTC&price=3000.00&quantity=0.1000");
        Await.until(() -> publishedPosition(rig) != null, TIMEOUT, () -> "no HedgeTarget after the first trade\n" + rig.transcripts());
        rig.start(FleetRig.QUOTE_SERVER, FleetRig.OMS, FleetRig.MARKET_MAKER);
        rig.awaitHealthy(FleetRig.QUOTE_SERVER);
        rig.awaitHealthy(FleetRig.OMS);
        awaitMarketDataAtOms(rig, at);
        rig.awaitHealthy(FleetRig.MARKET_MAKER);
        final Set<String> seenOpen = new HashSet<>();
        awaitQuotes(rig, seenOpen, at);

        // kill -9 while quoting, then a run armed at the point, driven by the taker until it halts there.
        rig.kill(daemon);
        rig.restart(daemon, "-Dmmfleet.killAt=" + point);
        if (!FleetRig.MARKET_MAKER.equals(daemon))
        {
            rig.awaitHealthy(daemon);
        }
        if (FleetRig.OMS.equals(daemon))
        {
            awaitMarketDataAtOms(rig, at);
        }
        // market-maker halts at its first request on its own; the others need fills (and so requotes) to get there.
        final boolean tradeToReachIt = !FleetRig.MARKET_MAKER.equals(daemon);
        final boolean[] takerSells = {true};
        Await.until(() ->
        {
            if (tradeToReachIt)
            {
                trade(rig, seenOpen, takerSells, WHOLE_QUOTE);
            }
            return !rig.process(daemon).isAlive();
        }, TIMEOUT, () -> at + ": never reached\n" + rig.transcripts());
        assertEquals(137, rig.process(daemon).awaitExit(TIMEOUT), at + "\n" + rig.transcripts());
        assertTrue(rig.process(daemon).stdout().stream().anyMatch(l -> l.contains("event=kill_point point=" + point)),
            at + "\n" + rig.transcripts());
        // A fill while it is down: position-server misses its report, the OMS its answer, market-maker its state.
        Await.until(() ->
        {
            final Map<String, String> open = venueOpenOrders(rig);
            seenOpen.addAll(open.keySet());
            if (open.isEmpty())
            {
                return false;
            }
            takerSells[0] = open.containsValue("BUY");
            return trade(rig, seenOpen, takerSells, PART_OF_A_QUOTE);
        }, TIMEOUT, () -> at + ": no order to trade against while the daemon was down\n" + rig.transcripts());
        seenOpen.addAll(venueOpenOrdersNow(rig).keySet());
        final Set<String> ofDeadRuns = FleetRig.MARKET_MAKER.equals(daemon) ? Set.copyOf(seenOpen) : Set.of();

        rig.restart(daemon);
        rig.awaitHealthy(daemon);
        if (FleetRig.OMS.equals(daemon))
        {
            awaitMarketDataAtOms(rig, at);
        }
        awaitQuotes(rig, new HashSet<>(), at);
        awaitOnlyLiveRunOrders(rig, ofDeadRuns, at);
        // One more fill of the restarted core; the quotes rest again afterwards.
        final boolean[] once = {true};
        Await.until(() -> trade(rig, new HashSet<>(), once, WHOLE_QUOTE) && !once[0], TIMEOUT, () -> at + ": no fill after the restart\n" + rig.transcripts());

        awaitOnlyLiveRunOrders(rig, ofDeadRuns, at + " and a fill after the restart");
        awaitLedgerIsTheVenuesTrades(rig, at);
    }

    /**
     * Waits until the OMS has a book: a probe order above MAX_ORDER_QTY is refused MAX_ORDER_QTY, not
     * STALE_MARKET_DATA. A refused request is never journaled, so an OMS armed at a kill point does
     * not halt on it; and the strategy's requotes that bring it there are not refused for want of a book.
     */
    private static void awaitMarketDataAtOms(final FleetRig rig, final String at)
    {
        final long[] probe = {rig.bus().placeProbeOrder(Side.BUY, 3000_00, 6_0000)};
        final String[] reason = {"none yet"};
        Await.until(() ->
        {
            final FleetBus.OrderReject reject = rig.bus().orderRejects.stream()
                .filter(r -> r.strategyId() == FleetBus.PROBE_STRATEGY && r.requestId() == probe[0]).findFirst().orElse(null);
            if (reject == null)
            {
                return false;
            }
            reason[0] = reject.reason();
            if ("MAX_ORDER_QTY".equals(reject.reason()))
            {
                return true;
            }
            probe[0] = rig.bus().placeProbeOrder(Side.BUY, 3000_00, 6_0000);
            return false;
        }, TIMEOUT, () -> at + ": the OMS never had a book (a probe over MAX_ORDER_QTY refused " + reason[0] + ")\n" + rig.transcripts());
    }

    /** Waits until the strategy quotes both sides at the venue. */
    private void awaitQuotes(final FleetRig rig, final Set<String> seenOpen, final String at)
    {
        Await.until(() ->
        {
            final Map<String, String> open = venueOpenOrders(rig);
            seenOpen.addAll(open.keySet());
            return open.containsValue("BUY") && open.containsValue("SELL");
        }, TIMEOUT, () -> at + ": no two-sided quotes at the venue " + venueOpenOrders(rig) + "\n" + rig.transcripts());
    }

    /**
     * At most every 500 ms, the taker trades {@code qty} against the quote of the side it wants when
     * one rests (sells into the bid, then buys the ask, alternately). Returns whether it traded.
     */
    private boolean trade(final FleetRig rig, final Set<String> seenOpen, final boolean[] takerSells, final String qty)
    {
        if (System.nanoTime() - lastTradeTryNs < 500_000_000L)
        {
            return false;
        }
        lastTradeTryNs = System.nanoTime();
        final Map<String, String> open = venueOpenOrdersNow(rig);
        seenOpen.addAll(open.keySet());
        final String side = takerSells[0] ? "BUY" : "SELL";
        if (!open.containsValue(side))
        {
            return false;
        }
        try
        {
            rig.venue().takerOrder(takerSells[0] ? "SELL" : "BUY", "MARKET", null, qty);
        }
        catch (final Exception ex)
        {
            throw new AssertionError("taker order failed", ex);
        }
        takerSells[0] = !takerSells[0];
        return true;
    }

    private void awaitOnlyLiveRunOrders(final FleetRig rig, final Set<String> ofDeadRuns, final String at)
    {
        final Map<String, String>[] open = new Map[] {Map.of()};
        final Map<String, State>[] states = new Map[] {Map.of()};
        Await.until(() ->
        {
            open[0] = venueOpenOrders(rig);
            states[0] = latestStates(rig);
            if (open[0].isEmpty() || open[0].values().stream().distinct().count() != open[0].size())
            {
                return false;
            }
            for (final String clientOrderId : open[0].keySet())
            {
                final State state = states[0].get(clientOrderId);
                if (ofDeadRuns.contains(clientOrderId) || state == null || state.requestId() == 0 ||
                    !List.of("NEW", "PARTIALLY_FILLED").contains(state.status()))
                {
                    return false;
                }
            }
            return true;
        }, TIMEOUT, () -> "after " + at + ": venue-sim's open orders of mm " + open[0] + " are not exactly the live run's " +
            "(at most one per side, each answered to a request of the live run); the OMS's states " + states[0] +
            "; orders of dead runs " + ofDeadRuns + "\n" + rig.transcripts());
    }

    private static void awaitLedgerIsTheVenuesTrades(final FleetRig rig, final String at) throws Exception
    {
        final Object[] seen = new Object[3];
        Await.until(() ->
        {
            try
            {
                final List<String> venue = venueTradeRows(rig);
                final List<String> ledger = ledgerRows(rig);
                final BigDecimal net = venueNetPosition(rig);
                final BigDecimal published = publishedPosition(rig);
                seen[0] = venue;
                seen[1] = ledger;
                seen[2] = published;
                return venue.equals(ledger.stream().map(r -> r.substring(0, r.lastIndexOf(' '))).toList()) &&
                    published != null && published.compareTo(net) == 0;
            }
            catch (final Exception ex)
            {
                throw new AssertionError(ex);
            }
        }, TIMEOUT, () -> "after " + at + ": venue-sim's trades " + seen[0] + "\nledger " + seen[1] + "\npublished position " +
            seen[2] + "\n" + rig.transcripts());
        final List<String> ledger = ledgerRows(rig);
        final long strategyFills = ledger.stream().filter(r -> r.endsWith(" " + FleetRig.MM_STRATEGY)).count();
        assertEquals(ledger.size() - 1, strategyFills, at + ": every fill but the first (by hand, strategy 0) is the strategy's: " + ledger);
        assertTrue(ledger.get(0).endsWith(" 0"), at + ": " + ledger);
    }

    /** Client order id → the OMS's latest OrderState of the market-maker's strategy for it. */
    private static Map<String, State> latestStates(final FleetRig rig)
    {
        final Map<String, State> latest = new HashMap<>();
        for (final FleetBus.OrderState state : rig.bus().orderStates)
        {
            if (state.strategyId() == FleetRig.MM_STRATEGY)
            {
                latest.put(state.clientOrderId(), new State(state.requestId(), state.status()));
            }
        }
        return latest;
    }

    /** position-server's latest HedgeTarget's CeFi position of ETH-USDC, or null before one. */
    private static BigDecimal publishedPosition(final FleetRig rig)
    {
        return rig.bus().hedgedCefiPositions.get(FleetRig.INSTRUMENT_ID);
    }

    /**
     * The mm account's open orders at venue-sim: client order id → side. Asked at most every 250 ms
     * (the answer before is given meanwhile), so the test's polling spends little of the account's
     * request weight, which the exec-handler needs.
     */
    private Map<String, String> venueOpenOrders(final FleetRig rig)
    {
        if (System.nanoTime() - openOrdersAskedNs < 250_000_000L)
        {
            return openOrders;
        }
        return venueOpenOrdersNow(rig);
    }

    /** As {@link #venueOpenOrders}, asked now. */
    private Map<String, String> venueOpenOrdersNow(final FleetRig rig)
    {
        final Map<String, String> open = new HashMap<>();
        final JsonNode answer;
        try
        {
            answer = rig.venue().mmOpenOrders();
        }
        catch (final Exception ex)
        {
            throw new AssertionError("venue-sim openOrders failed", ex);
        }
        if (!answer.isArray())
        {
            throw new AssertionError("venue-sim openOrders answered " + answer);
        }
        answer.forEach(order -> open.put(order.get("clientOrderId").asText(), order.get("side").asText()));
        openOrders = open;
        openOrdersAskedNs = System.nanoTime();
        return open;
    }

    /** venue-sim's trades of the mm account as ledger rows: trade id, side, qty, price, fee, fee asset, liquidity (at 10^-8). */
    private static List<String> venueTradeRows(final FleetRig rig) throws Exception
    {
        final List<String> rows = new ArrayList<>();
        for (final JsonNode trade : rig.venue().mmTrades())
        {
            rows.add(trade.get("id").asLong() + " " + (trade.get("isBuyer").asBoolean() ? "BUY" : "SELL") + " " +
                scale8(trade.get("qty").asText()) + " " + scale8(trade.get("price").asText()) + " " +
                scale8(trade.get("commission").asText()) + " " + trade.get("commissionAsset").asText() + " " +
                (trade.get("isMaker").asBoolean() ? "MAKER" : "TAKER"));
        }
        rows.sort((a, b) -> Long.compare(Long.parseLong(a.split(" ")[0]), Long.parseLong(b.split(" ")[0])));
        return rows;
    }

    /** Net ETH the mm account's trades made: bought − sold − commission taken in ETH. */
    private static BigDecimal venueNetPosition(final FleetRig rig) throws Exception
    {
        BigDecimal net = BigDecimal.ZERO;
        for (final JsonNode trade : rig.venue().mmTrades())
        {
            final BigDecimal qty = new BigDecimal(trade.get("qty").asText());
            net = trade.get("isBuyer").asBoolean() ? net.add(qty) : net.subtract(qty);
            if ("ETH".equals(trade.get("commissionAsset").asText()))
            {
                net = net.subtract(new BigDecimal(trade.get("commission").asText()));
            }
        }
        return net;
    }

    /** position-server's ledger in the same row form, each row with the strategy it is attributed to after a space. */
    private static List<String> ledgerRows(final FleetRig rig) throws SQLException
    {
        final List<String> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + rig.ledger());
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(
                 "SELECT trade_id, side, qty, price, fee, fee_asset, liquidity, strategy_id FROM fills ORDER BY trade_id"))
        {
            while (result.next())
            {
                rows.add(result.getLong(1) + " " + result.getString(2) + " " + result.getLong(3) + " " + result.getLong(4) + " " +
                    result.getLong(5) + " " + result.getString(6) + " " + result.getString(7) + " " + result.getInt(8));
            }
        }
        return rows;
    }

    private static long scale8(final String decimal)
    {
        return new BigDecimal(decimal).movePointRight(8).longValueExact();
    }
}
