package io.mmfleet.venuesim;

import io.mmfleet.venuesim.binance.ApiKeyRegistry;
import io.mmfleet.venuesim.binance.BinanceVenue;
import io.mmfleet.venuesim.binance.EngineEventHub;
import io.mmfleet.venuesim.engine.Asset;
import io.mmfleet.venuesim.engine.EngineExecutor;
import io.mmfleet.venuesim.engine.EngineListener;
import io.mmfleet.venuesim.engine.FeeSchedule;
import io.mmfleet.venuesim.engine.MatchingEngine;
import io.mmfleet.venuesim.market.DepthReplay;
import io.mmfleet.venuesim.market.ReplayPacer;
import io.mmfleet.venuesim.market.SyntheticMarket;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running venue-sim built from its configuration: the engine with its instruments and accounts, each symbol's
 * synthetic market or depth replay driven on the engine thread every {@code MARKET_TICK}, and the Binance front end.
 * {@link VenueSimMain} runs one until SIGTERM; tests run one in-process.
 */
public final class VenueSim implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(VenueSim.class);

    private final EngineExecutor executor;
    private final BinanceVenue venue;

    private VenueSim(final EngineExecutor executor, final BinanceVenue venue)
    {
        this.executor = executor;
        this.venue = venue;
    }

    /**
     * @throws IllegalArgumentException when the engine refuses the configuration (e.g. a market's start mid outside
     *     its price filter): a configuration error, nothing is left running.
     * @throws IOException when a server cannot start; nothing is left running.
     */
    public static VenueSim start(final VenueSimConfig config, final ApiKeyRegistry keys) throws IOException
    {
        return start(config, keys, List.of());
    }

    /**
     * As {@link #start(VenueSimConfig, ApiKeyRegistry)}, with {@code observers} attached to the engine's events
     * before anything trades: a test recording what the venue did, and when, without polling it. They run on the
     * engine thread, so they must be quick and must not call back into the engine.
     */
    public static VenueSim start(final VenueSimConfig config, final ApiKeyRegistry keys, final List<EngineListener> observers)
        throws IOException
    {
        final EngineEventHub hub = new EngineEventHub();
        observers.forEach(hub::attach);
        final MatchingEngine engine = new MatchingEngine(System::currentTimeMillis, hub);
        final Map<Long, FeeSchedule> fees = new HashMap<>();
        final List<SyntheticMarket> markets = new ArrayList<>();
        final List<ReplayPacer> replays = new ArrayList<>();
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
        final long tickMs = config.marketTick().toMillis();
        for (final VenueSimConfig.SymbolConfig symbol : config.symbols())
        {
            if (symbol.market() != null)
            {
                markets.add(new SyntheticMarket(symbol.market(), engine));
            }
            else if (symbol.replay() != null)
            {
                final VenueSimConfig.ReplayConfig replay = symbol.replay();
                // Built before the engine thread exists, so the first snapshot is in the book before any client
                // can connect.
                replays.add(new ReplayPacer(new DepthReplay(engine, symbol.spec().symbol(), replay.snapshots()),
                    replay.loop(), ReplayPacer.loopGapMs(replay.snapshots(), tickMs), engine.serverTimeMs()));
                LOG.info("event=depth_replay symbol={} file={} snapshots={} loop={}", symbol.spec().symbol(),
                    replay.file(), replay.snapshots().size(), replay.loop());
            }
        }

        final EngineExecutor executor = new EngineExecutor(engine);
        final BinanceVenue venue;
        try
        {
            venue = BinanceVenue.start(config.venue(), executor, hub, keys, fees);
        }
        catch (final IOException | RuntimeException ex)
        {
            executor.close();
            throw ex;
        }
        for (final SyntheticMarket market : markets)
        {
            executor.schedule(tickMs, e -> market.tick());
        }
        for (final ReplayPacer replay : replays)
        {
            executor.schedule(tickMs, e -> replay.poll(e.serverTimeMs()));
        }
        return new VenueSim(executor, venue);
    }

    public int restPort()
    {
        return venue.restPort();
    }

    public int streamPort()
    {
        return venue.streamPort();
    }

    public int wsApiPort()
    {
        return venue.wsApiPort();
    }

    /** Stops the engine first, so no event reaches a server that is already closed. */
    @Override
    public void close()
    {
        executor.close();
        venue.close();
    }
}
