package io.mmfleet.busctl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mmfleet.bus.BusMessageHandler;
import io.mmfleet.bus.BusPublisher;
import io.mmfleet.bus.BusSubscriber;
import io.mmfleet.bus.EpochClock;
import io.mmfleet.bus.Envelope;
import io.mmfleet.bus.GapListener;
import io.mmfleet.bus.PublishStream;
import io.mmfleet.bus.Topics;
import io.mmfleet.bus.TopicView;
import io.mmfleet.bus.testing.JavaProcess;
import io.mmfleet.bus.testing.Ports;
import io.mmfleet.sbe.AckStatus;
import io.mmfleet.sbe.ControlAckEncoder;
import io.mmfleet.sbe.KillSwitchDecoder;
import io.mmfleet.sbe.MessageHeaderDecoder;
import io.mmfleet.sbe.MessageHeaderEncoder;
import io.mmfleet.sbe.TradeEncoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * busctl as real processes: {@code send} into a {@code sniff}, a KillSwitch acknowledged by a test
 * acker, a KillSwitch nobody acknowledges, nobody subscribed, and sniff's GAP/RESTART/ERROR lines.
 * Ports are ephemeral and written into a temp INI; readiness is a printed line or an XPUB subscription.
 */
class BusCtlProcessTest
{
    private static final Duration START = Duration.ofSeconds(30);
    private static final int OMS_SOURCE_ID = 3;
    private static final int BUSCTL_SOURCE_ID = 901;

    @TempDir
    Path dir;

    private final ObjectMapper mapper = new ObjectMapper();
    private final String controlEndpoint = Ports.tcpEndpoint();
    private final String omsEndpoint = Ports.tcpEndpoint();

    private Path ini() throws Exception
    {
        final Path file = dir.resolve("fleet.ini");
        Files.writeString(file, String.join("\n",
            "[bus]",
            "CONTROL_ENDPOINT = " + controlEndpoint,
            "SEND_HWM = 1000",
            "RECEIVE_HWM = 1000",
            "RETRANSMIT_INTERVAL = 100ms",
            "[instruments]",
            "ETH-USDC = 1",
            "[oms]",
            "SOURCE_ID = " + OMS_SOURCE_ID,
            "PUB_ENDPOINT = " + omsEndpoint,
            "HTTP_PORT = 0",
            "[busctl]",
            "SOURCE_ID = " + BUSCTL_SOURCE_ID,
            "ACK_TIMEOUT = 10s",
            ""));
        return file;
    }

    private static JavaProcess busctl(final String name, final String... args) throws Exception
    {
        return JavaProcess.start(name, BusCtl.class.getName(), List.of(), args);
    }

    @Test
    void sendIntoSniffJson() throws Exception
    {
        final Path ini = ini();
        try (JavaProcess sniff = busctl("sniff", "sniff", "--endpoint", controlEndpoint, "--json", "--count", "1", "--duration", "60s"))
        {
            sniff.awaitStderr(line -> line.startsWith("# sniffing " + controlEndpoint), START);
            try (JavaProcess send = busctl("send", "send", "--config", ini.toString(), "--json",
                "{\"type\":\"RiskEvent\",\"eventType\":\"BUS_GAP\",\"severity\":\"WARNING\",\"action\":\"NONE\"," +
                "\"observed\":\"12.50\",\"threshold\":\"0.001\",\"text\":\"from busctl\"}"))
            {
                assertEquals(0, send.awaitExit(START), send::transcript);
                send.awaitStdout(line -> line.startsWith("sent RiskEvent seq=1"), START);
            }
            final JsonNode line = mapper.readTree(sniff.awaitStdout(l -> l.startsWith("{"), START));
            assertEquals(0, sniff.awaitExit(START), sniff::transcript);
            assertEquals("RiskEvent", line.get("type").asText());
            assertEquals(Topics.CONTROL, line.get("topic").asText());
            assertEquals(BUSCTL_SOURCE_ID, line.at("/envelope/sourceId").intValue());
            assertEquals(1, line.at("/envelope/sequence").longValue());
            assertEquals("BUS_GAP", line.at("/fields/eventType").asText());
            assertEquals("12.50", line.at("/fields/observed").asText());
            assertEquals("0.001", line.at("/fields/threshold").asText());
            assertEquals("from busctl", line.at("/fields/text").asText());
        }
    }

