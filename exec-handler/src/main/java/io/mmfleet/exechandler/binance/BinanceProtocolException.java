package io.mmfleet.exechandler.binance;

import java.util.regex.Pattern;

/**
 * A venue message that is not what Binance's documentation says it is: malformed JSON, a missing
 * field, a field of the wrong JSON type, a number that does not fit. The message names what was
 * wrong and where, and quotes at most {@link #MAX_QUOTED_CHARS} characters of the venue's input,
 * so a hostile or corrupt frame can neither flood a log nor smuggle a whole payload into it.
 */
public final class BinanceProtocolException extends RuntimeException
{
    /** The value of an apiKey or signature parameter, JSON ("apiKey":"...") or query (signature=...) form. */
    private static final Pattern SECRET_VALUE =
        Pattern.compile("(?i)(\"?(?:apikey|signature|x-mbx-apikey)\"?\\s*[:=]\\s*\"?)[^\"&,}\\s]*");

    /** The longest piece of venue input a message quotes. */
    public static final int MAX_QUOTED_CHARS = 200;

    public BinanceProtocolException(final String message)
    {
        super(message);
    }

    public BinanceProtocolException(final String message, final Throwable cause)
    {
        super(message, cause);
    }

    /** {@code text} cut to {@link #MAX_QUOTED_CHARS} characters, with its full length when cut. */
    public static String quote(final CharSequence text)
    {
        if (text == null)
        {
            return "null";
        }
        // A venue (or a proxy) that echoes a signed request back must not put the key in a log line.
        final String redacted = SECRET_VALUE.matcher(text).replaceAll("$1<redacted>");
        if (redacted.length() <= MAX_QUOTED_CHARS)
        {
            return "'" + redacted + "'";
        }
        return "'" + redacted.substring(0, MAX_QUOTED_CHARS) + "...' (" + text.length() + " chars)";
    }
}
