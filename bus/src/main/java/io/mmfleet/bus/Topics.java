package io.mmfleet.bus;

/**
 * Topic names (first frame). Prefix-filterable, ASCII. Daemons build instrument-level topics once
 * at start-up and keep the {@link PublishStream}.
 */
public final class Topics
{
    public static final String MARKET_DATA = "md.";
    public static final String ORDER_REQUEST = "ord.req";
    public static final String ORDER_COMMAND = "ord.cmd.";
    public static final String ORDER_STATE = "ord.state";
    public static final String EXECUTION = "exec.";
    public static final String ACCOUNT = "acct.";
    public static final String POSITION = "pos";
    public static final String LP = "lp";
    public static final String RISK = "risk";
    public static final String CONTROL = "ctl";
    public static final String CONTROL_ACK = "ctl.ack";
    public static final String SNAPSHOT_REQUEST = "ctl.snapreq";
    public static final String HEARTBEAT = "hb.";
    public static final String EVENT = "evt";

    private Topics()
    {
    }

    /** Topic validity: non-empty printable ASCII without spaces, bounded length. */
    public static void validate(final String topic)
    {
        if (topic.isEmpty() || topic.length() > Envelope.MAX_TOPIC_LENGTH)
        {
            throw new IllegalArgumentException("topic length must be 1.." + Envelope.MAX_TOPIC_LENGTH + ": '" + topic + "'");
        }
        for (int i = 0; i < topic.length(); i++)
        {
            final char c = topic.charAt(i);
            if (c <= ' ' || c > '~')
            {
                throw new IllegalArgumentException("topic must be printable ASCII without spaces: '" + topic + "'");
            }
        }
    }

    public static String heartbeat(final String daemonName)
    {
        return HEARTBEAT + daemonName;
    }
}
