package io.mmfleet.marketmaker.strategy;

/**
 * The quote manager's parameters (INI [market-maker] keys of the same names).
 *
 * @param levels                 QUOTE_LEVELS: orders per side, level 0 at the rules' price.
 * @param levelSpacingTicks      LEVEL_SPACING_TICKS: each further level this many ticks further out.
 * @param refreshToleranceBpsE2  REFRESH_TOLERANCE_BPS in hundredths of a bp: a live order whose price is
 *                               off the wanted one by less than this (of its price) is left alone.
 * @param sizeTolerancePercent   SIZE_TOLERANCE_PERCENT: a live order whose remaining size is off the
 *                               wanted size by at most this share of it is left alone.
 * @param minRequoteIntervalNs   MIN_REQUOTE_INTERVAL: least time between two orders in one slot, so
 *                               a moving price never replaces an order faster than this.
 * @param maxOrderAgeNs          MAX_ORDER_AGE: an order this old is cancelled and placed afresh.
 */
public record QuoteManagerParams(
    int levels,
    int levelSpacingTicks,
    long refreshToleranceBpsE2,
    int sizeTolerancePercent,
    long minRequoteIntervalNs,
    long maxOrderAgeNs)
{
    public QuoteManagerParams
    {
        if (levels < 1 || levels > 20 || levelSpacingTicks < 1 || refreshToleranceBpsE2 < 0 ||
            sizeTolerancePercent < 0 || sizeTolerancePercent > 100 || minRequoteIntervalNs < 0 || maxOrderAgeNs <= minRequoteIntervalNs)
        {
            throw new IllegalArgumentException("quote manager parameters out of range: levels 1..20, spacing >= 1 tick, " +
                "tolerances >= 0 (size <= 100%), MAX_ORDER_AGE above MIN_REQUOTE_INTERVAL; got " + levels + ", " + levelSpacingTicks +
                ", " + refreshToleranceBpsE2 + ", " + sizeTolerancePercent + ", " + minRequoteIntervalNs + "ns, " + maxOrderAgeNs + "ns");
        }
    }
}
