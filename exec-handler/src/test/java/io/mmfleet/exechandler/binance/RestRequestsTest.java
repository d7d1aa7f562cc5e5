package io.mmfleet.exechandler.binance;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.mmfleet.exechandler.binance.Fixtures.BNBBTC;
import static io.mmfleet.exechandler.binance.Fixtures.BTCUSDT;
import static io.mmfleet.exechandler.binance.Fixtures.LTCBTC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RestRequestsTest
{
    private final BinanceSigner signer = Fixtures.docSigner();

    @Test
    void unsignedRequests()
    {
        assertEquals("/api/v3/time", RestRequests.time());
        assertEquals("/api/v3/exchangeInfo?symbols=%5B%22BNBBTC%22%2C%22BTCUSDT%22%5D", RestRequests.exchangeInfo(List.of(BNBBTC, BTCUSDT)));
        assertThrows(IllegalArgumentException.class, () -> RestRequests.exchangeInfo(List.of()));
    }

    @Test
    void orderLookupEncodesTheClientOrderId()
    {
        final String request = RestRequests.orderLookup(LTCBTC, "s7:r3/c42", 5000, 1499827319559L, signer);
        final String query = "symbol=LTCBTC&origClientOrderId=s7%3Ar3%2Fc42&recvWindow=5000&timestamp=1499827319559";
        assertEquals("/api/v3/order?" + query + "&signature=" + signer.sign(query), request);
        assertThrows(IllegalArgumentException.class, () -> RestRequests.orderLookup(LTCBTC, "bad id", 5000, 1L, signer));
    }

    @Test
    void signedRequestsSignTheirOwnQueryString()
    {
        assertSigned("/api/v3/myTrades", "symbol=BTCUSDT&orderId=12569099453&limit=1000&recvWindow=5000&timestamp=7",
            RestRequests.myTradesForOrder(BTCUSDT, 12569099453L, 5000, 7, signer));
        assertSigned("/api/v3/myTrades", "symbol=BTCUSDT&fromId=1650422481&limit=1000&recvWindow=5000&timestamp=7",
            RestRequests.myTradesFromId(BTCUSDT, 1650422481L, 1000, 5000, 7, signer));
        assertSigned("/api/v3/myTrades", "symbol=BTCUSDT&limit=1000&recvWindow=5000&timestamp=7",
            RestRequests.myTradesFromId(BTCUSDT, -1, 1000, 5000, 7, signer));
        assertSigned("/api/v3/account", "omitZeroBalances=true&recvWindow=60000&timestamp=7",
            RestRequests.account(60_000, 7, signer));
        assertSigned("/api/v3/openOrders", "symbol=BTCUSDT&recvWindow=5000&timestamp=7",
            RestRequests.openOrders(BTCUSDT, 5000, 7, signer));
    }

    @Test
    void docsSignatureThroughTheBuilderPath()
    {
        // The docs' LTCBTC example's query string, signed the way every builder signs.
        final String query = "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559";
        assertEquals("c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71", signer.sign(BinanceSigner.restPayload(query, "")));
    }

    @Test
    void callerErrorsAreRefused()
    {
        assertThrows(IllegalArgumentException.class, () -> RestRequests.myTradesFromId(BTCUSDT, 1, 0, 5000, 1, signer));
        assertThrows(IllegalArgumentException.class, () -> RestRequests.myTradesFromId(BTCUSDT, 1, 1001, 5000, 1, signer));
        assertThrows(IllegalArgumentException.class, () -> RestRequests.account(0, 1, signer));
    }

    @Test
    void percentEncodingKeepsOnlyUnreservedCharacters()
    {
        assertEquals("AZaz09-._~", RestRequests.encode("AZaz09-._~"));
        assertEquals("%3A%2F%20%2B%26%3D%3F%23%25", RestRequests.encode(":/ +&=?#%"));
        assertEquals("%EF%BC%91", RestRequests.encode("１"));
    }

    private void assertSigned(final String path, final String query, final String request)
    {
        assertEquals(path + "?" + query + "&signature=" + signer.sign(query), request);
        assertTrue(request.matches(".*&signature=[0-9a-f]{64}"), request);
    }
}
