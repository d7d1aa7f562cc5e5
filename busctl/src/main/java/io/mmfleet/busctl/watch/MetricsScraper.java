package io.mmfleet.busctl.watch;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Fetches the exec-handler's {@code /metrics} once per status line. The watch loop calls it on its own
 * thread with a short timeout: a silent exec-handler costs one timeout per line, never a hang, and
 * bus messages wait in the SUB socket meanwhile.
 */
final class MetricsScraper
{
    private final HttpClient http;
    private final URI uri;
    private final Duration timeout;
    private TickToOrder lastAnswered = TickToOrder.UNKNOWN;

    MetricsScraper(final URI uri, final Duration timeout)
    {
        this.uri = uri;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    URI uri()
    {
        return uri;
    }

    /** The summary now, or {@link TickToOrder#UNKNOWN} when the exec-handler does not answer 200. */
    TickToOrder scrape()
    {
        final HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
            .header("Accept", "text/plain; version=0.0.4").GET().build();
        try
        {
            final HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200)
            {
                return TickToOrder.UNKNOWN;
            }
            lastAnswered = TickToOrder.parse(response.body());
            return lastAnswered;
        }
        catch (final IOException ex)
        {
            return TickToOrder.UNKNOWN;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return TickToOrder.UNKNOWN;
        }
    }

    /** The last summary the exec-handler answered with (it may have stopped by the time of the report). */
    TickToOrder lastAnswered()
    {
        return lastAnswered;
    }
}
