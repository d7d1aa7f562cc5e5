package io.mmfleet.marketmaker.strategy;

/**
 * The T − t of the Avellaneda-Stoikov formulas, in seconds (INI HORIZON).
 *
 * <ul>
 *   <li>Finite ({@link #sessionEnd(long)}): T is the next daily session end (a UTC time of day), so
 *       T − t shrinks through the session to 0 at its end, and with it the inventory skew and the
 *       risk part of the spread, as in the paper's finite-horizon problem.</li>
 *   <li>Infinite ({@link #rolling(long)}): T − t is a constant window, the horizon always that far
 *       ahead; see {@link AvellanedaStoikov} for why this form.</li>
 * </ul>
 */
public final class Horizon
{
    private static final long NANOS_PER_DAY = 86_400_000_000_000L;
    private static final double NANOS_PER_SECOND = 1e9;

    private final boolean finite;
    private final long nanos;

    private Horizon(final boolean finite, final long nanos)
    {
        this.finite = finite;
        this.nanos = nanos;
    }

    /** Finite horizon to the next session end, {@code endOfDayNs} after midnight UTC (0 ≤ it < 1 day). */
    public static Horizon sessionEnd(final long endOfDayNs)
    {
        if (endOfDayNs < 0 || endOfDayNs >= NANOS_PER_DAY)
        {
            throw new IllegalArgumentException("session end must be a time of day in [0, 24h), got " + endOfDayNs + "ns");
        }
        return new Horizon(true, endOfDayNs);
    }

    /** Infinite horizon: T − t is always {@code windowNs} (> 0). */
    public static Horizon rolling(final long windowNs)
    {
        if (windowNs <= 0)
        {
            throw new IllegalArgumentException("the rolling window must be positive, got " + windowNs + "ns");
        }
        return new Horizon(false, windowNs);
    }

    public boolean isFinite()
    {
        return finite;
    }

    /** T − t in seconds at epoch {@code nowNs}: 0 exactly at a session end, just under a day right after it. */
    public double secondsLeft(final long nowNs)
    {
        if (!finite)
        {
            return nanos / NANOS_PER_SECOND;
        }
        final long timeOfDay = Math.floorMod(nowNs, NANOS_PER_DAY);
        return Math.floorMod(nanos - timeOfDay, NANOS_PER_DAY) / NANOS_PER_SECOND;
    }

    /** Session end as ns after midnight UTC (finite), or the window in ns (infinite). */
    public long nanos()
    {
        return nanos;
    }
}
