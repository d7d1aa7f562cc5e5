package io.mmfleet.venuesim.engine;

/** The engine's mutable order; never leaves the engine except as an {@link OrderView}. */
final class Order
{
    final OrderBook book;
    final Account account;
    final long orderId;
    final String clientOrderId;
    final Side side;
    final OrderType type;
    final TimeInForce tif;
    final long price;
    final long origQty;
    /** Non-zero only for a MARKET order sized in quote; then {@link #origQty} is unknown up front. */
    final long quoteOrderQty;
    final StpMode stpMode;
    final long timeMs;

    long executedQty;
    long cumQuoteQty;
    OrderStatus status = OrderStatus.NEW;
    long updateTimeMs;
    /** What this order still holds locked: quote for a BUY, base for a SELL, at the asset's scale. */
    long locked;
    /** Client order id of the cancel request that closed this order; null unless cancelled. */
    String cancelClientOrderId;
    long preventedMatchId = -1;
    long preventedQty;
    long counterOrderId = -1;

    PriceLevel level;
    Order prev;
    Order next;

    Order(
        final OrderBook book,
        final Account account,
        final long orderId,
        final String clientOrderId,
        final NewOrder request,
        final long timeMs)
    {
        this.book = book;
        this.account = account;
        this.orderId = orderId;
        this.clientOrderId = clientOrderId;
        this.side = request.side();
        this.type = request.type();
        this.tif = request.tif();
        this.price = request.price();
        this.origQty = request.qty();
        this.quoteOrderQty = request.quoteOrderQty();
        this.stpMode = request.stpMode();
        this.timeMs = timeMs;
        this.updateTimeMs = timeMs;
    }

    boolean sizedInQuote()
    {
        return quoteOrderQty != 0;
    }

    long remainingQty()
    {
        return sizedInQuote() ? 0 : origQty - executedQty;
    }

    boolean isResting()
    {
        return level != null;
    }

    OrderView view()
    {
        // Binance reports a quote-sized market order's origQty as what it bought or sold.
        final long reportedOrigQty = sizedInQuote() ? executedQty : origQty;
        return new OrderView(
            book.spec.symbol(), orderId, clientOrderId, account.id, side, type, tif, price, reportedOrigQty,
            executedQty, cumQuoteQty, status, stpMode, timeMs, updateTimeMs, isResting(), quoteOrderQty,
            cancelClientOrderId, preventedMatchId, preventedQty, counterOrderId);
    }
}
