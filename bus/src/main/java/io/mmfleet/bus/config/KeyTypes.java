package io.mmfleet.bus.config;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The value types INI keys may have. Every parser is strict: what is not described by its
 * {@link KeyType#expected()} text is rejected rather than guessed at.
 */
public final class KeyTypes
{
    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");
    private static final Pattern PLAIN_DECIMAL = Pattern.compile("[+-]?[0-9]+(\\.[0-9]+)?");
    private static final Pattern DURATION = Pattern.compile("([0-9]+)(ns|us|ms|s|m|h)");
    private static final Pattern TCP_ENDPOINT = Pattern.compile(
        "tcp://(\\*|\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?):(\\*|[0-9]{1,5})");
    private static final Pattern NAMED_ENDPOINT = Pattern.compile("(ipc|inproc)://\\S+");
    private static final String[] DURATION_UNIT_NAMES = { "h", "m", "s", "ms", "us", "ns" };
    private static final ChronoUnit[] DURATION_UNITS =
        { ChronoUnit.HOURS, ChronoUnit.MINUTES, ChronoUnit.SECONDS, ChronoUnit.MILLIS, ChronoUnit.MICROS, ChronoUnit.NANOS };

    private KeyTypes()
    {
    }

    /** Any text without control characters, possibly empty. */
    public static KeyType<String> string()
    {
        return of("text without control characters", KeyTypes::textWithoutControls);
    }

    /** Text with at least one non-blank character and no control characters. */
    public static KeyType<String> nonBlank()
    {
        return of("non-blank text without control characters", raw ->
        {
            if (raw.isBlank())
            {
                throw new IllegalArgumentException("blank");
            }
            return textWithoutControls(raw);
        });
    }

    /** A decimal integer (optional sign, digits only) within [min, max]. */
    public static KeyType<Long> integer(final long min, final long max)
    {
        requireOrdered(min <= max, min, max);
        return of("an integer between " + min + " and " + max, raw ->
        {
            requireMatch(INTEGER, raw);
            final long value = Long.parseLong(raw);
            if (value < min || value > max)
            {
                throw new IllegalArgumentException("out of range");
            }
            return value;
        });
    }

    /** A decimal in plain notation (no exponent) within [min, max], kept exactly as written. */
    public static KeyType<BigDecimal> decimal(final BigDecimal min, final BigDecimal max)
    {
        requireOrdered(min.compareTo(max) <= 0, min, max);
        return of("a decimal between " + min.toPlainString() + " and " + max.toPlainString(), raw ->
        {
            requireMatch(PLAIN_DECIMAL, raw);
            final BigDecimal value = new BigDecimal(raw);
            if (value.compareTo(min) < 0 || value.compareTo(max) > 0)
            {
                throw new IllegalArgumentException("out of range");
            }
            return value;
        });
    }

    /** Exactly {@code true} or {@code false}. */
    public static KeyType<Boolean> bool()
    {
        return of("true or false", raw ->
        {
            switch (raw)
            {
                case "true":
                    return Boolean.TRUE;
                case "false":
                    return Boolean.FALSE;
                default:
                    throw new IllegalArgumentException("not a boolean");
            }
        });
    }

    /** A whole number and a unit (h, m, s, ms, us, ns), e.g. {@code 250ms}, within [min, max]. */
    public static KeyType<Duration> duration(final Duration min, final Duration max)
    {
        requireOrdered(min.compareTo(max) <= 0, min, max);
        return of("a duration between " + format(min) + " and " + format(max) + " (units h, m, s, ms, us, ns)", raw ->
        {
            final Matcher matcher = requireMatch(DURATION, raw);
            final Duration value;
            try
            {
                value = Duration.of(Long.parseLong(matcher.group(1)), unit(matcher.group(2)));
            }
            catch (final ArithmeticException ex)
            {
                throw new IllegalArgumentException("too long", ex);
            }
            if (value.compareTo(min) < 0 || value.compareTo(max) > 0)
            {
                throw new IllegalArgumentException("out of range");
            }
            return value;
        });
    }

    /** One of the given words, case-sensitive. */
    public static KeyType<String> choice(final String... allowed)
    {
        if (allowed.length == 0)
        {
            throw new IllegalArgumentException("a choice needs at least one word");
        }
        final Set<String> words = Set.of(allowed);
        return of("one of: " + String.join(", ", allowed), raw ->
        {
            if (!words.contains(raw))
            {
                throw new IllegalArgumentException("not allowed");
            }
            return raw;
        });
    }

    /** The name of a constant, ignoring case and reading '-' as '_' (so {@code busy-spin} is BUSY_SPIN). */
    public static <E extends Enum<E>> KeyType<E> enumOf(final Class<E> type)
    {
        final E[] constants = type.getEnumConstants();
        final List<String> names = new ArrayList<>(constants.length);
        for (final E constant : constants)
        {
            names.add(constant.name());
        }
        return of("one of: " + String.join(", ", names) + " (case-insensitive, '-' for '_')", raw ->
        {
            final String wanted = raw.replace('-', '_');
            for (final E constant : constants)
            {
                if (constant.name().equalsIgnoreCase(wanted))
                {
                    return constant;
                }
            }
            throw new IllegalArgumentException("no such constant");
        });
    }

    /** A ZeroMQ endpoint: {@code tcp://host:port} (port 1..65535 or '*'), {@code ipc://path}, {@code inproc://name}. */
    public static KeyType<String> endpoint()
    {
        return of("an endpoint tcp://host:port (port may be '*'), ipc://path or inproc://name", raw ->
        {
            final Matcher tcp = TCP_ENDPOINT.matcher(raw);
            if (tcp.matches())
            {
                final String port = tcp.group(3);
                if (!"*".equals(port))
                {
                    final int number = Integer.parseInt(port);
                    if (number < 1 || number > 65535)
                    {
                        throw new IllegalArgumentException("port out of range");
                    }
                }
                return raw;
            }
            requireMatch(NAMED_ENDPOINT, raw);
            return raw;
        });
    }

    /** True for a tcp endpoint bound to an ephemeral port ('*'), which the OS makes unique. */
    static boolean isWildcardPort(final String endpoint)
    {
        return endpoint.startsWith("tcp://") && endpoint.endsWith(":*");
    }

    /** An absolute URL with a host and one of the given schemes (compared ignoring case). */
    public static KeyType<URI> url(final String... schemes)
    {
        if (schemes.length == 0)
        {
            throw new IllegalArgumentException("a URL type needs at least one scheme");
        }
        final List<String> allowed = Arrays.asList(schemes);
        return of("a URL with scheme " + String.join(" or ", allowed), raw ->
        {
            final URI uri;
            try
            {
                uri = new URI(raw);
            }
            catch (final URISyntaxException ex)
            {
                throw new IllegalArgumentException(ex.getMessage(), ex);
            }
            if (uri.getScheme() == null || !allowed.contains(uri.getScheme().toLowerCase(Locale.ROOT)) || uri.getHost() == null)
            {
                throw new IllegalArgumentException("wrong scheme or no host");
            }
            return uri;
        });
    }

    /** A TCP port 0..65535, where 0 asks the OS for any free port. */
    public static KeyType<Integer> port()
    {
        return of("a port between 0 and 65535 (0 = any free port)", raw ->
        {
            requireMatch(INTEGER, raw);
            final long value = Long.parseLong(raw);
            if (value < 0 || value > 65535)
            {
                throw new IllegalArgumentException("out of range");
            }
            return (int)value;
        });
    }

    /** A file system path as written (relative paths resolve against the working directory). */
    public static KeyType<Path> path()
    {
        return of("a file path", raw -> Path.of(nonBlank().parse(raw)));
    }

    /** Elements of one type separated by commas, each trimmed; an empty value is an empty list. */
    public static <T> KeyType<List<T>> list(final KeyType<T> element)
    {
        return of("a comma-separated list, each " + element.expected(), raw ->
        {
            if (raw.isEmpty())
            {
                return List.of();
            }
            final String[] parts = raw.split(",", -1);
            final List<T> values = new ArrayList<>(parts.length);
            for (final String part : parts)
            {
                final String item = part.strip();
                if (item.isEmpty())
                {
                    throw new IllegalArgumentException("empty element");
                }
                values.add(element.parse(item));
            }
            return List.copyOf(values);
        });
    }

    /** Writes a duration in the largest unit that states it exactly, e.g. 1500ms, 2m. */
    static String format(final Duration duration)
    {
        if (duration.isZero())
        {
            return "0s";
        }
        final long nanos;
        try
        {
            nanos = duration.toNanos();
        }
        catch (final ArithmeticException ex)
        {
            return duration.toString();
        }
        for (int i = 0; i < DURATION_UNITS.length - 1; i++)
        {
            final long unitNanos = DURATION_UNITS[i].getDuration().toNanos();
            if (nanos % unitNanos == 0)
            {
                return nanos / unitNanos + DURATION_UNIT_NAMES[i];
            }
        }
        return nanos + "ns";
    }

    private static ChronoUnit unit(final String name)
    {
        for (int i = 0; i < DURATION_UNIT_NAMES.length; i++)
        {
            if (DURATION_UNIT_NAMES[i].equals(name))
            {
                return DURATION_UNITS[i];
            }
        }
        throw new IllegalArgumentException("unknown unit " + name);
    }

    private static String textWithoutControls(final String raw)
    {
        for (int i = 0; i < raw.length(); i++)
        {
            if (Character.isISOControl(raw.charAt(i)))
            {
                throw new IllegalArgumentException("control character at " + i);
            }
        }
        return raw;
    }

    private static Matcher requireMatch(final Pattern pattern, final String raw)
    {
        final Matcher matcher = pattern.matcher(raw);
        if (!matcher.matches())
        {
            throw new IllegalArgumentException("malformed");
        }
        return matcher;
    }

    private static void requireOrdered(final boolean ordered, final Object min, final Object max)
    {
        if (!ordered)
        {
            throw new IllegalArgumentException("min " + min + " is above max " + max);
        }
    }

    private static <T> KeyType<T> of(final String expected, final Function<String, T> parser)
    {
        return new KeyType<>()
        {
            @Override
            public T parse(final String raw)
            {
                return parser.apply(raw);
            }

            @Override
            public String expected()
            {
                return expected;
            }

            @Override
            public String toString()
            {
                return expected;
            }
        };
    }
}
