package io.mmfleet.marketmaker.strategy;

import io.mmfleet.sbe.ModelType;

/**
 * Avellaneda &amp; Stoikov, "High-frequency trading in a limit order book", Quantitative Finance 8(3),
 * 2008, eqs. (29)-(30):
 * <pre>
 *   reservation price  r      = s − q·γ·σ²·(T − t)
 *   total spread       δa + δb = γ·σ²·(T − t) + (2/γ)·ln(1 + γ/k)
 *   bid = r − (δa + δb)/2,  ask = r + (δa + δb)/2
 * </pre>
 * Units, used consistently: s, r, bid, ask in price units (quote currency per base unit); q in base
 * units (net inventory: CeFi position plus DeFi residual); σ in price units per √second; T − t in
 * seconds; k per price unit (fill intensity A·exp(−k·δ)); γ in 1/(quote currency), so that γ·σ²·(T−t)
 * is in price units and γ/k is per base unit (the paper's unit order size is one base unit here).
 *
 * <p>Horizon ({@link Horizon}): finite, T is the next session end; or infinite, written as a
 * <b>constant T − t window</b> from the INI (HORIZON_WINDOW): the formulas above with T − t = τ fixed, a
 * stationary quote whose skew per unit of inventory is γσ²τ. The paper's own stationary form (§2.3,
 * reservation prices with ω = ½γ²σ²(q_max+1)²) was not used: with that ω, σ cancels from the quotes
 * entirely, so they would not react to volatility, which the spread rules here require of the model.
 * GLFT's asymptotic closed form (Guéant, Lehalle, Fernandez-Tapia 2013) is the GLFT model, a separate
 * MODEL_TYPE that is not built yet.
 *
 * <p>A (arrival rate) does not enter these formulas; it is carried for the GLFT model and the events.
 */
public final class AvellanedaStoikov implements QuoteModel
{
    private final double gamma;
    private final double k;
    private final Horizon horizon;
    private final double intensityTerm;

    /**
     * @param gamma   risk aversion γ, 1/(quote currency), > 0.
     * @param k       order book liquidity k, per price unit, > 0.
     * @param horizon T − t.
     */
    public AvellanedaStoikov(final double gamma, final double k, final Horizon horizon)
    {
        if (!(gamma > 0) || !(k > 0) || Double.isInfinite(gamma) || Double.isInfinite(k))
        {
            throw new IllegalArgumentException("gamma and k must be positive and finite, got " + gamma + " and " + k);
        }
        this.gamma = gamma;
        this.k = k;
        this.horizon = horizon;
        this.intensityTerm = 2.0 / gamma * Math.log1p(gamma / k);
    }

    @Override
    public ModelType type()
    {
        return ModelType.AVELLANEDA_STOIKOV;
    }

    @Override
    public boolean quote(final double mid, final double inventory, final double sigma, final long nowNs, final ModelQuote out)
    {
        if (!(mid > 0) || !(sigma >= 0) || Double.isInfinite(mid) || Double.isInfinite(sigma) || Double.isNaN(inventory))
        {
            return false;
        }
        final double riskTerm = gamma * sigma * sigma * horizon.secondsLeft(nowNs);
        final double reservation = mid - inventory * riskTerm;
        final double halfSpread = (riskTerm + intensityTerm) / 2;
        out.reservationPrice = reservation;
        out.bidPrice = reservation - halfSpread;
        out.askPrice = reservation + halfSpread;
        return true;
    }

    public double gamma()
    {
        return gamma;
    }

    public double k()
    {
        return k;
    }

    public Horizon horizon()
    {
        return horizon;
    }
}
