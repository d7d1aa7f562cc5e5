package io.mmfleet.busctl.watch;

import io.mmfleet.bus.BusMessageHandler;
import io.mmfleet.bus.Envelope;
import io.mmfleet.bus.GapListener;
import io.mmfleet.bus.StreamState;
import io.mmfleet.bus.TopicView;
import io.mmfleet.bus.config.Instrument;
import io.mmfleet.bus.config.InstrumentTable;
import io.mmfleet.sbe.BookUpdateDecoder;
import io.mmfleet.sbe.ExecutionReportDecoder;
import io.mmfleet.sbe.HedgeTargetDecoder;
import io.mmfleet.sbe.MessageHeaderDecoder;
import io.mmfleet.sbe.PositionUpdateDecoder;
import io.mmfleet.sbe.QuoteIntentDecoder;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Takes what {@code busctl watch} subscribes to — BookUpdate (md.*), QuoteIntent (evt), PositionUpdate
 * and HedgeTarget (pos), ExecutionReport (exec.*) — into one {@link InstrumentWatch} per instrument.
 * Other messages on those topics are ignored. A frame that does not decode is counted and named on
 * stderr (the first few), never fatal.
 */
public final class FleetWatch implements BusMessageHandler, GapListener
{
    static final String[] TOPICS = {"md.", "evt", "pos", "exec."};
    private static final int BAD_FRAMES_SHOWN = 10;

    private final InstrumentTable names;
    private final PrintWriter err;
    private final Int2ObjectHashMap<InstrumentWatch> byId = new Int2ObjectHashMap<>();
    private final List<Integer> ids = new ArrayList<>();
    private final BookUpdateDecoder book = new BookUpdateDecoder();
    private final QuoteIntentDecoder quote = new QuoteIntentDecoder();
    private final PositionUpdateDecoder position = new PositionUpdateDecoder();
    private final HedgeTargetDecoder hedge = new HedgeTargetDecoder();
    private final ExecutionReportDecoder report = new ExecutionReportDecoder();
    private long messages;
    private long badFrames;
    private long gaps;
    private long missed;

    public FleetWatch(final InstrumentTable names, final PrintWriter err)
    {
        this.names = names;
        this.err = err;
    }

    @Override
    public void onMessage(final TopicView topic, final MessageHeaderDecoder header, final DirectBuffer buffer, final int length)
    {
        messages++;
        final int offset = Envelope.HEADER_LENGTH;
        final int blockLength = header.blockLength();
        final int version = header.version();
        switch (header.templateId())
        {
            case BookUpdateDecoder.TEMPLATE_ID ->
            {
                book.wrap(buffer, offset, blockLength, version);
                if (whole(topic, buffer, length, book.sbeDecodedLength()))
                {
                    instrument(book.instrumentId()).onBook(book);
                }
            }
            case QuoteIntentDecoder.TEMPLATE_ID ->
            {
                quote.wrap(buffer, offset, blockLength, version);
                instrument(quote.instrumentId()).onQuote(quote);
            }
            case PositionUpdateDecoder.TEMPLATE_ID ->
            {
                position.wrap(buffer, offset, blockLength, version);
                if (whole(topic, buffer, length, position.sbeDecodedLength()))
                {
                    instrument(position.instrumentId()).onPosition(position);
                }
            }
            case HedgeTargetDecoder.TEMPLATE_ID ->
            {
                hedge.wrap(buffer, offset, blockLength, version);
                instrument(hedge.instrumentId()).onHedge(hedge);
            }
            case ExecutionReportDecoder.TEMPLATE_ID ->
            {
                report.wrap(buffer, offset, blockLength, version);
                if (whole(topic, buffer, length, report.sbeDecodedLength()))
                {
                    instrument(report.instrumentId()).onFill(report);
                }
            }
            default ->
            {
                // Heartbeats, strategy events, order states: not part of the picture.
            }
        }
    }

    /**
     * Whether the message's groups and var data end within the frame. The subscriber has checked the
     * fixed block only, and a decoder reads a group entry's fields without checking that the entry is
     * whole: a frame cut inside a group would otherwise half-apply, or bring in an instrument line for
     * a garbage id. Checked before anything is taken from the message; a group header beyond the frame
     * throws, which the subscriber counts as a bad frame.
     */
    private boolean whole(final TopicView topic, final DirectBuffer buffer, final int length, final int decodedLength)
    {
        if (Envelope.HEADER_LENGTH + decodedLength <= length)
        {
            return true;
        }
        onMalformed(topic, buffer, length, "groups end past the frame (" + (Envelope.HEADER_LENGTH + decodedLength) + " bytes)");
        return false;
    }

    @Override
    public void onMalformed(final TopicView topic, final DirectBuffer buffer, final int length, final String reason)
    {
        badFrames++;
        if (badFrames <= BAD_FRAMES_SHOWN)
        {
            err.println("busctl watch: bad frame on '" + topic + "' (" + length + " bytes): " + reason +
                (badFrames == BAD_FRAMES_SHOWN ? "; further bad frames are only counted" : ""));
            err.flush();
        }
    }

    @Override
    public void onGap(final StreamState stream, final long fromSequence, final long toSequence)
    {
        gaps++;
        missed += toSequence - fromSequence + 1;
    }

    private InstrumentWatch instrument(final int instrumentId)
    {
        InstrumentWatch watch = byId.get(instrumentId);
        if (watch == null)
        {
            watch = new InstrumentWatch(names.byId(instrumentId).map(Instrument::name).orElse("instrument-" + instrumentId));
            byId.put(instrumentId, watch);
            ids.add(instrumentId);
            ids.sort(Comparator.naturalOrder());
        }
        return watch;
    }

    /** One line per instrument seen so far (a waiting line before any), each ending in the tick-to-order figures. */
    List<String> statusLines(final String time, final TickToOrder tickToOrder)
    {
        final List<String> lines = new ArrayList<>();
        final String latency = " t2o " + tickToOrder.statusText();
        if (ids.isEmpty())
        {
            lines.add(time + " waiting: no book, quote, position or fill on the bus yet" + latency);
        }
        for (final Integer id : ids)
        {
            lines.add(time + " " + byId.get(id).status() + latency);
        }
        return lines;
    }

    /** The report at exit: per instrument, then tick-to-order and the bus's health as seen here. */
    List<String> report(final double watchedSeconds, final TickToOrder tickToOrder)
    {
        final List<String> lines = new ArrayList<>();
        lines.add(String.format(java.util.Locale.ROOT, "== busctl watch report (%.1f s watched)", watchedSeconds));
        for (final Integer id : ids)
        {
            final InstrumentWatch watch = byId.get(id);
            lines.add("-- " + watch.name());
            lines.addAll(watch.report());
        }
        if (ids.isEmpty())
        {
            lines.add(InstrumentWatch.row("instruments", "none: no book, quote, position or fill was seen"));
        }
        lines.add(InstrumentWatch.row("tick-to-order", tickToOrder.reportText() + " (exec-handler /metrics, since its start)"));
        lines.add(InstrumentWatch.row("bus", messages + " messages, " + gaps + " gaps (" + missed + " missed), " + badFrames + " bad frames"));
        return lines;
    }

    long badFrames()
    {
        return badFrames;
    }
}
