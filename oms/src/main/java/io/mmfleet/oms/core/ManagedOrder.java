package io.mmfleet.oms.core;

import io.mmfleet.sbe.ExecType;
import io.mmfleet.sbe.OrdStatus;
import io.mmfleet.sbe.OrderType;
import io.mmfleet.sbe.RejectReason;
import io.mmfleet.sbe.Side;
import io.mmfleet.sbe.TimeInForce;

/**
 * One order, keyed by its client order id, and its state machine:
 * <pre>
 *  PENDING_NEW ─▶ NEW ─▶ PARTIALLY_FILLED ─▶ FILLED
 *      │  │        │            │
 *      │  │        └─▶ PENDING_CANCEL ─▶ CANCELED
 *      │  └─▶ UNKNOWN (no answer; a status query resolves it)
 *      └─▶ REJECTED / EXPIRED
 * </pre>
 * The state is derived, not stepped: the cumulative filled quantity only rises (a report with a
 * lower one is older and changes nothing), a terminal outcome once learned is kept (only a fill
 * completing the quantity turns it into FILLED), and the live status follows from cumQty, whether
 * the venue has answered and whether a cancel is outstanding. So reports land correctly in any
 * order and a duplicate changes nothing (see {@link #apply}).
 * <p>
 * Pooled and reused by {@link OrderManager}; nothing here allocates.
 */
public final class ManagedOrder
{
    private static final int AVG_PRICE_EXTRA_DECIMALS = 4;

    final StringBuilder clientOrderId = new StringBuilder(ClientOrderIds.MAX_LENGTH);
    /** Counter of this run's id, or {@link ClientOrderIds#NOT_THIS_RUN} for an order adopted from a report. */
    long idCounter;
    int strategyId;
    long requestId;
    /** Run id of the strategy run whose request made the order (its envelope's), 0 when unknown. */
    long strategyRunId;
    int venueId;
    int instrumentId;
    Side side;
    OrderType orderType;
    TimeInForce timeInForce;
    int priceScale;
    int qtyScale;
    long price;
    long qty;
    long cumQty;
    /** Cumulative quote quantity at priceScale + qtyScale, or {@link FixedPoint#NOT_REPRESENTABLE} if unknown. */
    long cumQuote;
    long venueOrderId;
    RejectReason rejectReason;
    long newCommandId;
    long cancelCommandId;
    long statusCommandId;
    /** Quantity this order adds to its side's open exposure right now. */
    long countedOpenQty;
    InstrumentExposure pair;
    /** Index in the manager's live list, -1 once retired. */
    int liveIndex = -1;

    private boolean answered;
    private boolean unknown;
    private boolean cancelPending;
    /** The terminal outcome learned, or null while the order may still trade. */
    private OrdStatus terminal;
    private OrdStatus status = OrdStatus.PENDING_NEW;

    void reset()
    {
        clientOrderId.setLength(0);
        idCounter = ClientOrderIds.NOT_THIS_RUN;
        strategyId = 0;
        requestId = 0;
        strategyRunId = 0;
        venueId = 0;
        instrumentId = 0;
        side = null;
        orderType = null;
        timeInForce = null;
        priceScale = 0;
        qtyScale = 0;
        price = 0;
        qty = 0;
        cumQty = 0;
        cumQuote = 0;
        venueOrderId = 0;
        rejectReason = null;
        newCommandId = 0;
        cancelCommandId = 0;
        statusCommandId = 0;
        countedOpenQty = 0;
        pair = null;
        liveIndex = -1;
        answered = false;
        unknown = false;
        cancelPending = false;
        terminal = null;
        status = OrdStatus.PENDING_NEW;
    }

    /**
     * Applies one execution report.
     *
     * @param reportCumQty the report's cumulative filled quantity at this order's qty scale, or
     *                     {@link FixedPoint#NOT_REPRESENTABLE} if it had none
     * @param reportCumQuote the report's cumulative quote quantity at the notional scale, or not representable
     * @return the quantity newly filled by this report (0 if none)
     */
    long apply(final ExecReport report, final long reportCumQty, final long reportCumQuote)
    {
        long filled = 0;
        if (reportCumQty != FixedPoint.NOT_REPRESENTABLE && reportCumQty > cumQty)
        {
            filled = reportCumQty - cumQty;
            cumQty = reportCumQty;
            cumQuote = reportCumQuote;
        }
        if (report.venueOrderId != 0)
        {
            venueOrderId = report.venueOrderId;
        }
        final OrdStatus reported = report.execType == ExecType.TRADE_PREVENTION ? OrdStatus.EXPIRED : report.ordStatus;
        if (reported != null)
        {
            switch (reported)
            {
                case NEW, PARTIALLY_FILLED, PENDING_CANCEL -> learnOpen();
                case FILLED -> learnTerminal(OrdStatus.FILLED, null);
                case CANCELED -> learnTerminal(OrdStatus.CANCELED, null);
                case EXPIRED -> learnTerminal(OrdStatus.EXPIRED, null);
                case REJECTED -> learnTerminal(OrdStatus.REJECTED, report.rejectReason != null ? report.rejectReason : RejectReason.VENUE_REJECT);
                default ->
                {
                    // PENDING_NEW, UNKNOWN or a value of a newer schema: says nothing the order does not know.
                }
            }
        }
        refresh();
        return filled;
    }

