package io.mmfleet.busctl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmfleet.bus.BusMessageHandler;
import io.mmfleet.bus.BusSubscriber;
import io.mmfleet.bus.ControlPublisher;
import io.mmfleet.bus.EpochClock;
import io.mmfleet.bus.Envelope;
import io.mmfleet.bus.GapListener;
import io.mmfleet.bus.Topics;
import io.mmfleet.bus.TopicView;
import io.mmfleet.bus.config.DaemonEndpoint;
import io.mmfleet.sbe.AckStatus;
import io.mmfleet.sbe.ControlAckDecoder;
import io.mmfleet.sbe.MessageHeaderDecoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.zeromq.ZContext;
import io.mmfleet.bus.config.DurationConverter;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/** {@code busctl send}: one control command, delivered to subscribers that are really there, acknowledged. */
@Command(
    name = "send",
    mixinStandardHelpOptions = true,
    description = {
        "Send one control command to the daemons and wait for their acknowledgement.",
        "",
        "The message is JSON naming its type, e.g. '{\"type\":\"KillSwitch\",\"scope\":\"ALL\",\"reason\":\"manual\",\"commandId\":0}': " +
            "decimals as strings (\"3000.12\"), enums by name, groups as arrays; fields left out are null, 0 or empty; " +
            "commandId 0 or absent lets busctl pick a unique one.",
        "",
        "busctl binds the [bus] CONTROL_ENDPOINT as XPUB, waits until the daemons have subscribed, and sends on topic 'ctl'. " +
            "KillSwitch, KillSwitchClear and OrderCommand then wait for a ControlAck with the same commandId from every " +
            "--ack-from daemon, resending every [bus] RETRANSMIT_INTERVAL; other types are fire-and-forget. " +
            "An OrderCommand's ack (from exec-handler) says it was taken; its outcome follows on exec.<venue>.",
        "",
        "Exits 0 when delivered (and acknowledged), 1 if nobody subscribed or acknowledged within --timeout (or a daemon " +
            "rejected the command), 2 for a bad message, option or configuration.",
        ""})
final class SendCommand implements java.util.concurrent.Callable<Integer>
{
    /** The commands a daemon answers with a ControlAck. */
    static final Set<String> ACKNOWLEDGED = Set.of("KillSwitch", "KillSwitchClear", "OrderCommand");
    static final String COMMAND_ID = "commandId";
    private static final int CLOSE_LINGER_MS = 2_000;

