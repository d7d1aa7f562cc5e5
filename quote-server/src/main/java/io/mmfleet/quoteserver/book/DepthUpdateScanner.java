package io.mmfleet.quoteserver.book;

/**
 * The fast path for quote-server's one hot message: a Binance combined-stream diff depth frame in exactly the
 * shape Binance sends it, read straight from the frame's characters,
 * <pre>{"stream":"&lt;sym&gt;@depth@100ms","data":{"e":"depthUpdate","E":&lt;ms&gt;,"s":"&lt;SYM&gt;","U":&lt;id&gt;,"u":&lt;id&gt;,
 *   "b":[["&lt;price&gt;","&lt;qty&gt;"],...],"a":[...]}}</pre>
 * (or {@code <sym>@depth}), with no whitespace, fields in that order and nothing else.
 *
 * <p>This is a measured exception to using the library, for this one message only. On {@code bin/bench quote -f 1
 * -wi 5 -w 1s -i 5 -r 1s -prof gc} (frame → book → encoded BookUpdate, one core), Jackson's tokenizer and the UTF-8
 * copy it needs were about half of the time, holding the path near 260 k frames/s at 20 changed levels a frame
 * (0.8-0.9 M at 3) against a target of 500 k. With this scanner, measured alongside: 535-570 k (1.9 M at 3), still
 * 0 B a frame; see the README, "quote-server book path". Jackson stays the parser of record: {@link #scan} only ever accepts a frame whose
 * result the Jackson path would give identically, and <em>defers</em> on anything else — another field order,
 * whitespace, escapes, unknown fields, non-ASCII text, numbers it does not expect, every malformed frame and every
 * rule violation (decimals finer than the scale, overflow, update ids out of range) — so that
 * {@link BinanceMarketParser} parses the frame with Jackson as before, errors and all.
 *
 * <p>Levels are collected in the scanner's own arrays and copied into the caller's holder only once the whole frame
 * has been accepted, so deferring leaves the caller's holders untouched. Those arrays are fixed at
 * {@link #MAX_LEVELS_PER_SIDE} (32 KiB a parser); a larger frame is deferred rather than pinning a bigger scratch
 * area for good. Allocates nothing. Not thread-safe: one per parser.
 */
final class DepthUpdateScanner
{
    /** Levels a side the scanner takes; a frame with more is left to Jackson. */
    static final int MAX_LEVELS_PER_SIDE = 1_024;

    /** Digits folded into a mantissa or id before the scanner gives up: 18 can never overflow a long. */
    private static final int MAX_DIGITS = 18;
    private static final long[] POWERS_OF_TEN = new long[19];
    /** Largest value that can be multiplied by {@code POWERS_OF_TEN[i]} without overflow. */
    private static final long[] SCALE_LIMITS = new long[19];

    private static final String STREAM_HEAD = "{\"stream\":\"";
    private static final String DEPTH_SUFFIX = "@depth";
    private static final String DEPTH_100MS_SUFFIX = "@depth@100ms";
    private static final String EVENT_TIME_HEAD = "\",\"data\":{\"e\":\"depthUpdate\",\"E\":";
    private static final String SYMBOL_HEAD = ",\"s\":\"";
    private static final String FIRST_ID_HEAD = "\",\"U\":";
    private static final String FINAL_ID_HEAD = ",\"u\":";
    private static final String BIDS_HEAD = ",\"b\":";
    private static final String ASKS_HEAD = ",\"a\":";
    private static final String TAIL = "}}";
    private static final int DEFER = -1;

    static
    {
        long power = 1;
        for (int i = 0; i < POWERS_OF_TEN.length; i++)
        {
            POWERS_OF_TEN[i] = power;
            SCALE_LIMITS[i] = Long.MAX_VALUE / power;
            power *= 10;
        }
    }

    private final int priceScale;
    private final int qtyScale;
    private final long[] bidPrices = new long[MAX_LEVELS_PER_SIDE];
    private final long[] bidQtys = new long[MAX_LEVELS_PER_SIDE];
    private final long[] askPrices = new long[MAX_LEVELS_PER_SIDE];
    private final long[] askQtys = new long[MAX_LEVELS_PER_SIDE];

    /** Results that travel beside the returned position or value of the method that sets them. */
    private long scannedValue;
    private int scannedLevels;
    private int decimalEnd;

    DepthUpdateScanner(final int priceScale, final int qtyScale)
    {
        if (priceScale < 0 || priceScale > 18 || qtyScale < 0 || qtyScale > 18)
        {
            throw new IllegalArgumentException("scales must be 0..18: price " + priceScale + ", qty " + qtyScale);
        }
        this.priceScale = priceScale;
        this.qtyScale = qtyScale;
    }

