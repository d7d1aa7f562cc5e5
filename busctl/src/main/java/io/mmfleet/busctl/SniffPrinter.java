package io.mmfleet.busctl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmfleet.bus.BusMessageHandler;
import io.mmfleet.bus.GapListener;
import io.mmfleet.bus.StreamState;
import io.mmfleet.bus.TopicView;
import io.mmfleet.sbe.MessageHeaderDecoder;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;

import java.io.PrintWriter;

/**
 * Prints what a sniffing subscriber receives, one flushed line per event so a pipe (jq, grep) sees
 * each at once: decoded messages, ERROR lines for whatever does not decode, GAP lines for missing
 * sequences and RESTART lines when a source's run id changes. Text or JSON.
 */
final class SniffPrinter implements BusMessageHandler, GapListener
{
    private final MessageDecoder decoder;
    private final PrintWriter out;
    private final boolean json;
    private final ObjectMapper mapper = new ObjectMapper();
    /** Last run id seen per source: a change is a restart, which is not a gap. */
    private final Int2ObjectHashMap<Long> runIds = new Int2ObjectHashMap<>();
    private long messageLines;

    SniffPrinter(final MessageDecoder decoder, final PrintWriter out, final boolean json)
    {
        this.decoder = decoder;
        this.out = out;
        this.json = json;
    }

    /** Messages and ERROR lines printed (gap and restart lines are not counted). */
    long messageLines()
    {
        return messageLines;
    }

    @Override
    public void onMessage(final TopicView topic, final MessageHeaderDecoder header, final DirectBuffer buffer, final int length)
    {
        final int sourceId = header.sourceId();
        final long runId = header.runId();
        final Long previous = runIds.put(sourceId, Long.valueOf(runId));
        if (previous != null && previous != runId)
        {
            printRestart(sourceId, previous, runId);
        }
        printMessage(decoder.decode(topic.toString(), buffer, 0, length));
    }

    @Override
    public void onMalformed(final TopicView topic, final DirectBuffer buffer, final int length, final String reason)
    {
        printMessage(decoder.malformed(topic.toString(), buffer, 0, length, reason));
    }

    @Override
    public void onGap(final StreamState stream, final long fromSequence, final long toSequence)
    {
        if (json)
        {
            final ObjectNode gap = mapper.createObjectNode();
            gap.put("event", "gap");
            gap.put("sourceId", stream.sourceId());
            gap.put("topic", stream.topic());
            gap.put("runId", stream.runId());
            gap.put("fromSequence", fromSequence);
            gap.put("toSequence", toSequence);
            gap.put("missed", toSequence - fromSequence + 1);
            println(write(gap));
        }
        else
        {
            println("GAP src=" + stream.sourceId() + " topic=" + stream.topic() + " missed=" + fromSequence + ".." + toSequence);
        }
    }

    private void printRestart(final int sourceId, final long fromRunId, final long toRunId)
    {
        if (json)
        {
            final ObjectNode restart = mapper.createObjectNode();
            restart.put("event", "restart");
            restart.put("sourceId", sourceId);
            restart.put("fromRunId", fromRunId);
            restart.put("toRunId", toRunId);
            println(write(restart));
        }
        else
        {
            println("RESTART src=" + sourceId + " run=" + fromRunId + "->" + toRunId);
        }
    }

    private void printMessage(final ObjectNode decoded)
    {
        messageLines++;
        println(json ? write(decoded) : TextLine.render(decoded));
    }

    private String write(final ObjectNode node)
    {
        try
        {
            return mapper.writeValueAsString(node);
        }
        catch (final JsonProcessingException ex)
        {
            // A tree of strings and numbers always serializes; this would be a Jackson bug.
            throw new IllegalStateException("cannot serialize " + node, ex);
        }
    }

    /** True once stdout is gone (e.g. {@code | head -1} exited): nobody reads any more lines. */
    boolean outputClosed()
    {
        return out.checkError();
    }

    private void println(final String line)
    {
        out.println(line);
        out.flush();
    }
}
