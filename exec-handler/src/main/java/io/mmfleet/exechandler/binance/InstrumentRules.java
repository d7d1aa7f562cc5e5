package io.mmfleet.exechandler.binance;

import io.mmfleet.exechandler.venue.VenueSymbol;
import io.mmfleet.sbe.OrderType;
import io.mmfleet.sbe.RejectReason;

/**
 * One symbol's trading rules from exchangeInfo (filters.md: PRICE_FILTER, LOT_SIZE, NOTIONAL or
 * the legacy MIN_NOTIONAL). Prices at the symbol's price scale, quantities at its quantity scale,
 * notionals at {@link VenueSymbol#AMOUNT_SCALE}; 0 disables a rule, as it does on Binance.
 */
public record InstrumentRules(
    VenueSymbol symbol,
    String status,
    String baseAsset,
    String quoteAsset,
    long tickSize,
    long minPrice,
    long maxPrice,
    long stepSize,
    long minQty,
    long maxQty,
    long minNotional,
    long maxNotional)
{
    /**
     * Why Binance would refuse this order by its filters, or null if it passes: QTY_LOT (not a
     * positive multiple of the step, or outside min/max qty), PRICE_TICK (not a positive multiple
     * of the tick, or outside min/max price), MIN_NOTIONAL (price × qty below the minimum or above
     * the maximum notional), NOTIONAL_OVERFLOW (price × qty does not fit a long). MARKET orders
     * have no price here, so only their quantity is checked.
     */
    public RejectReason check(final OrderType type, final long price, final long qty)
    {
        // Binance's filters: (quantity - minQty) % stepSize == 0 and (price - minPrice) % tickSize == 0.
        if (qty <= 0 || (minQty > 0 && qty < minQty) || (stepSize > 0 && (qty - minQty) % stepSize != 0) || (maxQty > 0 && qty > maxQty))
        {
            return RejectReason.QTY_LOT;
        }
        if (type == OrderType.MARKET)
        {
            return null;
        }
        if (price <= 0 || (minPrice > 0 && price < minPrice) || (tickSize > 0 && (price - minPrice) % tickSize != 0) || (maxPrice > 0 && price > maxPrice))
        {
            return RejectReason.PRICE_TICK;
        }
        final long notional;
        try
        {
            notional = Math.multiplyExact(price, qty);
        }
        catch (final ArithmeticException ex)
        {
            return RejectReason.NOTIONAL_OVERFLOW;
        }
        final int notionalScale = symbol.priceScale() + symbol.qtyScale();
        if (minNotional > 0 && BinanceDecimal.compare(notional, notionalScale, minNotional, VenueSymbol.AMOUNT_SCALE) < 0)
        {
            return RejectReason.MIN_NOTIONAL;
        }
        if (maxNotional > 0 && BinanceDecimal.compare(notional, notionalScale, maxNotional, VenueSymbol.AMOUNT_SCALE) > 0)
        {
            return RejectReason.MAX_NOTIONAL;
        }
        return null;
    }
}
