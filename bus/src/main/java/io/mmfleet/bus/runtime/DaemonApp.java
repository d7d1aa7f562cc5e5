package io.mmfleet.bus.runtime;

import io.mmfleet.bus.PublishStream;
import io.mmfleet.bus.TopicView;
import io.mmfleet.bus.config.FleetConfig;
import io.mmfleet.bus.config.SectionSpec;
import io.mmfleet.sbe.MessageHeaderDecoder;
import org.agrona.DirectBuffer;

import java.util.List;

/**
 * A daemon's own logic, run by {@link DaemonLauncher} on the event-loop thread. Every method is
 * called on that one thread, so the app needs no locks; I/O threads of its own (venue sockets)
 * must hand their events over through bounded agrona queues polled in {@link #doWork}.
 */
public interface DaemonApp
{
    /**
     * The INI sections this daemon owns and validates strictly: at least its own section, built
     * from {@code DaemonSections.common(name)} plus its keys.
     */
    List<SectionSpec> ownedSections();

    /**
     * Checks what the section specs cannot: rules across keys or sections (e.g. a symbol naming an
     * instrument of {@code [instruments]}). Runs after every load, at start and on SIGHUP, before
     * the values are used, so a bad file exits 2 at start and is refused on reload.
     *
     * @throws io.mmfleet.bus.config.ConfigException naming file, line, section and key.
     */
    default void validate(FleetConfig config)
    {
    }

    /** Topic prefixes whose gaps must be repaired with a snapshot from their owner. */
    default List<String> reliableTopicPrefixes()
    {
        return List.of();
    }

    /** Once, before the first duty cycle: subscribe topics, register streams, start venue I/O. */
    void onStart(DaemonContext context);

    /**
     * One duty cycle of the daemon's own work (timers, venue queues).
     *
     * @param nowNs {@link System#nanoTime()} at the start of the cycle, for timers: monotonic, so a
     *              wall-clock step never fires or stalls them. Timestamps that travel (envelopes,
     *              originNs) come from {@link DaemonContext#clock()} instead.
     * @return amount of work done; 0 lets the idle strategy idle.
     */
    int doWork(long nowNs);

    /** Every well-formed bus message matching the daemon's subscriptions. */
    void onMessage(TopicView topic, MessageHeaderDecoder header, DirectBuffer buffer, int length);

    /**
     * A validated new configuration after SIGHUP. Apply what can change live (strategy parameters,
     * limits); throw {@link io.mmfleet.bus.config.ConfigException} to refuse it and keep the old.
     */
    void onReload(FleetConfig config);

    /**
     * Republishes the state of one of this daemon's streams for a subscriber that saw a gap.
     *
     * @return messages published, or -1 if the stream has no state to republish.
     */
    default int republish(final PublishStream stream)
    {
        return -1;
    }

    /** Once, on the event-loop thread, when the daemon stops. */
    void onStop();
}
