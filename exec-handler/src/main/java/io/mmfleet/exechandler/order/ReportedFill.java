package io.mmfleet.exechandler.order;

import io.mmfleet.exechandler.venue.VenueFill;
import io.mmfleet.exechandler.venue.VenueSymbol;
import io.mmfleet.sbe.OrdStatus;
import io.mmfleet.sbe.OrderType;
import io.mmfleet.sbe.Side;
import io.mmfleet.sbe.TimeInForce;

/**
 * A fill as the journal keeps it after its TRADE report went out: the fill itself and the order as
 * that report described it (venue order id, cumulative quantities after the fill), so the report
 * can be published again, field for field, for a subscriber that missed it.
 */
record ReportedFill(
    String venueSymbol,
    String clientOrderId,
    int strategyId,
    Side side,
    OrderType orderType,
    TimeInForce timeInForce,
    long price,
    long qty,
    long venueOrderId,
    long cumQty,
    long cumQuoteQty,
    VenueFill fill)
{
    /** The order as the original report showed it, on its symbol. */
    TrackedOrderView asReported(final VenueSymbol symbol)
    {
        return new AsReported(symbol, this);
    }

    private record AsReported(VenueSymbol symbol, ReportedFill reported) implements TrackedOrderView
    {
        @Override
        public int strategyId()
        {
            return reported.strategyId;
        }

        @Override
        public String clientOrderId()
        {
            return reported.clientOrderId;
        }

        @Override
        public long venueOrderId()
        {
            return reported.venueOrderId;
        }

        /** What the report said: a fill that completed the order made it FILLED, any other PARTIALLY_FILLED. */
        @Override
        public OrdStatus status()
        {
            return reported.cumQty >= reported.qty ? OrdStatus.FILLED : OrdStatus.PARTIALLY_FILLED;
        }

        @Override
        public Side side()
        {
            return reported.side;
        }

        @Override
        public OrderType orderType()
        {
            return reported.orderType;
        }

        @Override
        public TimeInForce timeInForce()
        {
            return reported.timeInForce;
        }

        @Override
        public long price()
        {
            return reported.price;
        }

        @Override
        public long qty()
        {
            return reported.qty;
        }

        @Override
        public long cumQty()
        {
            return reported.cumQty;
        }

        @Override
        public long cumQuoteQty()
        {
            return reported.cumQuoteQty;
        }
    }
}
