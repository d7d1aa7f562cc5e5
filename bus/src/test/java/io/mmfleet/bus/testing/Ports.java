package io.mmfleet.bus.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Ephemeral loopback ports for tests that must write a port into an INI before a process binds it. */
public final class Ports
{
    private Ports()
    {
    }

    public static int free()
    {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    public static String tcpEndpoint()
    {
        return "tcp://127.0.0.1:" + free();
    }
}
