package io.mmfleet.venuesim.binance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmfleet.venuesim.engine.BalanceView;
import io.mmfleet.venuesim.engine.EngineExecutor;
import io.mmfleet.venuesim.engine.EngineListener;
import io.mmfleet.venuesim.engine.Fill;
import io.mmfleet.venuesim.engine.InstrumentSpec;
import io.mmfleet.venuesim.engine.OrderView;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.java_websocket.WebSocket;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.framing.Framedata;
import org.java_websocket.framing.TextFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binance's market data WebSocket: raw streams at {@code /ws/<stream>}, combined streams at
 * {@code /stream?streams=a/b} (payloads wrapped {@code {"stream":..,"data":..}}), live SUBSCRIBE / UNSUBSCRIBE /
 * LIST_SUBSCRIPTIONS, diff depth coalesced per 100 ms or 1000 ms, partial books, trades, server pings with a pong
 * deadline and a connection lifetime. All sends happen on one timer thread so each connection sees events in order.
 */
public final class MarketStreamServer extends WebSocketServer implements EngineListener
{
    private static final Logger LOG = LoggerFactory.getLogger(MarketStreamServer.class);
    private static final long TICK_MS = 100;
    private static final long SLOW_DEPTH_MS = 1000;
    private static final int MAX_STREAMS_PER_CONNECTION = 1024;
    /** Binance disconnects a connection that sends more than 5 messages in a second. */
    private static final int MAX_INCOMING_PER_SECOND = 5;

    /**
     * A symbol's diff depth windows (100 ms and 1000 ms) and the names of its diff depth and trade streams, spelled
     * once so an event builds no strings.
     */
    private static final class SymbolStreams
    {
        final InstrumentSpec spec;
        final DepthWindow fastWindow = new DepthWindow();
        final DepthWindow slowWindow = new DepthWindow();
        final String fastStream;
        final String slowStream;
        final String slowStreamExplicit;
        final String tradeStream;

        SymbolStreams(final InstrumentSpec spec)
        {
            this.spec = spec;
            final String lowerSymbol = spec.symbol().toLowerCase(java.util.Locale.ROOT);
            fastStream = lowerSymbol + "@depth@100ms";
            slowStream = lowerSymbol + "@depth";
            slowStreamExplicit = lowerSymbol + "@depth@1000ms";
            tradeStream = lowerSymbol + "@trade";
        }
    }

    /**
     * Per connection: its streams, how payloads are framed (the "combined" property, which SET_PROPERTY may change at
     * any time), and its liveness clocks.
     */
    private static final class Session implements ConnectionKeepAlive.Tracked
    {
        final Set<String> streams = ConcurrentHashMap.newKeySet();
        volatile boolean combined;
        final long openedAtMs;
        final IntervalCounter incoming = new IntervalCounter(1000);
        final PongDeadline pong = new PongDeadline();

