package io.mmfleet.exechandler.gateway;

import io.mmfleet.bus.EpochClock;

/** The venue's time now, or at a local epoch time, from our clock and the measured {@link ServerClock} offset. */
final class VenueClock
{
    private final EpochClock clock;
    private final ServerClock serverClock;

    VenueClock(final EpochClock clock, final ServerClock serverClock)
    {
        this.clock = clock;
        this.serverClock = serverClock;
    }

    long nowMs()
    {
        return serverClock.venueTimeMs(localEpochMs());
    }

    long atLocalMs(final long localEpochMs)
    {
        return serverClock.venueTimeMs(localEpochMs);
    }

    long localEpochMs()
    {
        return clock.nanoTime() / 1_000_000L;
    }

    ServerClock serverClock()
    {
        return serverClock;
    }
}
