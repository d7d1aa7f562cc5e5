package io.mmfleet.bus.runtime;

import io.mmfleet.bus.BusPublisher;
import io.mmfleet.bus.BusSubscriber;
import io.mmfleet.bus.DuplicateFilter;
import io.mmfleet.bus.EpochClock;
import io.mmfleet.bus.GapListener;
import io.mmfleet.bus.PendingRequests;
import io.mmfleet.bus.SnapshotRequester;
import io.mmfleet.bus.StreamState;
import io.mmfleet.bus.config.BusConfig;
import io.mmfleet.bus.config.ConfigException;
import io.mmfleet.bus.config.DaemonEndpoint;
import io.mmfleet.bus.config.FleetConfig;
import io.mmfleet.bus.config.SectionValues;
import io.prometheus.metrics.core.metrics.Counter;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.AgentTerminationException;
import org.agrona.concurrent.IdleStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.ZContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sun.misc.Signal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Starts a daemon: parses the command line, loads and validates the INI (exit 2 with one message
 * if it is bad), binds the bus and the HTTP endpoint, runs the event loop on its own thread, reloads
 * on SIGHUP, and stops gracefully on SIGTERM (exit 0). A fatal error exits non-zero so systemd
 * restarts the daemon.
 */
public final class DaemonLauncher
{
    /** Exit status when the daemon could not start or died (not a config error). */
    public static final int EXIT_FATAL = 1;

    private static final int PENDING_REQUEST_CAPACITY = 4096;
    private static final int SNAPSHOT_REQUEST_CAPACITY = 64;
    private static final int DUPLICATE_WINDOW = 65536;
    /** How long sockets may keep flushing (the STOPPING heartbeat) when the daemon stops. */
    private static final int STOP_LINGER_MS = 200;

    @Command(mixinStandardHelpOptions = true, description = "Runs an mmfleet daemon (see README.md).")
    static final class Options
    {
        @Option(names = "--config", defaultValue = "config/fleet.ini", description = "INI file (default: ${DEFAULT-VALUE})")
        Path config;

        @Option(names = "--http-host", defaultValue = "127.0.0.1", description = "address /health and /metrics listen on (default: ${DEFAULT-VALUE})")
        String httpHost;
    }

    private DaemonLauncher()
    {
    }

    /** For a daemon's {@code main}: runs it and exits the JVM with its status. */
    public static void main(final String daemonName, final Supplier<DaemonApp> appFactory, final String[] args)
    {
        System.exit(run(daemonName, appFactory, args));
    }

    /**
     * Runs the daemon until it is stopped.
     *
     * @return exit status: 0 after a graceful stop, 2 for a bad command line or INI, 1 otherwise.
     */
    public static int run(final String daemonName, final Supplier<DaemonApp> appFactory, final String[] args)
    {
        final Options options = new Options();
        final CommandLine commandLine = new CommandLine(options).setCommandName(daemonName);
        try
        {
            commandLine.parseArgs(args);
        }
        catch (final CommandLine.ParameterException ex)
        {
            System.err.println(daemonName + ": " + ex.getMessage());
            commandLine.usage(System.err);
            return ConfigException.EXIT_CODE;
        }
        if (commandLine.isUsageHelpRequested())
        {
            commandLine.usage(System.out);
            return 0;
        }

        final Logger log = LoggerFactory.getLogger(daemonName);
        final DaemonApp app = appFactory.get();
        final FleetConfig config;
        try
        {
            config = FleetConfig.load(options.config, app.ownedSections());
            app.validate(config);
        }
        catch (final ConfigException ex)
        {
            System.err.println(ex.getMessage());
            return ConfigException.EXIT_CODE;
        }
        final DaemonEndpoint self = config.daemons().stream()
            .filter(d -> d.name().equals(daemonName))
            .findFirst()
            .orElse(null);
        if (self == null)
        {
            System.err.println("config error: " + config.document().fileName() + ": [" + daemonName + "]: missing section");
            return ConfigException.EXIT_CODE;
        }
        try
        {
            return new Running(daemonName, app, options, config, self, log).runUntilStopped();
        }
        catch (final DaemonFatalException ex)
        {
            log.error("event=fatal error=\"{}\"", ex.getMessage());
            return EXIT_FATAL;
        }
        catch (final RuntimeException | IOException ex)
        {
            log.error("event=fatal error=\"{}\"", ex.toString(), ex);
            return EXIT_FATAL;
        }
    }

    /** One run of a daemon, from bind to stop. */
    private static final class Running
    {
        private final String name;
        private final DaemonApp app;
        private final Options options;
        private final FleetConfig config;
        private final DaemonEndpoint self;
        private final Logger log;
        private final AtomicBoolean shutdownStarted = new AtomicBoolean();
        private final AtomicInteger exitStatus = new AtomicInteger(0);

