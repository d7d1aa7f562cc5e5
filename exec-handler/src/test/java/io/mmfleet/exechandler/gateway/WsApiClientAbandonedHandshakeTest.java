package io.mmfleet.exechandler.gateway;

import io.mmfleet.bus.EpochClock;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Second review: WsApiSession.dropConnection abandons a handshake that never completes with
 * ws.close(). The venue side must see the TCP connection end; otherwise each abandoned attempt
 * (one per reconnect backoff, for as long as the venue hangs) leaks a socket and the client's
 * reader thread, blocked in read.
 */
class WsApiClientAbandonedHandshakeTest
{
    @Test
    void closingAClientWhoseHandshakeNeverCompletedEndsItsTcpConnection() throws Exception
    {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress()))
        {
            final WsApiClient client = new WsApiClient(URI.create("ws://127.0.0.1:" + server.getLocalPort() + "/ws-api/v3"),
                1 << 20, 1, new ManyToOneConcurrentArrayQueue<>(64), new EpochClock(), new AtomicLong(), 500);
            client.connect();
            try (Socket accepted = server.accept())
            {
                // The handshake request arrives; the silent venue never answers it.
                accepted.setSoTimeout(3_000);
                final InputStream in = accepted.getInputStream();
                final byte[] buffer = new byte[4096];
                in.read(buffer);

                client.close();

                int read;
                try
                {
                    do
                    {
                        read = in.read(buffer);
                    }
                    while (read > 0);
                }
                catch (final SocketTimeoutException ex)
                {
                    read = 0;
                }
                assertEquals(-1, read, "the abandoned connection is still open 3 s after close()");
            }
        }
    }
}