    /**
     * Fills {@code depth} and, as the Jackson path does for a depth event, clears {@code trade} and gives it the
     * event time and symbol.
     *
     * @return true if the frame was taken; false to defer, with neither holder touched.
     */
    boolean scan(final CharSequence frame, final DepthEvent depth, final TradeEvent trade)
    {
        final int length = frame.length();
        // The closing brace is checked first so that the number loops can run to a non-digit without a length check.
        if (length == 0 || frame.charAt(length - 1) != '}' || !regionMatches(frame, 0, length, STREAM_HEAD))
        {
            return false;
        }
        final int streamStart = STREAM_HEAD.length();
        final int streamEnd = plainStringEnd(frame, streamStart, length);
        if (streamEnd == DEFER || !isDepthStreamName(frame, streamStart, streamEnd))
        {
            return false;
        }

        int i = field(frame, streamEnd, length, EVENT_TIME_HEAD);
        if (i == DEFER || (i = unsignedLong(frame, i)) == DEFER)
        {
            return false;
        }
        final long eventTimeMs = scannedValue;

        final int symbolStart = field(frame, i, length, SYMBOL_HEAD);
        final int symbolEnd = symbolStart == DEFER ? DEFER : plainStringEnd(frame, symbolStart, length);
        if (symbolEnd == DEFER)
        {
            return false;
        }

        i = field(frame, symbolEnd, length, FIRST_ID_HEAD);
        if (i == DEFER || (i = unsignedLong(frame, i)) == DEFER)
        {
            return false;
        }
        final long firstUpdateId = scannedValue;
        i = field(frame, i, length, FINAL_ID_HEAD);
        if (i == DEFER || (i = unsignedLong(frame, i)) == DEFER)
        {
            return false;
        }
        final long finalUpdateId = scannedValue;
        // Out of range ids are Jackson's to report (BAD_UPDATE_RANGE).
        if (firstUpdateId < 1 || finalUpdateId < firstUpdateId)
        {
            return false;
        }

        i = field(frame, i, length, BIDS_HEAD);
        if (i == DEFER || (i = levels(frame, i, length, bidPrices, bidQtys)) == DEFER)
        {
            return false;
        }
        final int bidCount = scannedLevels;
        i = field(frame, i, length, ASKS_HEAD);
        if (i == DEFER || (i = levels(frame, i, length, askPrices, askQtys)) == DEFER)
        {
            return false;
        }
        final int askCount = scannedLevels;
        if (i + TAIL.length() != length || !regionMatches(frame, i, length, TAIL))
        {
            return false;
        }

        depth.clear();
        depth.eventTimeMs = eventTimeMs;
        depth.symbol.append(frame, symbolStart, symbolEnd);
        depth.firstUpdateId = firstUpdateId;
        depth.finalUpdateId = finalUpdateId;
        for (int l = 0; l < bidCount; l++)
        {
            depth.addBid(bidPrices[l], bidQtys[l]);
        }
        for (int l = 0; l < askCount; l++)
        {
            depth.addAsk(askPrices[l], askQtys[l]);
        }
        trade.clear();
        trade.eventTimeMs = eventTimeMs;
        trade.symbol.append(frame, symbolStart, symbolEnd);
        return true;
    }

    /**
     * {@code [["price","qty"],...]} from {@code from} into {@code prices} and {@code qtys}; the count goes to
     * {@link #scannedLevels}.
     *
     * @return the index after the closing bracket, or {@link #DEFER}.
     */
    private int levels(final CharSequence frame, final int from, final int length, final long[] prices, final long[] qtys)
    {
        int i = from;
        if (i + 1 >= length || frame.charAt(i) != '[')
        {
            return DEFER;
        }
        i++;
        int count = 0;
        if (frame.charAt(i) == ']')
        {
            scannedLevels = 0;
            return i + 1;
        }
        while (true)
        {
            if (count == MAX_LEVELS_PER_SIDE || i + 1 >= length || frame.charAt(i) != '[' || frame.charAt(i + 1) != '"')
            {
                return DEFER;
            }
            final long price = decimal(frame, i + 2, priceScale);
            if (price == DEFER)
            {
                return DEFER;
            }
            i = decimalEnd;
            if (i + 2 >= length || frame.charAt(i + 1) != ',' || frame.charAt(i + 2) != '"')
            {
                return DEFER;
            }
            final long qty = decimal(frame, i + 3, qtyScale);
            if (qty == DEFER)
            {
                return DEFER;
            }
            i = decimalEnd;
            if (i + 2 >= length || frame.charAt(i + 1) != ']')
            {
                return DEFER;
            }
            prices[count] = price;
            qtys[count] = qty;
            count++;
            final char next = frame.charAt(i + 2);
            i += 3;
            if (next == ']')
            {
                scannedLevels = count;
                return i;
            }
            if (next != ',')
            {
                return DEFER;
            }
        }
    }

