package io.mmfleet.exechandler.binance;

/**
 * Checks of what the exec-handler sends: client order ids within Binance's documented rule
 * ({@code ^[\.A-Z\:/a-z0-9_-]{1,36}$}, the newClientOrderId parameter) and a receive window within
 * Binance's maximum of 60000 ms. A violation is the caller's bug, so it is an
 * {@link IllegalArgumentException}, raised before anything is signed or sent.
 */
final class BinanceIds
{
    static final int MAX_CLIENT_ORDER_ID_LENGTH = 36;
    static final long MAX_RECV_WINDOW_MS = 60_000;

    private BinanceIds()
    {
    }

    static String clientOrderId(final String id)
    {
        if (id == null || id.isEmpty() || id.length() > MAX_CLIENT_ORDER_ID_LENGTH)
        {
            throw new IllegalArgumentException("client order id must be 1.." + MAX_CLIENT_ORDER_ID_LENGTH + " chars: " + id);
        }
        for (int i = 0; i < id.length(); i++)
        {
            final char c = id.charAt(i);
            final boolean allowed = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                c == '.' || c == ':' || c == '/' || c == '_' || c == '-';
            if (!allowed)
            {
                throw new IllegalArgumentException("client order id has a character Binance refuses at " + i + ": " + id);
            }
        }
        return id;
    }

    static long recvWindow(final long recvWindowMs)
    {
        if (recvWindowMs <= 0 || recvWindowMs > MAX_RECV_WINDOW_MS)
        {
            throw new IllegalArgumentException("recvWindow must be 1.." + MAX_RECV_WINDOW_MS + " ms: " + recvWindowMs);
        }
        return recvWindowMs;
    }

    static String apiKey(final String apiKey)
    {
        if (apiKey == null || apiKey.isEmpty())
        {
            throw new IllegalArgumentException("API key is empty");
        }
        return apiKey;
    }
}
