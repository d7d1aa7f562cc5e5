package io.mmfleet.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/**
 * Loopback ports for one fleet run, free when chosen, so a run never collides with a fleet on the
 * shipped INI's ports (or with another run).
 *
 * @param pub  PUB endpoint ports of quote-server, market-maker, oms, exec-handler, position-server, defi-lp.
 * @param http HTTP ports of the same daemons, in the same order.
 */
record FleetPorts(int control, int[] pub, int[] http, int venueRest, int venueStream, int venueWsApi)
{
    /** The daemon sections of the INI, in the order of {@link #pub} and {@link #http}. */
    static final String[] DAEMONS = {"quote-server", "market-maker", "oms", "exec-handler", "position-server", "defi-lp"};

    static FleetPorts allocate()
    {
        final Set<Integer> taken = new HashSet<>();
        final int[] pub = new int[DAEMONS.length];
        final int[] http = new int[DAEMONS.length];
        final int control = free(taken);
        for (int i = 0; i < DAEMONS.length; i++)
        {
            pub[i] = free(taken);
            http[i] = free(taken);
        }
        return new FleetPorts(control, pub, http, free(taken), free(taken), free(taken));
    }

    int httpPort(final String daemon)
    {
        return http[index(daemon)];
    }

    String pubEndpoint(final String daemon)
    {
        return "tcp://127.0.0.1:" + pub[index(daemon)];
    }

    private static int index(final String daemon)
    {
        for (int i = 0; i < DAEMONS.length; i++)
        {
            if (DAEMONS[i].equals(daemon))
            {
                return i;
            }
        }
        throw new IllegalArgumentException("no daemon " + daemon);
    }

    private static int free(final Set<Integer> taken)
    {
        while (true)
        {
            try (ServerSocket socket = new ServerSocket())
            {
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                if (taken.add(socket.getLocalPort()))
                {
                    return socket.getLocalPort();
                }
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("cannot find a free loopback port", ex);
            }
        }
    }
}
