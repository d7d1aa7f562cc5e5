package io.mmfleet.bench.venue;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What a benchmark op of {@link MatchingEngineBenchmark} made the engine do, reported by JMH as rates beside the
 * op rate: an op is a composite (a sweep also restores the book), while the issue asks for orders per second.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class EngineCounters
{
    /** Engine order requests: every place and every cancel, the book-restoring ones included. */
    public long orderRequests;
    /** Trades the takers' orders made. */
    public long trades;

    @Setup(Level.Iteration)
    public void reset()
    {
        orderRequests = 0;
        trades = 0;
    }
}
