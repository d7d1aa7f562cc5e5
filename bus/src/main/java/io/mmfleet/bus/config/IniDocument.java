package io.mmfleet.bus.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A syntactically valid INI file: {@code [section]} headers, {@code KEY = value} lines, full-line
 * comments starting with {@code #} or {@code ;}, and blank lines. There are no inline comments,
 * because values such as URLs may contain {@code #}. A key twice in a section, a section twice, a
 * key before any section, or any other line is an error. What the keys mean is checked later, by
 * {@link SectionSpec}.
 */
public final class IniDocument
{
    static final String SYNTAX_EXPECTED = "'[section]' or 'KEY = value'";

    private static final Pattern SECTION_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\r|\n");
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final String fileName;
    private final List<IniSection> sections;
    private final Map<String, IniSection> byName;

    private IniDocument(final String fileName, final Map<String, IniSection> byName)
    {
        this.fileName = fileName;
        this.byName = Collections.unmodifiableMap(new LinkedHashMap<>(byName));
        this.sections = List.copyOf(byName.values());
    }

    /**
     * Reads and parses a UTF-8 file; messages name it as given, so pass the path the user typed.
     *
     * @throws ConfigException if the file cannot be read or is not valid INI.
     */
    public static IniDocument parse(final Path file)
    {
        final String text;
        try
        {
            text = Files.readString(file);
        }
        catch (final IOException ex)
        {
            throw new ConfigException(
                file.toString(), 0, null, null, "a readable UTF-8 file", "cannot read: " + reason(ex));
        }
        return parse(file.toString(), text);
    }

    /**
     * Parses text held in memory (tests, reloads), naming it {@code fileName} in messages.
     *
     * @throws ConfigException if the text is not valid INI.
     */
    public static IniDocument parse(final String fileName, final String text)
    {
        final String body = !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK ? text.substring(1) : text;
        final Map<String, IniSection> sections = new LinkedHashMap<>();
        final String[] lines = LINE_BREAK.split(body, -1);

        String sectionName = null;
        int sectionLine = 0;
        Map<String, IniEntry> entries = null;
        for (int i = 0; i < lines.length; i++)
        {
            final int lineNumber = i + 1;
            final String line = lines[i].strip();
            if (line.isEmpty() || line.charAt(0) == '#' || line.charAt(0) == ';')
            {
                continue;
            }

            if (line.charAt(0) == '[')
            {
                final String name = sectionHeader(line);
                if (name == null)
                {
                    throw syntaxError(fileName, lineNumber, line);
                }
                if (sectionName != null)
                {
                    sections.put(sectionName, new IniSection(sectionName, sectionLine, entries));
                }
                final IniSection earlier = sections.get(name);
                if (earlier != null)
                {
                    throw new ConfigException(
                        fileName, lineNumber, name, null, "each section once",
                        "duplicate section (first on line " + earlier.line() + ")");
                }
                sectionName = name;
                sectionLine = lineNumber;
                entries = new LinkedHashMap<>();
                continue;
            }

            final int equals = line.indexOf('=');
            final String key = equals > 0 ? line.substring(0, equals).strip() : "";
            if (!KEY.matcher(key).matches())
            {
                throw syntaxError(fileName, lineNumber, line);
            }
            if (sectionName == null)
            {
                throw new ConfigException(
                    fileName, lineNumber, null, key, "a '[section]' header first", "key before any '[section]' header");
            }
            final IniEntry first = entries.get(key);
            if (first != null)
            {
                throw new ConfigException(
                    fileName, lineNumber, sectionName, key, "each key once per section",
                    "duplicate key (first set on line " + first.line() + ")");
            }
            entries.put(key, new IniEntry(key, line.substring(equals + 1).strip(), lineNumber));
        }
        if (sectionName != null)
        {
            sections.put(sectionName, new IniSection(sectionName, sectionLine, entries));
        }
        return new IniDocument(fileName, sections);
    }

    /** The file name as given to {@code parse}. */
    public String fileName()
    {
        return fileName;
    }

    /** Sections in file order. */
    public List<IniSection> sections()
    {
        return sections;
    }

    public Optional<IniSection> section(final String name)
    {
        return Optional.ofNullable(byName.get(name));
    }

    private static String sectionHeader(final String line)
    {
        if (line.length() < 2 || line.charAt(line.length() - 1) != ']')
        {
            return null;
        }
        final String name = line.substring(1, line.length() - 1).strip();
        return SECTION_NAME.matcher(name).matches() ? name : null;
    }

    private static ConfigException syntaxError(final String fileName, final int line, final String text)
    {
        return new ConfigException(fileName, line, null, null, SYNTAX_EXPECTED, "expected " + SYNTAX_EXPECTED + ", got " + shown(text));
    }

    /**
     * What of a bad line an error may repeat: errors reach logs, and a line that is neither a
     * section nor an entry is often a secret pasted in the wrong place. A section header is shown
     * whole; an entry's key but not its value; anything else only by its length.
     */
    private static String shown(final String text)
    {
        if (text.startsWith("["))
        {
            return ConfigException.quote(text);
        }
        final int equals = text.indexOf('=');
        if (equals >= 0)
        {
            final String key = text.substring(0, equals).strip();
            return ConfigException.quote(key.isEmpty() ? "= ..." : key + " = ...");
        }
        return "a line of " + text.length() + " characters (not repeated: it may be a secret)";
    }

    private static String reason(final IOException ex)
    {
        if (ex instanceof NoSuchFileException)
        {
            return "no such file";
        }
        if (ex instanceof AccessDeniedException)
        {
            return "permission denied";
        }
        if (ex instanceof CharacterCodingException)
        {
            return "not valid UTF-8";
        }
        return ex.getMessage() != null ? ex.getMessage() : ex.getClass().getSimpleName();
    }
}
