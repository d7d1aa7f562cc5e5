package io.mmfleet.exechandler.order;

import io.mmfleet.exechandler.venue.VenueError;
import io.mmfleet.exechandler.venue.VenueFill;
import io.mmfleet.exechandler.venue.VenueOrderStatus;
import io.mmfleet.exechandler.venue.VenueOrderUpdate;
import io.mmfleet.sbe.ExecType;
import io.mmfleet.sbe.OrdStatus;
import io.mmfleet.sbe.RejectReason;
import org.agrona.collections.LongArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns what the venue says about one order into that order's ExecutionReports, and journals what
 * was reported. Knows nothing of requests in flight (the {@link OrderTracker}'s business), only of
 * the order's cumulative quantities, its fills and the commands waiting for an answer.
 * <p>
 * Every report is published before it is journaled: a kill between the two repeats the report
 * after a restart (the venue still says the same), never loses it.
 */
final class OrderReporter
{
    private static final Logger LOG = LoggerFactory.getLogger(OrderReporter.class);
    private static final Comparator<VenueFill> BY_TRADE_ID = Comparator.comparingLong(VenueFill::tradeId);

    private final ExecutionSink sink;
    private final ExecJournal journal;
    private final long fillGapTimeoutMs;

    OrderReporter(final ExecutionSink sink, final ExecJournal journal, final long fillGapTimeoutMs)
    {
        this.sink = sink;
        this.journal = journal;
        this.fillGapTimeoutMs = fillGapTimeoutMs;
    }

    /**
     * Applies one update: its facts (venue order id, fills) always, its cumulative quantity and
     * status only if not behind what is known (stale); then reports what that allows.
     */
    void applyUpdate(final TrackedOrder order, final VenueOrderUpdate update, final long clockMs)
    {
        if (order.isTerminal())
        {
            return;
        }
        final boolean idLearned = order.venueOrderId == 0 && update.venueOrderId() != 0;
        if (idLearned)
        {
            order.venueOrderId = update.venueOrderId();
        }
        if (update.cumQty() >= order.venueCumQty)
        {
            order.venueCumQty = update.cumQty();
            if (update.status().isTerminal() && update.status() != VenueOrderStatus.FILLED)
            {
                order.venueFinalStatus = update.status();
            }
        }
        final List<VenueFill> fills = update.fills();
        if (fills != null)
        {
            for (final VenueFill fill : fills)
            {
                reportFill(order, fill);
            }
        }
        if (idLearned && !order.isTerminal())
        {
            journal.updateOrder(order);
        }
        progress(order, clockMs);
    }

    /** Applies the venue's whole trade list of the order (tradeId order): the fills not yet reported, then what they allow. */
    void applyTradeList(final TrackedOrder order, final List<VenueFill> trades, final long clockMs)
    {
        final List<VenueFill> sorted = new ArrayList<>(trades);
        sorted.sort(BY_TRADE_ID);
        long listedQty = 0;
        for (final VenueFill trade : sorted)
        {
            listedQty += trade.qty();
        }
        order.venueCumQty = Math.max(order.venueCumQty, listedQty);
        for (final VenueFill trade : sorted)
        {
            reportFill(order, trade);
        }
        progress(order, clockMs);
    }

    /** The order does not exist on the venue: REJECTED, terminal. */
    void reject(final TrackedOrder order, final VenueError error)
    {
        order.status = OrdStatus.REJECTED;
        order.terminal = true;
        report(order, ExecType.REJECTED, error);
        journal.updateOrder(order);
    }

    /** Answers the commands the order's state now answers: resent NEW commands; all of them once terminal. */
    void answerWaitingCommands(final TrackedOrder order)
    {
        if (order.answered())
        {
            answerAll(order, order.awaitingNew);
        }
        if (order.isTerminal())
        {
            answerAll(order, order.awaitingCancel);
            answerAll(order, order.awaitingCancelLookup);
            answerAll(order, order.awaitingStatus);
        }
    }

    /** Answers the CANCEL commands the venue refused as an unknown order, with the state a lookup found. */
    void answerCancelsAfterLookup(final TrackedOrder order)
    {
        answerAll(order, order.awaitingCancelLookup);
    }

    /** Answers the STATUS commands waiting for a lookup, once the order's first report is out. */
    void answerStatusQueries(final TrackedOrder order)
    {
        if (order.answered())
        {
            answerAll(order, order.awaitingStatus);
        }
    }

    void orderStatus(final long commandId, final TrackedOrder order)
    {
        sink.executionReport(commandId, order, ExecType.ORDER_STATUS, null, null);
    }

    /**
     * Reports one fill unless its trade id was reported already.
     * <p>
     * Published to the sink THEN journaled, in this call: a kill between the two re-reports the
     * fill after the restart (the venue's trade list still has it, the journal does not) with the
     * same trade id, which consumers dedupe; journaling first would lose the fill for good if the
     * kill came before the publish.
     */
    private void reportFill(final TrackedOrder order, final VenueFill fill)
    {
        if (order.isTerminal() || order.reportedTradeIds.contains(fill.tradeId()))
        {
            return;
        }
        if (fill.qty() <= 0 || (fill.venueOrderId() != 0 && order.venueOrderId != 0 && fill.venueOrderId() != order.venueOrderId))
        {
            LOG.warn("fill dropped: not a fill of {} (venue order id {}): {}", order.clientOrderId(), order.venueOrderId, fill);
            return;
        }
        order.reportedTradeIds.add(fill.tradeId());
        if (order.venueOrderId == 0 && fill.venueOrderId() != 0)
        {
            order.venueOrderId = fill.venueOrderId();
        }
        order.cumQty += fill.qty();
        order.cumQuoteQty += fill.quoteQty();
        order.venueCumQty = Math.max(order.venueCumQty, order.cumQty);
        if (order.cumQty >= order.qty())
        {
            order.status = OrdStatus.FILLED;
            order.terminal = true;
        }
        else
        {
            order.status = OrdStatus.PARTIALLY_FILLED;
        }
        sink.executionReport(order.takeCommandForReport(), order, ExecType.TRADE, fill, null);
        journal.recordFill(order, fill);
    }

    /**
     * Reports what the venue's word now allows: NEW for an order learned open with no fill;
     * a terminal state once the reported fills reach the venue's cumulative quantity. Arms the
     * fill-gap timer while they do not.
     * <p>
     * An order the venue says has fills not reported yet (a lookup or a reply that finds it
     * FILLED, CANCELED after partial fills, or partially filled) is not reported NEW: its first
     * report is its first TRADE, once the fills arrive or are fetched, as if the fill had been
     * learned first; NEW after that would tell a subscriber the order is open and unfilled.
     */
    private void progress(final TrackedOrder order, final long clockMs)
    {
        if (order.isTerminal())
        {
            return;
        }
        final boolean fillsComplete = !order.hasFillGap();
        final VenueOrderStatus finalStatus = order.venueFinalStatus;
        final boolean ends = finalStatus != null && fillsComplete;
        if (!order.answered() && fillsComplete && finalStatus == null)
        {
            order.status = OrdStatus.NEW;
            report(order, ExecType.NEW, null);
            journal.updateOrder(order);
        }
        if (ends)
        {
            order.status = ordStatusOf(finalStatus);
            order.terminal = true;
            report(order, execTypeOf(finalStatus),
                finalStatus == VenueOrderStatus.REJECTED ? new VenueError(0, "venue reported the order REJECTED", RejectReason.VENUE_REJECT) : null);
            journal.updateOrder(order);
        }
        else if (fillsComplete)
        {
            order.fillGapDueMs = TrackedOrder.NO_DEADLINE;
        }
        else if (order.fillGapDueMs == TrackedOrder.NO_DEADLINE && !order.fetchInFlight)
        {
            order.fillGapDueMs = clockMs + fillGapTimeoutMs;
        }
    }

    private void report(final TrackedOrder order, final ExecType execType, final VenueError error)
    {
        sink.executionReport(order.takeCommandForReport(), order, execType, null, error);
    }

    private void answerAll(final TrackedOrder order, final LongArrayList commandIds)
    {
        for (int i = 0; i < commandIds.size(); i++)
        {
            orderStatus(commandIds.getLong(i), order);
        }
        commandIds.clear();
    }

    private static OrdStatus ordStatusOf(final VenueOrderStatus status)
    {
        return switch (status)
        {
            case CANCELED -> OrdStatus.CANCELED;
            case EXPIRED, EXPIRED_IN_MATCH -> OrdStatus.EXPIRED;
            case REJECTED -> OrdStatus.REJECTED;
            default -> throw new IllegalArgumentException("not a held terminal status: " + status);
        };
    }

    private static ExecType execTypeOf(final VenueOrderStatus status)
    {
        return switch (status)
        {
            case CANCELED -> ExecType.CANCELED;
            case EXPIRED -> ExecType.EXPIRED;
            case EXPIRED_IN_MATCH -> ExecType.TRADE_PREVENTION;
            case REJECTED -> ExecType.REJECTED;
            default -> throw new IllegalArgumentException("not a held terminal status: " + status);
        };
    }
}
