package io.mmfleet.quoteserver.book;

import io.mmfleet.sbe.BookUpdateEncoder;
import io.mmfleet.sbe.MessageHeaderEncoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The per-message path (text frame → parser → synchronizer → book → encoded BookUpdate) allocates nothing once
 * warm. This counts bytes, not time: the JMH benchmark ({@code bin/bench quote}) gives the rate.
 */
class SteadyStateAllocationTest
{
    private static final int FRAMES = 4_000;

    /** One of the parser's entry points for a text frame. */
    @FunctionalInterface
    private interface TextFrameParser
    {
        BinanceMarketParser.Kind parse(BinanceMarketParser parser, String frame, DepthEvent depth, TradeEvent trade)
            throws MalformedMessageException;
    }

    /** Binance's frames in their exact shape, so the fast path ({@link DepthUpdateScanner}) takes them all. */
    @Test
    void parsingApplyingAndEncodingAllocatesNothingOnceWarm() throws Exception
    {
        assertNothingAllocatedOnceWarm(BinanceMarketParser::parse);
    }

    /** The same frames through Jackson, which still parses every frame the scanner defers on. */
    @Test
    void theJacksonPathAloneAllocatesNothingOnceWarm() throws Exception
    {
        assertNothingAllocatedOnceWarm(BinanceMarketParser::parseWithJackson);
    }

    private static void assertNothingAllocatedOnceWarm(final TextFrameParser entryPoint) throws Exception
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        assertTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());

        final VenueBookModel venue = new VenueBookModel(5, 1_000_000, 3_000_000, 500);
        final DepthEvent snapshot = venue.snapshot();
        final String[] frames = new String[2 * FRAMES];
        for (int i = 0; i < frames.length; i++)
        {
            frames[i] = frame(venue.next(1 + i % 15));
        }

        final BinanceMarketParser parser = new BinanceMarketParser(2, 5);
        final DepthEvent depth = new DepthEvent();
        final TradeEvent trade = new TradeEvent();
        final LocalBook book = new LocalBook(5_000);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[4096]);
        final MessageHeaderEncoder header = new MessageHeaderEncoder();
        final BookUpdateEncoder encoder = new BookUpdateEncoder();
        final BookUpdateWriter writer = new BookUpdateWriter(20, 2, 5);
        final int[] published = new int[1];
        final BookSynchronizer[] sync = new BookSynchronizer[1];
        sync[0] = new BookSynchronizer(16, book, new BookSynchronizer.Listener()
        {
            @Override
            public void onSynced()
            {
                published[0]++;
            }

            @Override
            public void onUpdated()
            {
                encoder.wrapAndApplyHeader(buffer, 0, header);
                writer.write(encoder, 1, 7, sync[0].lastUpdateId(), depth.eventTimeMs * 1_000_000L, book);
                published[0]++;
            }

            @Override
            public void onDesynced(final String reason)
            {
                throw new AssertionError(reason);
            }
        });
        sync[0].onSnapshot(snapshot);

        for (int i = 0; i < FRAMES; i++)
        {
            entryPoint.parse(parser, frames[i], depth, trade);
            sync[0].onDiff(depth);
        }
        final long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = FRAMES; i < frames.length; i++)
        {
            entryPoint.parse(parser, frames[i], depth, trade);
            sync[0].onDiff(depth);
        }
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertEquals(1 + frames.length, published[0], "every frame applied and encoded");
        assertTrue(venue.matches(book));
        // Less than one byte a message: any object per message would be at least 16.
        assertTrue(allocated < FRAMES, allocated + " bytes allocated over " + FRAMES + " messages");
    }

    /** {@code e} as a combined-stream frame in Binance's exact shape and number format (price scale 2, qty 5). */
    static String frame(final DepthEvent e)
    {
        final StringBuilder json = new StringBuilder("{\"stream\":\"btcusdt@depth@100ms\",\"data\":{\"e\":\"depthUpdate\",")
            .append("\"E\":").append(e.eventTimeMs).append(",\"s\":\"BTCUSDT\",\"U\":").append(e.firstUpdateId)
            .append(",\"u\":").append(e.finalUpdateId).append(",\"b\":[");
        for (int i = 0; i < e.bidCount; i++)
        {
            level(json.append(i == 0 ? "" : ","), e.bidPrices[i], e.bidQtys[i]);
        }
        json.append("],\"a\":[");
        for (int i = 0; i < e.askCount; i++)
        {
            level(json.append(i == 0 ? "" : ","), e.askPrices[i], e.askQtys[i]);
        }
        return json.append("]}}").toString();
    }

    /** Price at scale 2 and quantity at scale 5, printed with 8 decimals as Binance does. */
    private static void level(final StringBuilder json, final long price, final long qty)
    {
        json.append("[\"").append(price / 100).append('.').append(String.format("%02d", price % 100)).append("000000\",\"")
            .append(qty / 100_000).append('.').append(String.format("%05d", qty % 100_000)).append("000\"]");
    }
}
