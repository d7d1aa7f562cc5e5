package io.mmfleet.venuesim.binance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmfleet.venuesim.engine.BalanceView;
import io.mmfleet.venuesim.engine.Fill;
import io.mmfleet.venuesim.engine.InstrumentSpec;
import io.mmfleet.venuesim.engine.OrderStatus;
import io.mmfleet.venuesim.engine.OrderType;
import io.mmfleet.venuesim.engine.OrderView;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** The user data stream events {@code executionReport} and {@code outboundAccountPosition} as the docs show them. */
final class UserDataEvents
{
    private final Instruments instruments;
    private final AtomicLong executionIds = new AtomicLong();

    UserDataEvents(final Instruments instruments)
    {
        this.instruments = instruments;
    }

    ObjectNode executionReport(final OrderView order, final String executionType, final Fill lastFill,
        final long eventTimeMs)
    {
        final InstrumentSpec spec = instruments.spec(order.symbol());
        // A cancel's report names the cancel request in c and the cancelled order in C, as the docs describe.
        final boolean cancel = "CANCELED".equals(executionType) && order.cancelClientOrderId() != null;
        final boolean prevented = "TRADE_PREVENTION".equals(executionType) && order.expiredBySelfTradePrevention();
        // A limit order works from acceptance on (Binance reports w=true and W already in its NEW event), even when
        // the engine matches it right after; it stops working once it is done.
        final boolean working = order.type() != OrderType.MARKET
            && (order.status() == OrderStatus.NEW || order.status() == OrderStatus.PARTIALLY_FILLED);
        final ObjectNode e = BinanceJson.MAPPER.createObjectNode();
        e.put("e", "executionReport");
        e.put("E", eventTimeMs);
        e.put("s", order.symbol());
        e.put("c", cancel ? order.cancelClientOrderId() : order.clientOrderId());
        e.put("S", order.side().name());
        e.put("o", order.type().name());
        e.put("f", order.tif().name());
        e.put("q", instruments.qty(spec, order.origQty()));
        e.put("p", instruments.price(spec, order.price()));
        e.put("P", instruments.price(spec, 0));
        e.put("F", instruments.qty(spec, 0));
        e.put("g", -1);
        e.put("C", cancel ? order.clientOrderId() : "");
        e.put("x", executionType);
        e.put("X", order.status().name());
        e.put("r", "NONE");
        e.put("i", order.orderId());
        e.put("l", instruments.qty(spec, lastFill == null ? 0 : lastFill.qty()));
        e.put("z", instruments.qty(spec, order.executedQty()));
        e.put("L", instruments.price(spec, lastFill == null ? 0 : lastFill.price()));
        if (lastFill == null)
        {
            e.put("n", "0");
            e.putNull("N");
        }
        else
        {
            e.put("n", instruments.amount(lastFill.commissionAsset(), lastFill.commission()));
            e.put("N", lastFill.commissionAsset());
        }
        e.put("T", eventTimeMs);
        e.put("t", lastFill == null ? -1 : lastFill.tradeId());
        if (prevented)
        {
            e.put("v", order.preventedMatchId());
        }
        e.put("I", executionIds.incrementAndGet());
        e.put("w", working);
        e.put("m", lastFill != null && lastFill.maker());
        e.put("M", false);
        e.put("O", order.timeMs());
        e.put("Z", instruments.quote(spec, order.cummulativeQuoteQty()));
        e.put("Y", instruments.quote(spec, lastFill == null ? 0 : lastFill.quoteQty()));
        e.put("Q", instruments.quote(spec, order.origQuoteOrderQty()));
        if (working)
        {
            e.put("W", order.timeMs());
        }
        e.put("V", order.stpMode().name());
        if (prevented)
        {
            // No trade groups here, so no u; the EXPIRE_* modes expire all that is left at once, so B equals A.
            e.put("U", order.counterOrderId());
            e.put("A", instruments.qty(spec, order.preventedQty()));
            e.put("B", instruments.qty(spec, order.preventedQty()));
        }
        return e;
    }

    /** Sent to a WebSocket API subscription when it stops, e.g. after userDataStream.unsubscribe. */
    ObjectNode streamTerminated(final long eventTimeMs)
    {
        final ObjectNode e = BinanceJson.MAPPER.createObjectNode();
        e.put("e", "eventStreamTerminated");
        e.put("E", eventTimeMs);
        return e;
    }

    ObjectNode accountPosition(final List<BalanceView> changed, final long eventTimeMs)
    {
        final ObjectNode e = BinanceJson.MAPPER.createObjectNode();
        e.put("e", "outboundAccountPosition");
        e.put("E", eventTimeMs);
        e.put("u", eventTimeMs);
        final ArrayNode balances = e.putArray("B");
        for (final BalanceView balance : changed)
        {
            final ObjectNode b = balances.addObject();
            b.put("a", balance.asset());
            b.put("f", instruments.amount(balance.asset(), balance.free()));
            b.put("l", instruments.amount(balance.asset(), balance.locked()));
        }
        return e;
    }
}
