package io.mmfleet.sbe;

import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Proves the rules of EVOLUTION.md with real generated code: version 1 of the schema (io.mmfleet.sbe) reads messages
 * of the test-only version 2 (io.mmfleet.sbe.next, src/test/resources/sbe/mmfleet-next.xml) and version 2 reads
 * version 1, as long as every decoder wraps with the blockLength and version from the message's header.
 */
class SchemaEvolutionTest
{
    private static final int HEADER_LENGTH = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final long VENUE_TIME_NS = 1_763_750_001_234_567_891L;
    private static final int BID_COUNT = 3;
    private static final int ASK_COUNT = 2;
    private static final int AUCTION_COUNT = 2;

    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
    private final MessageHeaderDecoder v1Header = new MessageHeaderDecoder();
    private final io.mmfleet.sbe.next.MessageHeaderDecoder v2Header = new io.mmfleet.sbe.next.MessageHeaderDecoder();

    @Test
    void headerIsTheSameInBothVersions()
    {
        assertEquals(MessageHeaderEncoder.ENCODED_LENGTH, io.mmfleet.sbe.next.MessageHeaderEncoder.ENCODED_LENGTH);
        assertEquals(MessageHeaderEncoder.SCHEMA_ID, io.mmfleet.sbe.next.MessageHeaderEncoder.SCHEMA_ID);
        assertEquals(1, MessageHeaderEncoder.SCHEMA_VERSION);
        assertEquals(2, io.mmfleet.sbe.next.MessageHeaderEncoder.SCHEMA_VERSION);
        assertEquals(MessageHeaderEncoder.runIdEncodingOffset(),
            io.mmfleet.sbe.next.MessageHeaderEncoder.runIdEncodingOffset());
        assertEquals(MessageHeaderEncoder.originNsEncodingOffset(),
            io.mmfleet.sbe.next.MessageHeaderEncoder.originNsEncodingOffset());
    }

    @Test
    void v1ReadsV2BookUpdateWithLargerBlocksAndATrailingGroup()
    {
        final int length = encodeV2BookUpdate();

        final BookUpdateDecoder decoder = new BookUpdateDecoder().wrapAndApplyHeader(buffer, 0, v1Header);
        assertEquals(2, decoder.actingVersion());
        assertEquals(7001, v1Header.schemaId());
        assertEquals(44, v1Header.sourceId());
        assertEquals(9_001L, v1Header.sequence());
        assertTrue(v1Header.blockLength() > BookUpdateDecoder.BLOCK_LENGTH, "v2 root block is longer");
        assertEquals(3, decoder.venueId());
        assertEquals(1042, decoder.instrumentId());
        assertEquals(72_315_499_812L, decoder.venueUpdateId());
        assertEquals(VENUE_TIME_NS, decoder.venueTimeNs());

        final BookUpdateDecoder.BidsDecoder bids = decoder.bids();
        assertEquals(BID_COUNT, bids.count());
        assertTrue(bids.actingBlockLength() > BookUpdateDecoder.BidsDecoder.sbeBlockLength(), "v2 entry is longer");
        for (int i = 0; i < BID_COUNT; i++)
        {
            bids.next();
            assertEquals(304_512L - i, bids.price().mantissa());
            assertEquals(-2, bids.price().exponent());
            assertEquals(15_000L + i, bids.qty().mantissa());
            assertEquals(-4, bids.qty().exponent());
        }

        final BookUpdateDecoder.AsksDecoder asks = decoder.asks();
        assertEquals(ASK_COUNT, asks.count());
        for (int i = 0; i < ASK_COUNT; i++)
        {
            asks.next();
            assertEquals(304_513L + i, asks.price().mantissa());
            assertEquals(-2, asks.price().exponent());
            assertEquals(27_000L + i, asks.qty().mantissa());
            assertEquals(-4, asks.qty().exponent());
        }

        // The trailing v2 group is simply not read: the frame boundary, not the decoder, ends the message.
        assertTrue(decoder.encodedLength() + HEADER_LENGTH < length);
    }

    @Test
    void wrappingWithTheCompiledBlockLengthInsteadOfTheHeadersMisreadsTheGroups()
    {
        encodeV2BookUpdate();
        v1Header.wrap(buffer, 0);

        final BookUpdateDecoder decoder = new BookUpdateDecoder()
            .wrap(buffer, HEADER_LENGTH, BookUpdateDecoder.BLOCK_LENGTH, v1Header.version());

        assertNotEquals(BID_COUNT, decoder.bids().count(), "group header read from inside the v2 root block");
    }

