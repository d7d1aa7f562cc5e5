package io.mmfleet.bus.config;

import java.time.Duration;

/**
 * The {@code [bus]} section: the control endpoint, socket high-water marks, and the timers that
 * make delivery reliable end to end (heartbeats, retransmission of unanswered requests).
 *
 * @param controlEndpoint       where {@code busctl send} binds an XPUB and every daemon connects a SUB.
 * @param sendHwm               messages a PUB socket queues per subscriber before dropping.
 * @param receiveHwm            messages a SUB socket queues before dropping.
 * @param heartbeatInterval     how often each daemon publishes a heartbeat.
 * @param heartbeatTimeout      silence after which a peer is stale; longer than the interval.
 * @param retransmitInterval    how long a request waits for its answer before it is sent again.
 * @param retransmitMaxAttempts sends of one request before it is given up and reported.
 */
public record BusConfig(
    String controlEndpoint,
    long sendHwm,
    long receiveHwm,
    Duration heartbeatInterval,
    Duration heartbeatTimeout,
    Duration retransmitInterval,
    long retransmitMaxAttempts)
{
    public static final String CONTROL_ENDPOINT = "CONTROL_ENDPOINT";
    public static final String SEND_HWM = "SEND_HWM";
    public static final String RECEIVE_HWM = "RECEIVE_HWM";
    public static final String HEARTBEAT_INTERVAL = "HEARTBEAT_INTERVAL";
    public static final String HEARTBEAT_TIMEOUT = "HEARTBEAT_TIMEOUT";
    public static final String RETRANSMIT_INTERVAL = "RETRANSMIT_INTERVAL";
    public static final String RETRANSMIT_MAX_ATTEMPTS = "RETRANSMIT_MAX_ATTEMPTS";

    private static final SectionSpec SPEC = SectionSpec.builder(FleetSections.BUS)
        .required(CONTROL_ENDPOINT, KeyTypes.endpoint(),
            "Endpoint busctl send binds as XPUB to send control commands; every daemon connects a SUB to it.")
        .required(SEND_HWM, KeyTypes.integer(1, 10_000_000),
            "Messages a PUB socket queues per subscriber before it drops (ZeroMQ high-water mark).")
        .required(RECEIVE_HWM, KeyTypes.integer(1, 10_000_000),
            "Messages a SUB socket queues before it drops (ZeroMQ high-water mark).")
        .optional(HEARTBEAT_INTERVAL, KeyTypes.duration(Duration.ofMillis(10), Duration.ofMinutes(1)), Duration.ofSeconds(1),
            "How often every daemon publishes a heartbeat.")
        .optional(HEARTBEAT_TIMEOUT, KeyTypes.duration(Duration.ofMillis(10), Duration.ofMinutes(10)), Duration.ofSeconds(3),
            "A peer silent this long is stale; must be longer than HEARTBEAT_INTERVAL.")
        .optional(RETRANSMIT_INTERVAL, KeyTypes.duration(Duration.ofMillis(1), Duration.ofSeconds(60)), Duration.ofMillis(250),
            "How long a request waits for its answer before it is sent again.")
        .optional(RETRANSMIT_MAX_ATTEMPTS, KeyTypes.integer(1, 1_000_000), 20L,
            "Sends of one request before it is given up and reported.")
        .build();

    /** The spec of {@code [bus]}, which every program validates. */
    public static SectionSpec spec()
    {
        return SPEC;
    }

    /**
     * Validates {@code [bus]} of a document, including that the heartbeat timeout outlasts the interval.
     *
     * @throws ConfigException if the section is missing or invalid.
     */
    public static BusConfig from(final IniDocument doc)
    {
        final SectionValues values = SPEC.validate(doc);
        final Duration interval = values.duration(HEARTBEAT_INTERVAL);
        final Duration timeout = values.duration(HEARTBEAT_TIMEOUT);
        if (timeout.compareTo(interval) <= 0)
        {
            throw values.invalid(
                HEARTBEAT_TIMEOUT, "a duration longer than " + HEARTBEAT_INTERVAL + " (" + KeyTypes.format(interval) + ")");
        }
        if (KeyTypes.isWildcardPort(values.string(CONTROL_ENDPOINT)))
        {
            // busctl binds it and every daemon connects to it: both must know the port in advance.
            throw values.invalid(CONTROL_ENDPOINT, "an endpoint with a fixed port, which the daemons can connect to");
        }
        return new BusConfig(
            values.string(CONTROL_ENDPOINT),
            values.integer(SEND_HWM),
            values.integer(RECEIVE_HWM),
            interval,
            timeout,
            values.duration(RETRANSMIT_INTERVAL),
            values.integer(RETRANSMIT_MAX_ATTEMPTS));
    }
}
