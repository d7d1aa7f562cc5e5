package io.mmfleet.busctl;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmfleet.bus.Envelope;
import io.mmfleet.sbe.BookUpdateEncoder;
import io.mmfleet.sbe.KillScope;
import io.mmfleet.sbe.KillSwitchEncoder;
import io.mmfleet.sbe.MessageHeaderEncoder;
import io.mmfleet.sbe.TradeEncoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The decoder never throws: truncated, unknown, oversize-count, newer-version and random input. */
class DecoderRobustnessTest
{
    private static final SchemaIr SCHEMA = SchemaIr.load();
    private final MessageDecoder decoder = new MessageDecoder(SCHEMA);
    private final ObjectMapper mapper = new ObjectMapper();

    private static int encodeBook(final UnsafeBuffer buffer, final int levels)
    {
        final BookUpdateEncoder book = new BookUpdateEncoder();
        new MessageHeaderEncoder().wrap(buffer, 0).blockLength(book.sbeBlockLength()).templateId(book.sbeTemplateId())
            .schemaId(book.sbeSchemaId()).version(book.sbeSchemaVersion()).sourceId(1).runId(2).sequence(3).sendNs(4).originNs(5);
        book.wrap(buffer, Envelope.HEADER_LENGTH).venueId(1).instrumentId(1).venueUpdateId(10).venueTimeNs(11);
        final BookUpdateEncoder.BidsEncoder bids = book.bidsCount(levels);
        for (int i = 0; i < levels; i++)
        {
            bids.next().price().mantissa(300012 - i).exponent((byte)-2);
            bids.qty().mantissa(i + 1).exponent((byte)0);
        }
        book.asksCount(0);
        return Envelope.HEADER_LENGTH + book.encodedLength();
    }

