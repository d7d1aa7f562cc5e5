package io.mmfleet.fleettests;

import com.fasterxml.jackson.databind.JsonNode;
import io.mmfleet.bus.EpochClock;
import io.mmfleet.sbe.Side;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sqlite.SQLiteConfig;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import static io.mmfleet.fleettests.FleetRig.TIMEOUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole fleet as real processes against venue-sim, one fleet for the class, the tests in order:
 * each leaves the fleet in the state the next starts from (quoting), the last kills a daemon.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WholeFleetTest
{
    @RegisterExtension
    static final FleetRig FLEET = new FleetRig();

    private static final BigDecimal ETH_START = new BigDecimal("50");
    private static final BigDecimal USDT_START = new BigDecimal("100000");
    private static final Set<String> LIVE = Set.of("NEW", "PARTIALLY_FILLED");
    /** Binance's -2013 "Order does not exist.". */
    private static final int UNKNOWN_ORDER = -2013;
    private final EpochClock clock = new EpochClock();

    /**
     * On a fresh ledger nothing has traded, yet market-maker must quote: flat is an inventory.
     */
    @Test
    @Order(1)
    void onAFreshLedgerTheMarketMakerQuotesBeforeAnythingHasTraded() throws Exception
    {
        final AtomicReference<List<JsonNode>> quotes = new AtomicReference<>(List.of());
        FLEET.await(() ->
        {
            quotes.set(mmQuotes());
            return quotes.get().size() == 2;
        }, TIMEOUT, () -> "no two quotes rest on the venue before any fill: " + quotes.get() + "; market-maker /health: " +
            FLEET.health(FleetRig.MARKET_MAKER) + "; HedgeTargets position-server published so far: " + FLEET.bus().hedgeTargets.size() +
            "; PositionUpdates: " + FLEET.bus().positions.size());
    }

    @Test
    @Order(2)
    void quotesRestFillsFlowAndTheLedgerThePositionsAndTheOrderStatesEqualTheVenues() throws Exception
    {
        int trades = 0;
        if (!FLEET.healthy(FleetRig.MARKET_MAKER))
        {
            // A fill of the probe strategy, through the fleet (OMS, exec-handler, position-server), gives
            // position-server an instrument to publish a HedgeTarget for — without it market-maker has no
            // inventory and never quotes (the first test). A sell, so that its fee is in USDT and the
            // position stays on the lot (the third test), just under the taker's ask, so that the mid
            // market-maker first sees is still about 3000 (it quotes around the book's mid, its own
            // quotes included: a mid moved while it quotes stays moved).
            final long probe = FLEET.bus().placeProbeOrder(Side.SELL, 3009_99, 100);
            awaitOrderState(s -> s.strategyId() == FleetBus.PROBE_STRATEGY && s.requestId() == probe && "NEW".equals(s.status()) &&
                s.venueOrderId() != 0, "the probe's order NEW at the venue");
            final JsonNode primed = takerIoc("BUY", "3009.99", "0.0100");
            assertEquals(0, new BigDecimal("0.01").compareTo(new BigDecimal(primed.get("executedQty").asText())), "the probe's order filled: " + primed);
            trades += primed.get("fills").size();
        }
        awaitTwoQuotes(Set.of());

        // The taker crosses our quotes, both sides, partly each time.
        for (final String takerSide : List.of("SELL", "BUY", "SELL", "BUY", "BUY"))
        {
            trades += crossOurQuote(takerSide, "0.0100");
        }
        final int expectedTrades = trades;

        final String[] why = {""};
        FLEET.await(() ->
        {
            try
            {
                why[0] = disagreement(expectedTrades);
                return why[0].isEmpty();
            }
            catch (final Exception ex)
            {
                why[0] = ex.toString();
                return false;
            }
        }, TIMEOUT, () -> "the fleet never agreed with the venue: " + why[0]);
        FLEET.assertAllRunning();
    }

    /**
     * The first difference between what the fleet recorded and the venue, or "" when there is none:
     * the ledger is the venue's trade list of the mm account; the positions position-server published
     * (over both strategies) and the ledger's cash flows are the account's balance changes; every
     * order's last OrderState is the venue's status and executed quantity of it.
     */
    private static String disagreement(final int expectedTrades) throws Exception
    {
        final List<String> venueTrades = venueTradeRows();
        final List<String> ledger = ledgerRows();
        if (venueTrades.size() != expectedTrades)
        {
            return "the venue lists " + venueTrades.size() + " trades of the mm account, the taker made " + expectedTrades + ": " + venueTrades;
        }
        if (!ledger.equals(venueTrades))
        {
            return "ledger " + ledger + " is not the venue's trade list " + venueTrades;
        }
        final Map<String, BigDecimal> balances = balances();
        final BigDecimal ethChange = balances.get("ETH").subtract(ETH_START);
        final BigDecimal usdtChange = balances.get("USDT").subtract(USDT_START);
        final BigDecimal[] flows = ledgerFlows();
        if (flows[0].compareTo(ethChange) != 0 || flows[1].compareTo(usdtChange) != 0)
        {
            return "ledger flows ETH " + flows[0] + " USDT " + flows[1] + " are not the balance changes ETH " + ethChange + " USDT " + usdtChange;
        }
        final Map<Integer, FleetBus.Position> lastPositions = new HashMap<>();
        FLEET.bus().positions.stream().filter(p -> p.instrumentId() == FleetRig.INSTRUMENT_ID).forEach(p -> lastPositions.put(p.strategyId(), p));
        final BigDecimal published = lastPositions.values().stream().map(FleetBus.Position::position).reduce(BigDecimal.ZERO, BigDecimal::add);
        final long publishedFills = lastPositions.values().stream().mapToLong(FleetBus.Position::fillCount).sum();
        if (published.compareTo(ethChange) != 0 || publishedFills != expectedTrades)
        {
            return "published positions " + lastPositions + " sum to " + published + " over " + publishedFills + " fills; ETH balance change " +
                ethChange + " over " + expectedTrades;
        }
        return orderStatesDisagreement();
    }

    /**
     * Every order the OMS reported: its last state is the venue's (one refused before the venue is
     * unknown there); the venue's open orders are the OMS's live ones; no order the OMS does not know.
     */
    private static String orderStatesDisagreement() throws Exception
    {
        final Map<String, FleetBus.OrderState> last = new LinkedHashMap<>();
        FLEET.bus().orderStates.forEach(s -> last.put(s.clientOrderId(), s));
        for (final FleetBus.OrderState state : last.values())
        {
            final JsonNode order = FLEET.venue().asMm("GET", "/api/v3/order", "symbol=ETHUSDT&origClientOrderId=" + state.clientOrderId());
            if ("REJECTED".equals(state.status()) && state.venueOrderId() == 0)
            {
                // Refused before it reached the venue (market-maker quotes as soon as it can, and on a
                // loaded box that can be before the exec-handler's session is up): the venue must not know it.
                if (order.path("code").asInt() != UNKNOWN_ORDER)
                {
                    return "OMS says " + state + " (never at the venue), the venue " + order;
                }
                continue;
            }
            if (!state.status().equals(order.path("status").asText()) ||
                state.cumQty().compareTo(new BigDecimal(order.path("executedQty").asText("-1"))) != 0)
            {
                return "OMS says " + state + ", the venue " + order;
            }
        }
        final Set<String> venueOpen = new HashSet<>();
        FLEET.venue().mmOpenOrders().forEach(o -> venueOpen.add(o.get("clientOrderId").asText()));
        final Set<String> omsLive = last.values().stream().filter(s -> LIVE.contains(s.status())).map(FleetBus.OrderState::clientOrderId)
            .collect(Collectors.toSet());
        if (!venueOpen.equals(omsLive))
        {
            return "open at the venue " + venueOpen + ", live at the OMS " + omsLive;
        }
        final Set<String> unknown = FLEET.venueEvents.events().stream().map(VenueEvents.OrderEvent::clientOrderId)
            .filter(id -> !last.containsKey(id)).collect(Collectors.toSet());
        return unknown.isEmpty() ? "" : "orders at the venue the OMS never reported: " + unknown;
    }

    /**
     * After the short run (the mm account bought, paying its fee in ETH: 0.01 bought is 0.009995 held),
     * market-maker's inventory must still follow position-server's HedgeTargets: a net inventory finer
     * than the lot is still the inventory, not a bad message.
     */
    @Test
    @Order(3)
    void marketMakerTakesEveryHedgeTargetAfterBuysWhoseFeeIsInTheBaseAsset() throws Exception
    {
        assertTrue(venueTradeRows().stream().anyMatch(t -> t.contains(" BUY ") && t.endsWith(" ETH")),
            "the short run made a buy whose fee is in ETH: " + venueTradeRows());
        final String metrics = FLEET.metrics(FleetRig.MARKET_MAKER);
        final String badMessages = metrics.lines().filter(l -> l.startsWith("market_maker_bad_messages")).findFirst()
            .orElseThrow(() -> new AssertionError("no market_maker_bad_messages in " + metrics));
        assertEquals(0.0, Double.parseDouble(badMessages.substring(badMessages.lastIndexOf(' ') + 1)),
            "market-maker refused messages after buys with ETH fees: " + badMessages + "; its last lines:\n" +
                FLEET.lastLines(FleetRig.MARKET_MAKER));
    }

    @Test
    @Order(4)
    void theKillSwitchByBusctlCancelsEveryQuoteWithinASecondAndRefusesNewOrdersUntilCleared() throws Exception
    {
        awaitTwoQuotes(Set.of());
        final int killSwitchesBefore = FLEET.bus().killSwitches.size();

        // Six subscribers to ctl: the five daemons and the test's own, so the first send is the one recorded.
        final FleetRig.BusctlRun kill = FLEET.busctl("send", "--ack-from", "oms", "--subscribers", "6",
            "--json", "{\"type\":\"KillSwitch\",\"scope\":\"ALL\",\"reason\":\"fleet test\"}");
        assertEquals(0, kill.exitCode(), kill.transcript());
        final long killAppliedNs = clock.nanoTime();
        FLEET.await(() -> FLEET.bus().killSwitches.size() > killSwitchesBefore, TIMEOUT, () -> "the KillSwitch never seen on the control endpoint");
        final long sendNs = FLEET.bus().killSwitches.get(killSwitchesBefore).sendNs();
        // What was open when the KillSwitch went out, from the venue's own events: the quotes seen
        // before busctl started may have been replaced meanwhile (MAX_ORDER_AGE) and cancelled by
        // market-maker, before the kill switch.
        final Set<Long> openAtKill = FLEET.venueEvents.openBefore(sendNs);
        assertTrue(!openAtKill.isEmpty(), "market-maker had orders open at the venue when the KillSwitch went out");

        final JsonNode[] open = {null};
        FLEET.await(() ->
        {
            open[0] = uncheck(() -> FLEET.venue().mmOpenOrders());
            return open[0].isEmpty();
        }, TIMEOUT, () -> "orders still open at the venue after the kill switch: " + open[0]);
        final Map<Long, Long> cancelNs = new HashMap<>();
        FLEET.venueEvents.since(sendNs, "CANCELED").forEach(e -> cancelNs.merge(e.orderId(), e.epochNs(), Math::max));
        assertTrue(cancelNs.keySet().containsAll(openAtKill), "every quote open at the kill cancelled: " + openAtKill + " vs " + cancelNs);
        final long lastCancelNs = cancelNs.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        final double measuredMs = (lastCancelNs - sendNs) / 1e6;
        System.out.printf("kill switch: busctl's KillSwitch sendNs to the venue's last cancel of the mm account: %.1f ms (%d orders)%n",
            measuredMs, cancelNs.size());
        assertTrue(lastCancelNs - sendNs < 1_000_000_000L, "all orders gone within 1 s of the KillSwitch's sendNs: " + measuredMs + " ms");

        // Refused while it holds: the probe's new order, and any market-maker sent.
        final long refused = FLEET.bus().placeProbeOrder(Side.BUY, 2999_00, 100);
        final FleetBus.OrderReject reject = awaitReject(FleetBus.PROBE_STRATEGY, refused);
        assertEquals("KILL_SWITCH", reject.reason(), reject.toString());
        // A window to watch what market-maker does while the switch holds (nothing is waited for here).
        FLEET.await(() -> clock.nanoTime() - killAppliedNs > 1_000_000_000L, TIMEOUT, () -> "");
        final long clearStartNs = clock.nanoTime();
        assertEquals(List.of(), FLEET.venueEvents.events().stream().filter(e -> e.epochNs() >= killAppliedNs && e.epochNs() < clearStartNs &&
            "NEW".equals(e.executionType())).toList(), "nothing new at the venue while the kill switch holds");
        // A resend inside the window of a request first sent before the OMS applied the switch is
        // answered as that request was (it may have been accepted): only requests new while it held count.
        final Set<Long> sentBeforeKill = FLEET.bus().marketMakerRequests.stream().filter(r -> r.sendNs() < killAppliedNs)
            .map(FleetBus.OrderRequest::requestId).collect(Collectors.toSet());
        final List<FleetBus.OrderRequest> requestsWhileKilled = FLEET.bus().marketMakerRequests.stream()
            .filter(r -> r.sendNs() >= killAppliedNs && r.sendNs() < clearStartNs && !sentBeforeKill.contains(r.requestId())).toList();
        for (final FleetBus.OrderRequest request : requestsWhileKilled)
        {
            assertEquals("KILL_SWITCH", awaitReject(request.strategyId(), request.requestId()).reason(), request.toString());
        }
        System.out.println("kill switch: market-maker sent " + requestsWhileKilled.size() + " new order request(s) while it held");
        assertTrue(FLEET.bus().orderStates.stream().noneMatch(s -> s.strategyId() == FleetBus.PROBE_STRATEGY && s.requestId() == refused));

        final FleetRig.BusctlRun clear = FLEET.busctl("send", "--ack-from", "oms,market-maker", "--subscribers", "6",
            "--json", "{\"type\":\"KillSwitchClear\",\"scope\":\"ALL\",\"reason\":\"fleet test\"}");
        assertEquals(0, clear.exitCode(), clear.transcript());
        final List<JsonNode> resumed = awaitTwoQuotes(openAtKill);
        assertEquals(2, resumed.size(), "quoting resumed with new orders: " + resumed);
        FLEET.assertAllRunning();
    }

    @Test
    @Order(5)
    void aDaemonThatDiesIsReportedByNameWithItsLastLines() throws Exception
    {
        FLEET.assertAllRunning();
        FLEET.kill(FleetRig.POSITION_SERVER);
        final AssertionError report = assertThrows(AssertionError.class, FLEET::assertAllRunning);
        assertTrue(report.getMessage().contains("position-server exited unexpectedly (exit code 137)"), report.getMessage());
        assertTrue(report.getMessage().contains("event="), "its last log lines are in the report: " + report.getMessage());
        final long startNs = System.nanoTime();
        final AssertionError waitFailure = assertThrows(AssertionError.class, () -> FLEET.await(() -> false, TIMEOUT, () -> "never"));
        assertTrue(waitFailure.getMessage().contains("position-server exited unexpectedly"), waitFailure.getMessage());
        assertTrue(System.nanoTime() - startNs < TIMEOUT.toNanos() / 2, "a wait fails at once, not at its deadline");
    }

    /** The market-maker's quotes resting on the venue (post-only orders of the mm account). */
    private static List<JsonNode> mmQuotes()
    {
        final List<JsonNode> quotes = new ArrayList<>();
        final JsonNode open = uncheck(() -> FLEET.venue().mmOpenOrders());
        if (!open.isArray())
        {
            throw new AssertionError("openOrders answered " + open);
        }
        open.forEach(o ->
        {
            if ("LIMIT_MAKER".equals(o.get("type").asText()))
            {
                quotes.add(o);
            }
        });
        return quotes;
    }

    /**
     * Waits for market-maker's bid and ask resting on the venue either side of the 3000 mid, inside the
     * taker's 2990/3010 (a quote made while another order moved the book is replaced once the book is
     * back), none of them among {@code notThese} (order ids).
     */
    private static List<JsonNode> awaitTwoQuotes(final Set<Long> notThese)
    {
        final AtomicReference<List<JsonNode>> quotes = new AtomicReference<>(List.of());
        FLEET.await(() ->
        {
            final List<JsonNode> open = mmQuotes();
            quotes.set(open);
            return open.size() == 2 && open.stream().map(o -> o.get("side").asText()).distinct().count() == 2 &&
                open.stream().allMatch(WholeFleetTest::eitherSideOfTheMid) &&
                open.stream().noneMatch(o -> notThese.contains(o.get("orderId").asLong()));
        }, TIMEOUT, () -> "market-maker's bid and ask never rested on the venue either side of 3000: " + quotes.get() +
            "; market-maker /health " + FLEET.health(FleetRig.MARKET_MAKER));
        return quotes.get();
    }

    private static boolean eitherSideOfTheMid(final JsonNode quote)
    {
        final BigDecimal price = new BigDecimal(quote.get("price").asText());
        final boolean bid = "BUY".equals(quote.get("side").asText());
        return bid ? price.compareTo(new BigDecimal("2990")) > 0 && price.compareTo(new BigDecimal("3000")) < 0
            : price.compareTo(new BigDecimal("3000")) > 0 && price.compareTo(new BigDecimal("3010")) < 0;
    }

    /**
     * The taker hits our quote on the other side with an IOC at its price until something fills (a
     * quote may move meanwhile); returns the number of trades it made.
     */
    private static int crossOurQuote(final String takerSide, final String qty)
    {
        final String quoteSide = "SELL".equals(takerSide) ? "BUY" : "SELL";
        final JsonNode[] last = {null};
        FLEET.await(() ->
        {
            final JsonNode quote = mmQuotes().stream().filter(o -> quoteSide.equals(o.get("side").asText())).findFirst().orElse(null);
            if (quote == null)
            {
                return false;
            }
            last[0] = uncheck(() -> takerIoc(takerSide, quote.get("price").asText(), qty));
            return new BigDecimal(last[0].get("executedQty").asText()).signum() > 0;
        }, TIMEOUT, () -> "the taker's " + takerSide + " never filled against our quote: " + last[0]);
        return last[0].get("fills").size();
    }

    private static JsonNode takerIoc(final String side, final String price, final String qty) throws Exception
    {
        return FLEET.venue().asTaker("POST", "/api/v3/order", "symbol=ETHUSDT&side=" + side + "&type=LIMIT&timeInForce=IOC&quantity=" + qty +
            "&price=" + price + "&newOrderRespType=FULL");
    }

    private static FleetBus.OrderState awaitOrderState(final java.util.function.Predicate<FleetBus.OrderState> predicate, final String what)
    {
        final FleetBus.OrderState[] found = {null};
        FLEET.await(() ->
        {
            found[0] = FLEET.bus().orderStates.stream().filter(predicate).findFirst().orElse(null);
            return found[0] != null;
        }, TIMEOUT, () -> "no OrderState: " + what + "; rejects " + FLEET.bus().orderRejects);
        return found[0];
    }

    private static FleetBus.OrderReject awaitReject(final int strategyId, final long requestId)
    {
        final FleetBus.OrderReject[] found = {null};
        FLEET.await(() ->
        {
            found[0] = FLEET.bus().orderRejects.stream().filter(r -> r.strategyId() == strategyId && r.requestId() == requestId)
                .findFirst().orElse(null);
            return found[0] != null;
        }, TIMEOUT, () -> "request " + requestId + " of strategy " + strategyId + " not refused; its states " +
            FLEET.bus().orderStates.stream().filter(s -> s.strategyId() == strategyId && s.requestId() == requestId).toList());
        return found[0];
    }

    /** The venue's trades of the mm account as "id side qty price fee feeAsset", decimals plain. */
    private static List<String> venueTradeRows() throws Exception
    {
        final List<String> rows = new ArrayList<>();
        for (final JsonNode trade : FLEET.venue().mmTrades())
        {
            rows.add(trade.get("id").asLong() + " " + (trade.get("isBuyer").asBoolean() ? "BUY" : "SELL") + " " +
                plain(new BigDecimal(trade.get("qty").asText())) + " " + plain(new BigDecimal(trade.get("price").asText())) + " " +
                plain(new BigDecimal(trade.get("commission").asText())) + " " + trade.get("commissionAsset").asText());
        }
        rows.sort((a, b) -> Long.compare(Long.parseLong(a.split(" ")[0]), Long.parseLong(b.split(" ")[0])));
        return rows;
    }

    /** The ledger's fills in the same form; its amounts are mantissas at 10^-8. Read-only, beside the running daemon. */
    private static List<String> ledgerRows() throws SQLException
    {
        final List<String> rows = new ArrayList<>();
        query("SELECT trade_id, side, qty, price, fee, fee_asset FROM fills ORDER BY trade_id", result ->
            rows.add(result.getLong(1) + " " + result.getString(2) + " " + plain(e8(result.getLong(3))) + " " + plain(e8(result.getLong(4))) +
                " " + plain(e8(result.getLong(5))) + " " + result.getString(6)));
        return rows;
    }

    /** {ETH, USDT} the ledger's fills moved: bought minus sold minus fees in the asset; quote received minus paid minus fees. */
    private static BigDecimal[] ledgerFlows() throws SQLException
    {
        final BigDecimal[] flows = {BigDecimal.ZERO, BigDecimal.ZERO};
        query("SELECT side, qty, quote_qty, fee, fee_asset FROM fills", result ->
        {
            final boolean buy = "BUY".equals(result.getString(1));
            final BigDecimal qty = e8(result.getLong(2));
            final BigDecimal quoteQty = e8(result.getLong(3));
            flows[0] = buy ? flows[0].add(qty) : flows[0].subtract(qty);
            flows[1] = buy ? flows[1].subtract(quoteQty) : flows[1].add(quoteQty);
            final BigDecimal fee = e8(result.getLong(4));
            if ("ETH".equals(result.getString(5)))
            {
                flows[0] = flows[0].subtract(fee);
            }
            else if ("USDT".equals(result.getString(5)))
            {
                flows[1] = flows[1].subtract(fee);
            }
        });
        return flows;
    }

    private interface RowReader
    {
        void read(ResultSet row) throws SQLException;
    }

    private static void query(final String sql, final RowReader reader) throws SQLException
    {
        final SQLiteConfig readOnly = new SQLiteConfig();
        readOnly.setReadOnly(true);
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + FLEET.ledger(), readOnly.toProperties());
            Statement statement = connection.createStatement();
            ResultSet result = statement.executeQuery(sql))
        {
            while (result.next())
            {
                reader.read(result);
            }
        }
    }

    /** The mm account's balances (free + locked) by asset. */
    private static Map<String, BigDecimal> balances() throws Exception
    {
        final Map<String, BigDecimal> balances = new HashMap<>();
        final JsonNode account = FLEET.venue().asMm("GET", "/api/v3/account", "omitZeroBalances=false");
        if (!account.path("balances").isArray())
        {
            throw new AssertionError("account answered " + account);
        }
        for (final JsonNode balance : account.get("balances"))
        {
            balances.put(balance.get("asset").asText(), new BigDecimal(balance.get("free").asText()).add(new BigDecimal(balance.get("locked").asText())));
        }
        return balances;
    }

    private static BigDecimal e8(final long mantissa)
    {
        return BigDecimal.valueOf(mantissa, 8);
    }

    private static String plain(final BigDecimal value)
    {
        return value.stripTrailingZeros().toPlainString();
    }

    private interface Call<T>
    {
        T call() throws Exception;
    }

    private static <T> T uncheck(final Call<T> call)
    {
        try
        {
            return call.call();
        }
        catch (final RuntimeException ex)
        {
            throw ex;
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
