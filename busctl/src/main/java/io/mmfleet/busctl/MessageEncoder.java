package io.mmfleet.busctl;

import com.fasterxml.jackson.databind.JsonNode;
import io.mmfleet.bus.Envelope;
import io.mmfleet.sbe.MessageHeaderEncoder;
import org.agrona.MutableDirectBuffer;
import uk.co.real_logic.sbe.PrimitiveType;
import uk.co.real_logic.sbe.ir.Encoding;
import uk.co.real_logic.sbe.ir.Signal;
import uk.co.real_logic.sbe.ir.Token;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Encodes a JSON object naming a message — {@code {"type":"KillSwitch","scope":"ALL","reason":"manual"}}
 * — into SBE, driven by the schema's IR: fields at their token offsets, enums by name, Decimal from
 * a decimal string (exactly), char arrays padded, groups from arrays, var data from strings. Fields
 * left out are encoded as their null value when optional, 0 when numeric, empty when text; a required
 * enum left out, an unknown field name or a bad value is a {@link UsageException} naming the field.
 *
 * <p>The SBE header is written with the schema's id and version; the envelope is left to the
 * publisher, which stamps it when sending.
 */
public final class MessageEncoder
{
    public static final String TYPE = "type";

    private static final BigInteger UINT64_MAX_VALUE = new BigInteger("18446744073709551614");

    private final SchemaIr schema;
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private MutableDirectBuffer buffer;
    private int limit;

    public MessageEncoder(final SchemaIr schema)
    {
        this.schema = schema;
    }

    /**
     * @return the encoded length, header included, from offset 0 of {@code buffer}.
     * @throws UsageException naming the field for anything the schema does not accept.
     */
    public int encode(final JsonNode json, final MutableDirectBuffer buffer)
    {
        if (json == null || !json.isObject())
        {
            throw new UsageException("the message must be a JSON object with a \"type\", got " + json);
        }
        final JsonNode type = json.get(TYPE);
        if (type == null || !type.isTextual())
        {
            throw new UsageException("the message needs \"type\": one of " + schema.messageNames());
        }
        final List<Token> tokens = schema.message(type.asText());
        if (tokens == null)
        {
            throw new UsageException("unknown message type \"" + type.asText() + "\"; expected one of " + schema.messageNames());
        }
        this.buffer = buffer;
        final Token message = tokens.get(0);
        final int blockLength = message.encodedLength();
        header.wrap(buffer, 0)
            .blockLength(blockLength)
            .templateId(message.id())
            .schemaId(schema.schemaId())
            .version(schema.schemaVersion());
        requireRoom(Envelope.HEADER_LENGTH, blockLength, message.name());
        buffer.setMemory(Envelope.HEADER_LENGTH, blockLength, (byte)0);
        limit = Envelope.HEADER_LENGTH + blockLength;
        final Set<String> known = new LinkedHashSet<>();
        known.add(TYPE);
        encodeLevel(tokens, 1, json, Envelope.HEADER_LENGTH, message.name(), known);
        return limit;
    }

    /** Fields, then groups, then var data of one level (the message or a group entry). */
    private int encodeLevel(
        final List<Token> tokens, final int fromIndex, final JsonNode object, final int blockOffset, final String path, final Set<String> known)
    {
        int i = fromIndex;
        while (tokens.get(i).signal() == Signal.BEGIN_FIELD)
        {
            final Token field = tokens.get(i);
            known.add(field.name());
            encodeField(tokens, i, object.get(field.name()), blockOffset + field.offset(), path + "." + field.name());
            i += field.componentTokenCount();
        }
        while (tokens.get(i).signal() == Signal.BEGIN_GROUP)
        {
            final Token group = tokens.get(i);
            known.add(group.name());
            encodeGroup(tokens, i, object.get(group.name()), path + "." + group.name());
            i += group.componentTokenCount();
        }
        while (tokens.get(i).signal() == Signal.BEGIN_VAR_DATA)
        {
            final Token data = tokens.get(i);
            known.add(data.name());
            encodeVarData(tokens, i, object.get(data.name()), path + "." + data.name());
            i += data.componentTokenCount();
        }
        requireKnownNames(object, known, path);
        return i;
    }

