package io.mmfleet.exechandler;

import io.mmfleet.bus.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A WebSocket API endpoint that accepts the TCP connection but never answers the HTTP upgrade (a
 * hung load balancer, a half-dead venue host). WsApiClient's connect timeout only bounds the TCP
 * connect, so the session arms a handshake deadline of its own: without it exec-handler would wait
 * on that socket for ever, never ready, every order refused NOT_CONNECTED until someone restarted it.
 */
class ExecHandlerHangingVenueTest
{
    @TempDir
    Path dir;

    @Test
    void aWebSocketHandshakeThatNeverCompletesIsAbandonedAndRetried() throws Exception
    {
        try (ScriptedBinance rest = new ScriptedBinance();
             SilentServer silent = new SilentServer();
             ExecRig rig = new ExecRig(dir, rest.restUrl(), "ws://127.0.0.1:" + silent.port() + "/ws-api/v3",
                 "REQUEST_TIMEOUT = 500ms"))
        {
            rig.launchExecHandler();
            Await.until(() -> silent.accepted.get() >= 1, ExecRig.TIMEOUT,
                () -> "exec-handler never connected to the WebSocket API\n" + rig.execHandler.transcript());
            // REQUEST_TIMEOUT 500 ms and RECONNECT_BACKOFF_MAX 500 ms: a second attempt is due within about a second.
            Await.until(() -> silent.accepted.get() >= 2, Duration.ofSeconds(10),
                () -> "the hung handshake was never abandoned: still 1 connection attempt after 10 s\n" + rig.execHandler.transcript());
        }
    }

    /** Accepts TCP connections, counts them, and never sends a byte. */
    private static final class SilentServer implements AutoCloseable
    {
        private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final List<Socket> held = new CopyOnWriteArrayList<>();
        private final AtomicInteger accepted = new AtomicInteger();
        private final Thread acceptor;

        SilentServer() throws IOException
        {
            acceptor = new Thread(() ->
            {
                while (!server.isClosed())
                {
                    try
                    {
                        held.add(server.accept());
                        accepted.incrementAndGet();
                    }
                    catch (final IOException ex)
                    {
                        return;
                    }
                }
            }, "silent-ws-api");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port()
        {
            return server.getLocalPort();
        }

        @Override
        public void close() throws IOException
        {
            server.close();
            for (final Socket socket : held)
            {
                socket.close();
            }
        }
    }
}
