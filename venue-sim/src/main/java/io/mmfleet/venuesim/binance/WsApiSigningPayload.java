package io.mmfleet.venuesim.binance;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a WebSocket API signature covers: every request parameter except {@code signature}, sorted by name,
 * formatted as {@code name=value} pairs joined with '&'. Values are the parameters' text as sent (numbers keep
 * the digits the client wrote, e.g. "0.01000000").
 */
public final class WsApiSigningPayload
{
    private WsApiSigningPayload()
    {
    }

    public static String of(final Map<String, String> params)
    {
        final StringBuilder out = new StringBuilder(256);
        for (final Map.Entry<String, String> entry : new TreeMap<>(params).entrySet())
        {
            if ("signature".equals(entry.getKey()))
            {
                continue;
            }
            if (out.length() > 0)
            {
                out.append('&');
            }
            out.append(entry.getKey()).append('=').append(entry.getValue());
        }
        return out.toString();
    }
}
