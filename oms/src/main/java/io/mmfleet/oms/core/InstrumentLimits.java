package io.mmfleet.oms.core;

/**
 * One instrument's scales and quantity limits, mantissas at the instrument's scales: prices at
 * {@code 10^-priceScale}, quantities at {@code 10^-qtyScale}, notionals at
 * {@code 10^-(priceScale + qtyScale)}.
 *
 * @param instrumentId id from {@code [instruments]}
 * @param priceScale   decimals of an order price; a finer price is refused (PRICE_TICK)
 * @param qtyScale     decimals of an order quantity; a finer quantity is refused (QTY_LOT)
 * @param maxOrderQty  largest quantity of one order (accepted at, refused past)
 * @param maxPosition  largest worst-case position per venue, long or short
 * @param maxNotional  largest price × quantity of one order, at the notional scale
 */
public record InstrumentLimits(int instrumentId, int priceScale, int qtyScale, long maxOrderQty, long maxPosition, long maxNotional)
{
    public InstrumentLimits
    {
        if (priceScale < 0 || qtyScale < 0 || priceScale + qtyScale > FixedPoint.MAX_SCALE)
        {
            throw new IllegalArgumentException("scales must be >= 0 and sum to at most " + FixedPoint.MAX_SCALE);
        }
        if (maxOrderQty <= 0 || maxPosition <= 0 || maxNotional <= 0)
        {
            throw new IllegalArgumentException("limits must be positive: instrument " + instrumentId);
        }
    }

    public int notionalScale()
    {
        return priceScale + qtyScale;
    }
}
