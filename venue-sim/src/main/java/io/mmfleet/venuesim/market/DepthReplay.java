package io.mmfleet.venuesim.market;

import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

import io.mmfleet.venuesim.engine.MatchingEngine;

/**
 * Replays a recorded depth stream (see {@link DepthRecordingReader}) into the book through the market account,
 * instead of a random walk: each snapshot replaces the account's resting orders with the recorded levels. The
 * recording's first timestamp maps to the replay's start; {@link #advanceBy} moves replay time forward and shows the
 * latest snapshot due (intermediate ones are skipped, since each is a full picture). With taker parameters, the
 * same A·exp(−k·δ) takers as the synthetic market trade around the recorded mid.
 * Levels the symbol's filters refuse (dust) are left out and counted in {@link #skippedLevels()}.
 */
public final class DepthReplay
{
    private final List<DepthSnapshot> snapshots;
    private final BackgroundLiquidity background;
    private final TakerFlow takers;
    private final long startTimeMs;
    private long elapsedMs;
    private int next;
    private DepthSnapshot current;

    /** Replays the levels only. Funds the market account; call on the engine thread. */
    public DepthReplay(final MatchingEngine engine, final String symbol, final List<DepthSnapshot> snapshots)
    {
        this(engine, symbol, snapshots, null);
    }

    /** Replays the levels with background takers of rate {@code takerA} per side and reach decay {@code takerK}. */
    public DepthReplay(
        final MatchingEngine engine,
        final String symbol,
        final List<DepthSnapshot> snapshots,
        final double takerA,
        final double takerK,
        final long takerQty,
        final long seed)
    {
        this(engine, symbol, snapshots,
            new TakerFlow(engine, symbol, takerA, takerK, takerQty, new SplittableRandom(seed)));
    }

    private DepthReplay(
        final MatchingEngine engine, final String symbol, final List<DepthSnapshot> snapshots, final TakerFlow takers)
    {
        Objects.requireNonNull(engine, "engine");
        if (snapshots.isEmpty())
        {
            throw new IllegalArgumentException("depth replay of " + symbol + ": no snapshots");
        }
        this.snapshots = List.copyOf(snapshots);
        this.background = new BackgroundLiquidity(engine, symbol, true);
        this.takers = takers;
        this.startTimeMs = this.snapshots.get(0).timeMs();
        MarketAccount.ensureFunded(engine, symbol);
    }

    /**
     * Moves replay time forward by {@code ms} (0 to show the first snapshot), shows the latest snapshot now due, then
     * sends the takers of that interval around its mid.
     */
    public void advanceBy(final long ms)
    {
        if (ms < 0)
        {
            throw new IllegalArgumentException("cannot replay backwards: " + ms + " ms");
        }
        elapsedMs += ms;
        DepthSnapshot due = null;
        while (next < snapshots.size() && snapshots.get(next).timeMs() - startTimeMs <= elapsedMs)
        {
            due = snapshots.get(next++);
        }
        if (due != null)
        {
            current = due;
            background.replace(due.bids(), due.asks());
        }
        if (takers != null && current != null && ms > 0 && !Double.isNaN(current.mid()))
        {
            takers.run(current.mid(), ms / 1000.0);
        }
    }

    /** Starts the recording over: the next {@link #advanceBy} shows its first snapshot again. */
    public void rewind()
    {
        elapsedMs = 0;
        next = 0;
    }

    /** Replay time since the start (or the last {@link #rewind}). */
    public long elapsedMs()
    {
        return elapsedMs;
    }

    /** Recording time from the first snapshot to the last. */
    public long durationMs()
    {
        return snapshots.get(snapshots.size() - 1).timeMs() - startTimeMs;
    }

    /** True once the last snapshot has been shown. */
    public boolean finished()
    {
        return next == snapshots.size();
    }

    /** Snapshots shown so far, including skipped intermediate ones. */
    public int position()
    {
        return next;
    }

    public long skippedLevels()
    {
        return background.skippedLevels();
    }

    public long takersSent()
    {
        return takers == null ? 0 : takers.takersSent();
    }

    /** Removes the market account's resting orders, e.g. when the replay is switched off. */
    public void withdraw()
    {
        background.cancelAll();
    }
}
