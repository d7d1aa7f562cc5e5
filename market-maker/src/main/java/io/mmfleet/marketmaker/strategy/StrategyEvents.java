package io.mmfleet.marketmaker.strategy;

import io.mmfleet.sbe.ImbalanceLevel;
import io.mmfleet.sbe.SpreadReason;
import io.mmfleet.sbe.StopReason;

/**
 * The strategy's decisions as events (topic evt: SpreadAdjusted, InventoryImbalanceDetected,
 * VolatilityChanged, QuotesUpdated, MarketMakerStarted/Stopped); the daemon encodes them, adding
 * strategy, venue and instrument ids and, for Started, the model's parameters from its config.
 * Every value is fixed-point at the scale its name says.
 */
public interface StrategyEvents
{
    /** Sigma in events is a mantissa at this scale: 10^-8 price units per √second. */
    int SIGMA_SCALE = 8;

    /** Spreads in hundredths of a basis point (Decimal exponent −2, in bps). */
    void spreadAdjusted(long oldSpreadBpsE2, long newSpreadBpsE2, SpreadReason reason);

    /** q and MAX_INVENTORY at the quantity scale; imbalance in parts per million (exponent −6). */
    void inventoryImbalance(long inventory, long maxInventory, long imbalancePpm, ImbalanceLevel level);

    /** σ at {@link #SIGMA_SCALE}; {@code oldSigma} is 0 for the first estimate. */
    void volatilityChanged(long oldSigma, long newSigma);

    /** New orders went out for this quote (prices at the price scale, mid/reservation at price scale + 1). */
    void quotesUpdated(Quote quote);

    /** Quoting began or resumed. */
    void started();

    /** Quoting stopped (or paused, for THROTTLED) for this reason; live orders are being cancelled except on THROTTLED. */
    void stopped(StopReason reason);
}
