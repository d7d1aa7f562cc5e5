package io.mmfleet.quoteserver.book;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The parser on the sample payloads of Binance's Spot WebSocket streams and REST depth documentation. */
class BinanceMarketParserTest
{
    /** The diff depth stream's documented payload, {@code <symbol>@depth}. */
    static final String DEPTH_SAMPLE = """
        {
          "e": "depthUpdate",
          "E": 1672515782136,
          "s": "BNBBTC",
          "U": 157,
          "u": 160,
          "b": [
            [
              "0.0024",
              "10"
            ]
          ],
          "a": [
            [
              "0.0026",
              "100"
            ]
          ]
        }""";

    /** The trade stream's documented payload, {@code <symbol>@trade}. */
    static final String TRADE_SAMPLE = """
        {
          "e": "trade",
          "E": 1672515782136,
          "s": "BNBBTC",
          "t": 12345,
          "p": "0.001",
          "q": "100",
          "T": 1672515782136,
          "m": true,
          "M": true
        }""";

    /** {@code GET /api/v3/depth}'s documented response. */
    static final String SNAPSHOT_SAMPLE = """
        {
          "lastUpdateId": 1027024,
          "bids": [
            [
              "4.00000000",
              "431.00000000"
            ]
          ],
          "asks": [
            [
              "4.00000200",
              "12.00000000"
            ]
          ]
        }""";

    private static final int PRICE_SCALE = 8;
    private static final int QTY_SCALE = 8;

    private final BinanceMarketParser parser = new BinanceMarketParser(PRICE_SCALE, QTY_SCALE);
    private final DepthEvent depth = new DepthEvent();
    private final TradeEvent trade = new TradeEvent();

    @Test
    void rawDepthUpdate() throws Exception
    {
        assertEquals(BinanceMarketParser.Kind.DEPTH_UPDATE, parser.parse(DEPTH_SAMPLE, depth, trade));
        assertDocumentedDepth();
        assertEquals(BinanceMarketParser.Kind.DEPTH_UPDATE, parser.parse(" \r\n" + DEPTH_SAMPLE + "\n\t ", depth, trade));
        assertDocumentedDepth();
    }

    @Test
    void combinedStreamDepthUpdateInEitherFieldOrder() throws Exception
    {
        final String streamFirst = "{\"stream\":\"bnbbtc@depth\",\"data\":" + DEPTH_SAMPLE + "}";
        assertEquals(BinanceMarketParser.Kind.DEPTH_UPDATE, parser.parse(streamFirst, depth, trade));
        assertDocumentedDepth();
        final String dataFirst = "{\"data\":" + DEPTH_SAMPLE + ",\"stream\":\"bnbbtc@depth@100ms\"}";
        assertEquals(BinanceMarketParser.Kind.DEPTH_UPDATE,
            parser.parse(dataFirst.getBytes(StandardCharsets.UTF_8), depth, trade));
        assertDocumentedDepth();
    }

    @Test
    void eventTypeNeedNotComeFirst() throws Exception
    {
        final String frame = "{\"U\":157,\"u\":160,\"b\":[[\"0.0024\",\"10\"]],\"a\":[[\"0.0026\",\"100\"]]," +
            "\"s\":\"BNBBTC\",\"E\":1672515782136,\"e\":\"depthUpdate\"}";
        assertEquals(BinanceMarketParser.Kind.DEPTH_UPDATE, parser.parse(frame, depth, trade));
        assertDocumentedDepth();
    }

    @Test
    void rawAndCombinedTrade() throws Exception
    {
        assertEquals(BinanceMarketParser.Kind.TRADE, parser.parse(TRADE_SAMPLE, depth, trade));
        assertDocumentedTrade();
        assertEquals(BinanceMarketParser.Kind.TRADE,
            parser.parse("{\"stream\":\"bnbbtc@trade\",\"data\":" + TRADE_SAMPLE + "}", depth, trade));
        assertDocumentedTrade();
    }

