package io.mmfleet.bus;

/**
 * The runs of one source as seen by a receiver: the current run id and the few it has left behind.
 * Run ids are the source's epoch time at start, but the wall clock can be stepped back between two
 * starts, so their order means nothing: any run id not seen before is a restart, while one seen
 * before is a straggler of a run the source has left (late on the old connection) and must not
 * switch the source back. Allocates nothing.
 */
final class RunHistory
{
    /** Enough to recognise stragglers of the last few restarts of a crash-looping source. */
    static final int PREVIOUS_RUNS_KEPT = 4;

    private final long[] previousRunIds = new long[PREVIOUS_RUNS_KEPT];
    private int previousCount;
    private int nextPrevious;
    private boolean started;
    private long currentRunId;

    /** @return true if {@code runId} is one this source has already left. */
    boolean isLeft(final long runId)
    {
        if (started && runId == currentRunId)
        {
            return false;
        }
        for (int i = 0; i < previousCount; i++)
        {
            if (previousRunIds[i] == runId)
            {
                return true;
            }
        }
        return false;
    }

    /**
     * Makes {@code runId} the current run, keeping the one it replaces as left. Call only with a
     * run that {@link #isLeft} is false for.
     *
     * @return true if it is a new run (the first, or a restart), false if it was already current.
     */
    boolean adopt(final long runId)
    {
        if (started && runId == currentRunId)
        {
            return false;
        }
        if (started)
        {
            previousRunIds[nextPrevious] = currentRunId;
            nextPrevious = (nextPrevious + 1) % PREVIOUS_RUNS_KEPT;
            previousCount = Math.min(previousCount + 1, PREVIOUS_RUNS_KEPT);
        }
        started = true;
        currentRunId = runId;
        return true;
    }
}
