package io.mmfleet.quoteserver;

import com.fasterxml.jackson.databind.JsonNode;
import io.mmfleet.bus.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.mmfleet.quoteserver.VenueAndQuoteServer.TIMEOUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** quote-server as a real process against venue-sim: books, trades, health, drops and rollovers. */
class QuoteServerProcessTest
{
    @TempDir
    Path dir;

    @Test
    void publishesTheVenuesBookAndItsTradesOnceReady() throws Exception
    {
        try (VenueAndQuoteServer rig = new VenueAndQuoteServer(dir, "", ""))
        {
            rig.awaitReady();

            // The published top levels equal venue-sim's REST depth at the same update id, twice over
            // as the synthetic market moves.
            final VenueAndQuoteServer.Book[] first = rig.awaitBookMatchingRest(0);
            assertEquals(first[1].levels(), first[0].levels(), "book at update id " + first[1].updateId());
            assertEquals(VenueAndQuoteServer.TOP, first[0].bids().size());
            assertEquals(VenueAndQuoteServer.TOP, first[0].asks().size());
            final VenueAndQuoteServer.Book[] later = rig.awaitBookMatchingRest(first[1].updateId());
            assertEquals(later[1].levels(), later[0].levels(), "book at update id " + later[1].updateId());

            // A trade placed on venue-sim arrives as a Trade with the venue's id, price and size.
            final JsonNode order = rig.marketOrder("BUY", "0.0100");
            final JsonNode fill = order.get("fills").get(0);
            final long tradeId = fill.get("tradeId").asLong();
            Await.until(() ->
            {
                rig.pollBus();
                return rig.trades.stream().anyMatch(t -> t.tradeId() == tradeId);
            }, TIMEOUT, () -> "trade " + tradeId + " not published; saw " + rig.trades);
            final VenueAndQuoteServer.PublishedTrade trade = rig.trades.stream().filter(t -> t.tradeId() == tradeId).findFirst().orElseThrow();
            assertEquals(VenueAndQuoteServer.priceMantissa(fill.get("price").asText()), trade.price());
            assertEquals(-2, trade.priceExponent());
            assertEquals(VenueAndQuoteServer.qtyMantissa(fill.get("qty").asText()), trade.qty());
            assertEquals("BUY", trade.aggressor(), "our market buy took the offer");
            assertTrue(trade.originNs() > 0 && trade.originNs() <= trade.sendNs(), "originNs stamped at arrival, before the send: " + trade);
            assertEquals(1, rig.trades.stream().filter(t -> t.tradeId() == tradeId).count(), "each trade once");

            final String metrics = rig.metrics();
            assertTrue(metrics.contains("quote_server_book_updates_total"), metrics);
            assertTrue(metrics.contains("daemon_ready 1"), metrics);
            assertTrue(metric(metrics, "quote_server_venue_frames_total") > 0, metrics);
            assertEquals(0.0, metric(metrics, "quote_server_dropped_frames_total"), metrics);
        }
    }

    @Test
    void aDroppedConnectionMarksTheBookUntrustworthyThenLiveAgainAndBooksKeepMatching() throws Exception
    {
        // venue-sim closes every stream connection after 3 s; quote-server would only roll over at 23 h.
        try (VenueAndQuoteServer rig = new VenueAndQuoteServer(dir, "CONNECTION_LIFETIME = 3s", ""))
        {
            rig.awaitReady();
            final VenueAndQuoteServer.Book[] before = rig.awaitBookMatchingRest(0);
            assertEquals(before[1].levels(), before[0].levels());
            Await.until(() ->
            {
                rig.pollBus();
                final List<VenueAndQuoteServer.Status> seen = rig.statuses;
                int firstLive = -1;
                for (int i = 0; i < seen.size(); i++)
                {
                    if (seen.get(i).state().equals("LIVE"))
                    {
                        firstLive = i;
                        break;
                    }
                }
                if (firstLive < 0)
                {
                    return false;
                }
                boolean lost = false;
                for (int i = firstLive + 1; i < seen.size(); i++)
                {
                    lost |= !seen.get(i).state().equals("LIVE");
                    if (lost && seen.get(i).state().equals("LIVE"))
                    {
                        return true;
                    }
                }
                return false;
            }, TIMEOUT, () -> "no LIVE -> not trustworthy -> LIVE sequence; saw " + rig.statuses + "\n" + rig.quoteServer.transcript());
            assertTrue(rig.statuses.stream().anyMatch(s -> s.state().equals("DISCONNECTED") && s.reason().contains("closed by venue")),
                "the drop is named: " + rig.statuses);
            rig.quoteServer.awaitStdout(line -> line.contains("event=reconnect_scheduled"), TIMEOUT);
            final long resumedAfter = before[1].updateId();
            final VenueAndQuoteServer.Book[] after = rig.awaitBookMatchingRest(resumedAfter);
            assertEquals(after[1].levels(), after[0].levels(), "book after the reconnect at update id " + after[1].updateId());
        }
    }

    @Test
    void rollsOverToANewConnectionBeforeTheLifetimeLimitWithoutAGap() throws Exception
    {
        // venue-sim would cut connections at 20 s; quote-server replaces its connection every 2 s.
        // venue-sim pings every 100 ms and drops a connection whose pong is 300 ms late: unanswered
        // pings would show as disconnections.
        try (VenueAndQuoteServer rig = new VenueAndQuoteServer(dir,
            "CONNECTION_LIFETIME = 20s\nPING_INTERVAL = 100ms\nPONG_TIMEOUT = 300ms", "CONNECTION_ROLLOVER = 2s"))
        {
            rig.awaitReady();
            rig.quoteServer.awaitStdout(line -> line.contains("event=rollover_completed from=2 to=3"), TIMEOUT);
            final VenueAndQuoteServer.Book[] after = rig.awaitBookMatchingRest(0);
            assertEquals(after[1].levels(), after[0].levels());
            rig.pollBus();
            final List<VenueAndQuoteServer.Status> statuses = rig.statuses;
            final int firstLive = statuses.stream().map(VenueAndQuoteServer.Status::state).toList().indexOf("LIVE");
            assertTrue(firstLive >= 0, statuses.toString());
            assertTrue(statuses.subList(firstLive, statuses.size()).stream().allMatch(s -> s.state().equals("LIVE")),
                "the book stayed trustworthy through the rollover: " + statuses);
            final List<Long> ids = rig.bookUpdateIds;
            for (int i = 1; i < ids.size(); i++)
            {
                assertTrue(ids.get(i) > ids.get(i - 1), "published update ids rise through the rollover: " + ids);
            }
            assertTrue(rig.quoteServer.stdout().stream().noneMatch(l -> l.contains("event=disconnected")), rig.quoteServer.transcript());
        }
    }

    private static double metric(final String metrics, final String name)
    {
        for (final String line : metrics.split("\n"))
        {
            if (line.startsWith(name + " "))
            {
                return Double.parseDouble(line.substring(name.length() + 1).trim());
            }
        }
        throw new AssertionError("no metric " + name + " in\n" + metrics);
    }
}
