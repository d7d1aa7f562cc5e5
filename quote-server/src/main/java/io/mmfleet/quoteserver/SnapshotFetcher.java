package io.mmfleet.quoteserver;

import io.mmfleet.bus.http.BoundedHttpClient;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * REST depth snapshots, asynchronously: the answer (or the failure) is queued for the event loop,
 * which alone parses it and touches the books. Bounded body and whole-exchange deadline come from
 * {@link BoundedHttpClient}.
 */
final class SnapshotFetcher
{
    /**
     * What came back for one request. {@code body} is null when {@code error} says why;
     * {@code retryAfterMs} is the venue's Retry-After (429/418), 0 if none.
     */
    record Result(int connectionId, int symbolIndex, long requestId, byte[] body, String error, long retryAfterMs)
    {
    }

    private final BoundedHttpClient http;
    private final Queue<Result> results;
    private final AtomicLong resultsLost = new AtomicLong();

    SnapshotFetcher(final Duration connectTimeout, final int maxBodyBytes, final Queue<Result> results)
    {
        this.http = new BoundedHttpClient(connectTimeout, maxBodyBytes);
        this.results = results;
    }

    /** Results the event loop's queue had no room for; the loop's own in-flight deadline retries those books. */
    long resultsLost()
    {
        return resultsLost.get();
    }

    void fetch(final URI uri, final Duration timeout, final int connectionId, final int symbolIndex, final long requestId)
    {
        final HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        http.send(request, timeout, outcome ->
        {
            if (!outcome.answered())
            {
                offer(new Result(connectionId, symbolIndex, requestId, null, outcome.error(), 0));
                return;
            }
            final byte[] body = outcome.body();
            if (outcome.status() != 200)
            {
                final String text = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8).replace('\n', ' ');
                final long retryAfterMs = outcome.headers().firstValueAsLong("Retry-After").orElse(0) * 1000;
                offer(new Result(connectionId, symbolIndex, requestId, null, "HTTP " + outcome.status() + ": " + text, retryAfterMs));
            }
            else
            {
                offer(new Result(connectionId, symbolIndex, requestId, body, null, 0));
            }
        });
    }

    private void offer(final Result result)
    {
        if (!results.offer(result))
        {
            resultsLost.incrementAndGet();
        }
    }
}
