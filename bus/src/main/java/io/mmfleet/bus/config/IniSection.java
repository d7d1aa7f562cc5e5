package io.mmfleet.bus.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code [section]} of an INI file: its entries in file order, each key at most once.
 */
public final class IniSection
{
    private final String name;
    private final int line;
    private final List<IniEntry> entries;
    private final Map<String, IniEntry> byKey;

    IniSection(final String name, final int line, final Map<String, IniEntry> byKey)
    {
        this.name = name;
        this.line = line;
        this.byKey = Collections.unmodifiableMap(new LinkedHashMap<>(byKey));
        this.entries = List.copyOf(byKey.values());
    }

    /** Name without brackets. */
    public String name()
    {
        return name;
    }

    /** Line of the {@code [section]} header. */
    public int line()
    {
        return line;
    }

    /** Entries in file order. */
    public List<IniEntry> entries()
    {
        return entries;
    }

    public Optional<IniEntry> entry(final String key)
    {
        return Optional.ofNullable(byKey.get(key));
    }

    @Override
    public String toString()
    {
        return "[" + name + "] (line " + line + ", " + entries.size() + " entries)";
    }
}