    private void encodeField(final List<Token> tokens, final int fieldIndex, final JsonNode value, final int offset, final String path)
    {
        final Token field = tokens.get(fieldIndex);
        final Token type = tokens.get(fieldIndex + 1);
        switch (type.signal())
        {
            case ENCODING -> encodePrimitive(type, field.isOptionalEncoding() || type.isOptionalEncoding(), value, offset, path);
            case BEGIN_ENUM -> encodeEnum(tokens, fieldIndex + 1, field.isOptionalEncoding() || type.isOptionalEncoding(), value, offset, path);
            case BEGIN_COMPOSITE -> encodeComposite(tokens, fieldIndex + 1, value, offset, path);
            case BEGIN_SET -> encodeSet(tokens, fieldIndex + 1, value, offset, path);
            default -> throw new IllegalStateException("unexpected token " + type.signal() + " in field " + path);
        }
    }

    private void encodeGroup(final List<Token> tokens, final int groupIndex, final JsonNode value, final String path)
    {
        if (value != null && !value.isNull() && !value.isArray())
        {
            throw new UsageException(path + ": expected an array of objects, got " + value);
        }
        final Token group = tokens.get(groupIndex);
        final Token dimensions = tokens.get(groupIndex + 1);
        final Token blockLengthToken = tokens.get(groupIndex + 2);
        final Token countToken = tokens.get(groupIndex + 3);
        final int count = value == null || value.isNull() ? 0 : value.size();
        final long maxCount = countToken.encoding().applicableMaxValue().longValue();
        if (count > maxCount)
        {
            throw new UsageException(path + ": at most " + maxCount + " entries, got " + count);
        }
        final int blockLength = group.encodedLength();
        requireRoom(limit, dimensions.encodedLength(), path);
        putLong(blockLengthToken.encoding(), limit + blockLengthToken.offset(), blockLength);
        putLong(countToken.encoding(), limit + countToken.offset(), count);
        limit += dimensions.encodedLength();
        final int fieldsIndex = groupIndex + 1 + dimensions.componentTokenCount();
        for (int entry = 0; entry < count; entry++)
        {
            final JsonNode element = value.get(entry);
            final String elementPath = path + "[" + entry + "]";
            if (!element.isObject())
            {
                throw new UsageException(elementPath + ": expected an object, got " + element);
            }
            final int blockOffset = limit;
            requireRoom(blockOffset, blockLength, elementPath);
            buffer.setMemory(blockOffset, blockLength, (byte)0);
            limit += blockLength;
            encodeLevel(tokens, fieldsIndex, element, blockOffset, elementPath, new LinkedHashSet<>());
        }
    }

