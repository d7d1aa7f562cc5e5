package io.mmfleet.venuesim.binance;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * Binance decimal strings ↔ engine mantissas. Binance accepts at most 8 decimals (more is -1111); a value finer
 * than the instrument's scale is off its tick/step, which Binance reports as the filter failure. Output is the
 * plain decimal with 8 places, as Binance prints prices and quantities.
 */
public final class DecimalCodec
{
    static final String DECIMAL_RANGE = "^([0-9]{1,20})(\\.[0-9]{1,20})?$";
    private static final Pattern DECIMAL = Pattern.compile(DECIMAL_RANGE);
    private static final int WIRE_DECIMALS = 8;

    private DecimalCodec()
    {
    }

    /**
     * @param filterOnExcessScale the filter named when the value has more decimals than {@code scale}.
     */
    public static long parse(final String param, final String text, final int scale, final String filterOnExcessScale)
    {
        if (text == null || !DECIMAL.matcher(text).matches())
        {
            throw new BinanceException(BinanceError.illegalChars(param, DECIMAL_RANGE));
        }
        final BigDecimal value = new BigDecimal(text).stripTrailingZeros();
        if (value.scale() > WIRE_DECIMALS)
        {
            throw new BinanceException(BinanceError.badPrecision(param));
        }
        if (value.scale() > scale)
        {
            throw new BinanceException(BinanceError.filterFailure(filterOnExcessScale));
        }
        try
        {
            return value.movePointRight(scale).longValueExact();
        }
        catch (final ArithmeticException ex)
        {
            throw new BinanceException(BinanceError.parameterOverflowed(param));
        }
    }

    public static String format(final long mantissa, final int scale)
    {
        return BigDecimal.valueOf(mantissa, scale).setScale(Math.max(WIRE_DECIMALS, scale)).toPlainString();
    }

    /** Ppm rate as Binance's decimal fraction, e.g. 1000 ppm → "0.00100000". */
    public static String formatPpm(final long ppm)
    {
        return format(ppm * 100, WIRE_DECIMALS);
    }
}
