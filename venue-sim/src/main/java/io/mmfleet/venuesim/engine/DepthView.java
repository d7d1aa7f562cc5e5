package io.mmfleet.venuesim.engine;

import java.util.List;

/** Aggregated book levels, best first, each {price, qty}; {@code lastUpdateId} matches the depth events. */
public record DepthView(long lastUpdateId, List<long[]> bids, List<long[]> asks)
{
}
