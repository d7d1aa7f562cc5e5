package io.mmfleet.bus.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a secret (API key, HMAC secret) from the file an INI key names; the INI holds the path,
 * never the value. A path starting with {@code $CREDENTIALS_DIRECTORY/} resolves in the directory
 * systemd passes a unit's credentials in ({@code LoadCredential=}), so the same INI works under
 * systemd and from a shell. Error messages name the file and key, never the content.
 */
public final class SecretFile
{
    static final String CREDENTIALS_PREFIX = "$CREDENTIALS_DIRECTORY/";

    private SecretFile()
    {
    }

    /** The file a configured path stands for, with {@code $CREDENTIALS_DIRECTORY/} expanded. */
    public static Path resolve(final Path configured, final String section, final String key)
    {
        final String raw = configured.toString();
        if (!raw.startsWith(CREDENTIALS_PREFIX))
        {
            return configured;
        }
        final String directory = System.getenv("CREDENTIALS_DIRECTORY");
        if (directory == null || directory.isBlank())
        {
            throw new ConfigException(raw, 0, section, key, "a path readable here",
                "CREDENTIALS_DIRECTORY is not set (the unit needs LoadCredential= for this file)");
        }
        return Path.of(directory, raw.substring(CREDENTIALS_PREFIX.length()));
    }

    /**
     * One printable ASCII token from the file.
     *
     * @throws ConfigException naming the file, section and key if it is unreadable or not one token.
     */
    public static String read(final Path configured, final String section, final String key)
    {
        final Path file = resolve(configured, section, key);
        try
        {
            final String value = Files.readString(file, StandardCharsets.US_ASCII).trim();
            if (value.isEmpty() || !value.matches("[\\x21-\\x7e]+"))
            {
                throw new ConfigException(file.toString(), 0, section, key, "one line of printable ASCII",
                    "the file is empty or holds more than one printable token");
            }
            return value;
        }
        catch (final IOException ex)
        {
            throw new ConfigException(file.toString(), 0, section, key, "a readable file", "cannot read: " + ex.getClass().getSimpleName());
        }
    }
}
