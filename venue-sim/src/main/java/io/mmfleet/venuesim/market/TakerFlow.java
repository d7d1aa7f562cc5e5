package io.mmfleet.venuesim.market;

import java.util.SplittableRandom;

import io.mmfleet.venuesim.engine.DepthView;
import io.mmfleet.venuesim.engine.InstrumentSpec;
import io.mmfleet.venuesim.engine.MatchingEngine;
import io.mmfleet.venuesim.engine.NewOrder;
import io.mmfleet.venuesim.engine.OrderType;
import io.mmfleet.venuesim.engine.Side;
import io.mmfleet.venuesim.engine.StpMode;
import io.mmfleet.venuesim.engine.TimeInForce;

/**
 * Background takers as the Avellaneda-Stoikov model assumes them. Per side, takers arrive as a Poisson process with
 * rate A; each draws a reach δ ~ Exponential(k) (price units) and sends an IOC limit at mid ± δ sized to sweep
 * everything resting up to that price plus a fixed extra. A resting order at distance d from the mid is therefore
 * filled by an arrival with probability P(δ ≥ d) = exp(−k·d), i.e. with intensity A·exp(−k·d).
 */
final class TakerFlow
{
    /** Poisson draws by multiplication stay accurate for means up to this; larger means are split into chunks. */
    private static final double POISSON_CHUNK = 20.0;

    private final MatchingEngine engine;
    private final InstrumentSpec spec;
    private final PriceGrid grid;
    private final double arrivalsPerSecond;
    private final double kPerMantissa;
    private final long extraQty;
    private final long notionalPerQtyAndPrice;
    private final SplittableRandom random;
    private long takersSent;

    TakerFlow(
        final MatchingEngine engine,
        final String symbol,
        final double arrivalsPerSecond,
        final double kPerPriceUnit,
        final long extraQty,
        final SplittableRandom random)
    {
        if (!(arrivalsPerSecond >= 0) || Double.isInfinite(arrivalsPerSecond) || !(kPerPriceUnit > 0) ||
            Double.isInfinite(kPerPriceUnit) || extraQty <= 0)
        {
            throw new IllegalArgumentException("takers of " + symbol + ": need a finite A >= 0, a finite k > 0 and " +
                "a positive qty, got A=" + arrivalsPerSecond + " k=" + kPerPriceUnit + " qty=" + extraQty);
        }
        this.engine = engine;
        this.spec = engine.instrument(symbol);
        this.grid = new PriceGrid(spec);
        this.arrivalsPerSecond = arrivalsPerSecond;
        // k is per price unit; the book is in mantissas, 10^priceScale of them per unit.
        this.kPerMantissa = kPerPriceUnit / Math.pow(10, spec.priceScale());
        this.extraQty = extraQty;
        this.notionalPerQtyAndPrice = pow10(engine.asset(spec.quoteAsset()).scale() - spec.priceScale() - spec.qtyScale());
        this.random = random;
    }

    long takersSent()
    {
        return takersSent;
    }

    /** Draws and sends the takers of {@code dtSeconds} around {@code mid} (a price mantissa): buyers, then sellers. */
    void run(final double mid, final double dtSeconds)
    {
        final int buyers = poisson(arrivalsPerSecond * dtSeconds);
        final int sellers = poisson(arrivalsPerSecond * dtSeconds);
        for (int i = 0; i < buyers; i++)
        {
            send(Side.BUY, mid);
        }
        for (int i = 0; i < sellers; i++)
        {
            send(Side.SELL, mid);
        }
    }

    private void send(final Side side, final double mid)
    {
        final double reach = -Math.log(1.0 - random.nextDouble()) / kPerMantissa;
        // Round the limit toward the mid: a resting order at tick price p is reached exactly when |p − mid| <= reach.
        final long limit = grid.clamp(side == Side.BUY ? grid.floor(mid + reach) : grid.ceil(mid - reach));
        final DepthView depth = engine.depth(spec.symbol(), Integer.MAX_VALUE);
        long resting = 0;
        for (final long[] level : side == Side.BUY ? depth.asks() : depth.bids())
        {
            if (side == Side.BUY ? level[0] > limit : level[0] < limit)
            {
                break;
            }
            resting = Math.addExact(resting, level[1]);
        }
        final long qty = Math.min(spec.maxQty(), roundUpToStep(Math.max(resting + extraQty, minQtyAt(limit))));
        takersSent++;
        engine.place(new NewOrder(MarketAccount.ID, spec.symbol(), null, side, OrderType.LIMIT, TimeInForce.IOC,
            limit, qty, 0, StpMode.NONE, engine.serverTimeMs()));
    }

    /** Smallest quantity whose notional at {@code price} meets the symbol's minimum notional. */
    private long minQtyAt(final long price)
    {
        final long perQty = Math.multiplyExact(price, notionalPerQtyAndPrice);
        return Math.max(spec.minQty(), -Math.floorDiv(-spec.minNotional(), perQty));
    }

    private long roundUpToStep(final long qty)
    {
        final long step = spec.stepSize();
        return -Math.floorDiv(-qty, step) * step;
    }

    private int poisson(final double mean)
    {
        int count = 0;
        double remaining = mean;
        while (remaining > 0)
        {
            final double chunk = Math.min(remaining, POISSON_CHUNK);
            remaining -= chunk;
            final double threshold = Math.exp(-chunk);
            double product = random.nextDouble();
            while (product > threshold)
            {
                count++;
                product *= random.nextDouble();
            }
        }
        return count;
    }

    private static long pow10(final int exponent)
    {
        long value = 1;
        for (int i = 0; i < exponent; i++)
        {
            value = Math.multiplyExact(value, 10L);
        }
        return value;
    }
}
