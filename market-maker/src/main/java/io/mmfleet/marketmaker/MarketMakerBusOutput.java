package io.mmfleet.marketmaker;

import io.mmfleet.bus.BusPublisher;
import io.mmfleet.bus.Envelope;
import io.mmfleet.bus.PendingRequests;
import io.mmfleet.bus.PublishStream;
import io.mmfleet.bus.Topics;
import io.mmfleet.marketmaker.strategy.MarketMakerOutput;
import io.mmfleet.marketmaker.strategy.Quote;
import io.mmfleet.marketmaker.strategy.StrategyEvents;
import io.mmfleet.sbe.CancelOrderRequestEncoder;
import io.mmfleet.sbe.DecimalEncoder;
import io.mmfleet.sbe.ImbalanceLevel;
import io.mmfleet.sbe.InventoryImbalanceDetectedEncoder;
import io.mmfleet.sbe.MarketMakerStartedEncoder;
import io.mmfleet.sbe.MarketMakerStoppedEncoder;
import io.mmfleet.sbe.NewOrderRequestEncoder;
import io.mmfleet.sbe.OrdStatus;
import io.mmfleet.sbe.OrderType;
import io.mmfleet.sbe.QuoteIntentEncoder;
import io.mmfleet.sbe.QuotesUpdatedEncoder;
import io.mmfleet.sbe.Side;
import io.mmfleet.sbe.SpreadAdjustedEncoder;
import io.mmfleet.sbe.SpreadReason;
import io.mmfleet.sbe.StopReason;
import io.mmfleet.sbe.TimeInForce;
import io.mmfleet.sbe.VolatilityChangedEncoder;
import org.agrona.collections.Long2LongHashMap;
import org.slf4j.Logger;

import java.math.BigDecimal;
import java.util.function.LongSupplier;

/**
 * Everything the market maker says on the bus, encoded in one place: NewOrderRequest (LIMIT_MAKER,
 * GTC) and CancelOrderRequest on {@code ord.req}, each kept in {@link PendingRequests} and
 * retransmitted until the OMS answers it; QuoteIntent and the strategy events on {@code evt}.
 *
 * <p>Answers: the OMS answers a new order with that order's OrderState (its request id) and a cancel
 * with the cancelled order's OrderState (the request id that placed it, not the cancel's) or an
 * OrderReject carrying the cancel's id. So each cancel in flight is remembered against the order it
 * targets; an OrderState of that order past the cancel (PENDING_CANCEL or final) answers it. An
 * OrderState carrying the cancel's own id is taken as the answer too, for the order it targets.
 * Encoding and matching allocate nothing.
 */
final class MarketMakerBusOutput implements MarketMakerOutput
{
    private final BusPublisher publisher;
    private final PendingRequests pending;
    private final Logger log;
    private final PublishStream requests;
    private final PublishStream events;
    private final NewOrderRequestEncoder newOrder = new NewOrderRequestEncoder();
    private final CancelOrderRequestEncoder cancelOrder = new CancelOrderRequestEncoder();
    private final QuoteIntentEncoder intent = new QuoteIntentEncoder();
    private final QuotesUpdatedEncoder quotesUpdated = new QuotesUpdatedEncoder();
    private final SpreadAdjustedEncoder spreadAdjusted = new SpreadAdjustedEncoder();
    private final InventoryImbalanceDetectedEncoder imbalance = new InventoryImbalanceDetectedEncoder();
    private final VolatilityChangedEncoder volatility = new VolatilityChangedEncoder();
    private final MarketMakerStartedEncoder started = new MarketMakerStartedEncoder();
    private final MarketMakerStoppedEncoder stopped = new MarketMakerStoppedEncoder();
    /** Order's request id → the cancel in flight for it. */
    private final Long2LongHashMap cancelByOrder = new Long2LongHashMap(0);
    /** Cancel's request id → the order's request id. */
    private final Long2LongHashMap orderByCancel = new Long2LongHashMap(0);
    private final LongSupplier epochNs;
    private MarketMakerConfig config;
    private final int strategyId;
    private final int venueId;
    private final int instrumentId;
    private final byte priceExponent;
    private final byte qtyExponent;
    private long originNs;
    // Written by the event loop only, read by the metrics scrape on the HTTP thread.
    private volatile long ordersSent;
    private volatile long cancelsSent;
    private volatile long requestsUntracked;

