package io.mmfleet.exechandler.binance;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;

/**
 * HMAC-SHA256 signatures of Binance SIGNED requests, as lowercase hex. One {@link Mac} is keyed once
 * and reused for every request, so an instance belongs to one thread (the event loop, which signs every request).
 * The secret is copied into the key and never exposed; {@link #toString()} does not print it.
 */
public final class BinanceSigner
{
    private static final String ALGORITHM = "HmacSHA256";
    private static final HexFormat HEX = HexFormat.of();

    private final Mac mac;

    public BinanceSigner(final byte[] secret)
    {
        if (secret == null || secret.length == 0)
        {
            throw new IllegalArgumentException("HMAC secret is empty");
        }
        try
        {
            mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret, ALGORITHM));
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("HmacSHA256 unavailable in this JVM", ex);
        }
    }

    /** The lowercase hex HMAC-SHA256 of {@code payload} (UTF-8; Binance payloads are ASCII). */
    public String sign(final String payload)
    {
        return HEX.formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The REST signature payload: Binance's "totalParams", the query string concatenated with the
     * request body without a separator (either may be null or empty).
     */
    public static String restPayload(final String queryString, final String body)
    {
        return (queryString == null ? "" : queryString) + (body == null ? "" : body);
    }

    /**
     * The WebSocket API signature payload: every parameter except {@code signature}, sorted by
     * name (the map's order), as {@code name=value} joined with {@code &}.
     */
    public static String wsApiPayload(final SortedMap<String, String> params)
    {
        final StringBuilder payload = new StringBuilder(256);
        for (final Map.Entry<String, String> param : params.entrySet())
        {
            if ("signature".equals(param.getKey()))
            {
                continue;
            }
            if (payload.length() > 0)
            {
                payload.append('&');
            }
            payload.append(param.getKey()).append('=').append(param.getValue());
        }
        return payload.toString();
    }

    @Override
    public String toString()
    {
        return "BinanceSigner[HmacSHA256]";
    }
}
