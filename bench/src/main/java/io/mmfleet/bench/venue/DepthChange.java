package io.mmfleet.bench.venue;

import java.util.List;

/** One {@code onDepthChange} of the engine as it was called: update ids and the changed {@code {price, qty}} levels. */
public record DepthChange(long firstUpdateId, long lastUpdateId, List<long[]> bids, List<long[]> asks)
{
    public DepthChange
    {
        bids = copy(bids);
        asks = copy(asks);
    }

    public int levels()
    {
        return bids.size() + asks.size();
    }

    // The engine owns the lists it passes and the arrays in them; a recording keeps its own.
    private static List<long[]> copy(final List<long[]> levels)
    {
        return levels.stream().map(long[]::clone).toList();
    }
}