    @Test
    void tradeInTheOlderFormatWithOrderIds() throws Exception
    {
        final String frame = "{\"e\":\"trade\",\"E\":1579481530911,\"s\":\"ETHBTC\",\"t\":158410082,\"p\":\"0.01914100\"," +
            "\"q\":\"0.00700000\",\"b\":4110671841,\"a\":4110671533,\"T\":1579481530910,\"m\":false,\"M\":true}";
        assertEquals(BinanceMarketParser.Kind.TRADE, parser.parse(frame, depth, trade));
        assertEquals(158410082L, trade.tradeId);
        assertEquals(1_914_100L, trade.price);
        assertEquals(700_000L, trade.qty);
        assertFalse(trade.buyerIsMaker);
        assertEquals(1579481530910L, trade.tradeTimeMs);
    }

    @Test
    void subscribeReplyAndErrorReply() throws Exception
    {
        assertEquals(BinanceMarketParser.Kind.SUBSCRIBE_REPLY, parser.parse("{\"result\":null,\"id\":312}", depth, trade));
        assertEquals(312L, parser.replyId());
        assertEquals(BinanceMarketParser.Kind.OTHER, parser.parse(
            "{\"error\":{\"code\":2,\"msg\":\"Invalid request: property name must be a string\"},\"id\":7}", depth, trade));
        assertEquals(7L, parser.replyId());
        assertEquals(2, parser.errorCode());
        assertEquals("Invalid request: property name must be a string", parser.errorMessage().toString());
    }

    @Test
    void snapshot() throws Exception
    {
        parser.parseSnapshot(SNAPSHOT_SAMPLE.getBytes(StandardCharsets.UTF_8), depth);
        assertEquals(1027024L, depth.firstUpdateId);
        assertEquals(1027024L, depth.finalUpdateId);
        assertEquals(0L, depth.eventTimeMs);
        assertEquals(1, depth.bidCount);
        assertEquals(1, depth.askCount);
        assertEquals(400_000_000L, depth.bidPrices[0]);
        assertEquals(43_100_000_000L, depth.bidQtys[0]);
        assertEquals(400_000_200L, depth.askPrices[0]);
        assertEquals(1_200_000_000L, depth.askQtys[0]);
    }

    @Test
    void snapshotThatIsAVenueErrorSaysSo()
    {
        final MalformedMessageException ex = assertThrows(MalformedMessageException.class, () ->
            parser.parseSnapshot("{\"code\":-1121,\"msg\":\"Invalid symbol.\"}".getBytes(StandardCharsets.UTF_8), depth));
        assertEquals(MalformedMessageException.VENUE_ERROR, ex.kind());
        assertTrue(ex.getMessage().contains("Invalid symbol."), ex.getMessage());
    }

    @Test
    void manyLevelsGrowTheHolderAndKeepTheirOrder() throws Exception
    {
        final StringBuilder frame = new StringBuilder("{\"e\":\"depthUpdate\",\"E\":1,\"s\":\"X\",\"U\":1,\"u\":2,\"b\":[");
        for (int i = 0; i < 300; i++)
        {
            frame.append(i == 0 ? "" : ",").append("[\"").append(1000 - i).append(".5\",\"").append(i).append("\"]");
        }
        frame.append("],\"a\":[]}");
        assertEquals(BinanceMarketParser.Kind.DEPTH_UPDATE, parser.parse(frame, depth, trade));
        assertEquals(300, depth.bidCount);
        assertEquals(0, depth.askCount);
        for (int i = 0; i < 300; i++)
        {
            assertEquals((1000 - i) * 100_000_000L + 50_000_000L, depth.bidPrices[i]);
            assertEquals(i * 100_000_000L, depth.bidQtys[i]);
        }
    }

    @Test
    void decimalsBecomeMantissasAtTheScale() throws Exception
    {
        assertEquals(240_000L, mantissa("0.0024", 8));
        assertEquals(240_000L, mantissa("0.00240000000", 8));
        assertEquals(12L, mantissa("12", 0));
        assertEquals(1_200L, mantissa("12", 2));
        assertEquals(0L, mantissa("0.00000000", 8));
        assertEquals(Long.MAX_VALUE, mantissa("9223372036854775807", 0));
        assertEquals(Long.MAX_VALUE, mantissa("92233720368547758.07", 2));
    }

