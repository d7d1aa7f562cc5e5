package io.mmfleet.exechandler.binance;

import io.mmfleet.exechandler.venue.NewOrder;
import io.mmfleet.sbe.OrderType;
import io.mmfleet.sbe.Side;
import io.mmfleet.sbe.TimeInForce;
import org.junit.jupiter.api.Test;

import static io.mmfleet.exechandler.binance.Fixtures.BTCUSDT;
import static io.mmfleet.exechandler.binance.Fixtures.DOC_API_KEY;
import static io.mmfleet.exechandler.binance.Fixtures.docSigner;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Review finding: a venue (or a proxy, or a mistyped WS_API_URL pointing at an echo endpoint) that
 * sends our own request frame back is "garbage" the gateway must survive; the parser's error quotes
 * the first 200 characters of the frame, which for a signed request hold the API key, and
 * MalformedInput.report logs that message at WARN.
 */
class WsApiParserSecretsTest
{
    @Test
    void anEchoedSignedRequestDoesNotPutTheApiKeyInTheErrorMessage()
    {
        final String request = WsApiRequests.orderPlace("place-1",
            new NewOrder(BTCUSDT, "s7-r1-1", Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 2341610, 847, 1_700_000_000_000L, 0L),
            DOC_API_KEY, 5_000, docSigner());

        final BinanceProtocolException refused = assertThrows(BinanceProtocolException.class, () -> new WsApiParser().parse(request));

        assertFalse(refused.getMessage().contains(DOC_API_KEY),
            "the message MalformedInput logs at WARN carries the API key: " + refused.getMessage());
    }
}