    MarketMakerBusOutput(final BusPublisher publisher, final PendingRequests pending, final MarketMakerConfig config,
        final LongSupplier epochNs, final Logger log)
    {
        this.publisher = publisher;
        this.pending = pending;
        this.config = config;
        this.epochNs = epochNs;
        this.log = log;
        this.strategyId = config.strategyId();
        this.venueId = config.venueId();
        this.instrumentId = config.symbol().instrumentId();
        this.priceExponent = (byte)-config.symbol().priceScale();
        this.qtyExponent = (byte)-config.symbol().qtyScale();
        requests = publisher.stream(Topics.ORDER_REQUEST);
        events = publisher.stream(Topics.EVENT);
    }

    /** The configuration MarketMakerStarted reports (after a reload). */
    void config(final MarketMakerConfig config)
    {
        this.config = config;
    }

    /**
     * The originNs of the bus message now being handled (0: none), stamped on the cancels and events it
     * causes; a new order carries the decision origin the core hands with it.
     */
    void originNs(final long originNs)
    {
        this.originNs = originNs;
    }

    long ordersSent()
    {
        return ordersSent;
    }

    long cancelsSent()
    {
        return cancelsSent;
    }

    /** Requests sent once but not kept for retransmission (the pending table was full). */
    long requestsUntracked()
    {
        return requestsUntracked;
    }

    // ---------------------------------------------------------------- answers

    /**
     * Marks what an OrderState answers and says which order it is about.
     *
     * @return the request id of the order it concerns, for the core.
     */
    long onOrderState(final long requestId, final OrdStatus status)
    {
        final long targetedOrder = orderByCancel.get(requestId);
        if (targetedOrder != 0)
        {
            pending.answered(requestId);
            forgetCancel(requestId, targetedOrder);
            return targetedOrder;
        }
        pending.answered(requestId);
        final long cancel = cancelByOrder.get(requestId);
        if (cancel != 0 && status != OrdStatus.NEW && status != OrdStatus.PARTIALLY_FILLED && status != OrdStatus.PENDING_NEW)
        {
            pending.answered(cancel);
            forgetCancel(cancel, requestId);
        }
        return requestId;
    }

    /** An OrderReject answers the request it names. */
    void onRejected(final long requestId)
    {
        pending.answered(requestId);
        forgetRequest(requestId);
    }

    /** A request out of retransmissions is no longer in flight. */
    void forgetRequest(final long requestId)
    {
        final long targetedOrder = orderByCancel.get(requestId);
        if (targetedOrder != 0)
        {
            forgetCancel(requestId, targetedOrder);
        }
    }

    /** Cancels in flight (for tests of the matching and the metrics). */
    int cancelsInFlight()
    {
        return orderByCancel.size();
    }

    private void forgetCancel(final long cancel, final long order)
    {
        orderByCancel.remove(cancel);
        if (cancelByOrder.get(order) == cancel)
        {
            cancelByOrder.remove(order);
        }
    }

    // ---------------------------------------------------------------- order actions

    @Override
    public void placePostOnly(final long requestId, final Side side, final int level, final long price, final long qty,
        final long decisionOrigin)
    {
        publisher.wrap(newOrder)
            .strategyId(strategyId)
            .requestId(requestId)
            .venueId(venueId)
            .instrumentId(instrumentId)
            .side(side)
            .orderType(OrderType.LIMIT_MAKER)
            .timeInForce(TimeInForce.GTC);
        newOrder.price().mantissa(price).exponent(priceExponent);
        newOrder.qty().mantissa(qty).exponent(qtyExponent);
        // The input that decided the order, not necessarily the one handled now (a cancel's answer lets it go out).
        publisher.publish(requests, newOrder, decisionOrigin);
        ordersSent++;
        track(requestId, newOrder.encodedLength());
    }

