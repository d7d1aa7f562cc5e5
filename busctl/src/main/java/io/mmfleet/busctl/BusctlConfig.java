package io.mmfleet.busctl;

import io.mmfleet.bus.config.ConfigException;
import io.mmfleet.bus.config.DaemonEndpoint;
import io.mmfleet.bus.config.FleetConfig;
import io.mmfleet.bus.config.IniDocument;
import io.mmfleet.bus.config.KeyTypes;
import io.mmfleet.bus.config.SectionSpec;
import io.mmfleet.bus.config.SectionValues;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What busctl takes from the fleet INI: the [bus] section, every daemon's endpoints, and its own
 * optional {@code [busctl]} section (SOURCE_ID, ACK_TIMEOUT), whose defaults apply when it is absent.
 */
public record BusctlConfig(FleetConfig fleet, int sourceId, Duration ackTimeout)
{
    public static final String SECTION = "busctl";
    public static final String SOURCE_ID = "SOURCE_ID";
    public static final String ACK_TIMEOUT = "ACK_TIMEOUT";
    public static final int DEFAULT_SOURCE_ID = 900;
    public static final Duration DEFAULT_ACK_TIMEOUT = Duration.ofSeconds(5);

    public static final SectionSpec SPEC = SectionSpec.builder(SECTION)
        .optional(SOURCE_ID, KeyTypes.integer(1, 65535), (long)DEFAULT_SOURCE_ID,
            "Source id in the envelope of the commands busctl sends; unique across the fleet.")
        .optional(ACK_TIMEOUT, KeyTypes.duration(Duration.ofMillis(1), Duration.ofMinutes(10)), DEFAULT_ACK_TIMEOUT,
            "How long busctl send waits for subscribers and for each ControlAck before it fails.")
        .build();

    /**
     * @throws ConfigException if the file is unreadable or invalid.
     */
    public static BusctlConfig load(final Path file)
    {
        final boolean hasOwnSection = IniDocument.parse(file).section(SECTION).isPresent();
        final FleetConfig fleet = FleetConfig.load(file, hasOwnSection ? List.of(SPEC) : List.of());
        if (!hasOwnSection)
        {
            requireOwnSourceId(fleet, DEFAULT_SOURCE_ID, 0);
            return new BusctlConfig(fleet, DEFAULT_SOURCE_ID, DEFAULT_ACK_TIMEOUT);
        }
        final SectionValues values = fleet.section(SECTION);
        final int sourceId = (int)values.integer(SOURCE_ID);
        requireOwnSourceId(fleet, sourceId, values.line(SOURCE_ID));
        return new BusctlConfig(fleet, sourceId, values.duration(ACK_TIMEOUT));
    }

    /**
     * busctl publishes as a source of its own: sharing a daemon's id would make every receiver
     * take busctl's run for that daemon's restart and drop the daemon's messages as stragglers.
     */
    private static void requireOwnSourceId(final FleetConfig fleet, final int sourceId, final int line)
    {
        for (final DaemonEndpoint daemon : fleet.daemons())
        {
            if (daemon.sourceId() == sourceId)
            {
                final String expected = "a source id apart from every daemon's";
                throw new ConfigException(fleet.document().fileName(), line, SECTION, SOURCE_ID, expected,
                    "expected " + expected + ", got " + (line == 0 ? "the default " + sourceId : "'" + sourceId + "'") +
                    " (the SOURCE_ID of [" + daemon.name() + "])");
            }
        }
    }

    /** The daemon section of that name. */
    public DaemonEndpoint daemon(final String name)
    {
        for (final DaemonEndpoint daemon : fleet.daemons())
        {
            if (daemon.name().equals(name))
            {
                return daemon;
            }
        }
        throw new UsageException("no daemon [" + name + "] in " + fleet.document().fileName() + "; have " +
            fleet.daemons().stream().map(DaemonEndpoint::name).toList());
    }
}
