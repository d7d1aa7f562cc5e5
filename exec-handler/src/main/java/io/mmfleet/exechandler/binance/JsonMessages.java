package io.mmfleet.exechandler.binance;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

/**
 * Reads venue text into Jackson trees with limits that keep a hostile frame cheap: bounded
 * document size, string length, number length and nesting, strict duplicate-key detection, and
 * no trailing garbage after the document. Thread-safe (an {@link ObjectReader} is immutable).
 */
final class JsonMessages
{
    /** exchangeInfo for a handful of symbols is tens of kB; 8 MB leaves room for the full list. */
    static final long MAX_DOCUMENT_CHARS = 8L * 1024 * 1024;
    /** Binance strings are names, ids and decimals; nothing legitimate comes near this. */
    static final int MAX_STRING_CHARS = 4096;
    static final int MAX_NUMBER_CHARS = 64;
    static final int MAX_NESTING = 32;

    private final ObjectReader reader;

    JsonMessages()
    {
        final JsonFactory factory = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                .maxDocumentLength(MAX_DOCUMENT_CHARS)
                .maxStringLength(MAX_STRING_CHARS)
                .maxNumberLength(MAX_NUMBER_CHARS)
                .maxNestingDepth(MAX_NESTING)
                .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
        final ObjectMapper mapper = new ObjectMapper(factory)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        reader = mapper.reader();
    }

    /** The whole text as a tree; never null. */
    JsonNode read(final String text, final String where)
    {
        if (text == null)
        {
            throw new BinanceProtocolException(where + ": no text");
        }
        if (text.length() > MAX_DOCUMENT_CHARS)
        {
            throw new BinanceProtocolException(where + ": " + text.length() + " chars is over the " + MAX_DOCUMENT_CHARS + " limit");
        }
        try
        {
            final JsonNode node = reader.readTree(text);
            if (node == null || node.isMissingNode())
            {
                throw new BinanceProtocolException(where + ": empty document");
            }
            return node;
        }
        catch (final JacksonException ex)
        {
            throw new BinanceProtocolException(
                where + ": malformed JSON (" + firstLine(ex.getOriginalMessage()) + ") in " + BinanceProtocolException.quote(text), ex);
        }
        catch (final java.io.IOException ex)
        {
            throw new BinanceProtocolException(where + ": unreadable JSON in " + BinanceProtocolException.quote(text), ex);
        }
    }

    JsonNode readObject(final String text, final String where)
    {
        final JsonNode node = read(text, where);
        if (!node.isObject())
        {
            throw new BinanceProtocolException(where + ": expected a JSON object, got " + JsonFields.describe(node));
        }
        return node;
    }

    JsonNode readArray(final String text, final String where)
    {
        final JsonNode node = read(text, where);
        if (!node.isArray())
        {
            throw new BinanceProtocolException(where + ": expected a JSON array, got " + JsonFields.describe(node));
        }
        return node;
    }

    private static String firstLine(final String message)
    {
        if (message == null)
        {
            return "no detail";
        }
        final int newline = message.indexOf('\n');
        final String line = newline < 0 ? message : message.substring(0, newline);
        return line.length() > BinanceProtocolException.MAX_QUOTED_CHARS ? line.substring(0, BinanceProtocolException.MAX_QUOTED_CHARS) : line;
    }
}