    @Test
    void scaleZeroAcceptsTrailingZeroFractionsAsBinanceSendsThem() throws Exception
    {
        assertEquals(1_000L, mantissa("1000.00", 0));
        assertEquals(7L, mantissa("7.0", 0));
        assertEquals(120L, mantissa("12.000", 1));
        assertEquals(MalformedMessageException.PRECISION,
            assertThrows(MalformedMessageException.class, () -> mantissa("1000.01", 0)).kind());
        assertEquals(MalformedMessageException.BAD_DECIMAL,
            assertThrows(MalformedMessageException.class, () -> mantissa("1000.", 0)).kind());
        assertEquals(MalformedMessageException.BAD_DECIMAL,
            assertThrows(MalformedMessageException.class, () -> mantissa("1.0.0", 0)).kind());
    }

    static Stream<Arguments> badDecimals()
    {
        return Stream.of(
            Arguments.of("", 8, MalformedMessageException.BAD_DECIMAL),
            Arguments.of("-1", 8, MalformedMessageException.BAD_DECIMAL),
            Arguments.of("1e5", 8, MalformedMessageException.BAD_DECIMAL),
            Arguments.of(".5", 8, MalformedMessageException.BAD_DECIMAL),
            Arguments.of("5.", 8, MalformedMessageException.BAD_DECIMAL),
            Arguments.of("1.2.3", 8, MalformedMessageException.BAD_DECIMAL),
            Arguments.of("NaN", 8, MalformedMessageException.BAD_DECIMAL),
            Arguments.of(" 1", 8, MalformedMessageException.BAD_DECIMAL),
            Arguments.of("0.000000001", 8, MalformedMessageException.PRECISION),
            Arguments.of("9223372036854775808", 0, MalformedMessageException.OVERFLOW),
            Arguments.of("92233720368.54775808", 8, MalformedMessageException.OVERFLOW),
            Arguments.of("100000000000", 8, MalformedMessageException.OVERFLOW));
    }

    @ParameterizedTest
    @MethodSource("badDecimals")
    void badDecimalsAreRejectedByKind(final String text, final int scale, final String kind)
    {
        final MalformedMessageException ex =
            assertThrows(MalformedMessageException.class, () -> mantissa(text, scale));
        assertEquals(kind, ex.kind(), ex.getMessage());
    }

