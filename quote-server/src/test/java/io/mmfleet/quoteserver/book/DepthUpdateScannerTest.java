package io.mmfleet.quoteserver.book;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link DepthUpdateScanner} against the Jackson path it stands in front of: for every frame, {@code parse} with the
 * fast path and {@code parseWithJackson} must leave the same visible result — the same kind or the same
 * {@link MalformedMessageException}, and the same depth holder, trade holder and reply fields — and a frame the
 * scanner defers on must leave the holders it was given untouched.
 */
class DepthUpdateScannerTest
{
    /** The documented diff depth payload without whitespace, as Binance sends it, in a combined-stream frame. */
    private static final String DOCUMENTED_FRAME = "{\"stream\":\"bnbbtc@depth\",\"data\":" +
        compact(BinanceMarketParserTest.DEPTH_SAMPLE) + "}";
    private static final String DOCUMENTED_100MS_FRAME = DOCUMENTED_FRAME.replace("@depth", "@depth@100ms");
    private static final String HEAD = "{\"stream\":\"btcusdt@depth@100ms\",\"data\":{\"e\":\"depthUpdate\"," +
        "\"E\":1700000000001,\"s\":\"BTCUSDT\",";

    /** Price and quantity scales the frames are checked at: the documented sample's, the tape's, and the extremes. */
    private static final int[][] SCALES = {{8, 8}, {2, 5}, {0, 0}, {18, 18}};
    /** An id's value (group 1) or a price or quantity string's content (group 2). */
    private static final Pattern NUMBER = Pattern.compile("\"[EUu]\":(-?[0-9]+)|\"([0-9.]+)\"");

    @Test
    void theDocumentedSampleAndTapeFramesAreTakenByTheScannerWithJacksonsResult() throws Exception
    {
        final DepthUpdateScanner scanner = new DepthUpdateScanner(8, 8);
        final DepthEvent depth = new DepthEvent();
        final TradeEvent trade = new TradeEvent();
        for (final String frame : new String[] {DOCUMENTED_FRAME, DOCUMENTED_100MS_FRAME})
        {
            assertTrue(scanner.scan(frame, depth, trade), frame);
            assertEquals(157L, depth.firstUpdateId);
            assertEquals(160L, depth.finalUpdateId);
            assertEquals(1672515782136L, depth.eventTimeMs);
            assertEquals("BNBBTC", depth.symbol.toString());
            assertEquals(1, depth.bidCount);
            assertEquals(240_000L, depth.bidPrices[0]);
            assertEquals(1_000_000_000L, depth.bidQtys[0]);
            assertEquals(1, depth.askCount);
            assertEquals(260_000L, depth.askPrices[0]);
            assertEquals(10_000_000_000L, depth.askQtys[0]);
            assertEquals(1672515782136L, trade.eventTimeMs);
            assertEquals("BNBBTC", trade.symbol.toString());
            assertSameAsJackson(frame, 8, 8);
        }

        final DepthUpdateScanner tapeScanner = new DepthUpdateScanner(2, 5);
        for (final String frame : tapeFrames(2_000))
        {
            assertTrue(tapeScanner.scan(frame, depth, trade), frame);
            assertSameAsJackson(frame, 2, 5);
        }
    }

    @Test
    void levelsUpToTheCapAreTakenAndAboveItDeferredToJackson() throws Exception
    {
        final DepthUpdateScanner scanner = new DepthUpdateScanner(2, 5);
        final DepthEvent depth = new DepthEvent();
        final TradeEvent trade = new TradeEvent();
        final String full = frameWithBids(DepthUpdateScanner.MAX_LEVELS_PER_SIDE);
        assertTrue(scanner.scan(full, depth, trade));
        assertEquals(DepthUpdateScanner.MAX_LEVELS_PER_SIDE, depth.bidCount);
        assertSameAsJackson(full, 2, 5);

        final String over = frameWithBids(DepthUpdateScanner.MAX_LEVELS_PER_SIDE + 1);
        assertFalse(scanner.scan(over, depth, trade));
        final BinanceMarketParser parser = new BinanceMarketParser(2, 5);
        assertEquals(BinanceMarketParser.Kind.DEPTH_UPDATE, parser.parse(over, depth, trade));
        assertEquals(DepthUpdateScanner.MAX_LEVELS_PER_SIDE + 1, depth.bidCount);
        assertEquals(DepthUpdateScanner.MAX_LEVELS_PER_SIDE * 100_000L + 100L,
            depth.bidQtys[DepthUpdateScanner.MAX_LEVELS_PER_SIDE]);
        assertSameAsJackson(over, 2, 5);
    }

