package io.mmfleet.bus.runtime;

import java.util.Map;
import java.util.TreeMap;

/**
 * Whether the daemon is ready, and if not, why. Conditions are set by the event loop (rarely: on
 * change) and read by the HTTP thread, hence the synchronisation; a daemon is ready when it has
 * started and no condition holds.
 */
public final class HealthState
{
    private final Map<String, String> notReadyReasons = new TreeMap<>();
    private boolean started;
    private boolean stopping;

    public synchronized void started()
    {
        started = true;
    }

    public synchronized void stopping()
    {
        stopping = true;
    }

    /** Marks a named condition that keeps the daemon from being ready (replaces its text). */
    public synchronized void notReady(final String condition, final String why)
    {
        notReadyReasons.put(condition, why);
    }

    /** Clears a named condition. */
    public synchronized void clear(final String condition)
    {
        notReadyReasons.remove(condition);
    }

    public synchronized boolean isReady()
    {
        return started && !stopping && notReadyReasons.isEmpty();
    }

    /** Current reasons, including start-up and shutdown. */
    public synchronized Map<String, String> reasons()
    {
        final Map<String, String> all = new TreeMap<>(notReadyReasons);
        if (!started)
        {
            all.put("starting", "event loop not started yet");
        }
        if (stopping)
        {
            all.put("stopping", "shutting down");
        }
        return all;
    }
}
