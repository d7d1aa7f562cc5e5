package io.mmfleet.bus.runtime;

import io.mmfleet.bus.BusMessageHandler;
import io.mmfleet.bus.Envelope;
import io.mmfleet.bus.HeartbeatPublisher;
import io.mmfleet.bus.PublishStream;
import io.mmfleet.bus.SnapshotRequester;
import io.mmfleet.bus.SnapshotResponder;
import io.mmfleet.bus.TopicView;
import io.mmfleet.bus.Topics;
import io.mmfleet.bus.config.ConfigException;
import io.mmfleet.bus.config.FleetConfig;
import io.mmfleet.sbe.AckStatus;
import io.mmfleet.sbe.ControlAckEncoder;
import io.mmfleet.sbe.DaemonState;
import io.mmfleet.sbe.KillScope;
import io.mmfleet.sbe.KillSwitchClearDecoder;
import io.mmfleet.sbe.KillSwitchDecoder;
import io.mmfleet.sbe.MessageHeaderDecoder;
import io.mmfleet.sbe.SnapshotCompleteDecoder;
import io.mmfleet.sbe.SnapshotRequestDecoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The daemon's event loop: one thread owns the sockets and all state. Each duty cycle polls the
 * bus, resends unanswered requests, publishes the heartbeat when due, applies a pending reload, and
 * runs the app's own work. The runtime answers what every daemon must — control commands (kill
 * switch) and snapshot requests — and passes every message on to the app.
 */
final class DaemonAgent implements Agent, BusMessageHandler
{
    private static final int POLL_LIMIT = 256;

    private final DaemonContext context;
    private final DaemonApp app;
    private final HeartbeatPublisher heartbeat;
    private final SnapshotRequester snapshotRequester;
    private final SnapshotResponder snapshotResponder;
    private final AtomicReference<FleetConfig> pendingReload;
    private final ReloadCounters reloadCounters;
    private final long heartbeatIntervalNs;
    private final PublishStream ackStream;
    private final ControlAckEncoder ack = new ControlAckEncoder();
    private final KillSwitchDecoder killSwitch = new KillSwitchDecoder();
    private final KillSwitchClearDecoder killSwitchClear = new KillSwitchClearDecoder();
    private final SnapshotRequestDecoder snapshotRequest = new SnapshotRequestDecoder();
    private final SnapshotCompleteDecoder snapshotComplete = new SnapshotCompleteDecoder();
    private long nextHeartbeatNs;
    private volatile long lastClockDriftNs;
    private long dutyCycles;

    /** Reload outcomes, for metrics. */
    interface ReloadCounters
    {
        void applied();

        void refused();
    }

    DaemonAgent(
        final DaemonContext context,
        final DaemonApp app,
        final SnapshotRequester snapshotRequester,
        final AtomicReference<FleetConfig> pendingReload,
        final ReloadCounters reloadCounters,
        final long startNs)
    {
        this.context = context;
        this.app = app;
        this.snapshotRequester = snapshotRequester;
        this.pendingReload = pendingReload;
        this.reloadCounters = reloadCounters;
        this.heartbeat = new HeartbeatPublisher(context.publisher(), context.name(), startNs);
        this.snapshotResponder = new SnapshotResponder(context.publisher(), app::republish);
        this.heartbeatIntervalNs = context.config().bus().heartbeatInterval().toNanos();
        this.ackStream = context.publisher().stream(Topics.CONTROL_ACK);
    }

    @Override
    public void onStart()
    {
        context.subscriber().subscribe(Topics.HEARTBEAT).subscribe(Topics.CONTROL);
        app.onStart(context);
        context.health().started();
        heartbeat.publish(DaemonState.STARTING);
        nextHeartbeatNs = context.clock().nanoTime() + heartbeatIntervalNs;
        context.log().info("event=running source={} run={}", context.sourceId(), context.runId());
    }

    @Override
    public int doWork()
    {
        final long nowNs = context.clock().nanoTime();
        int work = context.subscriber().poll(this, POLL_LIMIT);
        work += context.pendingRequests().resendDue(context.publisher(), nowNs);
        if (nowNs >= nextHeartbeatNs)
        {
            heartbeat.publish(context.health().isReady() ? DaemonState.READY : DaemonState.DEGRADED);
            nextHeartbeatNs = nowNs + heartbeatIntervalNs;
            lastClockDriftNs = context.clock().recalibrate();
            work++;
        }
        final FleetConfig reload = pendingReload.getAndSet(null);
        if (reload != null)
        {
            applyReload(reload);
            work++;
        }
        work += app.doWork(nowNs);
        dutyCycles++;
        return work;
    }

