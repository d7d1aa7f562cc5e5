package io.mmfleet.venuesim.engine;

/**
 * A tradable symbol and its filters. Prices are mantissas at {@code priceScale}, quantities at {@code qtyScale};
 * {@code minNotional}/{@code maxNotional} are at the QUOTE ASSET's scale. A {@code maxPrice} or {@code maxNotional}
 * of 0 disables that bound, as on Binance.
 */
public record InstrumentSpec(
    String symbol,
    String baseAsset,
    String quoteAsset,
    int priceScale,
    int qtyScale,
    long tickSize,
    long minPrice,
    long maxPrice,
    long stepSize,
    long minQty,
    long maxQty,
    long minNotional,
    long maxNotional)
{
}
