package io.mmfleet.exechandler.binance;

import io.mmfleet.exechandler.venue.UpdateOrigin;
import io.mmfleet.exechandler.venue.VenueFill;
import io.mmfleet.exechandler.venue.VenueOrderStatus;
import io.mmfleet.exechandler.venue.VenueOrderUpdate;
import io.mmfleet.exechandler.venue.VenueSymbol;
import io.mmfleet.sbe.OrderType;
import io.mmfleet.sbe.Side;
import io.mmfleet.sbe.TimeInForce;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.mmfleet.exechandler.binance.Fixtures.BNBBTC;
import static io.mmfleet.exechandler.binance.Fixtures.BTCUSDT;
import static io.mmfleet.exechandler.binance.Fixtures.LTCBTC;
import static io.mmfleet.exechandler.binance.Fixtures.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RestParserTest
{
    private static final VenueSymbol ETHBTC = new VenueSymbol("ETHBTC", "ETH-BTC", 2, 6, 3);

    private final RestParser parser = new RestParser();

    @Test
    void serverTime()
    {
        assertEquals(1499827319559L, parser.serverTime(read("rest-time.json")));
        assertThrows(BinanceProtocolException.class, () -> parser.serverTime("{\"serverTime\":\"1499827319559\"}"));
        assertThrows(BinanceProtocolException.class, () -> parser.serverTime("{}"));
    }

    @Test
    void exchangeInfoRulesInTheOrderAsked()
    {
        final VenueSymbol ltc = new VenueSymbol("LTCBTC", "LTC-BTC", 3, 6, 3);
        final List<InstrumentRules> rules = parser.exchangeInfo(read("exchange-info.json"), List.of(ltc, ETHBTC));
        assertEquals(List.of(
            new InstrumentRules(ltc, "BREAK", "LTC", "BTC", 1, 1, 100_000_000_000L, 1, 1, 100_000_000, 100_000, 0),
            new InstrumentRules(ETHBTC, "TRADING", "ETH", "BTC", 1, 1, 100_000_000_000L, 1, 1, 100_000_000, 1_000_000_000L, 1_000_000_000_000L)),
            rules, "LTCBTC has the legacy MIN_NOTIONAL (no maximum), ETHBTC the NOTIONAL filter");
    }

    @Test
    void exchangeInfoTickFinerThanTheScaleNamesTheSymbol()
    {
        final VenueSymbol coarse = new VenueSymbol("ETHBTC", "ETH-BTC", 2, 5, 3);
        final BinanceProtocolException ex = assertThrows(BinanceProtocolException.class,
            () -> parser.exchangeInfo(read("exchange-info.json"), List.of(coarse)));
        assertTrue(ex.getMessage().contains("ETHBTC") && ex.getMessage().contains("PRICE_FILTER"), ex.getMessage());

        final VenueSymbol coarseQty = new VenueSymbol("ETHBTC", "ETH-BTC", 2, 6, 2);
        final BinanceProtocolException qtyEx = assertThrows(BinanceProtocolException.class,
            () -> parser.exchangeInfo(read("exchange-info.json"), List.of(coarseQty)));
        assertTrue(qtyEx.getMessage().contains("ETHBTC") && qtyEx.getMessage().contains("LOT_SIZE"), qtyEx.getMessage());
    }

    @Test
    void exchangeInfoMissingSymbolOrFieldsAreErrors()
    {
        final BinanceProtocolException missing = assertThrows(BinanceProtocolException.class,
            () -> parser.exchangeInfo(read("exchange-info.json"), List.of(BTCUSDT)));
        assertTrue(missing.getMessage().contains("BTCUSDT is not in the response"), missing.getMessage());
        assertThrows(BinanceProtocolException.class, () -> parser.exchangeInfo("{\"symbols\":{}}", List.of(ETHBTC)));
        assertThrows(BinanceProtocolException.class, () -> parser.exchangeInfo(
            read("exchange-info.json").replace("\"tickSize\": \"0.00000100\"", "\"tickSize\": 0.000001"), List.of(ETHBTC)));
        assertThrows(BinanceProtocolException.class, () -> parser.exchangeInfo(
            read("exchange-info.json").replace("\"baseAsset\": \"ETH\",", ""), List.of(ETHBTC)));
    }

    @Test
    void account()
    {
        assertEquals(List.of(new Balance("BTC", 472384689208129L, 0), new Balance("LTC", 476336868006011L, 0)),
            parser.account(read("rest-account.json")));
        assertThrows(BinanceProtocolException.class, () -> parser.account(
            read("rest-account.json").replace("\"free\": \"4723846.89208129\"", "\"free\": \"4723846.892081291\"")));
        assertThrows(BinanceProtocolException.class, () -> parser.account("{\"balances\":[1]}"));
    }

    @Test
    void queryOrder()
    {
        assertEquals(new VenueOrderUpdate(UpdateOrigin.LOOKUP, "LTCBTC", "myOrder1", 1, VenueOrderStatus.NEW,
            Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 100_000, 1000, 0, 0, List.of(), 1499827319559L),
            parser.order(read("rest-query-order.json"), LTCBTC));
    }

    @Test
    void queryOrderExpiredBySelfTradePrevention()
    {
        final VenueSymbol btc = new VenueSymbol("BTCUSDT", "BTC-USDT", 1, 6, 6);
        assertEquals(new VenueOrderUpdate(UpdateOrigin.LOOKUP, "BTCUSDT", "2JPC8xjpLq6Q0665uYWAcs", 2, VenueOrderStatus.EXPIRED_IN_MATCH,
            Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 1_000_000, 1_000_000, 0, 0, List.of(), 1673842413170L),
            parser.order(read("rest-query-order-stp-expired-maker.json"), btc));
    }

    @Test
    void restOrderRepliesShareTheShape()
    {
        final VenueOrderUpdate cancel = parser.order(read("rest-cancel-order.json"), LTCBTC);
        assertEquals(new VenueOrderUpdate(UpdateOrigin.LOOKUP, "LTCBTC", "myOrder1", 4, VenueOrderStatus.CANCELED,
            Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 2_000_000, 1000, 0, 0, List.of(), 1684804350068L), cancel);

        final VenueOrderUpdate full = parser.order(read("rest-new-order-full.json"), BTCUSDT);
        assertEquals(new VenueOrderUpdate(UpdateOrigin.LOOKUP, "BTCUSDT", "6gCrw2kRUAF9CvJDGP16IP", 28, VenueOrderStatus.FILLED,
            Side.SELL, OrderType.MARKET, TimeInForce.GTC, 0, 1_000_000, 1_000_000, 1_000_000_000L,
            List.of(new VenueFill(56, 28, 400000, 100000, 400_000_000_000L, 400_000_000L, "USDT", false, 1507725176595L)), 1507725176595L), full);

        final VenueOrderUpdate ack = parser.order(read("rest-new-order-ack.json"), BTCUSDT);
        assertEquals(VenueOrderStatus.NEW, ack.status());
        assertEquals(28, ack.venueOrderId());
        assertEquals(0, ack.cumQty());
        assertEquals(1507725176595L, ack.venueTimeMs());
    }

    @Test
    void openOrdersSkipsTypesTheFleetNeverPlaces()
    {
        assertEquals(List.of(new VenueOrderUpdate(UpdateOrigin.LOOKUP, "LTCBTC", "myOrder1", 1, VenueOrderStatus.NEW,
            Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 100_000, 1000, 0, 0, List.of(), 1499827319559L)),
            parser.openOrders(read("rest-open-orders.json"), LTCBTC));
        assertEquals(List.of(), parser.openOrders("[]", LTCBTC));
        assertThrows(BinanceProtocolException.class, () -> parser.openOrders("{}", LTCBTC));
        assertThrows(BinanceProtocolException.class, () -> parser.openOrders("[{\"symbol\":\"LTCBTC\"}]", LTCBTC));
    }

    @Test
    void myTrades()
    {
        assertEquals(List.of(new VenueFill(28457, 100234, 4_000_001, 1200, 4_800_001_200L, 1_010_000_000L, "BNB", false, 1499865549590L)),
            parser.myTrades(read("rest-my-trades.json"), BNBBTC));
        final BinanceProtocolException wrongSymbol = assertThrows(BinanceProtocolException.class, () -> parser.myTrades(read("rest-my-trades.json"), LTCBTC));
        assertTrue(wrongSymbol.getMessage().contains("BNBBTC"), wrongSymbol.getMessage());
        assertThrows(BinanceProtocolException.class, () -> parser.myTrades(read("rest-my-trades.json").replace("\"isMaker\": false", "\"isMaker\": \"false\""), BNBBTC));
        assertThrows(BinanceProtocolException.class, () -> parser.myTrades(read("rest-my-trades.json").replace("\"id\": 28457,", ""), BNBBTC));
    }

    @Test
    void malformedBodiesAreProtocolErrors()
    {
        assertThrows(BinanceProtocolException.class, () -> parser.order("", LTCBTC));
        assertThrows(BinanceProtocolException.class, () -> parser.order("[]", LTCBTC));
        assertThrows(BinanceProtocolException.class, () -> parser.myTrades("{", BNBBTC));
        assertThrows(BinanceProtocolException.class, () -> parser.account(null));
        final String huge = "[\"" + "a".repeat(500_000) + "\"]";
        final BinanceProtocolException ex = assertThrows(BinanceProtocolException.class, () -> parser.myTrades(huge, BNBBTC));
        assertTrue(ex.getMessage().length() < 700, "message length " + ex.getMessage().length());
    }
}
