package io.mmfleet.venuesim.binance;

import io.mmfleet.venuesim.engine.EngineReject;

/**
 * Engine business rejects → Binance errors. An unknown order is -2011 when cancelling and -2013 when querying, as
 * Binance answers; everything refused at placement is a filter failure (-1013) or -2010 with the docs' message.
 */
public final class EngineRejects
{
    /** What the client was doing, since the same engine reason maps to different Binance codes. */
    public enum Action
    {
        PLACE, CANCEL, QUERY
    }

    private EngineRejects()
    {
    }

    public static BinanceError toBinance(final EngineReject reject, final Action action)
    {
        return switch (reject.reason())
        {
            case UNKNOWN_SYMBOL -> BinanceError.invalidSymbol();
            case UNKNOWN_ORDER -> action == Action.CANCEL ?
                BinanceError.cancelRejected("Unknown order sent.") : BinanceError.orderDoesNotExist();
            case DUPLICATE_CLIENT_ORDER_ID -> BinanceError.newOrderRejected("Duplicate order sent.");
            case POST_ONLY_WOULD_MATCH -> BinanceError.newOrderRejected("Order would immediately match and take.");
            case INSUFFICIENT_BALANCE ->
                BinanceError.newOrderRejected("Account has insufficient balance for requested action.");
            case PRICE_FILTER -> BinanceError.filterFailure("PRICE_FILTER");
            case LOT_SIZE -> BinanceError.filterFailure("LOT_SIZE");
            case NOTIONAL -> BinanceError.filterFailure("NOTIONAL");
            case MARKET_NO_LIQUIDITY ->
                BinanceError.newOrderRejected("Order book liquidity is less than symbol minimum quantity.");
            // The contract keeps this reason, but the engine accepts an unfillable FOK and expires it, as Binance does;
            // the switch must still be total.
            case FOK_NOT_FILLABLE -> BinanceError.newOrderRejected("Order would immediately expire.");
            case UNKNOWN_ACCOUNT -> BinanceError.rejectedApiKey();
        };
    }
}
