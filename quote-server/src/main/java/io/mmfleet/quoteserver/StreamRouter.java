package io.mmfleet.quoteserver;

import java.util.List;

/**
 * Finds which symbol a combined-stream frame ({@code {"stream":"ethusdt@depth@100ms","data":..}})
 * belongs to, from the stream name Binance writes first, so the frame goes to the parser with that
 * symbol's scales. Looks at a few characters and allocates nothing.
 */
final class StreamRouter
{
    static final int NOT_COMBINED = -1;
    static final int UNKNOWN_SYMBOL = -2;

    private static final String STREAM_KEY = "\"stream\"";

    private final String[] streamSymbols;

    StreamRouter(final List<SymbolMapping> symbols)
    {
        streamSymbols = new String[symbols.size()];
        for (int i = 0; i < streamSymbols.length; i++)
        {
            streamSymbols[i] = symbols.get(i).streamSymbol();
        }
    }

    /**
     * @return the symbol's index, {@link #NOT_COMBINED} if the frame does not start with a stream
     *     name, {@link #UNKNOWN_SYMBOL} if it names a symbol not followed here.
     */
    int route(final CharSequence frame)
    {
        int i = skipSpace(frame, 0);
        if (i >= frame.length() || frame.charAt(i) != '{')
        {
            return NOT_COMBINED;
        }
        i = skipSpace(frame, i + 1);
        if (!regionMatches(frame, i, STREAM_KEY))
        {
            return NOT_COMBINED;
        }
        i = skipSpace(frame, i + STREAM_KEY.length());
        if (i >= frame.length() || frame.charAt(i) != ':')
        {
            return NOT_COMBINED;
        }
        i = skipSpace(frame, i + 1);
        if (i >= frame.length() || frame.charAt(i) != '"')
        {
            return NOT_COMBINED;
        }
        final int start = i + 1;
        for (int s = 0; s < streamSymbols.length; s++)
        {
            final String symbol = streamSymbols[s];
            if (regionMatches(frame, start, symbol) && start + symbol.length() < frame.length() &&
                frame.charAt(start + symbol.length()) == '@')
            {
                return s;
            }
        }
        return UNKNOWN_SYMBOL;
    }

    private static int skipSpace(final CharSequence text, final int from)
    {
        int i = from;
        while (i < text.length() && Character.isWhitespace(text.charAt(i)))
        {
            i++;
        }
        return i;
    }

    private static boolean regionMatches(final CharSequence text, final int at, final String expected)
    {
        if (at + expected.length() > text.length())
        {
            return false;
        }
        for (int k = 0; k < expected.length(); k++)
        {
            if (text.charAt(at + k) != expected.charAt(k))
            {
                return false;
            }
        }
        return true;
    }
}
