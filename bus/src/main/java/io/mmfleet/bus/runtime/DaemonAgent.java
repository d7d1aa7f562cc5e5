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
import org.agrona.concurrent.AgentTerminationException;

import java.util.HashSet;
import java.util.Set;
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
    private volatile long appErrors;
    private final Set<String> appErrorClassesLogged = new HashSet<>();

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
        nextHeartbeatNs = System.nanoTime() + heartbeatIntervalNs;
        context.log().info("event=running source={} run={}", context.sourceId(), context.runId());
    }

    @Override
    public int doWork()
    {
        try
        {
            return dutyCycle();
        }
        catch (final DaemonFatalException ex)
        {
            // Ends the loop: onClose runs, and the launcher exits non-zero for systemd to restart us.
            throw new AgentTerminationException(ex);
        }
    }

    private int dutyCycle()
    {
        // Timers run on the monotonic clock: an NTP step of the wall clock (and so of the epoch
        // clock) must neither silence heartbeats and resends nor make every peer look dead.
        final long nowNs = System.nanoTime();
        int work = context.subscriber().poll(this, POLL_LIMIT);
        work += context.pendingRequests().resendDue(context.publisher(), nowNs);
        work += snapshotRequester.resendDue(nowNs);
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
                onKillSwitch(header);
                deliver(topic, header, buffer, length);
            }
            case KillSwitchClearDecoder.TEMPLATE_ID ->
            {
                killSwitchClear.wrap(buffer, offset, header.blockLength(), header.version());
                onKillSwitchClear(header);
                deliver(topic, header, buffer, length);
            }
            case SnapshotRequestDecoder.TEMPLATE_ID ->
            {
                snapshotRequest.wrap(buffer, offset, header.blockLength(), header.version());
                snapshotResponder.onSnapshotRequest(header.sourceId(), snapshotRequest);
                deliver(topic, header, buffer, length);
            }
            case SnapshotCompleteDecoder.TEMPLATE_ID ->
            {
                snapshotComplete.wrap(buffer, offset, header.blockLength(), header.version());
                snapshotRequester.onSnapshotComplete(header.sourceId(), snapshotComplete);
                deliver(topic, header, buffer, length);
            }
            default -> deliver(topic, header, buffer, length);
        }
    }

    @Override
    public void onMalformed(final TopicView topic, final DirectBuffer buffer, final int length, final String reason)
    {
        MalformedLog.once(context.log(), reason, topic, length);
    }

    /**
     * Only the first delivery of a command acts: a resend (its ack was lost) must not undo what
     * happened since, e.g. a resent clear lifting a newer engage.
     */
    private void onKillSwitch(final MessageHeaderDecoder header)
    {
        final long commandId = killSwitch.commandId();
        if (!context.duplicateFilter().firstTime(header.sourceId(), header.runId(), commandId))
        {
            acknowledge(header, commandId, KillSwitchDecoder.TEMPLATE_ID, AckStatus.ALREADY_APPLIED);
            return;
        }
        final String reason = killSwitch.reason();
        context.killSwitch().engage(killSwitch.scope(), killSwitch.venueId(), killSwitch.strategyId(), reason);
        context.log().warn("event=kill_switch_engaged scope={} venue={} strategy={} command={} reason=\"{}\"",
            killSwitch.scope(), killSwitch.venueId(), killSwitch.strategyId(), commandId, reason);
        acknowledge(header, commandId, KillSwitchDecoder.TEMPLATE_ID, AckStatus.APPLIED);
    }

    private void onKillSwitchClear(final MessageHeaderDecoder header)
    {
        final long commandId = killSwitchClear.commandId();
        if (!context.duplicateFilter().firstTime(header.sourceId(), header.runId(), commandId))
        {
            acknowledge(header, commandId, KillSwitchClearDecoder.TEMPLATE_ID, AckStatus.ALREADY_APPLIED);
            return;
        }
        final String reason = killSwitchClear.reason();
        final KillScope scope = killSwitchClear.scope();
        if (!KillSwitchState.isClearable(scope))
        {
            context.log().error("event=kill_switch_clear_rejected scope_raw={} command={} reason=\"{}\"",
                killSwitchClear.scopeRaw(), commandId, reason);
            acknowledge(header, commandId, KillSwitchClearDecoder.TEMPLATE_ID, AckStatus.REJECTED);
            return;
        }
        context.killSwitch().clear(scope, killSwitchClear.venueId(), killSwitchClear.strategyId(), reason);
        context.log().warn("event=kill_switch_cleared scope={} venue={} strategy={} command={} reason=\"{}\"",
            scope, killSwitchClear.venueId(), killSwitchClear.strategyId(), commandId, reason);
        acknowledge(header, commandId, KillSwitchClearDecoder.TEMPLATE_ID, AckStatus.APPLIED);
    }

    /**
     * Hands a message to the app. A bounds failure is a message that does not decode and goes
     * back to the subscriber's malformed count; any other exception is a bug in the app's logic:
     * counted apart, logged with its stack the first time per exception class, and survived.
     */
    private void deliver(final TopicView topic, final MessageHeaderDecoder header, final DirectBuffer buffer, final int length)
    {
        try
        {
            app.onMessage(topic, header, buffer, length);
        }
        catch (final IndexOutOfBoundsException ex)
        {
            throw ex;
        }
        catch (final RuntimeException ex)
        {
            appErrors++;
            if (appErrorClassesLogged.add(ex.getClass().getName()))
            {
                context.log().error("event=handler_error template={} topic={} note=\"logged once per exception class; see daemon_handler_errors_total\"",
                    header.templateId(), topic, ex);
            }
        }
    }

    long appErrors()
    {
        return appErrors;
    }

    private void acknowledge(final MessageHeaderDecoder command, final long commandId, final int templateId, final AckStatus status)
    {
        context.publisher().wrap(ack)
            .commandId(commandId)
            .commandTemplateId(templateId)
            .status(status)
            .requesterSourceId(command.sourceId())
            .requesterRunId(command.runId())
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
