package io.mmfleet.exechandler.binance;

import org.junit.jupiter.api.Test;

import java.net.http.HttpHeaders;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RestRateLimitHeadersTest
{
    @Test
    void readsWeightAndOrderCountHeaders()
    {
        final HttpHeaders headers = headers(Map.of(
            "X-MBX-USED-WEIGHT", List.of("12"),
            "x-mbx-used-weight-1m", List.of("12"),
            "X-MBX-ORDER-COUNT-10S", List.of("3"),
            "X-MBX-ORDER-COUNT-1D", List.of("4043"),
            "Content-Type", List.of("application/json")));
        assertEquals(new HashSet<>(List.of(
            new RateLimitUsage("REQUEST_WEIGHT", "MINUTE", 1, 0, 12),
            new RateLimitUsage("ORDERS", "SECOND", 10, 0, 3),
            new RateLimitUsage("ORDERS", "DAY", 1, 0, 4043))),
            new HashSet<>(RestRateLimitHeaders.usage(headers)));
        assertEquals(-1, RestRateLimitHeaders.retryAfterSeconds(headers));
    }

    @Test
    void readsRetryAfterSeconds()
    {
        assertEquals(120, RestRateLimitHeaders.retryAfterSeconds(headers(Map.of("Retry-After", List.of("120")))));
        assertEquals(7, RestRateLimitHeaders.retryAfterSeconds(headers(Map.of("retry-after", List.of(" 7 ")))));
    }

    @Test
    void malformedHeadersAreProtocolErrors()
    {
        assertThrows(BinanceProtocolException.class, () -> RestRateLimitHeaders.usage(headers(Map.of("X-MBX-USED-WEIGHT-1M", List.of("twelve")))));
        assertThrows(BinanceProtocolException.class, () -> RestRateLimitHeaders.usage(headers(Map.of("X-MBX-USED-WEIGHT-1W", List.of("1")))));
        assertThrows(BinanceProtocolException.class, () -> RestRateLimitHeaders.usage(headers(Map.of("X-MBX-USED-WEIGHT-M", List.of("1")))));
        assertThrows(BinanceProtocolException.class, () -> RestRateLimitHeaders.usage(headers(Map.of("X-MBX-ORDER-COUNT-", List.of("1")))));
        final BinanceProtocolException ex = assertThrows(BinanceProtocolException.class,
            () -> RestRateLimitHeaders.retryAfterSeconds(headers(Map.of("Retry-After", List.of("Wed, 21 Oct 2015 07:28:00 GMT")))));
        assertTrue(ex.getMessage().contains("Retry-After"), ex.getMessage());
    }

    private static HttpHeaders headers(final Map<String, List<String>> map)
    {
        return HttpHeaders.of(map, (name, value) -> true);
    }
}
