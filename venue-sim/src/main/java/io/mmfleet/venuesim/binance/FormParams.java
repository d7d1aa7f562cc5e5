package io.mmfleet.venuesim.binance;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decodes an application/x-www-form-urlencoded string (query string or body) into ordered name → value pairs.
 * A name sent twice in the same string is Binance's -1101 "Duplicate values for a parameter detected."
 */
public final class FormParams
{
    private FormParams()
    {
    }

    public static Map<String, String> parse(final String form)
    {
        final Map<String, String> params = new LinkedHashMap<>();
        if (form == null || form.isEmpty())
        {
            return params;
        }
        for (final String pair : form.split("&"))
        {
            if (pair.isEmpty())
            {
                continue;
            }
            final int eq = pair.indexOf('=');
            final String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            final String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (params.putIfAbsent(name, value) != null)
            {
                throw new BinanceException(BinanceError.duplicateParameter());
            }
        }
        return params;
    }

    /**
     * Query string wins over body for a name sent in both, as the docs say; duplicates inside either one are errors.
     */
    public static Map<String, String> merge(final String rawQuery, final String rawBody)
    {
        final Map<String, String> merged = parse(rawBody);
        merged.putAll(parse(rawQuery));
        return merged;
    }

    private static String decode(final String text)
    {
        try
        {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new BinanceException(BinanceError.illegalChars(text, "percent-encoded UTF-8"));
        }
    }
}