    /** Valid or not, each is something the scanner must leave to Jackson. */
    static List<String> framesToDefer()
    {
        final String levels = "\"b\":[[\"0.0024\",\"10\"]],\"a\":[[\"0.0026\",\"100\"]]";
        final String data = "{\"e\":\"depthUpdate\",\"E\":1672515782136,\"s\":\"BNBBTC\",\"U\":157,\"u\":160," + levels + "}";
        final String stream = "{\"stream\":\"bnbbtc@depth\",\"data\":";
        return List.of(
            // Valid, in another shape
            "{\"stream\":\"bnbbtc@depth\",\"data\":" + BinanceMarketParserTest.DEPTH_SAMPLE + "}",
            "{\"data\":" + data + ",\"stream\":\"bnbbtc@depth\"}",
            stream + "{\"E\":1672515782136,\"e\":\"depthUpdate\",\"s\":\"BNBBTC\",\"U\":157,\"u\":160," + levels + "}}",
            stream + data.replace("\"u\":160,", "\"u\":160, ") + "}",
            stream + data.replace("\"E\":", "\"E\" :") + "}",
            stream + data + "} ",
            stream + data + "}\n",
            " " + stream + data + "}",
            stream + data.replace("BNBBTC", "BNB\\u0042TC") + "}",
            stream + data.replace("BNBBTC", "BNB\\/BTC") + "}",
            stream.replace("bnbbtc", "bnb\\u0062tc") + data + "}",
            stream + data.replace("BNBBTC", "BNB\u00c9TC") + "}",
            stream + data.replace("BNBBTC", "BNB\u007fBTC") + "}",
            stream + data.replace("\"u\":160,", "\"u\":160,\"x\":1,") + "}",
            stream + data.replace("}", ",\"pu\":156}") + "}",
            stream + data + ",\"id\":5}",
            stream.replace("{", "{\"x\":[],") + data + "}",
            stream.replace("@depth", "@depth20") + data + "}",
            stream.replace("@depth", "@depth@1000ms") + data + "}",
            stream.replace("bnbbtc@depth", "@depth") + data + "}",
            data,
            stream + data.replace("\"E\":1672515782136", "\"E\":-1") + "}",
            stream + data.replace("[\"0.0024\",\"10\"]", "[\"0.0024\",\"10\"],[\"0.0023\",\"000000000000000000001\"]") + "}",
            stream + data.replace("\"U\":157", "\"U\":1234567890123456789") + "}",
            stream + data.replace("\"b\":[[\"0.0024\",\"10\"]]", "\"b\":[ ]") + "}",
            stream + data.replace("\"a\":[[\"0.0026\",\"100\"]]", "\"a\":[[\"0.0026\" ,\"100\"]]") + "}",
            // Malformed: Jackson says how
            stream + data.replace("\"U\":157", "\"U\":\"157\"") + "}",
            stream + data.replace("\"E\":1672515782136", "\"E\":\"1672515782136\"") + "}",
            stream + data.replace("\"U\":157", "\"U\":157.0") + "}",
            stream + data.replace("\"U\":157", "\"U\":1.57e2") + "}",
            stream + data.replace("\"U\":157", "\"U\":0157") + "}",
            stream + data.replace("\"U\":157", "\"U\":0") + "}",
            stream + data.replace("\"U\":157", "\"U\":-157") + "}",
            stream + data.replace("\"U\":157", "\"U\":161") + "}",
            stream + data.replace("\"U\":157", "\"U\":99999999999999999999") + "}",
            stream + data.replace("0.0024", "0.000000001") + "}",
            stream + data.replace("0.0024", "1e-3") + "}",
            stream + data.replace("0.0024", ".0024") + "}",
            stream + data.replace("0.0024", "0.") + "}",
            stream + data.replace("0.0024", "-0.0024") + "}",
            stream + data.replace("0.0024", "") + "}",
            stream + data.replace("0.0024", "92233720368.54775808") + "}",
            stream + data.replace("[\"0.0024\",\"10\"]", "[\"0.0024\",10]") + "}",
            stream + data.replace("[\"0.0024\",\"10\"]", "[\"0.0024\"]") + "}",
            stream + data.replace("[\"0.0024\",\"10\"]", "[\"0.0024\",\"10\",\"1\"]") + "}",
            stream + data.replace("\"b\":[[\"0.0024\",\"10\"]]", "\"b\":{}") + "}",
            stream + data.replace("\"e\":\"depthUpdate\"", "\"e\":\"depthUpdateX\"") + "}",
            stream + data.replace(",\"u\":160", "") + "}",
            stream + data + "}}",
            stream + data,
            stream + data.substring(0, data.length() - 20));
    }

