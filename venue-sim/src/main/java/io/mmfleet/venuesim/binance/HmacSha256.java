package io.mmfleet.venuesim.binance;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Binance's HMAC-SHA256 request signatures: hex of HMAC(secretKey, payload). The docs state the hex signature is not
 * case-sensitive, so verification lower-cases it; comparison is constant-time so timing says nothing about the secret.
 */
public final class HmacSha256
{
    private static final HexFormat HEX = HexFormat.of();

    private final SecretKeySpec key;

    public HmacSha256(final byte[] secretKey)
    {
        this.key = new SecretKeySpec(secretKey.clone(), "HmacSHA256");
    }

    public String sign(final String payload)
    {
        return HEX.formatHex(mac().doFinal(payload.getBytes(StandardCharsets.UTF_8)));
    }

    public boolean verify(final String payload, final String signature)
    {
        if (signature == null || signature.length() != 64)
        {
            return false;
        }
        final byte[] expected = sign(payload).getBytes(StandardCharsets.US_ASCII);
        final byte[] given = signature.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given);
    }

    private Mac mac()
    {
        try
        {
            final Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("HmacSHA256 unavailable", ex);
        }
    }
}
