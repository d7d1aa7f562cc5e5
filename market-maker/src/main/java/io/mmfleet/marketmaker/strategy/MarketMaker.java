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
 * <p>Books are the market without our own orders ({@link #book()}): the strategy never prices off
 * its own quotes.
 *
 * <p>Quoting runs only while every gate is open, checked in this order (the first closed one is the
 * stop reason): started and not stopped (OPERATOR/SHUTDOWN as given), no kill switch (KILL_SWITCH),
 * the venue trusted and the instrument defined and trading (VENUE_UNTRUSTED), fresh market data
 * (STALE_MARKET_DATA), then the throttle not THROTTLED/BANNED (THROTTLED: a pause that sends
 * nothing; the others cancel every live order). Market data is fresh while a usable book (both
 * sides, not crossed) has been seen and the feed showed a sign of life (any book, or {@link
 * #onMarketDataAlive}) within MARKET_DATA_TIMEOUT, and the latest book has not been one-sided or
 * crossed for longer than ONE_SIDED_BOOK_TIMEOUT.
 *
 * <p>A one-sided or crossed book within that bound is a hold, not a stop: a taker swept one side
 * and the venue's makers will be back within moments, so nothing is sent (no requote on a price we
 * do not have, no cancel) and σ keeps its estimate. The bound is short because holding a resting
 * order on a side that has vanished is adverse selection, and heartbeats do not extend it: only a
 * usable book ends a hold. Until the first inventory report arrives the strategy has not started
 * quoting and publishes no stop. The venue counts as trusted until a VenueStatus says otherwise,
 * since the quote-server publishes status on changes only; a dead feed is caught by the book's
 * age. Stale market data also restarts the volatility warm-up.
 *
 * <p>Each input may be preceded by {@link #inputOrigin(long)}: an opaque long the strategy never reads,
 * only hands on with the orders that input decides (the rules are {@link QuoteManager}'s).
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
    private final ExOwnBook exOwnBook;

    private boolean running;
    private StopReason operatorStop = StopReason.SHUTDOWN;
    private boolean killSwitch;
    private boolean venueTrusted = true;
    private ThrottleState throttle = ThrottleState.OK;
    private boolean bookSeen;
    private long bestBid;
    private long bestAsk;
    private long aliveNs;
    private boolean holding;
    private long holdingSinceNs;
    private long unusableBooks;
    private boolean inventoryKnown;
    private long inventory;
    private boolean quoting;
    private boolean stale;
    private boolean sigmaPublished;
    private long publishedSigma;
    private long inputOrigin;

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
        this.exOwnBook = new ExOwnBook(quotes);
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

    /**
     * The decision origin of the inputs fed from now on (the daemon: each bus message's originNs, 0 for
     * its timer), carried by the orders they decide; it stays until set again.
     */
    public void inputOrigin(final long origin)
    {
        inputOrigin = origin;
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

    /**
     * The book to fill with the venue's levels before {@link #onBook(long)}; it takes our own
     * resting quantity out as the levels go in.
     */
    public ExOwnBook book()
    {
        return exOwnBook;
    }

    /** The venue's book as filled into {@link #book()} since its last clear. */
    public void onBook(final long nowNs)
    {
        onBook(exOwnBook.bestBid(), exOwnBook.bestAsk(), nowNs);
    }

    /**
     * The market's best bid and ask without our own orders, at the price scale (0 for a missing
     * side). A book with a side missing or crossed has no usable price: once a usable book has been
     * seen it holds (see the class comment); before that it changes nothing.
     */
    public void onBook(final long bestBid, final long bestAsk, final long nowNs)
    {
        if (bestBid <= 0 || bestAsk <= bestBid)
        {
            unusableBooks++;
            if (bookSeen)
            {
                if (!holding)
                {
                    holding = true;
                    holdingSinceNs = nowNs;
                }
                aliveNs = Math.max(aliveNs, nowNs);
            }
            evaluate(nowNs);
            return;
        }
        this.bestBid = bestBid;
        this.bestAsk = bestAsk;
        this.aliveNs = nowNs;
        this.bookSeen = true;
        this.holding = false;
        final double mid = (bestBid + (double)bestAsk) / 2 / FixedPoint.pow10(spec.priceScale());
        if (volatility.onMid(mid, nowNs) && volatility.hasEstimate())
        {
            publishVolatility();
        }
        evaluate(nowNs);
    }

    /**
     * A sign of life from the market data publisher without a new book (its Heartbeat while the venue
     * is LIVE): a quiet market is not stale. Ignored until a first usable book; it does not end or
     * extend a hold on a one-sided book.
     */
    public void onMarketDataAlive(final long nowNs)
    {
        if (bookSeen && nowNs > aliveNs)
        {
            aliveNs = nowNs;
        }
        evaluate(nowNs);
    }

    /** Books with no usable two-sided price once our own orders are out (one-sided or crossed), since the start. */
    public long unusableBooks()
    {
        return unusableBooks;
    }

    /** True while the latest book has no usable price and the strategy holds its orders as they are. */
    public boolean isHolding()
    {
        return holding && quoting;
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
        quotes.onOrderState(orderRequestId, status, leavesQty, inputOrigin);
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
        final boolean bookFresh = bookSeen && nowNs - aliveNs <= params.maxBookAgeNs() &&
            !(holding && nowNs - holdingSinceNs > params.maxOneSidedNs());
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
            quotes.evaluate(nowNs, inputOrigin, quote, reason == StopReason.THROTTLED ? QuoteManager.Mode.PAUSE : QuoteManager.Mode.CANCEL_ALL, spec);
            return;
        }
        if (holding)
        {
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
        if (quotes.evaluate(nowNs, inputOrigin, quote, QuoteManager.Mode.QUOTE, spec) > 0)
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
