package io.mmfleet.venuesim.market;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.mmfleet.venuesim.engine.DepthView;
import io.mmfleet.venuesim.engine.EngineReject;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyntheticMarketTest
{
    private static final long SEED = 424_242L;

    @Test
    void sameSeedGivesTheIdenticalTradeListAndAnotherSeedDoesNot()
    {
        final List<String> first = run(SEED, SyntheticMarketConfig.Walk.GEOMETRIC);
        final List<String> second = run(SEED, SyntheticMarketConfig.Walk.GEOMETRIC);
        final List<String> other = run(SEED + 1, SyntheticMarketConfig.Walk.GEOMETRIC);

        assertTrue(first.size() > 1_000, "trades " + first.size());
        assertEquals(first, second);
        assertNotEquals(first, other);
    }

    @Test
    void arithmeticWalkHasTheConfiguredVariancePerTick()
    {
        // σ = 0.5 USDT/√s, dt = 0.1 s: increments of sd 0.5·√0.1 USDT = 15.81 mantissas.
        final MarketFixture f = new MarketFixture(-1);
        final SyntheticMarket market = new SyntheticMarket(new SyntheticMarketConfig(MarketFixture.SYMBOL, 300_000,
            SyntheticMarketConfig.Walk.ARITHMETIC, 0.5, 100, 1, 1_000, 1, 0.0, 1.0, 10, SEED), f.engine);
        final int ticks = 10_000;
        double sumSquares = 0;
        double previous = market.mid();
        for (int i = 0; i < ticks; i++)
        {
            market.tick();
            sumSquares += (market.mid() - previous) * (market.mid() - previous);
            previous = market.mid();
        }
        final double expectedVariance = 0.25 * 0.1 * 100 * 100;
        final double variance = sumSquares / ticks;
        // The sample variance of n normals has relative sd √(2/n) = 1.4%; allow 4 of them.
        assertEquals(expectedVariance, variance, expectedVariance * 4 * Math.sqrt(2.0 / ticks));
        assertEquals(0, market.takersSent());
    }

    @Test
    void backgroundLadderSitsSpreadTicksOutsideTheMid()
    {
        final MarketFixture f = new MarketFixture(-1);
        final SyntheticMarket market = new SyntheticMarket(new SyntheticMarketConfig(MarketFixture.SYMBOL, 300_000,
            SyntheticMarketConfig.Walk.ARITHMETIC, 0.0, 100, 3, 2_000, 5, 0.0, 1.0, 10, SEED), f.engine);
        market.tick();

        final DepthView depth = f.engine.depth(MarketFixture.SYMBOL, 10);
        assertEquals(3, depth.bids().size());
        assertArrayEquals(new long[]{299_995, 2_000}, depth.bids().get(0));
        assertArrayEquals(new long[]{299_993, 2_000}, depth.bids().get(2));
        assertArrayEquals(new long[]{300_005, 2_000}, depth.asks().get(0));
        assertArrayEquals(new long[]{300_007, 2_000}, depth.asks().get(2));

        market.tick();
        assertEquals(3, f.engine.depth(MarketFixture.SYMBOL, 10).asks().size());
        market.withdraw();
        assertTrue(f.engine.depth(MarketFixture.SYMBOL, 10).asks().isEmpty());
    }

    @Test
    void badConfigurationIsRefusedWithTheReason()
    {
        final IllegalArgumentException sigma = assertThrows(IllegalArgumentException.class,
            () -> new SyntheticMarketConfig("ETHUSDT", 300_000, SyntheticMarketConfig.Walk.ARITHMETIC, -1, 100, 1,
                1, 1, 1, 1, 1, 1));
        assertEquals("synthetic market: sigma must be finite and >= 0, got -1.0", sigma.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SyntheticMarketConfig("ETHUSDT", 0,
            SyntheticMarketConfig.Walk.ARITHMETIC, 0, 100, 1, 1, 1, 1, 1, 1, 1));
        final MarketFixture f = new MarketFixture(-1);
        final EngineReject unknown = assertThrows(EngineReject.class, () -> new SyntheticMarket(
            new SyntheticMarketConfig("BTCUSDT", 300_000, SyntheticMarketConfig.Walk.ARITHMETIC, 0, 100, 1, 1, 1, 1, 1,
                1, 1), f.engine));
        assertEquals(EngineReject.Reason.UNKNOWN_SYMBOL, unknown.reason());
    }

    private static List<String> run(final long seed, final SyntheticMarketConfig.Walk walk)
    {
        final MarketFixture f = new MarketFixture(-1);
        final SyntheticMarket market = new SyntheticMarket(new SyntheticMarketConfig(MarketFixture.SYMBOL, 300_000,
            walk, 0.0005, 100, 5, 500, 2, 5.0, 2.0, 50, seed), f.engine);
        for (int i = 0; i < 2_000; i++)
        {
            f.clock.addAndGet(100);
            market.tick();
        }
        assertTrue(f.held(MarketAccount.ID, "ETH") > MarketAccount.FUNDING / 2);
        assertTrue(f.held(MarketAccount.ID, "USDT") > MarketAccount.FUNDING / 2);
        return f.tape;
    }
}