    /**
     * A plain decimal string's content ({@code 0.00240000}) from {@code from} up to its closing quote, as a mantissa
     * with {@code scale} decimal places, accepting exactly what {@link BinanceMarketParser#mantissa} accepts with the
     * same value, except that more than {@link #MAX_DIGITS} significant digits defer instead of being checked for
     * overflow. No loop checks the length: each stops at the frame's final '}' at the latest (see {@link #scan}).
     *
     * @return the mantissa (never negative), with the closing quote's index in {@link #decimalEnd}; or
     * {@link #DEFER}.
     */
    private long decimal(final CharSequence frame, final int from, final int scale)
    {
        int i = from;
        long value = 0;
        char c;
        // A value with too many digits may wrap here; it is deferred below, never returned.
        while (isDigit(c = frame.charAt(i)))
        {
            value = value * 10 + (c - '0');
            i++;
        }
        final int integerDigits = i - from;
        if (integerDigits == 0)
        {
            return DEFER;
        }
        int kept = 0;
        if (c == '.')
        {
            final int fractionStart = ++i;
            while (kept < scale && isDigit(c = frame.charAt(i)))
            {
                value = value * 10 + (c - '0');
                kept++;
                i++;
            }
            // Beyond the scale only zeros may follow; a non-zero digit stops here and is Jackson's PRECISION error.
            while ((c = frame.charAt(i)) == '0')
            {
                i++;
            }
            if (i == fractionStart)
            {
                return DEFER;
            }
        }
        final int padding = scale - kept;
        if (c != '"' || integerDigits + kept > MAX_DIGITS || value > SCALE_LIMITS[padding])
        {
            return DEFER;
        }
        decimalEnd = i;
        return value * POWERS_OF_TEN[padding];
    }

    /**
     * A JSON integer as Jackson reads one: {@code 0} or digits without a leading zero; no sign, since every value
     * taken here must be positive or is deferred anyway. At most {@link #MAX_DIGITS} digits. Stops at the frame's
     * final '}' at the latest, like {@link #decimal}.
     *
     * @return the index after it, with its value in {@link #scannedValue}; or {@link #DEFER}.
     */
    private int unsignedLong(final CharSequence frame, final int from)
    {
        char c = frame.charAt(from);
        if (!isDigit(c))
        {
            return DEFER;
        }
        long value = c - '0';
        int i = from + 1;
        if (value != 0)
        {
            while (isDigit(c = frame.charAt(i)))
            {
                value = value * 10 + (c - '0');
                i++;
            }
        }
        if (i - from > MAX_DIGITS)
        {
            return DEFER;
        }
        scannedValue = value;
        return i;
    }

    private static boolean isDigit(final char c)
    {
        return (char)(c - '0') <= 9;
    }

    /**
     * The index of the closing quote of a string starting at {@code from} that holds only printable ASCII and no
     * escape, so that its characters are exactly the value Jackson would read; {@link #DEFER} for any other string.
     */
    private static int plainStringEnd(final CharSequence frame, final int from, final int length)
    {
        for (int i = from; i < length; i++)
        {
            final char c = frame.charAt(i);
            if (c == '"')
            {
                return i;
            }
            if (c < 0x20 || c > 0x7E || c == '\\')
            {
                return DEFER;
            }
        }
        return DEFER;
    }

    private static boolean isDepthStreamName(final CharSequence frame, final int start, final int end)
    {
        return endsWith(frame, start, end, DEPTH_100MS_SUFFIX) || endsWith(frame, start, end, DEPTH_SUFFIX);
    }

    private static boolean endsWith(final CharSequence frame, final int start, final int end, final String suffix)
    {
        final int at = end - suffix.length();
        return at > start && regionMatches(frame, at, end, suffix);
    }

    /** @return the index after {@code expected} at {@code i}, or {@link #DEFER} if it is not there. */
    private static int field(final CharSequence frame, final int i, final int length, final String expected)
    {
        return regionMatches(frame, i, length, expected) ? i + expected.length() : DEFER;
    }

    private static boolean regionMatches(final CharSequence frame, final int at, final int limit, final String expected)
    {
        final int n = expected.length();
        if (at + n > limit)
        {
            return false;
        }
        for (int k = 0; k < n; k++)
        {
            if (frame.charAt(at + k) != expected.charAt(k))
            {
                return false;
            }
        }
        return true;
    }
}
