package io.mmfleet.quoteserver;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Queue;

/**
 * REST depth snapshots over java.net.http, asynchronously: the answer (or the failure) is queued
 * for the event loop, which alone parses it and touches the books.
 */
final class SnapshotFetcher
{
    /** What came back for one request. {@code body} is null when {@code error} says why. */
    record Result(int connectionId, int symbolIndex, byte[] body, String error)
    {
    }

    private final HttpClient http;
    private final Queue<Result> results;

    SnapshotFetcher(final Duration connectTimeout, final Queue<Result> results)
    {
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
        this.results = results;
    }

    void fetch(final URI uri, final Duration timeout, final int connectionId, final int symbolIndex)
    {
        final HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).whenComplete((response, failure) ->
        {
            if (failure != null)
            {
                results.offer(new Result(connectionId, symbolIndex, null, failure.toString()));
            }
            else if (response.statusCode() != 200)
            {
                final byte[] body = response.body();
                final String text = new String(body, 0, Math.min(body.length, 200), java.nio.charset.StandardCharsets.UTF_8);
                results.offer(new Result(connectionId, symbolIndex, null,
                    "HTTP " + response.statusCode() + ": " + text.replace('\n', ' ')));
            }
            else
            {
                results.offer(new Result(connectionId, symbolIndex, response.body(), null));
            }
        });
    }
}
