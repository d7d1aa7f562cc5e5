package io.mmfleet.marketmaker;

import io.mmfleet.bus.testing.DaemonHttp;
import io.mmfleet.bus.testing.JavaProcess;
import io.mmfleet.sbe.OrderType;
import io.mmfleet.sbe.Side;
import io.mmfleet.sbe.VenueState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The market-maker as a real process against the rig playing quote-server, exec-handler, position-server and the OMS. */
class MarketMakerProcessTest
{
    @Test
    void twoSidedPostOnlyQuotesSitAroundTheMidOnTheTickWithTheReservationSkewedAgainstTheInventory(@TempDir final Path dir) throws Exception
    {
        try (MmRig rig = new MmRig(dir, ""))
        {
            rig.alternate = true;
            rig.inventory = 1000;
            rig.omsAnswers = false;
            rig.start();

            // Unanswered, a request is sent again with the same id; answered, it stops.
            rig.await(() -> !rig.requestsReceived.isEmpty() && Collections.frequency(rig.requestsReceived, rig.requestsReceived.get(0)) >= 2, "a NewOrderRequest resent until answered");
            rig.omsAnswers = true;

            // Long 0.1 ETH (10 % of MAX_INVENTORY, below the 20 % rule): once σ is estimated the model's reservation price is below the mid.
            rig.await(() -> rig.quotes.stream().anyMatch(q -> q.reservation() < q.mid()), "a model quote with its reservation below the mid");
            assertTrue(rig.quotes.stream().noneMatch(q -> q.reservation() > q.mid()), "long inventory never skews up: " + rig.quotes);
            final MmRig.Quotes skewed = rig.quotes.stream().filter(q -> q.reservation() < q.mid() && q.hasBid() && q.hasAsk())
                .findFirst().orElseThrow();
            assertTrue((skewed.bidPrice() + skewed.askPrice()) * 5 < skewed.mid(), "quote centred below the mid: " + skewed);

            rig.await(() -> rig.newOrders.stream().anyMatch(o -> o.side() == Side.BUY) &&
                rig.newOrders.stream().anyMatch(o -> o.side() == Side.SELL), "a bid and an ask");
            for (final MmRig.NewOrder order : rig.newOrders)
            {
                assertEquals(OrderType.LIMIT_MAKER, order.type(), order.toString());
                assertEquals("GTC", order.tif(), order.toString());
                assertEquals(-2, order.priceExponent(), order.toString());
                assertEquals(0, order.price() % MmRig.TICK, "on the 0.05 tick: " + order);
                assertEquals(-4, order.qtyExponent(), order.toString());
                assertEquals(500, order.qty(), "ORDER_QTY 0.05: " + order);
            }
            for (final MmRig.Quotes q : rig.quotes)
            {
                if (q.hasBid() && q.hasAsk())
                {
                    assertTrue(q.bidPrice() * 10 < q.mid() && q.mid() < q.askPrice() * 10, "bid below and ask above the mid: " + q);
                }
            }
            assertTrue(rig.quoteIntents > 0, "QuoteIntent published with the quotes");

            // Short 0.1 ETH: the reservation moves above the mid.
            rig.inventory = -1000;
            rig.await(() -> rig.quotes.stream().anyMatch(q -> q.reservation() > q.mid()), "a model quote with its reservation above the mid");
        }
    }

    @Test
    void aLongInventoryPastFortyPercentQuotesOnlyTheSellSide(@TempDir final Path dir) throws Exception
    {
        try (MmRig rig = new MmRig(dir, "VOLATILITY_WARMUP_SAMPLES = 100000"))
        {
            rig.start();
            final MmRig.NewOrder buy = rig.awaitNewOrder(0, o -> o.side() == Side.BUY, "the first bid");
            rig.awaitNewOrder(0, o -> o.side() == Side.SELL, "the first ask");

            rig.inventory = 5000;
            rig.await(() -> rig.imbalanceLevels.contains("CRITICAL"), "InventoryImbalanceDetected CRITICAL");
            rig.await(() -> rig.cancels.stream().anyMatch(c -> c.origRequestId() == buy.requestId()), "the bid cancelled");
            final int critical = rig.timeline.indexOf("imbalance CRITICAL");
            // The reducing side is skewed closer, so the ask is requoted: a new SELL after the event.
            rig.await(() -> rig.timeline.subList(critical, rig.timeline.size()).stream().anyMatch(e -> e.startsWith("new ") && e.contains("SELL")),
                "a new ask after the critical imbalance");
            rig.await(() -> rig.timeline.subList(critical, rig.timeline.size()).stream().anyMatch(e -> e.startsWith("quotes ")),
                "QuotesUpdated after the critical imbalance");
            final List<String> after = List.copyOf(rig.timeline.subList(critical, rig.timeline.size()));
            assertTrue(after.stream().noneMatch(e -> e.startsWith("new ") && e.contains("BUY")), "no bid past 40 %: " + after);
            assertTrue(after.stream().filter(e -> e.startsWith("quotes ")).allMatch(e -> e.contains("hasBid=false") && e.contains("hasAsk=true")),
                "quotes ask only: " + after);
        }
    }

