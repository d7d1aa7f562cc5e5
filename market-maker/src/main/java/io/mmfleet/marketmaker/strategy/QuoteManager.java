package io.mmfleet.marketmaker.strategy;

import io.mmfleet.sbe.OrdStatus;
import io.mmfleet.sbe.RejectReason;
import io.mmfleet.sbe.Side;

import java.util.Arrays;

/**
 * Turns the wanted quote into order requests. Each side has QUOTE_LEVELS slots and a slot holds at
 * most one order, so there is never more than one live order per side per level: a moved quote is a
 * cancel, then (once the cancel is answered) a new post-only order, never a second order beside the
 * first. A slot is EMPTY, PENDING_NEW (request sent, no venue acknowledgement yet), LIVE, or
 * PENDING_CANCEL (cancel sent, not answered); nothing is sent for a pending slot, so the manager always
 * waits for answers before it requotes.
 *
 * <p>In {@link Mode#QUOTE}, per slot: an empty slot gets an order once MIN_REQUOTE_INTERVAL has passed
 * since its last one; a live order is cancelled when its side is no longer wanted, when it is
 * MAX_ORDER_AGE old, or when the wanted price moved by at least REFRESH_TOLERANCE_BPS or the size by
 * more than SIZE_TOLERANCE_PERCENT and MIN_REQUOTE_INTERVAL has passed since it was sent. {@link
 * Mode#PAUSE} (the venue is throttling us) sends nothing at all, as every request would cost weight the
 * venue has none of. {@link Mode#CANCEL_ALL} (stale market data, untrusted venue, kill switch, stop)
 * cancels every live order, and a pending new one as soon as it is acknowledged.
 *
 * <p>Decision origin: every order carries an opaque long naming the input that caused it (the daemon
 * passes a bus message's originNs, the time the venue event behind it entered the fleet, so
 * tick-to-order measures from the market information an order answers, not from the reply that let it
 * go out). Each slot keeps the origin of its pending desired quote, and the order placed in the slot
 * carries it:
 * <ul>
 * <li>the input whose evaluation changed what the slot wants (price, size, or whether it is wanted at
 * all): typically a book. A cancel waits for its answer before the replacing order goes out, and the
 * answer does not change the origin, so the replacing order carries the deciding tick's and the
 * measure includes the cancel round trip. A later input that changes the wanted quote again before the
 * cancel is answered replaces the origin: the order reflects it;</li>
 * <li>a fill report (PARTIALLY_FILLED, FILLED) or an end of the order the venue decided without our
 * cancel (CANCELED, EXPIRED, REJECTED not answering our cancel): that report's origin, since it is
 * venue information too;</li>
 * <li>a refresh for MAX_ORDER_AGE alone: 0, a timer's (no market information caused it; the daemon's
 * bus then stamps the send time), unless a later input changes the wanted quote before the order goes
 * out.</li>
 * </ul>
 * Answers to our own requests (our cancel's CANCELED, rejects, give-ups) never change it.
 *
 * <p>Slots are plain arrays scanned linearly (2 × at most 20), so nothing is allocated per event.
 */
public final class QuoteManager
{
    public enum Mode
    {
        QUOTE,
        PAUSE,
        CANCEL_ALL
    }

    public static final byte EMPTY = 0;
    public static final byte PENDING_NEW = 1;
    public static final byte LIVE = 2;
    public static final byte PENDING_CANCEL = 3;

    private QuoteManagerParams params;
    private final OrderActions actions;
    private final int levels;
    private final byte[] state;
    private final long[] requestId;
    private final long[] cancelRequestId;
    private final long[] price;
    private final long[] leaves;
    private final long[] sentNs;
    private final long[] lastPlacedNs;
    private final long[] cancelNotBeforeNs;
    private final boolean[] mustCancel;
    private final long[] desiredPrice;
    private final long[] desiredQty;
    private final long[] decisionOrigin;
    private long nextRequestId;