    static Stream<Arguments> badFrames()
    {
        final String depthHead = "{\"e\":\"depthUpdate\",\"E\":1672515782136,\"s\":\"BNBBTC\",";
        return Stream.of(
            Arguments.of("", MalformedMessageException.MALFORMED_JSON),
            Arguments.of("   ", MalformedMessageException.MALFORMED_JSON),
            Arguments.of("not json", MalformedMessageException.MALFORMED_JSON),
            Arguments.of("{\"e\":\"depthUpdate\",}", MalformedMessageException.MALFORMED_JSON),
            Arguments.of("{\"e\":\"depthUpdate\" \"E\":1}", MalformedMessageException.MALFORMED_JSON),
            Arguments.of(DEPTH_SAMPLE.substring(0, DEPTH_SAMPLE.length() / 2), MalformedMessageException.TRUNCATED),
            Arguments.of(DEPTH_SAMPLE + "{}", MalformedMessageException.TRAILING_DATA),
            Arguments.of(DEPTH_SAMPLE + " 1", MalformedMessageException.TRAILING_DATA),
            Arguments.of(DEPTH_SAMPLE + "\n\"x", MalformedMessageException.TRAILING_DATA),
            Arguments.of(DEPTH_SAMPLE + "tru", MalformedMessageException.TRAILING_DATA),
            Arguments.of("[1,2,3]", MalformedMessageException.NOT_AN_OBJECT),
            Arguments.of("\"depthUpdate\"", MalformedMessageException.NOT_AN_OBJECT),
            Arguments.of("{\"stream\":\"x\",\"data\":[1]}", MalformedMessageException.NOT_AN_OBJECT),
            Arguments.of("{\"stream\":\"x\",\"data\":{\"E\":1}}", MalformedMessageException.MISSING_FIELD),
            Arguments.of("{\"stream\":5,\"data\":" + DEPTH_SAMPLE + "}", MalformedMessageException.WRONG_TYPE),
            Arguments.of(depthHead + "\"U\":\"157\",\"u\":160,\"b\":[],\"a\":[]}", MalformedMessageException.WRONG_TYPE),
            Arguments.of(depthHead + "\"U\":157.5,\"u\":160,\"b\":[],\"a\":[]}", MalformedMessageException.WRONG_TYPE),
            Arguments.of(depthHead + "\"U\":157,\"u\":160,\"b\":{},\"a\":[]}", MalformedMessageException.WRONG_TYPE),
            Arguments.of("{\"e\":7,\"E\":1}", MalformedMessageException.WRONG_TYPE),
            Arguments.of("{\"e\":\"trade\",\"E\":1,\"s\":\"X\",\"t\":1,\"p\":0.5,\"q\":\"1\",\"T\":1,\"m\":true}",
                MalformedMessageException.WRONG_TYPE),
            Arguments.of("{\"e\":\"trade\",\"E\":1,\"s\":\"X\",\"t\":1,\"p\":\"0.5\",\"q\":\"1\",\"T\":1,\"m\":\"yes\"}",
                MalformedMessageException.WRONG_TYPE),
            Arguments.of(depthHead + "\"U\":157,\"u\":160,\"b\":[[\"1\",2]],\"a\":[]}", MalformedMessageException.BAD_LEVEL),
            Arguments.of(depthHead + "\"U\":157,\"u\":160,\"b\":[[\"1\"]],\"a\":[]}", MalformedMessageException.BAD_LEVEL),
            Arguments.of(depthHead + "\"U\":157,\"u\":160,\"b\":[[\"1\",\"2\",\"3\"]],\"a\":[]}",
                MalformedMessageException.BAD_LEVEL),
            Arguments.of(depthHead + "\"U\":157,\"u\":160,\"b\":[\"1\"],\"a\":[]}", MalformedMessageException.BAD_LEVEL),
            Arguments.of(depthHead + "\"U\":157,\"u\":160,\"b\":[[\"abc\",\"1\"]],\"a\":[]}",
                MalformedMessageException.BAD_DECIMAL),
            Arguments.of(depthHead + "\"U\":157,\"u\":160,\"b\":[],\"a\":[[\"1\",\"0.123456789\"]]}",
                MalformedMessageException.PRECISION),
            Arguments.of(depthHead + "\"U\":99999999999999999999,\"u\":160,\"b\":[],\"a\":[]}",
                MalformedMessageException.OVERFLOW),
            Arguments.of(depthHead + "\"U\":157,\"b\":[],\"a\":[]}", MalformedMessageException.MISSING_FIELD),
            Arguments.of(depthHead + "\"U\":157,\"u\":160,\"a\":[]}", MalformedMessageException.MISSING_FIELD),
            Arguments.of(depthHead + "\"U\":161,\"u\":160,\"b\":[],\"a\":[]}", MalformedMessageException.BAD_UPDATE_RANGE),
            Arguments.of(depthHead + "\"U\":0,\"u\":5,\"b\":[],\"a\":[]}", MalformedMessageException.BAD_UPDATE_RANGE),
            Arguments.of(depthHead + "\"U\":-3,\"u\":5,\"b\":[],\"a\":[]}", MalformedMessageException.BAD_UPDATE_RANGE),
            Arguments.of("{\"e\":\"trade\",\"E\":1,\"s\":\"X\",\"t\":1,\"q\":\"1\",\"T\":1,\"m\":true}",
                MalformedMessageException.MISSING_FIELD),
            Arguments.of("{\"e\":\"aggTrade\",\"E\":1,\"s\":\"BNBBTC\",\"a\":1,\"p\":\"1\",\"q\":\"1\"}",
                MalformedMessageException.UNKNOWN_EVENT),
            Arguments.of("{\"e\":\"24hrTicker\",\"E\":1}", MalformedMessageException.UNKNOWN_EVENT),
            Arguments.of("{\"x\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}", MalformedMessageException.OVERSIZED),
            Arguments.of("{}", MalformedMessageException.UNRECOGNIZED),
            Arguments.of("{\"result\":null}", MalformedMessageException.UNRECOGNIZED),
            Arguments.of("{\"id\":1,\"error\":\"boom\"}", MalformedMessageException.WRONG_TYPE));
    }

