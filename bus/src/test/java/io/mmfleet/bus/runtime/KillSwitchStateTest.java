package io.mmfleet.bus.runtime;

import io.mmfleet.sbe.KillScope;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KillSwitchStateTest
{
    private final KillSwitchState state = new KillSwitchState();

    @Test
    void aStrategyKillHaltsOnlyThatStrategyUntilCleared()
    {
        assertTrue(state.engage(KillScope.STRATEGY, 0, 7, "loss limit"));
        assertFalse(state.engage(KillScope.STRATEGY, 0, 7, "resend"), "a resend changes nothing");
        assertTrue(state.isHalted(1, 7));
        assertFalse(state.isHalted(1, 8));
        assertTrue(state.isEngaged());
        assertTrue(state.clear(KillScope.STRATEGY, 0, 7, "reviewed"));
        assertFalse(state.isHalted(1, 7));
        assertFalse(state.isEngaged());
        assertEquals("reviewed", state.lastReason());
    }

    @Test
    void aVenueKillHaltsEveryStrategyOnThatVenue()
    {
        assertTrue(state.engage(KillScope.VENUE, 3, 0, "venue down"));
        assertTrue(state.isHalted(3, 1));
        assertTrue(state.isHalted(3, 2));
        assertFalse(state.isHalted(4, 1));
    }

    @Test
    void clearingAllLiftsEveryKill()
    {
        state.engage(KillScope.VENUE, 3, 0, "a");
        state.engage(KillScope.STRATEGY, 0, 7, "b");
        assertTrue(state.clear(KillScope.ALL, 0, 0, "trade again"));
        assertFalse(state.isEngaged());
        assertFalse(state.isHalted(3, 7));
        assertFalse(state.clear(KillScope.ALL, 0, 0, "again"), "nothing left to lift");
    }

    @Test
    void anUnknownScopeHaltsEverythingButCannotClearAnything()
    {
        assertTrue(state.engage(KillScope.SBE_UNKNOWN, 0, 0, "from a newer schema"));
        assertTrue(state.isHalted(1, 1));
        assertFalse(KillSwitchState.isClearable(KillScope.SBE_UNKNOWN));
        assertFalse(KillSwitchState.isClearable(KillScope.NULL_VAL));
        assertTrue(KillSwitchState.isClearable(KillScope.ALL));
    }
}