    @ParameterizedTest
    @MethodSource("framesToDefer")
    void framesInAnyOtherShapeAreDeferredAndParsedByJackson(final String frame) throws Exception
    {
        final DepthUpdateScanner scanner = new DepthUpdateScanner(8, 8);
        final DepthEvent depth = sentinelDepth();
        final TradeEvent trade = sentinelTrade();
        assertFalse(scanner.scan(frame, depth, trade), frame);
        assertEquals(describe(sentinelDepth(), sentinelTrade()), describe(depth, trade), "holders untouched");
        assertSameAsJackson(frame, 8, 8);
    }

    @Test
    void deferredValidFramesStillGiveTheirEvent() throws Exception
    {
        final BinanceMarketParser parser = new BinanceMarketParser(8, 8);
        final DepthEvent depth = new DepthEvent();
        final TradeEvent trade = new TradeEvent();
        final String escaped = DOCUMENTED_FRAME.replace("BNBBTC", "BNB\\u0042TC");
        assertEquals(BinanceMarketParser.Kind.DEPTH_UPDATE, parser.parse(escaped, depth, trade));
        assertEquals("BNBBTC", depth.symbol.toString());
        assertEquals(240_000L, depth.bidPrices[0]);
        final String reordered = "{\"data\":" + compact(BinanceMarketParserTest.DEPTH_SAMPLE) +
            ",\"stream\":\"bnbbtc@depth\"}";
        assertEquals(BinanceMarketParser.Kind.DEPTH_UPDATE, parser.parse(reordered, depth, trade));
        assertEquals(160L, depth.finalUpdateId);
        assertEquals(260_000L, depth.askPrices[0]);
        final String negativeTime = DOCUMENTED_FRAME.replace("1672515782136", "-1");
        assertEquals(BinanceMarketParser.Kind.DEPTH_UPDATE, parser.parse(negativeTime, depth, trade));
        assertEquals(-1L, depth.eventTimeMs);
        final MalformedMessageException stringId = org.junit.jupiter.api.Assertions.assertThrows(
            MalformedMessageException.class,
            () -> parser.parse(DOCUMENTED_FRAME.replace("\"U\":157", "\"U\":\"157\""), depth, trade));
        assertEquals(MalformedMessageException.WRONG_TYPE, stringId.kind());
    }

    /**
     * Mutations of frames the scanner takes — the parser test's byte mutations (cut, drop, overwrite with JSON
     * punctuation, digits and a non-ASCII byte), digit-level ones that mostly keep the shape, and whole numbers
     * replaced by ones around the limits — compared at four pairs of scales. The counts check that both sides of the fast path were exercised: many mutated frames taken,
     * many deferred.
     */
    @Test
    void mutatedFramesGiveTheSameResultWithAndWithoutTheScanner() throws Exception
    {
        final SplittableRandom random = new SplittableRandom(20_261_122);
        final List<String> samples = new ArrayList<>(List.of(DOCUMENTED_FRAME, DOCUMENTED_100MS_FRAME));
        samples.addAll(tapeFrames(40));
        final byte[] alphabet = "{}[]\",:0123456789.-eEtrufalsn \\\u00ff".getBytes(StandardCharsets.ISO_8859_1);
        final Comparison[] comparisons = new Comparison[SCALES.length];
        for (int s = 0; s < SCALES.length; s++)
        {
            comparisons[s] = new Comparison(SCALES[s][0], SCALES[s][1]);
        }

        final int mutations = 24_000;
        int taken = 0;
        int deferred = 0;
        for (int i = 0; i < mutations; i++)
        {
            final String sample = samples.get(random.nextInt(samples.size()));
            final String frame = switch (random.nextInt(3))
            {
                case 0 -> new String(
                    BinanceMarketParserTest.mutate(sample.getBytes(StandardCharsets.ISO_8859_1), random, alphabet),
                    StandardCharsets.ISO_8859_1);
                case 1 -> mutateDigits(sample, random);
                default -> replaceNumber(sample, random);
            };
            for (final Comparison comparison : comparisons)
            {
                if (comparison.compare(frame))
                {
                    taken++;
                }
                else
                {
                    deferred++;
                }
            }
        }
        assertTrue(taken > 10_000, "mutated frames the scanner took: " + taken);
        assertTrue(deferred > 20_000, "mutated frames the scanner deferred: " + deferred);
    }