    @Override
    public void cancel(final long requestId, final long origRequestId, final Side side, final int level)
    {
        publisher.wrap(cancelOrder)
            .strategyId(strategyId)
            .requestId(requestId)
            .origRequestId(origRequestId)
            .venueId(venueId)
            .instrumentId(instrumentId);
        publisher.publish(requests, cancelOrder, originNs);
        cancelsSent++;
        cancelByOrder.put(origRequestId, requestId);
        orderByCancel.put(requestId, origRequestId);
        track(requestId, cancelOrder.encodedLength());
    }

    private void track(final long requestId, final int bodyLength)
    {
        if (!pending.track(requestId, requests, publisher.buffer(), 0, Envelope.HEADER_LENGTH + bodyLength, System.nanoTime()))
        {
            requestsUntracked++;
            log.error("event=request_not_tracked request={} pending={} note=\"sent once, not retransmitted\"", requestId, pending.size());
        }
    }

    // ---------------------------------------------------------------- events

    @Override
    public void spreadAdjusted(final long oldSpreadBpsE2, final long newSpreadBpsE2, final SpreadReason reason)
    {
        publisher.wrap(spreadAdjusted)
            .strategyId(strategyId)
            .venueId(venueId)
            .instrumentId(instrumentId)
            .reason(reason);
        spreadAdjusted.oldSpreadBps().mantissa(oldSpreadBpsE2).exponent((byte)-2);
        spreadAdjusted.newSpreadBps().mantissa(newSpreadBpsE2).exponent((byte)-2);
        publisher.publish(events, spreadAdjusted, originNs);
    }

    @Override
    public void inventoryImbalance(final long inventory, final long maxInventory, final long imbalancePpm, final ImbalanceLevel level)
    {
        publisher.wrap(imbalance)
            .strategyId(strategyId)
            .venueId(venueId)
            .instrumentId(instrumentId)
            .level(level);
        imbalance.inventory().mantissa(inventory).exponent(qtyExponent);
        imbalance.maxInventory().mantissa(maxInventory).exponent(qtyExponent);
        imbalance.imbalance().mantissa(imbalancePpm).exponent((byte)-6);
        publisher.publish(events, imbalance, originNs);
    }

    @Override
    public void volatilityChanged(final long oldSigma, final long newSigma)
    {
        publisher.wrap(volatility)
            .strategyId(strategyId)
            .venueId(venueId)
            .instrumentId(instrumentId);
        volatility.oldSigma().mantissa(oldSigma).exponent((byte)-StrategyEvents.SIGMA_SCALE);
        volatility.newSigma().mantissa(newSigma).exponent((byte)-StrategyEvents.SIGMA_SCALE);
        publisher.publish(events, volatility, originNs);
    }

    /** QuotesUpdated, and the QuoteIntent it stands for (latest wins). */
    @Override
    public void quotesUpdated(final Quote quote)
    {
        final byte midExponent = (byte)(priceExponent - 1);
        publisher.wrap(quotesUpdated)
            .strategyId(strategyId)
            .venueId(venueId)
            .instrumentId(instrumentId);
        side(quotesUpdated.bidPrice(), quote.hasBid(), quote.bidPrice(), priceExponent);
        side(quotesUpdated.bidQty(), quote.hasBid(), quote.bidQty(), qtyExponent);
        side(quotesUpdated.askPrice(), quote.hasAsk(), quote.askPrice(), priceExponent);
        side(quotesUpdated.askQty(), quote.hasAsk(), quote.askQty(), qtyExponent);
        quotesUpdated.reservationPrice().mantissa(quote.reservationPrice()).exponent(midExponent);
        quotesUpdated.midPrice().mantissa(quote.midPrice()).exponent(midExponent);
        quotesUpdated.spreadBps().mantissa(quote.spreadBpsE2()).exponent((byte)-2);
        publisher.publish(events, quotesUpdated, originNs);

        publisher.wrap(intent)
            .strategyId(strategyId)
            .venueId(venueId)
            .instrumentId(instrumentId);
        side(intent.bidPrice(), quote.hasBid(), quote.bidPrice(), priceExponent);
        side(intent.bidQty(), quote.hasBid(), quote.bidQty(), qtyExponent);
        side(intent.askPrice(), quote.hasAsk(), quote.askPrice(), priceExponent);
        side(intent.askQty(), quote.hasAsk(), quote.askQty(), qtyExponent);
        intent.reservationPrice().mantissa(quote.reservationPrice()).exponent(midExponent);
        intent.midPrice().mantissa(quote.midPrice()).exponent(midExponent);
        publisher.publish(events, intent, originNs);
    }

