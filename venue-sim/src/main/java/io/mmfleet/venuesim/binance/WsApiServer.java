package io.mmfleet.venuesim.binance;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmfleet.venuesim.engine.BalanceView;
import io.mmfleet.venuesim.engine.EngineListener;
import io.mmfleet.venuesim.engine.Fill;
import io.mmfleet.venuesim.engine.OrderView;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.java_websocket.WebSocket;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binance's WebSocket API at {@code /ws-api/v3}: order.place, order.cancel, openOrders.cancelAll, order.status and
 * the user data stream subscription userDataStream.subscribe.signature / userDataStream.unsubscribe. Responses carry
 * the request id, an HTTP-like status, result or error, and the rateLimits the request counted against; user data
 * events arrive wrapped {@code {"subscriptionId":..,"event":..}}.
 */
public final class WsApiServer extends WebSocketServer implements EngineListener
{
    private static final Logger LOG = LoggerFactory.getLogger(WsApiServer.class);
    private static final String PATH = "/ws-api/v3";
    private static final long KEEP_ALIVE_TICK_MS = 100;
    /** Keeps numbers exactly as the client wrote them (e.g. "0.01000000"), since the signature covers that text. */
    private static final ObjectReader REQUEST_READER = BinanceJson.MAPPER.reader()
        .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .with(JsonNodeFactory.withExactBigDecimals(true));

    /**
     * Per connection: its user data subscriptions (id → account, at most one per account as on Binance), ids counted
     * from 0, and its pong deadline.
     */
    private static final class Session implements ConnectionKeepAlive.Tracked
    {
        final Map<Integer, Long> subscriptions = new ConcurrentHashMap<>();
        int nextSubscriptionId;
        final long openedAtMs;
        final PongDeadline pong = new PongDeadline();

        Session(final long openedAtMs)
        {
            this.openedAtMs = openedAtMs;
        }

        @Override
        public long openedAtMs()
        {
            return openedAtMs;
        }

        @Override
        public PongDeadline pong()
        {
            return pong;
        }
    }

    private final TradingOperations operations;
    private final RequestAuthenticator authenticator;
    private final RequestWeightLimiter weights;
    private final OrderCountLimiter orders;
    private final RateLimitConfig limits;
    private final LongSupplier clockMs;
    private final UserDataEvents events;
    private final CountDownLatch started = new CountDownLatch(1);
    private final BinanceVenueConfig config;
    private final ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(RestServer.namedThreads("wsapi-timer"));
    private ConnectionKeepAlive keepAlive;

    public WsApiServer(final BinanceVenueConfig config, final TradingOperations operations,
        final RequestAuthenticator authenticator, final RequestWeightLimiter weights,
        final OrderCountLimiter orders, final LongSupplier clockMs)
    {
        super(new InetSocketAddress(config.bindHost(), config.wsApiPort()));
        this.operations = operations;
        this.authenticator = authenticator;
        this.weights = weights;
        this.orders = orders;
        this.limits = config.limits();
        this.clockMs = clockMs;
        this.events = new UserDataEvents(operations.json().instruments());
        this.config = config;
        setReuseAddr(true);
        // The library's own detector pings on a whole-second period and honours any pong; keepAlive follows Binance.
        setConnectionLostTimeout(0);
    }

