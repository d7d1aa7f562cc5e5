package io.mmfleet.bus.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The fleet's INI file validated for one program. Every section must be one the program owns
 * (validated strictly against its {@link SectionSpec}) or a known fleet section
 * ({@link FleetSections}); {@code [bus]}, {@code [instruments]} and the common keys of every
 * daemon section are validated for every program, so each one finds every publisher. Loading is
 * pure: a reload builds a new instance or throws, leaving the one in force untouched.
 */
public final class FleetConfig
{
    private final IniDocument document;
    private final Map<String, SectionValues> owned;
    private final BusConfig bus;
    private final List<DaemonEndpoint> daemons;
    private final InstrumentTable instruments;

    private FleetConfig(
        final IniDocument document,
        final Map<String, SectionValues> owned,
        final BusConfig bus,
        final List<DaemonEndpoint> daemons,
        final InstrumentTable instruments)
    {
        this.document = document;
        this.owned = Collections.unmodifiableMap(new LinkedHashMap<>(owned));
        this.bus = bus;
        this.daemons = daemons;
        this.instruments = instruments;
    }

    /**
     * Reads and validates a file; messages name it as given.
     *
     * @param owned the sections this program owns, e.g. its daemon section built with
     *              {@link DaemonSections#common(String)}; not {@code [bus]} or {@code [instruments]}.
     * @throws ConfigException on the first problem found.
     */
    public static FleetConfig load(final Path file, final List<SectionSpec> owned)
    {
        return validate(IniDocument.parse(file), owned);
    }

    /** As {@link #load(Path, List)}, from text in memory. */
    public static FleetConfig load(final String fileName, final String text, final List<SectionSpec> owned)
    {
        return validate(IniDocument.parse(fileName, text), owned);
    }

    /** The parsed file, for sections a program validates itself (e.g. every {@code [venue.*]}). */
    public IniDocument document()
    {
        return document;
    }

    /**
     * The values of a section this program owns.
     *
     * @throws IllegalArgumentException if the program did not declare it as owned.
     */
    public SectionValues section(final String name)
    {
        final SectionValues values = owned.get(name);
        if (values == null)
        {
            throw new IllegalArgumentException("[" + name + "] is not a section this program owns: " + owned.keySet());
        }
        return values;
    }

    public BusConfig bus()
    {
        return bus;
    }

    /** Every daemon section present, in file order. */
    public List<DaemonEndpoint> daemons()
    {
        return daemons;
    }

    public InstrumentTable instruments()
    {
        return instruments;
    }

    private static FleetConfig validate(final IniDocument doc, final List<SectionSpec> ownedSpecs)
    {
        final Map<String, SectionSpec> specs = new LinkedHashMap<>();
        for (final SectionSpec spec : ownedSpecs)
        {
            if (FleetSections.BUS.equals(spec.name()) || FleetSections.INSTRUMENTS.equals(spec.name()))
            {
                throw new IllegalArgumentException("[" + spec.name() + "] is validated for every program; do not own it");
            }
            if (specs.putIfAbsent(spec.name(), spec) != null)
            {
                throw new IllegalArgumentException("[" + spec.name() + "] owned twice");
            }
        }

        requireKnownSections(doc, specs);

        // Owned sections first: their strict messages (e.g. a misspelt key) say more than the
        // common-key check of the same daemon section would.
        final Map<String, SectionValues> owned = new LinkedHashMap<>();
        for (final SectionSpec spec : specs.values())
        {
            owned.put(spec.name(), spec.validate(doc));
        }
        final BusConfig bus = BusConfig.from(doc);
        final InstrumentTable instruments = InstrumentTable.from(doc);
        final List<DaemonEndpoint> daemons = DaemonSections.endpoints(doc);
        requireControlEndpointApart(doc, bus, daemons);
        return new FleetConfig(doc, owned, bus, daemons, instruments);
    }

    /** The control endpoint is bound by busctl: a daemon's PUB bound there would take its place. */
    private static void requireControlEndpointApart(final IniDocument doc, final BusConfig bus, final List<DaemonEndpoint> daemons)
    {
        for (final DaemonEndpoint daemon : daemons)
        {
            if (daemon.pubEndpoint().equals(bus.controlEndpoint()))
            {
                final int line = doc.section(daemon.name()).flatMap(s -> s.entry(DaemonSections.PUB_ENDPOINT)).map(IniEntry::line).orElse(0);
                final int controlLine = doc.section(FleetSections.BUS).flatMap(s -> s.entry(BusConfig.CONTROL_ENDPOINT)).map(IniEntry::line).orElse(0);
                throw new ConfigException(doc.fileName(), line, daemon.name(), DaemonSections.PUB_ENDPOINT, "an endpoint apart from [bus] CONTROL_ENDPOINT",
                    "expected an endpoint apart from [bus] CONTROL_ENDPOINT, got " + ConfigException.quote(daemon.pubEndpoint()) +
                    " (the control endpoint, line " + controlLine + ")");
            }
        }
    }

    private static void requireKnownSections(final IniDocument doc, final Map<String, SectionSpec> specs)
    {
        for (final IniSection section : doc.sections())
        {
            if (!specs.containsKey(section.name()) && !FleetSections.isKnown(section.name()))
            {
                final TreeSet<String> names = new TreeSet<>(FleetSections.describeKnown());
                names.addAll(specs.keySet());
                final String expected = "one of: " + String.join(", ", names);
                throw new ConfigException(
                    doc.fileName(), section.line(), section.name(), null, expected, "unknown section; expected " + expected);
            }
        }
    }
}
