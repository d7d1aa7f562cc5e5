package io.mmfleet.busctl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.agrona.DirectBuffer;
import uk.co.real_logic.sbe.PrimitiveType;
import uk.co.real_logic.sbe.ir.Encoding;
import uk.co.real_logic.sbe.ir.Signal;
import uk.co.real_logic.sbe.ir.Token;
import uk.co.real_logic.sbe.otf.TokenListener;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Builds a JSON tree of one message from SBE's on-the-fly decoder callbacks: fields in schema order,
 * enums by name, char arrays as trimmed strings, Decimal composites as exact decimal strings, groups
 * as arrays of objects, var data as strings. Anything the bytes cannot back is a {@link DecodeFailure}.
 */
final class TreeBuildingListener implements TokenListener
{
    static final String MANTISSA = "mantissa";
    static final String EXPONENT = "exponent";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Deque<ObjectNode> scopes = new ArrayDeque<>();
    private final Deque<ObjectNode> composites = new ArrayDeque<>();
    private int messageLength;

    /** Starts a message whose fields go into {@code fields}; {@code messageLength} bounds group counts. */
    void reset(final ObjectNode fields, final int messageLength)
    {
        scopes.clear();
        composites.clear();
        scopes.push(fields);
        this.messageLength = messageLength;
    }

    @Override
    public void onBeginMessage(final Token token)
    {
    }

    @Override
    public void onEndMessage(final Token token)
    {
    }

    @Override
    public void onEncoding(final Token fieldToken, final DirectBuffer buffer, final int index, final Token typeToken, final int actingVersion)
    {
        final JsonNode value = fieldToken.version() > actingVersion ? NODES.nullNode() : readEncoding(typeToken, buffer, index);
        target().set(fieldToken.name(), value);
    }

    @Override
    public void onEnum(
        final Token fieldToken,
        final DirectBuffer buffer,
        final int index,
        final List<Token> tokens,
        final int fromIndex,
        final int toIndex,
        final int actingVersion)
    {
        final Token enumToken = tokens.get(fromIndex);
        final String name = composites.isEmpty() ? fieldToken.name() : enumToken.name();
        if (fieldToken.version() > actingVersion)
        {
            target().putNull(name);
            return;
        }
        final long raw = readLong(enumToken.encoding(), buffer, index);
        for (int i = fromIndex + 1; i < toIndex; i++)
        {
            final Token valid = tokens.get(i);
            if (valid.signal() == Signal.VALID_VALUE && valid.encoding().constValue().longValue() == raw)
            {
                target().put(name, valid.name());
                return;
            }
        }
        if (raw == enumToken.encoding().applicableNullValue().longValue())
        {
            target().putNull(name);
        }
        else
        {
            target().put(name, "UNKNOWN(" + raw + ")");
        }
    }

    @Override
    public void onBitSet(
        final Token fieldToken,
        final DirectBuffer buffer,
        final int index,
        final List<Token> tokens,
        final int fromIndex,
        final int toIndex,
        final int actingVersion)
    {
        final Token setToken = tokens.get(fromIndex);
        final String name = composites.isEmpty() ? fieldToken.name() : setToken.name();
        final long bits = readLong(setToken.encoding(), buffer, index);
        final ArrayNode choices = target().putArray(name);
        for (int i = fromIndex + 1; i < toIndex; i++)
        {
            final Token choice = tokens.get(i);
            if (choice.signal() == Signal.CHOICE && (bits & (1L << choice.encoding().constValue().longValue())) != 0)
            {
                choices.add(choice.name());
            }
        }
    }

    @Override
    public void onBeginComposite(final Token fieldToken, final List<Token> tokens, final int fromIndex, final int toIndex)
    {
        composites.push(NODES.objectNode());
    }

    @Override
    public void onEndComposite(final Token fieldToken, final List<Token> tokens, final int fromIndex, final int toIndex)
    {
        final ObjectNode members = composites.pop();
        final String name = composites.isEmpty() ? fieldToken.name() : tokens.get(fromIndex).name();
        target().set(name, isDecimal(members) ? decimal(members) : members);
    }

    @Override
    public void onGroupHeader(final Token token, final int numInGroup)
    {
        // Every entry takes at least the schema's block length (and 1 byte even if that is 0), so a
        // count that cannot fit in the message is refused before thousands of empty entries print.
        final long minimumBytes = (long)numInGroup * Math.max(1, token.encodedLength());
        if (numInGroup < 0 || minimumBytes > messageLength)
        {
            throw new DecodeFailure("group " + token.name() + " count " + numInGroup + " does not fit in " + messageLength + " bytes");
        }
        scopes.peek().putArray(token.name());
    }

    @Override
    public void onBeginGroup(final Token token, final int groupIndex, final int numInGroup)
    {
        final ArrayNode entries = (ArrayNode)scopes.peek().get(token.name());
        scopes.push(entries.addObject());
    }

    @Override
    public void onEndGroup(final Token token, final int groupIndex, final int numInGroup)
    {
        scopes.pop();
    }

