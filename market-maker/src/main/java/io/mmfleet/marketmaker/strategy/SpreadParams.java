package io.mmfleet.marketmaker.strategy;

/**
 * The spread rules' parameters (the INI's [market-maker] keys of the same names). Spreads in basis
 * points of the mid; thresholds as fractions of MAX_INVENTORY in parts per million (0.2 = 200_000);
 * quantities as mantissas at the instrument's quantity scale.
 *
 * @param minSpreadBps               MIN_SPREAD_BPS, the narrowest total spread quoted.
 * @param maxSpreadBps               MAX_SPREAD_BPS, the widest.
 * @param defaultSpreadBps           DEFAULT_SPREAD_BPS, quoted around the mid while σ is warming up.
 * @param skewThresholdPpm           INVENTORY_IMBALANCE_THRESHOLD: beyond it, skew and widen.
 * @param criticalThresholdPpm       CRITICAL_IMBALANCE_THRESHOLD: beyond it, only the reducing side.
 * @param imbalanceSkewBps           IMBALANCE_SKEW_BPS: the reducing side moves this much closer.
 * @param imbalanceWidenBps          IMBALANCE_WIDEN_BPS: the adding side moves this much further.
 * @param volatilitySpreadMultiplier VOLATILITY_SPREAD_MULTIPLIER: the spread is at least this × σ·√window.
 * @param volatilityWindowSeconds    VOLATILITY_WINDOW in seconds: the holding time σ is scaled to.
 * @param throttleWidenBps           THROTTLE_WIDEN_BPS: added while the venue's throttle is NEAR_LIMIT.
 * @param orderQty                   ORDER_QTY, the size quoted on each side.
 * @param minOrderQty                MIN_ORDER_QTY: a side that cannot reach it is not quoted.
 * @param maxOrderQty                MAX_ORDER_QTY: no order is larger.
 * @param maxInventory               MAX_INVENTORY, base units: imbalance = q / MAX_INVENTORY, and no
 *                                   quote may take |q| past it.
 */
public record SpreadParams(
    double minSpreadBps,
    double maxSpreadBps,
    double defaultSpreadBps,
    long skewThresholdPpm,
    long criticalThresholdPpm,
    double imbalanceSkewBps,
    double imbalanceWidenBps,
    double volatilitySpreadMultiplier,
    double volatilityWindowSeconds,
    double throttleWidenBps,
    long orderQty,
    long minOrderQty,
    long maxOrderQty,
    long maxInventory)
{
    public SpreadParams
    {
        if (!(minSpreadBps > 0) || !(maxSpreadBps >= minSpreadBps) || defaultSpreadBps < minSpreadBps || defaultSpreadBps > maxSpreadBps)
        {
            throw new IllegalArgumentException("spreads must satisfy 0 < MIN_SPREAD_BPS <= DEFAULT_SPREAD_BPS <= MAX_SPREAD_BPS, got " +
                minSpreadBps + ", " + defaultSpreadBps + ", " + maxSpreadBps);
        }
        if (skewThresholdPpm <= 0 || criticalThresholdPpm < skewThresholdPpm || criticalThresholdPpm > 1_000_000)
        {
            throw new IllegalArgumentException("imbalance thresholds must satisfy 0 < skew <= critical <= 1, got " +
                skewThresholdPpm + "ppm and " + criticalThresholdPpm + "ppm");
        }
        if (imbalanceSkewBps < 0 || imbalanceWidenBps < 0 || volatilitySpreadMultiplier < 0 || volatilityWindowSeconds <= 0 ||
            throttleWidenBps < 0)
        {
            throw new IllegalArgumentException("skew, widen, volatility and throttle parameters must be >= 0 (the window > 0)");
        }
        if (minOrderQty <= 0 || maxOrderQty < minOrderQty || orderQty < minOrderQty || orderQty > maxOrderQty || maxInventory <= 0)
        {
            throw new IllegalArgumentException("quantities must satisfy 0 < MIN_ORDER_QTY <= ORDER_QTY <= MAX_ORDER_QTY and MAX_INVENTORY > 0, got " +
                minOrderQty + ", " + orderQty + ", " + maxOrderQty + ", " + maxInventory);
        }
    }
}