    @Test
    void killSwitchAcknowledgedByTheDaemon() throws Exception
    {
        final Path ini = ini();
        final AtomicLong ackedCommandId = new AtomicLong();
        final AtomicBoolean stop = new AtomicBoolean();
        final Thread acker = new Thread(() -> ackKillSwitches(stop, ackedCommandId, AckStatus.APPLIED, 0), "test-acker");
        acker.start();
        try (JavaProcess send = busctl("send", "send", "--config", ini.toString(), "--json",
            "{\"type\":\"KillSwitch\",\"scope\":\"ALL\",\"reason\":\"manual\",\"commandId\":0}"))
        {
            assertEquals(0, send.awaitExit(START), send::transcript);
            final String ack = send.awaitStdout(line -> line.startsWith("oms: "), START);
            assertTrue(ackedCommandId.get() != 0, "busctl picked a command id");
            assertTrue(ack.contains(" src=" + OMS_SOURCE_ID + " ") && ack.contains(" ControlAck commandId=" + ackedCommandId.get() +
                " commandTemplateId=" + KillSwitchDecoder.TEMPLATE_ID + " status=APPLIED"), ack);
        }
        finally
        {
            stop.set(true);
            acker.join(10_000);
        }
    }

    @Test
    void killSwitchAndClearAgainstTheRealDaemonRuntime() throws Exception
    {
        // The bus module's probe daemon runs the real daemon runtime, which answers control commands.
        final Path ini = ini();
        Files.writeString(ini, Files.readString(ini).replace("HTTP_PORT = 0", "HTTP_PORT = 0\nIDLE_STRATEGY = sleeping\nGREETING = hi"));
        try (JavaProcess daemon = JavaProcess.start("probe-daemon", "io.mmfleet.bus.runtime.ProbeDaemonMain", List.of(), "--config", ini.toString()))
        {
            daemon.awaitStdout(line -> line.contains("event=running"), START);
            try (JavaProcess sniff = busctl("sniff", "sniff", "--config", ini.toString(), "--topic", "hb.", "--json", "--count", "1"))
            {
                final JsonNode heartbeat = mapper.readTree(sniff.awaitStdout(line -> line.startsWith("{"), START));
                assertEquals(0, sniff.awaitExit(START), sniff::transcript);
                assertEquals("Heartbeat", heartbeat.get("type").asText());
                assertEquals(OMS_SOURCE_ID, heartbeat.at("/envelope/sourceId").intValue());
                assertTrue(heartbeat.at("/fields/streams").isArray(), heartbeat::toString);
            }
            try (JavaProcess send = busctl("send", "send", "--config", ini.toString(), "--json",
                "{\"type\":\"KillSwitch\",\"scope\":\"ALL\",\"reason\":\"busctl test\"}"))
            {
                assertEquals(0, send.awaitExit(START), send::transcript);
                final String ack = send.awaitStdout(line -> line.startsWith("oms: "), START);
                assertTrue(ack.contains(" ControlAck commandId=") && ack.contains(" status=APPLIED ") &&
                    ack.contains(" text=\"kill switch engaged\""), ack);
            }
            try (JavaProcess clear = busctl("clear", "send", "--config", ini.toString(), "--json", "{\"type\":\"KillSwitchClear\",\"scope\":\"ALL\"}"))
            {
                assertEquals(0, clear.awaitExit(START), clear::transcript);
                final String ack = clear.awaitStdout(line -> line.startsWith("oms: "), START);
                assertTrue(ack.contains(" status=APPLIED ") && ack.contains(" text=\"kill switch clear\""), ack);
            }
            daemon.awaitStdout(line -> line.contains("event=kill_switch_cleared"), START);
        }
    }

    @Test
    void killSwitchRejectedByTheDaemonExitsOne() throws Exception
    {
        final Path ini = ini();
        final AtomicBoolean stop = new AtomicBoolean();
        final Thread acker = new Thread(() -> ackKillSwitches(stop, new AtomicLong(), AckStatus.REJECTED, 0), "test-rejecter");
        acker.start();
        try (JavaProcess send = busctl("send", "send", "--config", ini.toString(), "--json",
            "{\"type\":\"KillSwitch\",\"scope\":\"VENUE\",\"venueId\":9,\"commandId\":77}"))
        {
            assertEquals(1, send.awaitExit(START), send::transcript);
            send.awaitStdout(line -> line.startsWith("oms: ") && line.contains(" status=REJECTED"), START);
            send.awaitStderr(line -> line.equals("busctl: commandId=77 not applied by oms (REJECTED)"), START);
        }
        finally
        {
            stop.set(true);
            acker.join(10_000);
        }
    }

