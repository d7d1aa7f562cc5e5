package io.mmfleet.bus.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Loopback ports for tests that must write a port into an INI before a process binds it.
 *
 * <p>Not the kernel's ephemeral ports: between this probe and the daemon's bind, an ephemeral port
 * can be handed to any outgoing connection or any other bind to port 0 (and was: two daemons of one
 * rig got the same one). Ports are taken below the kernel's ephemeral range, which only explicit
 * binds use, probed free, and never handed out twice by one JVM.
 */
public final class Ports
{
    /** Where probing starts from: above the well-known and most registered service ports. */
    private static final int LOWEST = 20_000;
    private static final int DEFAULT_EPHEMERAL_LOW = 32_768;
    private static final Set<Integer> HANDED_OUT = new HashSet<>();

    private Ports()
    {
    }

    public static synchronized int free()
    {
        final int highest = ephemeralLow() - 1;
        final int span = highest - LOWEST + 1;
        final int start = ThreadLocalRandom.current().nextInt(span);
        for (int i = 0; i < span; i++)
        {
            final int port = LOWEST + (start + i) % span;
            if (!HANDED_OUT.contains(port) && bindable(port))
            {
                HANDED_OUT.add(port);
                return port;
            }
        }
        throw new IllegalStateException("no free loopback port in " + LOWEST + ".." + highest);
    }

    public static String tcpEndpoint()
    {
        return "tcp://127.0.0.1:" + free();
    }

    private static boolean bindable(final int port)
    {
        try (ServerSocket socket = new ServerSocket())
        {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        }
        catch (final IOException ex)
        {
            return false;
        }
    }

    /** The low end of the kernel's ephemeral range (Linux), or the IANA default where it cannot be read. */
    private static int ephemeralLow()
    {
        final Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        try
        {
            final String[] bounds = Files.readString(range, StandardCharsets.US_ASCII).trim().split("\\s+");
            final int low = Integer.parseInt(bounds[0]);
            return low > LOWEST + 1_000 ? low : DEFAULT_EPHEMERAL_LOW;
        }
        catch (final IOException | RuntimeException ex)
        {
            return DEFAULT_EPHEMERAL_LOW;
        }
    }
}
