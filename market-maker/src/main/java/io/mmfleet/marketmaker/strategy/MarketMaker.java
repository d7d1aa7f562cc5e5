package io.mmfleet.marketmaker.strategy;

import io.mmfleet.sbe.OrdStatus;
import io.mmfleet.sbe.RejectReason;
import io.mmfleet.sbe.StopReason;
import io.mmfleet.sbe.ThrottleState;

/**
 * One strategy on one venue's instrument, with no I/O: the daemon (and the backtester) feed it
 * books, inventory, throttle and venue status, order answers and timer ticks, and it answers through
 * a {@link MarketMakerOutput}. Book → volatility estimate → model → spread rules → quote manager, all
 * on the caller's thread, with nothing allocated per call.
 *
 * <p>Quoting runs only while every gate is open, checked in this order (the first closed one is the
 * stop reason): started and not stopped (OPERATOR/SHUTDOWN as given), no kill switch (KILL_SWITCH),
 * the venue trusted and the instrument defined and trading (VENUE_UNTRUSTED), a two-sided book with
 * a sign of life (a new book or {@link #onMarketDataAlive}) within MARKET_DATA_TIMEOUT
 * (STALE_MARKET_DATA), then the throttle not THROTTLED/BANNED (THROTTLED: a pause that sends
 * nothing; the others cancel every live order). Until the first
 * inventory report arrives the strategy has not started quoting and publishes no stop. The venue
 * counts as trusted until a VenueStatus says otherwise, since the quote-server publishes status on
 * changes only; a dead feed is caught by the book's age. Stale market data also restarts the
 * volatility warm-up.
 */
public final class MarketMaker
{
    private StrategyParams params;
    private QuoteModel model;
    private final InstrumentSpec spec;
    private final MarketMakerOutput output;
    private final VolatilityEstimator volatility;
    private final SpreadRules rules;
    private final QuoteManager quotes;
    private final ModelQuote modelQuote = new ModelQuote();
    private final Quote quote = new Quote();

    private boolean running;
    private StopReason operatorStop = StopReason.SHUTDOWN;
    private boolean killSwitch;
    private boolean venueTrusted = true;
    private ThrottleState throttle = ThrottleState.OK;
    private boolean bookSeen;
    private long bestBid;
    private long bestAsk;
    private long bookNs;
    private boolean inventoryKnown;
    private long inventory;
    private boolean quoting;
    private boolean stale;
    private boolean sigmaPublished;
    private long publishedSigma;

    public MarketMaker(
        final StrategyParams params,
        final QuoteModel model,
        final InstrumentSpec spec,
        final MarketMakerOutput output,
        final long firstRequestId)
    {
        this.params = params;
        this.model = model;
        this.spec = spec;
        this.output = output;
        this.volatility = new VolatilityEstimator(
            params.volatilityAlpha(), params.volatilitySampleIntervalNs(), params.volatilityWarmupSamples());
        this.rules = new SpreadRules(params.spread());
        this.quotes = new QuoteManager(params.quotes(), output, firstRequestId);
    }

    /**
     * New parameters and model (a reload that passed validation), in force from the next evaluation.
     * Orders in flight, the σ estimate and the event history are kept.
     *
     * @throws IllegalArgumentException if QUOTE_LEVELS changes (restart for that); nothing is changed then.
     */
    public void reconfigure(final StrategyParams params, final QuoteModel model, final long nowNs)
    {
        quotes.reconfigure(params.quotes());
        this.params = params;
        this.model = model;
        rules.reconfigure(params.spread());
        volatility.reconfigure(params.volatilityAlpha(), params.volatilitySampleIntervalNs(), params.volatilityWarmupSamples());
        evaluate(nowNs);
    }

    /** Quoting may begin once the gates open. */
    public void start(final long nowNs)
    {
        running = true;
        evaluate(nowNs);
    }

    /** Stops quoting and cancels every order; {@code reason} is published (SHUTDOWN, OPERATOR, ERROR ...). */
    public void stop(final StopReason reason, final long nowNs)
    {
        running = false;
        operatorStop = reason;
        evaluate(nowNs);
    }

    /** Best bid and ask at the price scale (0 for a missing side); a book with a side missing or crossed is unusable. */
    public void onBook(final long bestBid, final long bestAsk, final long nowNs)
    {
        if (bestBid <= 0 || bestAsk <= bestBid)
        {
            bookSeen = false;
            evaluate(nowNs);
            return;
        }
        this.bestBid = bestBid;
        this.bestAsk = bestAsk;
        this.bookNs = nowNs;
        this.bookSeen = true;
        final double mid = (bestBid + (double)bestAsk) / 2 / FixedPoint.pow10(spec.priceScale());
        if (volatility.onMid(mid, nowNs) && volatility.hasEstimate())
        {
            publishVolatility();
        }
        evaluate(nowNs);
    }

    /**
     * A sign of life from the market data publisher without a new book (its Heartbeat while the venue
     * is LIVE): a quiet market is not stale. Ignored until a first usable book.
     */
    public void onMarketDataAlive(final long nowNs)
    {
        if (bookSeen && nowNs > bookNs)
        {
            bookNs = nowNs;
        }
        evaluate(nowNs);
    }

    /** Net inventory q at the quantity scale (CeFi position plus DeFi residual, from the position-server). */
    public void onInventory(final long netInventory, final long nowNs)
    {
        inventory = netInventory;
        inventoryKnown = true;
        evaluate(nowNs);
    }

