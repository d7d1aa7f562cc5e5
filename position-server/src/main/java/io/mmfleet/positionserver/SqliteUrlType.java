package io.mmfleet.positionserver;

import io.mmfleet.bus.config.KeyType;

import java.nio.file.Path;

/**
 * A JDBC URL of a SQLite database file, {@code jdbc:sqlite:<file>[?options]}. An in-memory
 * database is refused: the ledger must outlive the process.
 */
final class SqliteUrlType implements KeyType<String>
{
    static final SqliteUrlType INSTANCE = new SqliteUrlType();
    static final String PREFIX = "jdbc:sqlite:";
    private static final String EXPECTED = "a SQLite JDBC URL jdbc:sqlite:<file> (a file, not :memory:)";

    private SqliteUrlType()
    {
    }

    @Override
    public String parse(final String raw)
    {
        if (!raw.startsWith(PREFIX))
        {
            throw new IllegalArgumentException("not jdbc:sqlite:");
        }
        final String file = file(raw);
        if (file.isBlank() || file.startsWith(":") || raw.contains("mode=memory"))
        {
            throw new IllegalArgumentException("no database file");
        }
        for (int i = 0; i < raw.length(); i++)
        {
            if (Character.isISOControl(raw.charAt(i)))
            {
                throw new IllegalArgumentException("control character at " + i);
            }
        }
        return raw;
    }

    @Override
    public String expected()
    {
        return EXPECTED;
    }

    @Override
    public String toString()
    {
        return EXPECTED;
    }

    /** The database file of a URL this type accepted, as an absolute path. */
    static Path path(final String url)
    {
        return Path.of(file(url)).toAbsolutePath().normalize();
    }

    private static String file(final String url)
    {
        final String rest = url.substring(PREFIX.length());
        final int options = rest.indexOf('?');
        return options < 0 ? rest : rest.substring(0, options);
    }
}
