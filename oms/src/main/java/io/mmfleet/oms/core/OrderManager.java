package io.mmfleet.oms.core;

import io.mmfleet.bus.runtime.KillSwitchState;
import io.mmfleet.sbe.ExecType;
import io.mmfleet.sbe.KillScope;
import io.mmfleet.sbe.OrdStatus;
import io.mmfleet.sbe.RejectReason;
import io.mmfleet.sbe.Side;
import org.agrona.collections.IntArrayList;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.Long2ObjectHashMap;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The OMS core: takes strategies' requests through pre-trade risk, gives each order a client order
 * id and sends its commands, applies execution reports to each order's state machine
 * ({@link ManagedOrder}), keeps the exposure current, and acts on the kill switch and the dead man
 * switch. Everything goes out through {@link OmsOutput}; every time is epoch ns given by the caller.
 * <p>
 * Rules it keeps:
 * <ul>
 * <li>Requests are deduped by (strategy, request id): a resend is answered with the order's
 *     current OrderState and sends nothing. A refused request is not remembered, so its resend is
 *     checked again (it may then pass: the first answer the strategy sees wins).</li>
 * <li>A cancel is answered by the order's OrderState (PENDING_CANCEL, or its outcome if it is
 *     already over); a cancel of an order the OMS does not know is refused (UNKNOWN_ORDER).</li>
 * <li>A replace is a cancel of the old order plus a new order (the exec-handler has no replace),
 *     sent together; the new one is risk-checked with the old one still counted, and both count
 *     until the cancel is answered. It keeps the old order's type and time in force.</li>
 * <li>A NEW command the daemon gave up retransmitting leaves its order UNKNOWN and sends a status
 *     query; the answering report resolves it (a status query refused as UNKNOWN_ORDER means the
 *     order never reached the venue: REJECTED).</li>
 * <li>A report for an order this OMS does not hold (one of an earlier run, recovered from the
 *     exec-handler's snapshot; or one evicted long ago) is adopted if the order is live, so it is
 *     counted and can be cancelled (by its strategy too, when the report brings the request id
 *     that made it: {@link ExecReport#recoveredRequestId}); a TRADE report's fill counts either way.
 *     A finished one is adopted (and its state published) only when it brings the request id of
 *     a strategy run still going: that strategy waits for its outcome.</li>
 * <li>A strategy's new run ends its earlier runs: their live orders are cancelled at once, and
 *     any found later (adopted, or reported late) too ({@link #onStrategyRun}).</li>
 * <li>While a kill switch covers an order's venue or strategy, or its strategy's dead man switch
 *     has fired, an order still live when a report arrives is cancelled. A strategy whose dead man
 *     switch fired has its new orders refused (KILL_SWITCH) until its next heartbeat.</li>
 * </ul>
 * Steady state allocates nothing: orders come from a pool of {@code 2 × maxLiveOrders}; finished
 * ones are kept (up to {@code maxLiveOrders}) to answer late resends and reports, and given up
 * oldest first when the pool runs dry, so up to {@code 2 × maxLiveOrders} can be live at once. Allocation remains
 * on rare paths: an order id of an earlier run (a String key), a pair or strategy seen the first time.
 */
public final class OrderManager
{
    /** Request ids are packed with the strategy id into one long key. */
    public static final long MAX_REQUEST_ID = (1L << 48) - 1;

    private final PreTradeRisk risk;
    private final ExposureBook exposure;
    private final ClientOrderIds ids;
    private final KillSwitchState killSwitch;
    private final DeadManSwitch deadMan;
    private final CancelAllTracker cancelAlls;
    private final OmsOutput output;
    private final Long2ObjectHashMap<ManagedOrder> byCounter;
    private final Long2ObjectHashMap<ManagedOrder> byRequest;
    private final Long2ObjectHashMap<ManagedOrder> byCommand;
    private final Map<String, ManagedOrder> byForeignId = new HashMap<>();
    private final ArrayDeque<ManagedOrder> pool;
    private final List<ManagedOrder> live;
    private final ManagedOrder[] recentlyFinished;
    private final IntArrayList silentStrategies = new IntArrayList();
    /** Strategy id → its run heard last (0: none yet); see {@link #onStrategyRun}. */
    private final Long2LongHashMap runByStrategy = new Long2LongHashMap(0);
    private final CancelAllTracker.Sender cancelAllSender;
    private final CancelAllTracker.CommandIds commandIds;
    private int recentHead;
    private int recentCount;
    private long lastCommandId;

    public OrderManager(
        final PreTradeRisk risk,
        final ClientOrderIds ids,
        final KillSwitchState killSwitch,
        final DeadManSwitch deadMan,
        final CancelAllTracker cancelAlls,
        final OmsOutput output,
        final int maxLiveOrders)
    {
        if (maxLiveOrders < 1)
        {
            throw new IllegalArgumentException("maxLiveOrders must be positive: " + maxLiveOrders);
        }
        this.risk = risk;
        this.exposure = risk.exposure();
        this.ids = ids;
        this.killSwitch = killSwitch;
        this.deadMan = deadMan;
        this.cancelAlls = cancelAlls;
        this.output = output;
        final int capacity = 2 * maxLiveOrders;
        byCounter = new Long2ObjectHashMap<>(2 * capacity, 0.65f);
        byRequest = new Long2ObjectHashMap<>(2 * capacity, 0.65f);
        byCommand = new Long2ObjectHashMap<>(6 * capacity, 0.65f);
        pool = new ArrayDeque<>(capacity);
        for (int i = 0; i < capacity; i++)
        {
            pool.add(new ManagedOrder());
        }
        live = new ArrayList<>(capacity);
        recentlyFinished = new ManagedOrder[maxLiveOrders];
        cancelAllSender = output::sendCancelAll;
        commandIds = this::nextCommandId;
    }

    // ---------------------------------------------------------------- market, positions, venues

    /** Best bid and ask of the pair's book (see {@link PreTradeRisk#onBook}). */
    public void onBook(final int venueId, final int instrumentId, final long bidMantissa, final int bidExponent,
        final long askMantissa, final int askExponent, final long nowNs)
    {
        risk.onBook(venueId, instrumentId, bidMantissa, bidExponent, askMantissa, askExponent, nowNs);
    }

    /** A book with a bid or ask side missing (see {@link PreTradeRisk#onBookWithoutMid}). */
    public void onBookWithoutMid(final int venueId, final int instrumentId, final long nowNs)
    {
        risk.onBookWithoutMid(venueId, instrumentId, nowNs);
    }

    /** VenueStatus: LIVE means the pair's book can be trusted; anything else refuses new orders on it. */
    public void onBookTrusted(final int venueId, final int instrumentId, final boolean trusted)
    {
        risk.onBookTrusted(venueId, instrumentId, trusted);
    }

    /** See {@link PreTradeRisk#onMarketDataAlive}. */
    public void onMarketDataAlive(final long nowNs)
    {
        risk.onMarketDataAlive(nowNs);
    }

    /** An InstrumentDefinition: the pair trades on the venue, so a kill switch cancels all on it. */
    public void onInstrumentDefinition(final int venueId, final int instrumentId)
    {
        exposure.pair(venueId, instrumentId).tradable = true;
    }

    /** The venue's own new-order limit (ThrottleStatus orderLimit10s: {@code limit} per 10 s). */
    public void onVenueOrderLimit(final int venueId, final long limit, final long venueWindowNs)
    {
        risk.rateLimiter().venueLimit(venueId, limit, venueWindowNs);
    }

    /**
     * A PositionUpdate: Decimals as carried; PnL = realized + unrealized. A position finer than the
     * instrument's scale is read away from zero, PnL floored (both the cautious way). Pairs the OMS
     * has no limits for are ignored.
     */
    public void onPosition(
        final int venueId,
        final int instrumentId,
        final int strategyId,
        final long positionMantissa,
        final int positionExponent,
        final long realizedMantissa,
        final int realizedExponent,
        final long unrealizedMantissa,
        final int unrealizedExponent,
        final long execRunId,
        final long execSequence,
        final long nowNs)
    {
        final InstrumentLimits instrument = risk.limits().instrument(instrumentId);
        final long position = FixedPoint.toScaleAwayFromZero(positionMantissa, positionExponent,
            instrument == null ? 0 : instrument.qtyScale());
        if (instrument == null || position == FixedPoint.NOT_REPRESENTABLE)
        {
            return;
        }
        final long realized = FixedPoint.toScaleFloor(realizedMantissa, realizedExponent, RiskLimits.PNL_SCALE);
        final long unrealized = FixedPoint.toScaleFloor(unrealizedMantissa, unrealizedExponent, RiskLimits.PNL_SCALE);
        final long pnl = FixedPoint.saturatedAdd(
            realized == FixedPoint.NOT_REPRESENTABLE ? 0 : realized,
            unrealized == FixedPoint.NOT_REPRESENTABLE ? 0 : unrealized);
        exposure.onPosition(venueId, instrumentId, strategyId, position, pnl, execRunId, execSequence, nowNs);
    }

    /** See {@link ExposureBook#onPositionSourceFresh}. */
    public void onPositionSourceFresh(final long nowNs)
    {
        exposure.onPositionSourceFresh(nowNs);
    }

    // ---------------------------------------------------------------- strategy requests

    /** A NewOrderRequest. */
    public void onNewOrder(final OrderRequest request, final long nowNs)
    {
        if (answeredWithoutPlacing(request))
        {
            return;
        }
        place(request, nowNs);
    }

    /** A ReplaceOrderRequest (side, price and quantity set; type and time in force come from the old order). */
    public void onReplace(final OrderRequest request, final long nowNs)
    {
        if (answeredWithoutPlacing(request))
        {
            return;
        }
        final ManagedOrder old = request.origRequestId < 1 || request.origRequestId > MAX_REQUEST_ID
            ? null : byRequest.get(requestKey(request.strategyId, request.origRequestId));
        if (old == null || !old.isLive() || old.venueId != request.venueId || old.instrumentId != request.instrumentId)
        {
            output.rejectRequest(request.strategyId, request.requestId, request.venueId, request.instrumentId, RejectReason.UNKNOWN_ORDER);
            return;
        }
        request.orderType = old.orderType;
        request.timeInForce = old.timeInForce;
        if (request.side == null)
        {
            request.side = old.side;
        }
        if (place(request, nowNs) && !old.isCancelPending())
        {
            cancel(old);
        }
    }

    /** A CancelOrderRequest: answered by the order's OrderState. */
    public void onCancel(final int strategyId, final long requestId, final long origRequestId, final int venueId, final int instrumentId)
    {
        final ManagedOrder order = origRequestId < 1 || origRequestId > MAX_REQUEST_ID
            ? null : byRequest.get(requestKey(strategyId, origRequestId));
        if (order == null || order.venueId != venueId || order.instrumentId != instrumentId)
        {
            output.rejectRequest(strategyId, requestId, venueId, instrumentId, RejectReason.UNKNOWN_ORDER);
            return;
        }
        if (!order.isLive() || order.isCancelPending())
        {
            output.orderState(order);
            return;
        }
        cancel(order);
    }

    /**
     * The run id a strategy's request or heartbeat carries (its envelope's). A strategy's new run
     * is the end of its earlier ones: every live order of another run is cancelled at once (its
     * dead man switch would not fire if the restart came within the timeout, and nobody else holds
     * those orders any more) and their request ids are forgotten, since the new run counts its own
     * from 1. Run ids are epoch-ns start times, so one older than the run known is a late message
     * of an ended run: refused (false), it changes nothing. The first run heard after an OMS
     * restart ends the runs of the orders adopted from the exec-handler (their run is the
     * journal's; an order without a journal line has none, and ends too).
     *
     * @return false if {@code runId} is of an ended run of the strategy
     */
    public boolean onStrategyRun(final int strategyId, final long runId)
    {
        final long known = runByStrategy.get(strategyId);
        if (runId == known)
        {
            return true;
        }
        if (known != 0 && runId < known)
        {
            return false;
        }
        runByStrategy.put(strategyId, runId);
        int cancelled = 0;
        for (int i = 0; i < live.size(); i++)
        {
            final ManagedOrder order = live.get(i);
            if (order.strategyId == strategyId && order.strategyRunId != runId)
            {
                forgetRequest(order, strategyId);
                if (!order.isCancelPending())
                {
                    cancel(order);
                    cancelled++;
                }
            }
        }
        for (int i = 0; i < recentCount; i++)
        {
            final ManagedOrder order = recentlyFinished[(recentHead + i) % recentlyFinished.length];
            if (order.strategyRunId != runId)
            {
                forgetRequest(order, strategyId);
            }
        }
        if (known != 0 || cancelled > 0)
        {
            output.strategyRunEnded(strategyId, runId, cancelled);
        }
        if (known == 0)
        {
            announceAdopted(strategyId, runId);
        }
        return true;
    }

    /** The states {@link #publishState} held back for the strategy's first run heard, now that it is the orders' run. */
    private void announceAdopted(final int strategyId, final long runId)
    {
        for (int i = 0; i < live.size(); i++)
        {
            announceIfAdopted(live.get(i), strategyId, runId);
        }
        for (int i = 0; i < recentCount; i++)
        {
            announceIfAdopted(recentlyFinished[(recentHead + i) % recentlyFinished.length], strategyId, runId);
        }
    }

    private void announceIfAdopted(final ManagedOrder order, final int strategyId, final long runId)
    {
        if (order.strategyId == strategyId && order.strategyRunId == runId && order.requestId != 0 &&
            order.idCounter == ClientOrderIds.NOT_THIS_RUN)
        {
            output.orderState(order);
        }
    }

    /** The strategy's run known now (its latest requests and heartbeats), 0 if none heard yet. */
    public long strategyRun(final int strategyId)
    {
        return runByStrategy.get(strategyId);
    }

    // ---------------------------------------------------------------- exec-handler answers

    /** An ExecutionReport. */
    public void onExecutionReport(final ExecReport report, final long nowNs)
    {
        final long counter = ids.counterOf(report.clientOrderId);
        ManagedOrder order = counter != ClientOrderIds.NOT_THIS_RUN
            ? byCounter.get(counter) : byForeignId.get(report.clientOrderId.toString());
        if (order == null)
        {
            order = adopt(report, counter);
            if (order == null)
            {
                return;
            }
        }
        else
        {
            final long cumQty = FixedPoint.toScale(report.cumQtyMantissa, report.cumQtyExponent, order.qtyScale);
            final long cumQuote = FixedPoint.toScale(report.cumQuoteQtyMantissa, report.cumQuoteQtyExponent, order.priceScale + order.qtyScale);
            final OrdStatus statusBefore = order.status();
            final long cumBefore = order.cumQty;
            final long venueOrderIdBefore = order.venueOrderId;
            final long filled = order.apply(report, cumQty, cumQuote);
            if (filled > 0)
            {
                exposure.onFill(order.venueId, order.instrumentId, order.strategyId,
                    order.side == Side.BUY ? filled : -filled, report.execRunId, report.execSequence);
            }
            if (order.status() != statusBefore || order.cumQty != cumBefore || order.venueOrderId != venueOrderIdBefore)
            {
                changed(order);
            }
            else if (report.execType == ExecType.ORDER_STATUS)
            {
                // A status query or a recovery lookup answered: the state is the answer, even unchanged.
                publishState(order);
            }
        }
        if (order.isLive() && !order.isCancelPending())
        {
            if (ofEndedRun(order))
            {
                // Adopted, or answered, after its strategy's new run was heard: an orphan otherwise.
                cancel(order);
                output.strategyRunEnded(order.strategyId, runByStrategy.get(order.strategyId), 1);
            }
            else if (killSwitch.isHalted(order.venueId, order.strategyId) || deadMan.isSilent(order.strategyId))
            {
                cancel(order);
            }
        }
    }

    private boolean ofEndedRun(final ManagedOrder order)
    {
        final long run = runByStrategy.get(order.strategyId);
        return run != 0 && order.strategyRunId != run;
    }

    /** An OrderReject from the exec-handler answering one of this OMS's commands. */
    public void onCommandReject(final long commandId, final RejectReason reason)
    {
        if (cancelAlls.onAnswer(commandId, false))
        {
            return;
        }
        final ManagedOrder order = byCommand.get(commandId);
        if (order == null || !order.isLive())
        {
            return;
        }
        final OrdStatus before = order.status();
        if (commandId == order.newCommandId && !order.isAnswered())
        {
            order.refused(reason == null ? RejectReason.VENUE_REJECT : reason);
        }
        else if (commandId == order.cancelCommandId && order.isCancelPending())
        {
            order.cancelRefused();
        }
        else if (commandId == order.statusCommandId && reason == RejectReason.UNKNOWN_ORDER && !order.isAnswered())
        {
            order.refused(RejectReason.UNKNOWN_ORDER);
        }
        if (order.status() != before)
        {
            changed(order);
        }
    }

    /** A ControlAck APPLIED from an exec-handler for a command: ends a pending cancel-all. */
    public void onCancelAllDone(final long commandId)
    {
        cancelAlls.onAnswer(commandId, true);
    }

    /**
     * The daemon gave up retransmitting a command (no answer at all): the order's fate is unknown,
     * so a status query is sent (and again each time that one is given up).
     */
    public void onCommandUnanswered(final long commandId)
    {
        final ManagedOrder order = byCommand.get(commandId);
        if (order == null || !order.isLive())
        {
            return;
        }
        final OrdStatus before = order.status();
        final long queryId = nextCommandId();
        removeCommand(order.statusCommandId, order);
        order.statusQuerySent(queryId);
        byCommand.put(queryId, order);
        output.sendStatusQuery(queryId, order);
        if (order.status() != before)
        {
            publishState(order);
        }
    }

    // ---------------------------------------------------------------- kill switch, dead man switch

    /**
     * A kill switch was engaged (the daemon has already engaged its {@link KillSwitchState}, so new
     * orders are refused): ALL and VENUE send a cancel-all per pair, pending until answered;
     * STRATEGY cancels the strategy's orders one by one (a cancel-all would take other strategies'
     * orders too). A scope this code does not know is read as ALL.
     *
     * @return cancel-alls plus cancels sent
     */
    public int onKillSwitch(final KillScope scope, final int venueId, final int strategyId, final long nowNs)
    {
        int sent = 0;
        if (scope == KillScope.STRATEGY)
        {
            return cancelStrategy(strategyId);
        }
        final List<InstrumentExposure> pairs = exposure.pairs();
        for (int i = 0; i < pairs.size(); i++)
        {
            final InstrumentExposure pair = pairs.get(i);
            if (pair.tradable && (scope != KillScope.VENUE || pair.venueId == venueId) &&
                cancelAlls.request(pair.venueId, pair.instrumentId, commandIds, nowNs, cancelAllSender))
            {
                sent++;
            }
        }
        return sent;
    }

    /** A heartbeat from a strategy (the daemon maps the heartbeat's source to its strategy ids). */
    public void onHeartbeat(final int strategyId, final long nowNs)
    {
        deadMan.onHeartbeat(strategyId, nowNs);
    }

    /** Timers: the dead man switch and the cancel-all retries. Call each event-loop iteration. */
    public void onTimer(final long nowNs)
    {
        if (deadMan.poll(nowNs, silentStrategies) > 0)
        {
            for (int i = 0; i < silentStrategies.size(); i++)
            {
                final int strategyId = silentStrategies.getInt(i);
                output.deadManFired(strategyId, cancelStrategy(strategyId));
            }
        }
        cancelAlls.poll(nowNs, commandIds, cancelAllSender);
    }

    // ---------------------------------------------------------------- queries

    /** The order a strategy's request made, or null. */
    public ManagedOrder order(final int strategyId, final long requestId)
    {
        return requestId < 1 || requestId > MAX_REQUEST_ID ? null : byRequest.get(requestKey(strategyId, requestId));
    }

    /** The order with this client order id, or null. Allocates for an id of an earlier run. */
    public ManagedOrder orderByClientOrderId(final CharSequence clientOrderId)
    {
        final long counter = ids.counterOf(clientOrderId);
        return counter != ClientOrderIds.NOT_THIS_RUN ? byCounter.get(counter) : byForeignId.get(clientOrderId.toString());
    }

    public int liveOrderCount()
    {
        return live.size();
    }

    public ExposureBook exposure()
    {
        return exposure;
    }

    public CancelAllTracker cancelAlls()
    {
        return cancelAlls;
    }

    // ---------------------------------------------------------------- internals

    /**
     * A request id out of range is refused; one already taken (a resend) is answered with its
     * order's state, never placed twice. True when the request was answered here.
     */
    private boolean answeredWithoutPlacing(final OrderRequest request)
    {
        if (request.requestId < 1 || request.requestId > MAX_REQUEST_ID)
        {
            output.rejectRequest(request.strategyId, request.requestId, request.venueId, request.instrumentId, RejectReason.INTERNAL);
            return true;
        }
        final ManagedOrder existing = byRequest.get(requestKey(request.strategyId, request.requestId));
        if (existing != null)
        {
            output.orderState(existing);
            return true;
        }
        return false;
    }

    private boolean place(final OrderRequest request, final long nowNs)
    {
        // A strategy whose dead man switch fired is halted like a strategy kill until its next heartbeat.
        final RejectReason reason = deadMan.isSilent(request.strategyId) ? RejectReason.KILL_SWITCH : risk.check(request, nowNs);
        if (reason != null)
        {
            output.rejectRequest(request.strategyId, request.requestId, request.venueId, request.instrumentId, reason);
            return false;
        }
        final ManagedOrder order = takeFromPool();
        if (order == null)
        {
            output.rejectRequest(request.strategyId, request.requestId, request.venueId, request.instrumentId, RejectReason.INTERNAL);
            return false;
        }
        final InstrumentLimits instrument = risk.checkedInstrument();
        order.reset();
        order.idCounter = ids.next(request.strategyId, order.clientOrderId);
        order.strategyId = request.strategyId;
        order.requestId = request.requestId;
        order.strategyRunId = request.strategyRunId;
        order.venueId = request.venueId;
        order.instrumentId = request.instrumentId;
        order.side = request.side;
        order.orderType = request.orderType;
        order.timeInForce = request.timeInForce;
        order.priceScale = instrument.priceScale();
        order.qtyScale = instrument.qtyScale();
        order.price = risk.checkedPrice();
        order.qty = risk.checkedQty();
        order.newCommandId = nextCommandId();
        byCounter.put(order.idCounter, order);
        byRequest.put(requestKey(order.strategyId, order.requestId), order);
        byCommand.put(order.newCommandId, order);
        track(order);
        risk.accepted(order.venueId, nowNs);
        output.sendNew(order.newCommandId, order);
        output.orderState(order);
        return true;
    }

    private ManagedOrder adopt(final ExecReport report, final long counter)
    {
        final boolean trade = report.execType == ExecType.TRADE;
        final InstrumentLimits instrument = risk.limits().instrument(report.instrumentId);
        final boolean side = report.side == Side.BUY || report.side == Side.SELL;
        if (instrument == null || !side)
        {
            return null;
        }
        if (trade)
        {
            final long lastQty = FixedPoint.toScale(report.lastQtyMantissa, report.lastQtyExponent, instrument.qtyScale());
            if (lastQty != FixedPoint.NOT_REPRESENTABLE && lastQty > 0)
            {
                exposure.onFill(report.venueId, report.instrumentId, report.strategyId,
                    report.side == Side.BUY ? lastQty : -lastQty, report.execRunId, report.execSequence);
            }
        }
        final OrdStatus status = report.ordStatus;
        final boolean openStatus = status == OrdStatus.NEW || status == OrdStatus.PARTIALLY_FILLED || status == OrdStatus.PENDING_CANCEL;
        final long qty = FixedPoint.toScale(report.orderQtyMantissa, report.orderQtyExponent, instrument.qtyScale());
        final long cumQty = FixedPoint.toScale(report.cumQtyMantissa, report.cumQtyExponent, instrument.qtyScale());
        if (!(openStatus || finishedWhileNobodyAnswered(report)) || qty == FixedPoint.NOT_REPRESENTABLE || qty <= 0 || cumQty == FixedPoint.NOT_REPRESENTABLE ||
            !ClientOrderIds.isValid(report.clientOrderId))
        {
            return null;
        }
        final ManagedOrder order = takeFromPool();
        if (order == null)
        {
            return null;
        }
        final long price = FixedPoint.toScale(report.orderPriceMantissa, report.orderPriceExponent, instrument.priceScale());
        order.reset();
        order.clientOrderId.append(report.clientOrderId);
        order.idCounter = counter;
        order.strategyId = report.strategyId;
        order.venueId = report.venueId;
        order.instrumentId = report.instrumentId;
        order.side = report.side;
        order.orderType = report.orderType;
        order.priceScale = instrument.priceScale();
        order.qtyScale = instrument.qtyScale();
        order.price = price == FixedPoint.NOT_REPRESENTABLE ? 0 : price;
        order.qty = qty;
        // Fills before adoption are in the position already (recovery) or were counted above (a TRADE).
        order.apply(report, cumQty, FixedPoint.toScale(report.cumQuoteQtyMantissa, report.cumQuoteQtyExponent,
            instrument.priceScale() + instrument.qtyScale()));
        if (counter != ClientOrderIds.NOT_THIS_RUN)
        {
            byCounter.put(counter, order);
        }
        else
        {
            byForeignId.put(order.clientOrderId.toString(), order);
        }
        order.strategyRunId = report.recoveredStrategyRunId;
        if (!ofEndedRun(order))
        {
            restoreRequest(order, report.recoveredRequestId);
        }
        track(order);
        changed(order);
        return order;
    }

    /**
     * An order of an earlier OMS run that finished while no OMS was there to say so (the kill came
     * between its command and the answer): its strategy, still running, waits for the outcome of the
     * request the journal names, so the order is adopted as finished and its state published.
     */
    private boolean finishedWhileNobodyAnswered(final ExecReport report)
    {
        final OrdStatus status = report.ordStatus;
        final boolean finished = status == OrdStatus.FILLED || status == OrdStatus.CANCELED || status == OrdStatus.EXPIRED ||
            status == OrdStatus.REJECTED;
        final long run = runByStrategy.get(report.strategyId);
        return finished && report.recoveredRequestId != 0 && (run == 0 || run == report.recoveredStrategyRunId);
    }

    /** Gives an adopted order back the request id that made it, unless that id now names another order. */
    private void restoreRequest(final ManagedOrder order, final long requestId)
    {
        if (requestId < 1 || requestId > MAX_REQUEST_ID)
        {
            return;
        }
        final long key = requestKey(order.strategyId, requestId);
        if (byRequest.get(key) == null)
        {
            order.requestId = requestId;
            byRequest.put(key, order);
        }
    }

    private void cancel(final ManagedOrder order)
    {
        final long commandId = nextCommandId();
        removeCommand(order.cancelCommandId, order);
        order.cancelSent(commandId);
        byCommand.put(commandId, order);
        output.sendCancel(commandId, order);
        publishState(order);
    }

    private int cancelStrategy(final int strategyId)
    {
        int sent = 0;
        for (int i = 0; i < live.size(); i++)
        {
            final ManagedOrder order = live.get(i);
            if (order.strategyId == strategyId && !order.isCancelPending())
            {
                cancel(order);
                sent++;
            }
        }
        return sent;
    }

    private void track(final ManagedOrder order)
    {
        order.pair = exposure.pair(order.venueId, order.instrumentId);
        order.pair.tradable = true;
        order.liveIndex = live.size();
        live.add(order);
        recount(order);
    }

    /** Publishes the order's state and updates exposure; retires it once over. */
    private void changed(final ManagedOrder order)
    {
        recount(order);
        publishState(order);
        if (!order.isLive() && order.liveIndex >= 0)
        {
            retire(order);
        }
    }

    /**
     * Publishes the order's state, unless it is an adopted order carrying a journaled request id
     * while no run of its strategy has been heard since this OMS started: OrderState names no run,
     * so a restarted strategy could read it as the answer to its own request of that id. Such states
     * are published when the strategy's run is heard and proves to be the order's ({@link #onStrategyRun}).
     */
    private void publishState(final ManagedOrder order)
    {
        if (order.requestId != 0 && order.idCounter == ClientOrderIds.NOT_THIS_RUN && runByStrategy.get(order.strategyId) == 0)
        {
            return;
        }
        output.orderState(order);
    }

    private void recount(final ManagedOrder order)
    {
        final long open = order.leavesQty();
        order.pair.addOpen(order.side, open - order.countedOpenQty);
        order.countedOpenQty = open;
    }

    private void retire(final ManagedOrder order)
    {
        final int index = order.liveIndex;
        final ManagedOrder last = live.remove(live.size() - 1);
        if (last != order)
        {
            live.set(index, last);
            last.liveIndex = index;
        }
        order.liveIndex = -1;
        if (recentCount == recentlyFinished.length)
        {
            evictOldestFinished();
        }
        recentlyFinished[(recentHead + recentCount) % recentlyFinished.length] = order;
        recentCount++;
    }

    /** A free order, taking the oldest finished one when none is free; null when every order is live. */
    private ManagedOrder takeFromPool()
    {
        if (pool.isEmpty() && recentCount > 0)
        {
            evictOldestFinished();
        }
        return pool.poll();
    }

    private void evictOldestFinished()
    {
        final ManagedOrder oldest = recentlyFinished[recentHead];
        recentlyFinished[recentHead] = null;
        recentHead = (recentHead + 1) % recentlyFinished.length;
        recentCount--;
        forget(oldest);
    }

    private void forget(final ManagedOrder order)
    {
        if (order.idCounter != ClientOrderIds.NOT_THIS_RUN)
        {
            byCounter.remove(order.idCounter);
        }
        else
        {
            byForeignId.remove(order.clientOrderId.toString());
        }
        if (order.requestId != 0)
        {
            final long key = requestKey(order.strategyId, order.requestId);
            if (byRequest.get(key) == order)
            {
                byRequest.remove(key);
            }
        }
        removeCommand(order.newCommandId, order);
        removeCommand(order.cancelCommandId, order);
        removeCommand(order.statusCommandId, order);
        order.reset();
        pool.add(order);
    }

    private void forgetRequest(final ManagedOrder order, final int strategyId)
    {
        if (order.strategyId == strategyId && order.requestId != 0)
        {
            final long key = requestKey(strategyId, order.requestId);
            if (byRequest.get(key) == order)
            {
                byRequest.remove(key);
            }
            order.requestId = 0;
        }
    }

    private void removeCommand(final long commandId, final ManagedOrder order)
    {
        if (commandId != 0 && byCommand.get(commandId) == order)
        {
            byCommand.remove(commandId);
        }
    }

    private long nextCommandId()
    {
        return ++lastCommandId;
    }

    private static long requestKey(final int strategyId, final long requestId)
    {
        return ((long)(strategyId & 0xFFFF) << 48) | requestId;
    }
}
