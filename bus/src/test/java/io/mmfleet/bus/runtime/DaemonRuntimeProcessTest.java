package io.mmfleet.bus.runtime;

import io.mmfleet.bus.BusMessageHandler;
import io.mmfleet.bus.BusSubscriber;
import io.mmfleet.bus.Envelope;
import io.mmfleet.bus.EpochClock;
import io.mmfleet.bus.GapListener;
import io.mmfleet.bus.TopicView;
import io.mmfleet.bus.testing.Await;
import io.mmfleet.bus.testing.JavaProcess;
import io.mmfleet.bus.testing.Ports;
import io.mmfleet.sbe.AckStatus;
import io.mmfleet.sbe.ControlAckDecoder;
import io.mmfleet.sbe.HeartbeatDecoder;
import io.mmfleet.sbe.KillScope;
import io.mmfleet.sbe.KillSwitchClearEncoder;
import io.mmfleet.sbe.KillSwitchEncoder;
import io.mmfleet.sbe.MessageHeaderDecoder;
import io.mmfleet.sbe.MessageHeaderEncoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The daemon runtime as a real process: readiness, metrics, heartbeat, control, SIGHUP, SIGTERM, bad INI. */
class DaemonRuntimeProcessTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private String ini(final String controlEndpoint, final String pubEndpoint, final int httpPort, final String greeting)
    {
        return String.join("\n",
            "[bus]",
            "CONTROL_ENDPOINT = " + controlEndpoint,
            "SEND_HWM = 10000",
            "RECEIVE_HWM = 10000",
            "HEARTBEAT_INTERVAL = 100ms",
            "",
            "[instruments]",
            "ETH-USDC = 1",
            "",
            "[oms]",
            "SOURCE_ID = 3",
            "PUB_ENDPOINT = " + pubEndpoint,
            "HTTP_PORT = " + httpPort,
            "IDLE_STRATEGY = sleeping",
            "IDLE_SLEEP = 1ms",
            "GREETING = " + greeting,
            "");
    }

    private HttpResponse<String> get(final int port, final String path) throws IOException, InterruptedException
    {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    private void awaitReady(final int port, final JavaProcess daemon)
    {
        Await.until(() ->
        {
            try
            {
                return get(port, "/health").statusCode() == 200;
            }
            catch (final IOException ex)
            {
                return false;
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return false;
            }
        }, TIMEOUT, daemon::transcript);
    }

    private static void signal(final JavaProcess process, final String signal) throws Exception
    {
        assertEquals(0, new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start().waitFor());
    }

    @Test
    void runsServesHealthAndMetricsHeartbeatsReloadsAndStopsCleanly() throws Exception
    {
        final String control = Ports.tcpEndpoint();
        final String pub = Ports.tcpEndpoint();
        final int httpPort = Ports.free();
        final Path config = dir.resolve("fleet.ini");
        Files.writeString(config, ini(control, pub, httpPort, "hello"));

        try (JavaProcess daemon = JavaProcess.start("probe-daemon", ProbeDaemonMain.class, "--config", config.toString());
             ZContext zmq = new ZContext(1))
        {
            daemon.awaitStdout(line -> line.contains("event=started") && line.contains("source=3"), TIMEOUT);
            daemon.awaitStdout(line -> line.contains("event=probe_started greeting=hello"), TIMEOUT);
            awaitReady(httpPort, daemon);
            final HttpResponse<String> health = get(httpPort, "/health");
            assertTrue(health.body().contains("\"status\":\"ready\""), health.body());
            final String metrics = get(httpPort, "/metrics").body();
            assertTrue(metrics.contains("bus_published_messages_total"), metrics);
            assertTrue(metrics.contains("daemon_ready 1"), metrics);

            // Heartbeats arrive on hb.oms with the daemon's source id.
            final EpochClock clock = new EpochClock();
            final BusSubscriber subscriber = new BusSubscriber(zmq, 1000, GapListener.NONE).connect(pub).subscribe("hb.").subscribe("ctl.ack");
            final List<String> seen = new ArrayList<>();
            final ControlAckDecoder ack = new ControlAckDecoder();
            final BusMessageHandler handler = (TopicView topic, MessageHeaderDecoder header, DirectBuffer buffer, int length) ->
            {
                if (header.templateId() == HeartbeatDecoder.TEMPLATE_ID)
                {
                    seen.add("hb:" + header.sourceId() + ":" + topic);
                }
                else if (header.templateId() == ControlAckDecoder.TEMPLATE_ID)
                {
                    ack.wrap(buffer, Envelope.HEADER_LENGTH, header.blockLength(), header.version());
                    seen.add("ack:" + ack.commandId() + ":" + ack.status());
                }
            };
            Await.until(() ->
            {
                subscriber.poll(handler, 100);
                return seen.contains("hb:3:hb.oms");
            }, TIMEOUT, () -> "no heartbeat; saw " + seen);

            // Kill switch on the control endpoint (an XPUB bound here, as busctl does) is acknowledged.
            final ZMQ.Socket xpub = zmq.createSocket(SocketType.XPUB);
            assertTrue(xpub.bind(control));
            final byte[] subscription = xpub.recv(0); // the daemon's SUB subscribing to "ctl"
            assertEquals(1, subscription[0]);
            final Runnable poll = () -> subscriber.poll(handler, 100);
            assertEquals(AckStatus.APPLIED, command(xpub, clock, 77, true, seen, poll));
            daemon.awaitStdout(line -> line.contains("event=kill_switch_engaged") && line.contains("command=77"), TIMEOUT);
            Await.until(() -> metric(httpPort, "kill_switch_engaged").equals("1.0") || metric(httpPort, "kill_switch_engaged").equals("1"),
                TIMEOUT, () -> "kill switch not in metrics");

            // A resent clear (its ack lost) must not lift a kill engaged after it.
            assertEquals(AckStatus.APPLIED, command(xpub, clock, 78, false, seen, poll));
            assertEquals(AckStatus.APPLIED, command(xpub, clock, 79, true, seen, poll));
            assertEquals(AckStatus.ALREADY_APPLIED, command(xpub, clock, 78, false, seen, poll));
            Await.until(() -> metric(httpPort, "kill_switch_engaged").startsWith("1"), TIMEOUT, () -> "resent clear lifted the kill");

            // SIGHUP with a broken file keeps the old values; with a good one applies the new.
            Files.writeString(config, ini(control, pub, httpPort, "hello").replace("SOURCE_ID = 3", "SOURCE_ID = three"));
            signal(daemon, "HUP");
            daemon.awaitStdout(line -> line.contains("event=reload_invalid") && line.contains("SOURCE_ID"), TIMEOUT);
            Files.writeString(config, ini(control, pub, httpPort, "bye"));
            signal(daemon, "HUP");
            daemon.awaitStdout(line -> line.contains("event=probe_reloaded greeting=bye"), TIMEOUT);
            daemon.awaitStdout(line -> line.contains("event=reload_applied"), TIMEOUT);
            assertEquals(200, get(httpPort, "/health").statusCode());

            // SIGTERM: graceful stop, exit 0.
            daemon.terminate();
            assertEquals(0, daemon.awaitExit(TIMEOUT), daemon.transcript());
            assertTrue(daemon.stdout().stream().anyMatch(l -> l.contains("event=probe_stopping")), daemon.transcript());
            assertTrue(daemon.stdout().stream().anyMatch(l -> l.contains("event=stopped")), daemon.transcript());
            assertTrue(daemon.stdout().stream().noneMatch(l -> l.contains("Exception")), daemon.transcript());
        }
    }

    /** Sends a kill switch (or its clear) until its ControlAck arrives; returns the ack's status. */
    private static AckStatus command(
        final ZMQ.Socket xpub, final EpochClock clock, final long commandId, final boolean engage, final List<String> seen, final Runnable poll)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
        final MessageHeaderEncoder header = new MessageHeaderEncoder();
        final int bodyLength = engage
            ? new KillSwitchEncoder().wrapAndApplyHeader(buffer, 0, header).commandId(commandId).scope(KillScope.ALL).reason("test").encodedLength()
            : new KillSwitchClearEncoder().wrapAndApplyHeader(buffer, 0, header).commandId(commandId).scope(KillScope.ALL).reason("test").encodedLength();
        header.wrap(buffer, 0).sourceId(900).runId(1).sequence(commandId).sendNs(clock.nanoTime()).originNs(clock.nanoTime());
        final int length = Envelope.HEADER_LENGTH + bodyLength;
        final String prefix = "ack:" + commandId + ":";
        final int ackedBefore = (int)seen.stream().filter(s -> s.startsWith(prefix)).count();
        Await.until(() ->
        {
            xpub.send("ctl".getBytes(StandardCharsets.US_ASCII), ZMQ.SNDMORE);
            xpub.send(buffer.byteArray(), 0, length, 0);
            poll.run();
            return seen.stream().filter(s -> s.startsWith(prefix)).count() > ackedBefore;
        }, TIMEOUT, () -> "no ControlAck for " + commandId + "; saw " + seen);
        final List<String> acks = seen.stream().filter(s -> s.startsWith(prefix)).toList();
        return AckStatus.valueOf(acks.get(ackedBefore).substring(prefix.length()));
    }

    private String metric(final int port, final String name)
    {
        try
        {
            for (final String line : get(port, "/metrics").body().split("\n"))
            {
                if (line.startsWith(name + " "))
                {
                    return line.substring(name.length() + 1).trim();
                }
            }
            return "";
        }
        catch (final IOException | InterruptedException ex)
        {
            return "";
        }
    }

    @Test
    void aBadConfigExitsWithStatusTwoAndOneMessage() throws Exception
    {
        final Path config = dir.resolve("broken.ini");
        Files.writeString(config, ini(Ports.tcpEndpoint(), Ports.tcpEndpoint(), Ports.free(), "hi").replace("HTTP_PORT", "HTTP_PROT"));
        try (JavaProcess daemon = JavaProcess.start("bad-config", ProbeDaemonMain.class, "--config", config.toString()))
        {
            assertEquals(2, daemon.awaitExit(TIMEOUT), daemon.transcript());
            final List<String> errors = daemon.stderr();
            assertEquals(1, errors.size(), daemon.transcript());
            assertTrue(errors.get(0).startsWith("config error: " + config + ":"), errors.get(0));
            assertTrue(errors.get(0).contains("[oms] HTTP_PROT: unknown key"), errors.get(0));
        }
    }

    @Test
    void aMissingConfigFileExitsWithStatusTwo() throws Exception
    {
        final Path missing = dir.resolve("nope.ini");
        try (JavaProcess daemon = JavaProcess.start("no-config", ProbeDaemonMain.class, "--config", missing.toString()))
        {
            assertEquals(2, daemon.awaitExit(TIMEOUT), daemon.transcript());
            assertTrue(daemon.stderr().get(0).contains("cannot read"), daemon.transcript());
        }
    }

    @Test
    void aFailedStartExitsNonZeroInsteadOfLingeringWithoutAnEventLoop() throws Exception
    {
        assertLoopEndIsFatal("fail-on-start", "probe told to fail on start");
    }

    @Test
    void anErrorThatKillsTheEventLoopExitsNonZero() throws Exception
    {
        assertLoopEndIsFatal("error-in-loop", "probe told to throw an Error");
    }

    private void assertLoopEndIsFatal(final String greeting, final String message) throws Exception
    {
        final Path config = dir.resolve("fleet.ini");
        Files.writeString(config, ini(Ports.tcpEndpoint(), Ports.tcpEndpoint(), Ports.free(), greeting));
        try (JavaProcess daemon = JavaProcess.start(greeting, ProbeDaemonMain.class, "--config", config.toString()))
        {
            assertEquals(1, daemon.awaitExit(TIMEOUT), daemon.transcript());
            assertTrue(daemon.stdout().stream().anyMatch(l -> l.contains(message)), daemon.transcript());
            assertTrue(daemon.stdout().stream().anyMatch(l -> l.contains("event=fatal")), daemon.transcript());
        }
    }

    @Test
    void anOccupiedBusEndpointIsAFatalStartupError() throws Exception
    {
        try (ZContext zmq = new ZContext(1))
        {
            final ZMQ.Socket squatter = zmq.createSocket(SocketType.PUB);
            squatter.bind("tcp://127.0.0.1:*");
            final Path config = dir.resolve("fleet.ini");
            Files.writeString(config, ini(Ports.tcpEndpoint(), squatter.getLastEndpoint(), Ports.free(), "hi"));
            try (JavaProcess daemon = JavaProcess.start("occupied", ProbeDaemonMain.class, "--config", config.toString()))
            {
                assertEquals(1, daemon.awaitExit(TIMEOUT), daemon.transcript());
                assertTrue(daemon.stdout().stream().anyMatch(l -> l.contains("event=fatal")
                    && l.contains("cannot bind bus endpoint " + squatter.getLastEndpoint() + ": Address already in use")), daemon.transcript());
            }
        }
    }

    @Test
    void anOccupiedHttpPortIsAFatalStartupError() throws Exception
    {
        try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            final Path config = dir.resolve("fleet.ini");
            Files.writeString(config, ini(Ports.tcpEndpoint(), Ports.tcpEndpoint(), squatter.getLocalPort(), "hi"));
            try (JavaProcess daemon = JavaProcess.start("http-occupied", ProbeDaemonMain.class, "--config", config.toString()))
            {
                assertEquals(1, daemon.awaitExit(TIMEOUT), daemon.transcript());
                assertTrue(daemon.stdout().stream().anyMatch(l -> l.contains("event=fatal")
                    && l.contains("cannot listen on http 127.0.0.1:" + squatter.getLocalPort())), daemon.transcript());
            }
        }
    }
}
