package io.mmfleet.bench;

import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * The latency floor: plain TCP connections on loopback with TCP_NODELAY carrying the same fixed-size
 * message. One hop is one connection; a chain of {@code hops} puts {@code hops - 1} relay threads in
 * between, each forwarding the bytes it reads to the next connection as they come. The receiver reads
 * without blocking and is idled like the bus receiver, so the paths differ only in what sits between
 * the sockets.
 */
final class TcpHop implements Hop
{
    private static final int RELAY_BUFFER_BYTES = 64 * 1024;

    private final EpochNanoClock clock;
    private final String name;
    private final List<LoopbackLink> links = new ArrayList<>();
    private final List<Relay> relays = new ArrayList<>();
    private final SocketChannel out;
    private final SocketChannel in;
    private final int messageLength;
    private final ByteBuffer outBuffer;
    private final UnsafeBuffer outView;
    private final ByteBuffer inBuffer;
    private long received;

    /** One hop: the sender's connection is the receiver's (no relay, so no relay idle strategy is ever made). */
    TcpHop(final int levels, final EpochNanoClock clock)
    {
        this(levels, clock, 1, BusySpinIdleStrategy::new);
    }

    /**
     * @param hops      connections in the chain, at least 1.
     * @param relayIdle what each relay thread does when nothing has arrived.
     */
    TcpHop(final int levels, final EpochNanoClock clock, final int hops, final Supplier<IdleStrategy> relayIdle)
    {
        if (hops < 1)
        {
            throw new IllegalArgumentException("a TCP chain needs at least 1 hop, got " + hops);
        }
        this.clock = clock;
        this.name = hops == 1 ? "plain TCP socket (NODELAY)" : "plain TCP, " + hops + " hops (" + (hops - 1) + " relay threads, NODELAY)";
        final byte[] message = BenchMessage.encoded(levels);
        messageLength = message.length;
        outBuffer = ByteBuffer.allocateDirect(messageLength);
        outBuffer.put(message).flip();
        outView = new UnsafeBuffer(outBuffer);
        inBuffer = ByteBuffer.allocateDirect(messageLength * 64).order(ByteOrder.LITTLE_ENDIAN);
        try
        {
            for (int i = 0; i < hops; i++)
            {
                links.add(LoopbackLink.open());
            }
            for (int i = 0; i + 1 < hops; i++)
            {
                final Relay relay = new Relay(links.get(i).in, links.get(i + 1).out, relayIdle.get(), "tcp-relay-" + (i + 1));
                relays.add(relay);
                relay.thread.start();
            }
        }
        catch (final IOException ex)
        {
            close();
            throw new UncheckedIOException("cannot open a loopback TCP connection", ex);
        }
        out = links.get(0).out;
        in = links.get(hops - 1).in;
    }

    @Override
    public String name()
    {
        return name;
    }

    @Override
    public void sendProbe()
    {
        // A connected stream socket needs no probe: the connection was accepted in the constructor.
    }

    @Override
    public boolean connected()
    {
        return true;
    }

    @Override
    public void send()
    {
        outView.putLong(BenchMessage.SEND_NS_OFFSET, clock.nanoTime(), ByteOrder.LITTLE_ENDIAN);
        outBuffer.clear();
        try
        {
            while (outBuffer.hasRemaining())
            {
                out.write(outBuffer);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("loopback TCP write failed", ex);
        }
    }

    @Override
    public int poll(final LongConsumer onData)
    {
        for (int i = 0; i < relays.size(); i++)
        {
            relays.get(i).checkHealthy();
        }
        final int read;
        try
        {
            read = in.read(inBuffer);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("loopback TCP read failed", ex);
        }
        if (read < 0)
        {
            throw new IllegalStateException("loopback TCP connection closed by the sender");
        }
        inBuffer.flip();
        int count = 0;
        while (inBuffer.remaining() >= messageLength)
        {
            final int start = inBuffer.position();
            onData.accept(inBuffer.getLong(start + BenchMessage.SEND_NS_OFFSET));
            inBuffer.position(start + messageLength);
            count++;
        }
        inBuffer.compact();
        received += count;
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
        for (final Relay relay : relays)
        {
            relay.running = false;
        }
        for (final LoopbackLink link : links)
        {
            link.close();
        }
        for (final Relay relay : relays)
        {
            joinUninterruptibly(relay.thread);
        }
    }

    private static void joinUninterruptibly(final Thread thread)
    {
        boolean interrupted = false;
        while (true)
        {
            try
            {
                thread.join();
                break;
            }
            catch (final InterruptedException ex)
            {
                interrupted = true;
            }
        }
        if (interrupted)
        {
            Thread.currentThread().interrupt();
        }
    }

    /** One loopback TCP connection: the writing end and the (non-blocking) reading end. */
    private static final class LoopbackLink
    {
        final ServerSocketChannel server;
        final SocketChannel out;
        final SocketChannel in;

        private LoopbackLink(final ServerSocketChannel server, final SocketChannel out, final SocketChannel in)
        {
            this.server = server;
            this.out = out;
            this.in = in;
        }

        static LoopbackLink open() throws IOException
        {
            ServerSocketChannel server = null;
            SocketChannel out = null;
            try
            {
                server = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                out = SocketChannel.open(server.getLocalAddress());
                out.setOption(StandardSocketOptions.TCP_NODELAY, true);
                final SocketChannel in = server.accept();
                in.setOption(StandardSocketOptions.TCP_NODELAY, true);
                in.configureBlocking(false);
                return new LoopbackLink(server, out, in);
            }
            catch (final IOException ex)
            {
                closeQuietly(out);
                closeQuietly(server);
                throw ex;
            }
        }

        void close()
        {
            closeQuietly(in);
            closeQuietly(out);
            closeQuietly(server);
        }
    }

    /** A thread forwarding every byte read from one connection to the next, idling when nothing came. */
    private static final class Relay
    {
        final Thread thread;
        volatile boolean running = true;
        private volatile Throwable failure;

        Relay(final SocketChannel from, final SocketChannel to, final IdleStrategy idle, final String name)
        {
            thread = new Thread(() -> forward(from, to, idle), name);
            thread.setDaemon(true);
        }

        private void forward(final SocketChannel from, final SocketChannel to, final IdleStrategy idle)
        {
            final ByteBuffer buffer = ByteBuffer.allocateDirect(RELAY_BUFFER_BYTES);
            try
            {
                while (running)
                {
                    final int read = from.read(buffer);
                    if (read < 0)
                    {
                        throw new IllegalStateException("the previous hop closed its connection");
                    }
                    if (read == 0)
                    {
                        idle.idle();
                        continue;
                    }
                    idle.reset();
                    buffer.flip();
                    while (buffer.hasRemaining())
                    {
                        to.write(buffer);
                    }
                    buffer.clear();
                }
            }
            catch (final IOException | RuntimeException ex)
            {
                // Closing the chain ends the relay through its sockets; only a failure while running counts.
                if (running)
                {
                    failure = ex;
                }
            }
        }

        void checkHealthy()
        {
            final Throwable cause = failure;
            if (cause != null)
            {
                throw new IllegalStateException(thread.getName() + " failed: " + cause, cause);
            }
        }
    }

    private static void closeQuietly(final AutoCloseable closeable)
    {
        if (closeable != null)
        {
            try
            {
                closeable.close();
            }
            catch (final Exception ignored)
            {
                // Closing a loopback socket at the end of a run: nothing useful to do if it fails.
            }
        }
    }
}