        Running(final String name, final DaemonApp app, final Options options, final FleetConfig config, final DaemonEndpoint self, final Logger log)
        {
            this.name = name;
            this.app = app;
            this.options = options;
            this.config = config;
            this.self = self;
            this.log = log;
        }

        int runUntilStopped() throws IOException
        {
            final BusConfig bus = config.bus();
            final EpochClock clock = new EpochClock();
            final long runId = clock.nanoTime();
            final ZContext zmq = new ZContext(1);
            final DaemonMetrics metrics = new DaemonMetrics();
            final HealthState health = new HealthState();
            final KillSwitchState killSwitch = new KillSwitchState();
            final AtomicReference<FleetConfig> pendingReload = new AtomicReference<>();

            final BusPublisher publisher;
            try
            {
                publisher = new BusPublisher(zmq, self.pubEndpoint(), self.sourceId(), runId, (int)bus.sendHwm(), clock);
            }
            catch (final IllegalStateException ex)
            {
                zmq.close();
                throw new DaemonFatalException(ex.getMessage(), ex);
            }
            final PendingRequests pending = new PendingRequests(
                PENDING_REQUEST_CAPACITY, bus.retransmitInterval().toNanos(), (int)bus.retransmitMaxAttempts(),
                (requestId, topic, attempts) -> log.error("event=request_given_up request={} topic={} attempts={}", requestId, topic, attempts));
            final Counter gapCounter = metrics.eventCounter("bus_stream_gaps", "Gap events per stream", "source", "topic");
            final Counter missedCounter = metrics.eventCounter("bus_stream_missed_messages", "Messages missed per stream", "source", "topic");
            final SnapshotRequester requester = new SnapshotRequester(
                publisher, app.reliableTopicPrefixes(),
                SNAPSHOT_REQUEST_CAPACITY, bus.retransmitInterval().toNanos(), (int)bus.retransmitMaxAttempts(),
                (owner, topic, lastSequence) -> log.info("event=resynced source={} topic={} last_sequence={}", owner, topic, lastSequence),
                (owner, topic, attempts) -> log.error("event=snapshot_request_given_up source={} topic={} attempts={}", owner, topic, attempts),
                System::nanoTime);
            final GapListener gapListener = (StreamState stream, long from, long to) ->
            {
                final String source = Integer.toString(stream.sourceId());
                gapCounter.labelValues(source, stream.topic()).inc();
                missedCounter.labelValues(source, stream.topic()).inc(to - from + 1);
                log.warn("event=gap source={} topic={} missed={}..{}", stream.sourceId(), stream.topic(), from, to);
                requester.onGap(stream, from, to);
            };
            final BusSubscriber subscriber = new BusSubscriber(zmq, (int)bus.receiveHwm(), gapListener);
            for (final DaemonEndpoint peer : config.daemons())
            {
                if (!peer.name().equals(name))
                {
                    subscriber.connect(peer.pubEndpoint());
                }
            }
            subscriber.connect(bus.controlEndpoint());

            final DaemonContext context = new DaemonContext(
                name, self, runId, clock, publisher, subscriber, pending, new DuplicateFilter(DUPLICATE_WINDOW),
                health, metrics, killSwitch, log, config);
            final Counter reloads = metrics.eventCounter("config_reloads", "SIGHUP reloads by result", "result");
            final DaemonAgent agent = new DaemonAgent(context, app, requester, pendingReload, new DaemonAgent.ReloadCounters()
            {
                public void applied()
                {
                    reloads.labelValues("applied").inc();
                }

                public void refused()
                {
                    reloads.labelValues("refused").inc();
                }
            }, runId);
            registerMetrics(metrics, publisher, subscriber, pending, health, killSwitch, agent, clock, context);

            final HttpEndpoint http;
            try
            {
                http = new HttpEndpoint(options.httpHost, self.httpPort(), name, health, metrics);
            }
            catch (final IOException ex)
            {
                zmq.close();
                throw new DaemonFatalException("cannot listen on http " + options.httpHost + ":" + self.httpPort() + ": " + ex.getMessage(), ex);
            }
            final SectionValues own = config.section(name);
            final IdleStrategy idle = IdleStrategies.create(own.string("IDLE_STRATEGY"), own.duration("IDLE_SLEEP"));
            final AgentRunner runner = new AgentRunner(idle, error -> onAgentError(error), null, agent);

            Signal.handle(new Signal("HUP"), signal -> reload(pendingReload, reloads));
            final Thread shutdownHook = new Thread(() -> shutdown(runner, http, zmq), name + "-shutdown");
            Runtime.getRuntime().addShutdownHook(shutdownHook);

            log.info("event=started daemon={} source={} run={} pub={} http={} config={} idle={}",
                name, self.sourceId(), runId, publisher.boundEndpoint(), http.port(), config.document().fileName(), own.string("IDLE_STRATEGY"));
            final Thread loop = AgentRunner.startOnThread(runner);
            try
            {
                loop.join();
                if (shutdownStarted.get())
                {
                    // SIGTERM: the hook stopped the loop and halts the JVM with status 0 when done.
                    shutdownHook.join();
                }
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
            // The loop ended by itself: a fatal error, a failed start, or an Error that killed the
            // thread. Exit non-zero so systemd restarts the daemon rather than leave it hollow.
            if (exitStatus.compareAndSet(0, EXIT_FATAL))
            {
                log.error("event=fatal error=\"event loop ended unexpectedly\"");
            }
            return exitStatus.get();
        }

        private void onAgentError(final Throwable error)
        {
            final Throwable cause = error instanceof AgentTerminationException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof DaemonFatalException)
            {
                exitStatus.set(EXIT_FATAL);
                log.error("event=fatal error=\"{}\"", cause.getMessage());
                return;
            }
            if (cause instanceof Error)
            {
                exitStatus.set(EXIT_FATAL);
                log.error("event=fatal error=\"{}\"", cause.toString(), cause);
                return;
            }
            log.error("event=duty_cycle_error error=\"{}\"", cause.toString(), cause);
        }

