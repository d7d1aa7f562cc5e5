package io.mmfleet.bus.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A daemon's /health and /metrics on loopback, as the integration tests of every module read them. */
public final class DaemonHttp
{
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private DaemonHttp()
    {
    }

    /** The /health status code, or -1 while nothing answers (the daemon is not listening yet, or is gone). */
    public static int healthStatus(final int port)
    {
        try
        {
            return get(port, "/health").statusCode();
        }
        catch (final IOException ex)
        {
            return -1;
        }
    }

    /** The Prometheus text of /metrics. */
    public static String metrics(final int port) throws IOException
    {
        return get(port, "/metrics").body();
    }

    private static HttpResponse<String> get(final int port, final String path) throws IOException
    {
        try
        {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", ex);
        }
    }
}