    @Override
    public void onMessage(final TopicView topic, final MessageHeaderDecoder header, final DirectBuffer buffer, final int length)
    {
        final int offset = Envelope.HEADER_LENGTH;
        switch (header.templateId())
        {
            case KillSwitchDecoder.TEMPLATE_ID ->
            {
                killSwitch.wrap(buffer, offset, header.blockLength(), header.version());
                app.onMessage(topic, header, buffer, length);
                final long commandId = killSwitch.commandId();
                final boolean first = context.duplicateFilter().firstTime(header.sourceId(), header.runId(), commandId);
                final String reason = killSwitch.reason();
                final boolean changed = context.killSwitch().engage(killSwitch.scope(), killSwitch.venueId(), killSwitch.strategyId(), reason);
                if (first)
                {
                    context.log().warn("event=kill_switch_engaged scope={} venue={} strategy={} command={} reason=\"{}\"",
                        killSwitch.scope(), killSwitch.venueId(), killSwitch.strategyId(), commandId, reason);
                }
                acknowledge(commandId, KillSwitchDecoder.TEMPLATE_ID, first || changed ? AckStatus.APPLIED : AckStatus.ALREADY_APPLIED);
            }
            case KillSwitchClearDecoder.TEMPLATE_ID ->
            {
                killSwitchClear.wrap(buffer, offset, header.blockLength(), header.version());
                app.onMessage(topic, header, buffer, length);
                final long commandId = killSwitchClear.commandId();
                final boolean first = context.duplicateFilter().firstTime(header.sourceId(), header.runId(), commandId);
                final String reason = killSwitchClear.reason();
                final KillScope scope = killSwitchClear.scope();
                if (!KillSwitchState.isClearable(scope))
                {
                    context.log().error("event=kill_switch_clear_rejected scope_raw={} command={} reason=\"{}\"",
                        killSwitchClear.scopeRaw(), commandId, reason);
                    acknowledge(commandId, KillSwitchClearDecoder.TEMPLATE_ID, AckStatus.REJECTED);
                    return;
                }
                final boolean changed = context.killSwitch().clear(scope, killSwitchClear.venueId(), killSwitchClear.strategyId(), reason);
                if (first)
                {
                    context.log().warn("event=kill_switch_cleared scope={} venue={} strategy={} command={} reason=\"{}\"",
                        killSwitchClear.scope(), killSwitchClear.venueId(), killSwitchClear.strategyId(), commandId, reason);
                }
                acknowledge(commandId, KillSwitchClearDecoder.TEMPLATE_ID, first || changed ? AckStatus.APPLIED : AckStatus.ALREADY_APPLIED);
            }
            case SnapshotRequestDecoder.TEMPLATE_ID ->
            {
                snapshotRequest.wrap(buffer, offset, header.blockLength(), header.version());
                snapshotResponder.onSnapshotRequest(header.sourceId(), snapshotRequest);
                app.onMessage(topic, header, buffer, length);
            }
            case SnapshotCompleteDecoder.TEMPLATE_ID ->
            {
                snapshotComplete.wrap(buffer, offset, header.blockLength(), header.version());
                snapshotRequester.onSnapshotComplete(snapshotComplete);
                app.onMessage(topic, header, buffer, length);
            }
            default -> app.onMessage(topic, header, buffer, length);
        }
    }

    @Override
    public void onMalformed(final TopicView topic, final DirectBuffer buffer, final int length, final String reason)
    {
        MalformedLog.once(context.log(), reason, topic, length);
    }

    private void acknowledge(final long commandId, final int templateId, final AckStatus status)
    {
        context.publisher().wrap(ack)
            .commandId(commandId)
            .commandTemplateId(templateId)
            .status(status)
            .text(context.killSwitch().isEngaged() ? "kill switch engaged" : "kill switch clear");
        context.publisher().publish(ackStream, ack, 0);
    }

    private void applyReload(final FleetConfig candidate)
    {
        try
        {
            app.onReload(candidate);
            context.config(candidate);
            reloadCounters.applied();
            context.log().info("event=reload_applied file={}", candidate.document().fileName());
        }
        catch (final ConfigException ex)
        {
            reloadCounters.refused();
            context.log().error("event=reload_refused keeping=previous error=\"{}\"", ex.getMessage());
        }
    }

    @Override
    public void onClose()
    {
        context.health().stopping();
        try
        {
            app.onStop();
        }
        finally
        {
            heartbeat.publish(DaemonState.STOPPING);
        }
    }

    @Override
    public String roleName()
    {
        return context.name();
    }

    long dutyCycles()
    {
        return dutyCycles;
    }

    long lastClockDriftNs()
    {
        return lastClockDriftNs;
    }
}
