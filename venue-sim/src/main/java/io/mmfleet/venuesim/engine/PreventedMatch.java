package io.mmfleet.venuesim.engine;

/**
 * A match that self-trade prevention stopped, as the taker sees it. A prevented quantity is 0 for the side the STP
 * mode left alone (EXPIRE_MAKER leaves the taker, EXPIRE_TAKER the maker).
 */
public record PreventedMatch(
    long preventedMatchId,
    long makerOrderId,
    long price,
    long takerPreventedQty,
    long makerPreventedQty)
{
}
