package io.mmfleet.busctl.watch;

import java.math.BigDecimal;
import java.util.Map;
import java.util.StringJoiner;

/** Exact decimal text for the status line and the report. */
final class Decimals
{
    private static final BigDecimal HALF = new BigDecimal("0.5");

    private Decimals()
    {
    }

    /** (a + b) / 2, exact: one decimal more than the inputs at most, no trailing zero added. */
    static BigDecimal midpoint(final BigDecimal a, final BigDecimal b)
    {
        final BigDecimal mid = a.add(b).multiply(HALF);
        final int inputScale = Math.max(a.scale(), b.scale());
        return mid.scale() > inputScale && mid.unscaledValue().mod(java.math.BigInteger.TEN).signum() == 0 ?
            mid.setScale(inputScale) : mid;
    }

    /** A price as published, "-" when absent. */
    static String text(final BigDecimal value)
    {
        return value == null ? "-" : value.toPlainString();
    }

    /**
     * An amount without the trailing zeros of its wire scale (the position-server publishes at 8
     * decimals): "-0.00045" rather than "-0.00045000"; still exact.
     */
    static String amount(final BigDecimal value)
    {
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }

    /** "USDT 1.5, ETH 0.0001". */
    static String byAsset(final Map<String, BigDecimal> amounts)
    {
        final StringJoiner joiner = new StringJoiner(", ");
        amounts.forEach((asset, amount) -> joiner.add(asset + " " + amount(amount)));
        return joiner.toString();
    }
}