        Session(final boolean combined, final long nowMs)
        {
            this.combined = combined;
            this.openedAtMs = nowMs;
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

    private final EngineExecutor executor;
    private final Instruments instruments;
    private final BinanceVenueConfig config;
    private final LongSupplier clockMs;
    private final ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(RestServer.namedThreads("stream-timer"));
    private final Map<String, Set<WebSocket>> subscribers = new ConcurrentHashMap<>();
    private final Map<String, SymbolStreams> streamsBySymbol = new HashMap<>();
    private final SymbolStreams[] allSymbolStreams;
    /** The stream timer's frame buffers and frame (every send happens on that one thread), reused for every event. */
    private final TextFrameBuffer eventFrame = new TextFrameBuffer();
    private final TextFrameBuffer envelopeFrame = new TextFrameBuffer();
    private final TextFrame textFrame = new TextFrame();
    private final CountDownLatch started = new CountDownLatch(1);
    private long lastSlowFlushMs;
    private ConnectionKeepAlive keepAlive;

    public MarketStreamServer(final BinanceVenueConfig config, final EngineExecutor executor,
        final Instruments instruments, final LongSupplier clockMs)
    {
        super(new InetSocketAddress(config.bindHost(), config.streamPort()));
        this.config = config;
        this.executor = executor;
        this.instruments = instruments;
        this.clockMs = clockMs;
        for (final InstrumentSpec spec : instruments.all())
        {
            streamsBySymbol.put(spec.symbol(), new SymbolStreams(spec));
        }
        allSymbolStreams = streamsBySymbol.values().toArray(new SymbolStreams[0]);
        setReuseAddr(true);
        setConnectionLostTimeout(0);
    }

    /** Starts listening and the stream timer; returns once the port is bound. */
    public void startAndAwait() throws IOException
    {
        start();
        try
        {
            if (!started.await(10, TimeUnit.SECONDS))
            {
                throw new IOException("market stream server did not start");
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted starting the market stream server", ex);
        }
        lastSlowFlushMs = clockMs.getAsLong();
        keepAlive = new ConnectionKeepAlive(config.pingInterval(), config.pongTimeout(), config.connectionLifetime(), lastSlowFlushMs);
        timer.scheduleAtFixedRate(this::tick, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
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
        final URI uri = URI.create(handshake.getResourceDescriptor());
        final String path = uri.getPath();
        final List<String> requested = new ArrayList<>();
        final boolean combined;
        if (path.equals("/stream"))
        {
            combined = true;
            final String query = uri.getRawQuery();
            if (query != null && query.startsWith("streams="))
            {
                for (final String name : URLDecoder.decode(query.substring("streams=".length()), StandardCharsets.UTF_8)
                    .split("/"))
                {
                    requested.add(name);
                }
            }
        }
        else if (path.equals("/ws") || path.startsWith("/ws/"))
        {
            combined = false;
            if (path.length() > "/ws/".length())
            {
                requested.add(path.substring("/ws/".length()));
            }
        }
        else
        {
            conn.close(CloseFrame.POLICY_VALIDATION, "Unknown path " + path);
            return;
        }
        final Session session = new Session(combined, clockMs.getAsLong());
        conn.setAttachment(session);
        for (final String name : requested)
        {
            if (!validStream(name))
            {
                conn.close(CloseFrame.POLICY_VALIDATION, "Invalid stream name " + name);
                return;
            }
        }
        for (final String name : requested)
        {
            subscribe(conn, session, name);
        }
    }

    @Override
    public void onClose(final WebSocket conn, final int code, final String reason, final boolean remote)
    {
        final Session session = conn.getAttachment();
        if (session != null)
        {
            for (final String stream : session.streams)
            {
                unsubscribe(conn, session, stream);
            }
        }
    }

    @Override
    public void onMessage(final WebSocket conn, final String message)
    {
        final Session session = conn.getAttachment();
        final long received;
        synchronized (session)
        {
            received = session.incoming.add(1, clockMs.getAsLong());
        }
        if (received > MAX_INCOMING_PER_SECOND)
        {
            conn.close(CloseFrame.POLICY_VALIDATION, "Too many messages; at most " + MAX_INCOMING_PER_SECOND
                + " per second");
            return;
        }
        final JsonNode request;
        try
        {
            request = BinanceJson.MAPPER.readTree(message);
        }
        catch (final com.fasterxml.jackson.core.JsonProcessingException ex)
        {
            conn.send(errorReply(3, "Invalid JSON: expected value at line " + ex.getLocation().getLineNr() +
                " column " + ex.getLocation().getColumnNr(), null));
            return;
        }
        if (request == null || !request.isObject())
        {
            conn.send(errorReply(3, "Invalid JSON: expected an object", null));
            return;
        }
        final JsonNode id = request.get("id");
        if (id == null || !(id.isIntegralNumber() && id.asLong() >= 0 || id.isTextual() || id.isNull()))
        {
            conn.send(errorReply(2, "Invalid request: request ID must be an unsigned integer", null));
            return;
        }
        final JsonNode method = request.get("method");
        final JsonNode params = request.get("params");
        if (method == null || !method.isTextual())
        {
            conn.send(errorReply(2, method == null ? "Invalid request: missing field `method`" :
                "Invalid request: method must be a string", id));
            return;
        }
        switch (method.asText())
        {
            case "SUBSCRIBE", "UNSUBSCRIBE" ->
            {
                if (params == null || !params.isArray())
                {
                    conn.send(errorReply(2, "Invalid request: params must be an array", id));
                    return;
                }
                for (final JsonNode name : params)
                {
                    if (!name.isTextual() || !validStream(name.asText()))
                    {
                        conn.send(errorReply(2, "Invalid request: invalid stream name " + name, id));
                        return;
                    }
                }
                if ("SUBSCRIBE".equals(method.asText()) && session.streams.size() + params.size() > MAX_STREAMS_PER_CONNECTION)
                {
                    conn.send(errorReply(2, "Invalid request: too many streams (max " + MAX_STREAMS_PER_CONNECTION + ")", id));
                    return;
                }
                for (final JsonNode name : params)
                {
                    if ("SUBSCRIBE".equals(method.asText()))
                    {
                        subscribe(conn, session, name.asText());
                    }
                    else
                    {
                        unsubscribe(conn, session, name.asText());
                    }
                }
                conn.send(resultReply(null, id));
            }
            case "LIST_SUBSCRIPTIONS" ->
            {
                final ArrayNode list = BinanceJson.MAPPER.createArrayNode();
                session.streams.forEach(list::add);
                conn.send(resultReply(list, id));
            }
            case "SET_PROPERTY" -> conn.send(setProperty(session, params, id));
            case "GET_PROPERTY" -> conn.send(getProperty(session, params, id));
            // The docs' error table gives this text with a fixed position, as Binance's parser reports it.
            default -> conn.send(errorReply(2, "Invalid request: unknown variant `" + method.asText() + "`, expected "
                + "one of `SUBSCRIBE`, `UNSUBSCRIBE`, `LIST_SUBSCRIPTIONS`, `SET_PROPERTY`, `GET_PROPERTY` at line 1 "
                + "column 28", id));
        }
    }

    /** {@code ["combined", true|false]}: the only property Binance lets a connection set. */
    private static String setProperty(final Session session, final JsonNode params, final JsonNode id)
    {
        final String nameError = propertyNameError(params, 2, id);
        if (nameError != null)
        {
            return nameError;
        }
        final JsonNode value = params.get(1);
        if (value == null || !value.isBoolean())
        {
            return errorReply(1, "Invalid value type: expected Boolean", id);
        }
        session.combined = value.booleanValue();
        return resultReply(null, id);
    }

    private static String getProperty(final Session session, final JsonNode params, final JsonNode id)
    {
        final String nameError = propertyNameError(params, 1, id);
        return nameError != null ? nameError :
            resultReply(BinanceJson.MAPPER.getNodeFactory().booleanNode(session.combined), id);
    }

    /**
     * The docs' error reply when a SET_PROPERTY / GET_PROPERTY params array does not name "combined" within
     * {@code maxParams} entries; null when it does.
     */
    private static String propertyNameError(final JsonNode params, final int maxParams, final JsonNode id)
    {
        if (params == null || !params.isArray() || params.isEmpty() || !params.get(0).isTextual())
        {
            return errorReply(2, "Invalid request: property name must be a string", id);
        }
        if (params.size() > maxParams)
        {
            return errorReply(2, "Invalid request: too many parameters", id);
        }
        return "combined".equals(params.get(0).asText()) ? null : errorReply(0, "Unknown property", id);
    }

    @Override
    public void onWebsocketPong(final WebSocket conn, final Framedata frame)
    {
        ConnectionKeepAlive.onPong(conn, frame);
    }

    @Override
    public void onError(final WebSocket conn, final Exception ex)
    {
        LOG.info("event=stream_error reason={}", ex.toString());
    }

    @Override
    public void onDepthChange(final String symbol, final long firstUpdateId, final long lastUpdateId,
        final long eventTimeMs, final List<long[]> changedBids, final List<long[]> changedAsks)
    {
        final SymbolStreams depth = streamsBySymbol.get(symbol);
        synchronized (depth.fastWindow)
        {
            depth.fastWindow.add(firstUpdateId, lastUpdateId, changedBids, changedAsks);
        }
        synchronized (depth.slowWindow)
        {
            depth.slowWindow.add(firstUpdateId, lastUpdateId, changedBids, changedAsks);
        }
    }

    @Override
    public void onPublicTrade(final String symbol, final long tradeId, final long price, final long qty,
        final boolean buyerIsMaker, final long timeMs, final long buyerOrderId, final long sellerOrderId)
    {
        final SymbolStreams streams = streamsBySymbol.get(symbol);
        if (!hasSubscribers(streams.tradeStream) || timer.isShutdown())
        {
            return;
        }
        // Written on the timer thread, which owns the frame buffers: the engine thread hands over only the numbers.
        timer.execute(() ->
        {
            TradeEvent.write(eventFrame, streams.spec, tradeId, price, qty, buyerIsMaker, timeMs);
            publish(streams.tradeStream, eventFrame);
        });
    }

    @Override
    public void onOrderUpdate(final long accountId, final OrderView order, final String executionType,
        final Fill lastFill, final long eventTimeMs)
    {
    }

    @Override
    public void onBalanceUpdate(final long accountId, final List<BalanceView> changed, final long eventTimeMs)
    {
    }

    private boolean validStream(final String name)
    {
        final StreamName stream = StreamName.parse(name);
        return stream != null && instruments.has(stream.symbol());
    }

    private void subscribe(final WebSocket conn, final Session session, final String name)
    {
        if (session.streams.add(name))
        {
            subscribers.computeIfAbsent(name, ignored -> ConcurrentHashMap.newKeySet()).add(conn);
        }
    }

    private void unsubscribe(final WebSocket conn, final Session session, final String name)
    {
        session.streams.remove(name);
        final Set<WebSocket> conns = subscribers.get(name);
        if (conns != null)
        {
            conns.remove(conn);
        }
    }

    private void tick()
    {
        try
        {
            final long now = clockMs.getAsLong();
            final boolean slowDue = now - lastSlowFlushMs >= SLOW_DEPTH_MS;
            if (slowDue)
            {
                lastSlowFlushMs = now;
            }
            for (final SymbolStreams depth : allSymbolStreams)
            {
                flushDiffDepth(depth.spec, depth.fastWindow, depth.fastStream, null, now);
                if (slowDue)
                {
                    flushDiffDepth(depth.spec, depth.slowWindow, depth.slowStream, depth.slowStreamExplicit, now);
                }
            }
            publishPartialBooks(slowDue);
            keepAlive.tick(now, getConnections());
        }
        catch (final RuntimeException ex)
        {
            LOG.error("event=stream_tick_failure", ex);
        }
    }

    /**
     * Drains the window into one {@code depthUpdate} frame for {@code stream} and {@code alsoStream} (null for none).
     * A window nobody subscribes to is drained without being written.
     */
    private void flushDiffDepth(final InstrumentSpec spec, final DepthWindow window, final String stream,
        final String alsoStream, final long now)
    {
        final boolean wanted = hasSubscribers(stream) || alsoStream != null && hasSubscribers(alsoStream);
        synchronized (window)
        {
            if (window.isEmpty())
            {
                return;
            }
            if (wanted)
            {
                DiffDepthEvent.write(eventFrame, spec, window, now);
            }
            window.clear();
        }
        if (wanted)
        {
            publish(stream, eventFrame);
            if (alsoStream != null)
            {
                publish(alsoStream, eventFrame);
            }
        }
    }

    private void publishPartialBooks(final boolean slowDue)
    {
        for (final Map.Entry<String, Set<WebSocket>> entry : subscribers.entrySet())
        {
            final StreamName stream = StreamName.parse(entry.getKey());
            if (stream.kind() != StreamName.Kind.PARTIAL_DEPTH || entry.getValue().isEmpty() || !stream.fast() && !slowDue)
            {
                continue;
            }
            final InstrumentSpec spec = instruments.spec(stream.symbol());
            executor.submit(e -> e.depth(stream.symbol(), stream.levels())).thenAcceptAsync(depth ->
            {
                PartialDepthEvent.write(eventFrame, spec, depth);
                publish(stream.name(), eventFrame);
            }, timer);
        }
    }

    private boolean hasSubscribers(final String stream)
    {
        final Set<WebSocket> conns = subscribers.get(stream);
        return conns != null && !conns.isEmpty();
    }

    /**
     * Sends {@code data} to the stream's subscribers as a text frame straight from its bytes (a combined-stream
     * subscriber gets it wrapped in {"stream":..,"data":..}, written once per publish), so no String is made of it.
     * Java-WebSocket copies the payload into the frame it queues, which frees both buffers for the next event.
     * Stream timer thread only.
     */
    private void publish(final String stream, final TextFrameBuffer data)
    {
        final Set<WebSocket> conns = subscribers.get(stream);
        if (conns == null || conns.isEmpty())
        {
            return;
        }
        boolean wrapped = false;
        for (final WebSocket conn : conns)
        {
            final Session session = conn.getAttachment();
            if (!conn.isOpen() || session == null)
            {
                continue;
            }
            final TextFrameBuffer text;
            if (session.combined)
            {
                if (!wrapped)
                {
                    envelopeFrame.reset().appendAscii("{\"stream\":").appendString(stream)
                        .appendAscii(",\"data\":").append(data).append('}');
                    wrapped = true;
                }
                text = envelopeFrame;
            }
            else
            {
                text = data;
            }
            textFrame.setPayload(text.payload());
            conn.sendFrame(textFrame);
        }
    }

    private static String resultReply(final JsonNode result, final JsonNode id)
    {
        final ObjectNode reply = BinanceJson.MAPPER.createObjectNode();
        reply.set("result", result);
        reply.set("id", id);
        return reply.toString();
    }

    /**
     * The docs' "Error Messages" table shows a bad request answered with a bare {"code", "msg"} object, carrying the
     * request's "id" beside them (as its "Unknown property" row does) when the request had a usable one; null leaves
     * it out.
     */
    private static String errorReply(final int code, final String msg, final JsonNode id)
    {
        final ObjectNode reply = BinanceJson.MAPPER.createObjectNode();
        reply.put("code", code);
        reply.put("msg", msg);
        if (id != null && !id.isNull())
        {
            reply.set("id", id);
        }
        return reply.toString();
    }
}
