package io.mmfleet.exechandler.order;

import io.mmfleet.exechandler.venue.VenueOrderStatus;
import io.mmfleet.exechandler.venue.VenueOrderUpdate;
import io.mmfleet.exechandler.venue.VenueSymbol;
import io.mmfleet.sbe.OrdStatus;
import io.mmfleet.sbe.OrderType;
import io.mmfleet.sbe.Side;
import io.mmfleet.sbe.TimeInForce;
import org.agrona.collections.LongArrayList;
import org.agrona.collections.LongHashSet;

/**
 * One order the tracker follows: what it has reported (the {@link TrackedOrderView}), what the venue
 * has said beyond that, which requests about it are outstanding and which commands still await an
 * answer. Mutable, owned by the {@link OrderTracker} on the event-loop thread; the view handed to
 * the sink is only valid during that call.
 */
final class TrackedOrder implements TrackedOrderView
{
    /** A deadline that is not set. */
    static final long NO_DEADLINE = Long.MAX_VALUE;

    private final VenueSymbol symbol;
    private final int strategyId;
    private final String clientOrderId;
    private final long commandId;
    private final Side side;
    private final OrderType orderType;
    private final TimeInForce timeInForce;
    private final long price;
    private final long qty;
    private final long venueTimestampMs;
    private final boolean foreign;

    // As reported: cumQty/cumQuoteQty are the sums of the fills in reportedTradeIds.
    long venueOrderId;
    OrdStatus status;
    long cumQty;
    long cumQuoteQty;
    boolean terminal;
    final LongHashSet reportedTradeIds = new LongHashSet();

    // What the venue said beyond what is reported.
    long venueCumQty;
    /** The venue's terminal status other than FILLED (held until the fills reach venueCumQty), or null. */
    VenueOrderStatus venueFinalStatus;

    // Outstanding requests and their timers (monotonic ms).
    boolean placeInFlight;
    long replyDueMs = NO_DEADLINE;
    boolean cancelInFlight;
    boolean lookupWanted;
    long lookupNotBeforeMs;
    boolean lookupInFlight;
    /**
     * The lookup in flight was sent before something it cannot reflect (a session loss, a cancel
     * refused as unknown): its answer is applied, but another lookup must follow before anything is
     * concluded from it (an order still open, a fill missed, a waiting cancel answered).
     */
    boolean lookupAnswerStale;
    boolean fetchInFlight;
    long fillGapDueMs = NO_DEADLINE;
    /** Lookups answered "no such order" since the venue last said anything about this answered order. */
    int lookupsNotFound;

    /** NEW commands (the original and resends) waiting for the order's first report. */
    final LongArrayList awaitingNew = new LongArrayList();
    /** CANCEL commands waiting for the next report on the order, or the cancel's refusal. */
    final LongArrayList awaitingCancel = new LongArrayList();
    /** STATUS commands waiting for a lookup's answer. */
    final LongArrayList awaitingStatus = new LongArrayList();
    /** CANCEL commands the venue refused as an unknown order (-2011): answered by what the lookup finds. */
    final LongArrayList awaitingCancelLookup = new LongArrayList();

    TrackedOrder(
        final VenueSymbol symbol,
        final int strategyId,
        final String clientOrderId,
        final long commandId,
        final Side side,
        final OrderType orderType,
        final TimeInForce timeInForce,
        final long price,
        final long qty,
        final long venueTimestampMs,
        final boolean foreign)
    {
        this.symbol = symbol;
        this.strategyId = strategyId;
        this.clientOrderId = clientOrderId;
        this.commandId = commandId;
        this.side = side;
        this.orderType = orderType;
        this.timeInForce = timeInForce;
        this.price = price;
        this.qty = qty;
        this.venueTimestampMs = venueTimestampMs;
        this.foreign = foreign;
        this.status = OrdStatus.PENDING_NEW;
    }

