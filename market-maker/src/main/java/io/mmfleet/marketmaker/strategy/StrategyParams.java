package io.mmfleet.marketmaker.strategy;

/**
 * Everything {@link MarketMaker} is configured with besides the model.
 *
 * @param spread                     the spread rules' parameters.
 * @param quotes                     the quote manager's parameters.
 * @param volatilityAlpha            VOLATILITY_EWMA_ALPHA: weight of a new σ² sample.
 * @param volatilitySampleIntervalNs VOLATILITY_SAMPLE_INTERVAL: least time between mid samples.
 * @param volatilityWarmupSamples    VOLATILITY_WARMUP_SAMPLES: samples before σ is used.
 * @param volatilityEventPercent     VOLATILITY_EVENT_PERCENT: a σ move of at least this share of the
 *                                   last published σ is a VolatilityChanged event.
 * @param maxBookAgeNs               MARKET_DATA_TIMEOUT: a book older than this is stale.
 */
public record StrategyParams(
    SpreadParams spread,
    QuoteManagerParams quotes,
    double volatilityAlpha,
    long volatilitySampleIntervalNs,
    int volatilityWarmupSamples,
    int volatilityEventPercent,
    long maxBookAgeNs)
{
    public StrategyParams
    {
        if (volatilityEventPercent < 1 || maxBookAgeNs <= 0)
        {
            throw new IllegalArgumentException("VOLATILITY_EVENT_PERCENT must be >= 1 and MARKET_DATA_TIMEOUT positive, got " +
                volatilityEventPercent + " and " + maxBookAgeNs + "ns");
        }
    }
}
