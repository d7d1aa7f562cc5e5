package io.mmfleet.oms.core;

import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.IntArrayList;

import java.util.ArrayList;
import java.util.List;

/**
 * Which strategies have gone silent: a strategy is supervised from its first heartbeat, and fires
 * once when no heartbeat has come for the timeout ({@code [oms] DEAD_MAN_TIMEOUT}); its orders are
 * then to be cancelled. It fires again only after a heartbeat has re-armed it. A heartbeat exactly
 * at the timeout's edge still counts: silent means strictly longer than the timeout. Allocates only
 * when a strategy is seen for the first time.
 */
public final class DeadManSwitch
{
    private final Int2ObjectHashMap<Supervised> byStrategy = new Int2ObjectHashMap<>();
    private final List<Supervised> supervised = new ArrayList<>();
    private long timeoutNs;

    public DeadManSwitch(final long timeoutNs)
    {
        timeoutNs(timeoutNs);
    }

    /** A new timeout from a reload. */
    public void timeoutNs(final long timeoutNs)
    {
        if (timeoutNs <= 0)
        {
            throw new IllegalArgumentException("dead man timeout must be positive: " + timeoutNs);
        }
        this.timeoutNs = timeoutNs;
    }

    /** A heartbeat of the strategy at epoch {@code nowNs}. */
    public void onHeartbeat(final int strategyId, final long nowNs)
    {
        Supervised strategy = byStrategy.get(strategyId);
        if (strategy == null)
        {
            strategy = new Supervised(strategyId);
            byStrategy.put(strategyId, strategy);
            supervised.add(strategy);
        }
        strategy.lastHeartbeatNs = Math.max(strategy.lastHeartbeatNs, nowNs);
        strategy.fired = false;
    }

    /**
     * Adds to {@code silent} (cleared first) each strategy that has just gone silent, and marks it
     * fired.
     *
     * @return how many went silent now
     */
    public int poll(final long nowNs, final IntArrayList silent)
    {
        silent.clear();
        for (int i = 0; i < supervised.size(); i++)
        {
            final Supervised strategy = supervised.get(i);
            if (!strategy.fired && nowNs - strategy.lastHeartbeatNs > timeoutNs)
            {
                strategy.fired = true;
                silent.addInt(strategy.strategyId);
            }
        }
        return silent.size();
    }

    /** Whether the strategy's dead man switch has fired and no heartbeat came since. */
    public boolean isSilent(final int strategyId)
    {
        final Supervised strategy = byStrategy.get(strategyId);
        return strategy != null && strategy.fired;
    }

    private static final class Supervised
    {
        final int strategyId;
        long lastHeartbeatNs = Long.MIN_VALUE;
        boolean fired;

        Supervised(final int strategyId)
        {
            this.strategyId = strategyId;
        }
    }
}