    public void onThrottle(final ThrottleState state, final long nowNs)
    {
        throttle = state;
        evaluate(nowNs);
    }

    /** From VenueStatus: true only for LIVE. */
    public void onVenueTrusted(final boolean trusted, final long nowNs)
    {
        venueTrusted = trusted;
        evaluate(nowNs);
    }

    public void onKillSwitch(final boolean engaged, final long nowNs)
    {
        killSwitch = engaged;
        evaluate(nowNs);
    }

    /**
     * An InstrumentDefinition, its Decimals as (mantissa, exponent); see {@link InstrumentSpec#apply}.
     *
     * @throws IllegalArgumentException naming the field if it does not fit the scales; the rules in
     *                                  force are kept and nothing else happens.
     */
    public void onInstrumentDefinition(
        final boolean trading,
        final long tickMantissa, final int tickExponent,
        final long lotMantissa, final int lotExponent,
        final long minQtyMantissa, final int minQtyExponent,
        final long maxQtyMantissa, final int maxQtyExponent,
        final long minNotionalMantissa, final int minNotionalExponent,
        final long nowNs)
    {
        spec.apply(trading, tickMantissa, tickExponent, lotMantissa, lotExponent, minQtyMantissa, minQtyExponent,
            maxQtyMantissa, maxQtyExponent, minNotionalMantissa, minNotionalExponent);
        evaluate(nowNs);
    }

    /** The instrument's rules in force. */
    public InstrumentSpec instrument()
    {
        return spec;
    }

    /** An OrderState for one of our orders (by the request id that placed it). */
    public void onOrderState(final long orderRequestId, final OrdStatus status, final long leavesQty, final long nowNs)
    {
        quotes.onOrderState(orderRequestId, status, leavesQty);
        evaluate(nowNs);
    }

    /** An OrderReject answering one of our requests. */
    public void onRejected(final long requestId, final RejectReason reason, final long nowNs)
    {
        quotes.onRejected(requestId, reason, nowNs);
        evaluate(nowNs);
    }

    /** The daemon gave up retransmitting an unanswered request. */
    public void onRequestGivenUp(final long requestId, final long nowNs)
    {
        quotes.onRequestGivenUp(requestId);
        evaluate(nowNs);
    }

    /** A timer tick: ages, staleness and the requote interval are time-driven. */
    public void onTimer(final long nowNs)
    {
        evaluate(nowNs);
    }

    public boolean isQuoting()
    {
        return quoting;
    }

    public QuoteManager quoteManager()
    {
        return quotes;
    }

    public VolatilityEstimator volatility()
    {
        return volatility;
    }

    /** The last quote decided (valid after a quoting evaluation). */
    public Quote lastQuote()
    {
        return quote;
    }

    private void evaluate(final long nowNs)
    {
        if (!inventoryKnown)
        {
            return;
        }
        final boolean bookFresh = bookSeen && nowNs - bookNs <= params.maxBookAgeNs();
        if (!bookFresh && !stale)
        {
            volatility.reset();
        }
        stale = !bookFresh;

        final StopReason reason;
        if (!running)
        {
            reason = operatorStop;
        }
        else if (killSwitch)
        {
            reason = StopReason.KILL_SWITCH;
        }
        else if (!venueTrusted || !spec.isTradable())
        {
            reason = StopReason.VENUE_UNTRUSTED;
        }
        else if (!bookFresh)
        {
            reason = StopReason.STALE_MARKET_DATA;
        }
        else if (throttle == ThrottleState.THROTTLED || throttle == ThrottleState.BANNED)
        {
            reason = StopReason.THROTTLED;
        }
        else
        {
            reason = null;
        }

        if (reason != null)
        {
            if (quoting)
            {
                quoting = false;
                output.stopped(reason);
            }
            quotes.evaluate(nowNs, quote, reason == StopReason.THROTTLED ? QuoteManager.Mode.PAUSE : QuoteManager.Mode.CANCEL_ALL, spec);
            return;
        }
        if (!quoting)
        {
            quoting = true;
            output.started();
        }
        final double mid = (bestBid + (double)bestAsk) / 2 / FixedPoint.pow10(spec.priceScale());
        final double q = inventory / (double)FixedPoint.pow10(spec.qtyScale());
        final double sigma = volatility.sigma();
        final boolean modelQuoted = volatility.hasEstimate() && model.quote(mid, q, sigma, nowNs, modelQuote);
        rules.apply(bestBid, bestAsk, inventory, sigma, modelQuoted ? modelQuote : null, throttle, spec, quote);
        if (quote.spreadAdjusted())
        {
            output.spreadAdjusted(quote.previousSpreadBpsE2(), quote.spreadBpsE2(), quote.spreadReason());
        }
        if (quote.imbalanceChanged())
        {
            output.inventoryImbalance(inventory, params.spread().maxInventory(), quote.imbalancePpm(), quote.imbalanceLevel());
        }
        if (quotes.evaluate(nowNs, quote, QuoteManager.Mode.QUOTE, spec) > 0)
        {
            output.quotesUpdated(quote);
        }
    }

    private void publishVolatility()
    {
        final long sigma = Math.round(volatility.sigma() * FixedPoint.pow10(StrategyEvents.SIGMA_SCALE));
        if (!sigmaPublished || Math.abs(sigma - publishedSigma) * 100 >= (long)params.volatilityEventPercent() * publishedSigma)
        {
            output.volatilityChanged(sigmaPublished ? publishedSigma : 0, sigma);
            sigmaPublished = true;
            publishedSigma = sigma;
        }
    }
}
