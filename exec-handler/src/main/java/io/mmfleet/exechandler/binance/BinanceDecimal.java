package io.mmfleet.exechandler.binance;

/**
 * Binance's decimal strings ("0.10264410", "-1", "23416.1") to and from fixed-point mantissas at a
 * given scale. Parsing is strict: an amount that would lose a significant digit at the scale, or
 * overflow a long, is an error rather than a silent rounding, because a wrong price or quantity on
 * a venue is worse than a refused message.
 */
public final class BinanceDecimal
{
    /** More decimals than a long can carry meaningfully. */
    public static final int MAX_SCALE = 18;

    /** Longest text accepted: a long has 19 digits, plus sign, point and up to MAX_SCALE zeros. */
    static final int MAX_TEXT_LENGTH = 64;

    private static final long[] POWERS_OF_TEN = new long[MAX_SCALE + 1];

    static
    {
        long power = 1;
        for (int i = 0; i <= MAX_SCALE; i++)
        {
            POWERS_OF_TEN[i] = power;
            power *= 10;
        }
    }

    private BinanceDecimal()
    {
    }

    /**
     * Parses {@code text} as a mantissa at {@code scale}: "3000.01" at 2 is 300001, "1" at 4 is
     * 10000, "0.10000000" at 1 is 1 (trailing zeros beyond the scale are fine).
     *
     * @throws BinanceProtocolException if the text is not [-]digits[.digits], has a non-zero digit
     *                                  beyond {@code scale}, or does not fit a long
     */
    public static long parse(final CharSequence text, final int scale)
    {
        checkScale(scale);
        if (text == null)
        {
            throw new BinanceProtocolException("decimal expected, got null");
        }
        final int length = text.length();
        if (length == 0 || length > MAX_TEXT_LENGTH)
        {
            throw new BinanceProtocolException("decimal expected, got " + BinanceProtocolException.quote(text));
        }

        int i = 0;
        final boolean negative = text.charAt(0) == '-';
        if (negative)
        {
            i++;
        }

        long mantissa = 0;
        int integerDigits = 0;
        for (; i < length && text.charAt(i) != '.'; i++)
        {
            mantissa = appendDigit(mantissa, text, i);
            integerDigits++;
        }
        if (integerDigits == 0)
        {
            throw new BinanceProtocolException("decimal without integer digits: " + BinanceProtocolException.quote(text));
        }

        int fractionDigits = 0;
        if (i < length)
        {
            i++;
            if (i == length)
            {
                throw new BinanceProtocolException("decimal ends with its point: " + BinanceProtocolException.quote(text));
            }
            for (; i < length; i++)
            {
                if (fractionDigits < scale)
                {
                    mantissa = appendDigit(mantissa, text, i);
                    fractionDigits++;
                }
                else if (digit(text, i) != 0)
                {
                    throw new BinanceProtocolException(
                        "decimal " + BinanceProtocolException.quote(text) + " has more than " + scale + " significant decimals");
                }
            }
        }

        for (; fractionDigits < scale; fractionDigits++)
        {
            mantissa = timesTenExact(mantissa, text);
        }
        return negative ? -mantissa : mantissa;
    }

    /**
     * The plain decimal text of {@code mantissa} at {@code scale}, trailing fractional zeros
     * dropped (300001, 2 → "3000.01"; 5, 4 → "0.0005"; 300000, 2 → "3000"): the shortest exact
     * form, so a request never carries more decimals than the amount needs.
     */
    public static String format(final long mantissa, final int scale)
    {
        checkScale(scale);
        final String digits = mantissa == Long.MIN_VALUE ? "9223372036854775808" : Long.toString(Math.abs(mantissa));
        final StringBuilder out = new StringBuilder(digits.length() + scale + 3);
        if (mantissa < 0)
        {
            out.append('-');
        }
        if (digits.length() <= scale)
        {
            out.append('0');
        }
        else
        {
            out.append(digits, 0, digits.length() - scale);
        }
        int fractionEnd = scale;
        final String padded = digits.length() < scale ? "0".repeat(scale - digits.length()) + digits : digits.substring(digits.length() - scale);
        while (fractionEnd > 0 && padded.charAt(fractionEnd - 1) == '0')
        {
            fractionEnd--;
        }
        if (fractionEnd > 0)
        {
            out.append('.').append(padded, 0, fractionEnd);
        }
        return out.toString();
    }

