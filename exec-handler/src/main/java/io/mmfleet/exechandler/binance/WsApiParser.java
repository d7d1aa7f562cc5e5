package io.mmfleet.exechandler.binance;

import com.fasterxml.jackson.databind.JsonNode;
import io.mmfleet.exechandler.venue.UpdateOrigin;
import io.mmfleet.exechandler.venue.VenueError;
import io.mmfleet.exechandler.venue.VenueFill;
import io.mmfleet.exechandler.venue.VenueOrderStatus;
import io.mmfleet.exechandler.venue.VenueOrderUpdate;
import io.mmfleet.exechandler.venue.VenueSymbol;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads Binance WebSocket API frames (websocket-api docs: "Response format", "Event format") and
 * the payloads of the requests the exec-handler sends. One instance is created per connection
 * and reused for every frame. Every malformed input is a {@link BinanceProtocolException}.
 */
public final class WsApiParser
{
    public static final String EXECUTION_REPORT = "executionReport";
    public static final String OUTBOUND_ACCOUNT_POSITION = "outboundAccountPosition";
    public static final String EVENT_STREAM_TERMINATED = "eventStreamTerminated";

    private final JsonMessages json = new JsonMessages();

    /**
     * One frame. An object with {@code event} is an EVENT (a user-data event, with or without the
     * {@code subscriptionId} newer sessions add); an object with {@code status} is a RESPONSE.
     * Unknown event types are returned as EVENTs, not refused, so a new venue event never breaks
     * the session.
     */
    public WsApiMessage parse(final String text)
    {
        final JsonNode root = json.readObject(text, "WebSocket API frame");
        if (root.has("event"))
        {
            final JsonNode event = JsonFields.requiredObject(root, "event", "user-data event");
            final long subscriptionId = JsonFields.optionalLong(root, "subscriptionId", -1, "user-data event");
            return WsApiMessage.event(subscriptionId, JsonFields.requiredText(event, "e", "user-data event"), event);
        }
        if (root.has("status"))
        {
            return response(root);
        }
        throw new BinanceProtocolException(
            "WebSocket API frame is neither a response (status) nor an event (event): " + BinanceProtocolException.quote(text));
    }

    /**
     * The result of order.place (ACK, RESULT or FULL), order.cancel or order.status as an update;
     * see {@link OrderReports#update} for how each shape maps.
     */
    public VenueOrderUpdate orderResult(final JsonNode result, final UpdateOrigin origin, final VenueSymbol symbol)
    {
        return OrderReports.update(result, origin, symbol, "order result");
    }

    /**
     * The result of openOrders.cancelAll: one CANCEL_REPLY update per canceled order. Order-list
     * entries (OCO and the like, recognised by {@code orderReports}) are skipped: the fleet never
     * places order lists, so their legs are not orders it tracks.
     */
    public List<VenueOrderUpdate> cancelAllResult(final JsonNode result, final VenueSymbol symbol)
    {
        if (result == null || !result.isArray())
        {
            throw new BinanceProtocolException(
                "openOrders.cancelAll result: expected an array, got " + (result == null ? "nothing" : JsonFields.describe(result)));
        }
        final List<VenueOrderUpdate> updates = new ArrayList<>(result.size());
        for (int i = 0; i < result.size(); i++)
        {
            final JsonNode entry = result.get(i);
            if (entry.isObject() && entry.has("orderReports"))
            {
                continue;
            }
            updates.add(OrderReports.update(entry, UpdateOrigin.CANCEL_REPLY, symbol, "openOrders.cancelAll result[" + i + "]"));
        }
        return List.copyOf(updates);
    }

    /** The "s" of an executionReport, so the caller can find its VenueSymbol first. */
    public String executionReportSymbol(final JsonNode event)
    {
        checkEventType(event, EXECUTION_REPORT);
        return JsonFields.requiredText(event, "s", EXECUTION_REPORT);
    }

