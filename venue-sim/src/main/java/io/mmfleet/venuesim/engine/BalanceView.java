package io.mmfleet.venuesim.engine;

/** Balance of one asset at the asset's scale. */
public record BalanceView(String asset, long free, long locked)
{
}