    @Override
    public void started()
    {
        log.info("event=quoting_started strategy={} venue={} instrument={}", strategyId, venueId, instrumentId);
        publisher.wrap(started)
            .strategyId(strategyId)
            .venueId(venueId)
            .instrumentId(instrumentId)
            .modelType(config.modelType())
            .horizonSeconds(config.horizonSecondsAt(epochNs.getAsLong()));
        decimal(started.gamma(), config.riskAversion());
        decimal(started.orderBookK(), config.orderBookK());
        decimal(started.arrivalA(), config.arrivalA());
        started.maxInventory().mantissa(config.spread().maxInventory()).exponent(qtyExponent);
        publisher.publish(events, started, originNs);
    }

    /** MarketMakerStopped, and an empty QuoteIntent: nothing is wanted on the book any more. */
    @Override
    public void stopped(final StopReason reason)
    {
        log.warn("event=quoting_stopped strategy={} reason={}", strategyId, reason);
        publisher.wrap(stopped)
            .strategyId(strategyId)
            .venueId(venueId)
            .instrumentId(instrumentId)
            .reason(reason)
            .text(stopText(reason));
        publisher.publish(events, stopped, originNs);

        publisher.wrap(intent)
            .strategyId(strategyId)
            .venueId(venueId)
            .instrumentId(instrumentId);
        side(intent.bidPrice(), false, 0, priceExponent);
        side(intent.bidQty(), false, 0, qtyExponent);
        side(intent.askPrice(), false, 0, priceExponent);
        side(intent.askQty(), false, 0, qtyExponent);
        side(intent.reservationPrice(), false, 0, priceExponent);
        side(intent.midPrice(), false, 0, priceExponent);
        publisher.publish(events, intent, originNs);
    }

    private static String stopText(final StopReason reason)
    {
        return switch (reason)
        {
            case KILL_SWITCH -> "kill switch engaged: quotes cancelled";
            case STALE_MARKET_DATA -> "no book or quote-server heartbeat within MARKET_DATA_TIMEOUT, or no two-sided book within " +
                "ONE_SIDED_BOOK_TIMEOUT: quotes cancelled";
            case VENUE_UNTRUSTED -> "venue status not LIVE or instrument not trading: quotes cancelled";
            case THROTTLED -> "exec-handler throttled or banned by the venue: quoting paused, orders left as they are";
            case SHUTDOWN -> "market-maker stopping: quotes cancelled";
            default -> "quoting stopped: " + reason;
        };
    }

    private static void side(final DecimalEncoder field, final boolean present, final long mantissa, final byte exponent)
    {
        if (present)
        {
            field.mantissa(mantissa).exponent(exponent);
        }
        else
        {
            field.mantissa(DecimalEncoder.mantissaNullValue()).exponent((byte)0);
        }
    }

    /** A config decimal as a bus Decimal; the INI's ranges keep it inside a long mantissa and a byte exponent. */
    private static void decimal(final DecimalEncoder field, final BigDecimal value)
    {
        final BigDecimal stripped = value.stripTrailingZeros();
        field.mantissa(stripped.unscaledValue().longValueExact()).exponent((byte)-stripped.scale());
    }
}
