package io.mmfleet.bench;

import io.mmfleet.bus.BusMessageHandler;
import io.mmfleet.bus.BusPublisher;
import io.mmfleet.bus.BusSubscriber;
import io.mmfleet.bus.EpochClock;
import io.mmfleet.bus.GapListener;
import io.mmfleet.bus.PublishStream;
import io.mmfleet.bus.StreamState;
import io.mmfleet.bus.TopicView;
import io.mmfleet.sbe.BookUpdateEncoder;
import io.mmfleet.sbe.MessageHeaderDecoder;
import org.agrona.DirectBuffer;
import org.zeromq.ZContext;

import java.nio.charset.StandardCharsets;
import java.util.function.LongConsumer;

/** The hop through {@link BusPublisher} and {@link BusSubscriber}: envelope stamped, sequences tracked. */
final class BusHop implements Hop, BusMessageHandler
{
    private static final int SOURCE_ID = 901;
    private static final byte[] DATA_TOPIC = BenchMessage.DATA_TOPIC.getBytes(StandardCharsets.US_ASCII);

    private final BusPublisher publisher;
    private final BusSubscriber subscriber;
    private final PublishStream data;
    private final PublishStream probe;
    private final BookUpdateEncoder encoder = new BookUpdateEncoder();
    private final BookUpdateEncoder probeEncoder = new BookUpdateEncoder();
    private final int levels;
    private LongConsumer onData;
    private long received;
    private long probes;
    private long malformed;

    BusHop(final ZContext context, final int highWaterMark, final int levels, final EpochClock clock, final long runId)
    {
        publisher = new BusPublisher(context, "tcp://127.0.0.1:*", SOURCE_ID, runId, highWaterMark, clock);
        try
        {
            subscriber = new BusSubscriber(context, highWaterMark, GapListener.NONE)
                .connect(publisher.boundEndpoint())
                .subscribe("");
        }
        catch (final RuntimeException ex)
        {
            publisher.close();
            throw ex;
        }
        this.levels = levels;
        data = publisher.stream(BenchMessage.DATA_TOPIC);
        probe = publisher.stream(BenchMessage.PROBE_TOPIC);
        BenchMessage.fill(publisher.wrap(encoder), levels);
    }

    @Override
    public String name()
    {
        return "bus (BusPublisher/BusSubscriber)";
    }

    @Override
    public void sendProbe()
    {
        BenchMessage.fill(publisher.wrap(probeEncoder), 1);
        publisher.publish(probe, probeEncoder, 0);
        // The send buffer is shared: put the data message back so that send() only stamps and sends.
        BenchMessage.fill(publisher.wrap(encoder), levels);
    }

    @Override
    public boolean connected()
    {
        return probes > 0;
    }

    @Override
    public void send()
    {
        publisher.publish(data, encoder, 0);
    }

    @Override
    public int poll(final LongConsumer onData)
    {
        this.onData = onData;
        return subscriber.poll(this, 256);
    }

    @Override
    public void onMessage(final TopicView topic, final MessageHeaderDecoder header, final DirectBuffer buffer, final int length)
    {
        if (topic.equalsBytes(DATA_TOPIC))
        {
            received++;
            onData.accept(header.sendNs());
        }
        else
        {
            probes++;
        }
    }

    @Override
    public void onMalformed(final TopicView topic, final DirectBuffer buffer, final int length, final String reason)
    {
        malformed++;
    }

    @Override
    public long received()
    {
        return received;
    }

    @Override
    public long knownLost()
    {
        final StreamState stream = subscriber.streams().find(SOURCE_ID, DATA_TOPIC, DATA_TOPIC.length);
        return (stream == null ? 0 : stream.missed()) + malformed;
    }

    @Override
    public void close()
    {
        subscriber.close();
        publisher.close();
    }
}
