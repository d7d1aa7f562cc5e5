package io.mmfleet.venuesim.market;

import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;

import io.mmfleet.venuesim.engine.EngineExecutor;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The wiring the simulator uses: the market ticks on the engine thread via {@link EngineExecutor#schedule}. */
class SyntheticMarketOnExecutorTest
{
    @Test
    void scheduledTicksProduceEngineTrades()
    {
        final MarketFixture f = new MarketFixture(-1);
        try (EngineExecutor executor = new EngineExecutor(f.engine))
        {
            final SyntheticMarket market = executor.submit(engine -> new SyntheticMarket(new SyntheticMarketConfig(
                MarketFixture.SYMBOL, 300_000, SyntheticMarketConfig.Walk.ARITHMETIC, 0.5, 5, 3, 1_000, 1, 50.0, 5.0,
                10, 11L), engine)).join();
            executor.schedule(market.config().tickIntervalMs(), engine -> market.tick());

            final long deadline = System.nanoTime() + 20_000_000_000L;
            while (executor.submit(engine -> f.tape.size()).join() < 10)
            {
                assertTrue(System.nanoTime() < deadline, "no trades within 20 s");
                LockSupport.parkNanos(5_000_000);
            }
            assertTrue(executor.submit(engine -> market.ticks()).join() > 0);
        }
    }
}
