package io.mmfleet.bench;

import org.agrona.concurrent.IdleStrategy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Finds the highest rate a hop carries with no loss: doubles the paced rate from a start until a
 * run loses messages, then bisects between the last clean rate and the first lossy one. If the
 * sender itself cannot reach the target rate without loss, the sender is the limit and the search
 * stops there. The search decides on each run's result alone, so it is tested without sockets;
 * {@link #onFreshHops} runs the real thing.
 */
final class RateSearch
{
    /** Why the search stopped. */
    enum Limit
    {
        LOSS("loss above"),
        SENDER("sender-bound at"),
        MAX_RATE("max rate searched"),
        TRIALS("run limit reached at"),
        NO_CLEAN_RUN("loss even at");

        final String description;

        Limit(final String description)
        {
            this.description = description;
        }
    }

    /**
     * @param bestRate  achieved send rate of the fastest run with no loss, 0 if none.
     * @param limitRate the rate the {@link #limit} refers to (first lossy rate, or the sender's rate).
     */
    record Result(String hop, double bestRate, Limit limit, double limitRate, List<HopResult> runs)
    {
    }

    /** Runs the hop once at a paced rate for the run length; each call on a fresh hop. */
    @FunctionalInterface
    interface RunAtRate
    {
        HopResult run(long rate, long messages);
    }

    private final long startRate;
    private final long maxRate;
    private final long runMillis;
    private final int maxRuns;
    private final double precision;

    /**
     * @param precision stop bisecting once the gap between the clean and the lossy rate is below
     *                  this share of the lossy rate.
     */
    RateSearch(final long startRate, final long maxRate, final long runMillis, final int maxRuns, final double precision)
    {
        if (startRate < 1 || maxRate < startRate || runMillis < 1 || maxRuns < 1 || precision <= 0 || precision >= 1)
        {
            throw new IllegalArgumentException("bad rate search: start=" + startRate + " max=" + maxRate +
                " runMillis=" + runMillis + " maxRuns=" + maxRuns + " precision=" + precision);
        }
        this.startRate = startRate;
        this.maxRate = maxRate;
        this.runMillis = runMillis;
        this.maxRuns = maxRuns;
        this.precision = precision;
    }

    /** A fresh hop per run, so a lossy run's backlog never spills into the next. */
    static RunAtRate onFreshHops(final Supplier<Hop> hops, final Supplier<IdleStrategy> receiverIdle, final long quietNs)
    {
        return (rate, messages) ->
        {
            try (Hop hop = hops.get())
            {
                return new HopRun(hop, receiverIdle.get(), quietNs, HopRun.CONNECT_TIMEOUT_NS).run(rate, messages, sendNs -> {});
            }
        };
    }

    Result search(final RunAtRate runAtRate, final Consumer<HopResult> progress)
    {
        final List<HopResult> runs = new ArrayList<>();
        double best = 0;
        long clean = 0;
        long lossy = 0;
        long rate = startRate;
        while (true)
        {
            final HopResult run = runAtRate.run(rate, Math.max(1, rate * runMillis / 1000));
            runs.add(run);
            progress.accept(run);
            if (run.noLoss())
            {
                best = Math.max(best, run.achievedRate());
                clean = rate;
                if (run.senderBound())
                {
                    return new Result(run.hop(), best, Limit.SENDER, run.achievedRate(), runs);
                }
                if (lossy == 0 && rate >= maxRate)
                {
                    return new Result(run.hop(), best, Limit.MAX_RATE, maxRate, runs);
                }
                rate = lossy == 0 ? Math.min(maxRate, rate * 2) : (clean + lossy) / 2;
            }
            else
            {
                lossy = rate;
                rate = (clean + lossy) / 2;
            }
            if (lossy != 0 && lossy - clean <= lossy * precision)
            {
                return new Result(run.hop(), best, clean == 0 ? Limit.NO_CLEAN_RUN : Limit.LOSS, lossy, runs);
            }
            if (rate < 1)
            {
                return new Result(run.hop(), best, Limit.NO_CLEAN_RUN, lossy, runs);
            }
            if (runs.size() >= maxRuns)
            {
                return new Result(run.hop(), best, Limit.TRIALS, lossy == 0 ? clean : lossy, runs);
            }
        }
    }
}
