package io.mmfleet.venuesim.binance;

import static io.mmfleet.venuesim.binance.JsonShapes.assertSameShape;
import static io.mmfleet.venuesim.binance.JsonShapes.fixture;
import static io.mmfleet.venuesim.binance.TestVenue.MAKER_KEY;
import static io.mmfleet.venuesim.binance.TestVenue.MAKER_SECRET;
import static io.mmfleet.venuesim.binance.TestVenue.TAKER_KEY;
import static io.mmfleet.venuesim.binance.TestVenue.TAKER_SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MarketStreamTest
{
    private TestVenue venue;

    @AfterEach
    void stop()
    {
        if (venue != null)
        {
            venue.close();
        }
    }

    @Test
    void combinedStreamsCarryCoalescedDiffDepthAndTrades() throws Exception
    {
        venue = new TestVenue();
        final RestClient rest = new RestClient(venue.venue.restPort());
        final WsTestClient client = new WsTestClient("ws://127.0.0.1:" + venue.venue.streamPort()
            + "/stream?streams=ethusdt@depth@100ms/ethusdt@trade", true);
        try
        {
            assertEquals(200, rest.signed("POST", "/api/v3/order", "symbol=ETHUSDT&side=SELL&type=LIMIT"
                + "&timeInForce=GTC&quantity=2&price=3000", MAKER_KEY, MAKER_SECRET).status());
            assertEquals(200, rest.signed("POST", "/api/v3/order", "symbol=ETHUSDT&side=SELL&type=LIMIT"
                + "&timeInForce=GTC&quantity=1&price=3001", MAKER_KEY, MAKER_SECRET).status());
            final JsonNode first = client.await(m -> m.get("stream").asText().endsWith("@depth@100ms"), 15_000);
            assertEquals("ethusdt@depth@100ms", first.get("stream").asText());
            assertSameShape(fixture("ws-depth-update.json"), first.get("data"));
            long lastU = first.get("data").get("u").asLong();
            long asksSeen = first.get("data").get("a").size();
            while (asksSeen < 2)
            {
                final JsonNode next = client.await(m -> m.get("stream").asText().endsWith("@depth@100ms"), 15_000);
                assertEquals(lastU + 1, next.get("data").get("U").asLong(), "diff events chain U = previous u + 1");
                lastU = next.get("data").get("u").asLong();
                asksSeen += next.get("data").get("a").size();
            }

            assertEquals(200, rest.signed("POST", "/api/v3/order", "symbol=ETHUSDT&side=BUY&type=MARKET&quantity=0.5",
                TAKER_KEY, TAKER_SECRET).status());
            final JsonNode trade = client.await(m -> m.get("stream").asText().equals("ethusdt@trade"), 15_000);
            assertSameShape(fixture("ws-trade.json"), trade.get("data"));
            assertEquals("3000.00000000", trade.get("data").get("p").asText());
            assertEquals("0.50000000", trade.get("data").get("q").asText());
            assertFalse(trade.get("data").get("m").asBoolean(), "the seller rested: the buyer is the taker");
            final JsonNode afterTrade = client.await(m -> m.get("stream").asText().endsWith("@depth@100ms"), 15_000);
            assertEquals(lastU + 1, afterTrade.get("data").get("U").asLong());
            assertEquals("1.50000000", afterTrade.get("data").get("a").get(0).get(1).asText());

            final JsonNode snapshot = rest.get("/api/v3/depth", "symbol=ETHUSDT").json();
            assertEquals(afterTrade.get("data").get("u").asLong(), snapshot.get("lastUpdateId").asLong());
        }
        finally
        {
            client.closeBlocking();
        }
    }

    @Test
    void theSlowDiffDepthEventGoesToBothItsNamesRawAndCombinedAlike() throws Exception
    {
        venue = new TestVenue();
        final RestClient rest = new RestClient(venue.venue.restPort());
        final WsTestClient raw = new WsTestClient("ws://127.0.0.1:" + venue.venue.streamPort()
            + "/ws/ethusdt@depth@1000ms", true);
        final WsTestClient combined = new WsTestClient("ws://127.0.0.1:" + venue.venue.streamPort()
            + "/stream?streams=ethusdt@depth/ethusdt@depth@1000ms", true);
        try
        {
            assertEquals(200, rest.signed("POST", "/api/v3/order", "symbol=ETHUSDT&side=BUY&type=LIMIT"
                + "&timeInForce=GTC&quantity=1.5&price=2999.5", MAKER_KEY, MAKER_SECRET).status());
            final JsonNode event = raw.await(m -> "depthUpdate".equals(m.path("e").asText()), 15_000);
            assertEquals("[[\"2999.50000000\",\"1.50000000\"]]", event.get("b").toString());
            assertEquals("[]", event.get("a").toString());
            for (final String stream : new String[] {"ethusdt@depth", "ethusdt@depth@1000ms"})
            {
                final JsonNode wrapped = combined.await(m -> m.get("stream").asText().equals(stream)
                    && m.get("data").get("u").asLong() == event.get("u").asLong(), 15_000);
                assertEquals(event, wrapped.get("data"), stream);
            }
        }
        finally
        {
            raw.closeBlocking();
            combined.closeBlocking();
        }
    }

    @Test
    void liveSubscriptionsAndPartialBooks() throws Exception
    {
        venue = new TestVenue();
        final RestClient rest = new RestClient(venue.venue.restPort());
        assertEquals(200, rest.signed("POST", "/api/v3/order", "symbol=ETHUSDT&side=BUY&type=LIMIT"
            + "&timeInForce=GTC&quantity=1&price=2999", MAKER_KEY, MAKER_SECRET).status());
        final WsTestClient client = new WsTestClient("ws://127.0.0.1:" + venue.venue.streamPort() + "/ws", true);
        try
        {
            client.send("{\"method\":\"SUBSCRIBE\",\"params\":[\"ethusdt@depth5@100ms\"],\"id\":1}");
            final JsonNode reply = client.await(m -> m.has("id"), 15_000);
            assertEquals("{\"result\":null,\"id\":1}", reply.toString());
            client.send("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":3}");
            final JsonNode list = client.await(m -> m.has("id"), 15_000);
            assertSameShape(fixture("ws-list-subscriptions.json"), list);
            assertEquals("ethusdt@depth5@100ms", list.get("result").get(0).asText());

            final JsonNode book = client.await(m -> m.has("lastUpdateId"), 15_000);
            assertSameShape(fixture("ws-partial-depth.json"), book);
            assertEquals("2999.00000000", book.get("bids").get(0).get(0).asText());

            client.send("{\"method\":\"UNSUBSCRIBE\",\"params\":[\"ethusdt@depth5@100ms\"],\"id\":6}");
            client.await(m -> m.has("id") && m.get("id").asInt() == 6 && m.has("result"), 15_000);
            client.send("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":7}");
            assertEquals(0, client.await(m -> m.has("id") && m.get("id").asInt() == 7, 15_000).get("result").size());
            assertTrue(client.isOpen());
        }
        finally
        {
            client.closeBlocking();
        }
        // Bad requests on their own connection: Binance allows 5 incoming messages per second per connection.
        final WsTestClient errors = new WsTestClient("ws://127.0.0.1:" + venue.venue.streamPort() + "/ws", true);
        try
        {
            errors.send("not json");
            final JsonNode invalidJson = errors.await(m -> m.has("code"), 15_000);
            assertEquals(3, invalidJson.get("code").asInt());
            assertTrue(invalidJson.get("msg").asText().matches("Invalid JSON: expected value at line 1 column \\d+"),
                invalidJson.toString());
            errors.send("{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@trade\"],\"id\":4}");
            final JsonNode unknown = errors.await(m -> m.has("code") && m.path("id").asInt() == 4, 15_000);
            assertEquals(2, unknown.get("code").asInt());
            errors.send("{\"method\":\"FETCH\",\"id\":5}");
            final JsonNode badMethod = errors.await(m -> m.has("code") && m.path("id").asInt() == 5, 15_000);
            assertEquals("Invalid request: unknown variant `FETCH`, expected one of `SUBSCRIBE`, `UNSUBSCRIBE`, "
                + "`LIST_SUBSCRIPTIONS`, `SET_PROPERTY`, `GET_PROPERTY` at line 1 column 28",
                badMethod.get("msg").asText());
            errors.send("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":-3}");
            assertEquals(fixture("ws-error-request-id.json"), errors.await(m -> m.has("code"), 15_000),
                "the docs' row, exactly");

            assertTrue(errors.isOpen(), "bad requests are answered, not fatal");
        }
        finally
        {
            errors.closeBlocking();
        }
    }

    @Test
    void silentClientIsDroppedAfterThePongTimeoutAndEveryoneAtTheLifetime() throws Exception
    {
        venue = new TestVenue(BinanceVenueConfig.loopbackDefaults().withStreamTimers(
            Duration.ofMillis(200), Duration.ofMillis(300), Duration.ofSeconds(3)));
        final String url = "ws://127.0.0.1:" + venue.venue.streamPort() + "/ws/ethusdt@trade";
        final WsTestClient silent = new WsTestClient(url, false);
        final WsTestClient alive = new WsTestClient(url, true);
        assertTrue(silent.closed.await(3, TimeUnit.SECONDS), "a client that never pongs is dropped");
        assertTrue(silent.pings > 0);
        assertFalse(alive.closed.getCount() == 0, "a client that pongs stays");
        assertTrue(alive.closed.await(5, TimeUnit.SECONDS), "the lifetime closes every connection");
        assertEquals(1000, alive.closeCode);
    }

    @Test
    void combinedPropertyIsReadAndSetLive() throws Exception
    {
        venue = new TestVenue();
        final WsTestClient client = new WsTestClient("ws://127.0.0.1:" + venue.venue.streamPort()
            + "/ws/ethusdt@trade", true);
        try
        {
            client.send("{\"method\":\"GET_PROPERTY\",\"params\":[\"combined\"],\"id\":2}");
            final JsonNode raw = client.await(m -> m.path("id").asInt() == 2, 15_000);
            assertSameShape(fixture("ws-get-property.json"), raw);
            assertFalse(raw.get("result").asBoolean(), "a /ws/ connection starts raw");
            client.send("{\"method\":\"SET_PROPERTY\",\"params\":[\"combined\",true],\"id\":5}");
            assertEquals(fixture("ws-set-property.json"), client.await(m -> m.path("id").asInt() == 5, 15_000));
            client.send("{\"method\":\"GET_PROPERTY\",\"params\":[\"combined\"],\"id\":6}");
            assertTrue(client.await(m -> m.path("id").asInt() == 6, 15_000).get("result").asBoolean());

            final RestClient rest = new RestClient(venue.venue.restPort());
            assertEquals(200, rest.signed("POST", "/api/v3/order", "symbol=ETHUSDT&side=SELL&type=LIMIT"
                + "&timeInForce=GTC&quantity=1&price=3000", MAKER_KEY, MAKER_SECRET).status());
            assertEquals(200, rest.signed("POST", "/api/v3/order", "symbol=ETHUSDT&side=BUY&type=MARKET&quantity=1",
                TAKER_KEY, TAKER_SECRET).status());
            final JsonNode trade = client.await(m -> m.has("stream") || m.has("e"), 15_000);
            assertEquals("ethusdt@trade", trade.path("stream").asText(), "payloads now wrapped: " + trade);
            assertSameShape(fixture("ws-trade.json"), trade.get("data"));
        }
        finally
        {
            client.closeBlocking();
        }
        // The docs' error table, on a fresh connection (at most 5 incoming messages per second).
        final WsTestClient errors = new WsTestClient("ws://127.0.0.1:" + venue.venue.streamPort() + "/stream", true);
        try
        {
            errors.send("{\"method\":\"GET_PROPERTY\",\"params\":[\"compressed\"],\"id\":1}");
            assertError(0, "Unknown property", errors.await(m -> m.path("id").asInt() == 1, 15_000));
            errors.send("{\"method\":\"SET_PROPERTY\",\"params\":[\"combined\",\"yes\"],\"id\":2}");
            assertError(1, "Invalid value type: expected Boolean", errors.await(m -> m.path("id").asInt() == 2, 15_000));
            errors.send("{\"method\":\"SET_PROPERTY\",\"params\":[7,true],\"id\":3}");
            assertError(2, "Invalid request: property name must be a string",
                errors.await(m -> m.path("id").asInt() == 3, 15_000));
            errors.send("{\"method\":\"GET_PROPERTY\",\"params\":[\"combined\",true],\"id\":4}");
            assertError(2, "Invalid request: too many parameters", errors.await(m -> m.path("id").asInt() == 4, 15_000));
            errors.send("{\"method\":\"GET_PROPERTY\",\"id\":5}");
            assertError(2, "Invalid request: property name must be a string",
                errors.await(m -> m.path("id").asInt() == 5, 15_000));
            assertTrue(errors.isOpen(), "bad requests are answered, not fatal");
        }
        finally
        {
            errors.closeBlocking();
        }
    }

    @Test
    void unsolicitedPongsDoNotKeepAConnectionAlive() throws Exception
    {
        venue = new TestVenue(BinanceVenueConfig.loopbackDefaults().withStreamTimers(
            Duration.ofMillis(200), Duration.ofMillis(300), Duration.ofMinutes(1)));
        final String url = "ws://127.0.0.1:" + venue.venue.streamPort() + "/ws/ethusdt@trade";
        final WsTestClient chatty = new WsTestClient(url, false);
        final WsTestClient alive = new WsTestClient(url, true);
        try
        {
            final long deadline = System.currentTimeMillis() + 5_000;
            while (chatty.closed.getCount() != 0 && System.currentTimeMillis() < deadline)
            {
                if (chatty.isOpen())
                {
                    chatty.sendUnsolicitedPong();
                }
                chatty.closed.await(50, TimeUnit.MILLISECONDS);
            }
            assertEquals(0, chatty.closed.getCount(), "pongs the server never asked for do not prevent disconnection");
            assertEquals(1008, chatty.closeCode);
            assertTrue(chatty.pings > 0);
            assertTrue(alive.isOpen(), "a client that answers the pings stays");
        }
        finally
        {
            alive.closeBlocking();
        }
    }

    private static void assertError(final int code, final String msg, final JsonNode reply)
    {
        assertEquals(code, reply.get("code").asInt(), reply.toString());
        assertEquals(msg, reply.get("msg").asText());
    }

    @Test
    void moreThanFiveMessagesASecondDisconnects() throws Exception
    {
        venue = new TestVenue();
        final WsTestClient client = new WsTestClient("ws://127.0.0.1:" + venue.venue.streamPort() + "/ws", true);
        // Six in a burst, the sixth one over the limit, then nothing: a client still writing while the
        // server closes can see the reset before the close frame (1006) instead of the server's 1008.
        for (int i = 0; i < 6; i++)
        {
            client.send("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":" + i + "}");
        }
        assertTrue(client.closed.await(5, TimeUnit.SECONDS));
        assertEquals(1008, client.closeCode);
    }

    @Test
    void invalidStreamNameIsRefused() throws Exception
    {
        venue = new TestVenue();
        final WsTestClient client = new WsTestClient("ws://127.0.0.1:" + venue.venue.streamPort() + "/ws/nope@kline", true);
        assertTrue(client.closed.await(5, TimeUnit.SECONDS));
        assertEquals(1008, client.closeCode);
    }
}