    /**
     * @param firstRequestId the first request id to use (> 0); ids count up from it.
     */
    public QuoteManager(final QuoteManagerParams params, final OrderActions actions, final long firstRequestId)
    {
        if (firstRequestId <= 0)
        {
            throw new IllegalArgumentException("request ids start above 0, got " + firstRequestId);
        }
        this.params = params;
        this.actions = actions;
        this.levels = params.levels();
        final int slots = 2 * levels;
        state = new byte[slots];
        requestId = new long[slots];
        cancelRequestId = new long[slots];
        price = new long[slots];
        leaves = new long[slots];
        sentNs = new long[slots];
        lastPlacedNs = new long[slots];
        cancelNotBeforeNs = new long[slots];
        mustCancel = new boolean[slots];
        desiredPrice = new long[slots];
        desiredQty = new long[slots];
        decisionOrigin = new long[slots];
        Arrays.fill(lastPlacedNs, Long.MIN_VALUE);
        Arrays.fill(cancelNotBeforeNs, Long.MIN_VALUE);
        nextRequestId = firstRequestId;
    }

    /**
     * New parameters (a reload) for the decisions to come; orders in flight keep their slots.
     *
     * @throws IllegalArgumentException if the number of levels changes (that needs a restart).
     */
    public void reconfigure(final QuoteManagerParams params)
    {
        if (params.levels() != levels)
        {
            throw new IllegalArgumentException("QUOTE_LEVELS cannot change from " + levels + " to " + params.levels() + " without a restart");
        }
        this.params = params;
    }

    /**
     * Decides and sends what the wanted quote needs now.
     *
     * @param origin the decision origin of the input being evaluated (see the class comment; 0 for a timer).
     * @return the number of new orders sent.
     */
    public int evaluate(final long nowNs, final long origin, final Quote wanted, final Mode mode, final InstrumentSpec spec)
    {
        if (mode == Mode.PAUSE)
        {
            return 0;
        }
        int placed = 0;
        for (int slot = 0; slot < state.length; slot++)
        {
            final boolean buy = slot < levels;
            final int level = buy ? slot : slot - levels;
            final long wantedPrice = mode == Mode.QUOTE ? levelPrice(wanted, buy, level, spec) : 0;
            final long wantedQty = buy ? wanted.bidQty : wanted.askQty;
            final boolean isWanted = wantedPrice > 0 && spec.meetsMinNotional(wantedPrice, wantedQty);
            desire(slot, isWanted ? wantedPrice : 0, isWanted ? wantedQty : 0, origin);
            switch (state[slot])
            {
                case EMPTY:
                    if (isWanted && elapsed(nowNs, lastPlacedNs[slot], params.minRequoteIntervalNs()))
                    {
                        place(slot, buy, level, wantedPrice, wantedQty, nowNs);
                        placed++;
                    }
                    break;
                case LIVE:
                    if (nowNs >= cancelNotBeforeNs[slot])
                    {
                        if (mustCancel[slot] || !isWanted || moved(slot, nowNs, wantedPrice, wantedQty))
                        {
                            cancel(slot, buy, level);
                        }
                        else if (nowNs - sentNs[slot] >= params.maxOrderAgeNs())
                        {
                            decisionOrigin[slot] = 0;
                            cancel(slot, buy, level);
                        }
                    }
                    break;
                default:
                    break;
            }
        }
        return placed;
    }

    /**
     * The OMS's view of an order changed (OrderState). Identified by the request id that placed it;
     * states of orders not in a slot (an earlier run's) are ignored.
     *
     * @param origin the report's decision origin: the slot's next order carries it after a fill or an
     *               end of the order we did not ask for (see the class comment).
     */
    public void onOrderState(final long orderRequestId, final OrdStatus status, final long leavesQty, final long origin)
    {
        final int slot = slotOfOrder(orderRequestId);
        if (slot < 0)
        {
            return;
        }
        switch (status)
        {
            case NEW, PARTIALLY_FILLED:
                leaves[slot] = leavesQty;
                if (state[slot] == PENDING_NEW)
                {
                    state[slot] = LIVE;
                }
                if (status == OrdStatus.PARTIALLY_FILLED)
                {
                    decisionOrigin[slot] = origin;
                }
                break;
            case PENDING_CANCEL:
                if (state[slot] != PENDING_CANCEL)
                {
                    state[slot] = PENDING_CANCEL;
                    cancelRequestId[slot] = 0;
                }
                break;
            case FILLED, CANCELED, REJECTED, EXPIRED:
                if (status == OrdStatus.FILLED || state[slot] != PENDING_CANCEL)
                {
                    decisionOrigin[slot] = origin;
                }
                clear(slot);
                break;
            default:
                break;
        }
    }

