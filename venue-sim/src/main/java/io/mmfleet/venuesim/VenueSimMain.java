package io.mmfleet.venuesim;

import io.mmfleet.bus.config.ConfigException;
import io.mmfleet.venuesim.binance.ApiKeyRegistry;
import io.mmfleet.venuesim.binance.BinanceVenue;
import io.mmfleet.venuesim.binance.EngineEventHub;
import io.mmfleet.venuesim.engine.Asset;
import io.mmfleet.venuesim.engine.EngineExecutor;
import io.mmfleet.venuesim.engine.FeeSchedule;
import io.mmfleet.venuesim.engine.MatchingEngine;
import io.mmfleet.venuesim.market.SyntheticMarket;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * venue-sim: a local exchange speaking Binance Spot's REST, market-stream and WebSocket API protocols over the
 * matching engine, with synthetic markets. Logs {@code event=listening rest=.. stream=.. wsapi=..} once serving;
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

        final EngineEventHub hub = new EngineEventHub();
        final MatchingEngine engine = new MatchingEngine(System::currentTimeMillis, hub);
        final Map<Long, FeeSchedule> fees = new HashMap<>();
        final java.util.List<SyntheticMarket> markets = new java.util.ArrayList<>();
        try
        {
            config.assetScales().forEach((code, scale) -> engine.addAsset(new Asset(code, scale)));
            for (final VenueSimConfig.SymbolConfig symbol : config.symbols())
            {
                engine.addInstrument(symbol.spec());
            }
            for (final VenueSimConfig.AccountConfig account : config.accounts())
            {
                final FeeSchedule fee = new FeeSchedule(account.makerFeePpm(), account.takerFeePpm());
                engine.addAccount(account.accountId(), fee);
                fees.put(account.accountId(), fee);
                account.balances().forEach((asset, amount) -> engine.deposit(account.accountId(), asset, amount));
            }
            for (final VenueSimConfig.SymbolConfig symbol : config.symbols())
            {
                if (symbol.market() != null)
                {
                    markets.add(new SyntheticMarket(symbol.market(), engine));
                }
            }
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println("config error: " + configFile + ": " + ex.getMessage());
            return ConfigException.EXIT_CODE;
        }

        final EngineExecutor executor = new EngineExecutor(engine);
        final BinanceVenue venue;
        try
        {
            venue = BinanceVenue.start(config.venue(), executor, hub, keys, fees);
        }
        catch (final IOException ex)
        {
            LOG.error("event=start_failed reason={}", ex.toString());
            executor.close();
            return 1;
        }
        for (final SyntheticMarket market : markets)
        {
            executor.schedule(config.marketTick().toMillis(), e -> market.tick());
        }
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
        {
            LOG.info("event=stopping");
            // The engine stops first so no event reaches a server that is already closed.
            executor.close();
            venue.close();
            stopped.countDown();
        }, "shutdown"));
        LOG.info("event=listening rest={} stream={} wsapi={}", venue.restPort(), venue.streamPort(), venue.wsApiPort());
        stopped.await();
        return 0;
    }

    /** Reads each account's key and secret from their files; the values are never logged. */
    private static ApiKeyRegistry loadKeys(final VenueSimConfig config)
    {
        final ApiKeyRegistry keys = new ApiKeyRegistry();
        for (final VenueSimConfig.AccountConfig account : config.accounts())
        {
            final String section = VenueSimConfig.ACCOUNT_PREFIX + account.name();
            final String apiKey = readSecret(account.apiKeyFile(), section, "API_KEY_FILE");
            final String secret = readSecret(account.secretKeyFile(), section, "SECRET_KEY_FILE");
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

    private static String readSecret(final Path file, final String section, final String key)
    {
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
            throw new ConfigException(file.toString(), 0, section, key, "a readable file", "cannot read: " + ex);
        }
    }
}
