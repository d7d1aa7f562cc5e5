package io.mmfleet.quoteserver;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Queue;

/**
 * REST depth snapshots over java.net.http, asynchronously: the answer (or the failure) is queued
 * for the event loop, which alone parses it and touches the books. A body longer than the limit is
 * cut off and refused rather than read whole, so a venue answering garbage cannot exhaust memory.
 */
final class SnapshotFetcher
{
    /**
     * What came back for one request. {@code body} is null when {@code error} says why;
     * {@code retryAfterMs} is the venue's Retry-After (429/418), 0 if none.
     */
    record Result(int connectionId, int symbolIndex, byte[] body, String error, long retryAfterMs)
    {
    }

    private final HttpClient http;
    private final Queue<Result> results;
    private final int maxBodyBytes;

    SnapshotFetcher(final Duration connectTimeout, final int maxBodyBytes, final Queue<Result> results)
    {
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
        this.maxBodyBytes = maxBodyBytes;
        this.results = results;
    }

    void fetch(final URI uri, final Duration timeout, final int connectionId, final int symbolIndex)
    {
        final HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream()).whenComplete((response, failure) ->
        {
            if (failure != null)
            {
                results.offer(new Result(connectionId, symbolIndex, null, failure.toString(), 0));
                return;
            }
            try (InputStream in = response.body())
            {
                final byte[] body = in.readNBytes(maxBodyBytes + 1);
                if (body.length > maxBodyBytes)
                {
                    results.offer(new Result(connectionId, symbolIndex, null, "body longer than " + maxBodyBytes + " bytes", 0));
                }
                else if (response.statusCode() != 200)
                {
                    final String text = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8).replace('\n', ' ');
                    final long retryAfterMs = response.headers().firstValueAsLong("Retry-After").orElse(0) * 1000;
                    results.offer(new Result(connectionId, symbolIndex, null, "HTTP " + response.statusCode() + ": " + text, retryAfterMs));
                }
                else
                {
                    results.offer(new Result(connectionId, symbolIndex, body, null, 0));
                }
            }
            catch (final IOException | RuntimeException ex)
            {
                results.offer(new Result(connectionId, symbolIndex, null, ex.toString(), 0));
            }
        });
    }
}
