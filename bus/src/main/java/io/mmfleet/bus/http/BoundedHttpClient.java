package io.mmfleet.bus.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Venue REST exchanges over java.net.http, asynchronously, with two guards a venue connector
 * needs: a body longer than the limit is cut off and refused rather than read whole (a venue
 * answering garbage cannot exhaust memory), and the whole exchange, body included, has a deadline
 * ({@link HttpRequest#timeout} only covers the headers, so a body that never comes would otherwise
 * hold the request open for ever). The outcome is handed to a callback on an HTTP thread; callers
 * queue it for their event loop.
 */
public final class BoundedHttpClient
{
    /**
     * What came back. {@code error} is null when the venue answered (any status), else says why
     * there is no answer (then status is 0 and body null).
     */
    public record Outcome(int status, HttpHeaders headers, byte[] body, String error)
    {
        public boolean answered()
        {
            return error == null;
        }
    }

    private final HttpClient http;
    private final int maxBodyBytes;

    public BoundedHttpClient(final Duration connectTimeout, final int maxBodyBytes)
    {
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
        this.maxBodyBytes = maxBodyBytes;
    }

    public void send(final HttpRequest request, final Duration timeout, final Consumer<Outcome> onOutcome)
    {
        final CompletableFuture<HttpResponse<byte[]>> exchange = http.sendAsync(request, info -> new BoundedBody(maxBodyBytes));
        exchange.copy().orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((response, failure) ->
        {
            if (failure == null)
            {
                onOutcome.accept(new Outcome(response.statusCode(), response.headers(), response.body(), null));
                return;
            }
            final Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            if (cause instanceof TimeoutException)
            {
                // Frees the connection a silent venue would otherwise hold.
                exchange.cancel(true);
                onOutcome.accept(new Outcome(0, null, null, "no complete answer within " + timeout.toMillis() + " ms"));
            }
            else
            {
                onOutcome.accept(new Outcome(0, null, null, cause.toString()));
            }
        });
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
