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
 * @param maxBookAgeNs               MARKET_DATA_TIMEOUT: no book and no sign of life of the feed for
 *                                   longer than this is stale market data.
 * @param maxOneSidedNs              ONE_SIDED_BOOK_TIMEOUT: a book with no usable two-sided price (ex
 *                                   our own orders) for longer than this is stale market data too.
 */
public record StrategyParams(
    SpreadParams spread,
    QuoteManagerParams quotes,
    double volatilityAlpha,
    long volatilitySampleIntervalNs,
    int volatilityWarmupSamples,
    int volatilityEventPercent,
    long maxBookAgeNs,
    long maxOneSidedNs)
{
    public StrategyParams
    {
        if (volatilityEventPercent < 1 || maxBookAgeNs <= 0 || maxOneSidedNs <= 0)
        {
            throw new IllegalArgumentException("VOLATILITY_EVENT_PERCENT must be >= 1, MARKET_DATA_TIMEOUT and ONE_SIDED_BOOK_TIMEOUT " +
                "positive, got " + volatilityEventPercent + ", " + maxBookAgeNs + "ns and " + maxOneSidedNs + "ns");
        }
    }
}
