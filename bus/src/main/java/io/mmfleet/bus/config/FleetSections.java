package io.mmfleet.bus.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The section names the fleet's INI file may hold. A program validates strictly the sections it
 * owns, the common keys of every daemon section, and the syntax of everything else named here.
 */
public final class FleetSections
{
    /** Bus endpoints and reliability timers, see {@link BusConfig}. */
    public static final String BUS = "bus";

    /** The instrument id table, see {@link InstrumentTable}. */
    public static final String INSTRUMENTS = "instruments";

    /** One section per daemon, named as the daemon. */
    public static final List<String> DAEMONS =
        List.of("quote-server", "market-maker", "oms", "exec-handler", "position-server", "defi-lp");

    /**
     * Other sections some program owns. An entry ending in '.' is a prefix: {@code venue.} covers
     * {@code [venue.binance]}, {@code venue-sim.} covers {@code [venue-sim.ETHUSDT]}.
     */
    public static final List<String> KNOWN = List.of("venue-sim", "busctl", "venue.", "venue-sim.");

    private FleetSections()
    {
    }

    /** True if {@code name} is a fleet section: bus, instruments, a daemon, or in {@link #KNOWN}. */
    public static boolean isKnown(final String name)
    {
        if (BUS.equals(name) || INSTRUMENTS.equals(name) || DAEMONS.contains(name))
        {
            return true;
        }
        for (final String known : KNOWN)
        {
            if (isPrefix(known) ? name.startsWith(known) && name.length() > known.length() : known.equals(name))
            {
                return true;
            }
        }
        return false;
    }

    /** Every known name as a trader would read it, prefixes shown as {@code venue.*}. */
    static List<String> describeKnown()
    {
        final List<String> names = new ArrayList<>();
        names.add(BUS);
        names.add(INSTRUMENTS);
        names.addAll(DAEMONS);
        for (final String known : KNOWN)
        {
            names.add(isPrefix(known) ? known + "*" : known);
        }
        return names;
    }

    private static boolean isPrefix(final String known)
    {
        return known.endsWith(".");
    }
}
