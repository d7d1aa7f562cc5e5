package io.mmfleet.bench;

/**
 * Everything a BusBench run depends on.
 *
 * @param highWaterMark   send and receive HWM of every ZeroMQ socket, bus and raw alike.
 * @param levels          BookUpdate levels per side (1 gives the 108-byte message).
 * @param runMillis       length of each paced throughput run.
 * @param maxRuns         throughput runs per path at most.
 * @param precision       the rate search stops when clean and lossy rates are this close (share).
 * @param startRate       first throughput rate tried, msgs/s.
 * @param maxRate         highest throughput rate tried, msgs/s.
 * @param latencyRate     paced rate of the latency runs, msgs/s.
 * @param latencyMessages messages measured per latency run, after the warm-up.
 * @param warmupMessages  messages sent before measuring, to let the JIT compile the path.
 * @param quietMillis     how long a receiver waits for more once the sender is done before it
 *                        counts the rest as lost.
 */
record BusBenchSettings(
    boolean quick,
    int highWaterMark,
    int levels,
    long runMillis,
    int maxRuns,
    double precision,
    long startRate,
    long maxRate,
    int latencyRate,
    int latencyMessages,
    int warmupMessages,
    long quietMillis)
{
    static final long QUIET_MILLIS = 250;

    static BusBenchSettings fullRun()
    {
        return new BusBenchSettings(false, 100_000, 1, 1500, 16, 0.05, 20_000, 10_000_000, 10_000, 100_000, 20_000, QUIET_MILLIS);
    }

    /** A few seconds in all: proves every path works end to end, measures nothing worth quoting. */
    static BusBenchSettings quickRun()
    {
        return new BusBenchSettings(true, 100_000, 1, 150, 5, 0.25, 10_000, 10_000_000, 5_000, 2_000, 1_000, QUIET_MILLIS);
    }

    /** @throws IllegalArgumentException naming the first setting that is out of range. */
    BusBenchSettings validate()
    {
        require(highWaterMark >= 1, "--hwm must be at least 1, got " + highWaterMark);
        require(levels >= 1 && levels <= BenchMessage.MAX_LEVELS, "--levels must be 1.." + BenchMessage.MAX_LEVELS + ", got " + levels);
        require(runMillis >= 10, "--run-ms must be at least 10, got " + runMillis);
        require(maxRuns >= 1, "--max-runs must be at least 1, got " + maxRuns);
        require(latencyRate >= 1 && latencyRate <= 1_000_000, "--latency-rate must be 1..1000000 msgs/s, got " + latencyRate);
        require(latencyMessages >= 1, "--latency-messages must be at least 1, got " + latencyMessages);
        require(warmupMessages >= 0, "--warmup-messages must not be negative, got " + warmupMessages);
        require(quietMillis >= 1, "quiet period must be at least 1 ms, got " + quietMillis);
        return this;
    }

    private static void require(final boolean condition, final String message)
    {
        if (!condition)
        {
            throw new IllegalArgumentException(message);
        }
    }
}