    @Test
    void anAckNamingAnotherRunOfTheSenderDoesNotCount() throws Exception
    {
        final Path ini = ini();
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicLong acked = new AtomicLong();
        // Answers every command as if it came from an earlier busctl run with the same commandId.
        final Thread acker = new Thread(() -> ackKillSwitches(stop, acked, AckStatus.APPLIED, -1), "test-stale-acker");
        acker.start();
        try (JavaProcess send = busctl("send", "send", "--config", ini.toString(), "--timeout", "1s", "--json",
            "{\"type\":\"KillSwitch\",\"scope\":\"ALL\",\"commandId\":\"0\"}"))
        {
            assertEquals(1, send.awaitExit(START), send::transcript);
            send.awaitStderr(line -> line.startsWith("busctl: no ControlAck for commandId=") && line.endsWith(" from oms after 1s"), START);
            assertTrue(acked.get() != 0, "the acker did answer, for the wrong run; a \"0\" commandId was replaced");
        }
        finally
        {
            stop.set(true);
            acker.join(10_000);
        }
    }

    /** Stands in for a daemon: a SUB on the control endpoint, a ControlAck on its own PUB for every KillSwitch. */
    private void ackKillSwitches(final AtomicBoolean stop, final AtomicLong ackedCommandId, final AckStatus status, final long runSkew)
    {
        try (ZContext zmq = new ZContext(1))
        {
            final EpochClock clock = new EpochClock();
            final BusPublisher pub = new BusPublisher(zmq, omsEndpoint, OMS_SOURCE_ID, clock.nanoTime(), 1000, clock);
            final PublishStream acks = pub.stream(Topics.CONTROL_ACK);
            final BusSubscriber sub = new BusSubscriber(zmq, 1000, GapListener.NONE).connect(controlEndpoint).subscribe(Topics.CONTROL);
            final KillSwitchDecoder kill = new KillSwitchDecoder();
            final ControlAckEncoder ack = new ControlAckEncoder();
            final BusMessageHandler handler = new BusMessageHandler()
            {
                @Override
                public void onMessage(final TopicView topic, final MessageHeaderDecoder header, final DirectBuffer buffer, final int length)
                {
                    if (header.templateId() == KillSwitchDecoder.TEMPLATE_ID)
                    {
                        kill.wrap(buffer, Envelope.HEADER_LENGTH, header.blockLength(), header.version());
                        ackedCommandId.set(kill.commandId());
                        pub.wrap(ack).commandId(kill.commandId()).commandTemplateId(KillSwitchDecoder.TEMPLATE_ID)
                            .status(status).requesterSourceId(header.sourceId()).requesterRunId(header.runId() + runSkew).text("halted");
                        pub.publish(acks, ack, header.originNs());
                    }
                }
            };
            while (!stop.get())
            {
                if (sub.poll(handler, 10) == 0)
                {
                    java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
                }
            }
        }
    }

    @Test
    void killSwitchNobodyAcknowledgesExitsOne() throws Exception
    {
        final Path ini = ini();
        try (ZContext zmq = new ZContext(1))
        {
            // Subscribed, so the command goes out, but never answers.
            final ZMQ.Socket silent = zmq.createSocket(SocketType.SUB);
            silent.connect(controlEndpoint);
            silent.subscribe(Topics.CONTROL.getBytes());
            try (JavaProcess send = busctl("send", "send", "--config", ini.toString(), "--timeout", "1s", "--json",
                "{\"type\":\"KillSwitch\",\"scope\":\"ALL\",\"reason\":\"manual\",\"commandId\":555}"))
            {
                assertEquals(1, send.awaitExit(START), send::transcript);
                send.awaitStderr(line -> line.equals("busctl: no ControlAck for commandId=555 from oms after 1s"), START);
            }
            // It was resent every RETRANSMIT_INTERVAL (100ms) until the timeout: several copies arrived.
            int copies = 0;
            while (silent.recv(ZMQ.DONTWAIT) != null)
            {
                copies++;
            }
            assertTrue(copies >= 2 * 3, "resent copies (2 frames each): " + copies);
        }
    }

    @Test
    void nobodySubscribedExitsOne() throws Exception
    {
        final Path ini = ini();
        final Path command = Files.writeString(dir.resolve("clear.json"), "{\"type\":\"KillSwitchClear\",\"scope\":\"ALL\"}\n");
        try (JavaProcess send = busctl("send", "send", "--config", ini.toString(), "--timeout", "300ms", "--file", command.toString()))
        {
            assertEquals(1, send.awaitExit(START), send::transcript);
            send.awaitStderr(line -> line.equals("busctl: no subscriber on " + controlEndpoint + " after 300ms"), START);
        }
    }

