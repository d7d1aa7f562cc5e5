package io.mmfleet.busctl;

import uk.co.real_logic.sbe.ir.Ir;
import uk.co.real_logic.sbe.ir.IrDecoder;
import uk.co.real_logic.sbe.ir.Token;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The bus schema's intermediate representation, loaded from the serialized IR the schemas module
 * puts on the classpath, with the messages indexed by template id and by name.
 */
public final class SchemaIr
{
    public static final String RESOURCE = "/sbe/mmfleet.sbeir";

    private final Ir ir;
    private final Map<Integer, List<Token>> byTemplateId = new TreeMap<>();
    private final Map<String, List<Token>> byName = new TreeMap<>();

    private SchemaIr(final Ir ir)
    {
        this.ir = ir;
        for (final List<Token> tokens : ir.messages())
        {
            final Token begin = tokens.get(0);
            byTemplateId.put(begin.id(), tokens);
            byName.put(begin.name(), tokens);
        }
    }

    /** Loads the IR the schemas module generated; fails loudly if the classpath lacks it. */
    public static SchemaIr load()
    {
        try (InputStream in = SchemaIr.class.getResourceAsStream(RESOURCE))
        {
            if (in == null)
            {
                throw new IllegalStateException("schema IR " + RESOURCE + " is not on the classpath (is the schemas jar missing?)");
            }
            final byte[] bytes = in.readAllBytes();
            try (IrDecoder decoder = new IrDecoder(ByteBuffer.wrap(bytes)))
            {
                return new SchemaIr(decoder.decode());
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read schema IR " + RESOURCE, ex);
        }
    }

    public Ir ir()
    {
        return ir;
    }

    public int schemaId()
    {
        return ir.id();
    }

    public int schemaVersion()
    {
        return ir.version();
    }

    /** The message's tokens, or {@code null} for a template id this schema does not know. */
    public List<Token> message(final int templateId)
    {
        return byTemplateId.get(templateId);
    }

    /** The message's tokens, or {@code null} for a name this schema does not know. */
    public List<Token> message(final String name)
    {
        return byName.get(name);
    }

    /** Every message name, sorted. */
    public java.util.Set<String> messageNames()
    {
        return Collections.unmodifiableSet(byName.keySet());
    }
}