    /**
     * An executionReport (user-data-stream docs, "Order Update") as a USER_DATA update.
     * <ul>
     *   <li>clientOrderId: "C" when it is a non-empty string. On a cancel Binance puts the cancel
     *       request's id in "c" and the canceled order's own id in "C"; otherwise "C" is "" or
     *       null and "c" is the order's id.</li>
     *   <li>x=TRADE adds one fill: t, L, l, n, N, m, T, with quote quantity L × l at
     *       AMOUNT_SCALE (computed, not Y, so it matches the fill's own price and qty).</li>
     *   <li>venueTimeMs is T, the transaction time.</li>
     * </ul>
     */
    public VenueOrderUpdate executionReport(final JsonNode event, final VenueSymbol symbol)
    {
        final String where = EXECUTION_REPORT;
        checkEventType(event, EXECUTION_REPORT);
        OrderReports.checkSymbol(event, "s", symbol, where);
        final String origClientOrderId = JsonFields.optionalText(event, "C", where);
        final String clientOrderId = origClientOrderId != null && !origClientOrderId.isEmpty() ?
            origClientOrderId : JsonFields.requiredText(event, "c", where);
        final long orderId = JsonFields.requiredLong(event, "i", where);
        final long transactTime = JsonFields.requiredLong(event, "T", where);
        final VenueOrderStatus status = BinanceEnums.status(JsonFields.requiredText(event, "X", where), where);
        final String execType = JsonFields.requiredText(event, "x", where);

        final List<VenueFill> fills;
        if ("TRADE".equals(execType))
        {
            final long price = JsonFields.requiredDecimal(event, "L", symbol.priceScale(), where);
            final long qty = JsonFields.requiredDecimal(event, "l", symbol.qtyScale(), where);
            fills = List.of(new VenueFill(
                JsonFields.requiredLong(event, "t", where),
                orderId,
                price,
                qty,
                OrderReports.quoteQty(price, qty, symbol, where),
                JsonFields.requiredDecimal(event, "n", VenueSymbol.AMOUNT_SCALE, where),
                JsonFields.requiredText(event, "N", where),
                JsonFields.requiredBoolean(event, "m", where),
                transactTime));
        }
        else
        {
            fills = List.of();
        }

        return new VenueOrderUpdate(
            UpdateOrigin.USER_DATA,
            symbol.venueSymbol(),
            clientOrderId,
            orderId,
            status,
            BinanceEnums.side(JsonFields.requiredText(event, "S", where), where),
            BinanceEnums.orderType(JsonFields.requiredText(event, "o", where), where),
            BinanceEnums.timeInForce(JsonFields.requiredText(event, "f", where), where),
            JsonFields.requiredDecimal(event, "p", symbol.priceScale(), where),
            JsonFields.requiredDecimal(event, "q", symbol.qtyScale(), where),
            JsonFields.requiredDecimal(event, "z", symbol.qtyScale(), where),
            JsonFields.requiredDecimal(event, "Z", VenueSymbol.AMOUNT_SCALE, where),
            fills,
            transactTime);
    }

    /** The balances ("B": a, f, l) of an outboundAccountPosition event, at AMOUNT_SCALE. */
    public List<Balance> accountPosition(final JsonNode event)
    {
        checkEventType(event, OUTBOUND_ACCOUNT_POSITION);
        final JsonNode balances = JsonFields.requiredArray(event, "B", OUTBOUND_ACCOUNT_POSITION);
        final List<Balance> out = new ArrayList<>(balances.size());
        for (int i = 0; i < balances.size(); i++)
        {
            final JsonNode balance = balances.get(i);
            final String at = OUTBOUND_ACCOUNT_POSITION + " B[" + i + "]";
            if (!balance.isObject())
            {
                throw new BinanceProtocolException(at + ": expected an object, got " + JsonFields.describe(balance));
            }
            out.add(new Balance(
                JsonFields.requiredText(balance, "a", at),
                JsonFields.requiredDecimal(balance, "f", VenueSymbol.AMOUNT_SCALE, at),
                JsonFields.requiredDecimal(balance, "l", VenueSymbol.AMOUNT_SCALE, at)));
        }
        return List.copyOf(out);
    }