    public void startAndAwait() throws IOException
    {
        start();
        try
        {
            if (!started.await(10, TimeUnit.SECONDS))
            {
                throw new IOException("WebSocket API server did not start");
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted starting the WebSocket API server", ex);
        }
        keepAlive = new ConnectionKeepAlive(config.pingInterval(), config.pongTimeout(), config.connectionLifetime(), clockMs.getAsLong());
        timer.scheduleAtFixedRate(this::keepAlive, KEEP_ALIVE_TICK_MS, KEEP_ALIVE_TICK_MS, TimeUnit.MILLISECONDS);
    }

    public void close()
    {
        timer.shutdownNow();
        try
        {
            stop(1000);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void onStart()
    {
        started.countDown();
    }

    @Override
    public void onOpen(final WebSocket conn, final ClientHandshake handshake)
    {
        final String resource = handshake.getResourceDescriptor();
        final String path = resource.contains("?") ? resource.substring(0, resource.indexOf('?')) : resource;
        if (!PATH.equals(path))
        {
            conn.close(CloseFrame.POLICY_VALIDATION, "Unknown path " + path);
            return;
        }
        conn.setAttachment(new Session(clockMs.getAsLong()));
    }

    /** Nothing to release: keepAlive and event delivery skip connections that are no longer open. */
    @Override
    public void onClose(final WebSocket conn, final int code, final String reason, final boolean remote)
    {
    }

    @Override
    public void onWebsocketPong(final WebSocket conn, final Framedata frame)
    {
        ConnectionKeepAlive.onPong(conn, frame);
    }

    /** Binance's ping, pong-deadline and lifetime rules, on the timer thread. */
    private void keepAlive()
    {
        try
        {
            keepAlive.tick(clockMs.getAsLong(), getConnections());
        }
        catch (final RuntimeException ex)
        {
            LOG.error("event=wsapi_keepalive_failure", ex);
        }
    }

    @Override
    public void onError(final WebSocket conn, final Exception ex)
    {
        LOG.info("event=wsapi_error reason={}", ex.toString());
    }

    @Override
    public void onMessage(final WebSocket conn, final String message)
    {
        final Session session = conn.getAttachment();
        final String ip = conn.getRemoteSocketAddress().getAddress().getHostAddress();
        JsonNode id = null;
        String method = null;
        final long[] orderCounts = {-1, -1};
        try
        {
            final JsonNode request;
            try
            {
                request = REQUEST_READER.readTree(message);
            }
            catch (final IOException ex)
            {
                throw new BinanceException(BinanceError.invalidJson());
            }
            if (request == null || !request.isObject())
            {
                throw new BinanceException(BinanceError.invalidJson());
            }
            id = request.get("id");
            if (id == null || !(id.isIntegralNumber() || id.isTextual() || id.isNull()))
            {
                id = null;
                throw new BinanceException(BinanceError.mandatoryMissing("id"));
            }
            final JsonNode methodNode = request.get("method");
            if (methodNode == null || !methodNode.isTextual())
            {
                throw new BinanceException(BinanceError.mandatoryMissing("method"));
            }
            method = methodNode.asText();
            final RequestParams params = new RequestParams(params(request.get("params")));
            final JsonNode result = dispatch(conn, session, ip, method, params, orderCounts);
            conn.send(response(id, 200, result, null, ip, orderCounts).toString());
        }
        catch (final BinanceException ex)
        {
            conn.send(response(id, ex.error().httpStatus(), null, ex.error(), ip, orderCounts).toString());
        }
        catch (final RuntimeException ex)
        {
            LOG.error("event=wsapi_failure method={}", method, ex);
            conn.send(response(id, 500, null, BinanceError.unknown(), ip, orderCounts).toString());
        }
    }

    /** {@code orderCounts} receives the account's ORDERS counts when the request placed (or tried to place) one. */
    private JsonNode dispatch(final WebSocket conn, final Session session, final String ip, final String method,
        final RequestParams params, final long[] orderCounts)
    {
        switch (method)
        {
            case "ping" ->
            {
                weights.admit(ip, 1);
                params.requireAllRead();
                return BinanceJson.MAPPER.createObjectNode();
            }
            case "time" ->
            {
                weights.admit(ip, 1);
                params.requireAllRead();
                return operations.time();
            }
            case "order.place" ->
            {
                weights.admit(ip, 1);
                final long account = authenticate(params);
                try
                {
                    System.arraycopy(orders.admit(account), 0, orderCounts, 0, 2);
                }
                catch (final BinanceException ex)
                {
                    System.arraycopy(orders.counts(account), 0, orderCounts, 0, 2);
                    throw ex;
                }
                return operations.placeOrder(params, account);
            }
            case "order.cancel" ->
            {
                weights.admit(ip, 1);
                return operations.cancelOrder(params, authenticate(params));
            }
            case "openOrders.cancelAll" ->
            {
                weights.admit(ip, 1);
                return operations.cancelAll(params, authenticate(params));
            }
            case "order.status" ->
            {
                weights.admit(ip, 4);
                return operations.queryOrder(params, authenticate(params));
            }
            case "userDataStream.subscribe.signature" ->
            {
                weights.admit(ip, 2);
                final long account = authenticate(params);
                params.requireAllRead();
                final int subscriptionId;
                synchronized (session)
                {
                    if (session.subscriptions.containsValue(account))
                    {
                        throw new BinanceException(BinanceError.subscriptionActive());
                    }
                    subscriptionId = session.nextSubscriptionId++;
                    session.subscriptions.put(subscriptionId, account);
                }
                final ObjectNode result = BinanceJson.MAPPER.createObjectNode();
                result.put("subscriptionId", subscriptionId);
                return result;
            }
            case "userDataStream.unsubscribe" ->
            {
                weights.admit(ip, 2);
                final long subscriptionId = params.optionalLong("subscriptionId", -1);
                params.requireAllRead();
                final List<Integer> stopped = new ArrayList<>();
                // Under the session's lock, as deliver sends, so no event of a stopped subscription follows its
                // eventStreamTerminated (which the docs send when userDataStream.unsubscribe stops a subscription).
                synchronized (session)
                {
                    if (subscriptionId < 0)
                    {
                        stopped.addAll(session.subscriptions.keySet());
                        session.subscriptions.clear();
                    }
                    else if (session.subscriptions.remove((int)subscriptionId) != null)
                    {
                        stopped.add((int)subscriptionId);
                    }
                    else
                    {
                        throw new BinanceException(new BinanceError(400, -2, "Not subscribed to subscriptionId "
                            + subscriptionId + "."));
                    }
                    final long nowMs = clockMs.getAsLong();
                    for (final int stoppedId : stopped)
                    {
                        conn.send(wrapEvent(stoppedId, events.streamTerminated(nowMs)).toString());
                    }
                }
                return BinanceJson.MAPPER.createObjectNode();
            }
            default -> throw new BinanceException(new BinanceError(400, -1020, "Unknown method " + method + "."));
        }
    }

    private long authenticate(final RequestParams params)
    {
        final String apiKey = params.required("apiKey");
        return authenticator.authenticate(apiKey, params, WsApiSigningPayload.of(params.asMap()));
    }

    /** Request params as name → text; nested values are not parameters Binance takes. */
    private static Map<String, String> params(final JsonNode node)
    {
        final Map<String, String> params = new LinkedHashMap<>();
        if (node == null || node.isNull())
        {
            return params;
        }
        if (!node.isObject())
        {
            throw new BinanceException(BinanceError.invalidParameter("params"));
        }
        final Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext())
        {
            final Map.Entry<String, JsonNode> field = fields.next();
            final JsonNode value = field.getValue();
            if (value.isContainerNode())
            {
                throw new BinanceException(BinanceError.invalidParameter(field.getKey()));
            }
            params.put(field.getKey(), value.isBigDecimal() ? value.decimalValue().toPlainString() : value.asText());
        }
        return params;
    }

    private ObjectNode response(final JsonNode id, final int status, final JsonNode result, final BinanceError error,
        final String ip, final long[] orderCounts)
    {
        final ObjectNode response = BinanceJson.MAPPER.createObjectNode();
        response.set("id", id);
        response.put("status", status);
        if (error == null)
        {
            response.set("result", result);
        }
        else
        {
            final ObjectNode e = response.putObject("error");
            e.put("code", error.code());
            e.put("msg", error.msg());
            if (error.retryAfterMs() > 0)
            {
                final ObjectNode data = e.putObject("data");
                data.put("serverTime", clockMs.getAsLong());
                data.put("retryAfter", error.retryAfterMs());
            }
        }
        final ArrayNode rateLimits = response.putArray("rateLimits");
        if (orderCounts[0] >= 0)
        {
            rateLimit(rateLimits, "ORDERS", "SECOND", 10, limits.ordersPer10s(), orderCounts[0]);
            rateLimit(rateLimits, "ORDERS", "DAY", 1, limits.ordersPerDay(), orderCounts[1]);
        }
        rateLimit(rateLimits, "REQUEST_WEIGHT", "MINUTE", 1, limits.requestWeightPerMinute(), weights.used(ip));
        return response;
    }

    private static void rateLimit(final ArrayNode target, final String type, final String interval, final int num,
        final long limit, final long count)
    {
        final ObjectNode node = target.addObject();
        node.put("rateLimitType", type);
        node.put("interval", interval);
        node.put("intervalNum", num);
        node.put("limit", limit);
        node.put("count", count);
    }

    @Override
    public void onOrderUpdate(final long accountId, final OrderView order, final String executionType,
        final Fill lastFill, final long eventTimeMs)
    {
        if (hasSubscriber(accountId))
        {
            deliver(accountId, events.executionReport(order, executionType, lastFill, eventTimeMs));
        }
    }

    @Override
    public void onBalanceUpdate(final long accountId, final List<BalanceView> changed, final long eventTimeMs)
    {
        if (hasSubscriber(accountId))
        {
            deliver(accountId, events.accountPosition(changed, eventTimeMs));
        }
    }

    @Override
    public void onDepthChange(final String symbol, final long firstUpdateId, final long lastUpdateId,
        final long eventTimeMs, final List<long[]> changedBids, final List<long[]> changedAsks)
    {
    }

    @Override
    public void onPublicTrade(final String symbol, final long tradeId, final long price, final long qty,
        final boolean buyerIsMaker, final long timeMs, final long buyerOrderId, final long sellerOrderId)
    {
    }

    private boolean hasSubscriber(final long accountId)
    {
        for (final WebSocket conn : getConnections())
        {
            final Session session = conn.getAttachment();
            if (session != null && session.subscriptions.containsValue(accountId))
            {
                return true;
            }
        }
        return false;
    }

    private static ObjectNode wrapEvent(final int subscriptionId, final ObjectNode event)
    {
        final ObjectNode wrapped = BinanceJson.MAPPER.createObjectNode();
        wrapped.put("subscriptionId", subscriptionId);
        wrapped.set("event", event);
        return wrapped;
    }

    private void deliver(final long accountId, final ObjectNode event)
    {
        for (final WebSocket conn : getConnections())
        {
            final Session session = conn.getAttachment();
            if (session == null || !conn.isOpen())
            {
                continue;
            }
            synchronized (session)
            {
                for (final Map.Entry<Integer, Long> subscription : session.subscriptions.entrySet())
                {
                    if (subscription.getValue() == accountId)
                    {
                        conn.send(wrapEvent(subscription.getKey(), event).toString());
                    }
                }
            }
        }
    }
}
