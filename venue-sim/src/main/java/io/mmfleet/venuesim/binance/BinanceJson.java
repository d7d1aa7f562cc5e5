package io.mmfleet.venuesim.binance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmfleet.venuesim.engine.Fill;
import io.mmfleet.venuesim.engine.InstrumentSpec;
import io.mmfleet.venuesim.engine.OrderView;
import io.mmfleet.venuesim.engine.PreventedMatch;
import io.mmfleet.venuesim.engine.TradeView;
import java.util.List;

/**
 * The JSON shapes of Binance Spot's REST and WebSocket API results, field for field and in the docs' order
 * ("New order (TRADE)" ACK/RESULT/FULL, "Cancel order", "Query order", "Account trade list", "Order book").
 */
public final class BinanceJson
{
    public static final ObjectMapper MAPPER = new ObjectMapper();
    private final Instruments instruments;

    public BinanceJson(final Instruments instruments)
    {
        this.instruments = instruments;
    }

    public ObjectNode error(final BinanceError error)
    {
        final ObjectNode node = MAPPER.createObjectNode();
        node.put("code", error.code());
        node.put("msg", error.msg());
        return node;
    }

    public ObjectNode orderAck(final OrderView order, final long transactTime)
    {
        final ObjectNode node = MAPPER.createObjectNode();
        node.put("symbol", order.symbol());
        node.put("orderId", order.orderId());
        node.put("orderListId", -1);
        node.put("clientOrderId", order.clientOrderId());
        node.put("transactTime", transactTime);
        return node;
    }

    public ObjectNode orderResult(final OrderView order, final long transactTime)
    {
        final InstrumentSpec spec = instruments.spec(order.symbol());
        final ObjectNode node = orderAck(order, transactTime);
        putTermsAndState(node, spec, order);
        node.put("workingTime", order.timeMs());
        node.put("selfTradePreventionMode", order.stpMode().name());
        return node;
    }

    /** RESULT, plus the conditional fields the docs list for an order that self-trade prevention expired. */
    public ObjectNode orderResultWithPrevention(final OrderView order, final long transactTime)
    {
        final ObjectNode node = orderResult(order, transactTime);
        putPrevention(node, order);
        return node;
    }

    /**
     * FULL: RESULT with the fills and, as the STP FAQ shows for a taker, the matches prevented on the way
     * ({@code preventedMatches}) and the taker's own {@code preventedQuantity} when it expired in match.
     */
    public ObjectNode orderFull(final OrderView order, final long transactTime, final List<Fill> fills,
        final List<PreventedMatch> prevented)
    {
        final InstrumentSpec spec = instruments.spec(order.symbol());
        final ObjectNode node = orderResult(order, transactTime);
        final ArrayNode array = node.putArray("fills");
        for (final Fill fill : fills)
        {
            final ObjectNode f = array.addObject();
            f.put("price", instruments.price(spec, fill.price()));
            f.put("qty", instruments.qty(spec, fill.qty()));
            f.put("commission", instruments.amount(fill.commissionAsset(), fill.commission()));
            f.put("commissionAsset", fill.commissionAsset());
            f.put("tradeId", fill.tradeId());
        }
        if (!prevented.isEmpty())
        {
            final ArrayNode matches = node.putArray("preventedMatches");
            for (final PreventedMatch match : prevented)
            {
                final ObjectNode m = matches.addObject();
                m.put("preventedMatchId", match.preventedMatchId());
                m.put("makerOrderId", match.makerOrderId());
                m.put("price", instruments.price(spec, match.price()));
                if (match.takerPreventedQty() > 0)
                {
                    m.put("takerPreventedQuantity", instruments.qty(spec, match.takerPreventedQty()));
                }
                if (match.makerPreventedQty() > 0)
                {
                    m.put("makerPreventedQuantity", instruments.qty(spec, match.makerPreventedQty()));
                }
            }
        }
        if (order.expiredBySelfTradePrevention())
        {
            node.put("preventedQuantity", instruments.qty(spec, order.preventedQty()));
        }
        return node;
    }

