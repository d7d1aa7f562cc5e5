package io.mmfleet.quoteserver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The assignments of a systemd unit file by section and key, every value of a repeated key kept in
 * order (After=, LoadCredential=). systemd's own syntax: '#' or ';' comment lines, [Section] headers,
 * Key=Value, a trailing backslash continuing a line. What systemd makes of the values is checked by
 * systemd-analyze; this only lets a test read what the file says.
 */
final class SystemdUnitFile
{
    private final String name;
    private final Map<String, Map<String, List<String>>> sections = new LinkedHashMap<>();

    private SystemdUnitFile(final String name)
    {
        this.name = name;
    }

    static SystemdUnitFile read(final Path file) throws IOException
    {
        final SystemdUnitFile unit = new SystemdUnitFile(file.getFileName().toString());
        Map<String, List<String>> section = null;
        final StringBuilder logical = new StringBuilder();
        for (final String raw : Files.readAllLines(file))
        {
            final String line = raw.strip();
            if (logical.length() == 0 && (line.isEmpty() || line.startsWith("#") || line.startsWith(";")))
            {
                continue;
            }
            if (line.endsWith("\\"))
            {
                logical.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            logical.append(line);
            final String assignment = logical.toString();
            logical.setLength(0);
            if (assignment.startsWith("["))
            {
                section = unit.sections.computeIfAbsent(assignment.substring(1, assignment.indexOf(']')), key -> new LinkedHashMap<>());
                continue;
            }
            final int equals = assignment.indexOf('=');
            if (section == null || equals < 0)
            {
                throw new IllegalArgumentException(unit.name + ": not an assignment inside a section: " + assignment);
            }
            section.computeIfAbsent(assignment.substring(0, equals).strip(), key -> new ArrayList<>())
                .add(assignment.substring(equals + 1).strip());
        }
        return unit;
    }

    String name()
    {
        return name;
    }

    /** Every value assigned to the key in the section, in file order; empty when it is not set. */
    List<String> values(final String section, final String key)
    {
        return sections.getOrDefault(section, Map.of()).getOrDefault(key, List.of());
    }

    /** The single value of a key set exactly once. */
    String value(final String section, final String key)
    {
        final List<String> values = values(section, key);
        if (values.size() != 1)
        {
            throw new AssertionError(name + ": [" + section + "] " + key + "= expected once, found " + values);
        }
        return values.get(0);
    }

    /** The space-separated items of every value of a list-valued key (After=, Also=, ...). */
    List<String> items(final String section, final String key)
    {
        final List<String> items = new ArrayList<>();
        for (final String value : values(section, key))
        {
            for (final String item : value.split("\\s+"))
            {
                if (!item.isEmpty())
                {
                    items.add(item);
                }
            }
        }
        return items;
    }
}