    /** One scale pair: the fast path and the Jackson path each with their own parser and holders. */
    private static final class Comparison
    {
        private final String scales;
        private final DepthUpdateScanner scanner;
        private final BinanceMarketParser fast;
        private final BinanceMarketParser reference;
        private final DepthEvent fastDepth = new DepthEvent();
        private final TradeEvent fastTrade = new TradeEvent();
        private final DepthEvent referenceDepth = new DepthEvent();
        private final TradeEvent referenceTrade = new TradeEvent();
        private final String sentinel = describe(sentinelDepth(), sentinelTrade());
        private DepthEvent probeDepth = sentinelDepth();
        private TradeEvent probeTrade = sentinelTrade();

        Comparison(final int priceScale, final int qtyScale)
        {
            scales = "scales " + priceScale + "/" + qtyScale;
            scanner = new DepthUpdateScanner(priceScale, qtyScale);
            fast = new BinanceMarketParser(priceScale, qtyScale);
            reference = new BinanceMarketParser(priceScale, qtyScale);
        }

        /** @return whether the scanner took the frame. */
        boolean compare(final String frame)
        {
            final boolean taken = scanner.scan(frame, probeDepth, probeTrade);
            if (taken)
            {
                probeDepth = sentinelDepth();
                probeTrade = sentinelTrade();
            }
            else
            {
                assertEquals(sentinel, describe(probeDepth, probeTrade), () -> "deferring touched the holders: " + frame);
            }
            final String expected = outcome(reference, frame, true, referenceDepth, referenceTrade);
            final String actual = outcome(fast, frame, false, fastDepth, fastTrade);
            assertEquals(expected, actual, () -> scales + ": " + frame);
            return taken;
        }
    }

    private static void assertSameAsJackson(final String frame, final int priceScale, final int qtyScale)
    {
        final String expected = outcome(new BinanceMarketParser(priceScale, qtyScale), frame, true,
            new DepthEvent(), new TradeEvent());
        final String actual = outcome(new BinanceMarketParser(priceScale, qtyScale), frame, false,
            new DepthEvent(), new TradeEvent());
        assertEquals(expected, actual, frame);
    }

    /** Everything a caller can see after one parse: the kind or the exception, the holders and the reply fields. */
    private static String outcome(
        final BinanceMarketParser parser, final String frame, final boolean jacksonOnly, final DepthEvent depth,
        final TradeEvent trade)
    {
        String result;
        try
        {
            result = String.valueOf(jacksonOnly ? parser.parseWithJackson(frame, depth, trade) :
                parser.parse(frame, depth, trade));
        }
        catch (final MalformedMessageException ex)
        {
            result = "malformed " + ex.kind() + ": " + ex.getMessage();
        }
        return result + " reply=" + parser.replyId() + " error=" + parser.errorCode() + " " + parser.errorMessage() +
            " " + describe(depth, trade);
    }

    private static String describe(final DepthEvent depth, final TradeEvent trade)
    {
        final StringBuilder text = new StringBuilder(depth.toString()).append(" capacity=")
            .append(depth.bidPrices.length).append('/').append(depth.askPrices.length).append(" bids");
        for (int i = 0; i < depth.bidCount; i++)
        {
            text.append(' ').append(depth.bidPrices[i]).append('x').append(depth.bidQtys[i]);
        }
        text.append(" asks");
        for (int i = 0; i < depth.askCount; i++)
        {
            text.append(' ').append(depth.askPrices[i]).append('x').append(depth.askQtys[i]);
        }
        return text.append(' ').append(trade).toString();
    }

    private static DepthEvent sentinelDepth()
    {
        final DepthEvent depth = new DepthEvent();
        depth.firstUpdateId = 7;
        depth.finalUpdateId = 8;
        depth.eventTimeMs = 9;
        depth.symbol.append("SENTINEL");
        depth.addBid(11, 12);
        depth.addAsk(13, 14);
        return depth;
    }