        private void reload(final AtomicReference<FleetConfig> pendingReload, final Counter reloads)
        {
            try
            {
                // Parsed here, on the signal thread, so the event loop never does file I/O.
                final FleetConfig candidate = FleetConfig.load(options.config, app.ownedSections());
                app.validate(candidate);
                pendingReload.set(candidate);
                log.info("event=reload_requested file={}", options.config);
            }
            catch (final ConfigException ex)
            {
                reloads.labelValues("invalid").inc();
                log.error("event=reload_invalid keeping=previous error=\"{}\"", ex.getMessage());
            }
        }

        private void shutdown(final AgentRunner runner, final HttpEndpoint http, final ZContext zmq)
        {
            shutdownStarted.set(true);
            log.info("event=stopping");
            runner.close();
            http.close();
            // Sockets linger briefly so the STOPPING heartbeat leaves before the context ends.
            zmq.setLinger(STOP_LINGER_MS);
            zmq.close();
            final boolean fatal = exitStatus.get() != 0;
            log.info("event=stopped");
            System.out.flush();
            if (!fatal)
            {
                // A graceful SIGTERM stop is success: exit 0 rather than the JVM's 143.
                Runtime.getRuntime().halt(0);
            }
        }

        private static void registerMetrics(
            final DaemonMetrics metrics,
            final BusPublisher publisher,
            final BusSubscriber subscriber,
            final PendingRequests pending,
            final HealthState health,
            final KillSwitchState killSwitch,
            final DaemonAgent agent,
            final EpochClock clock,
            final DaemonContext context)
        {
            metrics.counter("bus_published_messages", "Messages published", publisher::messagesSent);
            metrics.counter("bus_received_messages", "Well-formed messages received", subscriber::received);
            metrics.counter("bus_malformed_frames", "Frames that were not well-formed bus messages", subscriber::malformed);
            metrics.counter("bus_gaps", "Gap events across all streams", () -> subscriber.streams().totalGaps());
            metrics.counter("bus_missed_messages", "Messages missed across all streams", () -> subscriber.streams().totalMissed());
            metrics.counter("bus_retransmits", "Requests republished for want of an answer", pending::resends);
            metrics.counter("bus_requests_given_up", "Requests abandoned after the maximum attempts", pending::givenUp);
            metrics.gauge("bus_pending_requests", "Requests awaiting an answer", pending::size);
            metrics.counter("daemon_duty_cycles", "Event-loop duty cycles", agent::dutyCycles);
            metrics.counter("daemon_handler_errors", "Exceptions thrown by the daemon's own message handling", agent::appErrors);
            metrics.gauge("daemon_ready", "1 when /health is ready", () -> health.isReady() ? 1 : 0);
            metrics.gauge("kill_switch_engaged", "1 while a kill switch is engaged", () -> killSwitch.isEngaged() ? 1 : 0);
            metrics.gauge("clock_drift_ns", "Monotonic clock minus wall clock at the last check", agent::lastClockDriftNs);
            metrics.counter("clock_recalibrations", "Times the epoch clock re-anchored", clock::recalibrations);
            metrics.labelledGauge("bus_peer_heartbeat_age_seconds", "Seconds since each peer's last heartbeat (-1: never)",
                new String[] {"peer"}, callback ->
                {
                    final long now = System.nanoTime();
                    for (final DaemonEndpoint peer : context.config().daemons())
                    {
                        if (peer.sourceId() != context.sourceId())
                        {
                            final long last = subscriber.lastHeartbeatNs(peer.sourceId());
                            callback.call(last == 0 ? -1 : (now - last) / 1e9, peer.name());
                        }
                    }
                });
        }
    }
}