    /**
     * A request of ours was refused (OrderReject). A refused new order never existed, except one
     * refused as DUPLICATE_ID: that is a resend of a request the OMS already holds, so the order's own
     * state is awaited. A cancel refused as UNKNOWN_ORDER means the order is gone; any other refused
     * cancel is retried after MIN_REQUOTE_INTERVAL.
     */
    public void onRejected(final long rejectedRequestId, final RejectReason reason, final long nowNs)
    {
        int slot = slotOfOrder(rejectedRequestId);
        if (slot >= 0)
        {
            if (state[slot] == PENDING_NEW && reason != RejectReason.DUPLICATE_ID)
            {
                clear(slot);
            }
            return;
        }
        slot = slotOfCancel(rejectedRequestId);
        if (slot >= 0)
        {
            if (reason == RejectReason.UNKNOWN_ORDER)
            {
                clear(slot);
            }
            else
            {
                state[slot] = LIVE;
                cancelRequestId[slot] = 0;
                mustCancel[slot] = true;
                cancelNotBeforeNs[slot] = nowNs + params.minRequoteIntervalNs();
            }
        }
    }

    /**
     * The daemon stopped retransmitting a request that was never answered. An unanswered new order
     * may or may not exist, so it is cancelled (the answer, CANCELED or UNKNOWN_ORDER, empties the
     * slot); an unanswered cancel is sent again at the next evaluation.
     */
    public void onRequestGivenUp(final long givenUpRequestId)
    {
        int slot = slotOfOrder(givenUpRequestId);
        if (slot >= 0 && state[slot] == PENDING_NEW)
        {
            state[slot] = LIVE;
            mustCancel[slot] = true;
            return;
        }
        slot = slotOfCancel(givenUpRequestId);
        if (slot >= 0)
        {
            state[slot] = LIVE;
            cancelRequestId[slot] = 0;
            mustCancel[slot] = true;
        }
    }

    /** The state of a slot: {@link #EMPTY}, {@link #PENDING_NEW}, {@link #LIVE} or {@link #PENDING_CANCEL}. */
    public byte state(final Side side, final int level)
    {
        return state[index(side, level)];
    }

    /** The request id of the order in a slot, 0 if empty. */
    public long orderRequestId(final Side side, final int level)
    {
        return requestId[index(side, level)];
    }

    /** Price of the order in a slot (0 if empty). */
    public long price(final Side side, final int level)
    {
        return price[index(side, level)];
    }

    /**
     * Our quantity that may be resting on the venue's book at {@code orderPrice} on one side: the
     * remaining size of every order not known to be gone, in flight included. A PENDING_NEW order may
     * already be on the book the quote-server publishes (market data and our acknowledgement race
     * each other), and a PENDING_CANCEL one is until the cancel is confirmed; counting an order that
     * is not there yet can only hide market quantity at our own price, while missing one that is
     * there makes us quote around ourselves. A partial fill counts by the leaves of its last
     * OrderState.
     */
    public long restingQty(final Side side, final long orderPrice)
    {
        final int from = side == Side.BUY ? 0 : levels;
        long qty = 0;
        for (int slot = from, end = from + levels; slot < end; slot++)
        {
            if (state[slot] != EMPTY && price[slot] == orderPrice)
            {
                qty += leaves[slot];
            }
        }
        return qty;
    }

    /** True if no slot holds an order or a request: everything is answered and cancelled. */
    public boolean isFlat()
    {
        for (final byte s : state)
        {
            if (s != EMPTY)
            {
                return false;
            }
        }
        return true;
    }

