package io.mmfleet.bus.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code /health} (200 ready / 503 not ready, with why, as JSON) and {@code /metrics} (Prometheus
 * text) on the configured port, served by one thread of its own so a slow scraper never touches
 * the event loop.
 */
public final class HttpEndpoint implements AutoCloseable
{
    private final HttpServer server;
    private final ExecutorService executor;

    public HttpEndpoint(final String host, final int port, final String daemonName, final HealthState health, final DaemonMetrics metrics)
        throws IOException
    {
        server = HttpServer.create(new InetSocketAddress(host, port), 16);
        executor = Executors.newSingleThreadExecutor(runnable ->
        {
            final Thread thread = new Thread(runnable, daemonName + "-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/health", exchange -> serveHealth(exchange, daemonName, health));
        server.createContext("/metrics", exchange -> serveMetrics(exchange, metrics));
        server.start();
    }

    public int port()
    {
        return server.getAddress().getPort();
    }

    private static void serveHealth(final HttpExchange exchange, final String daemonName, final HealthState health) throws IOException
    {
        final boolean ready = health.isReady();
        final StringBuilder json = new StringBuilder(128)
            .append("{\"daemon\":\"").append(daemonName)
            .append("\",\"status\":\"").append(ready ? "ready" : "not_ready")
            .append("\",\"reasons\":{");
        boolean first = true;
        for (final Map.Entry<String, String> reason : health.reasons().entrySet())
        {
            if (!first)
            {
                json.append(',');
            }
            first = false;
            json.append('"').append(escape(reason.getKey())).append("\":\"").append(escape(reason.getValue())).append('"');
        }
        json.append("}}\n");
        respond(exchange, ready ? 200 : 503, "application/json", json.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void serveMetrics(final HttpExchange exchange, final DaemonMetrics metrics) throws IOException
    {
        final ByteArrayOutputStream body = new ByteArrayOutputStream(8192);
        metrics.writeTo(body);
        respond(exchange, 200, metrics.contentType(), body.toByteArray());
    }

    private static void respond(final HttpExchange exchange, final int status, final String contentType, final byte[] body) throws IOException
    {
        try (exchange)
        {
            if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod()))
            {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody())
            {
                out.write(body);
            }
        }
    }

    static String escape(final String text)
    {
        final StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (c == '"' || c == '\\')
            {
                out.append('\\').append(c);
            }
            else if (c < 0x20)
            {
                out.append(String.format("\\u%04x", (int)c));
            }
            else
            {
                out.append(c);
            }
        }
        return out.toString();
    }

    @Override
    public void close()
    {
        server.stop(0);
        executor.shutdownNow();
    }
}