    @ParameterizedTest
    @MethodSource("badFrames")
    void badFramesFailWithAStableKindAndTheNextFrameStillParses(final String frame, final String kind) throws Exception
    {
        final MalformedMessageException ex =
            assertThrows(MalformedMessageException.class, () -> parser.parse(frame, depth, trade));
        assertEquals(kind, ex.kind(), ex.getMessage());
        assertTrue(ex.getMessage().startsWith(kind + ": "), ex.getMessage());
        assertEquals(BinanceMarketParser.Kind.DEPTH_UPDATE, parser.parse(DEPTH_SAMPLE, depth, trade));
        assertDocumentedDepth();
    }

    @Test
    void oversizedFramesAndSnapshotsAreRejectedBeforeParsing() throws Exception
    {
        final BinanceMarketParser small = new BinanceMarketParser(PRICE_SCALE, QTY_SCALE, 64, 128);
        final MalformedMessageException frame =
            assertThrows(MalformedMessageException.class, () -> small.parse(DEPTH_SAMPLE, depth, trade));
        assertEquals(MalformedMessageException.OVERSIZED, frame.kind());
        final MalformedMessageException bytes = assertThrows(MalformedMessageException.class, () ->
            small.parse(DEPTH_SAMPLE.getBytes(StandardCharsets.UTF_8), depth, trade));
        assertEquals(MalformedMessageException.OVERSIZED, bytes.kind());
        final MalformedMessageException snapshot = assertThrows(MalformedMessageException.class, () ->
            small.parseSnapshot(SNAPSHOT_SAMPLE.getBytes(StandardCharsets.UTF_8), depth));
        assertEquals(MalformedMessageException.OVERSIZED, snapshot.kind());
        assertEquals(BinanceMarketParser.Kind.SUBSCRIBE_REPLY, small.parse("{\"result\":null,\"id\":1}", depth, trade));
    }

    static Stream<Arguments> badSnapshots()
    {
        return Stream.of(
            Arguments.of("", MalformedMessageException.MALFORMED_JSON),
            Arguments.of("<html>502 Bad Gateway</html>", MalformedMessageException.MALFORMED_JSON),
            Arguments.of("[]", MalformedMessageException.NOT_AN_OBJECT),
            Arguments.of(SNAPSHOT_SAMPLE.substring(0, 60), MalformedMessageException.TRUNCATED),
            Arguments.of(SNAPSHOT_SAMPLE + " []", MalformedMessageException.TRAILING_DATA),
            Arguments.of("{\"lastUpdateId\":\"1\",\"bids\":[],\"asks\":[]}", MalformedMessageException.WRONG_TYPE),
            Arguments.of("{\"lastUpdateId\":1,\"bids\":[]}", MalformedMessageException.MISSING_FIELD),
            Arguments.of("{\"lastUpdateId\":1,\"bids\":[[\"x\",\"1\"]],\"asks\":[]}", MalformedMessageException.BAD_DECIMAL));
    }

    @ParameterizedTest
    @MethodSource("badSnapshots")
    void badSnapshotsFailWithAStableKind(final String body, final String kind)
    {
        final MalformedMessageException ex = assertThrows(MalformedMessageException.class, () ->
            parser.parseSnapshot(body.getBytes(StandardCharsets.UTF_8), depth));
        assertEquals(kind, ex.kind(), ex.getMessage());
    }

