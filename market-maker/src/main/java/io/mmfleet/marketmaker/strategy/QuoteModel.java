package io.mmfleet.marketmaker.strategy;

import io.mmfleet.sbe.ModelType;

/**
 * The pricing model seam (INI MODEL_TYPE): from the mid, the net inventory and σ, a reservation price
 * and a raw bid and ask. Units: prices in price units, inventory q in base units (signed, long
 * positive), σ in price units per √second, time in epoch nanoseconds. The spread rules apply after
 * the model and the quote manager after them, whatever the model. Implementations are pure and
 * allocate nothing.
 */
public interface QuoteModel
{
    ModelType type();

    /**
     * @param mid       mid price, price units, > 0.
     * @param inventory net inventory q, base units.
     * @param sigma     σ, price units per √second, finite and >= 0.
     * @param nowNs     epoch ns, for models with a horizon.
     * @param out       receives the quote.
     * @return false if the model has nothing to say for these inputs (out is then undefined).
     */
    boolean quote(double mid, double inventory, double sigma, long nowNs, ModelQuote out);
}
