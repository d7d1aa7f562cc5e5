package io.mmfleet.bench;

import io.mmfleet.sbe.BookUpdateEncoder;
import io.mmfleet.sbe.MessageHeaderEncoder;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The message every bus run sends on every path: a BookUpdate with {@code levels} per side. One
 * level per side is 108 bytes with the header, the size of a top-of-book update; the raw paths send
 * exactly the bytes the bus would, and write their timestamp where the envelope keeps sendNs.
 */
final class BenchMessage
{
    static final String DATA_TOPIC = "md.bench.ETH-USDC";
    static final String PROBE_TOPIC = "ctl.bench.probe";
    static final int SEND_NS_OFFSET = MessageHeaderEncoder.sendNsEncodingOffset();
    static final int MAX_LEVELS = 100;

    private BenchMessage()
    {
    }

    /** Fills a wrapped encoder's body. */
    static void fill(final BookUpdateEncoder encoder, final int levels)
    {
        checkLevels(levels);
        encoder.venueId(1).instrumentId(42).venueUpdateId(51_234_567_890L).venueTimeNs(1_763_700_000_123_456_789L);
        final BookUpdateEncoder.BidsEncoder bids = encoder.bidsCount(levels);
        for (int i = 0; i < levels; i++)
        {
            final BookUpdateEncoder.BidsEncoder level = bids.next();
            level.price().mantissa(300_000 - i).exponent((byte)-2);
            level.qty().mantissa(1_500_000L * (i + 1)).exponent((byte)-6);
        }
        final BookUpdateEncoder.AsksEncoder asks = encoder.asksCount(levels);
        for (int i = 0; i < levels; i++)
        {
            final BookUpdateEncoder.AsksEncoder level = asks.next();
            level.price().mantissa(300_001 + i).exponent((byte)-2);
            level.qty().mantissa(1_250_000L * (i + 1)).exponent((byte)-6);
        }
    }

    /** The whole message (header with a zero envelope, then the body) as the raw paths send it. */
    static byte[] encoded(final int levels)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[MessageHeaderEncoder.ENCODED_LENGTH + 64 + levels * 48]);
        final BookUpdateEncoder encoder = new BookUpdateEncoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder());
        fill(encoder, levels);
        final byte[] message = new byte[MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength()];
        buffer.getBytes(0, message);
        return message;
    }

    static void checkLevels(final int levels)
    {
        if (levels < 1 || levels > MAX_LEVELS)
        {
            throw new IllegalArgumentException("levels per side must be 1.." + MAX_LEVELS + ", got " + levels);
        }
    }
}
