package io.mmfleet.venuesim.market;

import java.util.List;
import java.util.Objects;

/**
 * Drives a {@link DepthReplay} at the recording's own pace from a millisecond clock polled on the engine thread:
 * each {@link #poll} advances replay time by the clock time since the previous poll, so snapshots closer together
 * than the polling period are coalesced into the latest one due. At the end of the recording the last snapshot stays
 * in the book, or, when looping, the next pass starts one loop gap after the last snapshot (the recording's mean
 * spacing between snapshots, so a recording sampled every second loops a second after its last line).
 */
public final class ReplayPacer
{
    private final DepthReplay replay;
    private final boolean loop;
    private final long loopGapMs;
    private long lastPollMs;
    private long passes;

    /** Shows the recording's first snapshot now; call on the engine thread. */
    public ReplayPacer(final DepthReplay replay, final boolean loop, final long loopGapMs, final long nowMs)
    {
        this.replay = Objects.requireNonNull(replay, "replay");
        if (loopGapMs < 1)
        {
            throw new IllegalArgumentException("loop gap must be at least 1 ms: " + loopGapMs);
        }
        this.loop = loop;
        this.loopGapMs = loopGapMs;
        this.lastPollMs = nowMs;
        replay.rewind();
        replay.advanceBy(0);
        passes = 1;
    }

    /** The loop gap for a recording: its mean spacing between snapshots, or {@code fallbackMs} for a single one. */
    public static long loopGapMs(final List<DepthSnapshot> snapshots, final long fallbackMs)
    {
        if (snapshots.size() < 2)
        {
            return fallbackMs;
        }
        final long duration = snapshots.get(snapshots.size() - 1).timeMs() - snapshots.get(0).timeMs();
        return Math.max(1, duration / (snapshots.size() - 1));
    }

    /** Advances the replay to clock time {@code nowMs}; a clock that steps back counts as no time passing. */
    public void poll(final long nowMs)
    {
        final long elapsed = Math.max(0, nowMs - lastPollMs);
        lastPollMs = Math.max(lastPollMs, nowMs);
        replay.advanceBy(elapsed);
        final long passMs = replay.durationMs() + loopGapMs;
        if (loop && replay.finished() && replay.elapsedMs() >= passMs)
        {
            // The time past the pass's end carries into the next pass, so the loop keeps the recording's pace.
            final long overshoot = replay.elapsedMs() - passMs;
            replay.rewind();
            replay.advanceBy(overshoot);
            passes++;
        }
    }

    /** Passes started: 1 at construction, one more at each loop. */
    public long passes()
    {
        return passes;
    }

    public boolean finished()
    {
        return !loop && replay.finished();
    }
}
