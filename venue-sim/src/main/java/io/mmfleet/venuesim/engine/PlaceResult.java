package io.mmfleet.venuesim.engine;

import java.util.List;

/** The order's state once the place call returns, and the fills it took, in trade order. */
public record PlaceResult(OrderView order, List<Fill> fills)
{
}