    @Test
    void v1ReadsV2TradeWithAnAppendedField()
    {
        final io.mmfleet.sbe.next.TradeEncoder encoder =
            new io.mmfleet.sbe.next.TradeEncoder().wrapAndApplyHeader(buffer, 0, v2HeaderEncoder());
        encoder.venueId(3).instrumentId(1042).venueTradeId(3_110_000_042L);
        encoder.price().mantissa(304_512L).exponent((byte)-2);
        encoder.qty().mantissa(15_000L).exponent((byte)-4);
        encoder.aggressorSide(io.mmfleet.sbe.next.Side.SELL).venueTimeNs(VENUE_TIME_NS).buyerOrderId(8_391_022_117L);

        final TradeDecoder decoder = new TradeDecoder().wrapAndApplyHeader(buffer, 0, v1Header);
        assertEquals(2, decoder.actingVersion());
        assertEquals(3, decoder.venueId());
        assertEquals(1042, decoder.instrumentId());
        assertEquals(3_110_000_042L, decoder.venueTradeId());
        assertEquals(304_512L, decoder.price().mantissa());
        assertEquals(-2, decoder.price().exponent());
        assertEquals(15_000L, decoder.qty().mantissa());
        assertEquals(-4, decoder.qty().exponent());
        assertEquals(Side.SELL, decoder.aggressorSide());
        assertEquals(VENUE_TIME_NS, decoder.venueTimeNs());
    }

    @Test
    void v1ReadsV2VenueStatusWithAnAppendedFieldAndTrailingVarData()
    {
        encodeV2VenueStatus(io.mmfleet.sbe.next.VenueState.HALTED);

        final VenueStatusDecoder decoder = new VenueStatusDecoder().wrapAndApplyHeader(buffer, 0, v1Header);
        assertEquals(2, decoder.actingVersion());
        assertEquals(3, decoder.venueId());
        assertEquals(1042, decoder.instrumentId());
        assertEquals(VenueState.HALTED, decoder.state());
        assertEquals("maintenance window", decoder.reason());
    }

    @Test
    void v1ReadsAnEnumValueAddedInV2AsUnknownWithoutThrowing()
    {
        encodeV2VenueStatus(io.mmfleet.sbe.next.VenueState.AUCTION);

        final VenueStatusDecoder decoder = new VenueStatusDecoder().wrapAndApplyHeader(buffer, 0, v1Header);
        assertEquals(VenueState.SBE_UNKNOWN, decoder.state());
        assertEquals(io.mmfleet.sbe.next.VenueState.AUCTION.value(), decoder.stateRaw(), "raw value kept for logs");
        assertEquals("maintenance window", decoder.reason(), "fields after the unknown value still decode");
    }

    @Test
    void v2ReadsV1BookUpdateWithNewFieldsNullAndNewGroupEmpty()
    {
        final BookUpdateEncoder encoder = new BookUpdateEncoder().wrapAndApplyHeader(buffer, 0, v1HeaderEncoder());
        encoder.venueId(3).instrumentId(1042).venueUpdateId(72_315_499_812L).venueTimeNs(VENUE_TIME_NS);
        final BookUpdateEncoder.BidsEncoder bids = encoder.bidsCount(BID_COUNT);
        for (int i = 0; i < BID_COUNT; i++)
        {
            bids.next();
            bids.price().mantissa(304_512L - i).exponent((byte)-2);
            bids.qty().mantissa(15_000L + i).exponent((byte)-4);
        }
        final BookUpdateEncoder.AsksEncoder asks = encoder.asksCount(ASK_COUNT);
        for (int i = 0; i < ASK_COUNT; i++)
        {
            asks.next();
            asks.price().mantissa(304_513L + i).exponent((byte)-2);
            asks.qty().mantissa(27_000L + i).exponent((byte)-4);
        }
        final int length = HEADER_LENGTH + encoder.encodedLength();

        final io.mmfleet.sbe.next.BookUpdateDecoder decoder =
            new io.mmfleet.sbe.next.BookUpdateDecoder().wrapAndApplyHeader(buffer, 0, v2Header);
        assertEquals(1, decoder.actingVersion());
        assertTrue(decoder.actingVersion() < io.mmfleet.sbe.next.BookUpdateDecoder.checksumSinceVersion(),
            "checksum is not in the acting version");
        assertEquals(3, decoder.venueId());
        assertEquals(1042, decoder.instrumentId());
        assertEquals(72_315_499_812L, decoder.venueUpdateId());
        assertEquals(VENUE_TIME_NS, decoder.venueTimeNs());
        assertEquals(io.mmfleet.sbe.next.BookUpdateDecoder.checksumNullValue(), decoder.checksum());

        final io.mmfleet.sbe.next.BookUpdateDecoder.BidsDecoder v2Bids = decoder.bids();
        assertEquals(BID_COUNT, v2Bids.count());
        for (int i = 0; i < BID_COUNT; i++)
        {
            v2Bids.next();
            assertEquals(304_512L - i, v2Bids.price().mantissa());
            assertEquals(-2, v2Bids.price().exponent());
            assertEquals(15_000L + i, v2Bids.qty().mantissa());
            assertEquals(-4, v2Bids.qty().exponent());
            assertEquals(io.mmfleet.sbe.next.BookUpdateDecoder.BidsDecoder.orderCountNullValue(), v2Bids.orderCount());
        }

        final io.mmfleet.sbe.next.BookUpdateDecoder.AsksDecoder v2Asks = decoder.asks();
        assertEquals(ASK_COUNT, v2Asks.count());
        for (int i = 0; i < ASK_COUNT; i++)
        {
            v2Asks.next();
            assertEquals(304_513L + i, v2Asks.price().mantissa());
            assertEquals(27_000L + i, v2Asks.qty().mantissa());
            assertEquals(io.mmfleet.sbe.next.BookUpdateDecoder.AsksDecoder.orderCountNullValue(), v2Asks.orderCount());
        }

        assertEquals(0, decoder.auctions().count(), "a group v1 does not have is empty");
        assertEquals(length, HEADER_LENGTH + decoder.encodedLength(), "v2 reads nothing beyond the v1 message");
    }

