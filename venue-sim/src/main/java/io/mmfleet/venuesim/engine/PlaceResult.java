package io.mmfleet.venuesim.engine;

import java.util.List;

/**
 * The order's state once the place call returns, the fills it took in trade order, and the matches self-trade
 * prevention stopped along the way (empty when none).
 */
public record PlaceResult(OrderView order, List<Fill> fills, List<PreventedMatch> preventedMatches)
{
    public PlaceResult(final OrderView order, final List<Fill> fills)
    {
        this(order, fills, List.of());
    }
}
