package io.mmfleet.busctl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.Map;

/**
 * One readable line from a {@link MessageDecoder} tree:
 * {@code time topic src=.. run=.. seq=.. origin=.. Name field=value ...}, groups as
 * {@code bids=[{price=3000.12 qty=1.5}, ...]}, or {@code ERROR reason topic=.. len=.. hex=..}.
 * Strings that would break the line's shape (spaces, brackets, quotes, empty) are JSON-quoted.
 */
public final class TextLine
{
    private TextLine()
    {
    }

    public static String render(final JsonNode decoded)
    {
        final StringBuilder out = new StringBuilder(256);
        if (decoded.has("error"))
        {
            out.append("ERROR ").append(decoded.get("error").asText()).append(" topic=");
            // Topics come off the wire: quoted and escaped when odd, so they cannot forge a line.
            appendText(out, decoded.get("topic").asText());
            out.append(" len=").append(decoded.get("len").asText())
                .append(" hex=").append(decoded.get("hex").asText());
            return out.toString();
        }
        final JsonNode envelope = decoded.get("envelope");
        out.append(decoded.get("time").asText()).append(' ');
        appendText(out, decoded.get("topic").asText());
        out.append(" src=").append(envelope.get("sourceId").asText())
            .append(" run=").append(envelope.get("runId").asText())
            .append(" seq=").append(envelope.get("sequence").asText())
            .append(" origin=").append(envelope.get("originNs").asText())
            .append(' ').append(decoded.get("type").asText());
        for (final Map.Entry<String, JsonNode> field : decoded.get("fields").properties())
        {
            out.append(' ');
            appendField(out, field.getKey(), field.getValue());
        }
        return out.toString();
    }

    private static void appendField(final StringBuilder out, final String name, final JsonNode value)
    {
        out.append(name).append('=');
        appendValue(out, value);
    }

    private static void appendValue(final StringBuilder out, final JsonNode value)
    {
        if (value.isArray())
        {
            out.append('[');
            for (int i = 0; i < value.size(); i++)
            {
                if (i > 0)
                {
                    out.append(", ");
                }
                appendValue(out, value.get(i));
            }
            out.append(']');
        }
        else if (value.isObject())
        {
            out.append('{');
            boolean first = true;
            for (final Map.Entry<String, JsonNode> member : value.properties())
            {
                if (!first)
                {
                    out.append(' ');
                }
                first = false;
                appendField(out, member.getKey(), member.getValue());
            }
            out.append('}');
        }
        else if (value.isTextual())
        {
            appendText(out, value.asText());
        }
        else
        {
            out.append(value.asText());
        }
    }

    private static void appendText(final StringBuilder out, final String text)
    {
        if (needsQuotes(text))
        {
            out.append(new TextNode(text));
        }
        else
        {
            out.append(text);
        }
    }

    private static boolean needsQuotes(final String text)
    {
        if (text.isEmpty() || "null".equals(text))
        {
            return true;
        }
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (c <= ' ' || c > '~' || c == '"' || c == '=' || c == ',' || c == '[' || c == ']' || c == '{' || c == '}')
            {
                return true;
            }
        }
        return false;
    }
}
