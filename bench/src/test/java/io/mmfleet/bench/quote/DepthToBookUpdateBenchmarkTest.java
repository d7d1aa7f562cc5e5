package io.mmfleet.bench.quote;

import io.mmfleet.quoteserver.book.BinanceMarketParser;
import io.mmfleet.quoteserver.book.DepthEvent;
import io.mmfleet.quoteserver.book.LocalBook;
import io.mmfleet.quoteserver.book.TradeEvent;
import io.mmfleet.sbe.BookUpdateDecoder;
import io.mmfleet.sbe.MessageHeaderDecoder;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@link DepthToBookUpdateBenchmark} measures is the real path giving the right answer: every frame of the
 * sample is applied (never dropped as stale, never a gap), the book after the whole tape equals the sample's own
 * reference book, the last BookUpdate carries its top 10 levels, and the tape wraps through a snapshot rebuild.
 */
class DepthToBookUpdateBenchmarkTest
{
    @Test
    void everyFrameIsAppliedAndTheEncodedTopOfBookMatchesTheReference() throws Exception
    {
        for (final int levels : new int[] {3, 20})
        {
            final DepthToBookUpdateBenchmark benchmark = new DepthToBookUpdateBenchmark();
            benchmark.levelsPerEvent = levels;
            benchmark.setUp();
            final DepthFrameTape tape = benchmark.tape();
            int length = 0;
            for (int i = 0; i < tape.size(); i++)
            {
                length = benchmark.frameToBookUpdate();
            }
            assertEquals(tape.startUpdateId() + (long)levels * tape.size(), benchmark.lastUpdateId());
            assertBookEquals(tape.endBook(), benchmark.book());

            assertTop(tape.endBook().bids(), benchmark, true, length);
            assertTop(tape.endBook().asks(), benchmark, false, length);

            benchmark.frameToBookUpdate();      // wraps: snapshot rebuild, then the first frame again
            assertEquals(tape.startUpdateId() + levels, benchmark.lastUpdateId());
        }
    }

    /**
     * The tape's text frames take quote-server's fast path for {@code depthUpdate}; its UTF-8 bytes go through
     * Jackson alone. Both must give the same event for every frame.
     */
    @Test
    void everyTapeFrameParsesTheSameAsTextAndThroughJackson() throws Exception
    {
        for (final int levels : new int[] {3, 20})
        {
            final DepthToBookUpdateBenchmark benchmark = new DepthToBookUpdateBenchmark();
            benchmark.levelsPerEvent = levels;
            benchmark.setUp();
            final DepthFrameTape tape = benchmark.tape();
            final BinanceMarketParser parser =
                new BinanceMarketParser(DepthFrameTape.PRICE_SCALE, DepthFrameTape.QTY_SCALE);
            final DepthEvent text = new DepthEvent();
            final DepthEvent bytes = new DepthEvent();
            final TradeEvent trade = new TradeEvent();
            for (int i = 0; i < tape.size(); i++)
            {
                final String frame = tape.frame(i);
                assertEquals(BinanceMarketParser.Kind.DEPTH_UPDATE, parser.parse(frame, text, trade));
                assertEquals(BinanceMarketParser.Kind.DEPTH_UPDATE,
                    parser.parse(frame.getBytes(StandardCharsets.UTF_8), bytes, trade));
                assertSameEvent(bytes, text, frame);
                assertEquals(levels, text.bidCount + text.askCount, frame);
            }
        }
    }

    private static void assertSameEvent(final DepthEvent expected, final DepthEvent actual, final String frame)
    {
        assertEquals(expected.toString(), actual.toString(), frame);
        assertEquals(expected.symbol.toString(), actual.symbol.toString(), frame);
        assertTrue(Arrays.equals(expected.bidPrices, 0, expected.bidCount, actual.bidPrices, 0, actual.bidCount), frame);
        assertTrue(Arrays.equals(expected.bidQtys, 0, expected.bidCount, actual.bidQtys, 0, actual.bidCount), frame);
        assertTrue(Arrays.equals(expected.askPrices, 0, expected.askCount, actual.askPrices, 0, actual.askCount), frame);
        assertTrue(Arrays.equals(expected.askQtys, 0, expected.askCount, actual.askQtys, 0, actual.askCount), frame);
    }

    private static void assertTop(final TreeMap<Long, Long> side, final DepthToBookUpdateBenchmark benchmark,
        final boolean bids, final int length)
    {
        final BookUpdateDecoder decoder = new BookUpdateDecoder();
        decoder.wrapAndApplyHeader(benchmark.buffer(), 0, new MessageHeaderDecoder());
        final BookUpdateDecoder.BidsDecoder bidLevels = decoder.bids();
        final Iterator<Map.Entry<Long, Long>> expected = side.entrySet().iterator();
        if (bids)
        {
            assertEquals(DepthToBookUpdateBenchmark.DEPTH, bidLevels.count());
            for (final BookUpdateDecoder.BidsDecoder level : bidLevels)
            {
                final Map.Entry<Long, Long> reference = expected.next();
                assertEquals(reference.getKey(), level.price().mantissa());
                assertEquals(reference.getValue(), level.qty().mantissa());
                assertEquals(-DepthFrameTape.PRICE_SCALE, level.price().exponent());
                assertEquals(-DepthFrameTape.QTY_SCALE, level.qty().exponent());
            }
            return;
        }
        while (bidLevels.hasNext())
        {
            bidLevels.next();
        }
        final BookUpdateDecoder.AsksDecoder askLevels = decoder.asks();
        assertEquals(DepthToBookUpdateBenchmark.DEPTH, askLevels.count());
        for (final BookUpdateDecoder.AsksDecoder level : askLevels)
        {
            final Map.Entry<Long, Long> reference = expected.next();
            assertEquals(reference.getKey(), level.price().mantissa());
            assertEquals(reference.getValue(), level.qty().mantissa());
        }
        assertEquals(length, MessageHeaderDecoder.ENCODED_LENGTH + decoder.encodedLength(), "reported length");
    }

    private static void assertBookEquals(final DepthFrameTape.Book expected, final LocalBook book)
    {
        assertEquals(expected.bids().size(), book.bidLevels());
        assertEquals(expected.asks().size(), book.askLevels());
        int i = 0;
        for (final Map.Entry<Long, Long> level : expected.bids().entrySet())
        {
            assertEquals(level.getKey(), book.bidPrice(i));
            assertEquals(level.getValue(), book.bidQty(i++));
        }
        i = 0;
        for (final Map.Entry<Long, Long> level : expected.asks().entrySet())
        {
            assertEquals(level.getKey(), book.askPrice(i));
            assertEquals(level.getValue(), book.askQty(i++));
        }
        assertTrue(book.bidPrice(0) < book.askPrice(0));
    }
}
