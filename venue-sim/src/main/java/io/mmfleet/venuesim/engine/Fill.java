package io.mmfleet.venuesim.engine;

/** One execution of one order; {@code commission} is negative for a rebate and is in {@code commissionAsset}. */
public record Fill(
    long tradeId,
    long price,
    long qty,
    long quoteQty,
    long commission,
    String commissionAsset,
    boolean maker)
{
}
