package io.mmfleet.venuesim.binance;

/**
 * What a REST signature covers: the query string exactly as sent, concatenated with the request body exactly as
 * sent, with no separator between them (the docs' "mixed" example), minus the {@code signature} parameter itself.
 * Raw (still percent-encoded) text is signed, as the docs require the encoded payload to be what is signed and sent.
 */
public final class RestSigningPayload
{
    private RestSigningPayload()
    {
    }

    public static String of(final String rawQuery, final String rawBody)
    {
        return withoutSignature(rawQuery == null ? "" : rawQuery) + withoutSignature(rawBody == null ? "" : rawBody);
    }

    /** Drops every {@code signature=...} pair, keeping the others and their order. */
    static String withoutSignature(final String form)
    {
        if (form.isEmpty() || !form.contains("signature="))
        {
            return form;
        }
        final StringBuilder out = new StringBuilder(form.length());
        for (final String pair : form.split("&", -1))
        {
            if (pair.startsWith("signature="))
            {
                continue;
            }
            if (out.length() > 0)
            {
                out.append('&');
            }
            out.append(pair);
        }
        return out.toString();
    }
}
