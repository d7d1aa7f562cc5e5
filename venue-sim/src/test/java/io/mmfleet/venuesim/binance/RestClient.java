package io.mmfleet.venuesim.binance;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A minimal Binance REST client for tests: builds the form, signs query + body as the docs say. */
final class RestClient
{
    record Response(int status, JsonNode json, HttpResponse<String> raw)
    {
        String header(final String name)
        {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int port;

    RestClient(final int port)
    {
        this.port = port;
    }

    Response get(final String path, final String query)
    {
        return send("GET", path, query, null, null);
    }

    /** Signs {@code form + &timestamp=now} with the secret and sends it in the query string (or body for POST). */
    Response signed(final String method, final String path, final String form, final String apiKey, final String secret)
    {
        return signedAt(method, path, form, Long.toString(System.currentTimeMillis()), apiKey, secret);
    }

    /** As {@link #signed}, with the timestamp given (milliseconds or microseconds). */
    Response signedAt(final String method, final String path, final String form, final String timestamp,
        final String apiKey, final String secret)
    {
        final String payload = (form.isEmpty() ? "" : form + "&") + "timestamp=" + timestamp;
        final String signature = new HmacSha256(secret.getBytes(StandardCharsets.US_ASCII)).sign(payload);
        final String signedForm = payload + "&signature=" + signature;
        return "POST".equals(method) ? send(method, path, null, signedForm, apiKey) :
            send(method, path, signedForm, null, apiKey);
    }

    Response send(final String method, final String path, final String query, final String body, final String apiKey)
    {
        final HttpRequest.Builder request = HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + path + (query == null ? "" : "?" + query)))
            .timeout(Duration.ofSeconds(10))
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null)
        {
            request.header("Content-Type", "application/x-www-form-urlencoded");
        }
        if (apiKey != null)
        {
            request.header("X-MBX-APIKEY", apiKey);
        }
        try
        {
            final HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            final JsonNode json = response.body().isEmpty() ? null : BinanceJson.MAPPER.readTree(response.body());
            return new Response(response.statusCode(), json, response);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
