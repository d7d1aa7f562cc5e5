package io.mmfleet.bus.config;

/**
 * How the text of one INI value becomes a typed, immutable value. Implementations are pure, so a
 * reload can validate a whole file before anything takes effect.
 *
 * @param <T> the value type.
 */
public interface KeyType<T>
{
    /**
     * @param raw the value as written, trimmed.
     * @return the typed value, never null.
     * @throws IllegalArgumentException if {@code raw} is not what {@link #expected()} describes.
     */
    T parse(String raw);

    /** What is accepted, in words that complete "expected ...", e.g. "an integer between 1 and 65535". */
    String expected();
}
