package io.mmfleet.bus.config;

import picocli.CommandLine;

import java.time.Duration;

/** Command-line durations in the INI's syntax (e.g. {@code 5s}, {@code 250ms}), for picocli options. */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration>
{
    private static final KeyType<Duration> TYPE = KeyTypes.duration(Duration.ofMillis(1), Duration.ofDays(365));

    @Override
    public Duration convert(final String value)
    {
        try
        {
            return TYPE.parse(value);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new CommandLine.TypeConversionException("expected " + TYPE.expected() + ", got '" + value + "'");
        }
    }
}
