package io.mmfleet.marketmaker.strategy;

/**
 * The venue's trading rules for the quoted instrument, from its InstrumentDefinition, held at the
 * instrument's fixed price and quantity scales (from the INI). Until a definition arrives the
 * instrument is not {@link #isTradable() tradable} and nothing is quoted. A definition that does
 * not fit the scales is refused whole and the rules in force are kept.
 */
public final class InstrumentSpec
{
    private final int priceScale;
    private final int qtyScale;
    private boolean defined;
    private boolean trading;
    private long tickSize;
    private long lotSize;
    private long minQty;
    private long maxQty;
    private long minNotional;

    public InstrumentSpec(final int priceScale, final int qtyScale)
    {
        if (priceScale < 0 || qtyScale < 0 || priceScale + qtyScale > 17)
        {
            throw new IllegalArgumentException("price scale " + priceScale + " and qty scale " + qtyScale +
                " must be >= 0 and sum to at most 17 (the notional scale; the mid is kept at price scale + 1)");
        }
        this.priceScale = priceScale;
        this.qtyScale = qtyScale;
    }

    /**
     * Takes an InstrumentDefinition's fields as bus Decimals (mantissa, exponent). Tick and lot must be
     * positive and exact at the scales; min/max quantity 0 means none; the minimum notional (in the quote
     * asset) is rounded up to the notional scale.
     *
     * @throws IllegalArgumentException naming the field, with the rules in force unchanged.
     */
    public void apply(
        final boolean instrumentTrading,
        final long tickMantissa, final int tickExponent,
        final long lotMantissa, final int lotExponent,
        final long minQtyMantissa, final int minQtyExponent,
        final long maxQtyMantissa, final int maxQtyExponent,
        final long minNotionalMantissa, final int minNotionalExponent)
    {
        final long tick = FixedPoint.toScaleExact(tickMantissa, tickExponent, priceScale, "tickSize");
        final long lot = FixedPoint.toScaleExact(lotMantissa, lotExponent, qtyScale, "lotSize");
        final long min = FixedPoint.toScaleExact(minQtyMantissa, minQtyExponent, qtyScale, "minQty");
        final long max = FixedPoint.toScaleExact(maxQtyMantissa, maxQtyExponent, qtyScale, "maxQty");
        final long notional = FixedPoint.toScaleCeil(minNotionalMantissa, minNotionalExponent, notionalScale());
        if (tick <= 0)
        {
            throw new IllegalArgumentException("tickSize must be positive, got " + tickMantissa + "e" + tickExponent);
        }
        if (lot <= 0)
        {
            throw new IllegalArgumentException("lotSize must be positive, got " + lotMantissa + "e" + lotExponent);
        }
        if (min < 0 || max < 0 || notional < 0 || (max > 0 && max < min))
        {
            throw new IllegalArgumentException("minQty " + min + ", maxQty " + max + " and minNotional " + notional +
                " must be >= 0 with maxQty (0 = none) not below minQty");
        }
        tickSize = tick;
        lotSize = lot;
        minQty = min;
        maxQty = max;
        minNotional = notional;
        trading = instrumentTrading;
        defined = true;
    }

    /** A definition has arrived and says the instrument trades. */
    public boolean isTradable()
    {
        return defined && trading;
    }

    public boolean isDefined()
    {
        return defined;
    }

    public int priceScale()
    {
        return priceScale;
    }

    public int qtyScale()
    {
        return qtyScale;
    }

    /** Scale of price × qty. */
    public int notionalScale()
    {
        return priceScale + qtyScale;
    }

    public long tickSize()
    {
        return tickSize;
    }

    public long lotSize()
    {
        return lotSize;
    }

    /** 0 = none. */
    public long minQty()
    {
        return minQty;
    }

    /** 0 = none. */
    public long maxQty()
    {
        return maxQty;
    }

    /** At the notional scale; 0 = none. */
    public long minNotional()
    {
        return minNotional;
    }

    /**
     * True if price × qty meets the minimum notional; false as well if the product overflows a long,
     * since such an order is nothing a market maker means to send.
     */
    public boolean meetsMinNotional(final long price, final long qty)
    {
        final long high = Math.multiplyHigh(price, qty);
        final long low = price * qty;
        if (high != 0 || low < 0)
        {
            return false;
        }
        return low >= minNotional;
    }
}
