package io.mmfleet.venuesim.binance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Compares JSON by shape: same field names in the same order, same JSON types, recursively. */
final class JsonShapes
{
    private JsonShapes()
    {
    }

    static JsonNode fixture(final String name)
    {
        try (InputStream in = JsonShapes.class.getResourceAsStream("/binance/" + name))
        {
            if (in == null)
            {
                fail("missing fixture " + name);
            }
            return BinanceJson.MAPPER.readTree(in);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    static void assertSameShape(final JsonNode expected, final JsonNode actual)
    {
        compare("$", expected, actual);
    }

    /**
     * Every field of {@code expected} is in {@code actual} with the same JSON type (recursively the same shape), in
     * any order, and {@code actual} may carry more: for doc samples older than fields the docs added since.
     */
    static void assertContainsShape(final JsonNode expected, final JsonNode actual)
    {
        final Iterator<String> fields = expected.fieldNames();
        while (fields.hasNext())
        {
            final String field = fields.next();
            final JsonNode value = actual.get(field);
            if (value == null)
            {
                fail("$." + field + " missing; actual " + actual);
            }
            compare("$." + field, expected.get(field), value);
        }
    }

    private static void compare(final String path, final JsonNode expected, final JsonNode actual)
    {
        assertEquals(expected.getNodeType(), actual.getNodeType(), path + " type; actual " + actual);
        if (expected.isObject())
        {
            assertEquals(names(expected), names(actual), path + " field names");
            final Iterator<String> fields = expected.fieldNames();
            while (fields.hasNext())
            {
                final String field = fields.next();
                compare(path + "." + field, expected.get(field), actual.get(field));
            }
        }
        else if (expected.isArray() && expected.size() > 0 && actual.size() > 0)
        {
            for (int i = 0; i < actual.size(); i++)
            {
                compare(path + "[" + i + "]", expected.get(Math.min(i, expected.size() - 1)), actual.get(i));
            }
        }
    }

    private static List<String> names(final JsonNode node)
    {
        final List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
