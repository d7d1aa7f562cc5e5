package io.mmfleet.exechandler;

/**
 * Named points in the order path where a fault test stops the process as {@code kill -9} would.
 * The test names one with {@code -Dmmfleet.killAt=<name>}; reaching it prints one line and halts
 * the JVM at once (no shutdown hooks, no flushing, exit status 137 as after SIGKILL), so what the
 * restart sees is what a crash at that instant leaves behind. Unset in production: one volatile-free
 * string comparison per point.
 */
public final class KillPoints
{
    /** After an order request was written to the venue socket, before its reply is read. */
    public static final String AFTER_PLACE_SENT = "after-place-sent";
    /** After a fill arrived from the venue, before its ExecutionReport is published. */
    public static final String BEFORE_FILL_REPORT = "before-fill-report";

    private static final String ARMED = System.getProperty("mmfleet.killAt", "");

    private KillPoints()
    {
    }

    public static boolean armed(final String point)
    {
        return ARMED.equals(point);
    }

    public static void reach(final String point)
    {
        if (armed(point))
        {
            System.out.println("event=kill_point point=" + point);
            System.out.flush();
            Runtime.getRuntime().halt(137);
        }
    }
}
