package io.mmfleet.venuesim;

import io.mmfleet.bus.config.ConfigException;
import io.mmfleet.bus.config.SecretFile;
import io.mmfleet.venuesim.binance.ApiKeyRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * venue-sim: a local exchange speaking Binance Spot's REST, market-stream and WebSocket API protocols over the
 * matching engine, with synthetic markets or recorded depth replays (wired by {@link VenueSim}). Logs {@code event=listening rest=.. stream=.. wsapi=..} once serving;
 * exits 2 on a bad configuration, 1 on a start failure.
 */
@Command(name = "venue-sim", mixinStandardHelpOptions = true,
    description = "Local exchange speaking Binance Spot's wire protocol over a matching engine.")
public final class VenueSimMain implements Callable<Integer>
{
    private static final Logger LOG = LoggerFactory.getLogger(VenueSimMain.class);

    @Option(names = "--config", defaultValue = "config/fleet.ini", description = "fleet INI file (default: ${DEFAULT-VALUE})")
    private Path configFile;

    public static void main(final String[] args)
    {
        System.exit(new CommandLine(new VenueSimMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception
    {
        final VenueSimConfig config;
        final ApiKeyRegistry keys;
        try
        {
            config = VenueSimConfig.load(configFile);
            keys = loadKeys(config);
        }
        catch (final ConfigException ex)
        {
            System.err.println(ex.getMessage());
            return ConfigException.EXIT_CODE;
        }

        final VenueSim venue;
        try
        {
            venue = VenueSim.start(config, keys);
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println("config error: " + configFile + ": " + ex.getMessage());
            return ConfigException.EXIT_CODE;
        }
        catch (final IOException ex)
        {
            LOG.error("event=start_failed reason={}", ex.toString());
            return 1;
        }
        final CountDownLatch running = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
        {
            LOG.info("event=stopping");
            venue.close();
            LOG.info("event=stopped");
            // SIGTERM/SIGINT are the only way out once serving: a graceful stop is exit 0, as for
            // every daemon, not the JVM's 128 + signal.
            Runtime.getRuntime().halt(0);
        }, "shutdown"));
        LOG.info("event=listening rest={} stream={} wsapi={}", venue.restPort(), venue.streamPort(), venue.wsApiPort());
        running.await();
        return 0;
    }

    /** Reads each account's key and secret from their files; the values are never logged. */
    private static ApiKeyRegistry loadKeys(final VenueSimConfig config)
    {
        final ApiKeyRegistry keys = new ApiKeyRegistry();
        for (final VenueSimConfig.AccountConfig account : config.accounts())
        {
            final String section = VenueSimConfig.ACCOUNT_PREFIX + account.name();
            final String apiKey = SecretFile.read(account.apiKeyFile(), section, "API_KEY_FILE");
            final String secret = SecretFile.read(account.secretKeyFile(), section, "SECRET_KEY_FILE");
            try
            {
                keys.register(apiKey, account.accountId(), secret.getBytes(StandardCharsets.US_ASCII));
            }
            catch (final IllegalArgumentException ex)
            {
                throw new ConfigException(account.apiKeyFile().toString(), 0, section, "API_KEY_FILE",
                    "a key no other account uses", ex.getMessage());
            }
        }
        return keys;
    }
}
