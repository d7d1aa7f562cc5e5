package io.mmfleet.bus.config;

/**
 * One key a section may hold: its type, whether it must be set, its default otherwise, and the
 * documentation a trader reads (the example INI repeats it as a comment).
 */
public record KeySpec(String key, KeyType<?> type, boolean required, Object defaultValue, String doc)
{
}
