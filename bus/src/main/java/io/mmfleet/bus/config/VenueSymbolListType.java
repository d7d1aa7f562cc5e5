package io.mmfleet.bus.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A venue connector's SYMBOLS key: {@code VENUE_SYMBOL:INSTRUMENT:PRICE_SCALE:QTY_SCALE} entries,
 * comma separated, each symbol and instrument once. Checked here, at load, so a bad entry stops the
 * daemon with the config error's exit status; whether each instrument is in {@code [instruments]}
 * is checked by {@link #resolve} against the whole file.
 */
public final class VenueSymbolListType implements KeyType<List<String>>
{
    /** Largest scale a mantissa may carry: 10^18 still fits an int64. */
    public static final int MAX_SCALE = 18;
    public static final VenueSymbolListType INSTANCE = new VenueSymbolListType();
    public static final String EXPECTED = "comma-separated VENUE_SYMBOL:INSTRUMENT:PRICE_SCALE:QTY_SCALE entries " +
        "(e.g. ETHUSDT:ETH-USDC:2:4; symbol 1..20 upper-case letters and digits, scales 0.." + MAX_SCALE +
        "), each symbol and instrument once";

    private VenueSymbolListType()
    {
    }

    @Override
    public List<String> parse(final String raw)
    {
        if (raw.isBlank())
        {
            throw new IllegalArgumentException("no symbols");
        }
        final List<String> entries = new ArrayList<>();
        final Set<String> symbols = new HashSet<>();
        final Set<String> instruments = new HashSet<>();
        for (final String part : raw.split(",", -1))
        {
            final String entry = part.strip();
            final String[] fields = entry.split(":", -1);
            if (fields.length != 4 || !fields[1].matches("[A-Z0-9]+-[A-Z0-9]+") ||
                !fields[2].matches("[0-9]{1,2}") || !fields[3].matches("[0-9]{1,2}"))
            {
                throw new IllegalArgumentException("malformed entry '" + entry + "'");
            }
            if (!fields[0].matches("[A-Z0-9]{1,20}"))
            {
                throw new IllegalArgumentException("venue symbol must be 1..20 upper-case letters and digits: '" + fields[0] + "'");
            }
            if (Integer.parseInt(fields[2]) > MAX_SCALE || Integer.parseInt(fields[3]) > MAX_SCALE)
            {
                throw new IllegalArgumentException("scales must be 0.." + MAX_SCALE + " in '" + entry + "'");
            }
            if (!symbols.add(fields[0]) || !instruments.add(fields[1]))
            {
                throw new IllegalArgumentException("repeated entry '" + entry + "'");
            }
            entries.add(entry);
        }
        return List.copyOf(entries);
    }

    @Override
    public String expected()
    {
        return EXPECTED;
    }

    @Override
    public String toString()
    {
        return EXPECTED;
    }

    /** One SYMBOLS entry with its instrument's id from {@code [instruments]}. */
    public record Entry(String venueSymbol, String instrumentName, int instrumentId, int priceScale, int qtyScale)
    {
    }

    /**
     * The section's symbols resolved against {@code [instruments]}.
     *
     * @throws ConfigException naming the key when an instrument is not in the table.
     */
    public static List<Entry> resolve(final SectionValues values, final String key, final FleetConfig fleet)
    {
        final List<Entry> entries = new ArrayList<>();
        for (final String entry : values.list(key, String.class))
        {
            final String[] parts = entry.split(":", -1);
            final Optional<Instrument> instrument = fleet.instruments().byName(parts[1]);
            if (instrument.isEmpty())
            {
                throw values.invalid(key, EXPECTED + "; '" + parts[1] + "' is not in [instruments]");
            }
            entries.add(new Entry(parts[0], parts[1], instrument.get().id(), Integer.parseInt(parts[2]), Integer.parseInt(parts[3])));
        }
        return List.copyOf(entries);
    }
}