    @Spec
    private CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "Fleet INI (default: ${DEFAULT-VALUE}).", defaultValue = "config/fleet.ini")
    private Path config;

    @ArgGroup(multiplicity = "1")
    private Source source;

    static final class Source
    {
        @Option(names = "--json", paramLabel = "JSON", required = true, description = "The message as JSON, with its \"type\".")
        String json;

        @Option(names = "--file", paramLabel = "FILE", required = true, description = "A file holding the message as JSON.")
        Path file;
    }

    @Option(names = "--timeout", paramLabel = "D", converter = DurationConverter.class,
        description = "How long to wait for subscribers and for each ack (default: [busctl] ACK_TIMEOUT, 5s).")
    private Duration timeout;

    @Option(names = "--ack-from", paramLabel = "DAEMON", split = ",",
        description = "Daemon(s) whose ControlAck is required (default: oms). Also the number of subscribers awaited.")
    private List<String> ackFrom = new ArrayList<>(List.of("oms"));

    @Option(names = "--subscribers", paramLabel = "N",
        description = "Subscribers to the control topic to wait for before sending (default: one per --ack-from daemon).")
    private Integer subscribers;

    @Override
    public Integer call()
    {
        final BusctlConfig loaded = BusctlConfig.load(config);
        final Duration wait = timeout != null ? timeout : loaded.ackTimeout();
        final ObjectNode message = readMessage();
        final String type = message.path(MessageEncoder.TYPE).asText();
        final boolean acknowledged = ACKNOWLEDGED.contains(type);
        final JsonNode givenId = message.get(COMMAND_ID);
        // Only an absent, null or zero id is replaced: a malformed one must reach the encoder's error.
        if (acknowledged && (givenId == null || givenId.isNull() || (givenId.isIntegralNumber() && givenId.longValue() == 0) ||
            (givenId.isTextual() && "0".equals(givenId.asText().trim()))))
        {
            message.put(COMMAND_ID, uniqueCommandId());
        }
        final SchemaIr schema = SchemaIr.load();
        final UnsafeBuffer encoded = new UnsafeBuffer(new byte[Envelope.MAX_MESSAGE_LENGTH]);
        final int length = new MessageEncoder(schema).encode(message, encoded);
        final Map<Integer, DaemonEndpoint> ackers = new LinkedHashMap<>();
        for (final String name : ackFrom)
        {
            final DaemonEndpoint daemon = loaded.daemon(name);
            ackers.put(daemon.sourceId(), daemon);
        }
        final int expectedSubscribers = subscribers != null ? subscribers : Math.max(1, ackers.size());
        if (expectedSubscribers < 1)
        {
            throw new UsageException("--subscribers must be at least 1, got " + expectedSubscribers);
        }

        final PrintWriter out = spec.commandLine().getOut();
        final EpochClock clock = new EpochClock();
        final String controlEndpoint = loaded.fleet().bus().controlEndpoint();
        try (ZContext zmq = new ZContext(1))
        {
            // A fire-and-forget command is sent just before the context closes: give it time to leave.
            zmq.setLinger(CLOSE_LINGER_MS);
            // Connected before the command goes out, so the acks have somewhere to arrive.
            final BusSubscriber ackSubscriber = new BusSubscriber(zmq, (int)loaded.fleet().bus().receiveHwm(), GapListener.NONE);
            if (acknowledged)
            {
                ackers.values().forEach(daemon -> ackSubscriber.connect(daemon.pubEndpoint()));
                ackSubscriber.subscribe(Topics.CONTROL_ACK);
            }
            final long runId = clock.nanoTime();
            final ControlPublisher publisher = bind(zmq, controlEndpoint, loaded.sourceId(), runId,
                (int)loaded.fleet().bus().sendHwm(), clock);
            if (!publisher.awaitSubscribers(Topics.CONTROL, expectedSubscribers, wait))
            {
                throw new CommandFailure(publisher.matchingSubscriptions() == 0 ?
                    "no subscriber on " + controlEndpoint + " after " + format(wait) :
                    "only " + publisher.matchingSubscriptions() + " of " + expectedSubscribers + " subscribers on " + controlEndpoint +
                        " after " + format(wait));
            }
            final long sequence = publisher.publish(encoded, 0, length);
            if (!acknowledged)
            {
                out.println("sent " + type + " seq=" + sequence + " to " + publisher.matchingSubscriptions() + " subscriber(s)");
                out.flush();
                return BusCtl.EXIT_OK;
            }
            final long commandId = message.get(COMMAND_ID).asLong();
            final int templateId = schema.message(type).get(0).id();
            return awaitAcks(ackSubscriber, publisher, encoded, length, new Requester(loaded.sourceId(), runId, commandId, templateId), ackers, wait,
                loaded.fleet().bus().retransmitInterval(), new MessageDecoder(schema), out);
        }
    }

    private static ControlPublisher bind(
        final ZContext zmq, final String endpoint, final int sourceId, final long runId, final int sendHwm, final EpochClock clock)
    {
        try
        {
            return new ControlPublisher(zmq, endpoint, sourceId, runId, sendHwm, clock);
        }
        catch (final RuntimeException ex)
        {
            throw new CommandFailure("cannot bind control endpoint " + endpoint + " (another busctl send running?): " + ex.getMessage());
        }
    }

    private int awaitAcks(
        final BusSubscriber ackSubscriber,
        final ControlPublisher publisher,
        final UnsafeBuffer encoded,
        final int length,
        final Requester requester,
        final Map<Integer, DaemonEndpoint> ackers,
        final Duration wait,
        final Duration retransmitInterval,
        final MessageDecoder decoder,
        final PrintWriter out)
    {
        final Map<Integer, DaemonEndpoint> pending = new LinkedHashMap<>(ackers);
        final List<String> rejections = new ArrayList<>();
        final ControlAckDecoder ack = new ControlAckDecoder();
        final BusMessageHandler handler = new BusMessageHandler()
        {
            @Override
            public void onMessage(final TopicView topic, final MessageHeaderDecoder header, final DirectBuffer buffer, final int messageLength)
            {
                if (header.templateId() != ControlAckDecoder.TEMPLATE_ID)
                {
                    return;
                }
                ack.wrap(buffer, Envelope.HEADER_LENGTH, header.blockLength(), header.version());
                final DaemonEndpoint daemon = pending.get(header.sourceId());
                if (daemon == null || !requester.isAnsweredBy(ack))
                {
                    return;
                }
                pending.remove(header.sourceId());
                out.println(daemon.name() + ": " + TextLine.render(decoder.decode(topic.toString(), buffer, 0, messageLength)));
                out.flush();
                // Anything but applied is a failure: REJECTED, and a status this busctl does not know.
                final AckStatus status = ack.status();
                if (status != AckStatus.APPLIED && status != AckStatus.ALREADY_APPLIED)
                {
                    rejections.add(daemon.name() + " (" + (status == AckStatus.SBE_UNKNOWN ? "status " + ack.statusRaw() : status) + ")");
                }
            }
        };
        final long start = System.nanoTime();
        final long deadline = start + wait.toNanos();
        long nextResend = start + retransmitInterval.toNanos();
        while (!pending.isEmpty())
        {
            final long now = System.nanoTime();
            if (now - deadline >= 0)
            {
                throw new CommandFailure("no ControlAck for commandId=" + requester.commandId() + " from " +
                    String.join(", ", pending.values().stream().map(DaemonEndpoint::name).toList()) + " after " + format(wait));
            }
            if (now - nextResend >= 0)
            {
                publisher.publish(encoded, 0, length);
                nextResend = now + retransmitInterval.toNanos();
            }
            if (ackSubscriber.poll(handler, 64) == 0)
            {
                LockSupport.parkNanos(500_000);
            }
        }
        if (!rejections.isEmpty())
        {
            throw new CommandFailure("commandId=" + requester.commandId() + " not applied by " + String.join(", ", rejections));
        }
        return BusCtl.EXIT_OK;
    }

    private ObjectNode readMessage()
    {
        final String text;
        final String origin;
        if (source.file != null)
        {
            try
            {
                text = Files.readString(source.file);
            }
            catch (final IOException ex)
            {
                throw new UsageException("cannot read " + source.file + ": " + ex.getMessage());
            }
            origin = source.file.toString();
        }
        else
        {
            text = source.json;
            origin = "--json";
        }
        final JsonNode node;
        try
        {
            node = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).readTree(text);
        }
        catch (final JsonProcessingException ex)
        {
            throw new UsageException(origin + " is not valid JSON: " + ex.getOriginalMessage());
        }
        if (node == null || !node.isObject())
        {
            throw new UsageException(origin + " must hold one JSON object with a \"type\"");
        }
        return (ObjectNode)node;
    }

    /** Unique across busctl runs without coordination: the millisecond clock and randomness below it. */
    static long uniqueCommandId()
    {
        return System.currentTimeMillis() * 1_000 + ThreadLocalRandom.current().nextInt(1_000);
    }

    static String format(final Duration duration)
    {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
    }

    /** Which command this run sent: an ack must name all of it, so a late ack of an earlier run never matches. */
    private record Requester(int sourceId, long runId, long commandId, int templateId)
    {
        boolean isAnsweredBy(final ControlAckDecoder ack)
        {
            return ack.commandId() == commandId && ack.commandTemplateId() == templateId &&
                ack.requesterSourceId() == sourceId && ack.requesterRunId() == runId;
        }
    }
}
