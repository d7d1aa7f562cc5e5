package io.mmfleet.venuesim.binance;

import io.mmfleet.venuesim.engine.Asset;
import io.mmfleet.venuesim.engine.EngineExecutor;
import io.mmfleet.venuesim.engine.FeeSchedule;
import io.mmfleet.venuesim.engine.InstrumentSpec;
import io.mmfleet.venuesim.engine.MatchingEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * An engine with ETHUSDT (price 0.01, qty 0.0001, min notional 5 USDT) and two funded accounts, behind the Binance
 * front end on ephemeral loopback ports. Account 1 signs with the docs' example keys.
 */
final class TestVenue implements AutoCloseable
{
    static final long MAKER = 1;
    static final long TAKER = 2;
    static final String MAKER_KEY = SigningTest.DOC_API_KEY;
    static final String MAKER_SECRET = SigningTest.DOC_SECRET;
    static final String TAKER_KEY = "takerKeyTakerKeyTakerKeyTakerKeyTakerKeyTakerKeyTakerKeyTakerKey";
    static final String TAKER_SECRET = "takerSecretTakerSecretTakerSecretTakerSecretTakerSecretTakerSecr";
    static final FeeSchedule FEES = new FeeSchedule(1000, 1000);

    final EngineExecutor executor;
    final BinanceVenue venue;

    TestVenue(final BinanceVenueConfig config) throws IOException
    {
        final EngineEventHub hub = new EngineEventHub();
        final MatchingEngine engine = new MatchingEngine(System::currentTimeMillis, hub);
        engine.addAsset(new Asset("ETH", 8));
        engine.addAsset(new Asset("USDT", 8));
        engine.addInstrument(new InstrumentSpec("ETHUSDT", "ETH", "USDT", 2, 4, 1, 1, 0, 1, 1, 10_000_000,
            500_000_000L, 0));
        for (final long account : new long[] {MAKER, TAKER})
        {
            engine.addAccount(account, FEES);
            engine.deposit(account, "USDT", 100_000_00000000L);
            engine.deposit(account, "ETH", 100_00000000L);
        }
        executor = new EngineExecutor(engine);
        final ApiKeyRegistry keys = new ApiKeyRegistry();
        keys.register(MAKER_KEY, MAKER, MAKER_SECRET.getBytes(StandardCharsets.US_ASCII));
        keys.register(TAKER_KEY, TAKER, TAKER_SECRET.getBytes(StandardCharsets.US_ASCII));
        venue = BinanceVenue.start(config, executor, hub, keys, Map.of(MAKER, FEES, TAKER, FEES));
    }

    TestVenue() throws IOException
    {
        this(BinanceVenueConfig.loopbackDefaults());
    }

    @Override
    public void close()
    {
        venue.close();
        executor.close();
    }
}