    private static TradeEvent sentinelTrade()
    {
        final TradeEvent trade = new TradeEvent();
        trade.tradeId = 42;
        trade.symbol.append("SENTINEL");
        return trade;
    }

    /**
     * Changes one to three characters of the levels or ids for a digit, a '.', or removes one: mostly frames still in
     * the scanner's shape with other numbers, some with decimals finer than the scale, overflowing or not plain.
     */
    private static String mutateDigits(final String sample, final SplittableRandom random)
    {
        final StringBuilder frame = new StringBuilder(sample);
        final int from = sample.indexOf("\"E\":");
        final int changes = 1 + random.nextInt(3);
        for (int c = 0; c < changes; c++)
        {
            final int at = from + random.nextInt(frame.length() - from);
            if (!Character.isDigit(frame.charAt(at)) && frame.charAt(at) != '.')
            {
                continue;
            }
            switch (random.nextInt(6))
            {
                case 0 -> frame.deleteCharAt(at);
                case 1 -> frame.insert(at, (char)('0' + random.nextInt(10)));
                case 2 -> frame.insert(at, "0".repeat(1 + random.nextInt(12)));
                case 3 -> frame.setCharAt(at, '.');
                default -> frame.setCharAt(at, (char)('0' + random.nextInt(10)));
            }
        }
        return frame.toString();
    }

    /**
     * One id ({@code E}, {@code U}, {@code u}) or one price or quantity replaced by a random number of 1 to 22
     * digits, sometimes signed, with leading zeros or near {@code Long.MAX_VALUE}: the edges of the scanner's limits.
     */
    private static String replaceNumber(final String sample, final SplittableRandom random)
    {
        final List<int[]> spans = new ArrayList<>();
        final Matcher matcher = NUMBER.matcher(sample);
        while (matcher.find())
        {
            final int group = matcher.group(1) != null ? 1 : 2;
            spans.add(new int[] {matcher.start(group), matcher.end(group), group});
        }
        final int[] span = spans.get(random.nextInt(spans.size()));
        final boolean decimal = span[2] == 2;
        final StringBuilder number = new StringBuilder();
        switch (random.nextInt(8))
        {
            case 0 -> number.append(Long.MAX_VALUE - random.nextInt(3) + random.nextInt(3));
            case 1 -> number.append('-').append(random.nextInt(1000));
            case 2 -> number.append("0".repeat(1 + random.nextInt(20))).append(1 + random.nextInt(9));
            default ->
            {
                final int digits = 1 + random.nextInt(22);
                for (int d = 0; d < digits; d++)
                {
                    number.append((char)('0' + random.nextInt(10)));
                }
            }
        }
        if (decimal && random.nextBoolean())
        {
            final int point = random.nextInt(number.length() + 1);
            number.insert(point, '.');
            final int fraction = random.nextInt(22);
            for (int d = 0; d < fraction; d++)
            {
                number.append(random.nextInt(4) == 0 ? (char)('1' + random.nextInt(9)) : '0');
            }
        }
        return sample.substring(0, span[0]) + number + sample.substring(span[1]);
    }

    /** Frames like the benchmark's tape: a venue book's diffs of 1 to 20 levels, prices at scale 2, qty at 5. */
    private static List<String> tapeFrames(final int count)
    {
        final VenueBookModel venue = new VenueBookModel(11, 40_000_000_000L, 3_000_000, 1_000);
        final List<String> frames = new ArrayList<>(count);
        for (int i = 0; i < count; i++)
        {
            frames.add(SteadyStateAllocationTest.frame(venue.next(1 + i % 20)));
        }
        return frames;
    }

    private static String frameWithBids(final int levels)
    {
        final StringBuilder frame = new StringBuilder(HEAD).append("\"U\":1,\"u\":2,\"b\":[");
        for (int i = 0; i < levels; i++)
        {
            frame.append(i == 0 ? "" : ",").append("[\"").append(100_000 - i).append(".01000000\",\"")
                .append(i).append(".00100000\"]");
        }
        return frame.append("],\"a\":[]}}").toString();
    }

    /** The documented sample without its layout whitespace (it has none inside strings). */
    private static String compact(final String json)
    {
        return json.replaceAll("\\s+", "");
    }
}
