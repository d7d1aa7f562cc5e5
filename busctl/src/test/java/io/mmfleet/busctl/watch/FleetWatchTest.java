package io.mmfleet.busctl.watch;

import io.mmfleet.bus.Envelope;
import io.mmfleet.bus.TopicView;
import io.mmfleet.bus.config.IniDocument;
import io.mmfleet.bus.config.InstrumentTable;
import io.mmfleet.sbe.BookUpdateEncoder;
import io.mmfleet.sbe.DecimalEncoder;
import io.mmfleet.sbe.MessageHeaderDecoder;
import io.mmfleet.sbe.MessageHeaderEncoder;
import io.mmfleet.sbe.PositionUpdateEncoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.sbe.MessageEncoderFlyweight;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link FleetWatch} fed frames directly, as {@code BusSubscriber} hands them over. */
class FleetWatchTest
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[4096]);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final TopicView topic = new TopicView();
    private final StringWriter err = new StringWriter();
    private final FleetWatch watch = new FleetWatch(
        InstrumentTable.from(IniDocument.parse("test.ini", "[instruments]\nETH-USDC = 1\n")), new PrintWriter(err));

    /**
     * A frame whose fixed block is whole but whose group runs past its end does not decode: it is a bad
     * frame, and it must leave no trace — no instrument line for the garbage id it carried, no half-applied
     * position (fields taken, fees cleared) before the group failed.
     */
    @Test
    void aFrameWhoseGroupDoesNotDecodeChangesNothing()
    {
        deliver(book(1, "2999.99", "3000.01"), Integer.MAX_VALUE);
        final List<String> before = watch.statusLines("00:00:00", TickToOrder.UNKNOWN);

        final BookUpdateEncoder garbage = book(777, "1", "2");
        // Cut inside the asks group: the bids and the instrument id decode, the asks do not.
        deliver(garbage, Envelope.HEADER_LENGTH + garbage.encodedLength() - 4);
        final PositionUpdateEncoder position = position(1, "0.05");
        deliver(position, Envelope.HEADER_LENGTH + position.encodedLength() - 4);

        assertEquals(2, watch.badFrames());
        assertEquals(before, watch.statusLines("00:00:00", TickToOrder.UNKNOWN), "status after two bad frames");
        assertEquals(List.of("-- ETH-USDC"), watch.report(1, TickToOrder.UNKNOWN).stream().filter(line -> line.startsWith("-- ")).toList());
    }

    private BookUpdateEncoder book(final int instrumentId, final String bid, final String ask)
    {
        final BookUpdateEncoder book = new BookUpdateEncoder().wrap(buffer, Envelope.HEADER_LENGTH).venueId(1).instrumentId(instrumentId);
        final BookUpdateEncoder.BidsEncoder bids = book.bidsCount(1);
        decimal(bids.next().price(), bid);
        decimal(bids.qty(), "1");
        final BookUpdateEncoder.AsksEncoder asks = book.asksCount(1);
        decimal(asks.next().price(), ask);
        decimal(asks.qty(), "1");
        return book;
    }

    private PositionUpdateEncoder position(final int instrumentId, final String position)
    {
        final PositionUpdateEncoder update = new PositionUpdateEncoder().wrap(buffer, Envelope.HEADER_LENGTH)
            .venueId(1).instrumentId(instrumentId).strategyId(1);
        decimal(update.position(), position);
        decimal(update.avgCost(), "3000");
        decimal(update.realizedPnl(), "0");
        decimal(update.unrealizedPnl(), "0");
        decimal(update.markPrice(), "3000");
        decimal(update.makerVolume(), position);
        decimal(update.takerVolume(), "0");
        update.fillCount(1).execRunId(1).execSequence(1);
        final PositionUpdateEncoder.FeesEncoder fees = update.feesCount(1);
        decimal(fees.next().makerFee(), "0.00001");
        decimal(fees.takerFee(), "0");
        fees.asset("ETH");
        return update;
    }

    private static void decimal(final DecimalEncoder encoder, final String value)
    {
        final BigDecimal decimal = new BigDecimal(value);
        encoder.mantissa(decimal.unscaledValue().longValueExact()).exponent((byte)-decimal.scale());
    }

    /** As BusSubscriber does: the frame cut to {@code length}, a handler that throws makes it a bad frame. */
    private void deliver(final MessageEncoderFlyweight body, final int length)
    {
        headerEncoder.wrap(buffer, 0).blockLength(body.sbeBlockLength()).templateId(body.sbeTemplateId()).schemaId(body.sbeSchemaId())
            .version(body.sbeSchemaVersion()).sourceId(1).runId(1).sequence(1).sendNs(1).originNs(1);
        final int frameLength = Math.min(length, Envelope.HEADER_LENGTH + body.encodedLength());
        final UnsafeBuffer frame = new UnsafeBuffer(buffer.byteArray(), 0, frameLength);
        header.wrap(frame, 0);
        try
        {
            watch.onMessage(topic, header, frame, frameLength);
        }
        catch (final RuntimeException ex)
        {
            watch.onMalformed(topic, frame, frameLength, "body does not decode");
        }
    }
}
