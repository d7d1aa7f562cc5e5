package io.mmfleet.exechandler.binance;

import io.mmfleet.exechandler.venue.VenueSymbol;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Path and query of the Binance REST requests the exec-handler sends, e.g.
 * {@code /api/v3/order?symbol=BTCUSDT&origClientOrderId=a%3Ab&recvWindow=5000&timestamp=..&signature=..}.
 * Values are percent-encoded (RFC 3986 unreserved characters kept), and a SIGNED request's
 * signature is the HMAC of that encoded query string, as the docs' "SIGNED Endpoint Examples"
 * sign the query string exactly as sent. The API key travels in the X-MBX-APIKEY header, not here.
 */
public final class RestRequests
{
    private static final char[] HEX_DIGITS = "0123456789ABCDEF".toCharArray();

    private RestRequests()
    {
    }

    /** GET /api/v3/time (unsigned). */
    public static String time()
    {
        return "/api/v3/time";
    }

    /** GET /api/v3/exchangeInfo?symbols=["A","B"] (unsigned), the JSON array percent-encoded. */
    public static String exchangeInfo(final List<VenueSymbol> symbols)
    {
        if (symbols.isEmpty())
        {
            throw new IllegalArgumentException("exchangeInfo needs at least one symbol");
        }
        final StringBuilder array = new StringBuilder("[");
        for (int i = 0; i < symbols.size(); i++)
        {
            if (i > 0)
            {
                array.append(',');
            }
            array.append('"').append(symbols.get(i).venueSymbol()).append('"');
        }
        array.append(']');
        return "/api/v3/exchangeInfo?symbols=" + encode(array.toString());
    }

    /** GET /api/v3/order by client order id (SIGNED). */
    public static String orderLookup(
        final VenueSymbol symbol, final String clientOrderId, final long recvWindowMs, final long timestampMs, final BinanceSigner signer)
    {
        return signed("/api/v3/order", new Query()
            .add("symbol", symbol.venueSymbol())
            .add("origClientOrderId", BinanceIds.clientOrderId(clientOrderId)), recvWindowMs, timestampMs, signer);
    }

    /** GET /api/v3/myTrades of one order (SIGNED). */
    public static String myTradesForOrder(
        final VenueSymbol symbol, final long orderId, final long recvWindowMs, final long timestampMs, final BinanceSigner signer)
    {
        // limit 1000, the most the venue gives (its default is 500). An order with more fills than
        // that would keep a fill gap: not handled, the fleet's maker orders fill in far fewer trades.
        return signed("/api/v3/myTrades", new Query()
            .add("symbol", symbol.venueSymbol())
            .add("orderId", Long.toString(orderId))
            .add("limit", "1000"), recvWindowMs, timestampMs, signer);
    }

    /**
     * GET /api/v3/myTrades from a trade id on, at most {@code limit} (1..1000) trades (SIGNED);
     * {@code fromId} negative: the most recent {@code limit} trades.
     */
    public static String myTradesFromId(
        final VenueSymbol symbol, final long fromId, final int limit, final long recvWindowMs, final long timestampMs, final BinanceSigner signer)
    {
        if (limit < 1 || limit > 1000)
        {
            throw new IllegalArgumentException("myTrades limit must be 1..1000: " + limit);
        }
        final Query query = new Query().add("symbol", symbol.venueSymbol());
        if (fromId >= 0)
        {
            query.add("fromId", Long.toString(fromId));
        }
        return signed("/api/v3/myTrades", query.add("limit", Integer.toString(limit)), recvWindowMs, timestampMs, signer);
    }

    /** GET /api/v3/account with omitZeroBalances=true (SIGNED). */
    public static String account(final long recvWindowMs, final long timestampMs, final BinanceSigner signer)
    {
        return signed("/api/v3/account", new Query().add("omitZeroBalances", "true"), recvWindowMs, timestampMs, signer);
    }

    /** GET /api/v3/openOrders of one symbol (SIGNED). */
    public static String openOrders(final VenueSymbol symbol, final long recvWindowMs, final long timestampMs, final BinanceSigner signer)
    {
        return signed("/api/v3/openOrders", new Query().add("symbol", symbol.venueSymbol()), recvWindowMs, timestampMs, signer);
    }

    /** {@code value} percent-encoded as UTF-8, keeping only RFC 3986 unreserved characters. */
    public static String encode(final String value)
    {
        final StringBuilder out = new StringBuilder(value.length() + 16);
        for (final byte b : value.getBytes(StandardCharsets.UTF_8))
        {
            final int c = b & 0xFF;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~')
            {
                out.append((char)c);
            }
            else
            {
                out.append('%').append(HEX_DIGITS[c >> 4]).append(HEX_DIGITS[c & 0xF]);
            }
        }
        return out.toString();
    }

    private static String signed(
        final String path, final Query query, final long recvWindowMs, final long timestampMs, final BinanceSigner signer)
    {
        query.add("recvWindow", Long.toString(BinanceIds.recvWindow(recvWindowMs)))
            .add("timestamp", Long.toString(timestampMs));
        final String queryString = query.toString();
        return path + "?" + queryString + "&signature=" + signer.sign(BinanceSigner.restPayload(queryString, null));
    }

    private static final class Query
    {
        private final StringBuilder text = new StringBuilder(160);

        Query add(final String name, final String value)
        {
            if (text.length() > 0)
            {
                text.append('&');
            }
            text.append(name).append('=').append(encode(value));
            return this;
        }

        @Override
        public String toString()
        {
            return text.toString();
        }
    }
}
