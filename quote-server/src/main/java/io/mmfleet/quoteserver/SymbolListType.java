package io.mmfleet.quoteserver;

import io.mmfleet.bus.config.KeyType;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The SYMBOLS key: {@code VENUE_SYMBOL:INSTRUMENT:PRICE_SCALE:QTY_SCALE} entries, comma separated,
 * each symbol and instrument once. Checked here, at load, so a bad entry stops the daemon with the
 * config error's exit status; whether each instrument is in {@code [instruments]} is checked when
 * the section is read against the whole file.
 */
final class SymbolListType implements KeyType<List<String>>
{
    static final SymbolListType INSTANCE = new SymbolListType();
    static final String EXPECTED = "comma-separated VENUE_SYMBOL:INSTRUMENT:PRICE_SCALE:QTY_SCALE entries " +
        "(e.g. ETHUSDT:ETH-USDC:2:4; symbol 1..20 upper-case letters and digits, scales 0.." + SymbolMapping.MAX_SCALE +
        "), each symbol and instrument once";

    private SymbolListType()
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
            // Checks the symbol and the scales' range.
            new SymbolMapping(fields[0], fields[1], 0, Integer.parseInt(fields[2]), Integer.parseInt(fields[3]));
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
}
