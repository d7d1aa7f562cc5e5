package io.mmfleet.bus.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IniDocumentTest
{
    private static ConfigException parseError(final String text)
    {
        return assertThrows(ConfigException.class, () -> IniDocument.parse("fleet.ini", text));
    }

    @Test
    void readsSectionsAndEntriesInFileOrderWithTheirLines()
    {
        final IniDocument doc = IniDocument.parse("fleet.ini", String.join("\n",
            "# a comment",
            "; another comment",
            "",
            "[bus]",
            "CONTROL_ENDPOINT=tcp://127.0.0.1:7100",
            "   SEND_HWM   =   1000   ",
            "[venue.binance]",
            "WS_URL = wss://stream.binance.com:9443/ws#frag",
            "EMPTY =",
            "EQUALS = a=b"));

        assertEquals("fleet.ini", doc.fileName());
        assertEquals(List.of("bus", "venue.binance"), doc.sections().stream().map(IniSection::name).toList());
        final IniSection bus = doc.section("bus").orElseThrow();
        assertEquals(4, bus.line());
        assertEquals(List.of(
            new IniEntry("CONTROL_ENDPOINT", "tcp://127.0.0.1:7100", 5),
            new IniEntry("SEND_HWM", "1000", 6)), bus.entries());
        final IniSection venue = doc.section("venue.binance").orElseThrow();
        assertEquals("wss://stream.binance.com:9443/ws#frag", venue.entry("WS_URL").orElseThrow().value(),
            "'#' inside a value is not a comment");
        assertEquals("", venue.entry("EMPTY").orElseThrow().value());
        assertEquals("a=b", venue.entry("EQUALS").orElseThrow().value(), "only the first '=' separates");
        assertTrue(venue.entry("MISSING").isEmpty());
        assertTrue(doc.section("oms").isEmpty());
    }

    @Test
    void acceptsCrLfLineEndingsAByteOrderMarkAndIndentedComments()
    {
        final IniDocument doc = IniDocument.parse("fleet.ini", "\uFEFF[bus]\r\n   # indented\r\nA = 1\r\n\r\nB = 2\r\n");
        final IniSection bus = doc.section("bus").orElseThrow();
        assertEquals(List.of(new IniEntry("A", "1", 3), new IniEntry("B", "2", 5)), bus.entries());
    }

    @Test
    void anEmptyFileHasNoSections()
    {
        assertEquals(List.of(), IniDocument.parse("fleet.ini", "").sections());
        assertEquals(List.of(), IniDocument.parse("fleet.ini", "# only a comment\n\n").sections());
    }

    @Test
    void aSectionWithoutEntriesIsKept()
    {
        final IniDocument doc = IniDocument.parse("fleet.ini", "[instruments]\n[bus]\n");
        assertEquals(List.of(), doc.section("instruments").orElseThrow().entries());
        assertEquals(2, doc.section("bus").orElseThrow().line());
    }

    @Test
    void aLineThatIsNeitherHeaderNorEntryIsASyntaxError()
    {
        final ConfigException ex = parseError("[bus]\nA = 1\n\n\n\n\n\n\n\n\n\nFOO\n");
        assertEquals("config error: fleet.ini:12: expected '[section]' or 'KEY = value', got a line of 3 characters (not repeated: it may be a secret)", ex.getMessage());
        assertEquals("fleet.ini", ex.file());
        assertEquals(12, ex.line());
        assertNull(ex.section());
        assertNull(ex.key());
        assertEquals("'[section]' or 'KEY = value'", ex.expected());
    }

    @Test
    void malformedHeadersAndKeysAreSyntaxErrors()
    {
        assertEquals("config error: fleet.ini:1: expected '[section]' or 'KEY = value', got '[bus'",
            parseError("[bus\n").getMessage());
        assertEquals("config error: fleet.ini:1: expected '[section]' or 'KEY = value', got '[]'",
            parseError("[]\n").getMessage());
        assertEquals("config error: fleet.ini:1: expected '[section]' or 'KEY = value', got '[a b]'",
            parseError("[a b]\n").getMessage());
        assertEquals("config error: fleet.ini:2: expected '[section]' or 'KEY = value', got '= ...'",
            parseError("[bus]\n= 5\n").getMessage());
        assertEquals("config error: fleet.ini:2: expected '[section]' or 'KEY = value', got 'MY KEY = ...'",
            parseError("[bus]\nMY KEY = 5\n").getMessage());
    }

    @Test
    void controlCharactersInAnEchoedLineAreEscapedSoTheMessageStaysOnOneLine()
    {
        final ConfigException ex = parseError("[bus]\nFOO\u0007BAR\n");
        assertEquals("config error: fleet.ini:2: expected '[section]' or 'KEY = value', got a line of 7 characters (not repeated: it may be a secret)", ex.getMessage());
    }

    @Test
    void aKeyTwiceInOneSectionNamesTheFirstLine()
    {
        final ConfigException ex = parseError(
            "[bus]\n\n\n\n\n\n\n[oms]\nMAX_ORDER_QTY = 5\n\n\n\n\nMAX_ORDER_QTY = 6\n");
        assertEquals("config error: fleet.ini:14: [oms] MAX_ORDER_QTY: duplicate key (first set on line 9)", ex.getMessage());
        assertEquals(14, ex.line());
        assertEquals("oms", ex.section());
        assertEquals("MAX_ORDER_QTY", ex.key());
    }

    @Test
    void theSameKeyInTwoSectionsIsFine()
    {
        final IniDocument doc = IniDocument.parse("fleet.ini", "[oms]\nSOURCE_ID = 3\n[defi-lp]\nSOURCE_ID = 6\n");
        assertEquals("6", doc.section("defi-lp").orElseThrow().entry("SOURCE_ID").orElseThrow().value());
    }

    @Test
    void aSectionTwiceNamesTheFirstLine()
    {
        final ConfigException ex = parseError("[oms]\nA = 1\n[bus]\n[oms]\n");
        assertEquals("config error: fleet.ini:4: [oms]: duplicate section (first on line 1)", ex.getMessage());
        assertEquals("oms", ex.section());

        assertEquals("config error: fleet.ini:2: [oms]: duplicate section (first on line 1)",
            parseError("[oms]\n[oms]\n").getMessage(), "twice in a row");
    }

    @Test
    void aKeyBeforeAnySectionIsAnError()
    {
        final ConfigException ex = parseError("# header\nSOURCE_ID = 1\n[oms]\n");
        assertEquals("config error: fleet.ini:2: SOURCE_ID: key before any '[section]' header", ex.getMessage());
        assertEquals("SOURCE_ID", ex.key());
        assertNull(ex.section());
    }

    @Test
    void readsAFileAndNamesItAsGiven(@TempDir final Path dir) throws IOException
    {
        final Path file = dir.resolve("fleet.ini");
        Files.writeString(file, "[bus]\nA = 1\nnonsense\n");
        final ConfigException ex = assertThrows(ConfigException.class, () -> IniDocument.parse(file));
        assertEquals("config error: " + file + ":3: expected '[section]' or 'KEY = value', got a line of 8 characters (not repeated: it may be a secret)", ex.getMessage());

        Files.writeString(file, "[bus]\nA = 1\n");
        assertEquals("1", IniDocument.parse(file).section("bus").orElseThrow().entry("A").orElseThrow().value());
    }

    @Test
    void aMissingFileIsReportedAsUnreadable(@TempDir final Path dir)
    {
        final Path file = dir.resolve("fleet.ini");
        final ConfigException ex = assertThrows(ConfigException.class, () -> IniDocument.parse(file));
        assertEquals("config error: " + file + ": cannot read: no such file", ex.getMessage());
        assertEquals(0, ex.line());
    }

    @Test
    void aDirectoryIsReportedAsUnreadable(@TempDir final Path dir)
    {
        final ConfigException ex = assertThrows(ConfigException.class, () -> IniDocument.parse(dir));
        assertTrue(ex.getMessage().startsWith("config error: " + dir + ": cannot read: "), ex.getMessage());
        assertEquals(1, ex.getMessage().lines().count());
    }

    @Test
    void invalidUtf8IsReportedAsUnreadable(@TempDir final Path dir) throws IOException
    {
        final Path file = dir.resolve("fleet.ini");
        final byte[] latin1 = "[bus]\nNAME = caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        Files.write(file, latin1);
        final ConfigException ex = assertThrows(ConfigException.class, () -> IniDocument.parse(file));
        assertEquals("config error: " + file + ": cannot read: not valid UTF-8", ex.getMessage());
    }
}
