package io.mmfleet.venuesim.binance;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** API key → the engine account it trades for and the HMAC secret that signs its requests. */
public final class ApiKeyRegistry
{
    /** One API key's account and signer; the secret itself lives only inside the {@link HmacSha256}. */
    public record ApiCredentials(long accountId, HmacSha256 hmac)
    {
    }

    private final Map<String, ApiCredentials> byApiKey = new ConcurrentHashMap<>();

    public void register(final String apiKey, final long accountId, final byte[] secretKey)
    {
        if (apiKey == null || apiKey.isEmpty() || secretKey == null || secretKey.length == 0)
        {
            throw new IllegalArgumentException("API key and secret must not be empty (account " + accountId + ")");
        }
        if (byApiKey.putIfAbsent(apiKey, new ApiCredentials(accountId, new HmacSha256(secretKey))) != null)
        {
            throw new IllegalArgumentException("API key registered twice (account " + accountId + ")");
        }
    }

    /** -2014 for a missing or malformed key, -2015 for one this venue does not know. */
    public ApiCredentials lookup(final String apiKey)
    {
        if (apiKey == null || apiKey.isEmpty() || apiKey.length() > 256)
        {
            throw new BinanceException(BinanceError.apiKeyFormatInvalid());
        }
        final ApiCredentials credentials = byApiKey.get(apiKey);
        if (credentials == null)
        {
            throw new BinanceException(BinanceError.rejectedApiKey());
        }
        return credentials;
    }
}
