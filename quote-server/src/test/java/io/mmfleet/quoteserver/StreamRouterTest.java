package io.mmfleet.quoteserver;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StreamRouterTest
{
    private final StreamRouter router = new StreamRouter(List.of(
        new SymbolMapping("ETHUSDT", "ETH-USDC", 1, 2, 4),
        new SymbolMapping("ETHUSDC", "ETH-USD", 3, 2, 4),
        new SymbolMapping("BTCUSDT", "BTC-USDC", 2, 2, 5)));

    @Test
    void routesCombinedFramesByTheirStreamsSymbol()
    {
        assertEquals(0, router.route("{\"stream\":\"ethusdt@depth@100ms\",\"data\":{\"e\":\"depthUpdate\"}}"));
        assertEquals(1, router.route("{\"stream\":\"ethusdc@trade\",\"data\":{}}"));
        assertEquals(2, router.route(" { \"stream\" : \"btcusdt@trade\",\"data\":{}}"));
    }

    @Test
    void framesWithoutAKnownStreamAreSaidSo()
    {
        assertEquals(StreamRouter.UNKNOWN_SYMBOL, router.route("{\"stream\":\"solusdt@trade\",\"data\":{}}"));
        assertEquals(StreamRouter.UNKNOWN_SYMBOL, router.route("{\"stream\":\"ethusdtx@trade\",\"data\":{}}"));
        assertEquals(StreamRouter.UNKNOWN_SYMBOL, router.route("{\"stream\":\"ethusdt"));
        assertEquals(StreamRouter.NOT_COMBINED, router.route("{\"e\":\"depthUpdate\",\"s\":\"ETHUSDT\"}"));
        assertEquals(StreamRouter.NOT_COMBINED, router.route("{\"result\":null,\"id\":1}"));
        assertEquals(StreamRouter.NOT_COMBINED, router.route("not json"));
        assertEquals(StreamRouter.NOT_COMBINED, router.route(""));
        assertEquals(StreamRouter.NOT_COMBINED, router.route("{\"stream\":42}"));
    }
}
