package io.mmfleet.busctl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmfleet.bus.Envelope;
import io.mmfleet.sbe.BookUpdateDecoder;
import io.mmfleet.sbe.KillScope;
import io.mmfleet.sbe.KillSwitchDecoder;
import io.mmfleet.sbe.MessageHeaderDecoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import uk.co.real_logic.sbe.PrimitiveType;
import uk.co.real_logic.sbe.ir.Signal;
import uk.co.real_logic.sbe.ir.Token;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** JSON -> SBE -> JSON for every message type, the generated codecs agreeing, and every error naming its field. */
class MessageEncoderTest
{
    private static final SchemaIr SCHEMA = SchemaIr.load();
    private final ObjectMapper mapper = new ObjectMapper();
    private final MessageEncoder encoder = new MessageEncoder(SCHEMA);
    private final MessageDecoder decoder = new MessageDecoder(SCHEMA);
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[Envelope.MAX_MESSAGE_LENGTH]);

    @Test
    void everyMessageTypeRoundTripsThroughJson()
    {
        for (final String name : SCHEMA.messageNames())
        {
            final List<Token> tokens = SCHEMA.message(name);
            final ObjectNode fields = mapper.createObjectNode();
            example(tokens, 1, fields, 2);
            final ObjectNode input = fields.deepCopy();
            input.put(MessageEncoder.TYPE, name);
            final int length = encoder.encode(input, buffer);
            final ObjectNode decoded = decoder.decode("t", buffer, 0, length);
            assertFalse(decoded.has("error"), () -> name + ": " + decoded);
            assertEquals(name, decoded.get("type").asText());
            assertEquals(fields.toString(), decoded.get("fields").toString(), name);
        }
    }

    /** A value of every field of one level: numbers, the last enum value, decimals with fractions, groups of n. */
    private int example(final List<Token> tokens, final int fromIndex, final ObjectNode out, final int entries)
    {
        int i = fromIndex;
        int seed = 1;
        while (tokens.get(i).signal() == Signal.BEGIN_FIELD)
        {
            final Token field = tokens.get(i);
            final Token type = tokens.get(i + 1);
            seed++;
            switch (type.signal())
            {
                case BEGIN_ENUM -> out.put(field.name(), tokens.get(i + type.componentTokenCount() - 1).name());
                case BEGIN_COMPOSITE -> out.put(field.name(), "-" + seed + "0.0" + seed);
                default ->
                {
                    if (type.encoding().primitiveType() == PrimitiveType.CHAR)
                    {
                        out.put(field.name(), "X" + seed);
                    }
                    else
                    {
                        out.put(field.name(), seed * 7);
                    }
                }
            }
            i += field.componentTokenCount();
        }
        while (tokens.get(i).signal() == Signal.BEGIN_GROUP)
        {
            final Token group = tokens.get(i);
            final ArrayNode array = out.putArray(group.name());
            final int fieldsIndex = i + 1 + tokens.get(i + 1).componentTokenCount();
            for (int e = 0; e < entries; e++)
            {
                example(tokens, fieldsIndex, array.addObject(), entries);
            }
            i += group.componentTokenCount();
        }
        while (tokens.get(i).signal() == Signal.BEGIN_VAR_DATA)
        {
            out.put(tokens.get(i).name(), "text with spaces, ünïcode");
            i += tokens.get(i).componentTokenCount();
        }
        return i;
    }

    private int encode(final String json) throws Exception
    {
        return encoder.encode(mapper.readTree(json), buffer);
    }

    @Test
    void generatedDecoderReadsWhatTheGenericEncoderWrote() throws Exception
    {
        encode("{\"type\":\"KillSwitch\",\"scope\":\"VENUE\",\"venueId\":2,\"reason\":\"manual stop\",\"commandId\":42}");
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(buffer, 0);
        assertEquals(KillSwitchDecoder.TEMPLATE_ID, header.templateId());
        final KillSwitchDecoder kill = new KillSwitchDecoder().wrap(buffer, Envelope.HEADER_LENGTH, header.blockLength(), header.version());
        assertEquals(42, kill.commandId());
        assertEquals(KillScope.VENUE, kill.scope());
        assertEquals(2, kill.venueId());
        assertEquals(0, kill.strategyId(), "left out: 0");
        assertEquals("manual stop", kill.reason());

        encode("{\"type\":\"BookUpdate\",\"venueId\":1,\"bids\":[{\"price\":\"3000.12\",\"qty\":1.5}],\"asks\":[{\"price\":null}]}");
        final BookUpdateDecoder book = new BookUpdateDecoder().wrap(buffer, Envelope.HEADER_LENGTH, header.blockLength(), header.version());
        final BookUpdateDecoder.BidsDecoder bids = book.bids();
        bids.next();
        assertEquals(300012, bids.price().mantissa());
        assertEquals(-2, bids.price().exponent());
        assertEquals(15, bids.qty().mantissa());
        final BookUpdateDecoder.AsksDecoder asks = book.asks();
        asks.next();
        assertEquals(io.mmfleet.sbe.DecimalDecoder.mantissaNullValue(), asks.price().mantissa());
    }

    @Test
    void errorsNameTheField()
    {
        assertError("{\"type\":\"KillSwitch\",\"scope\":\"ALL\",\"reasn\":\"x\"}", "KillSwitch: unknown field \"reasn\"; expected one of [commandId, scope, venueId, strategyId, reason]");
        assertError("{\"type\":\"KillSwitch\",\"scope\":\"EVERYTHING\"}", "KillSwitch.scope: expected one of [ALL, STRATEGY, VENUE], got \"EVERYTHING\"");
        assertError("{\"type\":\"KillSwitch\"}", "KillSwitch.scope: required, one of [ALL, STRATEGY, VENUE]");
        assertError("{\"type\":\"KillSwitch\",\"scope\":\"ALL\",\"venueId\":70000}", "KillSwitch.venueId: 70000 is outside uint16 range 0..65534");
        assertError("{\"type\":\"KillSwitch\",\"scope\":\"ALL\",\"commandId\":\"abc\"}", "KillSwitch.commandId: expected an integer, got \"abc\"");
        assertError("{\"type\":\"KillSwitch\",\"scope\":\"ALL\",\"reason\":5}", "KillSwitch.reason: expected a string, got 5");
        assertError("{\"type\":\"Trade\",\"aggressorSide\":\"BUY\",\"price\":\"30.0.1\"}", "Trade.price: expected a decimal such as \"3000.12\", got \"30.0.1\"");
        assertError("{\"type\":\"Trade\",\"aggressorSide\":\"BUY\",\"price\":\"1e200\"}", "Trade.price: 1e200 needs exponent 200, outside -127..127");
        assertError("{\"type\":\"Trade\",\"aggressorSide\":\"BUY\",\"price\":\"123456789012345678901\"}",
            "Trade.price: 123456789012345678901 has too many digits for a int64 mantissa");
        assertError("{\"type\":\"BookUpdate\",\"bids\":{\"price\":\"1\"}}", "BookUpdate.bids: expected an array of objects, got {\"price\":\"1\"}");
        assertError("{\"type\":\"BookUpdate\",\"bids\":[{\"price\":\"1\",\"size\":2}]}", "BookUpdate.bids[0]: unknown field \"size\"; expected one of [price, qty]");
        assertError("{\"type\":\"InstrumentDefinition\",\"status\":\"TRADING\",\"baseAsset\":\"ABCDEFGHIJKLMNOPQ\"}",
            "InstrumentDefinition.baseAsset: at most 16 characters, got 17 (\"ABCDEFGHIJKLMNOPQ\")");
        assertError("{\"type\":\"Nope\"}", "unknown message type \"Nope\"; expected one of [AccountSnapshot, BookUpdate, ");
        assertError("{\"scope\":\"ALL\"}", "the message needs \"type\": one of [");
    }

    private void assertError(final String json, final String expectedStart)
    {
        final UsageException ex = assertThrows(UsageException.class, () -> encode(json), json);
        assertTrue(ex.getMessage().startsWith(expectedStart), () -> "got: " + ex.getMessage() + "\nexpected: " + expectedStart);
    }

    @Test
    void decimalsKeepTheirScale() throws Exception
    {
        final int length = encode("{\"type\":\"Trade\",\"aggressorSide\":\"BUY\",\"price\":\"3000.10\",\"qty\":\"1E+3\"}");
        final JsonNode fields = decoder.decode("t", buffer, 0, length).get("fields");
        assertEquals("3000.10", fields.get("price").asText());
        assertEquals("1000", fields.get("qty").asText());
        assertTrue(fields.get("venueTradeId").isNumber());
    }
}