    private void encodeVarData(final List<Token> tokens, final int dataIndex, final JsonNode value, final String path)
    {
        final Token lengthToken = tokens.get(dataIndex + 2);
        final Token dataToken = tokens.get(dataIndex + 3);
        final byte[] bytes;
        if (value == null || value.isNull())
        {
            bytes = new byte[0];
        }
        else if (value.isTextual())
        {
            final String encoding = dataToken.encoding().characterEncoding();
            bytes = encodeText(value.asText(), encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding), path);
        }
        else
        {
            throw new UsageException(path + ": expected a string, got " + value);
        }
        final long maxLength = lengthToken.encoding().applicableMaxValue().longValue();
        if (bytes.length > maxLength)
        {
            throw new UsageException(path + ": at most " + maxLength + " bytes, got " + bytes.length);
        }
        requireRoom(limit, dataToken.offset() + bytes.length, path);
        putLong(lengthToken.encoding(), limit + lengthToken.offset(), bytes.length);
        buffer.putBytes(limit + dataToken.offset(), bytes);
        limit += dataToken.offset() + bytes.length;
    }

    private void encodeComposite(final List<Token> tokens, final int beginIndex, final JsonNode value, final int offset, final String path)
    {
        final int endIndex = beginIndex + tokens.get(beginIndex).componentTokenCount() - 1;
        final List<Token> members = new ArrayList<>();
        for (int i = beginIndex + 1; i < endIndex; i += tokens.get(i).componentTokenCount())
        {
            members.add(tokens.get(i));
        }
        if (isDecimal(members))
        {
            encodeDecimal(members.get(0).name().equals(TreeBuildingListener.MANTISSA) ? members : List.of(members.get(1), members.get(0)),
                value, offset, path);
            return;
        }
        if (value != null && !value.isNull() && !value.isObject())
        {
            throw new UsageException(path + ": expected an object, got " + value);
        }
        final Set<String> known = new LinkedHashSet<>();
        for (int i = beginIndex + 1; i < endIndex; i += tokens.get(i).componentTokenCount())
        {
            final Token member = tokens.get(i);
            known.add(member.name());
            final JsonNode memberValue = value == null ? null : value.get(member.name());
            final String memberPath = path + "." + member.name();
            switch (member.signal())
            {
                case ENCODING -> encodePrimitive(member, member.isOptionalEncoding(), memberValue, offset + member.offset(), memberPath);
                case BEGIN_ENUM -> encodeEnum(tokens, i, member.isOptionalEncoding(), memberValue, offset + member.offset(), memberPath);
                case BEGIN_SET -> encodeSet(tokens, i, memberValue, offset + member.offset(), memberPath);
                case BEGIN_COMPOSITE -> encodeComposite(tokens, i, memberValue, offset + member.offset(), memberPath);
                default -> throw new IllegalStateException("unexpected token " + member.signal() + " in composite " + path);
            }
        }
        if (value != null && value.isObject())
        {
            requireKnownNames(value, known, path);
        }
    }

    private static boolean isDecimal(final List<Token> members)
    {
        if (members.size() != 2)
        {
            return false;
        }
        final Set<String> names = Set.of(members.get(0).name(), members.get(1).name());
        return names.equals(Set.of(TreeBuildingListener.MANTISSA, TreeBuildingListener.EXPONENT)) &&
            members.get(0).signal() == Signal.ENCODING && members.get(1).signal() == Signal.ENCODING;
    }

    /** An exact decimal string (or JSON number) as mantissa * 10^exponent; null or absent is a null mantissa. */
    private void encodeDecimal(final List<Token> mantissaThenExponent, final JsonNode value, final int offset, final String path)
    {
        final Token mantissa = mantissaThenExponent.get(0);
        final Token exponent = mantissaThenExponent.get(1);
        if (value == null || value.isNull())
        {
            putLong(mantissa.encoding(), offset + mantissa.offset(), mantissa.encoding().applicableNullValue().longValue());
            putLong(exponent.encoding(), offset + exponent.offset(), 0);
            return;
        }
        final BigDecimal decimal;
        try
        {
            if (!value.isTextual() && !value.isNumber())
            {
                throw new NumberFormatException();
            }
            decimal = value.isTextual() ? new BigDecimal(value.asText().trim()) : value.decimalValue();
        }
        catch (final NumberFormatException ex)
        {
            throw new UsageException(path + ": expected a decimal such as \"3000.12\", got " + value);
        }
        final BigInteger unscaled = decimal.unscaledValue();
        final long scale = -(long)decimal.scale();
        final Encoding m = mantissa.encoding();
        final Encoding e = exponent.encoding();
        if (!inRange(unscaled, m) || (m.presence() == Encoding.Presence.OPTIONAL && unscaled.longValue() == m.applicableNullValue().longValue()))
        {
            throw new UsageException(path + ": " + value.asText() + " has too many digits for a " + m.primitiveType().primitiveName() + " mantissa");
        }
        if (scale < e.applicableMinValue().longValue() || scale > e.applicableMaxValue().longValue())
        {
            throw new UsageException(path + ": " + value.asText() + " needs exponent " + scale + ", outside " +
                e.applicableMinValue().longValue() + ".." + e.applicableMaxValue().longValue());
        }
        putLong(m, offset + mantissa.offset(), unscaled.longValue());
        putLong(e, offset + exponent.offset(), scale);
    }

    private void encodeEnum(
        final List<Token> tokens, final int beginIndex, final boolean optional, final JsonNode value, final int offset, final String path)
    {
        final Token enumToken = tokens.get(beginIndex);
        final int endIndex = beginIndex + enumToken.componentTokenCount() - 1;
        final List<String> names = new ArrayList<>();
        for (int i = beginIndex + 1; i < endIndex; i++)
        {
            names.add(tokens.get(i).name());
        }
        if (value == null || value.isNull())
        {
            if (!optional)
            {
                throw new UsageException(path + ": required, one of " + names);
            }
            putLong(enumToken.encoding(), offset, enumToken.encoding().applicableNullValue().longValue());
            return;
        }
        for (int i = beginIndex + 1; i < endIndex; i++)
        {
            final Token valid = tokens.get(i);
            if (valid.name().equals(value.asText()) && value.isTextual())
            {
                putLong(enumToken.encoding(), offset, valid.encoding().constValue().longValue());
                return;
            }
        }
        throw new UsageException(path + ": expected one of " + names + ", got " + value);
    }

    private void encodeSet(final List<Token> tokens, final int beginIndex, final JsonNode value, final int offset, final String path)
    {
        final Token setToken = tokens.get(beginIndex);
        final int endIndex = beginIndex + setToken.componentTokenCount() - 1;
        long bits = 0;
        if (value != null && !value.isNull())
        {
            if (!value.isArray())
            {
                throw new UsageException(path + ": expected an array of choice names, got " + value);
            }
            for (final JsonNode choice : value)
            {
                boolean found = false;
                for (int i = beginIndex + 1; i < endIndex && !found; i++)
                {
                    if (tokens.get(i).name().equals(choice.asText()))
                    {
                        bits |= 1L << tokens.get(i).encoding().constValue().longValue();
                        found = true;
                    }
                }
                if (!found)
                {
                    throw new UsageException(path + ": unknown choice " + choice);
                }
            }
        }
        putLong(setToken.encoding(), offset, bits);
    }

    private void encodePrimitive(final Token type, final boolean optional, final JsonNode value, final int offset, final String path)
    {
        final Encoding encoding = type.encoding();
        if (type.isConstantEncoding())
        {
            return;
        }
        if (encoding.primitiveType() == PrimitiveType.CHAR)
        {
            encodeChars(type, value, offset, path);
            return;
        }
        if (type.arrayLength() > 1)
        {
            if (value != null && !value.isNull() && (!value.isArray() || value.size() > type.arrayLength()))
            {
                throw new UsageException(path + ": expected an array of at most " + type.arrayLength() + " numbers, got " + value);
            }
            final int size = encoding.primitiveType().size();
            for (int i = 0; i < type.arrayLength(); i++)
            {
                encodeScalar(encoding, optional, value == null || value.isNull() ? null : value.get(i), offset + i * size, path + "[" + i + "]");
            }
            return;
        }
        encodeScalar(encoding, optional, value, offset, path);
    }

    private void encodeScalar(final Encoding encoding, final boolean optional, final JsonNode value, final int offset, final String path)
    {
        final PrimitiveType type = encoding.primitiveType();
        if (value == null || value.isNull())
        {
            if (type == PrimitiveType.FLOAT || type == PrimitiveType.DOUBLE)
            {
                putDouble(encoding, offset, optional ? Double.NaN : 0.0);
            }
            else
            {
                putLong(encoding, offset, optional ? encoding.applicableNullValue().longValue() : 0);
            }
            return;
        }
        if (type == PrimitiveType.FLOAT || type == PrimitiveType.DOUBLE)
        {
            if (!value.isNumber())
            {
                throw new UsageException(path + ": expected a number, got " + value);
            }
            putDouble(encoding, offset, value.doubleValue());
            return;
        }
        final BigInteger integer;
        try
        {
            if (value.isIntegralNumber())
            {
                integer = value.bigIntegerValue();
            }
            else if (value.isTextual())
            {
                integer = new BigInteger(value.asText().trim());
            }
            else
            {
                throw new NumberFormatException();
            }
        }
        catch (final NumberFormatException ex)
        {
            throw new UsageException(path + ": expected an integer, got " + value);
        }
        if (!inRange(integer, encoding))
        {
            throw new UsageException(path + ": " + integer + " is outside " + type.primitiveName() + " range " +
                minOf(encoding) + ".." + maxOf(encoding));
        }
        putLong(encoding, offset, integer.longValue());
    }

    private void encodeChars(final Token type, final JsonNode value, final int offset, final String path)
    {
        final int capacity = type.arrayLength();
        buffer.setMemory(offset, capacity, (byte)0);
        if (value == null || value.isNull())
        {
            return;
        }
        if (!value.isTextual())
        {
            throw new UsageException(path + ": expected a string, got " + value);
        }
        final String encoding = type.encoding().characterEncoding();
        final byte[] bytes = encodeText(value.asText(), encoding == null ? StandardCharsets.US_ASCII : Charset.forName(encoding), path);
        if (bytes.length > capacity)
        {
            throw new UsageException(path + ": at most " + capacity + " characters, got " + bytes.length + " (\"" + value.asText() + "\")");
        }
        buffer.putBytes(offset, bytes);
    }

    private static byte[] encodeText(final String text, final Charset charset, final String path)
    {
        final CharsetEncoder encoder = charset.newEncoder();
        try
        {
            final java.nio.ByteBuffer encoded = encoder.encode(java.nio.CharBuffer.wrap(text));
            final byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            return bytes;
        }
        catch (final CharacterCodingException ex)
        {
            throw new UsageException(path + ": \"" + text + "\" is not " + charset.name());
        }
    }

    private static boolean inRange(final BigInteger value, final Encoding encoding)
    {
        return value.compareTo(minOf(encoding)) >= 0 && value.compareTo(maxOf(encoding)) <= 0;
    }

    private static BigInteger minOf(final Encoding encoding)
    {
        return BigInteger.valueOf(encoding.applicableMinValue().longValue());
    }

    private static BigInteger maxOf(final Encoding encoding)
    {
        return encoding.primitiveType() == PrimitiveType.UINT64 ? UINT64_MAX_VALUE : BigInteger.valueOf(encoding.applicableMaxValue().longValue());
    }

    private void putLong(final Encoding encoding, final int index, final long value)
    {
        final ByteOrder order = encoding.byteOrder();
        switch (encoding.primitiveType())
        {
            case CHAR, INT8, UINT8 -> buffer.putByte(index, (byte)value);
            case INT16, UINT16 -> buffer.putShort(index, (short)value, order);
            case INT32, UINT32 -> buffer.putInt(index, (int)value, order);
            case INT64, UINT64 -> buffer.putLong(index, value, order);
            case FLOAT, DOUBLE -> putDouble(encoding, index, value);
        }
    }

    private void putDouble(final Encoding encoding, final int index, final double value)
    {
        if (encoding.primitiveType() == PrimitiveType.FLOAT)
        {
            buffer.putFloat(index, (float)value, encoding.byteOrder());
        }
        else
        {
            buffer.putDouble(index, value, encoding.byteOrder());
        }
    }

    private void requireRoom(final int offset, final int length, final String path)
    {
        if ((long)offset + length > buffer.capacity())
        {
            throw new UsageException(path + ": the message does not fit in " + buffer.capacity() + " bytes");
        }
    }

    private static void requireKnownNames(final JsonNode object, final Set<String> known, final String path)
    {
        final Iterator<String> names = object.fieldNames();
        while (names.hasNext())
        {
            final String name = names.next();
            if (!known.contains(name))
            {
                final Set<String> expected = new LinkedHashSet<>(known);
                expected.remove(TYPE);
                throw new UsageException(path + ": unknown field \"" + name + "\"; expected one of " + expected);
            }
        }
    }
}