    @Test
    void sniffPrintsGapRestartAndErrorLinesAndKeepsGoing() throws Exception
    {
        try (ZContext zmq = new ZContext(1))
        {
            final ZMQ.Socket pub = zmq.createSocket(SocketType.XPUB);
            // Verbose: both sniffers' identical subscriptions arrive, so the test knows both are listening.
            pub.setXpubVerbose(true);
            pub.bind("tcp://127.0.0.1:*");
            final String endpoint = pub.getLastEndpoint();
            try (JavaProcess text = busctl("sniff-text", "sniff", "--endpoint", endpoint, "--count", "5", "--duration", "60s");
                 JavaProcess json = busctl("sniff-json", "sniff", "--endpoint", endpoint, "--json", "--count", "5", "--duration", "60s"))
            {
                assertEquals(1, pub.recv(0)[0], "first sniffer subscribed");
                assertEquals(1, pub.recv(0)[0], "second sniffer subscribed");
                final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
                send(pub, buffer, 10, 1);
                send(pub, buffer, 10, 2);
                send(pub, buffer, 10, 5);
                pub.send("md.x");
                send(pub, buffer, 11, 1);

                assertEquals(0, text.awaitExit(START), text::transcript);
                final List<String> lines = text.stdout();
                assertEquals(7, lines.size(), text::transcript);
                assertTrue(lines.get(0).endsWith(" md.binance.ETH-USDC src=7 run=10 seq=1 origin=5 Trade venueId=1 instrumentId=1 " +
                    "venueTradeId=1 price=3000.12 qty=1 aggressorSide=BUY venueTimeNs=0"), lines.get(0));
                assertEquals("GAP src=7 topic=md.binance.ETH-USDC missed=3..4", lines.get(2));
                assertTrue(lines.get(3).contains(" seq=5 "), lines.get(3));
                assertTrue(lines.get(4).startsWith("ERROR one frame; expected topic + message topic=md.x len=4 hex=6d642e78"), lines.get(4));
                assertEquals("RESTART src=7 run=10->11", lines.get(5));
                assertTrue(lines.get(6).contains(" run=11 seq=1 "), lines.get(6));

                assertEquals(0, json.awaitExit(START), json::transcript);
                final List<String> jsonLines = json.stdout();
                assertEquals(7, jsonLines.size(), json::transcript);
                final JsonNode gap = mapper.readTree(jsonLines.get(2));
                assertEquals("gap", gap.get("event").asText());
                assertEquals(3, gap.get("fromSequence").longValue());
                assertEquals(4, gap.get("toSequence").longValue());
                assertEquals(2, gap.get("missed").longValue());
                final JsonNode error = mapper.readTree(jsonLines.get(4));
                assertEquals("one frame; expected topic + message", error.get("error").asText());
                assertEquals("6d642e78", error.get("hex").asText());
                final JsonNode restart = mapper.readTree(jsonLines.get(5));
                assertEquals("restart", restart.get("event").asText());
                assertEquals(11, restart.get("toRunId").longValue());
                assertEquals("3000.12", mapper.readTree(jsonLines.get(6)).at("/fields/price").asText());
            }
        }
    }

    private static void send(final ZMQ.Socket pub, final UnsafeBuffer buffer, final long runId, final long sequence)
    {
        final TradeEncoder trade = new TradeEncoder();
        new MessageHeaderEncoder().wrap(buffer, 0).blockLength(trade.sbeBlockLength()).templateId(trade.sbeTemplateId())
            .schemaId(trade.sbeSchemaId()).version(trade.sbeSchemaVersion()).sourceId(7).runId(runId).sequence(sequence)
            .sendNs(4).originNs(5);
        trade.wrap(buffer, Envelope.HEADER_LENGTH).venueId(1).instrumentId(1).venueTradeId(sequence)
            .aggressorSide(io.mmfleet.sbe.Side.BUY);
        trade.price().mantissa(300012).exponent((byte)-2);
        trade.qty().mantissa(1).exponent((byte)0);
        pub.sendMore("md.binance.ETH-USDC");
        pub.send(buffer.byteArray(), 0, Envelope.HEADER_LENGTH + trade.encodedLength(), 0);
    }
}
