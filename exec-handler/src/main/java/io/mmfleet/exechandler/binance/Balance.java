package io.mmfleet.exechandler.binance;

/**
 * One asset's balance on the venue: free and locked (in open orders) amounts as mantissas at
 * {@link io.mmfleet.exechandler.venue.VenueSymbol#AMOUNT_SCALE}.
 */
public record Balance(String asset, long free, long locked)
{
}