    /** The decision origin the order in (or next placed in) a slot carries; see the class comment. */
    public long decisionOrigin(final Side side, final int level)
    {
        return decisionOrigin[index(side, level)];
    }

    private void desire(final int slot, final long wantedPrice, final long wantedQty, final long origin)
    {
        if (wantedPrice != desiredPrice[slot] || wantedQty != desiredQty[slot])
        {
            desiredPrice[slot] = wantedPrice;
            desiredQty[slot] = wantedQty;
            decisionOrigin[slot] = origin;
        }
    }

    /** The wanted price or size moved past its tolerance and MIN_REQUOTE_INTERVAL has passed since the order was sent. */
    private boolean moved(final int slot, final long nowNs, final long wantedPrice, final long wantedQty)
    {
        if (nowNs - sentNs[slot] < params.minRequoteIntervalNs())
        {
            return false;
        }
        final double moveBpsE2 = Math.abs((double)wantedPrice - price[slot]) / price[slot] * 1_000_000;
        if (moveBpsE2 >= params.refreshToleranceBpsE2() && wantedPrice != price[slot])
        {
            return true;
        }
        return Math.abs((double)wantedQty - leaves[slot]) * 100 > (double)params.sizeTolerancePercent() * wantedQty;
    }

    private long levelPrice(final Quote wanted, final boolean buy, final int level, final InstrumentSpec spec)
    {
        if (buy ? !wanted.hasBid : !wanted.hasAsk)
        {
            return 0;
        }
        final long offset = (long)level * params.levelSpacingTicks() * spec.tickSize();
        final long levelPrice = buy ? wanted.bidPrice - offset : wanted.askPrice + offset;
        return levelPrice > 0 ? levelPrice : 0;
    }

    private void place(final int slot, final boolean buy, final int level, final long orderPrice, final long qty, final long nowNs)
    {
        final long id = nextRequestId++;
        state[slot] = PENDING_NEW;
        requestId[slot] = id;
        cancelRequestId[slot] = 0;
        price[slot] = orderPrice;
        leaves[slot] = qty;
        sentNs[slot] = nowNs;
        lastPlacedNs[slot] = nowNs;
        cancelNotBeforeNs[slot] = Long.MIN_VALUE;
        mustCancel[slot] = false;
        actions.placePostOnly(id, buy ? Side.BUY : Side.SELL, level, orderPrice, qty, decisionOrigin[slot]);
    }

    private void cancel(final int slot, final boolean buy, final int level)
    {
        final long id = nextRequestId++;
        state[slot] = PENDING_CANCEL;
        cancelRequestId[slot] = id;
        mustCancel[slot] = false;
        actions.cancel(id, requestId[slot], buy ? Side.BUY : Side.SELL, level);
    }

    private void clear(final int slot)
    {
        state[slot] = EMPTY;
        requestId[slot] = 0;
        cancelRequestId[slot] = 0;
        price[slot] = 0;
        leaves[slot] = 0;
        mustCancel[slot] = false;
        cancelNotBeforeNs[slot] = Long.MIN_VALUE;
    }

    private int slotOfOrder(final long id)
    {
        if (id == 0)
        {
            return -1;
        }
        for (int slot = 0; slot < state.length; slot++)
        {
            if (state[slot] != EMPTY && requestId[slot] == id)
            {
                return slot;
            }
        }
        return -1;
    }

    private int slotOfCancel(final long id)
    {
        if (id == 0)
        {
            return -1;
        }
        for (int slot = 0; slot < state.length; slot++)
        {
            if (state[slot] == PENDING_CANCEL && cancelRequestId[slot] == id)
            {
                return slot;
            }
        }
        return -1;
    }

    private int index(final Side side, final int level)
    {
        if (level < 0 || level >= levels)
        {
            throw new IllegalArgumentException("level " + level + " outside 0.." + (levels - 1));
        }
        return side == Side.BUY ? level : levels + level;
    }

    private static boolean elapsed(final long nowNs, final long sinceNs, final long intervalNs)
    {
        return sinceNs == Long.MIN_VALUE || nowNs - sinceNs >= intervalNs;
    }
}
