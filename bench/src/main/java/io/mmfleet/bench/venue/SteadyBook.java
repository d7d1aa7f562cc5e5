package io.mmfleet.bench.venue;

import io.mmfleet.venuesim.engine.Asset;
import io.mmfleet.venuesim.engine.EngineListener;
import io.mmfleet.venuesim.engine.FeeSchedule;
import io.mmfleet.venuesim.engine.Fill;
import io.mmfleet.venuesim.engine.InstrumentSpec;
import io.mmfleet.venuesim.engine.MatchingEngine;
import io.mmfleet.venuesim.engine.NewOrder;
import io.mmfleet.venuesim.engine.OrderType;
import io.mmfleet.venuesim.engine.Side;
import io.mmfleet.venuesim.engine.StpMode;
import io.mmfleet.venuesim.engine.TimeInForce;
import io.mmfleet.venuesim.market.MarketAccount;

import java.util.List;

/**
 * A venue-sim engine with one ETHUSDT book of {@value #LEVELS} contiguous levels a side, {@value #ORDERS_PER_LEVEL}
 * equal orders of the market account on each, and a quoter and a taker account funded so deeply that no benchmark
 * run drains them. After a taker consumes whole resting orders, {@link #replenish} puts the same orders back at the
 * same prices, so the book returns to the same shape: same levels, same quantity and order count on each.
 */
public final class SteadyBook
{
    public static final String SYMBOL = "ETHUSDT";
    public static final String BASE = "ETH";
    public static final String QUOTE = "USDT";
    public static final int PRICE_SCALE = 2;
    public static final int QTY_SCALE = 4;
    public static final int ASSET_SCALE = 8;

    public static final int LEVELS = 20;
    public static final int ORDERS_PER_LEVEL = 4;
    /** 2999.95 and 3000.05: a 10-tick spread leaves room for a quote that improves the best price. */
    public static final long BEST_BID = 299_995;
    public static final long BEST_ASK = 300_005;
    /** 0.25 ETH: every resting order of the market account has this size. */
    public static final long RESTING_QTY = 2_500;

    public static final long MARKET_ACCOUNT = MarketAccount.ID;
    public static final long QUOTER_ACCOUNT = 1;
    public static final long TAKER_ACCOUNT = 2;
    /** Binance's default 0.1 % both ways: the commission arithmetic runs on every fill. */
    public static final FeeSchedule ACCOUNT_FEES = new FeeSchedule(1_000, 1_000);
    /**
     * A quarter of a long (2.3e18, i.e. 2.3e10 ETH or USDT at scale 8): a taker op of at most 2.5 ETH pays under
     * 1e9 in fees and spread, so more than 2e9 ops fit before a balance runs dry, and the headroom above keeps
     * every credit from overflowing.
     */
    public static final long FUNDING = Long.MAX_VALUE / 4;

    private final MatchingEngine engine;
    /** The market account's order that restores one resting order, by level, per side. */
    private final NewOrder[] bidRefills = new NewOrder[LEVELS];
    private final NewOrder[] askRefills = new NewOrder[LEVELS];

    public SteadyBook(final EngineListener listener)
    {
        engine = new MatchingEngine(System::currentTimeMillis, listener);
        engine.addAsset(new Asset(BASE, ASSET_SCALE));
        engine.addAsset(new Asset(QUOTE, ASSET_SCALE));
        // tick 0.01, step 0.0001, qty 0.0001..9000, notional from 5 USDT, as Binance's ETHUSDT filters.
        engine.addInstrument(new InstrumentSpec(SYMBOL, BASE, QUOTE, PRICE_SCALE, QTY_SCALE,
            1, 1, 0, 1, 1, 90_000_000, 500_000_000, 0));
        MarketAccount.ensureFunded(engine, SYMBOL);
        fund(QUOTER_ACCOUNT);
        fund(TAKER_ACCOUNT);

        for (int level = 0; level < LEVELS; level++)
        {
            bidRefills[level] = restingOrder(Side.BUY, bidPrice(level));
            askRefills[level] = restingOrder(Side.SELL, askPrice(level));
        }
        for (int level = 0; level < LEVELS; level++)
        {
            for (int i = 0; i < ORDERS_PER_LEVEL; i++)
            {
                engine.place(bidRefills[level]);
                engine.place(askRefills[level]);
            }
        }
    }

    public MatchingEngine engine()
    {
        return engine;
    }

    /** @param level 0 for the best bid. */
    public static long bidPrice(final int level)
    {
        return BEST_BID - level;
    }

    /** @param level 0 for the best ask. */
    public static long askPrice(final int level)
    {
        return BEST_ASK + level;
    }

    /**
     * Restores the resting orders a taker on {@code takerSide} consumed: one market-account order per fill, at the
     * fill's price, joining the back of its level.
     *
     * @return the number of orders placed.
     * @throws IllegalStateException if a fill is not one whole resting order of the book, since restoring it would
     *                               change the book's shape.
     */
    public int replenish(final Side takerSide, final List<Fill> fills)
    {
        final int count = fills.size();
        for (int i = 0; i < count; i++)
        {
            final Fill fill = fills.get(i);
            final int level = takerSide == Side.BUY ? (int)(fill.price() - BEST_ASK) : (int)(BEST_BID - fill.price());
            if (level < 0 || level >= LEVELS || fill.qty() != RESTING_QTY)
            {
                throw new IllegalStateException("fill of " + fill.qty() + " at " + fill.price() + " by a " + takerSide +
                    " taker is not one whole resting order of the book");
            }
            engine.place(takerSide == Side.BUY ? askRefills[level] : bidRefills[level]);
        }
        return count;
    }

    private void fund(final long accountId)
    {
        engine.addAccount(accountId, ACCOUNT_FEES);
        engine.deposit(accountId, BASE, FUNDING);
        engine.deposit(accountId, QUOTE, FUNDING);
    }

    // The engine assigns the client order id: several identical orders rest at once, so none can be fixed here.
    private static NewOrder restingOrder(final Side side, final long price)
    {
        return new NewOrder(MARKET_ACCOUNT, SYMBOL, null, side, OrderType.LIMIT, TimeInForce.GTC, price, RESTING_QTY,
            0, StpMode.NONE, 0);
    }
}