    /** An order this tracker never placed, first seen in {@code update}: reported with strategy 0. */
    static TrackedOrder foreign(final VenueSymbol symbol, final VenueOrderUpdate update)
    {
        return new TrackedOrder(symbol, 0, update.clientOrderId(), 0, update.side(), update.orderType(),
            update.timeInForce(), update.price(), update.qty(), update.venueTimeMs(), true);
    }

    static TrackedOrder fromJournal(final VenueSymbol symbol, final JournaledOrder journaled)
    {
        final TrackedOrder order = new TrackedOrder(symbol, journaled.strategyId(), journaled.clientOrderId(),
            journaled.commandId(), journaled.side(), journaled.orderType(), journaled.timeInForce(), journaled.price(),
            journaled.qty(), journaled.venueTimestampMs(), journaled.foreign());
        order.venueOrderId = journaled.venueOrderId();
        order.status = journaled.status();
        order.cumQty = journaled.reportedCumQty();
        order.cumQuoteQty = journaled.reportedCumQuoteQty();
        order.venueCumQty = journaled.reportedCumQty();
        order.terminal = journaled.terminal();
        for (final long tradeId : journaled.reportedTradeIds())
        {
            order.reportedTradeIds.add(tradeId);
        }
        return order;
    }

    /** Whether a NEW command with this content is a resend of this order's command. */
    boolean sameContent(
        final VenueSymbol otherSymbol,
        final Side otherSide,
        final OrderType otherType,
        final TimeInForce otherTif,
        final long otherPrice,
        final long otherQty)
    {
        return symbol.venueSymbol().equals(otherSymbol.venueSymbol()) && side == otherSide && orderType == otherType
            && timeInForce == otherTif && price == otherPrice && qty == otherQty;
    }

    /** Whether anything was reported on the order yet (its first answer went out). */
    boolean answered()
    {
        return status != OrdStatus.PENDING_NEW;
    }

    /** Whether the venue is known to have executed more than the fills reported so far. */
    boolean hasFillGap()
    {
        return venueCumQty > cumQty;
    }

    /**
     * The command the next report answers: a waiting NEW command first (the order's first
     * answer), then a waiting CANCEL; 0 if none waits (unsolicited).
     */
    long takeCommandForReport()
    {
        if (!awaitingNew.isEmpty())
        {
            return awaitingNew.removeAt(0);
        }
        if (!awaitingCancel.isEmpty())
        {
            return awaitingCancel.removeAt(0);
        }
        return 0;
    }

    long commandId()
    {
        return commandId;
    }

    long venueTimestampMs()
    {
        return venueTimestampMs;
    }

    boolean isForeign()
    {
        return foreign;
    }

    boolean isTerminal()
    {
        return terminal;
    }

    @Override
    public VenueSymbol symbol()
    {
        return symbol;
    }

    @Override
    public int strategyId()
    {
        return strategyId;
    }

    @Override
    public String clientOrderId()
    {
        return clientOrderId;
    }

    @Override
    public long venueOrderId()
    {
        return venueOrderId;
    }

    @Override
    public OrdStatus status()
    {
        return status;
    }

    @Override
    public Side side()
    {
        return side;
    }

    @Override
    public OrderType orderType()
    {
        return orderType;
    }

    @Override
    public TimeInForce timeInForce()
    {
        return timeInForce;
    }

    @Override
    public long price()
    {
        return price;
    }

    @Override
    public long qty()
    {
        return qty;
    }

    @Override
    public long cumQty()
    {
        return cumQty;
    }

    @Override
    public long cumQuoteQty()
    {
        return cumQuoteQty;
    }

    @Override
    public String toString()
    {
        return "TrackedOrder{" + symbol.venueSymbol() + " " + clientOrderId + " venueOrderId=" + venueOrderId + " " + status
            + " cumQty=" + cumQty + "/" + qty + " venueCumQty=" + venueCumQty + (terminal ? " terminal" : "") + "}";
    }
}
