package io.mmfleet.venuesim.market;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

import io.mmfleet.venuesim.engine.InstrumentSpec;
import io.mmfleet.venuesim.engine.MatchingEngine;

/**
 * A random-walk market on one symbol, deterministic from its seed: each {@link #tick()} moves the mid, re-quotes the
 * market account's background ladder around it and sends that interval's background takers (see {@link TakerFlow}).
 * Drive it from the engine thread, e.g. {@code executor.schedule(config.tickIntervalMs(), e -> market.tick())}, or
 * call {@link #tick()} directly in a test to simulate time without a wall clock.
 */
public final class SyntheticMarket
{
    private final SyntheticMarketConfig config;
    private final MatchingEngine engine;
    private final PriceGrid grid;
    private final double unitsToMantissa;
    private final SplittableRandom random;
    private final BackgroundLiquidity background;
    private final TakerFlow takers;
    private double mid;
    private long ticks;

    /** Funds the market account; call on the engine thread (or before the engine is shared). */
    public SyntheticMarket(final SyntheticMarketConfig config, final MatchingEngine engine)
    {
        this.config = Objects.requireNonNull(config, "config");
        this.engine = Objects.requireNonNull(engine, "engine");
        final InstrumentSpec spec = engine.instrument(config.symbol());
        this.grid = new PriceGrid(spec);
        if (!grid.allows(config.startMid()))
        {
            throw new IllegalArgumentException("synthetic market " + config.symbol() + ": startMid " +
                config.startMid() + " is outside the symbol's price filter");
        }
        this.unitsToMantissa = Math.pow(10, spec.priceScale());
        this.random = new SplittableRandom(config.seed());
        this.background = new BackgroundLiquidity(engine, config.symbol(), false);
        this.takers = new TakerFlow(engine, config.symbol(), config.takerA(), config.takerK(), config.takerQty(),
            random);
        this.mid = config.startMid();
        MarketAccount.ensureFunded(engine, config.symbol());
    }

    public SyntheticMarketConfig config()
    {
        return config;
    }

    /** The current mid as a price mantissa; not on the tick grid. */
    public double mid()
    {
        return mid;
    }

    public long ticks()
    {
        return ticks;
    }

    public long takersSent()
    {
        return takers.takersSent();
    }

    /** One interval of {@code tickIntervalMs}: move the mid, re-quote, then send this interval's takers. */
    public void tick()
    {
        final double dt = config.tickSeconds();
        moveMid(dt);
        requote();
        takers.run(mid, dt);
        ticks++;
    }

    /** Removes the market account's resting orders, e.g. when the market is switched off. */
    public void withdraw()
    {
        background.cancelAll();
    }

    private void moveMid(final double dt)
    {
        if (config.sigma() == 0)
        {
            return;
        }
        final double shock = config.sigma() * Math.sqrt(dt) * random.nextGaussian();
        final double moved = config.walk() == SyntheticMarketConfig.Walk.ARITHMETIC ?
            mid + shock * unitsToMantissa :
            mid * Math.exp(shock - 0.5 * config.sigma() * config.sigma() * dt);
        mid = grid.clamp(moved);
    }

    private void requote()
    {
        final int levels = config.backgroundLevels();
        final List<long[]> bids = new ArrayList<>(levels);
        final List<long[]> asks = new ArrayList<>(levels);
        final long tick = grid.tickSize();
        final long innermostBid = grid.floor(mid - (double)config.backgroundSpreadTicks() * tick);
        final long innermostAsk = grid.ceil(mid + (double)config.backgroundSpreadTicks() * tick);
        for (int i = 0; i < levels; i++)
        {
            final long bid = innermostBid - i * tick;
            final long ask = innermostAsk + i * tick;
            if (grid.allows(bid))
            {
                bids.add(new long[]{bid, config.backgroundLevelQty()});
            }
            if (grid.allows(ask))
            {
                asks.add(new long[]{ask, config.backgroundLevelQty()});
            }
        }
        background.replace(bids, asks);
    }
}
