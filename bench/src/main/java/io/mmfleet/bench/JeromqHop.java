package io.mmfleet.bench;

import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.LongConsumer;

/** The baseline: raw jeromq PUB/SUB, two frames (topic, message), the same bytes the bus sends. */
final class JeromqHop implements Hop
{
    private static final byte[] DATA_TOPIC = BenchMessage.DATA_TOPIC.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PROBE_TOPIC = BenchMessage.PROBE_TOPIC.getBytes(StandardCharsets.US_ASCII);

    private final ZContext context;
    private final ZMQ.Socket pub;
    private final ZMQ.Socket sub;
    private final EpochNanoClock clock;
    private final byte[] message;
    private final UnsafeBuffer messageView;
    private final byte[] topicIn = new byte[128];
    private final byte[] messageIn;
    private final UnsafeBuffer messageInView;
    private long received;
    private long probes;

    JeromqHop(final ZContext context, final int highWaterMark, final int levels, final EpochNanoClock clock)
    {
        this.context = context;
        this.clock = clock;
        this.message = BenchMessage.encoded(levels);
        this.messageView = new UnsafeBuffer(message);
        this.messageIn = new byte[message.length + 1];
        this.messageInView = new UnsafeBuffer(messageIn);
        pub = context.createSocket(SocketType.PUB);
        pub.setSndHWM(highWaterMark);
        pub.setLinger(0);
        sub = context.createSocket(SocketType.SUB);
        sub.setRcvHWM(highWaterMark);
        sub.setLinger(0);
        if (!pub.bind("tcp://127.0.0.1:*") || !sub.connect(pub.getLastEndpoint()))
        {
            close();
            throw new IllegalStateException("cannot set up a jeromq PUB/SUB pair on loopback");
        }
        sub.subscribe(new byte[0]);
    }

    @Override
    public String name()
    {
        return "raw jeromq PUB/SUB";
    }

    @Override
    public void sendProbe()
    {
        pub.send(PROBE_TOPIC, ZMQ.SNDMORE);
        pub.send(message, 0, message.length, 0);
    }

    @Override
    public boolean connected()
    {
        return probes > 0;
    }

    @Override
    public void send()
    {
        messageView.putLong(BenchMessage.SEND_NS_OFFSET, clock.nanoTime(), ByteOrder.LITTLE_ENDIAN);
        pub.send(DATA_TOPIC, ZMQ.SNDMORE);
        pub.send(message, 0, message.length, 0);
    }

    @Override
    public int poll(final LongConsumer onData)
    {
        int count = 0;
        while (count < 256)
        {
            final int topicLength = sub.recv(topicIn, 0, topicIn.length, ZMQ.DONTWAIT);
            if (topicLength < 0)
            {
                break;
            }
            sub.recv(messageIn, 0, messageIn.length, 0);
            count++;
            if (topicLength == DATA_TOPIC.length && Arrays.equals(topicIn, 0, topicLength, DATA_TOPIC, 0, DATA_TOPIC.length))
            {
                received++;
                onData.accept(messageInView.getLong(BenchMessage.SEND_NS_OFFSET, ByteOrder.LITTLE_ENDIAN));
            }
            else
            {
                probes++;
            }
        }
        return count;
    }

    @Override
    public long received()
    {
        return received;
    }

    @Override
    public long knownLost()
    {
        return 0;
    }

    @Override
    public void close()
    {
        context.destroySocket(sub);
        context.destroySocket(pub);
    }
}
