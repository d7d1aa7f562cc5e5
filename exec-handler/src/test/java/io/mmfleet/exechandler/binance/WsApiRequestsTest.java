package io.mmfleet.exechandler.binance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mmfleet.exechandler.venue.NewOrder;
import io.mmfleet.sbe.OrderType;
import io.mmfleet.sbe.Side;
import io.mmfleet.sbe.TimeInForce;
import org.junit.jupiter.api.Test;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static io.mmfleet.exechandler.binance.Fixtures.BTCUSDT;
import static io.mmfleet.exechandler.binance.Fixtures.DOC_API_KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WsApiRequestsTest
{
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final BinanceSigner signer = Fixtures.docSigner();

    @Test
    void limitOrderPlace() throws Exception
    {
        final NewOrder order = new NewOrder(BTCUSDT, "s7:r3/c42", Side.SELL, OrderType.LIMIT, TimeInForce.GTC, 2341610, 847, 1660801715431L, 0L);
        final JsonNode request = MAPPER.readTree(WsApiRequests.orderPlace("req-1", order, DOC_API_KEY, 5000, signer));

        assertEquals("req-1", request.get("id").textValue());
        assertEquals("order.place", request.get("method").textValue());
        final JsonNode params = request.get("params");
        assertEquals(Set.of("symbol", "side", "type", "timeInForce", "price", "quantity", "newClientOrderId", "newOrderRespType",
            "apiKey", "recvWindow", "timestamp", "signature"), names(params));
        assertEquals("BTCUSDT", params.get("symbol").textValue());
        assertEquals("SELL", params.get("side").textValue());
        assertEquals("LIMIT", params.get("type").textValue());
        assertEquals("GTC", params.get("timeInForce").textValue());
        assertEquals("23416.1", params.get("price").textValue());
        assertEquals("0.00847", params.get("quantity").textValue());
        assertEquals("s7:r3/c42", params.get("newClientOrderId").textValue());
        assertEquals("FULL", params.get("newOrderRespType").textValue());
        assertEquals(DOC_API_KEY, params.get("apiKey").textValue());
        assertTrue(params.get("recvWindow").isIntegralNumber());
        assertEquals(5000, params.get("recvWindow").longValue());
        assertTrue(params.get("timestamp").isIntegralNumber());
        assertEquals(1660801715431L, params.get("timestamp").longValue());
        assertSignatureVerifies(params);
    }

    @Test
    void limitMakerHasNoTimeInForceAndMarketNoPrice() throws Exception
    {
        final NewOrder maker = new NewOrder(BTCUSDT, "m1", Side.BUY, OrderType.LIMIT_MAKER, TimeInForce.GTC, 2341600, 100, 1L, 0L);
        final JsonNode makerParams = MAPPER.readTree(WsApiRequests.orderPlace("1", maker, DOC_API_KEY, 100, signer)).get("params");
        assertEquals("LIMIT_MAKER", makerParams.get("type").textValue());
        assertEquals("BUY", makerParams.get("side").textValue());
        assertEquals("23416", makerParams.get("price").textValue());
        assertEquals(Set.of("symbol", "side", "type", "price", "quantity", "newClientOrderId", "newOrderRespType",
            "apiKey", "recvWindow", "timestamp", "signature"), names(makerParams));
        assertSignatureVerifies(makerParams);

        final NewOrder market = new NewOrder(BTCUSDT, "k1", Side.SELL, OrderType.MARKET, TimeInForce.IOC, 0, 100_000, 2L, 0L);
        final JsonNode marketParams = MAPPER.readTree(WsApiRequests.orderPlace("2", market, DOC_API_KEY, 100, signer)).get("params");
        assertEquals("MARKET", marketParams.get("type").textValue());
        assertEquals("1", marketParams.get("quantity").textValue());
        assertEquals(Set.of("symbol", "side", "type", "quantity", "newClientOrderId", "newOrderRespType",
            "apiKey", "recvWindow", "timestamp", "signature"), names(marketParams));
        assertSignatureVerifies(marketParams);
    }

    @Test
    void orderCancel() throws Exception
    {
        final JsonNode request = MAPPER.readTree(WsApiRequests.orderCancel("c-9", BTCUSDT, "s7:r3/c42", DOC_API_KEY, 5000, 1660801715830L, signer));
        assertEquals("order.cancel", request.get("method").textValue());
        final JsonNode params = request.get("params");
        assertEquals(Set.of("symbol", "origClientOrderId", "apiKey", "recvWindow", "timestamp", "signature"), names(params));
        assertEquals("s7:r3/c42", params.get("origClientOrderId").textValue());
        assertEquals(1660801715830L, params.get("timestamp").longValue());
        assertSignatureVerifies(params);
    }

    @Test
    void openOrdersCancelAll() throws Exception
    {
        final JsonNode request = MAPPER.readTree(WsApiRequests.openOrdersCancelAll("x", BTCUSDT, DOC_API_KEY, 5000, 1660805557200L, signer));
        assertEquals("openOrders.cancelAll", request.get("method").textValue());
        assertEquals(Set.of("symbol", "apiKey", "recvWindow", "timestamp", "signature"), names(request.get("params")));
        assertSignatureVerifies(request.get("params"));
    }

    @Test
    void userDataSubscribeSignature() throws Exception
    {
        final JsonNode request = MAPPER.readTree(WsApiRequests.userDataSubscribeSignature("u", DOC_API_KEY, 5000, 1747385641636L, signer));
        assertEquals("userDataStream.subscribe.signature", request.get("method").textValue());
        final JsonNode params = request.get("params");
        assertEquals(Set.of("apiKey", "recvWindow", "timestamp", "signature"), names(params));
        assertEquals("apiKey=" + DOC_API_KEY + "&recvWindow=5000&timestamp=1747385641636", payloadOf(params));
        assertSignatureVerifies(params);
    }

    @Test
    void requestIdsAreEscaped() throws Exception
    {
        final String id = "quote\" back\\slash \n line";
        final JsonNode request = MAPPER.readTree(WsApiRequests.openOrdersCancelAll(id, BTCUSDT, DOC_API_KEY, 5000, 1L, signer));
        assertEquals(id, request.get("id").textValue());
    }

    @Test
    void callerErrorsAreRefusedBeforeSigning()
    {
        final NewOrder badId = new NewOrder(BTCUSDT, "has space", Side.SELL, OrderType.LIMIT, TimeInForce.GTC, 1, 1, 1L, 0L);
        assertThrows(IllegalArgumentException.class, () -> WsApiRequests.orderPlace("1", badId, DOC_API_KEY, 5000, signer));
        final NewOrder longId = new NewOrder(BTCUSDT, "x".repeat(37), Side.SELL, OrderType.LIMIT, TimeInForce.GTC, 1, 1, 1L, 0L);
        assertThrows(IllegalArgumentException.class, () -> WsApiRequests.orderPlace("1", longId, DOC_API_KEY, 5000, signer));
        final NewOrder noPrice = new NewOrder(BTCUSDT, "ok", Side.SELL, OrderType.LIMIT, TimeInForce.GTC, 0, 1, 1L, 0L);
        assertThrows(IllegalArgumentException.class, () -> WsApiRequests.orderPlace("1", noPrice, DOC_API_KEY, 5000, signer));
        final NewOrder noQty = new NewOrder(BTCUSDT, "ok", Side.SELL, OrderType.MARKET, TimeInForce.GTC, 0, 0, 1L, 0L);
        assertThrows(IllegalArgumentException.class, () -> WsApiRequests.orderPlace("1", noQty, DOC_API_KEY, 5000, signer));
        assertThrows(IllegalArgumentException.class, () -> WsApiRequests.orderCancel("1", BTCUSDT, "ok", DOC_API_KEY, 60_001, 1L, signer));
        assertThrows(IllegalArgumentException.class, () -> WsApiRequests.orderCancel("1", BTCUSDT, "ok", "", 5000, 1L, signer));
        assertThrows(IllegalArgumentException.class, () -> WsApiRequests.orderCancel("", BTCUSDT, "ok", DOC_API_KEY, 5000, 1L, signer));
    }

    /** The signature recomputed from the request's own params, as Binance verifies it. */
    private void assertSignatureVerifies(final JsonNode params)
    {
        assertEquals(signer.sign(payloadOf(params)), params.get("signature").textValue());
    }

    private static String payloadOf(final JsonNode params)
    {
        final TreeMap<String, String> sorted = new TreeMap<>();
        for (final Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext(); )
        {
            final Map.Entry<String, JsonNode> field = it.next();
            sorted.put(field.getKey(), field.getValue().isTextual() ? field.getValue().textValue() : field.getValue().toString());
        }
        return BinanceSigner.wsApiPayload(sorted);
    }

    private static Set<String> names(final JsonNode node)
    {
        final Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
