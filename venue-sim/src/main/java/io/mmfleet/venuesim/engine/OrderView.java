package io.mmfleet.venuesim.engine;

/**
 * Immutable snapshot of an order; {@code working} is true while it rests on the book.
 * <p>
 * Beyond the contract's fields: {@code origQuoteOrderQty} is the quote amount a MARKET order sized in quote asked
 * for (0 otherwise); {@code cancelClientOrderId} is the client order id of the cancel request that closed the order
 * (null unless cancelled); {@code preventedMatchId} (-1 when none), {@code preventedQty} and {@code counterOrderId}
 * (-1 when none) describe the self-trade prevention that expired it.
 */
public record OrderView(
    String symbol,
    long orderId,
    String clientOrderId,
    long accountId,
    Side side,
    OrderType type,
    TimeInForce tif,
    long price,
    long origQty,
    long executedQty,
    long cummulativeQuoteQty,
    OrderStatus status,
    StpMode stpMode,
    long timeMs,
    long updateTimeMs,
    boolean working,
    long origQuoteOrderQty,
    String cancelClientOrderId,
    long preventedMatchId,
    long preventedQty,
    long counterOrderId)
{
    public boolean expiredBySelfTradePrevention()
    {
        return preventedMatchId >= 0 && preventedQty > 0;
    }
}
