package io.mmfleet.venuesim.engine;

/** One account's side of a trade, as returned by myTrades. */
public record TradeView(
    String symbol,
    long tradeId,
    long orderId,
    long accountId,
    Side side,
    long price,
    long qty,
    long quoteQty,
    long commission,
    String commissionAsset,
    boolean maker,
    long timeMs)
{
}