    @Test
    void unknownTemplateIsAnErrorLineWithHex()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
        final int length = encodeBook(buffer, 1);
        new MessageHeaderEncoder().wrap(buffer, 0).templateId(999);
        final ObjectNode tree = decoder.decode("md.x", buffer, 0, length);
        assertEquals("unknown template id 999", tree.get("error").asText());
        final String line = TextLine.render(tree);
        assertTrue(line.startsWith("ERROR unknown template id 999 topic=md.x len=" + length + " hex="), line);
        assertEquals(length * 2, tree.get("hex").asText().length());
    }

    @Test
    void truncatedBodyAndTruncatedGroupAreErrors()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
        final int length = encodeBook(buffer, 2);
        assertTrue(decoder.decode("md.x", buffer, 0, Envelope.HEADER_LENGTH + 3).get("error").asText().startsWith("truncated body"));
        final ObjectNode cut = decoder.decode("md.x", buffer, 0, length - 5);
        assertTrue(cut.has("error"), cut::toString);
        assertTrue(decoder.decode("md.x", buffer, 0, 10).get("error").asText().startsWith("shorter than the"));
    }

    @Test
    void groupCountThatCannotFitIsRefused()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
        final int length = encodeBook(buffer, 1);
        // The bids group header follows the block: blockLength(uint16), numInGroup(uint16).
        final int bidsHeader = Envelope.HEADER_LENGTH + new BookUpdateEncoder().sbeBlockLength();
        buffer.putShort(bidsHeader, (short)0, java.nio.ByteOrder.LITTLE_ENDIAN);
        buffer.putShort(bidsHeader + 2, (short)60000, java.nio.ByteOrder.LITTLE_ENDIAN);
        final ObjectNode tree = decoder.decode("md.x", buffer, 0, length);
        assertTrue(tree.get("error").asText().startsWith("group bids count 60000 does not fit"), tree::toString);
    }

    @Test
    void varDataLengthPastTheEndIsRefused()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
        final KillSwitchEncoder kill = new KillSwitchEncoder();
        new MessageHeaderEncoder().wrap(buffer, 0).blockLength(kill.sbeBlockLength()).templateId(kill.sbeTemplateId())
            .schemaId(kill.sbeSchemaId()).version(kill.sbeSchemaVersion());
        kill.wrap(buffer, Envelope.HEADER_LENGTH).commandId(1).scope(KillScope.ALL).reason("abc");
        final int length = Envelope.HEADER_LENGTH + kill.encodedLength();
        buffer.putShort(Envelope.HEADER_LENGTH + kill.sbeBlockLength(), (short)1000, java.nio.ByteOrder.LITTLE_ENDIAN);
        final ObjectNode tree = decoder.decode("ctl", buffer, 0, length);
        assertTrue(tree.path("error").asText().startsWith("var data reason length 1000 runs past the message end"), tree::toString);
    }

    @Test
    void newerSchemaVersionWithTrailingBlockFieldsDecodesTheKnownOnes()
    {
        // A v2 Trade with 8 more bytes in its block: the header's block length tells where the known
        // fields end; the unknown ones are skipped.
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
        final TradeEncoder trade = new TradeEncoder();
        final int blockLength = trade.sbeBlockLength() + 8;
        new MessageHeaderEncoder().wrap(buffer, 0).blockLength(blockLength).templateId(trade.sbeTemplateId())
            .schemaId(trade.sbeSchemaId()).version(2).sourceId(1).runId(2).sequence(3).sendNs(4).originNs(5);
        trade.wrap(buffer, Envelope.HEADER_LENGTH).venueId(1).instrumentId(1).venueTradeId(9);
        trade.price().mantissa(300012).exponent((byte)-2);
        trade.qty().mantissa(1).exponent((byte)0);
        buffer.putLong(Envelope.HEADER_LENGTH + trade.sbeBlockLength(), 0x7777_7777_7777_7777L);
        final ObjectNode tree = decoder.decode("md.x", buffer, 0, Envelope.HEADER_LENGTH + blockLength);
        assertFalse(tree.has("error"), tree::toString);
        assertEquals(2, tree.get("version").intValue());
        assertEquals("3000.12", tree.at("/fields/price").asText());
        assertEquals(9, tree.at("/fields/venueTradeId").longValue());
    }

    @Test
    void fuzzedFramesNeverThrowAndEachYieldsOneLine() throws Exception
    {
        final long seed = Long.getLong("fuzz.seed", System.nanoTime());
        final Random random = new Random(seed);
        final UnsafeBuffer valid = new UnsafeBuffer(new byte[512]);
        final int validLength = encodeBook(valid, 3);
        final byte[] scratch = new byte[600];
        final UnsafeBuffer frame = new UnsafeBuffer(scratch);
        int errors = 0;
        for (int i = 0; i < 12_000; i++)
        {
            final int length;
            switch (i % 3)
            {
                case 0 ->
                {
                    length = random.nextInt(scratch.length);
                    random.nextBytes(scratch);
                    // Often a real header, so the body decoding paths are fuzzed too, not only the header checks.
                    if (random.nextBoolean() && length >= 6)
                    {
                        frame.putShort(4, (short)Envelope.SCHEMA_ID, java.nio.ByteOrder.LITTLE_ENDIAN);
                        frame.putShort(2, (short)(1 + random.nextInt(46)), java.nio.ByteOrder.LITTLE_ENDIAN);
                    }
                }
                case 1 ->
                {
                    length = random.nextInt(validLength + 1);
                    valid.getBytes(0, scratch, 0, validLength);
                }
                default ->
                {
                    length = validLength;
                    valid.getBytes(0, scratch, 0, validLength);
                    for (int flips = 1 + random.nextInt(4); flips > 0; flips--)
                    {
                        scratch[random.nextInt(validLength)] = (byte)random.nextInt(256);
                    }
                }
            }
            try
            {
                final ObjectNode tree = decoder.decode("fuzz", frame, 0, length);
                final String line = TextLine.render(tree);
                assertFalse(line.isEmpty() || line.contains("\n"), "one line");
                final String json = mapper.writeValueAsString(tree);
                assertEquals(json, mapper.writeValueAsString(mapper.readTree(json)), "JSON round trip");
                if (tree.has("error"))
                {
                    errors++;
                    assertTrue(line.startsWith("ERROR "), line);
                    assertTrue(tree.get("hex").asText().length() <= 2 * MessageDecoder.HEX_LIMIT);
                }
            }
            catch (final Throwable ex)
            {
                throw new AssertionError("fuzz seed " + seed + " (rerun with -Dfuzz.seed=" + seed + "), frame " + i +
                    ": " + Hex.of(scratch, length), ex);
            }
        }
        assertTrue(errors > 3_000, "most fuzzed frames are errors, seed " + seed + ": " + errors);
    }
}
