package io.mmfleet.bus.runtime;

/**
 * Named points where a fault test stops a daemon as {@code kill -9} would. The test names one with
 * {@code -Dmmfleet.killAt=<name>}; reaching it prints one line and halts the JVM at once (no
 * shutdown hooks, no flushing, exit status 137 as after SIGKILL), so what the restart sees is what a
 * crash at that instant leaves behind. Unset in production: one string comparison per point.
 * <p>
 * Each daemon names its points as constants here, so a test and the code it halts share the name.
 */
public final class KillPoints
{
    /** exec-handler: an order request was written to the venue socket, its reply not read yet. */
    public static final String AFTER_PLACE_SENT = "after-place-sent";
    /** exec-handler: a fill arrived from the venue, its ExecutionReport not published yet. */
    public static final String BEFORE_FILL_REPORT = "before-fill-report";
    /** position-server: a fill was committed to the ledger, not yet applied or published. */
    public static final String AFTER_LEDGER_INSERT = "after-ledger-insert";
    /** oms: an order's request id was appended to the request journal, its NEW command not published. */
    public static final String AFTER_JOURNAL_BEFORE_COMMAND = "after-journal-before-command";
    /**
     * oms: a NEW command went out and the exec-handler's first answer to it has arrived, not yet
     * applied. Reached on the answer rather than right after the publish, because a halt there
     * could drop the command from jeromq's send queue and so test the point before it.
     */
    public static final String AFTER_COMMAND_SENT = "after-command-sent";
    /**
     * market-maker: a NewOrderRequest went out and the OMS's first answer to it has arrived, not
     * yet applied (reached on the answer for the same reason as {@link #AFTER_COMMAND_SENT}).
     */
    public static final String AFTER_NEW_REQUEST_SENT = "after-new-request-sent";

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