    @Test
    void aMidMoveBeyondTheRefreshToleranceCancelsThenPlacesAnewAndASmallerOneDoesNot(@TempDir final Path dir) throws Exception
    {
        try (MmRig rig = new MmRig(dir, "VOLATILITY_WARMUP_SAMPLES = 100000"))
        {
            rig.start();
            final MmRig.NewOrder buy = rig.awaitNewOrder(0, o -> o.side() == Side.BUY, "the first bid");
            final MmRig.NewOrder sell = rig.awaitNewOrder(0, o -> o.side() == Side.SELL, "the first ask");

            // 0.05 on 3000.50 is 0.17 bp, under REFRESH_TOLERANCE_BPS 2: twenty more books change nothing.
            rig.bid += 5;
            rig.ask += 5;
            final double books = rig.metric("market_maker_books_total");
            rig.await(() -> rig.metric("market_maker_books_total") >= books + 20, "twenty more books at the market-maker");
            assertTrue(rig.cancels.isEmpty(), "no cancel below the tolerance: " + rig.cancels);

            // 10.00 is 33 bp: both orders cancelled, then placed anew at the moved prices.
            final int before = rig.newOrders.size();
            final long movingBook = rig.booksSent() + 1;
            rig.bid += 10_00;
            rig.ask += 10_00;
            final MmRig.NewOrder newBuy = rig.awaitNewOrder(before, o -> o.side() == Side.BUY, "a new bid after the move");
            final MmRig.NewOrder newSell = rig.awaitNewOrder(before, o -> o.side() == Side.SELL, "a new ask after the move");
            assertTrue(newBuy.price() > buy.price() && newSell.price() > sell.price(), "moved up with the book");
            final int cancelBuy = rig.timeline.indexOf(rig.timeline.stream().filter(e -> e.endsWith(" of " + buy.requestId())).findFirst()
                .orElseThrow(() -> new AssertionError("bid never cancelled: " + rig.timeline)));
            final int cancelSell = rig.timeline.indexOf(rig.timeline.stream().filter(e -> e.endsWith(" of " + sell.requestId())).findFirst()
                .orElseThrow(() -> new AssertionError("ask never cancelled: " + rig.timeline)));
            assertTrue(cancelBuy < rig.timeline.indexOf("new " + newBuy.requestId() + " BUY " + newBuy.price()), "cancel before new: " + rig.timeline);
            assertTrue(cancelSell < rig.timeline.indexOf("new " + newSell.requestId() + " SELL " + newSell.price()), "cancel before new: " + rig.timeline);
            // Placed when the cancel was answered, but decided by the book that moved the market: tick-to-order
            // then includes the cancel round trip.
            for (final MmRig.NewOrder replacing : List.of(newBuy, newSell))
            {
                final long origin = rig.newOrderOrigins.get(replacing.requestId());
                assertFalse(MmRig.isAnswerOrigin(origin), "not the cancel answer's originNs: " + origin);
                assertEquals(MmRig.bookOrigin(movingBook), origin, "the originNs of the first book at the moved prices");
            }
        }
    }

