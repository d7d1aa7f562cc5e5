package io.mmfleet.bus.config;

/**
 * A configuration file that cannot be used, with one single-line message naming the file, line,
 * section and key and what was expected there. Programs exit with {@link #EXIT_CODE} when one
 * reaches {@code main}; a SIGHUP reload that throws it keeps the values already in force.
 */
public final class ConfigException extends RuntimeException
{
    /** Process exit status for a configuration error, distinct from a crash (1). */
    public static final int EXIT_CODE = 2;

    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final String section;
    private final String key;
    private final String expected;

    /**
     * @param file     the file name as the user gave it.
     * @param line     1-based line, or 0 when the problem has no single line (a missing section).
     * @param section  the section name without brackets, or null.
     * @param key      the key, or null.
     * @param expected what would have been accepted, in words.
     * @param detail   the message after the location, e.g. {@code missing section}.
     */
    public ConfigException(
        final String file, final int line, final String section, final String key, final String expected, final String detail)
    {
        super(format(file, line, section, key, detail));
        this.file = file;
        this.line = line;
        this.section = section;
        this.key = key;
        this.expected = expected;
    }

    /**
     * A value that does not satisfy what its key expects: {@code expected <expected>, got '<raw>'}.
     */
    public static ConfigException badValue(
        final String file, final int line, final String section, final String key, final String expected, final String raw)
    {
        return new ConfigException(file, line, section, key, expected, "expected " + expected + ", got " + quote(raw));
    }

    public String file()
    {
        return file;
    }

    /** 1-based line, 0 if the problem has none. */
    public int line()
    {
        return line;
    }

    /** Section name without brackets, null if none. */
    public String section()
    {
        return section;
    }

    /** Key, null if none. */
    public String key()
    {
        return key;
    }

    public String expected()
    {
        return expected;
    }

    /** Quotes text for a message, escaping control characters so the message stays on one line. */
    static String quote(final String text)
    {
        final StringBuilder quoted = new StringBuilder(text.length() + 2).append('\'');
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (Character.isISOControl(c))
            {
                quoted.append(String.format("\\u%04x", (int)c));
            }
            else
            {
                quoted.append(c);
            }
        }
        return quoted.append('\'').toString();
    }

    private static String format(final String file, final int line, final String section, final String key, final String detail)
    {
        final StringBuilder message = new StringBuilder(128).append("config error: ").append(file);
        if (line > 0)
        {
            message.append(':').append(line);
        }
        message.append(": ");
        if (section != null)
        {
            message.append('[').append(section).append(']');
            if (key != null)
            {
                message.append(' ').append(key);
            }
            message.append(": ");
        }
        else if (key != null)
        {
            message.append(key).append(": ");
        }
        return message.append(detail).toString();
    }
}
