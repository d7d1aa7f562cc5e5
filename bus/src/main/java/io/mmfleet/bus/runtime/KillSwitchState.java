package io.mmfleet.bus.runtime;

import io.mmfleet.sbe.KillScope;

import org.agrona.collections.IntHashSet;

/**
 * The fleet-wide kill switch as this daemon knows it: engaged for everything, for some strategies,
 * or for some venues, until the matching clear. Every daemon keeps it (quoting halts fleet-wide);
 * the OMS also acts on it by cancelling. Owned by the event loop; read via {@link #isEngaged()}
 * by the HTTP thread, hence volatile summary.
 */
public final class KillSwitchState
{
    private boolean all;
    private final IntHashSet strategies = new IntHashSet();
    private final IntHashSet venues = new IntHashSet();
    private volatile boolean engagedAnywhere;
    private String lastReason = "";

    /** @return true if this changed the state. */
    public boolean engage(final KillScope scope, final int venueId, final int strategyId, final String reason)
    {
        final boolean changed = switch (scope)
        {
            case ALL -> !all && (all = true);
            case STRATEGY -> strategies.add(strategyId);
            case VENUE -> venues.add(venueId);
            // A scope from a newer schema (or garbage): halting everything is the safe reading.
            default -> !all && (all = true);
        };
        lastReason = reason;
        refresh();
        return changed;
    }

    /** Whether {@link #clear} understands this scope; an unknown scope must not lift anything. */
    public static boolean isClearable(final KillScope scope)
    {
        return scope == KillScope.ALL || scope == KillScope.STRATEGY || scope == KillScope.VENUE;
    }

    /** @return true if this changed the state. */
    public boolean clear(final KillScope scope, final int venueId, final int strategyId, final String reason)
    {
        final boolean changed = switch (scope)
        {
            case ALL -> all || !strategies.isEmpty() || !venues.isEmpty();
            case STRATEGY -> strategies.remove(strategyId);
            case VENUE -> venues.remove(venueId);
            default -> throw new IllegalArgumentException("kill switch scope " + scope);
        };
        if (scope == KillScope.ALL)
        {
            // Clearing ALL lifts every kill: an operator clearing the fleet means "trade again".
            all = false;
            strategies.clear();
            venues.clear();
        }
        lastReason = reason;
        refresh();
        return changed;
    }

    /** Whether orders of this strategy on this venue are halted. */
    public boolean isHalted(final int venueId, final int strategyId)
    {
        return all || strategies.contains(strategyId) || venues.contains(venueId);
    }

    public boolean isEngaged()
    {
        return engagedAnywhere;
    }

    public String lastReason()
    {
        return lastReason;
    }

    private void refresh()
    {
        engagedAnywhere = all || !strategies.isEmpty() || !venues.isEmpty();
    }
}
