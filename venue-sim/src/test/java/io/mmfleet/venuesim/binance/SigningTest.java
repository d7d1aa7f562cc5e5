package io.mmfleet.venuesim.binance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Signatures from Binance's "Request security" pages (REST: rest-api/request-security, "SIGNED request example
 * (HMAC)"; WebSocket API: websocket-api/request-security, same heading). The keys are the docs' example keys.
 */
class SigningTest
{
    static final String DOC_API_KEY = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A";
    static final String DOC_SECRET = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";
    static final String DOC_QUERY =
        "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559";
    static final String DOC_SIGNATURE = "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71";

    private final HmacSha256 hmac = new HmacSha256(DOC_SECRET.getBytes(StandardCharsets.US_ASCII));

    @Test
    void restQueryStringExampleSignsAsDocumented()
    {
        assertEquals(DOC_SIGNATURE, hmac.sign(RestSigningPayload.of(DOC_QUERY, null)));
        assertTrue(hmac.verify(RestSigningPayload.of(DOC_QUERY + "&signature=" + DOC_SIGNATURE, ""), DOC_SIGNATURE));
    }

    @Test
    void restBodyOnlyExampleSignsTheSameAsTheQuery()
    {
        assertTrue(hmac.verify(RestSigningPayload.of("", DOC_QUERY + "&signature=" + DOC_SIGNATURE), DOC_SIGNATURE));
    }

    @Test
    void restNonAsciiExampleSignsThePercentEncodedPayload()
    {
        final String encoded = "symbol=%EF%BC%91%EF%BC%92%EF%BC%93%EF%BC%94%EF%BC%95%EF%BC%96&side=BUY&type=LIMIT"
            + "&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559";
        assertEquals("e1353ec6b14d888f1164ae9af8228a3dbd508bc82eb867db8ab6046442f33ef3",
            hmac.sign(RestSigningPayload.of(encoded, null)));
    }

    @Test
    void restMixedQueryAndBodyAreConcatenatedWithoutSeparator()
    {
        final String query = "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC";
        final String body = "quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559";
        assertEquals(query + body, RestSigningPayload.of(query, body));
        assertEquals("0fd168b8ddb4876a0358a8d14d0c9f3da0e9b20c5d52b2a00fcf7d1c602f9a77", hmac.sign(query + body));
    }

    @Test
    void signatureIsCaseInsensitiveButAnyAlteredDigitFails()
    {
        assertTrue(hmac.verify(DOC_QUERY, DOC_SIGNATURE.toUpperCase()));
        final String altered = "d" + DOC_SIGNATURE.substring(1);
        assertFalse(hmac.verify(DOC_QUERY, altered));
        assertFalse(hmac.verify(DOC_QUERY.replace("quantity=1", "quantity=2"), DOC_SIGNATURE));
        assertFalse(hmac.verify(DOC_QUERY, DOC_SIGNATURE.substring(1)));
        assertFalse(hmac.verify(DOC_QUERY, null));
    }

    @Test
    void wsApiExampleSignsSortedParameters()
    {
        final Map<String, String> params = new LinkedHashMap<>();
        params.put("symbol", "BTCUSDT");
        params.put("side", "SELL");
        params.put("type", "LIMIT");
        params.put("timeInForce", "GTC");
        params.put("quantity", "0.01000000");
        params.put("price", "52000.00");
        params.put("newOrderRespType", "ACK");
        params.put("recvWindow", "100");
        params.put("timestamp", "1645423376532");
        params.put("apiKey", DOC_API_KEY);
        params.put("signature", "ignored");
        final String payload = WsApiSigningPayload.of(params);
        assertEquals("apiKey=" + DOC_API_KEY + "&newOrderRespType=ACK&price=52000.00&quantity=0.01000000"
            + "&recvWindow=100&side=SELL&symbol=BTCUSDT&timeInForce=GTC&timestamp=1645423376532&type=LIMIT", payload);
        assertEquals("cc15477742bd704c29492d96c7ead9414dfd8e0ec4a00f947bb5bb454ddbd08a", hmac.sign(payload));
    }
}
