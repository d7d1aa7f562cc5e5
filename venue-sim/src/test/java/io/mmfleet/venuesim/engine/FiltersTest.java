package io.mmfleet.venuesim.engine;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * FLTUSDT: price scale 2, tick 0.05 (5), price in [1.00, 1000.00]; qty scale 3, step 0.010 (10), qty in
 * [0.010, 5.000]; notional (price × qty × 1000 at USDT scale 8) in [1, 400] USDT.
 */
class FiltersTest
{
    private static final String SYMBOL = "FLTUSDT";
    private static final long ACCOUNT = 1;

    private final MatchingEngine engine = new MatchingEngine(() -> 0L, new RecordingListener());

    FiltersTest()
    {
        engine.addAsset(new Asset("FLT", 3));
        engine.addAsset(new Asset("USDT", 8));
        engine.addInstrument(new InstrumentSpec(SYMBOL, "FLT", "USDT", 2, 3,
            5, 100, 100_000, 10, 10, 5_000, 100_000_000L, 40_000_000_000L));
        engine.addAccount(ACCOUNT, new FeeSchedule(0, 0));
        engine.deposit(ACCOUNT, "USDT", 1_000_000_000_000L);
    }

    @Test
    void priceAtEachBoundIsAcceptedAndJustPastIsRejected()
    {
        accepted(100, 1_000);              // minPrice, and notional exactly minNotional
        rejected(EngineReject.Reason.PRICE_FILTER, 95, 2_000);
        accepted(100_000, 10);             // maxPrice
        rejected(EngineReject.Reason.PRICE_FILTER, 100_005, 10);
        accepted(105, 1_000);
        rejected(EngineReject.Reason.PRICE_FILTER, 103, 1_000);   // off tick
        rejected(EngineReject.Reason.PRICE_FILTER, 0, 1_000);
    }

    @Test
    void qtyAtEachBoundIsAcceptedAndJustPastIsRejected()
    {
        accepted(10_000, 10);              // minQty
        rejected(EngineReject.Reason.LOT_SIZE, 10_000, 0);
        accepted(1_000, 5_000);            // maxQty
        rejected(EngineReject.Reason.LOT_SIZE, 1_000, 5_010);
        rejected(EngineReject.Reason.LOT_SIZE, 10_000, 15);       // off step
        rejected(EngineReject.Reason.LOT_SIZE, 10_000, -10);
    }

    @Test
    void notionalAtEachBoundIsAcceptedAndJustPastIsRejected()
    {
        accepted(100, 1_000);              // 1.00 × 1.000 = 1 USDT
        rejected(EngineReject.Reason.NOTIONAL, 100, 990);
        accepted(100_000, 400);            // 1000.00 × 0.400 = 400 USDT
        rejected(EngineReject.Reason.NOTIONAL, 100_000, 410);
    }

    @Test
    void notionalThatOverflowsALongIsRejectedNotWrapped()
    {
        final MatchingEngine big = new MatchingEngine(() -> 0L, new RecordingListener());
        big.addAsset(new Asset("BIG", 0));
        big.addAsset(new Asset("USD", 0));
        big.addInstrument(new InstrumentSpec("BIGUSD", "BIG", "USD", 0, 0, 1, 1, 0, 1, 1, Long.MAX_VALUE / 2, 0, 0));
        big.addAccount(ACCOUNT, new FeeSchedule(0, 0));
        big.deposit(ACCOUNT, "USD", Long.MAX_VALUE);

        final EngineReject reject = assertThrows(EngineReject.class, () -> big.place(new NewOrder(ACCOUNT, "BIGUSD",
            null, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 4_000_000_000L, 4_000_000_000L, 0, StpMode.NONE, 0)));

        assertEquals(EngineReject.Reason.NOTIONAL, reject.reason());
        assertEquals(Long.MAX_VALUE, big.balances(ACCOUNT).get(1).free());
        assertEquals(0, big.depth("BIGUSD", 5).bids().size());
    }

    @Test
    void instrumentWhoseNotionalCannotBeExactAtTheQuoteScaleIsRefused()
    {
        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> engine.addInstrument(
            new InstrumentSpec("FINE", "FLT", "USDT", 6, 3, 1, 1, 0, 1, 1, 1_000, 0, 0)));
        assertEquals("instrument FINE: priceScale + qtyScale must not exceed the scale of USDT (8)", error.getMessage());
    }

    private void accepted(final long price, final long qty)
    {
        final PlaceResult result = engine.place(order(price, qty));
        assertEquals(OrderStatus.NEW, result.order().status());
        engine.cancel(ACCOUNT, SYMBOL, result.order().orderId(), null);
    }

    private void rejected(final EngineReject.Reason reason, final long price, final long qty)
    {
        final EngineReject reject = assertThrows(EngineReject.class, () -> engine.place(order(price, qty)),
            () -> "price " + price + " qty " + qty);
        assertEquals(reason, reject.reason(), reject.detail());
    }

    private static NewOrder order(final long price, final long qty)
    {
        return new NewOrder(ACCOUNT, SYMBOL, null, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, price, qty, 0,
            StpMode.NONE, 0);
    }
}
