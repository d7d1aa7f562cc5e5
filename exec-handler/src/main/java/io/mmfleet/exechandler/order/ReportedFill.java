package io.mmfleet.exechandler.order;

import io.mmfleet.exechandler.venue.VenueFill;
import io.mmfleet.exechandler.venue.VenueSymbol;
import io.mmfleet.sbe.OrdStatus;
import io.mmfleet.sbe.OrderType;
import io.mmfleet.sbe.Side;
import io.mmfleet.sbe.TimeInForce;

/**
 * A fill as the journal keeps it after its TRADE report went out, with its order as last reported,
 * so the TRADE report can be published again for a subscriber that missed it: the fill's fields
 * (trade id, venue order id, price, quantity, fee, liquidity, venue time) and the strategy exactly as
 * first published; the order's status and cumulative quantities as they are now, so a replay never
 * shows a finished order working (a subscriber driven by cumulative quantity sees nothing new).
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
    OrdStatus status,
    long cumQty,
    long cumQuoteQty,
    VenueFill fill)
{
    /** The order as last reported, on its symbol. */
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

        @Override
        public OrdStatus status()
        {
            return reported.status;
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
