package io.mmfleet.exechandler.venue;

/**
 * One symbol the exec-handler trades: the venue's name for it, the fleet's instrument, and the
 * decimals of its prices and quantities. Every price the venue layer hands over is a mantissa at
 * {@code priceScale}, every quantity at {@code qtyScale}; quote amounts and fees at
 * {@link #AMOUNT_SCALE}.
 */
public record VenueSymbol(String venueSymbol, String instrumentName, int instrumentId, int priceScale, int qtyScale)
{
    /** Decimals of quote quantities and fees: Binance reports amounts with 8. */
    public static final int AMOUNT_SCALE = 8;
}
