package io.mmfleet.exechandler.binance;

import org.junit.jupiter.api.Test;

import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BinanceSignerTest
{
    private final BinanceSigner signer = Fixtures.docSigner();

    @Test
    void restQueryStringExampleFromTheDocs()
    {
        // rest-api "SIGNED Endpoint Examples for POST /api/v3/order", example 1 (query string).
        final String query = "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559";
        assertEquals("c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71",
            signer.sign(BinanceSigner.restPayload(query, null)));
        assertEquals("c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71",
            signer.sign(BinanceSigner.restPayload(null, query)), "example 2: the same parameters all in the body");
    }

    @Test
    void restMixedQueryAndBodyExampleFromTheDocs()
    {
        // Example 3: query string and body concatenated without '&' between "GTC" and "quantity=1".
        final String payload = BinanceSigner.restPayload(
            "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC", "quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559");
        assertEquals("symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTCquantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559", payload);
        assertEquals("0fd168b8ddb4876a0358a8d14d0c9f3da0e9b20c5d52b2a00fcf7d1c602f9a77", signer.sign(payload));
    }

    @Test
    void restNonAsciiExampleSignsThePercentEncodedPayload()
    {
        // The current docs' second example: symbol １２３４５６, percent-encoded before signing.
        final String query = "symbol=" + RestRequests.encode("１２３４５６") +
            "&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559";
        assertEquals("symbol=%EF%BC%91%EF%BC%92%EF%BC%93%EF%BC%94%EF%BC%95%EF%BC%96&side=BUY&type=LIMIT&timeInForce=GTC" +
            "&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559", query);
        assertEquals("e1353ec6b14d888f1164ae9af8228a3dbd508bc82eb867db8ab6046442f33ef3", signer.sign(query));
    }

    @Test
    void wsApiOrderPlaceExampleFromTheDocs()
    {
        // web-socket-api "SIGNED request example (HMAC)": order.place, params in any order.
        final TreeMap<String, String> params = new TreeMap<>();
        params.put("symbol", "BTCUSDT");
        params.put("side", "SELL");
        params.put("type", "LIMIT");
        params.put("timeInForce", "GTC");
        params.put("quantity", "0.01000000");
        params.put("price", "52000.00");
        params.put("newOrderRespType", "ACK");
        params.put("recvWindow", "100");
        params.put("timestamp", "1645423376532");
        params.put("apiKey", Fixtures.DOC_API_KEY);
        params.put("signature", "------ FILL ME ------");

        final String payload = BinanceSigner.wsApiPayload(params);
        assertEquals("apiKey=vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A&newOrderRespType=ACK" +
            "&price=52000.00&quantity=0.01000000&recvWindow=100&side=SELL&symbol=BTCUSDT&timeInForce=GTC&timestamp=1645423376532&type=LIMIT",
            payload);
        assertEquals("cc15477742bd704c29492d96c7ead9414dfd8e0ec4a00f947bb5bb454ddbd08a", signer.sign(payload));
    }

    @Test
    void oneSignerSignsManyPayloadsIndependently()
    {
        final String a = signer.sign("a=1");
        final String b = signer.sign("b=2");
        assertEquals(a, signer.sign("a=1"));
        assertEquals(b, signer.sign("b=2"));
        assertFalse(a.equals(b));
        assertEquals(64, a.length());
        assertEquals(a.toLowerCase(java.util.Locale.ROOT), a);
    }

    @Test
    void emptySecretIsRefusedAndToStringHidesTheSecret()
    {
        assertThrows(IllegalArgumentException.class, () -> new BinanceSigner(new byte[0]));
        assertFalse(signer.toString().contains(Fixtures.DOC_SECRET));
    }
}
