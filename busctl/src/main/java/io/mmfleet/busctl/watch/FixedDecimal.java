package io.mmfleet.busctl.watch;

import io.mmfleet.sbe.DecimalDecoder;

import java.math.BigDecimal;

/**
 * The last value of one bus {@code Decimal} field, kept as its mantissa and exponent so taking it
 * from a message allocates nothing; turned into a {@link BigDecimal} only to print or add up.
 */
final class FixedDecimal
{
    private long mantissa;
    private byte exponent;
    private boolean present;

    /** Takes the field's value; a null mantissa (the schema's "absent") leaves this absent. */
    void set(final DecimalDecoder decimal)
    {
        final long value = decimal.mantissa();
        present = value != DecimalDecoder.mantissaNullValue();
        mantissa = present ? value : 0;
        exponent = present ? decimal.exponent() : 0;
    }

    void clear()
    {
        present = false;
        mantissa = 0;
        exponent = 0;
    }

    boolean present()
    {
        return present;
    }

    /** The value, or null when absent. */
    BigDecimal value()
    {
        return present ? BigDecimal.valueOf(mantissa, -exponent) : null;
    }

    /** The value, or zero when absent: for sums. */
    BigDecimal valueOrZero()
    {
        return present ? BigDecimal.valueOf(mantissa, -exponent) : BigDecimal.ZERO;
    }

    /** Exact copy of a decoder's value as a BigDecimal, null when absent. */
    static BigDecimal of(final DecimalDecoder decimal)
    {
        final long value = decimal.mantissa();
        return value == DecimalDecoder.mantissaNullValue() ? null : BigDecimal.valueOf(value, -decimal.exponent());
    }
}
