package io.mmfleet.venuesim.binance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The units of timing security: timestamps in ms or µs by magnitude, recvWindow with up to three decimals. */
class TimingSecurityTest
{
    @Test
    void timestampUnitFollowsItsMagnitude()
    {
        assertEquals(1_499_827_319_559_000L, RequestAuthenticator.timestampMicros(1_499_827_319_559L),
            "the docs' millisecond example");
        assertEquals(1_499_827_319_559_123L, RequestAuthenticator.timestampMicros(1_499_827_319_559_123L),
            "the same instant in microseconds is taken as is");
    }

    @Test
    void recvWindowTakesUpToThreeDecimals()
    {
        assertEquals(6_000_346L, RequestAuthenticator.recvWindowMicros("6000.346"), "the docs' example");
        assertEquals(5_000_000L, RequestAuthenticator.recvWindowMicros("5000"));
        assertEquals(5_000_500L, RequestAuthenticator.recvWindowMicros("5000.5"));
        assertEquals(20L, RequestAuthenticator.recvWindowMicros("0.02"));
        for (final String bad : new String[] {"5000.1234", "-1", "1e3", "5000.", ".5", "123456"})
        {
            final BinanceException ex = assertThrows(BinanceException.class,
                () -> RequestAuthenticator.recvWindowMicros(bad), bad);
            assertEquals(-1100, ex.error().code(), bad);
        }
    }
}
