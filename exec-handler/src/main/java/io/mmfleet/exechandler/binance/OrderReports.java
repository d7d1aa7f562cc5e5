package io.mmfleet.exechandler.binance;

import com.fasterxml.jackson.databind.JsonNode;
import io.mmfleet.exechandler.venue.UpdateOrigin;
import io.mmfleet.exechandler.venue.VenueFill;
import io.mmfleet.exechandler.venue.VenueOrderStatus;
import io.mmfleet.exechandler.venue.VenueOrderUpdate;
import io.mmfleet.exechandler.venue.VenueSymbol;

import java.util.ArrayList;
import java.util.List;

/**
 * The one order shape Binance uses in place replies (ACK, RESULT, FULL), cancel replies, order
 * queries and open-order lists, over both REST and the WebSocket API, read into a
 * {@link VenueOrderUpdate}. Shared by {@link WsApiParser} and {@link RestParser} because the
 * venue shares it.
 */
final class OrderReports
{
    private OrderReports()
    {
    }

    /**
     * Reads one order report.
     * <ul>
     *   <li>clientOrderId: {@code origClientOrderId} when present (a cancel reply, where
     *       {@code clientOrderId} is the cancel request's own id), else {@code clientOrderId}.</li>
     *   <li>An ACK reply has no {@code status}: it is reported as NEW with nothing filled, side,
     *       type and time in force null, price and qty 0, since ACK only confirms the order was
     *       accepted; fills arrive on the user-data stream.</li>
     *   <li>venueTimeMs: {@code transactTime} (replies), else {@code updateTime} (queries).</li>
     *   <li>FULL's {@code fills}: our order took liquidity at placement, so maker=false; each fill's
     *       quote quantity is price × qty at AMOUNT_SCALE.</li>
     *   <li>cumQuoteQty is {@code cummulativeQuoteQty}; the docs say it may be negative for some
     *       historical orders, meaning unknown, and it is passed on as read.</li>
     * </ul>
     */
    static VenueOrderUpdate update(final JsonNode order, final UpdateOrigin origin, final VenueSymbol symbol, final String where)
    {
        if (order == null || !order.isObject())
        {
            throw new BinanceProtocolException(where + ": expected an order object, got " + (order == null ? "nothing" : JsonFields.describe(order)));
        }
        checkSymbol(order, "symbol", symbol, where);
        final long orderId = JsonFields.requiredLong(order, "orderId", where);
        final String origClientOrderId = JsonFields.optionalText(order, "origClientOrderId", where);
        final String clientOrderId = origClientOrderId != null ? origClientOrderId : JsonFields.requiredText(order, "clientOrderId", where);
        final long venueTimeMs = order.has("transactTime") ?
            JsonFields.requiredLong(order, "transactTime", where) : JsonFields.requiredLong(order, "updateTime", where);

        if (!order.has("status"))
        {
            return new VenueOrderUpdate(origin, symbol.venueSymbol(), clientOrderId, orderId, VenueOrderStatus.NEW,
                null, null, null, 0, 0, 0, 0, List.of(), venueTimeMs);
        }

        final VenueOrderStatus status = BinanceEnums.status(JsonFields.requiredText(order, "status", where), where);
        final var side = BinanceEnums.side(JsonFields.requiredText(order, "side", where), where);
        final var type = BinanceEnums.orderType(JsonFields.requiredText(order, "type", where), where);
        final var tif = BinanceEnums.timeInForce(JsonFields.requiredText(order, "timeInForce", where), where);
        final long price = JsonFields.requiredDecimal(order, "price", symbol.priceScale(), where);
        final long qty = JsonFields.requiredDecimal(order, "origQty", symbol.qtyScale(), where);
        final long cumQty = JsonFields.requiredDecimal(order, "executedQty", symbol.qtyScale(), where);
        final long cumQuoteQty = JsonFields.requiredDecimal(order, "cummulativeQuoteQty", VenueSymbol.AMOUNT_SCALE, where);

        final List<VenueFill> fills = order.has("fills") ?
            placeFills(JsonFields.requiredArray(order, "fills", where), orderId, venueTimeMs, symbol, where) : List.of();

        return new VenueOrderUpdate(origin, symbol.venueSymbol(), clientOrderId, orderId, status,
            side, type, tif, price, qty, cumQty, cumQuoteQty, fills, venueTimeMs);
    }

    static void checkSymbol(final JsonNode node, final String field, final VenueSymbol symbol, final String where)
    {
        final String venueSymbol = JsonFields.requiredText(node, field, where);
        if (!venueSymbol.equals(symbol.venueSymbol()))
        {
            throw new BinanceProtocolException(
                where + ": symbol " + BinanceProtocolException.quote(venueSymbol) + " where " + symbol.venueSymbol() + " was expected");
        }
    }

    /** price × qty at AMOUNT_SCALE, a protocol error if it does not fit a long. */
    static long quoteQty(final long price, final long qty, final VenueSymbol symbol, final String where)
    {
        try
        {
            return BinanceDecimal.multiply(price, symbol.priceScale(), qty, symbol.qtyScale(), VenueSymbol.AMOUNT_SCALE);
        }
        catch (final ArithmeticException ex)
        {
            throw new BinanceProtocolException(where + ": price x qty overflows at scale " + VenueSymbol.AMOUNT_SCALE, ex);
        }
    }

    private static List<VenueFill> placeFills(
        final JsonNode array, final long orderId, final long venueTimeMs, final VenueSymbol symbol, final String where)
    {
        final List<VenueFill> fills = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++)
        {
            final JsonNode fill = array.get(i);
            final String at = where + " fills[" + i + "]";
            if (!fill.isObject())
            {
                throw new BinanceProtocolException(at + ": expected an object, got " + JsonFields.describe(fill));
            }
            final long price = JsonFields.requiredDecimal(fill, "price", symbol.priceScale(), at);
            final long qty = JsonFields.requiredDecimal(fill, "qty", symbol.qtyScale(), at);
            fills.add(new VenueFill(
                JsonFields.requiredLong(fill, "tradeId", at),
                orderId,
                price,
                qty,
                quoteQty(price, qty, symbol, at),
                JsonFields.requiredDecimal(fill, "commission", VenueSymbol.AMOUNT_SCALE, at),
                JsonFields.requiredText(fill, "commissionAsset", at),
                false,
                venueTimeMs));
        }
        return List.copyOf(fills);
    }
}
