package io.mmfleet.bus.config;

/**
 * One {@code KEY = value} line: the key as written, the value trimmed, and its 1-based line.
 */
public record IniEntry(String key, String value, int line)
{
}
