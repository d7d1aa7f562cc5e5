package io.mmfleet.venuesim.binance;

import java.math.BigDecimal;
import java.util.regex.Pattern;
import org.agrona.MutableDirectBuffer;

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
    /** 10^18 is the largest power of ten a long holds, so the largest scale {@link #putAscii} can split at. */
    private static final int MAX_ASCII_SCALE = 18;
    private static final long[] POWERS_OF_TEN = new long[MAX_ASCII_SCALE + 1];

    static
    {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++)
        {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
    }

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

    /**
     * Writes what {@link #format} returns, as ASCII at {@code index}, without allocating: the market data streams
     * format every level of every frame.
     *
     * @return the index just past the last byte written.
     * @throws IllegalArgumentException for a scale outside 0..18.
     */
    public static int putAscii(final MutableDirectBuffer buffer, final int index, final long mantissa, final int scale)
    {
        if (scale < 0 || scale > MAX_ASCII_SCALE)
        {
            throw new IllegalArgumentException("scale " + scale + " is outside 0.." + MAX_ASCII_SCALE);
        }
        int at = index;
        final long unit = POWERS_OF_TEN[scale];
        // Split with the mantissa's own sign so Long.MIN_VALUE never needs negating (scale 0 keeps it whole).
        final long integerPart = mantissa / unit;
        final long fraction = Math.abs(mantissa % unit);
        if (mantissa < 0 && integerPart == 0)
        {
            buffer.putByte(at++, (byte)'-');
        }
        at += buffer.putLongAscii(at, integerPart);
        buffer.putByte(at++, (byte)'.');
        for (int digit = scale - 1; digit >= 0; digit--)
        {
            buffer.putByte(at++, (byte)('0' + fraction / POWERS_OF_TEN[digit] % 10));
        }
        for (int pad = scale; pad < WIRE_DECIMALS; pad++)
        {
            buffer.putByte(at++, (byte)'0');
        }
        return at;
    }

    /** Ppm rate as Binance's decimal fraction, e.g. 1000 ppm → "0.00100000". */
    public static String formatPpm(final long ppm)
    {
        return format(ppm * 100, WIRE_DECIMALS);
    }
}
