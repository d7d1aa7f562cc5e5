package io.mmfleet.venuesim.binance;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A market stream name as Binance spells it: {@code <symbol>@trade}, {@code <symbol>@depth[@100ms|@1000ms]},
 * {@code <symbol>@depth<5|10|20>[@100ms|@1000ms]}; the symbol is lower case.
 */
record StreamName(String name, String symbol, Kind kind, int levels, boolean fast)
{
    enum Kind
    {
        TRADE, DIFF_DEPTH, PARTIAL_DEPTH
    }

    private static final Pattern PATTERN = Pattern.compile("^([a-z0-9]{1,20})@(trade|depth(5|10|20)?(@100ms|@1000ms)?)$");

    /** Null when the name is not a stream this venue serves. */
    static StreamName parse(final String name)
    {
        final Matcher m = PATTERN.matcher(name);
        if (!m.matches())
        {
            return null;
        }
        final String symbol = m.group(1).toUpperCase(java.util.Locale.ROOT);
        if ("trade".equals(m.group(2)))
        {
            return new StreamName(name, symbol, Kind.TRADE, 0, false);
        }
        final boolean fast = "@100ms".equals(m.group(4));
        return m.group(3) == null ? new StreamName(name, symbol, Kind.DIFF_DEPTH, 0, fast) :
            new StreamName(name, symbol, Kind.PARTIAL_DEPTH, Integer.parseInt(m.group(3)), fast);
    }
}
