package io.mmfleet.bus.config;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one section may hold. Validation is a pure function from an {@link IniDocument} to an
 * immutable {@link SectionValues} (or a {@link ConfigException}), so a reload is checked in full
 * before any value is replaced.
 */
public final class SectionSpec
{
    private final String name;
    private final Map<String, KeySpec> keys;
    private final String keyList;

    private SectionSpec(final String name, final Map<String, KeySpec> keys)
    {
        this.name = name;
        this.keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
        this.keyList = keys.isEmpty() ? "no keys" : "one of: " + String.join(", ", keys.keySet().stream().sorted().toList());
    }

    public static Builder builder(final String sectionName)
    {
        return new Builder(sectionName);
    }

    /** The section name without brackets. */
    public String name()
    {
        return name;
    }

    /** The keys in the order they were declared. */
    public List<KeySpec> keys()
    {
        return List.copyOf(keys.values());
    }

    /**
     * Validates the section of this spec's name.
     *
     * @throws ConfigException if it is missing, holds an unknown key, lacks a required key, or a
     *                         value is not of its key's type.
     */
    public SectionValues validate(final IniDocument doc)
    {
        final IniSection section = doc.section(name).orElseThrow(
            () -> new ConfigException(doc.fileName(), 0, name, null, "a [" + name + "] section", "missing section"));
        return validate(doc, section);
    }

    /**
     * Validates a section found some other way, e.g. each {@code [venue.*]} section against one spec;
     * messages and the values carry that section's own name.
     */
    public SectionValues validate(final IniDocument doc, final IniSection section)
    {
        return validate(doc, section, true);
    }

    /**
     * Validates only the keys this spec knows and leaves the others alone: used for a section
     * another program owns, whose extra keys that program validates itself.
     */
    SectionValues validateKnownKeys(final IniDocument doc, final IniSection section)
    {
        return validate(doc, section, false);
    }

    private SectionValues validate(final IniDocument doc, final IniSection section, final boolean strict)
    {
        final Map<String, Object> values = new HashMap<>();
        final Map<String, IniEntry> setBy = new HashMap<>();
        for (final IniEntry entry : section.entries())
        {
            final KeySpec key = keys.get(entry.key());
            if (key == null)
            {
                if (strict)
                {
                    throw new ConfigException(
                        doc.fileName(), entry.line(), section.name(), entry.key(), keyList, "unknown key; expected " + keyList);
                }
                continue;
            }
            final Object value;
            try
            {
                value = Objects.requireNonNull(key.type().parse(entry.value()), "KeyType returned null");
            }
            catch (final IllegalArgumentException ex)
            {
                throw ConfigException.badValue(
                    doc.fileName(), entry.line(), section.name(), entry.key(), key.type().expected(), entry.value());
            }
            values.put(entry.key(), value);
            setBy.put(entry.key(), entry);
        }

        for (final KeySpec key : keys.values())
        {
            if (!setBy.containsKey(key.key()))
            {
                if (key.required())
                {
                    throw new ConfigException(
                        doc.fileName(), section.line(), section.name(), key.key(), key.type().expected(),
                        "missing; expected " + key.type().expected());
                }
                values.put(key.key(), key.defaultValue());
            }
        }
        return new SectionValues(doc.fileName(), section.name(), section.line(), values, setBy);
    }

    @Override
    public String toString()
    {
        return "SectionSpec[" + name + "] " + keyList;
    }

    /** Declares the keys of one section; a key may be declared once. */
    public static final class Builder
    {
        private final String name;
        private final Map<String, KeySpec> keys = new LinkedHashMap<>();

        private Builder(final String name)
        {
            this.name = Objects.requireNonNull(name, "name");
        }

        /** A key that must be set. */
        public Builder required(final String key, final KeyType<?> type, final String doc)
        {
            return add(new KeySpec(key, Objects.requireNonNull(type, "type"), true, null, doc));
        }

        /** A key that takes {@code defaultValue} when not set; a null default reads back as null. */
        public <T> Builder optional(final String key, final KeyType<T> type, final T defaultValue, final String doc)
        {
            return add(new KeySpec(key, Objects.requireNonNull(type, "type"), false, defaultValue, doc));
        }

        public SectionSpec build()
        {
            return new SectionSpec(name, keys);
        }

        private Builder add(final KeySpec key)
        {
            Objects.requireNonNull(key.key(), "key");
            if (keys.putIfAbsent(key.key(), key) != null)
            {
                throw new IllegalArgumentException("[" + name + "] " + key.key() + " declared twice");
            }
            return this;
        }
    }
}
