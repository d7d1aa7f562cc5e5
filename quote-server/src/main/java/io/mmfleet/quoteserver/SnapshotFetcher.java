package io.mmfleet.quoteserver;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * REST depth snapshots over java.net.http, asynchronously: the answer (or the failure) is queued
 * for the event loop, which alone parses it and touches the books. A body longer than the limit is
 * cut off and refused rather than read whole, so a venue answering garbage cannot exhaust memory;
 * the whole exchange, body included, has a deadline, since {@link HttpRequest#timeout} only covers
 * the headers and a body that never comes would otherwise hold the request open for ever.
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

    private final HttpClient http;
    private final Queue<Result> results;
    private final int maxBodyBytes;
    private final AtomicLong resultsLost = new AtomicLong();

    SnapshotFetcher(final Duration connectTimeout, final int maxBodyBytes, final Queue<Result> results)
    {
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
        this.maxBodyBytes = maxBodyBytes;
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
        final CompletableFuture<HttpResponse<byte[]>> exchange =
            http.sendAsync(request, info -> new BoundedBody(maxBodyBytes));
        exchange.copy().orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((response, failure) ->
        {
            if (failure != null)
            {
                final Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
                if (cause instanceof TimeoutException)
                {
                    // Frees the connection a silent venue would otherwise hold.
                    exchange.cancel(true);
                    offer(new Result(connectionId, symbolIndex, requestId, null, "no complete answer within " + timeout.toMillis() + " ms", 0));
                }
                else
                {
                    offer(new Result(connectionId, symbolIndex, requestId, null, cause.toString(), 0));
                }
                return;
            }
            final byte[] body = response.body();
            if (response.statusCode() != 200)
            {
                final String text = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8).replace('\n', ' ');
                final long retryAfterMs = response.headers().firstValueAsLong("Retry-After").orElse(0) * 1000;
                offer(new Result(connectionId, symbolIndex, requestId, null, "HTTP " + response.statusCode() + ": " + text, retryAfterMs));
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

    /** Collects a body up to a limit and fails the exchange, cancelling the rest, beyond it. */
    private static final class BoundedBody implements HttpResponse.BodySubscriber<byte[]>
    {
        private final int maxBytes;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> body = new CompletableFuture<>();
        private Flow.Subscription subscription;

        BoundedBody(final int maxBytes)
        {
            this.maxBytes = maxBytes;
        }

        @Override
        public CompletionStage<byte[]> getBody()
        {
            return body;
        }

        @Override
        public void onSubscribe(final Flow.Subscription subscription)
        {
            this.subscription = subscription;
            subscription.request(1);
        }

        @Override
        public void onNext(final List<ByteBuffer> buffers)
        {
            for (final ByteBuffer buffer : buffers)
            {
                final int length = buffer.remaining();
                if (bytes.size() + (long)length > maxBytes)
                {
                    subscription.cancel();
                    body.completeExceptionally(new IOException("body longer than " + maxBytes + " bytes"));
                    return;
                }
                final byte[] chunk = new byte[length];
                buffer.get(chunk);
                bytes.write(chunk, 0, length);
            }
            subscription.request(1);
        }

        @Override
        public void onError(final Throwable failure)
        {
            body.completeExceptionally(failure);
        }

        @Override
        public void onComplete()
        {
            body.complete(bytes.toByteArray());
        }
    }
}
