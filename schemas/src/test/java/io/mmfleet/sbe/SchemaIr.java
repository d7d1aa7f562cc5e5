package io.mmfleet.sbe;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import uk.co.real_logic.sbe.ir.Ir;
import uk.co.real_logic.sbe.ir.IrDecoder;
import uk.co.real_logic.sbe.ir.Signal;
import uk.co.real_logic.sbe.ir.Token;

/**
 * The schema as the build generated it: the serialized IR on the classpath is the source of truth for which
 * messages exist, so the tests cannot drift from the XML.
 */
final class SchemaIr
{
    static final String RESOURCE = "/sbe/mmfleet.sbeir";

    private SchemaIr()
    {
    }

    static Ir load()
    {
        try (InputStream in = SchemaIr.class.getResourceAsStream(RESOURCE))
        {
            if (null == in)
            {
                throw new IllegalStateException(RESOURCE + " is not on the classpath; the schemas build generates it");
            }

            try (IrDecoder decoder = new IrDecoder(ByteBuffer.wrap(in.readAllBytes())))
            {
                return decoder.decode();
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read " + RESOURCE, ex);
        }
    }

    /**
     * @return message name by template id, in template id order.
     */
    static Map<Integer, String> messageNamesByTemplateId(final Ir ir)
    {
        final Map<Integer, String> names = new TreeMap<>();
        for (final List<Token> tokens : ir.messages())
        {
            final Token beginMessage = tokens.get(0);
            names.put(beginMessage.id(), beginMessage.name());
        }

        return names;
    }

    /**
     * @return the tokens of each enum type, BEGIN_ENUM first, then one VALID_VALUE per value, END_ENUM last.
     */
    static List<List<Token>> enumTypes(final Ir ir)
    {
        final List<List<Token>> enums = new ArrayList<>();
        for (final List<Token> tokens : ir.types())
        {
            if (Signal.BEGIN_ENUM == tokens.get(0).signal())
            {
                enums.add(tokens);
            }
        }

        return enums;
    }
}
