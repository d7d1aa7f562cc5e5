package io.mmfleet.positionserver;

/**
 * Named points on the fill path where a fault test stops the process as {@code kill -9} would. The
 * test names one with {@code -Dmmfleet.killAt=<name>}; reaching it prints one line and halts the JVM
 * at once (no shutdown hooks, exit status 137 as after SIGKILL), so the restart sees exactly what a
 * crash at that instant leaves behind. Unset in production: one string comparison per fill.
 */
final class KillPoints
{
    /** After a fill was committed to the ledger, before the book applied it and anything was published. */
    static final String AFTER_LEDGER_INSERT = "after-ledger-insert";

    private static final String ARMED = System.getProperty("mmfleet.killAt", "");

    private KillPoints()
    {
    }

    static void reach(final String point)
    {
        if (ARMED.equals(point))
        {
            System.out.println("event=kill_point point=" + point);
            System.out.flush();
            Runtime.getRuntime().halt(137);
        }
    }
}
