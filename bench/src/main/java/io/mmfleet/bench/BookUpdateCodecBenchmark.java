package io.mmfleet.bench;

import io.mmfleet.sbe.BookUpdateDecoder;
import io.mmfleet.sbe.BookUpdateEncoder;
import io.mmfleet.sbe.DecimalDecoder;
import io.mmfleet.sbe.MessageHeaderDecoder;
import io.mmfleet.sbe.MessageHeaderEncoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Encode and decode of a 10-level BookUpdate (10 bids, 10 asks) with the generated SBE codecs over
 * one reused buffer. Decoding reads every field and folds it into a checksum, so the JIT can drop
 * nothing; the checksum is also what the correctness test compares against the inputs.
 *
 * <p>{@code bin/bench codec} runs it with {@code -prof gc}: the expected allocation is 0 B/op.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED"})
public class BookUpdateCodecBenchmark
{
    public static final int LEVELS = 10;
    public static final byte PRICE_EXPONENT = -2;
    public static final byte QTY_EXPONENT = -6;

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1024]);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final BookUpdateEncoder encoder = new BookUpdateEncoder();
    private final BookUpdateDecoder decoder = new BookUpdateDecoder();

    // Non-final so that the JIT cannot fold the inputs into constants.
    private int venueId = 1;
    private int instrumentId = 42;
    private long venueUpdateId = 51_234_567_890L;
    private long venueTimeNs = 1_763_700_000_123_456_789L;
    private final long[] bidPrices = new long[LEVELS];
    private final long[] bidQtys = new long[LEVELS];
    private final long[] askPrices = new long[LEVELS];
    private final long[] askQtys = new long[LEVELS];

    public BookUpdateCodecBenchmark()
    {
        for (int i = 0; i < LEVELS; i++)
        {
            bidPrices[i] = 300_000 - i;
            askPrices[i] = 300_001 + i;
            bidQtys[i] = 1_500_000L * (i + 1);
            askQtys[i] = 1_250_000L * (i + 1);
        }
        encode();
    }

    /** @return encoded length, header included. */
    @Benchmark
    public int encode()
    {
        encoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .venueId(venueId)
            .instrumentId(instrumentId)
            .venueUpdateId(venueUpdateId)
            .venueTimeNs(venueTimeNs);
        final BookUpdateEncoder.BidsEncoder bids = encoder.bidsCount(LEVELS);
        for (int i = 0; i < LEVELS; i++)
        {
            final BookUpdateEncoder.BidsEncoder level = bids.next();
            level.price().mantissa(bidPrices[i]).exponent(PRICE_EXPONENT);
            level.qty().mantissa(bidQtys[i]).exponent(QTY_EXPONENT);
        }
        final BookUpdateEncoder.AsksEncoder asks = encoder.asksCount(LEVELS);
        for (int i = 0; i < LEVELS; i++)
        {
            final BookUpdateEncoder.AsksEncoder level = asks.next();
            level.price().mantissa(askPrices[i]).exponent(PRICE_EXPONENT);
            level.qty().mantissa(askQtys[i]).exponent(QTY_EXPONENT);
        }
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    /** Decodes what {@link #encode} left in the buffer, reading every field. */
    @Benchmark
    public long decode()
    {
        decoder.wrapAndApplyHeader(buffer, 0, headerDecoder);
        long checksum = weigh(decoder.venueId(), 0) + weigh(decoder.instrumentId(), 1) +
            weigh(decoder.venueUpdateId(), 2) + weigh(decoder.venueTimeNs(), 3);
        int position = 4;
        for (final BookUpdateDecoder.BidsDecoder level : decoder.bids())
        {
            checksum += weigh(level.price(), position) + weigh(level.qty(), position + 2);
            position += 4;
        }
        for (final BookUpdateDecoder.AsksDecoder level : decoder.asks())
        {
            checksum += weigh(level.price(), position) + weigh(level.qty(), position + 2);
            position += 4;
        }
        return checksum;
    }

    /** The figure the README quotes: one full encode followed by one full decode. */
    @Benchmark
    public long encodeThenDecode()
    {
        encode();
        return decode();
    }

    /** The checksum {@link #decode} must return for this state's inputs, computed without the codecs. */
    public long expectedChecksum()
    {
        long checksum = weigh(venueId, 0) + weigh(instrumentId, 1) + weigh(venueUpdateId, 2) + weigh(venueTimeNs, 3);
        int position = 4;
        for (int i = 0; i < LEVELS; i++, position += 4)
        {
            checksum += weigh(bidPrices[i], position) + weigh(PRICE_EXPONENT, position + 1) +
                weigh(bidQtys[i], position + 2) + weigh(QTY_EXPONENT, position + 3);
        }
        for (int i = 0; i < LEVELS; i++, position += 4)
        {
            checksum += weigh(askPrices[i], position) + weigh(PRICE_EXPONENT, position + 1) +
                weigh(askQtys[i], position + 2) + weigh(QTY_EXPONENT, position + 3);
        }
        return checksum;
    }

    public UnsafeBuffer buffer()
    {
        return buffer;
    }

    public long bidPrice(final int level)
    {
        return bidPrices[level];
    }

    public long bidQty(final int level)
    {
        return bidQtys[level];
    }

    public long askPrice(final int level)
    {
        return askPrices[level];
    }

    public long askQty(final int level)
    {
        return askQtys[level];
    }

    public long venueUpdateId()
    {
        return venueUpdateId;
    }

    public long venueTimeNs()
    {
        return venueTimeNs;
    }

    public int instrumentId()
    {
        return instrumentId;
    }

    public int venueId()
    {
        return venueId;
    }

    private static long weigh(final DecimalDecoder decimal, final int position)
    {
        return weigh(decimal.mantissa(), position) + weigh(decimal.exponent(), position + 1);
    }

    /**
     * Each field weighed by an odd multiplier of its position, so a field read from the wrong place
     * changes the sum. The multiply is off the sum's dependency chain: a serial checksum
     * ({@code c = c * 31 + v}) would cost ~4 cycles per field and measure the checksum, not the codec.
     */
    private static long weigh(final long value, final int position)
    {
        return value * (2L * position + 1);
    }
}
