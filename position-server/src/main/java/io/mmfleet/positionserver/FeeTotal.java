package io.mmfleet.positionserver;

/**
 * Fees paid in one asset, split by liquidity, at {@link FixedPoint#SCALE} in that asset's units
 * (negative for a net rebate).
 */
public record FeeTotal(String asset, long makerFee, long takerFee)
{
    public long total()
    {
        return Math.addExact(makerFee, takerFee);
    }
}
