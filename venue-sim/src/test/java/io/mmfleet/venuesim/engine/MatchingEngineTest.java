package io.mmfleet.venuesim.engine;

import java.util.List;

import org.junit.jupiter.api.Test;

import static io.mmfleet.venuesim.engine.EngineFixture.ETH;
import static io.mmfleet.venuesim.engine.EngineFixture.SYMBOL;
import static io.mmfleet.venuesim.engine.EngineFixture.USDT;
import static io.mmfleet.venuesim.engine.EngineFixture.ZERO_FEES_A;
import static io.mmfleet.venuesim.engine.EngineFixture.ZERO_FEES_B;
import static io.mmfleet.venuesim.engine.EngineFixture.ZERO_FEES_C;
import static io.mmfleet.venuesim.engine.EngineFixture.px;
import static io.mmfleet.venuesim.engine.EngineFixture.qty;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MatchingEngineTest
{
    private final EngineFixture f = new EngineFixture();

    @Test
    void matchesBestPriceFirstThenOldestAtEachPrice()
    {
        f.limit(ZERO_FEES_A, Side.SELL, px(3000), qty(1));        // id 1
        f.limit(ZERO_FEES_B, Side.SELL, px(3000), qty(1));        // id 2, behind id 1
        f.limit(ZERO_FEES_A, Side.SELL, px(2999), qty(1));        // id 3, better price

        final PlaceResult result = f.limit(ZERO_FEES_C, Side.BUY, px(3000), qty(2.5));

        final List<Fill> fills = result.fills();
        assertEquals(3, fills.size());
        assertFill(fills.get(0), 1, 299_900, 1_000, 299_900_000_000L);
        assertFill(fills.get(1), 2, 300_000, 1_000, 300_000_000_000L);
        assertFill(fills.get(2), 3, 300_000, 500, 150_000_000_000L);
        assertEquals(4, result.order().orderId());
        assertEquals(OrderStatus.FILLED, result.order().status());
        assertEquals(2_500, result.order().executedQty());
        assertEquals(749_900_000_000L, result.order().cummulativeQuoteQty());
        assertFalse(result.order().working());

        final OrderView second = f.engine.query(ZERO_FEES_B, SYMBOL, 2, null);
        assertEquals(OrderStatus.PARTIALLY_FILLED, second.status());
        assertEquals(500, second.executedQty());
        assertTrue(second.working());
        assertEquals(OrderStatus.FILLED, f.engine.query(ZERO_FEES_A, SYMBOL, 1, null).status());

        final DepthView depth = f.engine.depth(SYMBOL, 10);
        assertEquals(0, depth.bids().size());
        assertEquals(1, depth.asks().size());
        assertArrayEquals(new long[]{300_000, 500}, depth.asks().get(0));
        assertEquals(4, depth.lastUpdateId());

        // Taker locked 2.5 × 3000 but paid 7499: the 1 USDT price improvement is free again.
        assertBalance(ZERO_FEES_C, "USDT", 1_000_000 * USDT - 749_900_000_000L, 0);
        assertBalance(ZERO_FEES_C, "ETH", 10_250_000_000L, 0);
        assertBalance(ZERO_FEES_A, "ETH", 98 * ETH, 0);
        assertBalance(ZERO_FEES_A, "USDT", 1_000_000 * USDT + 599_900_000_000L, 0);
        assertBalance(ZERO_FEES_B, "ETH", 99 * ETH, 50_000_000L);
        assertBalance(ZERO_FEES_B, "USDT", 1_000_000 * USDT + 150_000_000_000L, 0);
    }

    @Test
    void partiallyFilledLimitRestsWithTheRemainderLockedAndCancelReleasesIt()
    {
        f.limit(ZERO_FEES_B, Side.SELL, px(3000), qty(0.5));
        final PlaceResult result = f.limit(ZERO_FEES_C, Side.BUY, px(3000), qty(2));

        assertEquals(OrderStatus.PARTIALLY_FILLED, result.order().status());
        assertEquals(500, result.order().executedQty());
        assertTrue(result.order().working());
        assertEquals(1, result.fills().size());
        assertArrayEquals(new long[]{300_000, 1_500}, f.engine.depth(SYMBOL, 5).bids().get(0));
        assertBalance(ZERO_FEES_C, "USDT", 1_000_000 * USDT - 600_000_000_000L, 450_000_000_000L);
        assertEquals(1, f.engine.openOrders(ZERO_FEES_C, SYMBOL).size());

        final OrderView cancelled = f.engine.cancel(ZERO_FEES_C, SYMBOL, result.order().orderId(), null);

        assertEquals(OrderStatus.CANCELED, cancelled.status());
        assertEquals(500, cancelled.executedQty());
        assertFalse(cancelled.working());
        assertBalance(ZERO_FEES_C, "USDT", 1_000_000 * USDT - 150_000_000_000L, 0);
        assertEquals(0, f.engine.depth(SYMBOL, 5).bids().size());
        assertEquals(0, f.engine.openOrders(ZERO_FEES_C, SYMBOL).size());
        final EngineReject again = assertThrows(EngineReject.class,
            () -> f.engine.cancel(ZERO_FEES_C, SYMBOL, result.order().orderId(), null));
        assertEquals(EngineReject.Reason.UNKNOWN_ORDER, again.reason());
        assertEquals(OrderStatus.CANCELED, f.engine.query(ZERO_FEES_C, SYMBOL, result.order().orderId(), null).status());
    }

    @Test
    void buyFilledBelowItsLimitReleasesThePriceImprovement()
    {
        f.limit(ZERO_FEES_A, Side.SELL, px(2990), qty(1));
        final PlaceResult result = f.limit(ZERO_FEES_C, Side.BUY, px(3000), qty(1));

        assertEquals(299_000_000_000L, result.order().cummulativeQuoteQty());
        assertBalance(ZERO_FEES_C, "USDT", 1_000_000 * USDT - 299_000_000_000L, 0);
    }

    @Test
    void insufficientBalanceIsRejectedWithoutLocking()
    {
        final EngineReject reject = assertThrows(EngineReject.class,
            () -> f.limit(ZERO_FEES_A, Side.SELL, px(3000), qty(100.001)));
        assertEquals(EngineReject.Reason.INSUFFICIENT_BALANCE, reject.reason());
        assertBalance(ZERO_FEES_A, "ETH", 100 * ETH, 0);
        assertEquals(List.of(), f.listener.drain());

        final PlaceResult all = f.limit(ZERO_FEES_A, Side.SELL, px(3000), qty(100));
        assertEquals(OrderStatus.NEW, all.order().status());
        assertBalance(ZERO_FEES_A, "ETH", 0, 100 * ETH);
    }

    @Test
    void iocFillsWhatItCanAndExpiresTheRest()
    {
        f.limit(ZERO_FEES_A, Side.SELL, px(3000), qty(0.4));
        final PlaceResult result = f.place(ZERO_FEES_C, Side.BUY, OrderType.LIMIT, TimeInForce.IOC, px(3000), qty(1),
            null, StpMode.NONE);

        assertEquals(OrderStatus.EXPIRED, result.order().status());
        assertEquals(400, result.order().executedQty());
        assertEquals(120_000_000_000L, result.order().cummulativeQuoteQty());
        assertFalse(result.order().working());
        assertEquals(0, f.engine.depth(SYMBOL, 5).bids().size());
        assertEquals(0, f.engine.depth(SYMBOL, 5).asks().size());
        assertBalance(ZERO_FEES_C, "USDT", 1_000_000 * USDT - 120_000_000_000L, 0);
        assertTrue(f.engine.openOrders(ZERO_FEES_C, SYMBOL).isEmpty());
    }

    @Test
    void fokTheBookCannotFillEntirelyIsAcceptedAndExpiresUntouchedAndFillsWhenItCan()
    {
        f.limit(ZERO_FEES_A, Side.SELL, px(3000), qty(0.4));
        f.limit(ZERO_FEES_A, Side.SELL, px(3001), qty(0.3));
        final DepthView before = f.engine.depth(SYMBOL, 10);
        f.listener.drain();

        // Binance accepts the order and reports it EXPIRED with nothing executed (not a -2010 reject).
        final PlaceResult expired = f.place(ZERO_FEES_C, Side.BUY, OrderType.LIMIT, TimeInForce.FOK, px(3001),
            qty(0.701), "fok1", StpMode.NONE);
        assertEquals(OrderStatus.EXPIRED, expired.order().status());
        assertEquals(0, expired.order().executedQty());
        assertEquals(701, expired.order().origQty());
        assertTrue(expired.fills().isEmpty());
        assertFalse(expired.order().working());
        assertDepthEquals(before, f.engine.depth(SYMBOL, 10));
        assertBalance(ZERO_FEES_C, "USDT", 1_000_000 * USDT, 0);
        assertEquals(List.of(
            "order acct=3 id=3 NEW NEW exec=0",
            "order acct=3 id=3 EXPIRED EXPIRED exec=0",
            "balance acct=3 USDT=" + 1_000_000 * USDT + "/0"), f.listener.drain());
        assertEquals(OrderStatus.EXPIRED, f.engine.query(ZERO_FEES_C, SYMBOL, -1, "fok1").status());

        final PlaceResult result = f.place(ZERO_FEES_C, Side.BUY, OrderType.LIMIT, TimeInForce.FOK, px(3001),
            qty(0.7), null, StpMode.NONE);
        assertEquals(OrderStatus.FILLED, result.order().status());
        assertEquals(210_030_000_000L, result.order().cummulativeQuoteQty());
        assertEquals(4, result.order().orderId());
    }

    @Test
    void marketBuyByQuoteSpendsUpToTheQuoteInWholeSteps()
    {
        f.limit(ZERO_FEES_A, Side.SELL, px(3000), qty(1));
        f.limit(ZERO_FEES_A, Side.SELL, px(3001), qty(1));

        final PlaceResult result = f.marketByQuote(ZERO_FEES_C, Side.BUY, 4_500 * USDT);

        // 1.000 at 3000.00, then 1500 USDT buys floor(1500 / 3001.00 per ETH) = 0.499 ETH.
        assertEquals(2, result.fills().size());
        assertFill(result.fills().get(1), 2, 300_100, 499, 149_749_900_000L);
        assertEquals(OrderStatus.FILLED, result.order().status());
        assertEquals(1_499, result.order().executedQty());
        assertEquals(1_499, result.order().origQty());
        assertEquals(449_749_900_000L, result.order().cummulativeQuoteQty());
        assertBalance(ZERO_FEES_C, "USDT", 1_000_000 * USDT - 449_749_900_000L, 0);
        assertBalance(ZERO_FEES_C, "ETH", 10_149_900_000L, 0);
        assertArrayEquals(new long[]{300_100, 501}, f.engine.depth(SYMBOL, 5).asks().get(0));
    }

    @Test
    void marketBuyByQuoteThatEmptiesTheBookExpiresAndReleasesTheRest()
    {
        f.limit(ZERO_FEES_A, Side.SELL, px(3000), qty(1));
        f.limit(ZERO_FEES_A, Side.SELL, px(3001), qty(1));

        final PlaceResult result = f.marketByQuote(ZERO_FEES_C, Side.BUY, 10_000 * USDT);

        assertEquals(OrderStatus.EXPIRED, result.order().status());
        assertEquals(2_000, result.order().executedQty());
        assertEquals(600_100_000_000L, result.order().cummulativeQuoteQty());
        assertBalance(ZERO_FEES_C, "USDT", 1_000_000 * USDT - 600_100_000_000L, 0);
    }

    @Test
    void marketBuyByQuoteSpendingExactlyTheWholeBookIsFilled()
    {
        f.limit(ZERO_FEES_A, Side.SELL, px(3000), qty(1));

        final PlaceResult result = f.marketByQuote(ZERO_FEES_C, Side.BUY, 3_000 * USDT);

        assertEquals(OrderStatus.FILLED, result.order().status());
        assertEquals(1_000, result.order().executedQty());
    }

    @Test
    void marketBuyByQuoteThatCannotBuyOneStepIsRejected()
    {
        f.limit(ZERO_FEES_A, Side.SELL, px(6000), qty(1));

        // One step (0.001 ETH) at 6000.00 costs 6 USDT; 5.99 USDT buys nothing.
        final EngineReject reject = assertThrows(EngineReject.class,
            () -> f.marketByQuote(ZERO_FEES_C, Side.BUY, 599_000_000L));

        assertEquals(EngineReject.Reason.LOT_SIZE, reject.reason());
        assertBalance(ZERO_FEES_C, "USDT", 1_000_000 * USDT, 0);
        final PlaceResult oneStep = f.marketByQuote(ZERO_FEES_C, Side.BUY, 600_000_000L);
        assertEquals(1, oneStep.order().executedQty());
        assertEquals(OrderStatus.FILLED, oneStep.order().status());
    }

    @Test
    void marketSellByQtyWalksTheBidsAndOnAnEmptyBookIsAcceptedAndExpires()
    {
        final PlaceResult empty = f.marketByQty(ZERO_FEES_A, Side.SELL, qty(1));
        assertEquals(OrderStatus.EXPIRED, empty.order().status());
        assertEquals(0, empty.order().executedQty());
        assertTrue(empty.fills().isEmpty());
        assertBalance(ZERO_FEES_A, "ETH", 100 * ETH, 0);
        final EngineReject byQuote = assertThrows(EngineReject.class,
            () -> f.marketByQuote(ZERO_FEES_A, Side.SELL, 100 * USDT));
        assertEquals(EngineReject.Reason.MARKET_NO_LIQUIDITY, byQuote.reason(),
            "a quote-sized MARKET facing an empty book is refused, as the docs' -2010 list says");

        f.limit(ZERO_FEES_B, Side.BUY, px(2999), qty(1));
        f.limit(ZERO_FEES_B, Side.BUY, px(2998), qty(1));
        final PlaceResult result = f.marketByQty(ZERO_FEES_A, Side.SELL, qty(1.5));

        assertEquals(OrderStatus.FILLED, result.order().status());
        assertEquals(449_800_000_000L, result.order().cummulativeQuoteQty());
        assertBalance(ZERO_FEES_A, "ETH", 100 * ETH - 150_000_000L, 0);
        assertBalance(ZERO_FEES_A, "USDT", 1_000_000 * USDT + 449_800_000_000L, 0);
        assertBalance(ZERO_FEES_B, "USDT", 1_000_000 * USDT - 599_700_000_000L, 149_900_000_000L);
    }

    @Test
    void marketSellLargerThanTheBookFillsWhatRestsAndExpires()
    {
        f.limit(ZERO_FEES_B, Side.BUY, px(2999), qty(1));
        final PlaceResult result = f.marketByQty(ZERO_FEES_A, Side.SELL, qty(3));

        assertEquals(OrderStatus.EXPIRED, result.order().status());
        assertEquals(1_000, result.order().executedQty());
        assertBalance(ZERO_FEES_A, "ETH", 99 * ETH, 0);
    }

    @Test
    void limitMakerThatWouldMatchIsRejectedAndLeavesEverythingUntouched()
    {
        f.limit(ZERO_FEES_A, Side.SELL, px(3000), qty(1));
        final DepthView before = f.engine.depth(SYMBOL, 10);
        f.listener.drain();

        final EngineReject reject = assertThrows(EngineReject.class, () -> f.place(ZERO_FEES_C, Side.BUY,
            OrderType.LIMIT_MAKER, TimeInForce.GTC, px(3000), qty(1), null, StpMode.NONE));

        assertEquals(EngineReject.Reason.POST_ONLY_WOULD_MATCH, reject.reason());
        assertDepthEquals(before, f.engine.depth(SYMBOL, 10));
        assertBalance(ZERO_FEES_C, "USDT", 1_000_000 * USDT, 0);
        assertTrue(f.engine.openOrders(ZERO_FEES_C, null).isEmpty());
        assertEquals(List.of(), f.listener.drain());

        final PlaceResult resting = f.place(ZERO_FEES_C, Side.BUY, OrderType.LIMIT_MAKER, TimeInForce.GTC,
            px(2999.99), qty(1), null, StpMode.NONE);
        assertEquals(2, resting.order().orderId());
        assertEquals(OrderStatus.NEW, resting.order().status());
        assertTrue(resting.order().working());
        assertArrayEquals(new long[]{299_999, 1_000}, f.engine.depth(SYMBOL, 5).bids().get(0));
    }

    @Test
    void stpExpireTakerExpiresTheIncomingOrderAndKeepsTheResting()
    {
        f.limit(ZERO_FEES_A, Side.SELL, px(3000), qty(1));
        f.listener.drain();

        final PlaceResult result = f.place(ZERO_FEES_A, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, px(3000), qty(1),
            null, StpMode.EXPIRE_TAKER);

        assertEquals(OrderStatus.EXPIRED_IN_MATCH, result.order().status());
        assertEquals(0, result.order().executedQty());
        assertTrue(result.fills().isEmpty());
        assertEquals(OrderStatus.NEW, f.engine.query(ZERO_FEES_A, SYMBOL, 1, null).status());
        assertBalance(ZERO_FEES_A, "USDT", 1_000_000 * USDT, 0);
        assertEquals(List.of(
            "order acct=1 id=2 NEW NEW exec=0",
            "order acct=1 id=2 TRADE_PREVENTION EXPIRED_IN_MATCH exec=0",
            "balance acct=1 USDT=" + 1_000_000 * USDT + "/0"), f.listener.drain());
    }

    @Test
    void stpExpireMakerExpiresTheOwnRestingOrderAndTradesWithTheNext()
    {
        f.limit(ZERO_FEES_A, Side.SELL, px(3000), qty(1));
        f.limit(ZERO_FEES_B, Side.SELL, px(3000), qty(1));

        final PlaceResult result = f.place(ZERO_FEES_A, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, px(3000), qty(1),
            null, StpMode.EXPIRE_MAKER);

        assertEquals(OrderStatus.FILLED, result.order().status());
        assertEquals(1, result.fills().size());
        assertEquals(OrderStatus.EXPIRED_IN_MATCH, f.engine.query(ZERO_FEES_A, SYMBOL, 1, null).status());
        assertEquals(OrderStatus.FILLED, f.engine.query(ZERO_FEES_B, SYMBOL, 2, null).status());
        assertBalance(ZERO_FEES_A, "ETH", 101 * ETH, 0);
        assertBalance(ZERO_FEES_A, "USDT", 1_000_000 * USDT - 300_000_000_000L, 0);
        assertEquals(0, f.engine.depth(SYMBOL, 5).asks().size());
    }

    @Test
    void stpExpireBothExpiresBothAndTradesNothing()
    {
        f.limit(ZERO_FEES_A, Side.SELL, px(3000), qty(1));
        f.limit(ZERO_FEES_B, Side.SELL, px(3000), qty(1));

        final PlaceResult result = f.place(ZERO_FEES_A, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, px(3000), qty(1),
            null, StpMode.EXPIRE_BOTH);

        assertEquals(OrderStatus.EXPIRED_IN_MATCH, result.order().status());
        assertTrue(result.fills().isEmpty());
        assertEquals(OrderStatus.EXPIRED_IN_MATCH, f.engine.query(ZERO_FEES_A, SYMBOL, 1, null).status());
        assertEquals(OrderStatus.NEW, f.engine.query(ZERO_FEES_B, SYMBOL, 2, null).status());
        assertBalance(ZERO_FEES_A, "ETH", 100 * ETH, 0);
        assertBalance(ZERO_FEES_A, "USDT", 1_000_000 * USDT, 0);
        assertArrayEquals(new long[]{300_000, 1_000}, f.engine.depth(SYMBOL, 5).asks().get(0));
    }

    @Test
    void stpNoneLetsAnAccountTradeWithItself()
    {
        f.limit(ZERO_FEES_A, Side.SELL, px(3000), qty(1));
        final PlaceResult result = f.limit(ZERO_FEES_A, Side.BUY, px(3000), qty(1));

        assertEquals(OrderStatus.FILLED, result.order().status());
        assertEquals(2, f.engine.myTrades(ZERO_FEES_A, SYMBOL, -1, 10).size());     // both sides of trade 1
        assertBalance(ZERO_FEES_A, "ETH", 100 * ETH, 0);
        assertBalance(ZERO_FEES_A, "USDT", 1_000_000 * USDT, 0);
    }

    @Test
    void chargesTakerFeesRoundedUpAndPaysMakerRebatesRoundedDown()
    {
        final long maker = 10;
        final long taker = 11;
        f.addFunded(maker, new FeeSchedule(-100, 1_000));
        f.addFunded(taker, new FeeSchedule(200, 333));

        // Maker sells 0.002 at 3000.01: notional 6.00002000 USDT.
        f.limit(maker, Side.SELL, px(3000.01), qty(0.002));
        final PlaceResult buy = f.limit(taker, Side.BUY, px(3000.01), qty(0.002));

        // Taker receives 0.002 ETH = 200000 units; 333 ppm of it is 66.6 → 67 units.
        assertEquals(67, buy.fills().get(0).commission());
        assertEquals("ETH", buy.fills().get(0).commissionAsset());
        assertFalse(buy.fills().get(0).maker());
        assertBalance(taker, "ETH", 100 * ETH + 200_000 - 67, 0);
        assertBalance(taker, "USDT", 1_000_000 * USDT - 600_002_000L, 0);
        // Maker receives 600002000 USDT units; −100 ppm is a rebate of 60000.2 → 60000 units.
        final TradeView makerTrade = f.engine.myTrades(maker, SYMBOL, -1, 10).get(0);
        assertEquals(-60_000, makerTrade.commission());
        assertEquals("USDT", makerTrade.commissionAsset());
        assertTrue(makerTrade.maker());
        assertBalance(maker, "USDT", 1_000_000 * USDT + 600_002_000L + 60_000, 0);
        assertBalance(maker, "ETH", 100 * ETH - 200_000, 0);

        // The other way round: the buying maker's rebate is in ETH, the selling taker pays in USDT.
        f.limit(maker, Side.BUY, px(3000.01), qty(0.002));
        final PlaceResult sell = f.limit(taker, Side.SELL, px(3000.01), qty(0.002));
        assertEquals(199_801, sell.fills().get(0).commission());     // 600002000 × 333 ppm = 199800.666
        assertEquals("USDT", sell.fills().get(0).commissionAsset());
        assertEquals(-20, f.engine.myTrades(maker, SYMBOL, -1, 10).get(1).commission());
        assertBalance(maker, "ETH", 100 * ETH + 20, 0);
        assertBalance(taker, "USDT", 1_000_000 * USDT - 199_801, 0);
        assertBalance(taker, "ETH", 100 * ETH - 67, 0);
    }

    @Test
    void commissionOnAHugeAmountDoesNotOverflow()
    {
        assertEquals(9_000_000_000_000_000L / 1_000_000 * 999_999, FixedPoint.commission(9_000_000_000_000_000L, 999_999));
        assertEquals(1, FixedPoint.commission(1, 1));
        assertEquals(0, FixedPoint.commission(1, -1));
    }

    @Test
    void clientOrderIdMustBeUniqueAmongTheAccountsOpenOrders()
    {
        f.place(ZERO_FEES_A, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, px(3000), qty(1), "q1", StpMode.NONE);

        final EngineReject duplicate = assertThrows(EngineReject.class, () -> f.place(ZERO_FEES_A, Side.SELL,
            OrderType.LIMIT, TimeInForce.GTC, px(3001), qty(1), "q1", StpMode.NONE));
        assertEquals(EngineReject.Reason.DUPLICATE_CLIENT_ORDER_ID, duplicate.reason());
        assertEquals(1, f.engine.depth(SYMBOL, 5).asks().size());

        f.place(ZERO_FEES_B, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, px(3001), qty(1), "q1", StpMode.NONE);
        final OrderView cancelled = f.engine.cancel(ZERO_FEES_A, SYMBOL, -1, "q1");
        assertEquals(1, cancelled.orderId());
        final PlaceResult reused = f.place(ZERO_FEES_A, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, px(3002),
            qty(1), "q1", StpMode.NONE);
        assertEquals(3, reused.order().orderId());
        assertEquals("q1", reused.order().clientOrderId());
    }

    @Test
    void cancelAllCancelsEveryOpenOrderAndRejectsWhenNoneIsOpen()
    {
        f.limit(ZERO_FEES_A, Side.SELL, px(3000), qty(1));
        f.limit(ZERO_FEES_A, Side.BUY, px(2990), qty(1));
        f.limit(ZERO_FEES_B, Side.SELL, px(3000), qty(1));

        final List<OrderView> cancelled = f.engine.cancelAll(ZERO_FEES_A, SYMBOL);

        assertEquals(2, cancelled.size());
        assertEquals(1, cancelled.get(0).orderId());
        assertEquals(2, cancelled.get(1).orderId());
        assertBalance(ZERO_FEES_A, "ETH", 100 * ETH, 0);
        assertBalance(ZERO_FEES_A, "USDT", 1_000_000 * USDT, 0);
        assertEquals(1, f.engine.depth(SYMBOL, 5).asks().size());
        final EngineReject none = assertThrows(EngineReject.class, () -> f.engine.cancelAll(ZERO_FEES_A, SYMBOL));
        assertEquals(EngineReject.Reason.UNKNOWN_ORDER, none.reason());
    }

    @Test
    void unknownSymbolAccountAndOrderAreRejected()
    {
        assertEquals(EngineReject.Reason.UNKNOWN_SYMBOL, assertThrows(EngineReject.class,
            () -> f.engine.depth("BTCUSDT", 5)).reason());
        assertEquals(EngineReject.Reason.UNKNOWN_ACCOUNT, assertThrows(EngineReject.class,
            () -> f.engine.balances(99)).reason());
        assertEquals(EngineReject.Reason.UNKNOWN_ORDER, assertThrows(EngineReject.class,
            () -> f.engine.query(ZERO_FEES_A, SYMBOL, 42, null)).reason());
        assertThrows(IllegalArgumentException.class, () -> f.engine.place(new NewOrder(ZERO_FEES_A, SYMBOL, null,
            Side.BUY, OrderType.MARKET, TimeInForce.GTC, px(3000), qty(1), 0, StpMode.NONE, 0)));
    }

    @Test
    void multiLevelSweepReportsEventsInCausalOrder()
    {
        f.limit(ZERO_FEES_A, Side.SELL, px(3000), qty(1));      // id 1
        f.limit(ZERO_FEES_B, Side.SELL, px(3001), qty(1));      // id 2
        f.limit(ZERO_FEES_A, Side.SELL, px(3002), qty(1));      // id 3
        f.listener.drain();

        f.limit(ZERO_FEES_C, Side.BUY, px(3002), qty(2.5));     // id 4

        assertEquals(List.of(
            "order acct=3 id=4 NEW NEW exec=0",
            "trade ETHUSDT #1 1000@300000 buyer=4 seller=1",
            "order acct=1 id=1 TRADE FILLED exec=1000 fill=1000@300000",
            "order acct=3 id=4 TRADE PARTIALLY_FILLED exec=1000 fill=1000@300000",
            "trade ETHUSDT #2 1000@300100 buyer=4 seller=2",
            "order acct=2 id=2 TRADE FILLED exec=1000 fill=1000@300100",
            "order acct=3 id=4 TRADE PARTIALLY_FILLED exec=2000 fill=1000@300100",
            "trade ETHUSDT #3 500@300200 buyer=4 seller=3",
            "order acct=1 id=3 TRADE PARTIALLY_FILLED exec=500 fill=500@300200",
            "order acct=3 id=4 TRADE FILLED exec=2500 fill=500@300200",
            "depth ETHUSDT 4-4 bids[] asks[0@300000 0@300100 500@300200]",
            "balance acct=3 USDT=99249800000000/0 ETH=10250000000/0",
            "balance acct=1 ETH=9800000000/50000000 USDT=100450100000000/0",
            "balance acct=2 ETH=9900000000/0 USDT=100300100000000/0"), f.listener.drain());
    }

    @Test
    void tradeIdsOrderIdsAndUpdateIdsCountPerSymbol()
    {
        f.engine.addAsset(new Asset("BTC", 8));
        f.engine.addInstrument(new InstrumentSpec("BTCUSDT", "BTC", "USDT", 2, 3, 1, 1, 0, 1, 1, 1_000_000, 0, 0));
        f.engine.deposit(ZERO_FEES_A, "BTC", 10 * 100_000_000L);

        f.limit(ZERO_FEES_A, Side.SELL, px(3000), qty(1));
        f.limit(ZERO_FEES_B, Side.BUY, px(3000), qty(1));
        final PlaceResult btc = f.engine.place(new NewOrder(ZERO_FEES_A, "BTCUSDT", null, Side.SELL, OrderType.LIMIT,
            TimeInForce.GTC, 6_000_000, 1_000, 0, StpMode.NONE, 0));

        assertEquals(1, btc.order().orderId());
        assertEquals(1, f.engine.depth("BTCUSDT", 5).lastUpdateId());
        assertEquals(2, f.engine.depth(SYMBOL, 5).lastUpdateId());
        assertEquals(1, f.engine.myTrades(ZERO_FEES_B, SYMBOL, -1, 10).get(0).tradeId());
    }

    private void assertBalance(final long account, final String asset, final long free, final long locked)
    {
        final BalanceView balance = f.balance(account, asset);
        assertEquals(free, balance.free(), () -> "free " + asset + " of account " + account);
        assertEquals(locked, balance.locked(), () -> "locked " + asset + " of account " + account);
    }

    private static void assertFill(final Fill fill, final long tradeId, final long price, final long qty, final long quote)
    {
        assertEquals(tradeId, fill.tradeId());
        assertEquals(price, fill.price());
        assertEquals(qty, fill.qty());
        assertEquals(quote, fill.quoteQty());
    }

    static void assertDepthEquals(final DepthView expected, final DepthView actual)
    {
        assertEquals(expected.lastUpdateId(), actual.lastUpdateId());
        assertEquals(expected.bids().size(), actual.bids().size());
        assertEquals(expected.asks().size(), actual.asks().size());
        for (int i = 0; i < expected.bids().size(); i++)
        {
            assertArrayEquals(expected.bids().get(i), actual.bids().get(i));
        }
        for (int i = 0; i < expected.asks().size(); i++)
        {
            assertArrayEquals(expected.asks().get(i), actual.asks().get(i));
        }
    }
    @Test
    void iocThatFindsNothingIsAcceptedAndExpires()
    {
        f.limit(ZERO_FEES_A, Side.SELL, px(3001), qty(1));
        f.listener.drain();

        final PlaceResult result = f.place(ZERO_FEES_C, Side.BUY, OrderType.LIMIT, TimeInForce.IOC, px(3000), qty(1),
            null, StpMode.NONE);

        assertEquals(OrderStatus.EXPIRED, result.order().status());
        assertEquals(0, result.order().executedQty());
        assertTrue(result.fills().isEmpty());
        assertBalance(ZERO_FEES_C, "USDT", 1_000_000 * USDT, 0);
        assertEquals("order acct=3 id=2 EXPIRED EXPIRED exec=0", f.listener.drain().get(1));
    }

    @Test
    void marketByQuoteCarriesTheRequestedQuoteAmount()
    {
        f.limit(ZERO_FEES_A, Side.SELL, px(3000), qty(1));

        final PlaceResult result = f.marketByQuote(ZERO_FEES_C, Side.BUY, 1_500 * USDT);

        assertEquals(1_500 * USDT, result.order().origQuoteOrderQty());
        assertEquals(0, f.engine.query(ZERO_FEES_A, SYMBOL, 1, null).origQuoteOrderQty());
    }

    @Test
    void cancelCarriesTheCancelRequestsClientOrderIdGivenOrGenerated()
    {
        f.place(ZERO_FEES_A, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, px(3000), qty(1), "orig1", StpMode.NONE);
        f.place(ZERO_FEES_A, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, px(3001), qty(1), "orig2", StpMode.NONE);
        f.listener.drain();

        final OrderView named = f.engine.cancel(ZERO_FEES_A, SYMBOL, -1, "orig1", "cancel1");
        final OrderView generated = f.engine.cancel(ZERO_FEES_A, SYMBOL, 2, null);

        assertEquals("orig1", named.clientOrderId());
        assertEquals("cancel1", named.cancelClientOrderId());
        assertEquals("orig2", generated.clientOrderId());
        assertNotNull(generated.cancelClientOrderId());
        assertNotEquals("orig2", generated.cancelClientOrderId());
        assertEquals("cancel1", f.engine.query(ZERO_FEES_A, SYMBOL, -1, "orig1").cancelClientOrderId());
        assertEquals(List.of(
            "order acct=1 id=1 CANCELED CANCELED exec=0",
            "order acct=1 id=2 CANCELED CANCELED exec=0"),
            f.listener.drain().stream().filter(e -> e.startsWith("order")).toList());
    }

    @Test
    void stpRecordsThePreventedMatchOnBothOrdersAndInTheResult()
    {
        f.limit(ZERO_FEES_A, Side.SELL, px(3000), qty(1));
        f.limit(ZERO_FEES_A, Side.SELL, px(3001), qty(2));

        final PlaceResult result = f.place(ZERO_FEES_A, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, px(3001), qty(3),
            null, StpMode.EXPIRE_BOTH);

        assertEquals(List.of(new PreventedMatch(0, 1, px(3000), qty(3), qty(1))), result.preventedMatches());
        assertEquals(0, result.order().preventedMatchId());
        assertEquals(qty(3), result.order().preventedQty());
        assertEquals(1, result.order().counterOrderId());
        final OrderView maker = f.engine.query(ZERO_FEES_A, SYMBOL, 1, null);
        assertEquals(OrderStatus.EXPIRED_IN_MATCH, maker.status());
        assertEquals(0, maker.preventedMatchId());
        assertEquals(qty(1), maker.preventedQty());
        assertEquals(3, maker.counterOrderId());
        assertEquals(-1, f.engine.query(ZERO_FEES_A, SYMBOL, 2, null).preventedMatchId());

        final PlaceResult next = f.place(ZERO_FEES_A, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, px(3001), qty(1),
            null, StpMode.EXPIRE_TAKER);
        assertEquals(List.of(new PreventedMatch(1, 2, px(3001), qty(1), 0)), next.preventedMatches(),
            "prevented match ids increase per symbol; EXPIRE_TAKER leaves the maker's side at 0");
    }

    @Test
    void marketWithExpireMakerExpiresTheOwnMakerAndItselfWhenNothingElseRests()
    {
        f.limit(ZERO_FEES_A, Side.BUY, px(3000), qty(1));

        final PlaceResult result = f.marketByQtyStp(ZERO_FEES_A, Side.SELL, qty(1), StpMode.EXPIRE_MAKER);

        assertEquals(OrderStatus.EXPIRED, result.order().status(), "the STP FAQ's scenario F");
        assertEquals(-1, result.order().preventedMatchId());
        assertEquals(List.of(new PreventedMatch(0, 1, px(3000), 0, qty(1))), result.preventedMatches());
        assertEquals(OrderStatus.EXPIRED_IN_MATCH, f.engine.query(ZERO_FEES_A, SYMBOL, 1, null).status());
    }
}
