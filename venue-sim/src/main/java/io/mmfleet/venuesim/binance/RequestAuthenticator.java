package io.mmfleet.venuesim.binance;

import java.util.function.LongSupplier;

/**
 * The checks of a SIGNED request, in Binance's order: API key, timing security (timestamp within recvWindow and not
 * more than 1 s ahead of the server), then the signature over the payload the transport built.
 */
public final class RequestAuthenticator
{
    static final long DEFAULT_RECV_WINDOW_MS = 5_000;
    static final long MAX_RECV_WINDOW_MS = 60_000;
    private static final long MAX_AHEAD_MS = 1_000;

    private final ApiKeyRegistry keys;
    private final LongSupplier clockMs;

    public RequestAuthenticator(final ApiKeyRegistry keys, final LongSupplier clockMs)
    {
        this.keys = keys;
        this.clockMs = clockMs;
    }

    /** Returns the account the request acts for; marks timestamp, recvWindow and signature as read. */
    public long authenticate(final String apiKey, final RequestParams params, final String signingPayload)
    {
        final ApiKeyRegistry.ApiCredentials credentials = keys.lookup(apiKey);
        final long timestamp = params.requiredLong("timestamp");
        final long recvWindow = params.optionalLong("recvWindow", DEFAULT_RECV_WINDOW_MS);
        if (recvWindow > MAX_RECV_WINDOW_MS)
        {
            throw new BinanceException(BinanceError.badRecvWindow());
        }
        final long now = clockMs.getAsLong();
        if (timestamp >= now + MAX_AHEAD_MS)
        {
            throw new BinanceException(BinanceError.timestampAhead());
        }
        if (now - timestamp > recvWindow)
        {
            throw new BinanceException(BinanceError.timestampOutsideRecvWindow());
        }
        final String signature = params.required("signature");
        if (!credentials.hmac().verify(signingPayload, signature))
        {
            throw new BinanceException(BinanceError.invalidSignature());
        }
        return credentials.accountId();
    }
}