    @Test
    void aVenueNotLiveOrTheKillSwitchCancelsTheQuotesAndPublishesMarketMakerStopped(@TempDir final Path dir) throws Exception
    {
        try (MmRig rig = new MmRig(dir, "VOLATILITY_WARMUP_SAMPLES = 100000"))
        {
            rig.start();
            final MmRig.NewOrder buy = rig.awaitNewOrder(0, o -> o.side() == Side.BUY, "the first bid");
            final MmRig.NewOrder sell = rig.awaitNewOrder(0, o -> o.side() == Side.SELL, "the first ask");

            rig.venueState = VenueState.STALE;
            rig.await(() -> rig.stops.contains("VENUE_UNTRUSTED"), "MarketMakerStopped VENUE_UNTRUSTED");
            rig.await(() -> cancelled(rig, buy) && cancelled(rig, sell), "both quotes cancelled");

            final int before = rig.newOrders.size();
            rig.venueState = VenueState.LIVE;
            rig.await(() -> rig.starts >= 2, "MarketMakerStarted again once LIVE");
            final MmRig.NewOrder again = rig.awaitNewOrder(before, o -> o.side() == Side.BUY, "a bid again");

            rig.killSwitch(true);
            rig.await(() -> rig.stops.contains("KILL_SWITCH"), "MarketMakerStopped KILL_SWITCH");
            rig.await(() -> cancelled(rig, again), "the bid cancelled by the kill switch");
            final int halted = rig.newOrders.size();
            rig.killSwitch(false);
            rig.await(() -> rig.starts >= 3, "MarketMakerStarted once the kill switch is cleared");
            rig.awaitNewOrder(halted, o -> true, "quoting again");
        }
    }

    @Test
    void aStaleBookCancelsTheQuotesButAQuietMarketWithQuoteServerHeartbeatsDoesNot(@TempDir final Path dir) throws Exception
    {
        try (MmRig rig = new MmRig(dir, "VOLATILITY_WARMUP_SAMPLES = 100000"))
        {
            rig.start();
            final MmRig.NewOrder buy = rig.awaitNewOrder(0, o -> o.side() == Side.BUY, "the first bid");
            final MmRig.NewOrder sell = rig.awaitNewOrder(0, o -> o.side() == Side.SELL, "the first ask");

            // No book for 1 s, twice MARKET_DATA_TIMEOUT, but the quote-server's READY heartbeats keep coming.
            rig.booksOn = false;
            final long heartbeats = rig.heartbeatsSent();
            rig.await(() -> rig.heartbeatsSent() >= heartbeats + 10, "ten heartbeats without a book");
            assertTrue(rig.stops.isEmpty(), "a quiet market is not stale: " + rig.stops);

            rig.heartbeatsOn = false;
            rig.await(() -> rig.stops.contains("STALE_MARKET_DATA"), "MarketMakerStopped STALE_MARKET_DATA");
            rig.await(() -> cancelled(rig, buy) && cancelled(rig, sell), "both quotes cancelled");
            assertEquals(0.0, rig.metric("market_maker_quoting"));

            rig.booksOn = true;
            rig.heartbeatsOn = true;
            rig.await(() -> rig.starts >= 2, "MarketMakerStarted with books again");
        }
    }

    @Test
    void ourOwnQuotesInTheVenueBookAreNotTheMarketAndASweptSideIsHeldThenStale(@TempDir final Path dir) throws Exception
    {
        try (MmRig rig = new MmRig(dir, "VOLATILITY_WARMUP_SAMPLES = 100000\nONE_SIDED_BOOK_TIMEOUT = 4s"))
        {
            rig.ownOrdersInBook = true;
            rig.start();
            final MmRig.NewOrder buy = rig.awaitNewOrder(0, o -> o.side() == Side.BUY, "the first bid");
            final MmRig.NewOrder sell = rig.awaitNewOrder(0, o -> o.side() == Side.SELL, "the first ask");
            final int orders = rig.newOrders.size();

            // The market's asks are swept: the venue's book still has an ask, ours. Read as the market it
            // would move the mid up by half the spread and requote; ex our own orders it is one-sided: held.
            rig.ask = 0;
            rig.await(() -> rig.metric("market_maker_books_unusable_total") >= 20, "twenty books with only our own ask");
            rig.ask = 3001_00;
            final double books = rig.metric("market_maker_books_total");
            rig.await(() -> rig.metric("market_maker_books_total") >= books + 10, "ten two-sided books again");
            assertEquals(orders, rig.newOrders.size(), "no requote around our own ask: " + rig.timeline);
            assertTrue(rig.cancels.isEmpty(), "the orders were held: " + rig.timeline);
            assertTrue(rig.stops.isEmpty(), "a one-sided blip is no stop: " + rig.timeline);

            // Swept for longer than ONE_SIDED_BOOK_TIMEOUT: stale, though books and heartbeats keep coming.
            rig.ask = 0;
            rig.await(() -> rig.stops.contains("STALE_MARKET_DATA"), "MarketMakerStopped STALE_MARKET_DATA after the one-sided bound");
            rig.await(() -> cancelled(rig, buy) && cancelled(rig, sell), "both quotes cancelled");
            rig.ask = 3001_00;
            rig.await(() -> rig.starts >= 2, "MarketMakerStarted with a two-sided book again");
        }
    }