    /** A cancel command was sent for this order. */
    void cancelSent(final long commandId)
    {
        cancelCommandId = commandId;
        cancelPending = true;
        refresh();
    }

    /** The cancel was refused: the order stays as it was (it may have filled meanwhile; a report says so). */
    void cancelRefused()
    {
        cancelPending = false;
        refresh();
    }

    /** The venue never answered the new order: a status query was sent to find out. */
    void statusQuerySent(final long commandId)
    {
        statusCommandId = commandId;
        if (!answered)
        {
            unknown = true;
        }
        refresh();
    }

    /** The new order itself was refused (by the exec-handler or the venue) before it ever traded. */
    void refused(final RejectReason reason)
    {
        learnTerminal(OrdStatus.REJECTED, reason);
        refresh();
    }

    private void learnOpen()
    {
        answered = true;
        unknown = false;
    }

    private void learnTerminal(final OrdStatus outcome, final RejectReason reason)
    {
        answered = true;
        unknown = false;
        cancelPending = false;
        if (terminal == null)
        {
            terminal = outcome;
            if (reason != null)
            {
                rejectReason = reason;
            }
        }
    }

    private void refresh()
    {
        if (cumQty >= qty && qty > 0)
        {
            // A fill completing the quantity outranks whatever ended the order first in arrival order.
            terminal = OrdStatus.FILLED;
            cancelPending = false;
            status = OrdStatus.FILLED;
        }
        else if (terminal != null)
        {
            status = terminal;
        }
        else if (cancelPending)
        {
            status = OrdStatus.PENDING_CANCEL;
        }
        else if (!answered)
        {
            status = unknown ? OrdStatus.UNKNOWN : OrdStatus.PENDING_NEW;
        }
        else
        {
            status = cumQty > 0 ? OrdStatus.PARTIALLY_FILLED : OrdStatus.NEW;
        }
    }

    /** Whether the order may still trade: its leaves count as open exposure. */
    public boolean isLive()
    {
        return terminal == null;
    }

    /** Whether the venue has said anything about the order (an ack, a fill, an outcome). */
    public boolean isAnswered()
    {
        return answered;
    }

    public boolean isCancelPending()
    {
        return cancelPending;
    }

    public OrdStatus status()
    {
        return status;
    }

    public CharSequence clientOrderId()
    {
        return clientOrderId;
    }

    public int strategyId()
    {
        return strategyId;
    }

    /** The strategy's request that made this order, 0 for an order adopted from a report. */
    public long requestId()
    {
        return requestId;
    }

    /** The strategy run whose request made the order, 0 when unknown (adopted without a journal line). */
    public long strategyRunId()
    {
        return strategyRunId;
    }

    public int venueId()
    {
        return venueId;
    }

    public int instrumentId()
    {
        return instrumentId;
    }

    public long venueOrderId()
    {
        return venueOrderId;
    }

    public Side side()
    {
        return side;
    }

    public OrderType orderType()
    {
        return orderType;
    }

    public TimeInForce timeInForce()
    {
        return timeInForce;
    }

    /** Price mantissa at {@link #priceExponent()}; 0 for a MARKET order. */
    public long price()
    {
        return price;
    }

    public int priceExponent()
    {
        return -priceScale;
    }

    /** Quantity mantissas (qty, cumQty, leavesQty) are at this exponent. */
    public int qtyExponent()
    {
        return -qtyScale;
    }

    public long qty()
    {
        return qty;
    }

    public long cumQty()
    {
        return cumQty;
    }

    /** Quantity still working: 0 once the order is over. */
    public long leavesQty()
    {
        return terminal == null ? Math.max(0, qty - cumQty) : 0;
    }

    /** Average fill price at {@link #avgPriceExponent()} (truncated), or {@link FixedPoint#NULL_MANTISSA} with no fill or no quote quantity. */
    public long avgPrice()
    {
        if (cumQty <= 0 || cumQuote == FixedPoint.NOT_REPRESENTABLE || cumQuote < 0)
        {
            return FixedPoint.NULL_MANTISSA;
        }
        long mantissa = cumQuote / cumQty;
        long remainder = cumQuote % cumQty;
        for (int i = 0; i < AVG_PRICE_EXTRA_DECIMALS; i++)
        {
            final long scaledRemainder = FixedPoint.multiplyOrNotRepresentable(remainder, 10);
            final long shifted = FixedPoint.multiplyOrNotRepresentable(mantissa, 10);
            if (scaledRemainder == FixedPoint.NOT_REPRESENTABLE || shifted == FixedPoint.NOT_REPRESENTABLE)
            {
                return FixedPoint.NULL_MANTISSA;
            }
            mantissa = shifted + scaledRemainder / cumQty;
            remainder = scaledRemainder % cumQty;
        }
        return mantissa;
    }

    public int avgPriceExponent()
    {
        return -(priceScale + AVG_PRICE_EXTRA_DECIMALS);
    }

    /** Why the order was refused, or null. */
    public RejectReason rejectReason()
    {
        return rejectReason;
    }

    @Override
    public String toString()
    {
        return "ManagedOrder{" + clientOrderId + " strategy=" + strategyId + " request=" + requestId + " " + side + " " +
            qty + "@" + price + " status=" + status + " cumQty=" + cumQty + "}";
    }
}