    @Test
    void v2ReadsV1TradeWithTheNewFieldNull()
    {
        final TradeEncoder encoder = new TradeEncoder().wrapAndApplyHeader(buffer, 0, v1HeaderEncoder());
        encoder.venueId(3).instrumentId(1042).venueTradeId(3_110_000_042L);
        encoder.price().mantissa(304_512L).exponent((byte)-2);
        encoder.qty().mantissa(15_000L).exponent((byte)-4);
        encoder.aggressorSide(Side.BUY).venueTimeNs(VENUE_TIME_NS);

        final io.mmfleet.sbe.next.TradeDecoder decoder =
            new io.mmfleet.sbe.next.TradeDecoder().wrapAndApplyHeader(buffer, 0, v2Header);
        assertEquals(1, decoder.actingVersion());
        assertTrue(decoder.actingVersion() < io.mmfleet.sbe.next.TradeDecoder.buyerOrderIdSinceVersion());
        assertEquals(io.mmfleet.sbe.next.TradeDecoder.buyerOrderIdNullValue(), decoder.buyerOrderId());
        assertEquals(3, decoder.venueId());
        assertEquals(1042, decoder.instrumentId());
        assertEquals(3_110_000_042L, decoder.venueTradeId());
        assertEquals(304_512L, decoder.price().mantissa());
        assertEquals(-2, decoder.price().exponent());
        assertEquals(15_000L, decoder.qty().mantissa());
        assertEquals(-4, decoder.qty().exponent());
        assertEquals(io.mmfleet.sbe.next.Side.BUY, decoder.aggressorSide());
        assertEquals(VENUE_TIME_NS, decoder.venueTimeNs());
    }

    @Test
    void v2ReadsV1VenueStatusWithTheNewFieldNullAndTheNewVarDataEmpty()
    {
        final VenueStatusEncoder encoder = new VenueStatusEncoder().wrapAndApplyHeader(buffer, 0, v1HeaderEncoder());
        encoder.venueId(3).instrumentId(1042).state(VenueState.LIVE).reason("book rebuilt from snapshot");
        final int length = HEADER_LENGTH + encoder.encodedLength();

        final io.mmfleet.sbe.next.VenueStatusDecoder decoder =
            new io.mmfleet.sbe.next.VenueStatusDecoder().wrapAndApplyHeader(buffer, 0, v2Header);
        assertEquals(1, decoder.actingVersion());
        assertTrue(decoder.actingVersion() < io.mmfleet.sbe.next.VenueStatusDecoder.sinceNsSinceVersion());
        assertEquals(io.mmfleet.sbe.next.VenueStatusDecoder.sinceNsNullValue(), decoder.sinceNs());
        assertEquals(3, decoder.venueId());
        assertEquals(1042, decoder.instrumentId());
        assertEquals(io.mmfleet.sbe.next.VenueState.LIVE, decoder.state());
        assertEquals("book rebuilt from snapshot", decoder.reason());
        assertEquals(0, decoder.detailLength());
        assertEquals("", decoder.detail());
        assertEquals(length, HEADER_LENGTH + decoder.encodedLength(), "v2 reads nothing beyond the v1 message");
    }

