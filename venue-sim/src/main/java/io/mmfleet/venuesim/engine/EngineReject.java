package io.mmfleet.venuesim.engine;

import java.util.Objects;

/**
 * A business reject: the request was well formed but the venue refuses it. The book and balances are untouched.
 * Front ends map {@link Reason} to their own error codes. No stack trace: rejects are ordinary traffic.
 */
public final class EngineReject extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public enum Reason
    {
        UNKNOWN_SYMBOL,
        UNKNOWN_ORDER,
        DUPLICATE_CLIENT_ORDER_ID,
        POST_ONLY_WOULD_MATCH,
        INSUFFICIENT_BALANCE,
        PRICE_FILTER,
        LOT_SIZE,
        NOTIONAL,
        /** A MARKET sized in quote facing an empty book; one sized in base is accepted and expires instead. */
        MARKET_NO_LIQUIDITY,
        /** Kept from the contract; not raised: an unfillable FOK is accepted and expires, as on Binance. */
        FOK_NOT_FILLABLE,
        UNKNOWN_ACCOUNT
    }

    private final Reason reason;
    private final String detail;

    public EngineReject(final Reason reason, final String detail)
    {
        super(reason + ": " + detail, null, false, false);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.detail = detail;
    }

    public Reason reason()
    {
        return reason;
    }

    public String detail()
    {
        return detail;
    }
}