    @Test
    void notReadyAndNotQuotingUntilTheInventoryIsKnown(@TempDir final Path dir) throws Exception
    {
        try (MmRig rig = new MmRig(dir, ""))
        {
            rig.inventoryOn = false;
            rig.launch();
            rig.await(() -> rig.metric("market_maker_books_total") >= 10, "books at the market-maker");
            // Started after quote-server and exec-handler, it asks each for its state rather than waiting for a change.
            rig.await(() -> rig.snapshotRequests.contains("1 md.binance.ETH-USDC"), "a SnapshotRequest for the book to quote-server");
            assertTrue(rig.snapshotRequests.contains("4 acct.binance"), "a SnapshotRequest for the definitions to exec-handler: " +
                rig.snapshotRequests);
            assertEquals(503, DaemonHttp.healthStatus(rig.httpPort), "a book and a definition but no inventory");
            assertTrue(rig.newOrders.isEmpty(), "nothing quoted without an inventory: " + rig.newOrders);

            rig.inventoryOn = true;
            rig.await(() -> DaemonHttp.healthStatus(rig.httpPort) == 200, "ready once the HedgeTarget arrives");
            rig.awaitNewOrder(0, o -> true, "quoting");
        }
    }

    @Test
    void aSighupReloadWidensTheQuotesAndOneChangingTheLevelsIsRefused(@TempDir final Path dir) throws Exception
    {
        try (MmRig rig = new MmRig(dir, "VOLATILITY_WARMUP_SAMPLES = 100000"))
        {
            rig.start();
            rig.await(() -> rig.quotes.stream().anyMatch(q -> q.hasBid() && q.hasAsk()), "a two-sided quote");
            assertTrue(rig.quotes.get(0).spreadBpsE2() < 40_00, "DEFAULT_SPREAD_BPS 30: " + rig.quotes);

            final String original = Files.readString(rig.ini);
            Files.writeString(rig.ini, original.replace("VOLATILITY_WARMUP_SAMPLES = 100000", "VOLATILITY_WARMUP_SAMPLES = 100000\nDEFAULT_SPREAD_BPS = 100"));
            signal(rig.marketMaker, "HUP");
            rig.marketMaker.awaitStdout(line -> line.contains("event=reload_applied"), MmRig.TIMEOUT);
            rig.await(() -> rig.quotes.stream().anyMatch(q -> q.spreadBpsE2() >= 99_00), "quotes at the reloaded 100 bp spread");

            Files.writeString(rig.ini, original.replace("VOLATILITY_WARMUP_SAMPLES = 100000", "VOLATILITY_WARMUP_SAMPLES = 100000\nQUOTE_LEVELS = 2"));
            signal(rig.marketMaker, "HUP");
            final String refused = rig.marketMaker.awaitStdout(line -> line.contains("event=reload_refused"), MmRig.TIMEOUT);
            assertTrue(refused.contains("QUOTE_LEVELS"), refused);
            assertEquals(200, DaemonHttp.healthStatus(rig.httpPort), "still running on the previous values");
        }
    }

    private static void signal(final JavaProcess process, final String signal) throws Exception
    {
        assertEquals(0, new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start().waitFor());
    }

    @Test
    void aBadIniExitsTwoNamingTheKey(@TempDir final Path dir) throws Exception
    {
        for (final String[] bad : List.of(
            new String[] {"ORDER_QTY = 0.6", "ORDER_QTY"},
            new String[] {"MARKET_DATA_TIMEOUT = 50ms", "MARKET_DATA_TIMEOUT"},
            new String[] {"NO_SUCH_KEY = 1", "NO_SUCH_KEY"}))
        {
            final Path sub = Files.createDirectories(dir.resolve(bad[1]));
            try (MmRig rig = new MmRig(sub, bad[0]);
                JavaProcess process = JavaProcess.start("market-maker", MarketMakerMain.class.getName(), List.of(),
                    "--config", rig.ini.toString()))
            {
                assertEquals(2, process.awaitExit(Duration.ofSeconds(20)), process.transcript());
                assertTrue(process.transcript().contains(bad[1]), "names " + bad[1] + ": " + process.transcript());
                assertFalse(process.isAlive());
            }
        }
    }

    private static boolean cancelled(final MmRig rig, final MmRig.NewOrder order)
    {
        return rig.cancels.stream().anyMatch(c -> c.origRequestId() == order.requestId());
    }
}