    @Override
    public void onVarData(final Token fieldToken, final DirectBuffer buffer, final int index, final int length, final Token typeToken)
    {
        if (length < 0 || index < 0 || (long)index + length > buffer.capacity())
        {
            throw new DecodeFailure("var data " + fieldToken.name() + " length " + Integer.toUnsignedString(length) + " runs past the message end");
        }
        final byte[] bytes = new byte[length];
        buffer.getBytes(index, bytes);
        final String encoding = typeToken.encoding().characterEncoding();
        scopes.peek().put(fieldToken.name(), encoding == null ? Hex.of(bytes, bytes.length) : new String(bytes, charset(encoding)));
    }

    private ObjectNode target()
    {
        return composites.isEmpty() ? scopes.peek() : composites.peek();
    }

    private static boolean isDecimal(final ObjectNode members)
    {
        return members.size() == 2 && members.has(MANTISSA) && members.has(EXPONENT);
    }

    private static JsonNode decimal(final ObjectNode members)
    {
        final JsonNode mantissa = members.get(MANTISSA);
        final JsonNode exponent = members.get(EXPONENT);
        if (mantissa.isNull() || !exponent.canConvertToInt())
        {
            return NODES.nullNode();
        }
        return NODES.textNode(BigDecimal.valueOf(mantissa.longValue(), -exponent.intValue()).toPlainString());
    }

    private static JsonNode readEncoding(final Token typeToken, final DirectBuffer buffer, final int index)
    {
        final Encoding encoding = typeToken.encoding();
        final PrimitiveType type = encoding.primitiveType();
        if (typeToken.isConstantEncoding())
        {
            return NODES.textNode(encoding.constValue().toString());
        }
        final int arrayLength = typeToken.arrayLength();
        if (type == PrimitiveType.CHAR)
        {
            return NODES.textNode(readChars(buffer, index, arrayLength, encoding));
        }
        if (arrayLength > 1)
        {
            final ArrayNode values = NODES.arrayNode();
            for (int i = 0; i < arrayLength; i++)
            {
                values.add(readScalar(encoding, buffer, index + i * type.size()));
            }
            return values;
        }
        return readScalar(encoding, buffer, index);
    }

    private static JsonNode readScalar(final Encoding encoding, final DirectBuffer buffer, final int index)
    {
        final PrimitiveType type = encoding.primitiveType();
        final boolean optional = encoding.presence() == Encoding.Presence.OPTIONAL;
        switch (type)
        {
            case FLOAT:
            {
                final float value = buffer.getFloat(index, encoding.byteOrder());
                return optional && Float.isNaN(value) ? NODES.nullNode() : NODES.numberNode(value);
            }
            case DOUBLE:
            {
                final double value = buffer.getDouble(index, encoding.byteOrder());
                return optional && Double.isNaN(value) ? NODES.nullNode() : NODES.numberNode(value);
            }
            default:
            {
                final long value = readLong(encoding, buffer, index);
                if (optional && value == encoding.applicableNullValue().longValue())
                {
                    return NODES.nullNode();
                }
                if (type == PrimitiveType.UINT64 && value < 0)
                {
                    return NODES.numberNode(new BigInteger(Long.toUnsignedString(value)));
                }
                return NODES.numberNode(value);
            }
        }
    }

    /** Integral value of any non-float primitive, unsigned types widened without sign. */
    static long readLong(final Encoding encoding, final DirectBuffer buffer, final int index)
    {
        final ByteOrder order = encoding.byteOrder();
        return switch (encoding.primitiveType())
        {
            case CHAR, INT8 -> buffer.getByte(index);
            case UINT8 -> buffer.getByte(index) & 0xFF;
            case INT16 -> buffer.getShort(index, order);
            case UINT16 -> buffer.getShort(index, order) & 0xFFFF;
            case INT32 -> buffer.getInt(index, order);
            case UINT32 -> buffer.getInt(index, order) & 0xFFFF_FFFFL;
            case INT64, UINT64 -> buffer.getLong(index, order);
            case FLOAT, DOUBLE -> throw new DecodeFailure("floating point where an integer was expected");
        };
    }

    private static String readChars(final DirectBuffer buffer, final int index, final int length, final Encoding encoding)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(index, bytes);
        int end = 0;
        while (end < length && bytes[end] != 0)
        {
            end++;
        }
        final String encodingName = encoding.characterEncoding();
        final Charset charset = encodingName == null ? StandardCharsets.US_ASCII : charset(encodingName);
        if (StandardCharsets.US_ASCII.equals(charset))
        {
            return escapeNonPrintable(bytes, end);
        }
        return new String(bytes, 0, end, charset);
    }

    /**
     * ASCII as it is, spaces included; any other byte as {@code \xNN}. A bad client order id is
     * exactly what someone is debugging, so nothing is trimmed or replaced by U+FFFD.
     */
    private static String escapeNonPrintable(final byte[] bytes, final int length)
    {
        final StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++)
        {
            final int b = bytes[i] & 0xFF;
            if (b >= 0x20 && b < 0x7F && b != '\\')
            {
                text.append((char)b);
            }
            else
            {
                text.append(String.format("\\x%02X", b));
            }
        }
        return text.toString();
    }

    private static Charset charset(final String name)
    {
        return Charset.isSupported(name) ? Charset.forName(name) : StandardCharsets.ISO_8859_1;
    }
}
