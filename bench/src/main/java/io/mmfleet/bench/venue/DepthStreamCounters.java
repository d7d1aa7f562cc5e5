package io.mmfleet.bench.venue;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What a {@link DepthStreamBenchmark} op carried, reported as rates beside the event rate (one op is one
 * {@code depthUpdate} frame): the engine depth changes coalesced into it and the price levels it lists.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class DepthStreamCounters
{
    /** Engine {@code onDepthChange} calls folded into frames. */
    public long depthChanges;
    /** {@code [price, qty]} pairs written into frames. */
    public long frameLevels;

    @Setup(Level.Iteration)
    public void reset()
    {
        depthChanges = 0;
        frameLevels = 0;
    }
}
