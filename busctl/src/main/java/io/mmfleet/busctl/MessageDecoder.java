package io.mmfleet.busctl;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmfleet.bus.Envelope;
import io.mmfleet.sbe.MessageHeaderDecoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import uk.co.real_logic.sbe.ir.Token;
import uk.co.real_logic.sbe.otf.OtfHeaderDecoder;
import uk.co.real_logic.sbe.otf.OtfMessageDecoder;

import java.time.Instant;
import java.util.List;

/**
 * Decodes ANY message of the bus schema, driven by the schema's IR rather than generated codecs, into
 * one JSON tree: {@code time, topic, type, templateId, version, envelope{...}, fields{...}}; or, for
 * bytes that are not a decodable message, {@code error, topic, len, hex}. Never throws: a tool that
 * tails the bus must outlive whatever it is shown. Messages of a newer schema version decode too —
 * unknown trailing block fields are skipped by the header's block length.
 *
 * <p>Not thread-safe; one per sniffing thread.
 */
public final class MessageDecoder
{
    /** ERROR lines dump at most this many bytes. */
    public static final int HEX_LIMIT = 256;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final SchemaIr schema;
    private final OtfHeaderDecoder otfHeader;
    private final MessageHeaderDecoder envelope = new MessageHeaderDecoder();
    private final UnsafeBuffer view = new UnsafeBuffer(new byte[0]);
    private final TreeBuildingListener listener = new TreeBuildingListener();

    public MessageDecoder(final SchemaIr schema)
    {
        this.schema = schema;
        this.otfHeader = new OtfHeaderDecoder(schema.ir().headerStructure());
        if (otfHeader.encodedLength() != Envelope.HEADER_LENGTH)
        {
            throw new IllegalStateException("IR header length " + otfHeader.encodedLength() + " != envelope " + Envelope.HEADER_LENGTH);
        }
    }

    /** Decodes one message (header included) of {@code length} bytes at {@code offset}. */
    public ObjectNode decode(final String topic, final DirectBuffer buffer, final int offset, final int length)
    {
        try
        {
            if (length < Envelope.HEADER_LENGTH)
            {
                return error("shorter than the " + Envelope.HEADER_LENGTH + "-byte header", topic, buffer, offset, length);
            }
            // Exact bounds: a decoder that reads past the message fails instead of reading stale bytes.
            view.wrap(buffer, offset, length);
            final int schemaId = otfHeader.getSchemaId(view, 0);
            if (schemaId != schema.schemaId())
            {
                return error("schema id " + schemaId + " is not " + schema.schemaId(), topic, buffer, offset, length);
            }
            final int templateId = otfHeader.getTemplateId(view, 0);
            final List<Token> tokens = schema.message(templateId);
            if (tokens == null)
            {
                return error("unknown template id " + templateId, topic, buffer, offset, length);
            }
            final int blockLength = otfHeader.getBlockLength(view, 0);
            final int version = otfHeader.getSchemaVersion(view, 0);
            if (Envelope.HEADER_LENGTH + blockLength > length)
            {
                return error("truncated body: block length " + blockLength + " but " + (length - Envelope.HEADER_LENGTH) +
                    " bytes after the header", topic, buffer, offset, length);
            }

            // A block shorter than the schema's at the schema's own version cannot be an older
            // sender's: the decoder would read the fields at their schema offsets from whatever follows.
            final int schemaBlockLength = tokens.get(0).encodedLength();
            if (version >= schema.schemaVersion() && blockLength < schemaBlockLength)
            {
                return error("block length " + blockLength + " is shorter than the schema's " + schemaBlockLength +
                    " at version " + version, topic, buffer, offset, length);
            }

            final ObjectNode fields = NODES.objectNode();
            listener.reset(fields, length);
            final int end = OtfMessageDecoder.decode(view, Envelope.HEADER_LENGTH, version, blockLength, tokens, listener);
            if (end > length)
            {
                return error("decoding ran " + (end - length) + " bytes past the message", topic, buffer, offset, length);
            }
            return message(topic, tokens.get(0), templateId, version, fields);
        }
        catch (final DecodeFailure ex)
        {
            return error(ex.getMessage(), topic, buffer, offset, length);
        }
        catch (final RuntimeException ex)
        {
            return error("undecodable: " + ex.getClass().getSimpleName() + " " + ex.getMessage(), topic, buffer, offset, length);
        }
    }

    /** The ERROR tree for a frame the transport already refused (wrong frame count, oversize, ...). */
    public ObjectNode malformed(final String topic, final DirectBuffer buffer, final int offset, final int length, final String reason)
    {
        return error(reason, topic, buffer, offset, length);
    }

    private ObjectNode message(final String topic, final Token begin, final int templateId, final int version, final ObjectNode fields)
    {
        envelope.wrap(view, 0);
        final ObjectNode root = NODES.objectNode();
        root.put("time", time(envelope.sendNs()));
        root.put("topic", topic);
        root.put("type", begin.name());
        root.put("templateId", templateId);
        root.put("version", version);
        final ObjectNode env = root.putObject("envelope");
        env.put("sourceId", envelope.sourceId());
        env.put("runId", envelope.runId());
        env.put("sequence", envelope.sequence());
        env.put("sendNs", envelope.sendNs());
        env.put("originNs", envelope.originNs());
        root.set("fields", fields);
        return root;
    }

    private static ObjectNode error(final String reason, final String topic, final DirectBuffer buffer, final int offset, final int length)
    {
        final ObjectNode root = NODES.objectNode();
        root.put("error", reason);
        root.put("topic", topic);
        root.put("len", length);
        root.put("hex", Hex.of(buffer, offset, length, HEX_LIMIT));
        return root;
    }

    private static String time(final long epochNs)
    {
        return Instant.ofEpochSecond(Math.floorDiv(epochNs, 1_000_000_000L), Math.floorMod(epochNs, 1_000_000_000L)).toString();
    }
}
