package io.mmfleet.quoteserver.book;

import io.mmfleet.sbe.BookUpdateDecoder;
import io.mmfleet.sbe.BookUpdateEncoder;
import io.mmfleet.sbe.MessageHeaderDecoder;
import io.mmfleet.sbe.MessageHeaderEncoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BookUpdateWriterTest
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[4096]);
    private final BookUpdateEncoder encoder = new BookUpdateEncoder();
    private final BookUpdateDecoder decoder = new BookUpdateDecoder();

    @Test
    void encodesExactlyTheTopNLevelsBestFirstWithTheScalesAsExponents()
    {
        final LocalBook book = new LocalBook(100);
        final long[][] bids = new long[30][];
        final long[][] asks = new long[30][];
        for (int i = 0; i < 30; i++)
        {
            bids[i] = new long[] {3_000_000 - 10L * i, 1_000 + i};
            asks[i] = new long[] {3_000_010 + 10L * i, 2_000 + i};
        }
        book.apply(LocalBookTest.event(bids, asks));
        final BookUpdateWriter writer = new BookUpdateWriter(5, 2, 6);

        encoder.wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder());
        writer.write(encoder, 3, 42, 160L, 1_672_515_782_136_000_000L, book);

        decoder.wrapAndApplyHeader(buffer, 0, new MessageHeaderDecoder());
        assertEquals(3, decoder.venueId());
        assertEquals(42, decoder.instrumentId());
        assertEquals(160L, decoder.venueUpdateId());
        assertEquals(1_672_515_782_136_000_000L, decoder.venueTimeNs());
        final BookUpdateDecoder.BidsDecoder bidLevels = decoder.bids();
        assertEquals(5, bidLevels.count());
        int i = 0;
        for (final BookUpdateDecoder.BidsDecoder level : bidLevels)
        {
            assertEquals(3_000_000 - 10L * i, level.price().mantissa());
            assertEquals(-2, level.price().exponent());
            assertEquals(1_000 + i, level.qty().mantissa());
            assertEquals(-6, level.qty().exponent());
            i++;
        }
        final BookUpdateDecoder.AsksDecoder askLevels = decoder.asks();
        assertEquals(5, askLevels.count());
        i = 0;
        for (final BookUpdateDecoder.AsksDecoder level : askLevels)
        {
            assertEquals(3_000_010 + 10L * i, level.price().mantissa());
            assertEquals(2_000 + i, level.qty().mantissa());
            i++;
        }
    }

    @Test
    void encodesFewerLevelsWhenTheBookHoldsFewer()
    {
        final LocalBook book = new LocalBook(10);
        book.apply(LocalBookTest.event(new long[][] {{100, 1}, {99, 2}}, new long[][] {}));
        encoder.wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder());
        new BookUpdateWriter(10, 0, 0).write(encoder, 1, 1, 1, 1, book);
        decoder.wrapAndApplyHeader(buffer, 0, new MessageHeaderDecoder());
        final BookUpdateDecoder.BidsDecoder bids = decoder.bids();
        assertEquals(2, bids.count());
        assertEquals(100, bids.next().price().mantissa());
        assertEquals(99, bids.next().price().mantissa());
        assertEquals(0, decoder.asks().count());
    }

    @Test
    void rejectsADepthOrScaleTheMessageCannotCarry()
    {
        assertThrows(IllegalArgumentException.class, () -> new BookUpdateWriter(0, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> new BookUpdateWriter(5, 19, 2));
        assertThrows(IllegalArgumentException.class, () -> new BookUpdateWriter(5, 2, -1));
    }
}
