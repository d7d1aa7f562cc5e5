package io.mmfleet.exechandler.binance;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Typed access to the fields of a Binance JSON object, each failure a
 * {@link BinanceProtocolException} naming the field and where it was read. Decimals must be JSON
 * strings, as Binance always sends them: a JSON number there is refused, since it may already
 * have been rounded by whoever wrote it. Integers must be integral JSON numbers that fit a long.
 */
final class JsonFields
{
    private JsonFields()
    {
    }

    static JsonNode requiredObject(final JsonNode parent, final String field, final String where)
    {
        final JsonNode node = required(parent, field, where);
        if (!node.isObject())
        {
            throw wrongType(field, where, "an object", node);
        }
        return node;
    }

    static JsonNode requiredArray(final JsonNode parent, final String field, final String where)
    {
        final JsonNode node = required(parent, field, where);
        if (!node.isArray())
        {
            throw wrongType(field, where, "an array", node);
        }
        return node;
    }

    static String requiredText(final JsonNode parent, final String field, final String where)
    {
        final JsonNode node = required(parent, field, where);
        if (!node.isTextual())
        {
            throw wrongType(field, where, "a string", node);
        }
        return node.textValue();
    }

    /** The text of {@code field}, or null if absent or JSON null. */
    static String optionalText(final JsonNode parent, final String field, final String where)
    {
        final JsonNode node = parent.get(field);
        if (node == null || node.isNull())
        {
            return null;
        }
        if (!node.isTextual())
        {
            throw wrongType(field, where, "a string or null", node);
        }
        return node.textValue();
    }

    static long requiredLong(final JsonNode parent, final String field, final String where)
    {
        return asLong(required(parent, field, where), field, where);
    }

    static long optionalLong(final JsonNode parent, final String field, final long absent, final String where)
    {
        final JsonNode node = parent.get(field);
        return node == null ? absent : asLong(node, field, where);
    }

    static int requiredInt(final JsonNode parent, final String field, final String where)
    {
        final JsonNode node = required(parent, field, where);
        if (!node.isIntegralNumber() || !node.canConvertToInt())
        {
            throw wrongType(field, where, "a 32-bit integer", node);
        }
        return node.intValue();
    }

    static boolean requiredBoolean(final JsonNode parent, final String field, final String where)
    {
        final JsonNode node = required(parent, field, where);
        if (!node.isBoolean())
        {
            throw wrongType(field, where, "a boolean", node);
        }
        return node.booleanValue();
    }

    /** A decimal string field as a mantissa at {@code scale}. */
    static long requiredDecimal(final JsonNode parent, final String field, final int scale, final String where)
    {
        final JsonNode node = required(parent, field, where);
        if (!node.isTextual())
        {
            throw wrongType(field, where, "a decimal string", node);
        }
        try
        {
            return BinanceDecimal.parse(node.textValue(), scale);
        }
        catch (final BinanceProtocolException ex)
        {
            throw new BinanceProtocolException(where + ": field '" + field + "' at scale " + scale + ": " + ex.getMessage(), ex);
        }
    }

    static long optionalDecimal(final JsonNode parent, final String field, final int scale, final long absent, final String where)
    {
        return parent.has(field) ? requiredDecimal(parent, field, scale, where) : absent;
    }

    static JsonNode required(final JsonNode parent, final String field, final String where)
    {
        final JsonNode node = parent.get(field);
        if (node == null || node.isNull())
        {
            throw new BinanceProtocolException(where + ": missing field '" + field + "'");
        }
        return node;
    }

    static String describe(final JsonNode node)
    {
        return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " " + BinanceProtocolException.quote(node.toString());
    }

    private static long asLong(final JsonNode node, final String field, final String where)
    {
        if (!node.isIntegralNumber() || !node.canConvertToLong())
        {
            throw wrongType(field, where, "a 64-bit integer", node);
        }
        return node.longValue();
    }

    private static BinanceProtocolException wrongType(final String field, final String where, final String expected, final JsonNode node)
    {
        return new BinanceProtocolException(where + ": field '" + field + "' must be " + expected + ", got " + describe(node));
    }
}
