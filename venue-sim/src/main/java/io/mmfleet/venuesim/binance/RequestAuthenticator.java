package io.mmfleet.venuesim.binance;

import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks of a SIGNED request, in Binance's order: API key, timing security (timestamp within recvWindow and not
 * more than 1 s ahead of the server), then the signature over the payload the transport built.
 * <p>
 * Timing is checked in microseconds, since the docs let {@code timestamp} come in milliseconds or microseconds
 * (told apart by magnitude) and {@code recvWindow} carry up to three decimals of a millisecond.
 */
public final class RequestAuthenticator
{
    static final long DEFAULT_RECV_WINDOW_MS = 5_000;
    static final long MAX_RECV_WINDOW_MS = 60_000;
    private static final long MAX_AHEAD_MS = 1_000;
    /**
     * A millisecond timestamp stays below this until the year 5138 and a microsecond one has been above it since
     * 1973, so the magnitude tells the unit.
     */
    static final long MICROSECOND_TIMESTAMP_FLOOR = 100_000_000_000_000L;
    static final String RECV_WINDOW_RANGE = "^[0-9]{1,5}(\\.[0-9]{1,3})?$";
    private static final Pattern RECV_WINDOW = Pattern.compile("^([0-9]{1,5})(?:\\.([0-9]{1,3}))?$");

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
        final long timestampUs = timestampMicros(params.requiredLong("timestamp"));
        final String recvWindowText = params.optional("recvWindow");
        final long recvWindowUs = recvWindowText == null ? DEFAULT_RECV_WINDOW_MS * 1_000 : recvWindowMicros(recvWindowText);
        if (recvWindowUs > MAX_RECV_WINDOW_MS * 1_000)
        {
            throw new BinanceException(BinanceError.badRecvWindow());
        }
        final long nowUs = clockMs.getAsLong() * 1_000;
        if (timestampUs >= nowUs + MAX_AHEAD_MS * 1_000)
        {
            throw new BinanceException(BinanceError.timestampAhead());
        }
        if (nowUs - timestampUs > recvWindowUs)
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

    static long timestampMicros(final long timestamp)
    {
        return timestamp >= MICROSECOND_TIMESTAMP_FLOOR ? timestamp : Math.multiplyExact(timestamp, 1_000L);
    }

    /** recvWindow is milliseconds with up to three decimals ("6000.346"). */
    static long recvWindowMicros(final String text)
    {
        final Matcher matcher = RECV_WINDOW.matcher(text);
        if (!matcher.matches())
        {
            throw new BinanceException(BinanceError.illegalChars("recvWindow", RECV_WINDOW_RANGE));
        }
        final String fraction = matcher.group(2) == null ? "" : matcher.group(2);
        return Long.parseLong(matcher.group(1)) * 1_000 + (fraction.isEmpty() ? 0 :
            Long.parseLong((fraction + "00").substring(0, 3)));
    }
}
