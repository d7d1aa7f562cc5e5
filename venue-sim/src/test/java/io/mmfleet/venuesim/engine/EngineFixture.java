package io.mmfleet.venuesim.engine;

import java.util.concurrent.atomic.AtomicLong;

/**
 * ETHUSDT with price scale 2 (tick 0.01), qty scale 3 (step 0.001), both assets at scale 8: a notional mantissa is
 * price × qty × 1000 (e.g. 1.000 ETH at 3000.00 = 300000 × 1000 × 1000 = 3000.00000000 USDT).
 */
final class EngineFixture
{
    static final String SYMBOL = "ETHUSDT";
    static final long ETH = 100_000_000L;
    static final long USDT = 100_000_000L;
    static final long ZERO_FEES_A = 1;
    static final long ZERO_FEES_B = 2;
    static final long ZERO_FEES_C = 3;

    final AtomicLong clock = new AtomicLong(1_700_000_000_000L);
    final RecordingListener listener = new RecordingListener();
    final MatchingEngine engine = new MatchingEngine(clock::get, listener);

    EngineFixture()
    {
        engine.addAsset(new Asset("ETH", 8));
        engine.addAsset(new Asset("USDT", 8));
        engine.addInstrument(new InstrumentSpec(SYMBOL, "ETH", "USDT", 2, 3,
            1, 1, 10_000_000, 1, 1, 1_000_000, 5 * USDT, 0));
        for (final long account : new long[]{ZERO_FEES_A, ZERO_FEES_B, ZERO_FEES_C})
        {
            addFunded(account, new FeeSchedule(0, 0));
        }
        listener.drain();
    }

    void addFunded(final long account, final FeeSchedule fees)
    {
        engine.addAccount(account, fees);
        engine.deposit(account, "ETH", 100 * ETH);
        engine.deposit(account, "USDT", 1_000_000 * USDT);
    }

    /** Price in cents: 3000.00 → 300000. */
    static long px(final double price)
    {
        return Math.round(price * 100);
    }

    /** Quantity in thousandths: 1.5 → 1500. */
    static long qty(final double qty)
    {
        return Math.round(qty * 1000);
    }

    PlaceResult limit(final long account, final Side side, final long price, final long qty)
    {
        return place(account, side, OrderType.LIMIT, TimeInForce.GTC, price, qty, null, StpMode.NONE);
    }

    PlaceResult place(
        final long account, final Side side, final OrderType type, final TimeInForce tif, final long price,
        final long qty, final String clientOrderId, final StpMode stp)
    {
        return engine.place(new NewOrder(account, SYMBOL, clientOrderId, side, type, tif, price, qty, 0, stp,
            clock.get()));
    }

    PlaceResult marketByQuote(final long account, final Side side, final long quoteOrderQty)
    {
        return engine.place(new NewOrder(account, SYMBOL, null, side, OrderType.MARKET, TimeInForce.GTC, 0, 0,
            quoteOrderQty, StpMode.NONE, clock.get()));
    }

    PlaceResult marketByQty(final long account, final Side side, final long qty)
    {
        return marketByQtyStp(account, side, qty, StpMode.NONE);
    }

    PlaceResult marketByQtyStp(final long account, final Side side, final long qty, final StpMode stp)
    {
        return engine.place(new NewOrder(account, SYMBOL, null, side, OrderType.MARKET, TimeInForce.GTC, 0, qty,
            0, stp, clock.get()));
    }

    BalanceView balance(final long account, final String asset)
    {
        for (final BalanceView balance : engine.balances(account))
        {
            if (balance.asset().equals(asset))
            {
                return balance;
            }
        }
        throw new AssertionError("no balance " + asset);
    }
}
