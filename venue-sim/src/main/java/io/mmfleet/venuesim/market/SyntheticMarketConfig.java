package io.mmfleet.venuesim.market;

import java.util.Objects;

/**
 * Parameters of one symbol's synthetic market.
 *
 * @param symbol                the engine symbol it trades
 * @param startMid              initial mid as a price mantissa at the instrument's price scale
 * @param walk                  how the mid moves
 * @param sigma                 ARITHMETIC: price units (e.g. USDT) per √second; GEOMETRIC: relative per √second
 * @param tickIntervalMs        simulated time one {@link SyntheticMarket#tick()} covers
 * @param backgroundLevels      price levels of background liquidity per side
 * @param backgroundLevelQty    quantity mantissa resting on each background level
 * @param backgroundSpreadTicks distance in ticks from the mid to the innermost background level
 * @param takerA                background taker arrivals per second per side
 * @param takerK                decay of taker reach per price unit: a taker reaches δ or further with
 *                              probability exp(−k·δ)
 * @param takerQty              quantity mantissa each taker adds beyond what rests within its reach
 * @param seed                  seed of the market's only random source
 */
public record SyntheticMarketConfig(
    String symbol,
    long startMid,
    Walk walk,
    double sigma,
    long tickIntervalMs,
    int backgroundLevels,
    long backgroundLevelQty,
    int backgroundSpreadTicks,
    double takerA,
    double takerK,
    long takerQty,
    long seed)
{
    public enum Walk
    {
        ARITHMETIC,
        GEOMETRIC
    }

    public SyntheticMarketConfig
    {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(walk, "walk");
        require(startMid > 0, "startMid must be positive, got " + startMid);
        require(sigma >= 0 && Double.isFinite(sigma), "sigma must be finite and >= 0, got " + sigma);
        require(tickIntervalMs > 0, "tickIntervalMs must be positive, got " + tickIntervalMs);
        require(backgroundLevels >= 0, "backgroundLevels must be >= 0, got " + backgroundLevels);
        require(backgroundLevels == 0 || backgroundLevelQty > 0,
            "backgroundLevelQty must be positive when there are background levels, got " + backgroundLevelQty);
        require(backgroundSpreadTicks >= 1, "backgroundSpreadTicks must be >= 1, got " + backgroundSpreadTicks);
        require(takerA >= 0 && Double.isFinite(takerA), "takerA must be finite and >= 0, got " + takerA);
        require(takerK > 0 && Double.isFinite(takerK), "takerK must be finite and positive, got " + takerK);
        require(takerQty > 0, "takerQty must be positive, got " + takerQty);
    }

    double tickSeconds()
    {
        return tickIntervalMs / 1000.0;
    }

    private static void require(final boolean condition, final String message)
    {
        if (!condition)
        {
            throw new IllegalArgumentException("synthetic market: " + message);
        }
    }
}
