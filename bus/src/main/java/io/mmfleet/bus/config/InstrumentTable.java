package io.mmfleet.bus.config;

import org.agrona.collections.Int2ObjectHashMap;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code [instruments]} table, one {@code NAME = id} line per instrument, e.g.
 * {@code ETH-USDC = 1}. Names are BASE-QUOTE in upper-case letters and digits; ids are unique.
 */
public final class InstrumentTable
{
    static final String NAME_EXPECTED = "an instrument name BASE-QUOTE in upper-case letters and digits";
    static final String UNIQUE_ID_EXPECTED = "an id unique in [" + FleetSections.INSTRUMENTS + "]";

    private static final Pattern NAME = Pattern.compile("[A-Z0-9]+-[A-Z0-9]+");
    private static final KeyType<Long> ID = KeyTypes.integer(1, Integer.MAX_VALUE);

    private final List<Instrument> instruments;
    private final List<String> names;
    private final Map<String, Instrument> byName;
    private final Int2ObjectHashMap<Instrument> byId;

    private InstrumentTable(final List<Instrument> instruments)
    {
        this.instruments = List.copyOf(instruments);
        final List<String> names = new ArrayList<>(instruments.size());
        final Map<String, Instrument> byName = new HashMap<>();
        this.byId = new Int2ObjectHashMap<>();
        for (final Instrument instrument : instruments)
        {
            names.add(instrument.name());
            byName.put(instrument.name(), instrument);
            byId.put(instrument.id(), instrument);
        }
        this.names = List.copyOf(names);
        this.byName = Map.copyOf(byName);
    }

    /**
     * Validates {@code [instruments]} of a document.
     *
     * @throws ConfigException if the section is missing, a name is malformed, or an id is invalid or reused.
     */
    public static InstrumentTable from(final IniDocument doc)
    {
        final IniSection section = doc.section(FleetSections.INSTRUMENTS).orElseThrow(
            () -> new ConfigException(
                doc.fileName(), 0, FleetSections.INSTRUMENTS, null, "an [instruments] section", "missing section"));
        final List<Instrument> instruments = new ArrayList<>();
        final Map<Integer, IniEntry> entryById = new HashMap<>();
        for (final IniEntry entry : section.entries())
        {
            if (!NAME.matcher(entry.key()).matches())
            {
                throw ConfigException.badValue(
                    doc.fileName(), entry.line(), section.name(), entry.key(), NAME_EXPECTED, entry.key());
            }
            final int id;
            try
            {
                id = ID.parse(entry.value()).intValue();
            }
            catch (final IllegalArgumentException ex)
            {
                throw ConfigException.badValue(
                    doc.fileName(), entry.line(), section.name(), entry.key(), ID.expected(), entry.value());
            }
            final IniEntry earlier = entryById.putIfAbsent(id, entry);
            if (earlier != null)
            {
                throw new ConfigException(
                    doc.fileName(), entry.line(), section.name(), entry.key(), UNIQUE_ID_EXPECTED,
                    "expected " + UNIQUE_ID_EXPECTED + ", got " + ConfigException.quote(entry.value()) +
                    " (already used by " + earlier.key() + " on line " + earlier.line() + ")");
            }
            instruments.add(new Instrument(entry.key(), id));
        }
        return new InstrumentTable(instruments);
    }

    public Optional<Instrument> byName(final String name)
    {
        return Optional.ofNullable(byName.get(name));
    }

    public Optional<Instrument> byId(final int id)
    {
        return Optional.ofNullable(byId.get(id));
    }

    /** Names in file order. */
    public List<String> names()
    {
        return names;
    }

    /** Instruments in file order. */
    public List<Instrument> all()
    {
        return instruments;
    }

    public int size()
    {
        return instruments.size();
    }

    @Override
    public String toString()
    {
        return "InstrumentTable" + instruments;
    }
}
