package io.mmfleet.bus.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The validated, typed values of one section: every key its spec declares, set or defaulted.
 * Immutable, so a daemon can swap a whole new set in on reload. Asking for a key the spec does
 * not declare, or with the wrong type, is a programming error ({@link IllegalArgumentException}).
 */
public final class SectionValues
{
    private final String fileName;
    private final String sectionName;
    private final int sectionLine;
    private final Map<String, Object> values;
    private final Map<String, IniEntry> setBy;

    SectionValues(
        final String fileName,
        final String sectionName,
        final int sectionLine,
        final Map<String, Object> values,
        final Map<String, IniEntry> setBy)
    {
        this.fileName = fileName;
        this.sectionName = sectionName;
        this.sectionLine = sectionLine;
        this.values = Collections.unmodifiableMap(new HashMap<>(values));
        this.setBy = Map.copyOf(setBy);
    }

    public String fileName()
    {
        return fileName;
    }

    public String sectionName()
    {
        return sectionName;
    }

    /** Line of the section header. */
    public int sectionLine()
    {
        return sectionLine;
    }

    /** The value of {@code key}; null only for an optional key declared with a null default and not set. */
    public <T> T get(final String key, final Class<T> type)
    {
        final Object value = value(key);
        if (value != null && !type.isInstance(value))
        {
            throw new IllegalArgumentException(
                "[" + sectionName + "] " + key + " holds a " + value.getClass().getSimpleName() + ", not a " + type.getSimpleName());
        }
        return type.cast(value);
    }

    public String string(final String key)
    {
        return get(key, String.class);
    }

    /** An integer or port key. */
    public long integer(final String key)
    {
        final Object value = value(key);
        if (value instanceof Long || value instanceof Integer)
        {
            return ((Number)value).longValue();
        }
        throw new IllegalArgumentException("[" + sectionName + "] " + key + " is not an integer key");
    }

    public BigDecimal decimal(final String key)
    {
        return get(key, BigDecimal.class);
    }

    public boolean bool(final String key)
    {
        return get(key, Boolean.class);
    }

    public Duration duration(final String key)
    {
        return get(key, Duration.class);
    }

    /** A list key whose elements are all of type {@code element}. */
    public <T> List<T> list(final String key, final Class<T> element)
    {
        final List<?> list = get(key, List.class);
        for (final Object item : list)
        {
            if (!element.isInstance(item))
            {
                throw new IllegalArgumentException("[" + sectionName + "] " + key + " is not a list of " + element.getSimpleName());
            }
        }
        @SuppressWarnings("unchecked")
        final List<T> typed = (List<T>)list;
        return typed;
    }

    /** Line where {@code key} was set, 0 if it took its default. */
    public int line(final String key)
    {
        value(key);
        final IniEntry entry = setBy.get(key);
        return entry != null ? entry.line() : 0;
    }

    /** The value as written, or null if the key took its default. */
    public String raw(final String key)
    {
        value(key);
        final IniEntry entry = setBy.get(key);
        return entry != null ? entry.value() : null;
    }

    /**
     * An error for a value that is well-typed but unacceptable in context, e.g. a minimum above its
     * maximum: it points at the line that set the key (the section header if defaulted).
     */
    public ConfigException invalid(final String key, final String expected)
    {
        final IniEntry entry = setBy.get(key);
        if (entry != null)
        {
            return ConfigException.badValue(fileName, entry.line(), sectionName, key, expected, entry.value());
        }
        return new ConfigException(
            fileName, sectionLine, sectionName, key, expected,
            "expected " + expected + ", got the default " + ConfigException.quote(describe(value(key))) + "; set it");
    }

    @Override
    public String toString()
    {
        return "[" + sectionName + "] " + values;
    }

    /** A default as a trader would write it in the file. */
    private static String describe(final Object value)
    {
        if (value instanceof Duration)
        {
            return KeyTypes.format((Duration)value);
        }
        if (value instanceof BigDecimal)
        {
            return ((BigDecimal)value).toPlainString();
        }
        if (value instanceof List)
        {
            final StringBuilder items = new StringBuilder();
            for (final Object item : (List<?>)value)
            {
                items.append(items.length() == 0 ? "" : ", ").append(describe(item));
            }
            return items.toString();
        }
        return String.valueOf(value);
    }

    private Object value(final String key)
    {
        if (!values.containsKey(key))
        {
            throw new IllegalArgumentException("[" + sectionName + "] declares no key " + key);
        }
        return values.get(key);
    }
}
