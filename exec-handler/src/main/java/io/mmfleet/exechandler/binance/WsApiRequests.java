package io.mmfleet.exechandler.binance;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.mmfleet.exechandler.venue.NewOrder;
import io.mmfleet.exechandler.venue.VenueSymbol;
import io.mmfleet.sbe.OrderType;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The JSON text of the Binance WebSocket API requests the exec-handler sends, SIGNED with HMAC as
 * "SIGNED request example (HMAC)" shows: apiKey, recvWindow and timestamp join the parameters,
 * all parameters but {@code signature} sorted by name form the payload, and its signature is
 * added. recvWindow and timestamp are JSON numbers, everything else strings, as in the docs'
 * examples; the signed text of each is the same either way.
 */
public final class WsApiRequests
{
    private static final JsonFactory JSON = new JsonFactory();
    private static final String NUMERIC_RECV_WINDOW = "recvWindow";
    private static final String NUMERIC_TIMESTAMP = "timestamp";

    private WsApiRequests()
    {
    }

    /**
     * order.place with newOrderRespType=FULL, timestamp = {@code order.venueTimestampMs()}.
     * timeInForce only for LIMIT (LIMIT_MAKER and MARKET take none), price for all but MARKET.
     */
    public static String orderPlace(
        final String id, final NewOrder order, final String apiKey, final long recvWindowMs, final BinanceSigner signer)
    {
        final VenueSymbol symbol = order.symbol();
        final SortedMap<String, String> params = new TreeMap<>();
        params.put("symbol", symbol.venueSymbol());
        params.put("side", BinanceEnums.side(order.side()));
        params.put("type", BinanceEnums.orderType(order.orderType()));
        if (order.orderType() == OrderType.LIMIT)
        {
            params.put("timeInForce", BinanceEnums.timeInForce(order.timeInForce()));
        }
        if (order.orderType() != OrderType.MARKET)
        {
            if (order.price() <= 0)
            {
                throw new IllegalArgumentException("limit price must be positive: " + order.price());
            }
            params.put("price", BinanceDecimal.format(order.price(), symbol.priceScale()));
        }
        if (order.qty() <= 0)
        {
            throw new IllegalArgumentException("quantity must be positive: " + order.qty());
        }
        params.put("quantity", BinanceDecimal.format(order.qty(), symbol.qtyScale()));
        params.put("newClientOrderId", BinanceIds.clientOrderId(order.clientOrderId()));
        params.put("newOrderRespType", "FULL");
        return signedRequest(id, "order.place", params, apiKey, recvWindowMs, order.venueTimestampMs(), signer);
    }

    /** order.cancel by client order id. */
    public static String orderCancel(
        final String id, final VenueSymbol symbol, final String origClientOrderId, final String apiKey,
        final long recvWindowMs, final long timestampMs, final BinanceSigner signer)
    {
        final SortedMap<String, String> params = new TreeMap<>();
        params.put("symbol", symbol.venueSymbol());
        params.put("origClientOrderId", BinanceIds.clientOrderId(origClientOrderId));
        return signedRequest(id, "order.cancel", params, apiKey, recvWindowMs, timestampMs, signer);
    }

    /** openOrders.cancelAll on one symbol. */
    public static String openOrdersCancelAll(
        final String id, final VenueSymbol symbol, final String apiKey, final long recvWindowMs, final long timestampMs, final BinanceSigner signer)
    {
        final SortedMap<String, String> params = new TreeMap<>();
        params.put("symbol", symbol.venueSymbol());
        return signedRequest(id, "openOrders.cancelAll", params, apiKey, recvWindowMs, timestampMs, signer);
    }

    /** userDataStream.subscribe.signature: the user-data stream on this connection, HMAC-signed. */
    public static String userDataSubscribeSignature(
        final String id, final String apiKey, final long recvWindowMs, final long timestampMs, final BinanceSigner signer)
    {
        return signedRequest(id, "userDataStream.subscribe.signature", new TreeMap<>(), apiKey, recvWindowMs, timestampMs, signer);
    }

    private static String signedRequest(
        final String id, final String method, final SortedMap<String, String> params, final String apiKey,
        final long recvWindowMs, final long timestampMs, final BinanceSigner signer)
    {
        if (id == null || id.isEmpty())
        {
            throw new IllegalArgumentException("request id is empty");
        }
        params.put("apiKey", BinanceIds.apiKey(apiKey));
        params.put(NUMERIC_RECV_WINDOW, Long.toString(BinanceIds.recvWindow(recvWindowMs)));
        params.put(NUMERIC_TIMESTAMP, Long.toString(timestampMs));
        final String signature = signer.sign(BinanceSigner.wsApiPayload(params));

        final StringWriter out = new StringWriter(512);
        try (JsonGenerator json = JSON.createGenerator(out))
        {
            json.writeStartObject();
            json.writeStringField("id", id);
            json.writeStringField("method", method);
            json.writeObjectFieldStart("params");
            for (final Map.Entry<String, String> param : params.entrySet())
            {
                if (NUMERIC_RECV_WINDOW.equals(param.getKey()))
                {
                    json.writeNumberField(param.getKey(), recvWindowMs);
                }
                else if (NUMERIC_TIMESTAMP.equals(param.getKey()))
                {
                    json.writeNumberField(param.getKey(), timestampMs);
                }
                else
                {
                    json.writeStringField(param.getKey(), param.getValue());
                }
            }
            json.writeStringField("signature", signature);
            json.writeEndObject();
            json.writeEndObject();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("writing JSON to a StringWriter failed", ex);
        }
        return out.toString();
    }
}
