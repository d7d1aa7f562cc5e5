package io.mmfleet.bus.runtime;

import io.mmfleet.bus.BusPublisher;
import io.mmfleet.bus.BusSubscriber;
import io.mmfleet.bus.DuplicateFilter;
import io.mmfleet.bus.EpochClock;
import io.mmfleet.bus.PendingRequests;
import io.mmfleet.bus.config.DaemonEndpoint;
import io.mmfleet.bus.config.FleetConfig;
import org.slf4j.Logger;

/** What the runtime gives a daemon's logic: its identity, the bus, the clock, health and metrics. */
public final class DaemonContext
{
    private final String name;
    private final DaemonEndpoint self;
    private final long runId;
    private final EpochClock clock;
    private final BusPublisher publisher;
    private final BusSubscriber subscriber;
    private final PendingRequests pendingRequests;
    private final DuplicateFilter duplicateFilter;
    private final HealthState health;
    private final DaemonMetrics metrics;
    private final KillSwitchState killSwitch;
    private final Logger log;
    private FleetConfig config;

    DaemonContext(
        final String name,
        final DaemonEndpoint self,
        final long runId,
        final EpochClock clock,
        final BusPublisher publisher,
        final BusSubscriber subscriber,
        final PendingRequests pendingRequests,
        final DuplicateFilter duplicateFilter,
        final HealthState health,
        final DaemonMetrics metrics,
        final KillSwitchState killSwitch,
        final Logger log,
        final FleetConfig config)
    {
        this.name = name;
        this.self = self;
        this.runId = runId;
        this.clock = clock;
        this.publisher = publisher;
        this.subscriber = subscriber;
        this.pendingRequests = pendingRequests;
        this.duplicateFilter = duplicateFilter;
        this.health = health;
        this.metrics = metrics;
        this.killSwitch = killSwitch;
        this.log = log;
        this.config = config;
    }

    public String name()
    {
        return name;
    }

    public int sourceId()
    {
        return self.sourceId();
    }

    /** New at each start: scopes sequences and request ids, so a restart is never taken for a gap. */
    public long runId()
    {
        return runId;
    }

    public EpochClock clock()
    {
        return clock;
    }

    public BusPublisher publisher()
    {
        return publisher;
    }

    public BusSubscriber subscriber()
    {
        return subscriber;
    }

    /** Requests this daemon sent and must retransmit until answered. */
    public PendingRequests pendingRequests()
    {
        return pendingRequests;
    }

    /** Ids of requests already acted on, to answer resends without acting twice. */
    public DuplicateFilter duplicateFilter()
    {
        return duplicateFilter;
    }

    public HealthState health()
    {
        return health;
    }

    public DaemonMetrics metrics()
    {
        return metrics;
    }

    public KillSwitchState killSwitch()
    {
        return killSwitch;
    }

    public Logger log()
    {
        return log;
    }

    /** The configuration in force (replaced after a successful reload). */
    public FleetConfig config()
    {
        return config;
    }

    void config(final FleetConfig config)
    {
        this.config = config;
    }

    /** Whether a peer's heartbeat arrived within the INI's HEARTBEAT_TIMEOUT. */
    public boolean isPeerAlive(final int sourceId)
    {
        final long last = subscriber.lastHeartbeatNs(sourceId);
        return last != 0 && System.nanoTime() - last <= config.bus().heartbeatTimeout().toNanos();
    }
}
