package io.mmfleet.bus.config;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SectionSpecTest
{
    private static final SectionSpec OMS = DaemonSections.common("oms")
        .required("MAX_ORDER_QTY", KeyTypes.decimal(BigDecimal.ZERO, new BigDecimal("1000000")), "Largest order quantity.")
        .optional("KILL_SWITCH", KeyTypes.bool(), false, "Halts all quoting while true.")
        .optional("EXCHANGES", KeyTypes.list(KeyTypes.choice("binance", "okx")), List.of("binance"), "Venues routed to.")
        .build();

    /** [oms] on line 8, MAX_ORDER_QTY on line 9, free lines 13..15 for the test's own entries. */
    private static String oms(final String maxOrderQty, final String... extra)
    {
        final StringBuilder text = new StringBuilder()
            .append("[bus]\n")                              // 1
            .append("CONTROL_ENDPOINT = tcp://127.0.0.1:7100\n") // 2
            .append("SEND_HWM = 1000\n")                    // 3
            .append("RECEIVE_HWM = 1000\n")                 // 4
            .append("[instruments]\n")                      // 5
            .append("ETH-USDC = 1\n")                       // 6
            .append("\n")                                   // 7
            .append("[oms]\n");                             // 8
        text.append(maxOrderQty == null ? "# no MAX_ORDER_QTY\n" : "MAX_ORDER_QTY = " + maxOrderQty + "\n"); // 9
        text.append("SOURCE_ID = 3\n")                      // 10
            .append("PUB_ENDPOINT = tcp://127.0.0.1:7103\n") // 11
            .append("HTTP_PORT = 9103\n");                  // 12
        for (final String line : extra)
        {
            text.append(line).append('\n');                 // 13..
        }
        return text.toString();
    }

    private static ConfigException omsError(final String maxOrderQty, final String... extra)
    {
        final IniDocument doc = IniDocument.parse("fleet.ini", oms(maxOrderQty, extra));
        return assertThrows(ConfigException.class, () -> OMS.validate(doc));
    }

    @Test
    void validatesEveryDeclaredKeyWithItsTypeAndDefaults()
    {
        final SectionValues values = OMS.validate(IniDocument.parse("fleet.ini", oms("12.50", "KILL_SWITCH = true")));

        assertEquals("oms", values.sectionName());
        assertEquals("fleet.ini", values.fileName());
        assertEquals(8, values.sectionLine());
        assertEquals(new BigDecimal("12.50"), values.decimal("MAX_ORDER_QTY"));
        assertEquals(3L, values.integer("SOURCE_ID"));
        assertEquals(9103L, values.integer("HTTP_PORT"));
        assertEquals(9103, values.get("HTTP_PORT", Integer.class));
        assertEquals("tcp://127.0.0.1:7103", values.string("PUB_ENDPOINT"));
        assertTrue(values.bool("KILL_SWITCH"));
        assertEquals("backoff", values.string("IDLE_STRATEGY"), "default");
        assertEquals(Duration.ofMillis(1), values.duration("IDLE_SLEEP"), "default");
        assertEquals(List.of("binance"), values.list("EXCHANGES", String.class), "default");

        assertEquals(9, values.line("MAX_ORDER_QTY"));
        assertEquals(13, values.line("KILL_SWITCH"));
        assertEquals(0, values.line("IDLE_STRATEGY"), "defaulted keys have no line");
        assertEquals("12.50", values.raw("MAX_ORDER_QTY"));
        assertNull(values.raw("IDLE_SLEEP"));
    }

    @Test
    void anUnknownKeyListsTheKnownOnesSorted()
    {
        final ConfigException ex = omsError("5", "", "", "MAX_ORDR_QTY = 6");
        assertEquals("config error: fleet.ini:15: [oms] MAX_ORDR_QTY: unknown key; expected one of: EXCHANGES, HTTP_PORT, " +
            "IDLE_SLEEP, IDLE_STRATEGY, KILL_SWITCH, MAX_ORDER_QTY, PUB_ENDPOINT, SOURCE_ID", ex.getMessage());
        assertEquals("fleet.ini", ex.file());
        assertEquals(15, ex.line());
        assertEquals("oms", ex.section());
        assertEquals("MAX_ORDR_QTY", ex.key());
    }

    @Test
    void keysAreCaseSensitive()
    {
        final ConfigException ex = omsError("5", "kill_switch = true");
        assertTrue(ex.getMessage().startsWith("config error: fleet.ini:13: [oms] kill_switch: unknown key; expected one of: "),
            ex.getMessage());
    }

    @Test
    void aMissingRequiredKeyPointsAtTheSectionHeader()
    {
        final ConfigException ex = omsError(null);
        assertEquals("config error: fleet.ini:8: [oms] MAX_ORDER_QTY: missing; expected a decimal between 0 and 1000000",
            ex.getMessage());
        assertEquals(8, ex.line());
        assertEquals("MAX_ORDER_QTY", ex.key());
        assertEquals("a decimal between 0 and 1000000", ex.expected());
    }

    @Test
    void aValueOfTheWrongTypeIsQuoted()
    {
        final ConfigException ex = omsError("abc");
        assertEquals("config error: fleet.ini:9: [oms] MAX_ORDER_QTY: expected a decimal between 0 and 1000000, got 'abc'",
            ex.getMessage());
        assertEquals(9, ex.line());
        assertEquals("oms", ex.section());
        assertEquals("MAX_ORDER_QTY", ex.key());
        assertEquals("a decimal between 0 and 1000000", ex.expected());
    }

    @Test
    void aValueOutOfRangeStatesTheRange()
    {
        assertEquals("config error: fleet.ini:9: [oms] MAX_ORDER_QTY: expected a decimal between 0 and 1000000, got '1000000.01'",
            omsError("1000000.01").getMessage());
        assertEquals("config error: fleet.ini:9: [oms] MAX_ORDER_QTY: expected a decimal between 0 and 1000000, got '-1'",
            omsError("-1").getMessage());
        assertEquals("config error: fleet.ini:13: [oms] IDLE_SLEEP: " +
            "expected a duration between 1us and 1s (units h, m, s, ms, us, ns), got '2s'",
            omsError("5", "IDLE_SLEEP = 2s").getMessage());
        assertEquals("config error: fleet.ini:13: [oms] IDLE_STRATEGY: " +
            "expected one of: busy-spin, yielding, backoff, sleeping, got 'Backoff'",
            omsError("5", "IDLE_STRATEGY = Backoff").getMessage());
    }

    @Test
    void anEmptyValueIsAValueNotAMissingKey()
    {
        assertEquals("config error: fleet.ini:9: [oms] MAX_ORDER_QTY: expected a decimal between 0 and 1000000, got ''",
            omsError("").getMessage());
    }

    @Test
    void aListNamesTheWholeValueWhenOneElementIsBad()
    {
        assertEquals("config error: fleet.ini:13: [oms] EXCHANGES: expected a comma-separated list, each one of: binance, okx, " +
            "got 'binance, kraken'", omsError("5", "EXCHANGES = binance, kraken").getMessage());
    }

    @Test
    void controlCharactersAreRejectedAndEscapedInTheMessage()
    {
        final SectionSpec spec = SectionSpec.builder("venue.binance")
            .required("NAME", KeyTypes.string(), "Display name.")
            .build();
        final IniDocument doc = IniDocument.parse("fleet.ini", "[venue.binance]\nNAME = a\u0007b\n");
        final ConfigException ex = assertThrows(ConfigException.class, () -> spec.validate(doc));
        assertEquals("config error: fleet.ini:2: [venue.binance] NAME: expected text without control characters, got 'a\\u0007b'",
            ex.getMessage());
    }

    @Test
    void aMissingSectionHasNoLine()
    {
        final IniDocument doc = IniDocument.parse("fleet.ini", "[bus]\n");
        final ConfigException ex = assertThrows(ConfigException.class, () -> OMS.validate(doc));
        assertEquals("config error: fleet.ini: [oms]: missing section", ex.getMessage());
        assertEquals(0, ex.line());
        assertEquals("oms", ex.section());
        assertNull(ex.key());
    }

    @Test
    void oneSpecValidatesEverySectionFoundByPrefixUnderItsOwnName()
    {
        final SectionSpec venue = SectionSpec.builder("venue.*")
            .required("WS_URL", KeyTypes.url("ws", "wss"), "Market data WebSocket.")
            .optional("TESTNET", KeyTypes.bool(), false, "Use the venue's testnet.")
            .build();
        final IniDocument doc = IniDocument.parse("fleet.ini", String.join("\n",
            "[venue.binance]",
            "WS_URL = wss://stream.binance.com:9443/ws",
            "[venue.okx]",
            "WS_URL = https://www.okx.com",
            ""));

        final SectionValues binance = venue.validate(doc, doc.section("venue.binance").orElseThrow());
        assertEquals("venue.binance", binance.sectionName());
        assertEquals("wss://stream.binance.com:9443/ws", binance.get("WS_URL", java.net.URI.class).toString());
        assertFalse(binance.bool("TESTNET"));

        final ConfigException ex = assertThrows(
            ConfigException.class, () -> venue.validate(doc, doc.section("venue.okx").orElseThrow()));
        assertEquals("config error: fleet.ini:4: [venue.okx] WS_URL: expected a URL with scheme ws or wss, got 'https://www.okx.com'",
            ex.getMessage());
    }

    @Test
    void anOptionalKeyMayDefaultToNull()
    {
        final SectionSpec spec = SectionSpec.builder("busctl")
            .optional("RECORD_DIR", KeyTypes.path(), null, "Where recordings go; none if unset.")
            .build();
        final SectionValues values = spec.validate(IniDocument.parse("fleet.ini", "[busctl]\n"));
        assertNull(values.get("RECORD_DIR", java.nio.file.Path.class));
        assertEquals(0, values.line("RECORD_DIR"));
    }

    @Test
    void askingForAnUndeclaredKeyOrTheWrongTypeIsAProgrammingError()
    {
        final SectionValues values = OMS.validate(IniDocument.parse("fleet.ini", oms("5")));
        assertThrows(IllegalArgumentException.class, () -> values.string("NOPE"));
        assertThrows(IllegalArgumentException.class, () -> values.line("NOPE"));
        assertThrows(IllegalArgumentException.class, () -> values.string("SOURCE_ID"));
        assertThrows(IllegalArgumentException.class, () -> values.integer("PUB_ENDPOINT"));
        assertThrows(IllegalArgumentException.class, () -> values.list("EXCHANGES", Long.class));
        assertThrows(UnsupportedOperationException.class, () -> values.list("EXCHANGES", String.class).add("okx"));
    }

    @Test
    void aKeyDeclaredTwiceIsAProgrammingError()
    {
        final SectionSpec.Builder builder = DaemonSections.common("oms");
        assertThrows(IllegalArgumentException.class, () -> builder.required("SOURCE_ID", KeyTypes.integer(1, 2), "again"));
    }

    @Test
    void aValueThatIsWellTypedButWrongInContextPointsAtItsLine()
    {
        final SectionValues values = OMS.validate(IniDocument.parse("fleet.ini", oms("5")));
        assertEquals("config error: fleet.ini:9: [oms] MAX_ORDER_QTY: expected a decimal above MIN_ORDER_QTY, got '5'",
            values.invalid("MAX_ORDER_QTY", "a decimal above MIN_ORDER_QTY").getMessage());
        assertEquals("config error: fleet.ini:8: [oms] IDLE_SLEEP: expected at most 1ms, got the default '1ms'; set it",
            values.invalid("IDLE_SLEEP", "at most 1ms").getMessage());
        assertEquals("config error: fleet.ini:8: [oms] EXCHANGES: expected two venues, got the default 'binance'; set it",
            values.invalid("EXCHANGES", "two venues").getMessage());
    }
}
