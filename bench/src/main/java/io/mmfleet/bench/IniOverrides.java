package io.mmfleet.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fleet INI with some keys' values replaced and everything else (comments, other keys) kept as
 * shipped, so a benchmark runs the configuration the daemons really use, changed only where it
 * says. Every key set here must already be in its section: a key renamed or dropped from the
 * shipped file fails loudly instead of leaving the default in force.
 */
final class IniOverrides
{
    private static final Pattern SECTION = Pattern.compile("^\\s*\\[([^\\]]+)]\\s*$");
    private static final Pattern KEY = Pattern.compile("^\\s*([A-Za-z0-9_.-]+)\\s*=.*$");

    private final Map<String, Map<String, String>> values = new LinkedHashMap<>();

    IniOverrides set(final String section, final String key, final String value)
    {
        values.computeIfAbsent(section, s -> new LinkedHashMap<>()).put(key, value);
        return this;
    }

    /** @throws IllegalArgumentException naming each [section] KEY that is not in {@code ini}. */
    String applyTo(final String ini)
    {
        final Map<String, Map<String, String>> pending = new LinkedHashMap<>();
        values.forEach((section, keys) -> pending.put(section, new LinkedHashMap<>(keys)));
        final StringBuilder out = new StringBuilder(ini.length() + 1024);
        String section = "";
        for (final String line : ini.split("\n", -1))
        {
            final Matcher header = SECTION.matcher(line);
            if (header.matches())
            {
                section = header.group(1).trim();
                out.append(line).append('\n');
                continue;
            }
            final Matcher key = KEY.matcher(line);
            final Map<String, String> sectionValues = pending.get(section);
            if (key.matches() && sectionValues != null && sectionValues.containsKey(key.group(1)))
            {
                out.append(key.group(1)).append(" = ").append(sectionValues.remove(key.group(1))).append('\n');
                continue;
            }
            out.append(line).append('\n');
        }
        final StringBuilder missing = new StringBuilder();
        pending.forEach((name, keys) -> keys.keySet().forEach(k -> missing.append(" [").append(name).append("] ").append(k)));
        if (missing.length() > 0)
        {
            throw new IllegalArgumentException("keys not found in the INI:" + missing);
        }
        // split(-1) kept the text after the last newline as a last, empty line: drop the newline added after it.
        out.setLength(out.length() - 1);
        return out.toString();
    }
}
