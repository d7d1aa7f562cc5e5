/**
 * The market maker's I/O-free core, run the same by the daemon and the backtester.
 *
 * <p>Per book: {@link io.mmfleet.marketmaker.strategy.VolatilityEstimator} (σ) →
 * {@link io.mmfleet.marketmaker.strategy.QuoteModel} ({@link io.mmfleet.marketmaker.strategy.AvellanedaStoikov}) →
 * {@link io.mmfleet.marketmaker.strategy.SpreadRules} (a {@link io.mmfleet.marketmaker.strategy.Quote} and its events) →
 * {@link io.mmfleet.marketmaker.strategy.QuoteManager} (post-only orders and cancels), wired and gated by
 * {@link io.mmfleet.marketmaker.strategy.MarketMaker}, which answers through a
 * {@link io.mmfleet.marketmaker.strategy.MarketMakerOutput} the daemon implements.
 *
 * <p>Units: prices are long mantissas at the instrument's price scale and quantities at its quantity
 * scale (from the INI SYMBOL), notionals at their sum; the venue's tick, lot and minimums come from its
 * InstrumentDefinition ({@link io.mmfleet.marketmaker.strategy.InstrumentSpec}). Doubles appear only inside
 * the model and the rules' arithmetic; every price and size leaving them is rounded to the tick or lot
 * explicitly, in the direction the class comment gives. σ is in price units per √second, time in epoch
 * nanoseconds, inventory q in base units. Nothing here allocates per call once constructed.
 */
package io.mmfleet.marketmaker.strategy;