    /** The run of fields RESULT/FULL and cancel responses share, in the docs' order. */
    private void putTermsAndState(final ObjectNode node, final InstrumentSpec spec, final OrderView order)
    {
        node.put("price", instruments.price(spec, order.price()));
        node.put("origQty", instruments.qty(spec, order.origQty()));
        node.put("executedQty", instruments.qty(spec, order.executedQty()));
        node.put("origQuoteOrderQty", instruments.quote(spec, order.origQuoteOrderQty()));
        node.put("cummulativeQuoteQty", instruments.quote(spec, order.cummulativeQuoteQty()));
        node.put("status", order.status().name());
        node.put("timeInForce", order.tif().name());
        node.put("type", order.type().name());
        node.put("side", order.side().name());
    }

    /** preventedMatchId and preventedQuantity appear only for an order that self-trade prevention expired. */
    private void putPrevention(final ObjectNode node, final OrderView order)
    {
        if (order.expiredBySelfTradePrevention())
        {
            node.put("preventedMatchId", order.preventedMatchId());
            node.put("preventedQuantity", instruments.qty(instruments.spec(order.symbol()), order.preventedQty()));
        }
    }

    /** origClientOrderId is the cancelled order's id; clientOrderId the cancel request's own (given or generated). */
    public ObjectNode cancelResult(final OrderView order, final long transactTime)
    {
        final InstrumentSpec spec = instruments.spec(order.symbol());
        final ObjectNode node = MAPPER.createObjectNode();
        node.put("symbol", order.symbol());
        node.put("origClientOrderId", order.clientOrderId());
        node.put("orderId", order.orderId());
        node.put("orderListId", -1);
        node.put("clientOrderId", order.cancelClientOrderId());
        node.put("transactTime", transactTime);
        putTermsAndState(node, spec, order);
        node.put("selfTradePreventionMode", order.stpMode().name());
        return node;
    }

    public ObjectNode queryResult(final OrderView order)
    {
        final InstrumentSpec spec = instruments.spec(order.symbol());
        final ObjectNode node = MAPPER.createObjectNode();
        node.put("symbol", order.symbol());
        node.put("orderId", order.orderId());
        node.put("orderListId", -1);
        node.put("clientOrderId", order.clientOrderId());
        node.put("price", instruments.price(spec, order.price()));
        node.put("origQty", instruments.qty(spec, order.origQty()));
        node.put("executedQty", instruments.qty(spec, order.executedQty()));
        node.put("cummulativeQuoteQty", instruments.quote(spec, order.cummulativeQuoteQty()));
        node.put("status", order.status().name());
        node.put("timeInForce", order.tif().name());
        node.put("type", order.type().name());
        node.put("side", order.side().name());
        node.put("stopPrice", instruments.price(spec, 0));
        node.put("icebergQty", instruments.qty(spec, 0));
        node.put("time", order.timeMs());
        node.put("updateTime", order.updateTimeMs());
        node.put("isWorking", order.working());
        node.put("workingTime", order.timeMs());
        node.put("origQuoteOrderQty", instruments.quote(spec, order.origQuoteOrderQty()));
        node.put("selfTradePreventionMode", order.stpMode().name());
        putPrevention(node, order);
        return node;
    }

    public ObjectNode trade(final TradeView trade)
    {
        final InstrumentSpec spec = instruments.spec(trade.symbol());
        final ObjectNode node = MAPPER.createObjectNode();
        node.put("symbol", trade.symbol());
        node.put("id", trade.tradeId());
        node.put("orderId", trade.orderId());
        node.put("orderListId", -1);
        node.put("price", instruments.price(spec, trade.price()));
        node.put("qty", instruments.qty(spec, trade.qty()));
        node.put("quoteQty", instruments.quote(spec, trade.quoteQty()));
        node.put("commission", instruments.amount(trade.commissionAsset(), trade.commission()));
        node.put("commissionAsset", trade.commissionAsset());
        node.put("time", trade.timeMs());
        node.put("isBuyer", trade.side() == io.mmfleet.venuesim.engine.Side.BUY);
        node.put("isMaker", trade.maker());
        node.put("isBestMatch", true);
        return node;
    }

    /** {price, qty} levels as Binance's [["price","qty"], ...]. */
    public void levels(final ArrayNode target, final InstrumentSpec spec, final List<long[]> levels)
    {
        for (final long[] level : levels)
        {
            final ArrayNode pair = target.addArray();
            pair.add(instruments.price(spec, level[0]));
            pair.add(instruments.qty(spec, level[1]));
        }
    }

    public Instruments instruments()
    {
        return instruments;
    }
}