    /** The subscriptionId of a userDataStream.subscribe(.signature) result. */
    public long subscriptionId(final JsonNode result)
    {
        if (result == null || !result.isObject())
        {
            throw new BinanceProtocolException(
                "userDataStream.subscribe result: expected an object, got " + (result == null ? "nothing" : JsonFields.describe(result)));
        }
        return JsonFields.requiredLong(result, "subscriptionId", "userDataStream.subscribe result");
    }

    private WsApiMessage response(final JsonNode root)
    {
        final String where = "WebSocket API response";
        final String id = requestId(root.get("id"), where);
        final int status = JsonFields.requiredInt(root, "status", where);
        final List<RateLimitUsage> rateLimits = root.has("rateLimits") ?
            rateLimits(JsonFields.requiredArray(root, "rateLimits", where)) : List.of();
        if (root.has("error"))
        {
            final JsonNode errorNode = JsonFields.requiredObject(root, "error", where);
            final VenueError error = BinanceErrors.errorObject(errorNode, where + " error");
            // 429/418 carry when the throttle or ban ends: {"data":{"serverTime":..,"retryAfter":..}} (epoch ms).
            final JsonNode data = errorNode.get("data");
            final long retryAfter = data != null && data.isObject() ? JsonFields.optionalLong(data, "retryAfter", 0, where + " error data") : 0;
            return WsApiMessage.response(id, status, null, error, rateLimits, Math.max(0, retryAfter));
        }
        if (status < 200 || status > 299)
        {
            throw new BinanceProtocolException(where + " id " + BinanceProtocolException.quote(id) + ": status " + status + " without an error");
        }
        final JsonNode result = root.has("result") ? root.get("result") : root.get("response"); // docs show "response" for userDataStream.ping/stop
        if (result == null)
        {
            throw new BinanceProtocolException(where + " id " + BinanceProtocolException.quote(id) + ": status " + status + " without a result");
        }
        return WsApiMessage.response(id, status, result, null, rateLimits, 0);
    }

    private static String requestId(final JsonNode id, final String where)
    {
        if (id == null)
        {
            throw new BinanceProtocolException(where + ": missing field 'id'");
        }
        if (id.isNull())
        {
            return null;
        }
        if (id.isTextual())
        {
            return id.textValue();
        }
        if (id.isIntegralNumber() && id.canConvertToLong())
        {
            return Long.toString(id.longValue());
        }
        throw new BinanceProtocolException(where + ": field 'id' must be a string, an integer or null, got " + JsonFields.describe(id));
    }

    private static List<RateLimitUsage> rateLimits(final JsonNode array)
    {
        final List<RateLimitUsage> out = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++)
        {
            final JsonNode limit = array.get(i);
            final String at = "rateLimits[" + i + "]";
            if (!limit.isObject())
            {
                throw new BinanceProtocolException(at + ": expected an object, got " + JsonFields.describe(limit));
            }
            out.add(new RateLimitUsage(
                JsonFields.requiredText(limit, "rateLimitType", at),
                JsonFields.requiredText(limit, "interval", at),
                JsonFields.requiredInt(limit, "intervalNum", at),
                JsonFields.requiredLong(limit, "limit", at),
                JsonFields.requiredLong(limit, "count", at)));
        }
        return List.copyOf(out);
    }

    private static void checkEventType(final JsonNode event, final String expected)
    {
        if (event == null || !event.isObject())
        {
            throw new BinanceProtocolException(expected + ": expected an event object, got " + (event == null ? "nothing" : JsonFields.describe(event)));
        }
        final String type = JsonFields.requiredText(event, "e", expected);
        if (!expected.equals(type))
        {
            throw new BinanceProtocolException(expected + ": event type is " + BinanceProtocolException.quote(type));
        }
    }
}