    /**
     * {@code a} (at {@code aScale}) times {@code b} (at {@code bScale}) as a mantissa at
     * {@code resultScale}. Exact when the product has no more decimals than {@code resultScale};
     * otherwise rounded half-up (away from zero), the way a quote amount printed with fewer
     * decimals than price decimals plus quantity decimals is rounded.
     *
     * @throws ArithmeticException if the product does not fit a long
     */
    public static long multiply(final long a, final int aScale, final long b, final int bScale, final int resultScale)
    {
        checkScale(aScale);
        checkScale(bScale);
        checkScale(resultScale);
        final long product = Math.multiplyExact(a, b);
        final int productScale = aScale + bScale;
        if (productScale == resultScale)
        {
            return product;
        }
        if (productScale < resultScale)
        {
            return Math.multiplyExact(product, powerOfTen(resultScale - productScale));
        }
        final long divisor = powerOfTen(productScale - resultScale);
        final long quotient = product / divisor;
        final long remainder = product % divisor;
        if (Math.abs(remainder) * 2 >= divisor)
        {
            return product < 0 ? quotient - 1 : quotient + 1;
        }
        return quotient;
    }

    /**
     * Compares {@code a} at {@code aScale} with {@code b} at {@code bScale} exactly, without
     * overflow: a value that would overflow when brought to the other's scale is the larger in
     * magnitude.
     */
    public static int compare(final long a, final int aScale, final long b, final int bScale)
    {
        checkScale(aScale);
        checkScale(bScale);
        if (aScale == bScale)
        {
            return Long.compare(a, b);
        }
        if (aScale < bScale)
        {
            return -compare(b, bScale, a, aScale);
        }
        final long factor = powerOfTen(aScale - bScale);
        final long high = Math.multiplyHigh(b, factor);
        final long low = b * factor;
        if ((high == 0 && low >= 0) || (high == -1 && low < 0))
        {
            return Long.compare(a, low);
        }
        return b < 0 ? 1 : -1;
    }

    static long powerOfTen(final int exponent)
    {
        if (exponent < 0 || exponent > MAX_SCALE)
        {
            throw new IllegalArgumentException("power of ten out of range: " + exponent);
        }
        return POWERS_OF_TEN[exponent];
    }

    private static void checkScale(final int scale)
    {
        if (scale < 0 || scale > MAX_SCALE)
        {
            throw new IllegalArgumentException("scale must be 0.." + MAX_SCALE + ": " + scale);
        }
    }

    private static long appendDigit(final long mantissa, final CharSequence text, final int index)
    {
        final int digit = digit(text, index);
        final long shifted = timesTenExact(mantissa, text);
        if (shifted > Long.MAX_VALUE - digit)
        {
            throw overflow(text);
        }
        return shifted + digit;
    }

    private static long timesTenExact(final long mantissa, final CharSequence text)
    {
        if (mantissa > Long.MAX_VALUE / 10)
        {
            throw overflow(text);
        }
        return mantissa * 10;
    }

    private static int digit(final CharSequence text, final int index)
    {
        final char c = text.charAt(index);
        if (c < '0' || c > '9')
        {
            throw new BinanceProtocolException(
                "decimal expected, got " + BinanceProtocolException.quote(text) + " (bad character at " + index + ")");
        }
        return c - '0';
    }

    private static BinanceProtocolException overflow(final CharSequence text)
    {
        return new BinanceProtocolException("decimal " + BinanceProtocolException.quote(text) + " overflows a 64-bit mantissa");
    }
}
