package io.mmfleet.bench;

import io.mmfleet.sbe.BookUpdateDecoder;
import io.mmfleet.sbe.MessageHeaderDecoder;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the codec benchmark measures must be a correct encode and a complete decode. */
class BookUpdateCodecBenchmarkTest
{
    @Test
    void encodeWritesEveryFieldOfTenLevels()
    {
        final BookUpdateCodecBenchmark benchmark = new BookUpdateCodecBenchmark();
        final int length = benchmark.encode();

        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final BookUpdateDecoder decoder = new BookUpdateDecoder().wrapAndApplyHeader(benchmark.buffer(), 0, header);
        assertEquals(BookUpdateDecoder.TEMPLATE_ID, header.templateId());
        assertEquals(benchmark.venueId(), decoder.venueId());
        assertEquals(benchmark.instrumentId(), decoder.instrumentId());
        assertEquals(benchmark.venueUpdateId(), decoder.venueUpdateId());
        assertEquals(benchmark.venueTimeNs(), decoder.venueTimeNs());

        final BookUpdateDecoder.BidsDecoder bids = decoder.bids();
        assertEquals(BookUpdateCodecBenchmark.LEVELS, bids.count());
        for (int i = 0; i < BookUpdateCodecBenchmark.LEVELS; i++)
        {
            bids.next();
            assertEquals(benchmark.bidPrice(i), bids.price().mantissa(), "bid price " + i);
            assertEquals(BookUpdateCodecBenchmark.PRICE_EXPONENT, bids.price().exponent());
            assertEquals(benchmark.bidQty(i), bids.qty().mantissa(), "bid qty " + i);
            assertEquals(BookUpdateCodecBenchmark.QTY_EXPONENT, bids.qty().exponent());
        }
        final BookUpdateDecoder.AsksDecoder asks = decoder.asks();
        assertEquals(BookUpdateCodecBenchmark.LEVELS, asks.count());
        for (int i = 0; i < BookUpdateCodecBenchmark.LEVELS; i++)
        {
            asks.next();
            assertEquals(benchmark.askPrice(i), asks.price().mantissa(), "ask price " + i);
            assertEquals(BookUpdateCodecBenchmark.PRICE_EXPONENT, asks.price().exponent());
            assertEquals(benchmark.askQty(i), asks.qty().mantissa(), "ask qty " + i);
            assertEquals(BookUpdateCodecBenchmark.QTY_EXPONENT, asks.qty().exponent());
        }
        assertEquals(header.encodedLength() + decoder.encodedLength(), length);
        // 22-byte block + two groups of a 4-byte dimension and 10 levels of two 9-byte decimals.
        assertEquals(MessageHeaderDecoder.ENCODED_LENGTH + 22 + 2 * (4 + 10 * 18), length);
    }

    @Test
    void decodeReadsEveryFieldIntoTheChecksum()
    {
        final BookUpdateCodecBenchmark benchmark = new BookUpdateCodecBenchmark();

        assertEquals(benchmark.expectedChecksum(), benchmark.decode());
        assertEquals(benchmark.expectedChecksum(), benchmark.encodeThenDecode());
    }

    @Test
    void decodeNoticesAChangedField()
    {
        final BookUpdateCodecBenchmark benchmark = new BookUpdateCodecBenchmark();
        final long before = benchmark.decode();
        // Last ask qty mantissa: the very last field of the message.
        final int lastQtyOffset = benchmark.encode() - 9;
        benchmark.buffer().putLong(lastQtyOffset, benchmark.askQty(BookUpdateCodecBenchmark.LEVELS - 1) + 1);

        // Its position: 4 root fields, then 4 per level (price, exponent, qty, exponent); weight 2p+1.
        final int position = 4 + (2 * BookUpdateCodecBenchmark.LEVELS - 1) * 4 + 2;
        assertEquals(before + 2L * position + 1, benchmark.decode());
    }
}
