package io.mmfleet.venuesim.binance;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binance Spot's REST API on the JDK's HTTP server: request weight per IP (429, then 418), order counts per account,
 * HMAC-signed endpoints, the X-MBX-* usage headers and Binance-shaped errors for every refusal.
 */
public final class RestServer implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(RestServer.class);
    private static final int IO_THREADS = 4;

    /** One endpoint: its weight (possibly depending on parameters), whether it is SIGNED, and what it does. */
    private record Endpoint(ToIntFunction<RequestParams> weight, boolean signed, boolean countsOrder, Handler handler)
    {
    }

    @FunctionalInterface
    private interface Handler
    {
        JsonNode handle(RequestParams params, long accountId);
    }

    private final TradingOperations operations;
    private final RequestAuthenticator authenticator;
    private final RequestWeightLimiter weights;
    private final OrderCountLimiter orders;
    private final LongSupplier clockMs;
    private final int maxBodyBytes;
    private final Map<String, Endpoint> routes = new HashMap<>();
    private final HttpServer server;
    private final ExecutorService ioThreads;

    public RestServer(final String host, final int port, final int maxBodyBytes, final TradingOperations operations,
        final RequestAuthenticator authenticator, final RequestWeightLimiter weights, final OrderCountLimiter orders,
        final LongSupplier clockMs) throws IOException
    {
        this.operations = operations;
        this.authenticator = authenticator;
        this.weights = weights;
        this.orders = orders;
        this.clockMs = clockMs;
        this.maxBodyBytes = maxBodyBytes;
        route("GET", "/api/v3/ping", fixed(1), false, false, (p, a) -> emptyObject(p));
        route("GET", "/api/v3/time", fixed(1), false, false, (p, a) -> time(p));
        route("GET", "/api/v3/exchangeInfo", fixed(20), false, false, (p, a) -> exchangeInfo(p));
        route("GET", "/api/v3/depth", RestServer::depthWeight, false, false, (p, a) -> operations.depth(p));
        route("POST", "/api/v3/order", fixed(1), true, true, operations::placeOrder);
        route("DELETE", "/api/v3/order", fixed(1), true, false, operations::cancelOrder);
        route("GET", "/api/v3/order", fixed(4), true, false, operations::queryOrder);
        route("GET", "/api/v3/openOrders", p -> p.has("symbol") ? 6 : 80, true, false, operations::openOrders);
        route("DELETE", "/api/v3/openOrders", fixed(1), true, false, operations::cancelAll);
        route("GET", "/api/v3/account", fixed(20), true, false, operations::account);
        route("GET", "/api/v3/myTrades", MyTradesQuery::weight, true, false, operations::myTrades);

        this.ioThreads = Executors.newFixedThreadPool(IO_THREADS, namedThreads("rest-io"));
        this.server = HttpServer.create(new InetSocketAddress(host, port), 64);
        server.createContext("/", this::handle);
        server.setExecutor(ioThreads);
        server.start();
    }

    public int port()
    {
        return server.getAddress().getPort();
    }

    @Override
    public void close()
    {
        server.stop(0);
        ioThreads.shutdownNow();
    }

    private void route(final String method, final String path, final ToIntFunction<RequestParams> weight,
        final boolean signed, final boolean countsOrder, final Handler handler)
    {
        routes.put(method + " " + path, new Endpoint(weight, signed, countsOrder, handler));
    }

    private void handle(final HttpExchange exchange) throws IOException
    {
        try (exchange)
        {
            final String ip = exchange.getRemoteAddress().getAddress().getHostAddress();
            final Endpoint endpoint = routes.get(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            if (endpoint == null)
            {
                respond(exchange, ip, 404, operations.json().error(
                    new BinanceError(404, -1000, "Unknown path or method: " + exchange.getRequestMethod() + " "
                        + exchange.getRequestURI().getPath())), 0);
                return;
            }
            final String body;
            try
            {
                body = readBody(exchange.getRequestBody());
            }
            catch (final IOException ex)
            {
                LOG.info("event=client_gone ip={} reason={}", ip, ex.getMessage());
                return;
            }
            serve(exchange, ip, endpoint, body);
        }
    }

    private void serve(final HttpExchange exchange, final String ip, final Endpoint endpoint, final String body)
        throws IOException
    {
        try
        {
            if (body == null)
            {
                throw new BinanceException(BinanceError.payloadTooLarge());
            }
            final String rawQuery = exchange.getRequestURI().getRawQuery();
            final RequestParams params = new RequestParams(FormParams.merge(rawQuery, body));
            weights.admit(ip, endpoint.weight().applyAsInt(params));
            long accountId = -1;
            if (endpoint.signed())
            {
                accountId = authenticator.authenticate(exchange.getRequestHeaders().getFirst("X-MBX-APIKEY"), params,
                    RestSigningPayload.of(rawQuery, body));
            }
            if (endpoint.countsOrder())
            {
                final long[] counts = orders.admit(accountId);
                exchange.getResponseHeaders().set("X-MBX-ORDER-COUNT-10S", Long.toString(counts[0]));
                exchange.getResponseHeaders().set("X-MBX-ORDER-COUNT-1D", Long.toString(counts[1]));
            }
            respond(exchange, ip, 200, endpoint.handler().handle(params, accountId), 0);
        }
        catch (final BinanceException ex)
        {
            final BinanceError error = ex.error();
            respond(exchange, ip, error.httpStatus(), operations.json().error(error), error.retryAfterMs());
        }
        catch (final RuntimeException ex)
        {
            LOG.error("event=rest_failure path={}", exchange.getRequestURI().getPath(), ex);
            respond(exchange, ip, 500, operations.json().error(BinanceError.unknown()), 0);
        }
    }

    private void respond(final HttpExchange exchange, final String ip, final int status, final JsonNode json,
        final long retryAtMs) throws IOException
    {
        final byte[] bytes = BinanceJson.MAPPER.writeValueAsBytes(json);
        exchange.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
        exchange.getResponseHeaders().set("X-MBX-USED-WEIGHT-1M", Long.toString(weights.used(ip)));
        if (retryAtMs > 0)
        {
            final long seconds = Math.max(1, (retryAtMs - clockMs.getAsLong() + 999) / 1000);
            exchange.getResponseHeaders().set("Retry-After", Long.toString(seconds));
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody())
        {
            out.write(bytes);
        }
    }

    /** The body as text, or null when it is longer than the limit (only the limit + 1 bytes are read). */
    private String readBody(final InputStream in) throws IOException
    {
        final byte[] bytes = in.readNBytes(maxBodyBytes + 1);
        if (bytes.length > maxBodyBytes)
        {
            return null;
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private JsonNode emptyObject(final RequestParams params)
    {
        params.requireAllRead();
        return BinanceJson.MAPPER.createObjectNode();
    }

    private JsonNode time(final RequestParams params)
    {
        params.requireAllRead();
        return operations.time();
    }

    /** Every symbol, one ({@code symbol}) or several ({@code symbols=["A","B"]}, a JSON array), as the docs allow. */
    private JsonNode exchangeInfo(final RequestParams params)
    {
        if (params.has("symbol") && params.has("symbols"))
        {
            throw new BinanceException(BinanceError.optionalParamsBadCombo());
        }
        final List<String> symbols = new ArrayList<>();
        if (params.has("symbol"))
        {
            symbols.add(params.symbol());
        }
        else if (params.has("symbols"))
        {
            final JsonNode array;
            try
            {
                array = BinanceJson.MAPPER.readTree(params.required("symbols"));
            }
            catch (final IOException ex)
            {
                throw new BinanceException(BinanceError.invalidParameter("symbols"));
            }
            if (array == null || !array.isArray() || array.isEmpty())
            {
                throw new BinanceException(BinanceError.invalidParameter("symbols"));
            }
            for (final JsonNode symbol : array)
            {
                if (!symbol.isTextual())
                {
                    throw new BinanceException(BinanceError.invalidParameter("symbols"));
                }
                symbols.add(symbol.asText());
            }
        }
        params.requireAllRead();
        return operations.exchangeInfo(symbols, clockMs.getAsLong());
    }

    private static ToIntFunction<RequestParams> fixed(final int weight)
    {
        return params -> weight;
    }

    private static int depthWeight(final RequestParams params)
    {
        final String limit = params.asMap().get("limit");
        try
        {
            return TradingOperations.depthWeight(limit == null ? 100 : Integer.parseInt(limit));
        }
        catch (final NumberFormatException ex)
        {
            return TradingOperations.depthWeight(100);
        }
    }

    static java.util.concurrent.ThreadFactory namedThreads(final String prefix)
    {
        final AtomicInteger count = new AtomicInteger();
        return runnable ->
        {
            final Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
