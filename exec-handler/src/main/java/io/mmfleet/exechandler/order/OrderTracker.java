package io.mmfleet.exechandler.order;

import io.mmfleet.exechandler.venue.GatewayListener;
import io.mmfleet.exechandler.venue.NewOrder;
import io.mmfleet.exechandler.venue.RequestKind;
import io.mmfleet.exechandler.venue.UpdateOrigin;
import io.mmfleet.exechandler.venue.VenueError;
import io.mmfleet.exechandler.venue.VenueFill;
import io.mmfleet.exechandler.venue.VenueGateway;
import io.mmfleet.exechandler.venue.VenueOrderUpdate;
import io.mmfleet.exechandler.venue.VenueSymbol;
import io.mmfleet.sbe.ExecType;
import io.mmfleet.sbe.OrdStatus;
import io.mmfleet.sbe.OrderType;
import io.mmfleet.sbe.RejectReason;
import io.mmfleet.sbe.Side;
import io.mmfleet.sbe.TimeInForce;
import org.agrona.collections.LongArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The exec-handler's order core: turns order commands into venue requests and what the venue says
 * into ExecutionReports, idempotently and exactly once per fill, across reconnects and restarts.
 * <p>
 * Rules it keeps:
 * <ul>
 * <li>An order is journaled (committed) before it is sent, and a client order id is never sent
 *     twice: a resend of the command is answered from memory or the journal; an unanswered order is
 *     looked up, never placed again.</li>
 * <li>State follows the cumulative filled quantity. Each fill (venue trade id) is reported once as
 *     TRADE; the reported cumQty/cumQuoteQty are the sums of the fills reported, so the reports of
 *     one order always add up. A terminal CANCELED/EXPIRED/TRADE_PREVENTION/REJECTED is held until
 *     the reported fills reach the venue's final cumulative quantity; missing fills are fetched
 *     from the venue's trade list if they do not arrive within the fill-gap timeout.</li>
 * <li>An order's first report is what is learned first: NEW if the order is learned to be open
 *     with no fill; TRADE if the first thing learned is a fill, or that it has fills (a lookup or
 *     reply finding it FILLED, or CANCELED or open after partial fills: the fills are awaited or
 *     fetched first, and NEW is then never reported); REJECTED, or the terminal report itself if
 *     the order is learned to be over with no fill. NEW is never reported after any other report.</li>
 * <li>Command answers: the first report after a NEW or CANCEL command carries its id (a NEW
 *     command waiting for the first answer goes first, then CANCEL commands, oldest first); later
 *     reports carry 0. Resent NEW commands beyond the first are answered with ORDER_STATUS once the
 *     first answer is out; commands still waiting when the order ends get ORDER_STATUS. A STATUS
 *     command is answered by ORDER_STATUS once the lookup's update is applied (reports it caused go
 *     first, unsolicited). A CANCEL_ALL command is answered by {@link ExecutionSink#cancelAllDone};
 *     the orders it canceled are reported unsolicited unless a command of their own waits.</li>
 * <li>Cancel refusals: a cancel the venue refuses as an unknown order (Binance -2011: the order
 *     filled or ended meanwhile, or has not arrived yet) is not refused to its sender; the order is
 *     looked up and the CANCEL command answered by ORDER_STATUS with the state found, after the
 *     fills and terminal report the lookup leads to (fetched trades included). If the lookup does
 *     not find the order, the command is refused UNKNOWN_ORDER -2011 (nothing to cancel), unless
 *     the order was never answered and is past its receive window: it is then REJECTED and the
 *     command gets ORDER_STATUS REJECTED. A cancel the gateway did not send (code 0), or the venue
 *     refused for another reason, is refused with that error.</li>
 * <li>Lookups: one in flight per order; a lookup not finding an order the venue told us of
 *     (archived or gone) is retried {@link #MAX_LOOKUP_RETRIES_NOT_FOUND} times, then the order is
 *     left as last reported and the STATUS commands waiting on it refused UNKNOWN_ORDER -2013.</li>
 * <li>Reports are published before they are journaled (see {@link OrderReporter}): a kill between
 *     the two repeats a report after the restart, never loses one.</li>
 * <li>PENDING_CANCEL and UNKNOWN (place unanswered, being looked up) are internal: never reported;
 *     {@link TrackedOrderView#status()} is the last reported status.</li>
 * <li>Orders the tracker did not place (another client of the account, or lost from the journal)
 *     are followed and journaled like ours, reported with strategy 0 and command 0.</li>
 * </ul>
 * A {@link JournalException} escaping any method (listener callbacks, commands, {@link #knows})
 * MUST be treated as fatal by the daemon: exit non-zero and recover from journal and venue on
 * restart. The tracker is then half-updated (a report published and held in memory, its journal
 * record missing) and carrying on would answer resends and snapshots from a memory the journal
 * does not back. Reports are published before they are journaled on purpose (a kill repeats a
 * report, never loses one), so memory cannot be made to wait for the journal write. The one
 * journal failure the tracker survives is the insert before a send: that order is refused
 * (INTERNAL) and never sent.
 * Listener callbacks carry no time, so deadlines armed in them count from the last time the tracker
 * was given (commands and {@link #onTimer}, which the event loop calls every iteration).
 * <p>
 * Called only on the event-loop thread. Memory holds the non-terminal orders and a bounded set of
 * recently terminal ones; older ones are found in the journal.
 */
public final class OrderTracker implements GatewayListener
{
    /** Recently terminal orders kept in memory to answer late resends without a journal read. */
    static final int RECENT_TERMINAL_CAPACITY = 4096;
    /**
     * Fills whose TRADE reports a snapshot of the execution stream publishes again (the latest,
     * from the journal): enough to cover a subscriber down for a while (position-server restarting)
     * at a bounded cost per snapshot request.
     */
    public static final int REPLAYED_FILLS = 1000;
    /** Status queries about unknown orders in flight at once; more are refused (the sender resends). */
    static final int MAX_FOREIGN_STATUS_QUERIES = 1024;
    /** Slack past the receive window before a missing order counts as never placed (clock skew). */
    static final long RECEIVE_WINDOW_SLACK_MS = 1000;
    /**
     * Lookups retried after the venue said it has no such order although it told us of the order
     * before (Binance archives old orders, or the order is truly gone); then the tracker gives up.
     */
    static final int MAX_LOOKUP_RETRIES_NOT_FOUND = 5;
    /** The error a CANCEL command gets when the venue refused it and no longer knows the order (Binance -2011). */
    static final int CANCEL_REJECTED_CODE = -2011;
    /** The error a STATUS command gets when the venue no longer knows the order (Binance -2013). */
    static final int NO_SUCH_ORDER_CODE = -2013;

    private static final Logger LOG = LoggerFactory.getLogger(OrderTracker.class);

    private final ExecJournal journal;
    private final VenueGateway gateway;
    private final ExecutionSink sink;
    private final TrackerTimings timings;
    private final OrderReporter reporter;
    private final KnownOrders orders;
    private final Map<String, CancelAllRequest> cancelAllBySymbol = new HashMap<>();
    private final Map<String, ForeignStatusQuery> foreignStatusQueries = new HashMap<>();
    private final List<TrackedOrder> scratchOrders = new ArrayList<>();
    private final Map<String, VenueSymbol> symbolsByName = new HashMap<>();
    private long clockMs;

    /**
     * Loads every non-terminal order of the journal (with the trade ids already reported for it);
     * each is looked up at the next {@link #onSessionReady}.
     *
     * @throws IllegalStateException if the journal holds an open order on a symbol not in {@code symbols}:
     *                               it could not be reconciled
     */
    public OrderTracker(
        final ExecJournal journal,
        final VenueGateway gateway,
        final ExecutionSink sink,
        final List<VenueSymbol> symbols,
        final TrackerTimings timings)
    {
        this(journal, gateway, sink, symbols, timings, RECENT_TERMINAL_CAPACITY);
    }

    /** As the public constructor, with a smaller memory of terminal orders (tests fill it without thousands of fsyncs). */
    OrderTracker(
        final ExecJournal journal,
        final VenueGateway gateway,
        final ExecutionSink sink,
        final List<VenueSymbol> symbols,
        final TrackerTimings timings,
        final int recentTerminalCapacity)
    {
        this.journal = journal;
        this.gateway = gateway;
        this.sink = sink;
        this.timings = timings;
        this.reporter = new OrderReporter(sink, journal, timings.fillGapTimeoutMs());
        this.orders = new KnownOrders(journal, symbols, recentTerminalCapacity);
        symbols.forEach(symbol -> symbolsByName.put(symbol.venueSymbol(), symbol));
        for (final TrackedOrder order : orders.loadOpenOrders())
        {
            if (!order.answered() && !order.isForeign())
            {
                order.awaitingNew.addLong(order.commandId());
            }
            order.lookupWanted = true;
        }
    }

    // ---------------------------------------------------------------- commands

    /**
     * A NEW command: places the order once (journaled first), or answers a resend of it.
     * {@code originNs} is the command's envelope originNs, handed on with the order to the gateway;
     * {@code nowMs} is monotonic time for timers, not venue time.
     */
    public void onNewOrder(
        final long commandId,
        final int strategyId,
        final VenueSymbol symbol,
        final Side side,
        final OrderType type,
        final TimeInForce tif,
        final long price,
        final long qty,
        final String clientOrderId,
        final long originNs,
        final long nowMs)
    {
        advanceClock(nowMs);
        if (clientOrderId == null || clientOrderId.isEmpty())
        {
            sink.reject(commandId, strategyId, symbol.instrumentId(), clientOrderId, RejectReason.INTERNAL, 0,
                "malformed command: no client order id");
            return;
        }
        final KnownOrders.Known known;
        try
        {
            known = orders.find(clientOrderId);
        }
        catch (final JournalException ex)
        {
            refuseWithoutJournal(commandId, strategyId, symbol, clientOrderId, ex);
            return;
        }
        if (known != null)
        {
            answerResentNewOrder(commandId, strategyId, symbol, side, type, tif, price, qty, clientOrderId, known);
            return;
        }

        final TrackedOrder order = new TrackedOrder(symbol, strategyId, clientOrderId, commandId, side, type, tif,
            price, qty, gateway.venueTimeMs(), false);
        if (!gateway.isReady())
        {
            // Never sent, so the order never existed: terminal at once, journaled so a resend gets the same answer.
            order.status = OrdStatus.REJECTED;
            order.terminal = true;
            if (insertOrReject(order, commandId))
            {
                orders.retire(order);
                sink.executionReport(commandId, order, ExecType.REJECTED, null,
                    new VenueError(0, "not connected", RejectReason.NOT_CONNECTED));
            }
            return;
        }

        if (!insertOrReject(order, commandId))
        {
            return;
        }
        order.awaitingNew.addLong(commandId);
        order.placeInFlight = true;
        order.replyDueMs = nowMs + timings.replyTimeoutMs();
        orders.addLive(order);
        gateway.place(new NewOrder(symbol, clientOrderId, side, type, tif, price, qty, order.venueTimestampMs(), originNs));
    }

    /** A CANCEL command: cancels the order once (a resend while the cancel is in flight sends nothing). */
    public void onCancel(
        final long commandId,
        final int strategyId,
        final VenueSymbol symbol,
        final String origClientOrderId,
        final long nowMs)
    {
        advanceClock(nowMs);
        final TrackedOrder order = orderForCommand(commandId, strategyId, symbol, origClientOrderId, orders.find(origClientOrderId));
        if (order == null)
        {
            return;
        }
        if (order.isTerminal())
        {
            reporter.orderStatus(commandId, order);
            return;
        }
        if (order.cancelInFlight)
        {
            if (!order.awaitingCancel.containsLong(commandId))
            {
                order.awaitingCancel.addLong(commandId);
            }
            return;
        }
        if (order.awaitingCancelLookup.containsLong(commandId))
        {
            // Refused as an unknown order: the answer is what the lookup finds, not a second cancel.
            return;
        }
        if (!gateway.isReady())
        {
            sink.reject(commandId, strategyId, symbol.instrumentId(), origClientOrderId, RejectReason.NOT_CONNECTED, 0, "not connected");
            return;
        }
        if (!order.awaitingCancel.containsLong(commandId))
        {
            order.awaitingCancel.addLong(commandId);
        }
        order.cancelInFlight = true;
        gateway.cancel(order.symbol(), origClientOrderId);
    }

    /** A CANCEL_ALL command for one symbol, answered by {@link ExecutionSink#cancelAllDone}. */
    public void onCancelAll(final long commandId, final int strategyId, final VenueSymbol symbol, final long nowMs)
    {
        advanceClock(nowMs);
        final CancelAllRequest inFlight = cancelAllBySymbol.get(symbol.venueSymbol());
        if (inFlight != null)
        {
            inFlight.await(commandId, strategyId);
            return;
        }
        if (!gateway.isReady())
        {
            sink.cancelAllDone(commandId, strategyId, symbol, 0, new VenueError(0, "not connected", RejectReason.NOT_CONNECTED));
            return;
        }
        final CancelAllRequest request = new CancelAllRequest();
        request.await(commandId, strategyId);
        cancelAllBySymbol.put(symbol.venueSymbol(), request);
        gateway.cancelAll(symbol);
    }

    /** A STATUS command: asks the venue and answers ORDER_STATUS (terminal orders from memory or the journal). */
    public void onStatusQuery(
        final long commandId,
        final int strategyId,
        final VenueSymbol symbol,
        final String origClientOrderId,
        final long nowMs)
    {
        advanceClock(nowMs);
        final KnownOrders.Known known = orders.find(origClientOrderId);
        if (known == null)
        {
            queryUnknownOrder(commandId, strategyId, symbol, origClientOrderId);
            return;
        }
        final TrackedOrder order = orderForCommand(commandId, strategyId, symbol, origClientOrderId, known);
        if (order == null)
        {
            return;
        }
        if (order.isTerminal())
        {
            reporter.orderStatus(commandId, order);
            return;
        }
        if (!order.awaitingStatus.containsLong(commandId))
        {
            order.awaitingStatus.addLong(commandId);
        }
        if (!order.lookupInFlight)
        {
            requestLookup(order, clockMs);
        }
    }

    /**
     * Fires due timers: unanswered places become unknown and are looked up, lookups are retried,
     * trade lists of orders with a fill gap fetched.
     *
     * @return the number of requests sent or timeouts handled
     */
    public int onTimer(final long nowMs)
    {
        advanceClock(nowMs);
        int work = 0;
        // A copy: gateway calls may answer synchronously and retire orders while we iterate.
        scratchOrders.clear();
        scratchOrders.addAll(orders.liveOrders());
        for (final TrackedOrder order : scratchOrders)
        {
            work += fireDueTimers(order, nowMs);
        }
        scratchOrders.clear();
        return work;
    }

    private int fireDueTimers(final TrackedOrder order, final long nowMs)
    {
        int work = 0;
        if (!order.isTerminal() && order.placeInFlight && nowMs >= order.replyDueMs)
        {
            LOG.warn("no reply to place of {} within {} ms: looking it up", order.clientOrderId(), timings.replyTimeoutMs());
            placeOutcomeUnknown(order);
            work++;
        }
        if (!order.isTerminal() && order.lookupWanted && !order.lookupInFlight && nowMs >= order.lookupNotBeforeMs && gateway.isReady())
        {
            sendLookup(order);
            work++;
        }
        if (!order.isTerminal() && nowMs >= order.fillGapDueMs && !order.fetchInFlight && gateway.isReady())
        {
            order.fillGapDueMs = TrackedOrder.NO_DEADLINE;
            if (order.venueOrderId() != 0)
            {
                LOG.info("fills of {} missing ({} of {} reported): fetching its trades",
                    order.clientOrderId(), order.cumQty(), order.venueCumQty);
                sendFetchTrades(order);
            }
            else
            {
                requestLookup(order, clockMs);
            }
            work++;
        }
        return work;
    }

    /**
     * For a subscriber that saw a gap on the execution stream, or started after reports it needs:
     * one ORDER_STATUS report (command id 0) per order, as reported so far — every answered order
     * not yet terminal, then the recently terminal ones still in memory, so a subscriber that lost a
     * FILLED or CANCELED report learns the final state — then the TRADE reports of the last
     * {@link #REPLAYED_FILLS} fills again, oldest first, each exactly as first published (same trade
     * id, strategy, quantities; cumulative quantity as of that fill), so a fills ledger that missed
     * one records it and one that has it dedupes it. Bounded by the open orders, the memory of
     * terminal orders ({@link #RECENT_TERMINAL_CAPACITY}) and {@link #REPLAYED_FILLS}.
     *
     * @return reports published.
     */
    public int republishOrders()
    {
        int published = 0;
        for (final TrackedOrder order : orders.liveOrdersCopy())
        {
            if (order.answered())
            {
                reporter.orderStatus(0, order);
                published++;
            }
        }
        for (final TrackedOrder order : orders.recentTerminalOrdersCopy())
        {
            reporter.orderStatus(0, order);
            published++;
        }
        for (final ReportedFill reported : journal.recentFills(REPLAYED_FILLS))
        {
            final VenueSymbol symbol = symbolsByName.get(reported.venueSymbol());
            if (symbol != null)
            {
                sink.executionReport(0, reported.asReported(symbol), ExecType.TRADE, reported.fill(), null);
                published++;
            }
        }
        return published;
    }

    /**
     * Whether this client order id was ever used: an order live, recently terminal, or in the
     * journal. A resend of a known order is answered from what is known, never placed again, so
     * the daemon may let it bypass pre-trade checks.
     *
     * @throws JournalException if the journal cannot be read (fatal, see the class comment)
     */
    public boolean knows(final String clientOrderId)
    {
        return orders.knows(clientOrderId);
    }

    /** Orders not yet terminal (open, in flight, or unknown), ours and foreign. */
    public int openOrders()
    {
        return orders.liveCount();
    }

    /** Orders whose venue state is not known now: place unanswered, or a lookup wanted or in flight. */
    public int unresolvedOrders()
    {
        int unresolved = 0;
        for (final TrackedOrder order : orders.liveOrders())
        {
            if (!order.answered() || order.lookupWanted || order.lookupInFlight)
            {
                unresolved++;
            }
        }
        return unresolved;
    }

    /** Terminal orders still held in memory (bounded by the capacity given, {@link #RECENT_TERMINAL_CAPACITY} by default). */
    int rememberedTerminalOrders()
    {
        return orders.recentTerminalCount();
    }

    // ---------------------------------------------------------------- gateway listener

    @Override
    public void onSessionReady()
    {
        LOG.info("venue session ready: looking up {} open orders", orders.liveCount());
        for (final TrackedOrder order : orders.liveOrdersCopy())
        {
            if (order.isTerminal())
            {
                continue;
            }
            // Anything may have happened while disconnected (fills included): ask. A lookup still in
            // flight went out before the session came back, so its answer may predate those fills:
            // it is followed by a fresh one rather than doubled now.
            if (order.lookupInFlight)
            {
                order.lookupAnswerStale = true;
            }
            else
            {
                sendLookup(order);
            }
        }
    }

    @Override
    public void onSessionLost(final String why)
    {
        // Nothing is resent: requests in flight were answered by onOutcomeUnknown, which wants lookups.
        LOG.warn("venue session lost ({}): {} open orders are looked up when it is back", why, orders.liveCount());
    }

    @Override
    public void onOrderUpdate(final VenueOrderUpdate update)
    {
        final VenueSymbol symbol = orders.symbol(update.venueSymbol());
        if (symbol == null || update.clientOrderId() == null || update.status() == null)
        {
            LOG.warn("order update dropped: unknown symbol or missing client order id or status: {}", update);
            return;
        }
        TrackedOrder order = orders.live(update.clientOrderId());
        if (order == null)
        {
            if (orders.isTerminal(update.clientOrderId()))
            {
                return;
            }
            order = TrackedOrder.foreign(symbol, update);
            LOG.info("update for an order this tracker did not place: {} {} {}", symbol.venueSymbol(), update.clientOrderId(), update.status());
            journal.insertOrder(order);
            orders.addLive(order);
        }
        else if (!order.symbol().venueSymbol().equals(symbol.venueSymbol()))
        {
            LOG.warn("order update dropped: {} is an order on {}, the update is for {}", update.clientOrderId(),
                order.symbol().venueSymbol(), symbol.venueSymbol());
            return;
        }

        final CancelAllRequest cancelAll = cancelAllBySymbol.get(symbol.venueSymbol());
        if (cancelAll != null && update.origin() == UpdateOrigin.CANCEL_REPLY)
        {
            cancelAll.canceledClientOrderIds.add(update.clientOrderId());
        }
        applyUpdate(order, update);
        if (update.origin() == UpdateOrigin.LOOKUP)
        {
            answerStatusQueries(order);
        }
        settle(order);
    }

    @Override
    public void onPlaceRejected(final VenueSymbol symbol, final String clientOrderId, final VenueError error)
    {
        final TrackedOrder order = orders.live(clientOrderId);
        if (order == null || order.answered())
        {
            LOG.warn("place rejection for {} ignored: the order is {}", clientOrderId, order == null ? "not open" : order.status());
            return;
        }
        order.placeInFlight = false;
        reporter.reject(order, error);
        settle(order);
    }

    @Override
    public void onCancelRejected(final VenueSymbol symbol, final String origClientOrderId, final VenueError error)
    {
        final TrackedOrder order = orders.live(origClientOrderId);
        if (order == null)
        {
            LOG.warn("cancel rejection for {} ignored: the order is not open", origClientOrderId);
            return;
        }
        order.cancelInFlight = false;
        if (error.code() != 0 && error.reason() == RejectReason.UNKNOWN_ORDER)
        {
            // The venue does not know the order as open (-2011): it filled or ended meanwhile, or never
            // arrived. Not an unknown order to the sender: the cancel is answered by what the lookup finds.
            for (int i = 0; i < order.awaitingCancel.size(); i++)
            {
                final long commandId = order.awaitingCancel.getLong(i);
                if (!order.awaitingCancelLookup.containsLong(commandId))
                {
                    order.awaitingCancelLookup.addLong(commandId);
                }
            }
            order.awaitingCancel.clear();
            // The cancel is answered from a lookup sent after the refusal: one already in flight may
            // have been served before the fill that made the venue refuse.
            if (order.lookupInFlight)
            {
                order.lookupAnswerStale = true;
            }
            else
            {
                requestLookup(order, clockMs);
            }
            return;
        }
        rejectAll(order, order.awaitingCancel, error.reason(), error.code(), error.message());
        if (error.code() != 0)
        {
            // Refused by the venue for another reason: the cancel did not happen; confirm the order's state.
            requestLookup(order, clockMs);
        }
    }

    @Override
    public void onCancelAllDone(final VenueSymbol symbol, final VenueError errorOrNull)
    {
        final CancelAllRequest request = cancelAllBySymbol.remove(symbol.venueSymbol());
        if (request == null)
        {
            LOG.warn("cancel-all outcome for {} ignored: none in flight", symbol.venueSymbol());
            return;
        }
        finishCancelAll(symbol, request, errorOrNull);
    }

    @Override
    public void onLookupNotFound(final VenueSymbol symbol, final String clientOrderId, final long venueTimeMs)
    {
        final TrackedOrder order = orders.live(clientOrderId);
        if (order == null)
        {
            final ForeignStatusQuery query = foreignStatusQueries.remove(clientOrderId);
            if (query != null)
            {
                for (int i = 0; i < query.commandIds.size(); i++)
                {
                    sink.reject(query.commandIds.getLong(i), query.strategyIds.getInt(i), query.symbol.instrumentId(),
                        clientOrderId, RejectReason.UNKNOWN_ORDER, -2013, "order does not exist");
                }
            }
            return;
        }
        order.lookupInFlight = false;
        if (order.lookupAnswerStale)
        {
            // Asked before a session loss or a refused cancel: nothing is concluded from it; ask again.
            order.lookupAnswerStale = false;
            requestLookup(order, clockMs);
            return;
        }
        if (order.answered())
        {
            // The venue told us of the order before: it archived it (Binance, after months) or lost it.
            rejectAll(order, order.awaitingCancelLookup, RejectReason.UNKNOWN_ORDER, CANCEL_REJECTED_CODE,
                "venue no longer knows the order");
            if (order.lookupsNotFound < MAX_LOOKUP_RETRIES_NOT_FOUND)
            {
                order.lookupsNotFound++;
                LOG.warn("venue does not find {} although it was reported {}: looking again later ({} of {})",
                    clientOrderId, order.status(), order.lookupsNotFound, MAX_LOOKUP_RETRIES_NOT_FOUND);
                requestLookup(order, clockMs + timings.lookupRetryMs());
            }
            else
            {
                // Left as last reported: nothing the venue says now can be trusted over it. Not looked up
                // again until a STATUS command or a new session asks (one lookup each).
                LOG.error("venue does not find {} (reported {}) after {} retries: no longer looking it up",
                    clientOrderId, order.status(), MAX_LOOKUP_RETRIES_NOT_FOUND);
                order.lookupWanted = false;
                rejectAll(order, order.awaitingStatus, RejectReason.UNKNOWN_ORDER, NO_SUCH_ORDER_CODE,
                    "venue no longer knows the order");
            }
            return;
        }
        if (venueTimeMs > order.venueTimestampMs() + gateway.receiveWindowMs() + RECEIVE_WINDOW_SLACK_MS)
        {
            // Past its receive window the venue would refuse the request: the order can never appear.
            order.placeInFlight = false;
            reporter.reject(order, new VenueError(NO_SUCH_ORDER_CODE, "never reached the venue", RejectReason.UNKNOWN_ORDER));
            settle(order);
            return;
        }
        // Not at the venue yet, maybe on its way: a cancel refused meanwhile had nothing to cancel.
        rejectAll(order, order.awaitingCancelLookup, RejectReason.UNKNOWN_ORDER, CANCEL_REJECTED_CODE,
            "venue does not know the order (yet)");
        if (!order.placeInFlight)
        {
            requestLookup(order, clockMs + timings.lookupRetryMs());
        }
    }

    @Override
    public void onTrades(final VenueSymbol symbol, final long venueOrderId, final List<VenueFill> trades)
    {
        final TrackedOrder order = orders.liveByVenueOrderId(symbol, venueOrderId);
        if (order == null)
        {
            LOG.info("trade list of {} order {} ignored: no open order has that id (it ended meanwhile)", symbol.venueSymbol(), venueOrderId);
            return;
        }
        order.fetchInFlight = false;
        reporter.applyTradeList(order, trades, clockMs);
        settle(order);
    }

    @Override
    public void onOutcomeUnknown(
        final RequestKind kind,
        final VenueSymbol symbol,
        final String clientOrderId,
        final long venueOrderId,
        final String why)
    {
        LOG.warn("outcome of {} for {} {} unknown: {}", kind, symbol.venueSymbol(), clientOrderId, why);
        switch (kind)
        {
            case PLACE ->
            {
                final TrackedOrder order = orders.live(clientOrderId);
                if (order != null && !order.answered())
                {
                    placeOutcomeUnknown(order);
                }
            }
            case CANCEL ->
            {
                final TrackedOrder order = orders.live(clientOrderId);
                if (order != null)
                {
                    // The CANCEL commands stay unanswered: their sender resends them, which sends the cancel again.
                    order.cancelInFlight = false;
                    requestLookup(order, clockMs);
                }
            }
            case CANCEL_ALL ->
            {
                final CancelAllRequest request = cancelAllBySymbol.remove(symbol.venueSymbol());
                if (request != null)
                {
                    finishCancelAll(symbol, request, new VenueError(0, "no answer from the venue: " + why, RejectReason.INTERNAL));
                }
            }
            case LOOKUP ->
            {
                final TrackedOrder order = orders.live(clientOrderId);
                if (order != null)
                {
                    // The retry is a fresh lookup: it stands for any that was stale.
                    order.lookupInFlight = false;
                    order.lookupAnswerStale = false;
                    requestLookup(order, clockMs + timings.lookupRetryMs());
                }
                else
                {
                    // Not retried: the status query's sender resends it until answered.
                    foreignStatusQueries.remove(clientOrderId);
                }
            }
            case FETCH_TRADES ->
            {
                final TrackedOrder order = orders.liveByVenueOrderId(symbol, venueOrderId);
                if (order != null)
                {
                    order.fetchInFlight = false;
                    order.fillGapDueMs = clockMs + timings.lookupRetryMs();
                }
            }
            default -> throw new IllegalArgumentException("unhandled request kind " + kind);
        }
    }

    // ---------------------------------------------------------------- state changes

    /** Request bookkeeping an update settles, then the update's state through the reporter. */
    private void applyUpdate(final TrackedOrder order, final VenueOrderUpdate update)
    {
        if (order.isTerminal())
        {
            return;
        }
        // Any word from the venue about the order proves it exists: the place is answered.
        order.placeInFlight = false;
        order.replyDueMs = TrackedOrder.NO_DEADLINE;
        order.lookupsNotFound = 0;
        if (update.origin() == UpdateOrigin.LOOKUP)
        {
            order.lookupInFlight = false;
            order.lookupWanted = false;
            if (order.lookupAnswerStale)
            {
                // Applied (its facts hold), but another lookup follows before anything waits on it no
                // more — unless the order is final, which no later answer can change.
                order.lookupAnswerStale = false;
                if (!update.status().isTerminal())
                {
                    requestLookup(order, clockMs);
                }
            }
        }
        if (update.origin() == UpdateOrigin.CANCEL_REPLY)
        {
            order.cancelInFlight = false;
        }
        reporter.applyUpdate(order, update, clockMs);

        if (!order.isTerminal() && order.hasFillGap() && update.origin() == UpdateOrigin.LOOKUP
            && order.venueOrderId() != 0 && !order.fetchInFlight && gateway.isReady())
        {
            // A lookup carries no trades and the events it is ahead of may never come (missed while away).
            order.fillGapDueMs = TrackedOrder.NO_DEADLINE;
            sendFetchTrades(order);
        }
    }

    /** After an event: answers the commands the order's state now answers, and retires a terminal order. */
    private void settle(final TrackedOrder order)
    {
        reporter.answerWaitingCommands(order);
        if (!order.awaitingCancelLookup.isEmpty() && order.answered() && !order.lookupWanted && !order.lookupInFlight
            && !order.hasFillGap())
        {
            // The lookup after the refused cancel is answered and the fills it revealed are reported.
            reporter.answerCancelsAfterLookup(order);
        }
        if (order.isTerminal())
        {
            order.placeInFlight = false;
            order.lookupWanted = false;
            order.replyDueMs = TrackedOrder.NO_DEADLINE;
            order.fillGapDueMs = TrackedOrder.NO_DEADLINE;
            orders.retire(order);
        }
    }

    private void answerStatusQueries(final TrackedOrder order)
    {
        reporter.answerStatusQueries(order);
        final ForeignStatusQuery query = foreignStatusQueries.remove(order.clientOrderId());
        if (query != null)
        {
            for (int i = 0; i < query.commandIds.size(); i++)
            {
                reporter.orderStatus(query.commandIds.getLong(i), order);
            }
        }
    }

    private void rejectAll(
        final TrackedOrder order,
        final LongArrayList commandIds,
        final RejectReason reason,
        final int venueErrorCode,
        final String text)
    {
        for (int i = 0; i < commandIds.size(); i++)
        {
            sink.reject(commandIds.getLong(i), order.strategyId(), order.symbol().instrumentId(), order.clientOrderId(),
                reason, venueErrorCode, text);
        }
        commandIds.clear();
    }

    private void placeOutcomeUnknown(final TrackedOrder order)
    {
        order.placeInFlight = false;
        order.replyDueMs = TrackedOrder.NO_DEADLINE;
        requestLookup(order, clockMs);
    }

    private void finishCancelAll(final VenueSymbol symbol, final CancelAllRequest request, final VenueError error)
    {
        final int canceled = request.canceledClientOrderIds.size();
        for (int i = 0; i < request.commandIds.size(); i++)
        {
            sink.cancelAllDone(request.commandIds.getLong(i), request.strategyIds.getInt(i), symbol, canceled, error);
        }
        // Orders it did not cancel may have filled or ended meanwhile (or it failed): ask.
        for (final TrackedOrder order : orders.liveOrdersCopy())
        {
            if (!order.isTerminal() && order.symbol().venueSymbol().equals(symbol.venueSymbol())
                && !request.canceledClientOrderIds.contains(order.clientOrderId()) && !order.lookupInFlight)
            {
                requestLookup(order, clockMs);
            }
        }
    }

    private void queryUnknownOrder(final long commandId, final int strategyId, final VenueSymbol symbol, final String clientOrderId)
    {
        ForeignStatusQuery query = foreignStatusQueries.get(clientOrderId);
        if (query != null)
        {
            query.await(commandId, strategyId);
            return;
        }
        if (!gateway.isReady())
        {
            sink.reject(commandId, strategyId, symbol.instrumentId(), clientOrderId, RejectReason.NOT_CONNECTED, 0, "not connected");
            return;
        }
        if (foreignStatusQueries.size() >= MAX_FOREIGN_STATUS_QUERIES)
        {
            sink.reject(commandId, strategyId, symbol.instrumentId(), clientOrderId, RejectReason.THROTTLED, 0,
                "too many status queries about unknown orders in flight");
            return;
        }
        query = new ForeignStatusQuery(symbol);
        query.await(commandId, strategyId);
        foreignStatusQueries.put(clientOrderId, query);
        gateway.lookup(symbol, clientOrderId);
    }

    private void requestLookup(final TrackedOrder order, final long notBeforeMs)
    {
        order.lookupWanted = true;
        order.lookupNotBeforeMs = notBeforeMs;
        if (notBeforeMs <= clockMs && !order.lookupInFlight && gateway.isReady())
        {
            sendLookup(order);
        }
    }

    private void sendLookup(final TrackedOrder order)
    {
        order.lookupWanted = false;
        order.lookupInFlight = true;
        gateway.lookup(order.symbol(), order.clientOrderId());
    }

    private void sendFetchTrades(final TrackedOrder order)
    {
        order.fetchInFlight = true;
        gateway.fetchTrades(order.symbol(), order.venueOrderId());
    }

    /** The order a CANCEL or STATUS command names, or null after rejecting the command as UNKNOWN_ORDER. */
    private TrackedOrder orderForCommand(
        final long commandId,
        final int strategyId,
        final VenueSymbol symbol,
        final String clientOrderId,
        final KnownOrders.Known known)
    {
        if (known == null)
        {
            sink.reject(commandId, strategyId, symbol.instrumentId(), clientOrderId, RejectReason.UNKNOWN_ORDER, 0, "unknown order");
            return null;
        }
        if (!known.venueSymbol().equals(symbol.venueSymbol()))
        {
            sink.reject(commandId, strategyId, symbol.instrumentId(), clientOrderId, RejectReason.UNKNOWN_ORDER, 0,
                "order " + clientOrderId + " is on " + known.venueSymbol() + ", not " + symbol.venueSymbol());
            return null;
        }
        return known.order();
    }

    private void answerResentNewOrder(
        final long commandId,
        final int strategyId,
        final VenueSymbol symbol,
        final Side side,
        final OrderType type,
        final TimeInForce tif,
        final long price,
        final long qty,
        final String clientOrderId,
        final KnownOrders.Known known)
    {
        final TrackedOrder order = known.order();
        if (order == null || !order.sameContent(symbol, side, type, tif, price, qty))
        {
            sink.reject(commandId, strategyId, symbol.instrumentId(), clientOrderId, RejectReason.DUPLICATE_ID, 0,
                "client order id " + clientOrderId + " already used for a different order");
            return;
        }
        if (order.answered())
        {
            reporter.orderStatus(commandId, order);
        }
        else if (!order.awaitingNew.containsLong(commandId))
        {
            order.awaitingNew.addLong(commandId);
        }
    }

    private boolean insertOrReject(final TrackedOrder order, final long commandId)
    {
        try
        {
            journal.insertOrder(order);
            return true;
        }
        catch (final JournalException ex)
        {
            refuseWithoutJournal(commandId, order.strategyId(), order.symbol(), order.clientOrderId(), ex);
            return false;
        }
    }

    private void refuseWithoutJournal(
        final long commandId,
        final int strategyId,
        final VenueSymbol symbol,
        final String clientOrderId,
        final JournalException failure)
    {
        // Without the journal a resend could not be recognised after a restart: the order is not sent.
        LOG.error("order {} not placed: {}", clientOrderId, failure.getMessage());
        sink.reject(commandId, strategyId, symbol.instrumentId(), clientOrderId, RejectReason.INTERNAL, 0,
            "journal failed: " + failure.getMessage());
    }

    private void advanceClock(final long nowMs)
    {
        clockMs = Math.max(clockMs, nowMs);
    }
}