    @Test
    void v1SkipsAnUnknownTemplateUsingOnlyTheHeader()
    {
        final io.mmfleet.sbe.next.MessageHeaderEncoder header = new io.mmfleet.sbe.next.MessageHeaderEncoder();
        final io.mmfleet.sbe.next.LpInventoryEncoder lpInventory =
            new io.mmfleet.sbe.next.LpInventoryEncoder().wrapAndApplyHeader(buffer, 0, header);
        header.sourceId(6).runId(77L).sequence(501L);
        lpInventory.instrumentId(1042);
        lpInventory.residual().mantissa(52_500L).exponent((byte)-4);
        final int tradeOffset = HEADER_LENGTH + lpInventory.encodedLength();

        final io.mmfleet.sbe.next.TradeEncoder trade =
            new io.mmfleet.sbe.next.TradeEncoder().wrapAndApplyHeader(buffer, tradeOffset, header);
        header.sourceId(6).runId(77L).sequence(502L);
        trade.venueId(3).instrumentId(1042).venueTradeId(3_110_000_042L).aggressorSide(io.mmfleet.sbe.next.Side.BUY);
        final int end = tradeOffset + HEADER_LENGTH + trade.encodedLength();

        v1Header.wrap(buffer, 0);
        assertEquals(50, v1Header.templateId());
        assertEquals(7001, v1Header.schemaId());
        assertEquals(2, v1Header.version());
        assertEquals(501L, v1Header.sequence(), "the envelope of an unknown message still counts for gap detection");
        final int skippedTo = HEADER_LENGTH + v1Header.blockLength();
        assertEquals(tradeOffset, skippedTo);

        final TradeDecoder decoder = new TradeDecoder().wrapAndApplyHeader(buffer, skippedTo, v1Header);
        assertEquals(502L, v1Header.sequence());
        assertEquals(3_110_000_042L, decoder.venueTradeId());
        assertEquals(Side.BUY, decoder.aggressorSide());
        assertEquals(end, skippedTo + HEADER_LENGTH + decoder.encodedLength(), "reader ends at the end of the data");
    }

    private int encodeV2BookUpdate()
    {
        final io.mmfleet.sbe.next.BookUpdateEncoder encoder =
            new io.mmfleet.sbe.next.BookUpdateEncoder().wrapAndApplyHeader(buffer, 0, v2HeaderEncoder());
        encoder.venueId(3).instrumentId(1042).venueUpdateId(72_315_499_812L).venueTimeNs(VENUE_TIME_NS)
            .checksum(0x1234_ABCD);
        final io.mmfleet.sbe.next.BookUpdateEncoder.BidsEncoder bids = encoder.bidsCount(BID_COUNT);
        for (int i = 0; i < BID_COUNT; i++)
        {
            bids.next().orderCount(100 + i);
            bids.price().mantissa(304_512L - i).exponent((byte)-2);
            bids.qty().mantissa(15_000L + i).exponent((byte)-4);
        }
        final io.mmfleet.sbe.next.BookUpdateEncoder.AsksEncoder asks = encoder.asksCount(ASK_COUNT);
        for (int i = 0; i < ASK_COUNT; i++)
        {
            asks.next().orderCount(200 + i);
            asks.price().mantissa(304_513L + i).exponent((byte)-2);
            asks.qty().mantissa(27_000L + i).exponent((byte)-4);
        }
        final io.mmfleet.sbe.next.BookUpdateEncoder.AuctionsEncoder auctions = encoder.auctionsCount(AUCTION_COUNT);
        for (int i = 0; i < AUCTION_COUNT; i++)
        {
            auctions.next().price().mantissa(304_500L + i).exponent((byte)-2);
        }

        return HEADER_LENGTH + encoder.encodedLength();
    }

    private void encodeV2VenueStatus(final io.mmfleet.sbe.next.VenueState state)
    {
        final io.mmfleet.sbe.next.VenueStatusEncoder encoder =
            new io.mmfleet.sbe.next.VenueStatusEncoder().wrapAndApplyHeader(buffer, 0, v2HeaderEncoder());
        encoder.venueId(3).instrumentId(1042).state(state).sinceNs(VENUE_TIME_NS)
            .reason("maintenance window").detail("until 04:00 UTC");
    }

    private io.mmfleet.sbe.next.MessageHeaderEncoder v2HeaderEncoder()
    {
        return new io.mmfleet.sbe.next.MessageHeaderEncoder().wrap(buffer, 0).sourceId(44).runId(0x5EEDL)
            .sequence(9_001L).sendNs(VENUE_TIME_NS + 2_000).originNs(VENUE_TIME_NS);
    }

    private MessageHeaderEncoder v1HeaderEncoder()
    {
        return new MessageHeaderEncoder().wrap(buffer, 0).sourceId(44).runId(0x5EEDL).sequence(9_001L)
            .sendNs(VENUE_TIME_NS + 2_000).originNs(VENUE_TIME_NS);
    }
}