    @Test
    void mutatedFramesNeverThrowAnythingButMalformedMessageException() throws Exception
    {
        final SplittableRandom random = new SplittableRandom(20_261_121);
        final byte[][] samples = {
            DEPTH_SAMPLE.getBytes(StandardCharsets.UTF_8),
            TRADE_SAMPLE.getBytes(StandardCharsets.UTF_8),
            ("{\"stream\":\"bnbbtc@depth\",\"data\":" + DEPTH_SAMPLE + "}").getBytes(StandardCharsets.UTF_8),
            "{\"result\":null,\"id\":1}".getBytes(StandardCharsets.UTF_8)};
        final byte[] alphabet = "{}[]\",:0123456789.-eEtrufalsn \\\u00ff".getBytes(StandardCharsets.ISO_8859_1);
        int rejected = 0;
        for (int i = 0; i < 20_000; i++)
        {
            final byte[] sample = samples[random.nextInt(samples.length)];
            final byte[] frame = mutate(sample, random, alphabet);
            try
            {
                parser.parse(frame, depth, trade);
            }
            catch (final MalformedMessageException ex)
            {
                rejected++;
                assertTrue(ex.kind() != null && !ex.kind().isEmpty());
            }
            try
            {
                parser.parseSnapshot(mutate(SNAPSHOT_SAMPLE.getBytes(StandardCharsets.UTF_8), random, alphabet), depth);
            }
            catch (final MalformedMessageException ex)
            {
                assertTrue(ex.kind() != null && !ex.kind().isEmpty());
            }
            if (i % 500 == 0)
            {
                assertEquals(BinanceMarketParser.Kind.DEPTH_UPDATE, parser.parse(DEPTH_SAMPLE, depth, trade));
                assertDocumentedDepth();
            }
        }
        assertTrue(rejected > 10_000, "most mutations are rejected: " + rejected);
    }

    /** Cuts, drops a byte and overwrites one to three bytes from {@code alphabet}; shared with the scanner's fuzz. */
    static byte[] mutate(final byte[] sample, final SplittableRandom random, final byte[] alphabet)
    {
        final byte[] frame;
        switch (random.nextInt(4))
        {
            case 0 -> frame = java.util.Arrays.copyOf(sample, random.nextInt(sample.length));
            case 1 ->
            {
                final int at = random.nextInt(sample.length);
                frame = new byte[sample.length - 1];
                System.arraycopy(sample, 0, frame, 0, at);
                System.arraycopy(sample, at + 1, frame, at, sample.length - at - 1);
            }
            default -> frame = sample.clone();
        }
        final int changes = 1 + random.nextInt(3);
        for (int c = 0; c < changes && frame.length > 0; c++)
        {
            frame[random.nextInt(frame.length)] = alphabet[random.nextInt(alphabet.length)];
        }
        return frame;
    }

    @Test
    void nonAsciiTextIsEncodedAsUtf8() throws Exception
    {
        final String frame = "{\"e\":\"depthUpdate\",\"E\":1,\"s\":\"\u00e9\u4e2d\uD83D\uDE00\",\"U\":1,\"u\":1,\"b\":[],\"a\":[]}";
        assertEquals(BinanceMarketParser.Kind.DEPTH_UPDATE, parser.parse(frame, depth, trade));
        assertEquals("\u00e9\u4e2d\uD83D\uDE00", depth.symbol.toString());
        assertArrayEquals(new long[0], java.util.Arrays.copyOf(depth.bidPrices, depth.bidCount));
    }

    private void assertDocumentedDepth()
    {
        assertEquals(157L, depth.firstUpdateId);
        assertEquals(160L, depth.finalUpdateId);
        assertEquals(1672515782136L, depth.eventTimeMs);
        assertEquals("BNBBTC", depth.symbol.toString());
        assertEquals(1, depth.bidCount);
        assertEquals(1, depth.askCount);
        assertEquals(240_000L, depth.bidPrices[0]);
        assertEquals(1_000_000_000L, depth.bidQtys[0]);
        assertEquals(260_000L, depth.askPrices[0]);
        assertEquals(10_000_000_000L, depth.askQtys[0]);
    }

    private void assertDocumentedTrade()
    {
        assertEquals(12345L, trade.tradeId);
        assertEquals(1672515782136L, trade.eventTimeMs);
        assertEquals(1672515782136L, trade.tradeTimeMs);
        assertEquals(100_000L, trade.price);
        assertEquals(10_000_000_000L, trade.qty);
        assertTrue(trade.buyerIsMaker);
        assertEquals("BNBBTC", trade.symbol.toString());
    }

    private static long mantissa(final String text, final int scale) throws MalformedMessageException
    {
        return BinanceMarketParser.mantissa(text.toCharArray(), 0, text.length(), scale, "test");
    }
}
