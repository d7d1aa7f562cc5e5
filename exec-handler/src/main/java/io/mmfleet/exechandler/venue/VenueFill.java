package io.mmfleet.exechandler.venue;

/**
 * One trade of one of our orders. {@code price} at the symbol's price scale, {@code qty} at its
 * quantity scale, {@code quoteQty} and {@code fee} at {@link VenueSymbol#AMOUNT_SCALE}.
 * {@code tradeId} is the venue's id, unique per symbol: the key that makes each fill reported once.
 */
public record VenueFill(long tradeId, long venueOrderId, long price, long qty, long quoteQty, long fee, String feeAsset, boolean maker, long venueTimeMs)
{
}
