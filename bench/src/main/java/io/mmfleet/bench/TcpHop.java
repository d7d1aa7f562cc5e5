package io.mmfleet.bench;

import org.agrona.concurrent.EpochNanoClock;
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
import java.util.function.LongConsumer;

/**
 * The latency floor: a plain TCP connection on loopback with TCP_NODELAY carrying the same fixed-size
 * message. The receiver reads without blocking and is idled like the bus receiver, so the two
 * differ only in what sits between the sockets.
 */
final class TcpHop implements Hop
{
    private final EpochNanoClock clock;
    private final ServerSocketChannel server;
    private final SocketChannel out;
    private final SocketChannel in;
    private final int messageLength;
    private final ByteBuffer outBuffer;
    private final UnsafeBuffer outView;
    private final ByteBuffer inBuffer;
    private long received;

    TcpHop(final int levels, final EpochNanoClock clock)
    {
        this.clock = clock;
        final byte[] message = BenchMessage.encoded(levels);
        messageLength = message.length;
        outBuffer = ByteBuffer.allocateDirect(messageLength);
        outBuffer.put(message).flip();
        outView = new UnsafeBuffer(outBuffer);
        inBuffer = ByteBuffer.allocateDirect(messageLength * 64).order(ByteOrder.LITTLE_ENDIAN);
        ServerSocketChannel openedServer = null;
        SocketChannel openedOut = null;
        try
        {
            openedServer = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            openedOut = SocketChannel.open(openedServer.getLocalAddress());
            openedOut.setOption(StandardSocketOptions.TCP_NODELAY, true);
            final SocketChannel accepted = openedServer.accept();
            accepted.setOption(StandardSocketOptions.TCP_NODELAY, true);
            accepted.configureBlocking(false);
            server = openedServer;
            out = openedOut;
            in = accepted;
        }
        catch (final IOException ex)
        {
            closeQuietly(openedOut);
            closeQuietly(openedServer);
            throw new UncheckedIOException("cannot open a loopback TCP connection", ex);
        }
    }

    @Override
    public String name()
    {
        return "plain TCP socket (NODELAY)";
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
        closeQuietly(in);
        closeQuietly(out);
        closeQuietly(server);
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
