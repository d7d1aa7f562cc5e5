package io.mmfleet.bus.config;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class KeyTypesTest
{
    enum Model
    {
        AVELLANEDA_STOIKOV, GLFT, GRID
    }

    private static void rejects(final KeyType<?> type, final String... raws)
    {
        for (final String raw : raws)
        {
            assertThrows(IllegalArgumentException.class, () -> type.parse(raw), () -> "should reject '" + raw + "'");
        }
    }

    @Test
    void stringAcceptsAnyTextWithoutControlCharacters()
    {
        final KeyType<String> type = KeyTypes.string();
        assertEquals("", type.parse(""));
        assertEquals("hello world #1 ;x", type.parse("hello world #1 ;x"));
        assertEquals("caf\u00e9", type.parse("caf\u00e9"));
        rejects(type, "a\tb", "a\u0000b", "a\u007fb", "\u001b[31m");
        assertEquals("text without control characters", type.expected());
    }

    @Test
    void nonBlankRejectsEmptyAndBlank()
    {
        final KeyType<String> type = KeyTypes.nonBlank();
        assertEquals("x", type.parse("x"));
        rejects(type, "", "   ", "a\u0001");
        assertEquals("non-blank text without control characters", type.expected());
    }

    @Test
    void integerAcceptsItsBoundsAndRejectsJustPastThem()
    {
        final KeyType<Long> type = KeyTypes.integer(1, 65535);
        assertEquals(1L, type.parse("1"));
        assertEquals(65535L, type.parse("65535"));
        assertEquals(7L, type.parse("+7"));
        assertEquals(7L, type.parse("007"));
        rejects(type, "0", "65536", "-1", "1.0", "1e3", "abc", "", " 5", "1_000", "0x10", "99999999999999999999");
        assertEquals("an integer between 1 and 65535", type.expected());
    }

    @Test
    void integerCoversTheWholeLongRange()
    {
        final KeyType<Long> type = KeyTypes.integer(Long.MIN_VALUE, Long.MAX_VALUE);
        assertEquals(Long.MIN_VALUE, type.parse("-9223372036854775808"));
        assertEquals(Long.MAX_VALUE, type.parse("9223372036854775807"));
        rejects(type, "9223372036854775808", "-9223372036854775809");
        final KeyType<Long> negative = KeyTypes.integer(-10, -5);
        assertEquals(-10L, negative.parse("-10"));
        rejects(negative, "-11", "-4");
    }

    @Test
    void decimalAcceptsPlainNotationWithinItsBounds()
    {
        final KeyType<BigDecimal> type = KeyTypes.decimal(BigDecimal.ZERO, new BigDecimal("1000000"));
        assertEquals(new BigDecimal("0"), type.parse("0"));
        assertEquals(new BigDecimal("1000000"), type.parse("1000000"));
        assertEquals(new BigDecimal("1000000.000"), type.parse("1000000.000"));
        assertEquals(new BigDecimal("0.00000001"), type.parse("0.00000001"));
        assertEquals(new BigDecimal("12.50"), type.parse("12.50"), "kept as written, scale included");
        rejects(type, "-0.00000001", "1000000.00000001", "1e3", "1E+3", ".5", "5.", "abc", "", "1,5", "NaN", "Infinity");
        assertEquals("a decimal between 0 and 1000000", type.expected());
    }

    @Test
    void decimalBoundsArePrintedInPlainNotation()
    {
        final KeyType<BigDecimal> type = KeyTypes.decimal(new BigDecimal("1E-8"), new BigDecimal("1E+3"));
        assertEquals("a decimal between 0.00000001 and 1000", type.expected());
        assertEquals(new BigDecimal("0.00000001"), type.parse("0.00000001"));
        rejects(type, "0.000000009", "1000.1");
    }

    @Test
    void boolAcceptsOnlyTrueAndFalse()
    {
        final KeyType<Boolean> type = KeyTypes.bool();
        assertEquals(Boolean.TRUE, type.parse("true"));
        assertEquals(Boolean.FALSE, type.parse("false"));
        rejects(type, "TRUE", "True", "yes", "1", "on", "");
        assertEquals("true or false", type.expected());
    }

    @Test
    void durationAcceptsEveryUnitWithinItsBounds()
    {
        final KeyType<Duration> any = KeyTypes.duration(Duration.ZERO, Duration.ofDays(1));
        assertEquals(Duration.ofNanos(100), any.parse("100ns"));
        assertEquals(Duration.ofNanos(1_500_000), any.parse("1500us"));
        assertEquals(Duration.ofMillis(250), any.parse("250ms"));
        assertEquals(Duration.ofSeconds(1), any.parse("1s"));
        assertEquals(Duration.ofMinutes(2), any.parse("2m"));
        assertEquals(Duration.ofHours(1), any.parse("1h"));
        assertEquals(Duration.ZERO, any.parse("0s"));
        rejects(any, "1", "1 s", "1S", "1sec", "1.5s", "-1s", "s", "", "1d", "1ms5", "25h", "9999999999999999999h");
        assertEquals("a duration between 0s and 24h (units h, m, s, ms, us, ns)", any.expected());
    }

    @Test
    void durationAcceptsItsBoundsAndRejectsJustPastThem()
    {
        final KeyType<Duration> type = KeyTypes.duration(Duration.ofMillis(1), Duration.ofSeconds(60));
        assertEquals(Duration.ofMillis(1), type.parse("1ms"));
        assertEquals(Duration.ofMillis(1), type.parse("1000us"));
        assertEquals(Duration.ofSeconds(60), type.parse("60s"));
        assertEquals(Duration.ofSeconds(60), type.parse("1m"));
        rejects(type, "999us", "999999ns", "60001ms", "61s", "2m", "0ms");
        assertEquals("a duration between 1ms and 1m (units h, m, s, ms, us, ns)", type.expected());
    }

    @Test
    void durationsAreWrittenInTheLargestExactUnit()
    {
        assertEquals("0s", KeyTypes.format(Duration.ZERO));
        assertEquals("1500ms", KeyTypes.format(Duration.ofMillis(1500)));
        assertEquals("90s", KeyTypes.format(Duration.ofSeconds(90)));
        assertEquals("2m", KeyTypes.format(Duration.ofMinutes(2)));
        assertEquals("1001ns", KeyTypes.format(Duration.ofNanos(1001)));
        assertEquals("3us", KeyTypes.format(Duration.ofNanos(3000)));
        assertEquals("48h", KeyTypes.format(Duration.ofDays(2)));
    }

    @Test
    void choiceIsCaseSensitive()
    {
        final KeyType<String> type = KeyTypes.choice("busy-spin", "yielding", "backoff", "sleeping");
        assertEquals("busy-spin", type.parse("busy-spin"));
        assertEquals("sleeping", type.parse("sleeping"));
        rejects(type, "Backoff", "BUSY-SPIN", "busy_spin", "", "spin");
        assertEquals("one of: busy-spin, yielding, backoff, sleeping", type.expected());
    }

    @Test
    void enumOfIgnoresCaseAndReadsDashAsUnderscore()
    {
        final KeyType<Model> type = KeyTypes.enumOf(Model.class);
        assertEquals(Model.AVELLANEDA_STOIKOV, type.parse("AVELLANEDA_STOIKOV"));
        assertEquals(Model.AVELLANEDA_STOIKOV, type.parse("avellaneda-stoikov"));
        assertEquals(Model.GLFT, type.parse("glft"));
        assertEquals(Model.GRID, type.parse("Grid"));
        rejects(type, "", "avellaneda stoikov", "AS", "grids");
        assertEquals("one of: AVELLANEDA_STOIKOV, GLFT, GRID (case-insensitive, '-' for '_')", type.expected());
    }

    @Test
    void endpointAcceptsTcpIpcAndInproc()
    {
        final KeyType<String> type = KeyTypes.endpoint();
        for (final String ok : List.of(
            "tcp://127.0.0.1:7100", "tcp://localhost:1", "tcp://host.example.com:65535", "tcp://*:7100",
            "tcp://127.0.0.1:*", "tcp://[::1]:7100", "tcp://eth0:7100", "ipc:///tmp/mmfleet.ipc", "inproc://control"))
        {
            assertEquals(ok, type.parse(ok));
        }
        rejects(type,
            "tcp://127.0.0.1:0", "tcp://127.0.0.1:65536", "tcp://127.0.0.1", "tcp://:7100", "tcp://127.0.0.1:abc",
            "tcp://-host:7100", "tcp://host :7100", "udp://127.0.0.1:7100", "ipc://", "inproc://", "inproc://a b",
            "127.0.0.1:7100", "");
        assertEquals("an endpoint tcp://host:port (port may be '*'), ipc://path or inproc://name", type.expected());
    }

    @Test
    void urlChecksSchemeAndHost()
    {
        final KeyType<URI> type = KeyTypes.url("ws", "wss");
        assertEquals(URI.create("wss://stream.binance.com:9443/ws"), type.parse("wss://stream.binance.com:9443/ws"));
        assertEquals(URI.create("ws://127.0.0.1:8080/ws?x=1#f"), type.parse("ws://127.0.0.1:8080/ws?x=1#f"));
        assertEquals(URI.create("WSS://h/"), type.parse("WSS://h/"), "scheme compared ignoring case");
        rejects(type, "https://api.binance.com", "wss:/nohost", "wss://", "stream.binance.com", "wss://a b/", "");
        assertEquals("a URL with scheme ws or wss", type.expected());
        assertEquals("a URL with scheme https", KeyTypes.url("https").expected());
    }

    @Test
    void portAcceptsZeroTo65535()
    {
        final KeyType<Integer> type = KeyTypes.port();
        assertEquals(0, type.parse("0"));
        assertEquals(65535, type.parse("65535"));
        assertEquals(9101, type.parse("9101"));
        rejects(type, "-1", "65536", "http", "", "80.0");
        assertEquals("a port between 0 and 65535 (0 = any free port)", type.expected());
    }

    @Test
    void pathAcceptsAnyNonBlankPath()
    {
        final KeyType<Path> type = KeyTypes.path();
        assertEquals(Path.of("/var/lib/mmfleet/ledger.db"), type.parse("/var/lib/mmfleet/ledger.db"));
        assertEquals(Path.of("data/ledger.db"), type.parse("data/ledger.db"));
        rejects(type, "", "  ", "a\u0000b");
        assertEquals("a file path", type.expected());
    }

    @Test
    void listSplitsOnCommasAndTrimsEachElement()
    {
        final KeyType<List<Long>> type = KeyTypes.list(KeyTypes.integer(1, 10));
        assertEquals(List.of(1L, 10L, 3L), type.parse("1, 10 ,3"));
        assertEquals(List.of(5L), type.parse("5"));
        assertEquals(List.of(), type.parse(""));
        rejects(type, "1,,2", "1,", ",1", "1,11", "0", "a");
        assertEquals("a comma-separated list, each an integer between 1 and 10", type.expected());

        final KeyType<List<String>> exchanges = KeyTypes.list(KeyTypes.choice("binance", "okx"));
        assertEquals(List.of("binance", "okx"), exchanges.parse("binance,okx"));
        rejects(exchanges, "binance,kraken");
    }

    @Test
    void badBoundsAndEmptyChoicesAreProgrammingErrors()
    {
        assertThrows(IllegalArgumentException.class, () -> KeyTypes.integer(2, 1));
        assertThrows(IllegalArgumentException.class, () -> KeyTypes.decimal(BigDecimal.ONE, BigDecimal.ZERO));
        assertThrows(IllegalArgumentException.class, () -> KeyTypes.duration(Duration.ofSeconds(2), Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, KeyTypes::choice);
        assertThrows(IllegalArgumentException.class, KeyTypes::url);
    }
}
