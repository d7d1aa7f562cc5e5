package io.mmfleet.exechandler.gateway;

import io.mmfleet.bus.EpochClock;
import io.mmfleet.bus.http.BoundedHttpClient;
import io.mmfleet.bus.runtime.JitteredBackoff;
import io.mmfleet.exechandler.ExecHandlerConfig;
import io.mmfleet.exechandler.KillPoints;
import io.mmfleet.exechandler.binance.Balance;
import io.mmfleet.exechandler.binance.BinanceErrors;
import io.mmfleet.exechandler.binance.BinanceProtocolException;
import io.mmfleet.exechandler.binance.BinanceSigner;
import io.mmfleet.exechandler.binance.InstrumentRules;
import io.mmfleet.exechandler.binance.RateLimitUsage;
import io.mmfleet.exechandler.binance.RestParser;
import io.mmfleet.exechandler.binance.RestRateLimitHeaders;
import io.mmfleet.exechandler.binance.RestRequests;
import io.mmfleet.exechandler.binance.WsApiMessage;
import io.mmfleet.exechandler.binance.WsApiParser;
import io.mmfleet.exechandler.binance.WsApiRequests;
import io.mmfleet.exechandler.venue.GatewayListener;
import io.mmfleet.exechandler.venue.NewOrder;
import io.mmfleet.exechandler.venue.RequestKind;
import io.mmfleet.exechandler.venue.UpdateOrigin;
import io.mmfleet.exechandler.venue.VenueError;
import io.mmfleet.exechandler.venue.VenueFill;
import io.mmfleet.exechandler.venue.VenueGateway;
import io.mmfleet.exechandler.venue.VenueOrderUpdate;
import io.mmfleet.exechandler.venue.VenueSymbol;
import io.mmfleet.sbe.RejectReason;
import io.mmfleet.sbe.ThrottleState;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.slf4j.Logger;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Binance Spot order entry: one WebSocket API connection carries order.place, order.cancel and
 * openOrders.cancelAll and, subscribed on the same connection with
 * userDataStream.subscribe.signature, the account's executionReport and outboundAccountPosition
 * events; REST carries the clock, exchangeInfo, account balances, order lookups and trade lists.
 * Everything runs on the event loop: the socket and HTTP threads only queue what arrives.
 *
 * <p>An answer with HTTP status 5xx (or Binance -1007) does not say whether the request took
 * effect, as Binance's docs insist; it is reported as an unknown outcome, so the order core looks
 * the order up instead of assuming either way. The same goes for a request whose answer does not
 * come within REQUEST_TIMEOUT or whose connection drops.
 */
public final class BinanceGateway implements VenueGateway
{
    /** Where instrument rules, balances, trades and the throttle state go (the daemon publishes them). */
    public interface AccountListener
    {
        void onInstrumentRules(List<InstrumentRules> rules);

        /** Balances: all of them from REST ({@code complete}), or those an account event changed. */
        void onBalances(List<Balance> balances, boolean complete, long venueTimeMs);

        /** A page of the account's trades on one symbol, ascending trade ids. */
        void onAccountTrades(VenueSymbol symbol, List<VenueFill> trades, long venueTimeMs);

        void onThrottleChanged(ThrottleState state);
    }

    private static final int INBOUND_CAPACITY = 16_384;
    private static final int MAX_REST_BODY_BYTES = 8 << 20;
    private static final int TRADES_PAGE = 1000;
    /** Used when a 429/418 carries no usable Retry-After. */
    private static final long DEFAULT_RETRY_AFTER_MS = 5_000;
    private static final long DEFAULT_BAN_MS = 120_000;
    /** Retry pace of the clock and exchangeInfo requests until they first succeed. */
    private static final Duration STARTUP_RETRY = Duration.ofSeconds(1);

    private final ExecHandlerConfig config;
    private final String apiKey;
    private final BinanceSigner signer;
    private final EpochClock clock;
    private final Logger log;
    private final AccountListener account;
    private final ManyToOneConcurrentArrayQueue<Inbound> inbound = new ManyToOneConcurrentArrayQueue<>(INBOUND_CAPACITY);
    private final BoundedHttpClient http;
    private final WsApiParser wsParser = new WsApiParser();
    private final RestParser restParser = new RestParser();
    private final ServerClock serverClock = new ServerClock();
    private final ThrottleTracker throttle;
    private final JitteredBackoff reconnectBackoff;
    private final Map<String, VenueSymbol> symbols = new HashMap<>();
    private final Map<String, WsCall> wsCalls = new HashMap<>();
    /** Answers decided here without asking the venue; delivered on the next duty cycle, never inside the caller's call. */
    private final ArrayDeque<Runnable> deferred = new ArrayDeque<>();
    private final Set<String> malformedKindsLogged = new HashSet<>();
    private final long[] accountTradesFromId;
    private GatewayListener listener;

    private WsApiClient ws;
    private int nextConnectionId;
    private boolean wsOpen;
    private boolean subscribeSent;
    private boolean subscribed;
    private boolean rulesLoaded;
    private boolean ready;
    private long nextRequestId;
    private long reconnectDueNs;
    private long handshakeDeadlineNs;
    private long nextTimeSyncNs;
    private long nextExchangeInfoNs;
    private long nextAccountNs;
    private boolean timeSyncInFlight;
    private ThrottleState lastThrottleState = ThrottleState.OK;
    // Counters written by the event loop only and read by the metrics scrape: volatile, no locks.
    private volatile long malformed;
    private volatile long ignoredEvents;
    /** Frames the socket threads could not hand over (queue full, or binary): each closes or is ignored. */
    private final AtomicLong framesDropped = new AtomicLong();
    private final int[] restFailuresInARow = new int[RestCall.Kind.values().length];
    /** Arrival of the venue frame being handled, epoch ns; 0 outside the handling of one. */
    private long originNs;
    private volatile long sessionsLost;

    public BinanceGateway(
        final ExecHandlerConfig config,
        final String apiKey,
        final BinanceSigner signer,
        final EpochClock clock,
        final Logger log,
        final AccountListener account)
    {
        this.config = config;
        this.apiKey = apiKey;
        this.signer = signer;
        this.clock = clock;
        this.log = log;
        this.account = account;
        this.http = new BoundedHttpClient(config.requestTimeout(), MAX_REST_BODY_BYTES);
        this.throttle = new ThrottleTracker(config.throttleWarnPercent());
        this.reconnectBackoff = new JitteredBackoff(
            config.reconnectBackoffMin().toNanos(), config.reconnectBackoffMax().toNanos(), new SplittableRandom());
        for (final VenueSymbol symbol : config.symbols())
        {
            symbols.put(symbol.venueSymbol(), symbol);
        }
        this.accountTradesFromId = new long[config.symbols().size()];
        Arrays.fill(accountTradesFromId, -1);
    }

    /** The order core; set once, before {@link #start}. */
    public void listener(final GatewayListener listener)
    {
        this.listener = listener;
    }

    /** Measures the clock, loads the instrument rules and opens the WebSocket API connection. */
    public void start(final long nowNs)
    {
        nextTimeSyncNs = nowNs;
        nextExchangeInfoNs = nowNs;
        nextAccountNs = nowNs;
        reconnectDueNs = nowNs;
    }

    public int doWork(final long nowNs)
    {
        int work = 0;
        while (!deferred.isEmpty())
        {
            deferred.poll().run();
            work++;
        }
        Inbound event;
        while ((event = inbound.poll()) != null)
        {
            onInbound(event, nowNs);
            work++;
        }
        work += expireCalls(nowNs);
        work += runTimers(nowNs);
        final ThrottleState state = throttle.state(venueTimeMs());
        if (state != lastThrottleState)
        {
            lastThrottleState = state;
            log.warn("event=throttle_state state={} used_weight_1m={} order_count_10s={} retry_after_ms={}",
                state, throttle.usedWeight1m(venueTimeMs()), throttle.orderCount10s(venueTimeMs()), throttle.retryAfterMs(venueTimeMs()));
            account.onThrottleChanged(state);
            work++;
        }
        return work;
    }

    public void close()
    {
        if (ws != null)
        {
            ws.close();
        }
    }

    @Override
    public boolean isReady()
    {
        return ready;
    }

    @Override
    public long venueTimeMs()
    {
        return serverClock.venueTimeMs(clock.nanoTime() / 1_000_000L);
    }

    @Override
    public long receiveWindowMs()
    {
        return config.recvWindow().toMillis();
    }

    public ThrottleTracker throttle()
    {
        return throttle;
    }

    public long clockOffsetMs()
    {
        return serverClock.offsetMs();
    }

    /** When the venue frame now being handled arrived (epoch ns), or 0: the originNs of what it causes. */
    public long originNs()
    {
        return originNs;
    }

    public long malformedMessages()
    {
        return malformed;
    }

    /** Documented user-data events the order path has no use for. */
    public long ignoredEvents()
    {
        return ignoredEvents;
    }

    public long framesDropped()
    {
        return framesDropped.get();
    }

    public long sessionsLost()
    {
        return sessionsLost;
    }

    /** Why the gateway is not ready, for /health; null when ready. */
    public String notReadyReason()
    {
        if (ready)
        {
            return null;
        }
        if (!serverClock.isSynced())
        {
            return "venue clock not measured yet";
        }
        if (!rulesLoaded)
        {
            return "exchangeInfo not loaded yet";
        }
        if (!wsOpen)
        {
            return "WebSocket API not connected";
        }
        return "user data stream not subscribed";
    }

    // ------------------------------------------------------------------------------------------
    // Order entry

    @Override
    public void place(final NewOrder order)
    {
        final VenueSymbol symbol = order.symbol();
        final String coid = order.clientOrderId();
        final VenueError refusal = refusal(true);
        if (refusal != null)
        {
            deferred.add(() -> listener.onPlaceRejected(symbol, coid, refusal));
            return;
        }
        final String id = nextId("place");
        final String text = WsApiRequests.orderPlace(id, order, apiKey, receiveWindowMs(), signer);
        if (!sendWs(id, new WsCall(RequestKind.PLACE, symbol, coid, System.nanoTime() + config.requestTimeout().toNanos()), text))
        {
            deferred.add(() -> listener.onPlaceRejected(symbol, coid, new VenueError(0, "not connected", RejectReason.NOT_CONNECTED)));
            return;
        }
        if (KillPoints.armed(KillPoints.AFTER_PLACE_SENT))
        {
            awaitWritten();
            KillPoints.reach(KillPoints.AFTER_PLACE_SENT);
        }
    }

    @Override
    public void cancel(final VenueSymbol symbol, final String origClientOrderId)
    {
        final VenueError refusal = refusal(false);
        if (refusal != null)
        {
            deferred.add(() -> listener.onCancelRejected(symbol, origClientOrderId, refusal));
            return;
        }
        final String id = nextId("cancel");
        final String text = WsApiRequests.orderCancel(id, symbol, origClientOrderId, apiKey, receiveWindowMs(), venueTimeMs(), signer);
        if (!sendWs(id, new WsCall(RequestKind.CANCEL, symbol, origClientOrderId, System.nanoTime() + config.requestTimeout().toNanos()), text))
        {
            deferred.add(() -> listener.onCancelRejected(symbol, origClientOrderId, new VenueError(0, "not connected", RejectReason.NOT_CONNECTED)));
        }
    }

    @Override
    public void cancelAll(final VenueSymbol symbol)
    {
        final VenueError refusal = refusal(false);
        if (refusal != null)
        {
            deferred.add(() -> listener.onCancelAllDone(symbol, refusal));
            return;
        }
        final String id = nextId("cancelall");
        final String text = WsApiRequests.openOrdersCancelAll(id, symbol, apiKey, receiveWindowMs(), venueTimeMs(), signer);
        if (!sendWs(id, new WsCall(RequestKind.CANCEL_ALL, symbol, null, System.nanoTime() + config.requestTimeout().toNanos()), text))
        {
            deferred.add(() -> listener.onCancelAllDone(symbol, new VenueError(0, "not connected", RejectReason.NOT_CONNECTED)));
        }
    }

    @Override
    public void lookup(final VenueSymbol symbol, final String clientOrderId)
    {
        if (!serverClock.isSynced() || !throttle.mayRequest(venueTimeMs()))
        {
            deferred.add(() -> listener.onOutcomeUnknown(RequestKind.LOOKUP, symbol, clientOrderId, 0,
                serverClock.isSynced() ? "throttled" : "venue clock not measured yet"));
            return;
        }
        sendRest(new RestCall(RestCall.Kind.LOOKUP, symbol, clientOrderId, 0, 0),
            RestRequests.orderLookup(symbol, clientOrderId, receiveWindowMs(), venueTimeMs(), signer), true);
    }

    @Override
    public void fetchTrades(final VenueSymbol symbol, final long venueOrderId)
    {
        if (!serverClock.isSynced() || !throttle.mayRequest(venueTimeMs()))
        {
            deferred.add(() -> listener.onOutcomeUnknown(RequestKind.FETCH_TRADES, symbol, null, venueOrderId,
                serverClock.isSynced() ? "throttled" : "venue clock not measured yet"));
            return;
        }
        sendRest(new RestCall(RestCall.Kind.ORDER_TRADES, symbol, null, venueOrderId, 0),
            RestRequests.myTradesForOrder(symbol, venueOrderId, receiveWindowMs(), venueTimeMs(), signer), true);
    }

    /** Why a request cannot go out now, or null. Orders also respect the venue's order-count windows. */
    private VenueError refusal(final boolean newOrder)
    {
        if (!ready)
        {
            return new VenueError(0, "not connected: " + notReadyReason(), RejectReason.NOT_CONNECTED);
        }
        final long now = venueTimeMs();
        if (newOrder ? !throttle.mayOrder(now) : !throttle.mayRequest(now))
        {
            return new VenueError(0, "throttled: " + throttle.state(now) + ", retry after " + throttle.retryAfterMs(now) + " ms",
                RejectReason.THROTTLED);
        }
        return null;
    }

    private String nextId(final String kind)
    {
        return kind + "-" + (++nextRequestId);
    }

    private boolean sendWs(final String id, final WsCall call, final String text)
    {
        if (ws == null || !wsOpen)
        {
            return false;
        }
        try
        {
            ws.send(text);
        }
        catch (final RuntimeException ex)
        {
            // Java-WebSocket throws when the connection closed under us: nothing was sent.
            return false;
        }
        wsCalls.put(id, call);
        if (log.isDebugEnabled())
        {
            // The request's id and kind only: its text carries the API key and signature.
            log.debug("event=ws_api_request id={} kind={} client_order_id={}", id, call.kind() == null ? "SUBSCRIBE" : call.kind(), call.clientOrderId());
        }
        return true;
    }

    /** Lets the socket's writer put the request on the wire before a kill point stops the process. */
    private void awaitWritten()
    {
        final long deadline = System.nanoTime() + 2_000_000_000L;
        while (ws.hasBufferedData() && System.nanoTime() < deadline)
        {
            Thread.onSpinWait();
        }
        try
        {
            Thread.sleep(50);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------------------------------
    // Timers: reconnect, clock, exchange info, account

    private int runTimers(final long nowNs)
    {
        // While the venue says wait (429, 418) or the minute's weight is spent, nothing is sent:
        // probing a ban only lengthens it.
        final boolean mayRequest = throttle.mayRequest(venueTimeMs());
        int work = 0;
        if (nowNs >= nextTimeSyncNs && !timeSyncInFlight && mayRequest)
        {
            // Until the first sample, retried every second: nothing can be signed without it.
            nextTimeSyncNs = nowNs + (serverClock.isSynced() ? config.timeSyncInterval() : STARTUP_RETRY).toNanos();
            timeSyncInFlight = true;
            sendRest(new RestCall(RestCall.Kind.TIME, null, null, 0, 0), RestRequests.time(), false);
            work++;
        }
        if (nowNs >= nextExchangeInfoNs && mayRequest)
        {
            // Retried every second until it first succeeds, then at EXCHANGE_INFO_INTERVAL.
            nextExchangeInfoNs = nowNs + (rulesLoaded ? config.exchangeInfoInterval() : STARTUP_RETRY).toNanos();
            sendRest(new RestCall(RestCall.Kind.EXCHANGE_INFO, null, null, 0, 0), RestRequests.exchangeInfo(config.symbols()), false);
            work++;
        }
        if (ws == null && nowNs >= reconnectDueNs && serverClock.isSynced() && mayRequest)
        {
            connect(nowNs);
            work++;
        }
        if (ws != null && !wsOpen && nowNs >= handshakeDeadlineNs)
        {
            // A venue that accepts the TCP connection but never completes the upgrade.
            dropConnection("WebSocket handshake not completed within " + config.requestTimeout().toMillis() + " ms", nowNs);
            work++;
        }
        if (wsOpen && !subscribeSent && serverClock.isSynced())
        {
            subscribe(nowNs);
            work++;
        }
        if (nowNs >= nextAccountNs && serverClock.isSynced() && mayRequest)
        {
            nextAccountNs = nowNs + config.accountSnapshotInterval().toNanos();
            requestAccount();
            work++;
        }
        return work;
    }

    private void connect(final long nowNs)
    {
        final int connectionId = ++nextConnectionId;
        ws = new WsApiClient(config.wsApiUrl(), config.maxFrameBytes(), connectionId, inbound, clock, framesDropped, (int)config.requestTimeout().toMillis());
        handshakeDeadlineNs = nowNs + config.requestTimeout().toNanos();
        log.info("event=ws_api_connecting url={} connection={}", config.wsApiUrl(), connectionId);
        ws.connect();
    }

    private void subscribe(final long nowNs)
    {
        subscribeSent = true;
        final String id = nextId("subscribe");
        final String text = WsApiRequests.userDataSubscribeSignature(id, apiKey, receiveWindowMs(), venueTimeMs(), signer);
        if (!sendWs(id, new WsCall(null, null, null, nowNs + config.requestTimeout().toNanos()), text))
        {
            dropConnection("user data subscription could not be sent", nowNs);
        }
    }

    /**
     * Every open order of the account, per symbol, as lookups: the order core learns of orders its
     * journal does not hold (placed by another client of the account, or before a lost journal)
     * and reports them, and of the state of those it does.
     */
    private void requestOpenOrders()
    {
        for (final VenueSymbol symbol : config.symbols())
        {
            sendRest(new RestCall(RestCall.Kind.OPEN_ORDERS, symbol, null, 0, 0),
                RestRequests.openOrders(symbol, receiveWindowMs(), venueTimeMs(), signer), true);
        }
    }

    /**
     * Balances and, per symbol, the trades after the last one published (AccountSnapshot's "trades
     * since a point": the point is the oldest trade of the first page this run fetched).
     */
    private void requestAccount()
    {
        sendRest(new RestCall(RestCall.Kind.ACCOUNT, null, null, 0, 0), RestRequests.account(receiveWindowMs(), venueTimeMs(), signer), true);
        for (int i = 0; i < config.symbols().size(); i++)
        {
            requestAccountTrades(i);
        }
    }

    /**
     * The account's trades on one symbol after the last one published; at the first call (-1) the
     * most recent page, so a restart starts from recent history rather than the account's first trade.
     */
    private void requestAccountTrades(final int index)
    {
        final VenueSymbol symbol = config.symbols().get(index);
        sendRest(new RestCall(RestCall.Kind.ACCOUNT_TRADES, symbol, null, 0, 0),
            RestRequests.myTradesFromId(symbol, accountTradesFromId[index], TRADES_PAGE, receiveWindowMs(), venueTimeMs(), signer), true);
    }

    private int symbolIndex(final VenueSymbol symbol)
    {
        return config.symbols().indexOf(symbol);
    }

    private void sendRest(final RestCall call, final String pathAndQuery, final boolean signed)
    {
        final URI uri = config.restUri(pathAndQuery);
        final HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(config.requestTimeout()).GET();
        if (signed)
        {
            request.header("X-MBX-APIKEY", apiKey);
        }
        final RestCall stamped = new RestCall(call.kind(), call.symbol(), call.clientOrderId(), call.venueOrderId(), clock.nanoTime() / 1_000_000L);
        http.send(request.build(), config.requestTimeout(), outcome ->
        {
            final Inbound done = new Inbound.RestDone(stamped, outcome, clock.nanoTime() / 1_000_000L);
            while (!inbound.offer(done))
            {
                Thread.onSpinWait();
            }
        });
    }

    // ------------------------------------------------------------------------------------------
    // Inbound

    private void onInbound(final Inbound event, final long nowNs)
    {
        if (event instanceof Inbound.WsText text)
        {
            if (ws != null && text.connectionId() == ws.connectionId())
            {
                originNs = text.receivedEpochNs();
                try
                {
                    onWsText(text.text(), nowNs);
                }
                finally
                {
                    originNs = 0;
                }
            }
        }
        else if (event instanceof Inbound.RestDone rest)
        {
            onRest(rest.call(), rest.outcome(), rest.receivedEpochMs());
        }
        else if (event instanceof Inbound.WsOpened opened)
        {
            if (ws != null && opened.connectionId() == ws.connectionId())
            {
                wsOpen = true;
                log.info("event=ws_api_connected connection={}", opened.connectionId());
            }
        }
        else if (event instanceof Inbound.WsClosed closed)
        {
            if (ws != null && closed.connectionId() == ws.connectionId())
            {
                dropConnection(closed.why(), nowNs);
            }
        }
    }

    private void onWsText(final String text, final long nowNs)
    {
        final WsApiMessage message;
        try
        {
            message = wsParser.parse(text);
        }
        catch (final BinanceProtocolException ex)
        {
            onMalformed("ws_frame", ex.getMessage());
            return;
        }
        if (message.kind() == WsApiMessage.Kind.EVENT)
        {
            onEvent(message, nowNs);
            return;
        }
        final WsCall call = wsCalls.remove(message.id());
        if (call == null)
        {
            onMalformed("ws_unexpected_response", "answer to no request in flight: id " + message.id());
            return;
        }
        noteRateLimits(message.rateLimits());
        if (message.error() != null)
        {
            onRateLimitRefusal(message.status(), message.error().code(), message.retryAfterEpochMs());
            resyncClockOnTimestampError(message.error().code());
        }
        if (call.kind() == null)
        {
            onSubscribeAnswer(message, nowNs);
            return;
        }
        final boolean unknownOutcome = message.isOutcomeUnknown();
        try
        {
            switch (call.kind())
            {
                case PLACE -> onPlaceAnswer(call, message, unknownOutcome);
                case CANCEL -> onCancelAnswer(call, message, unknownOutcome);
                case CANCEL_ALL -> onCancelAllAnswer(call, message, unknownOutcome);
                default -> onMalformed("ws_unexpected_response", "answer for a " + call.kind() + " request");
            }
        }
        catch (final BinanceProtocolException ex)
        {
            onMalformed("ws_" + call.kind().name().toLowerCase() + "_answer", ex.getMessage());
            listener.onOutcomeUnknown(call.kind(), call.symbol(), call.clientOrderId(), 0, "unreadable answer: " + ex.getMessage());
        }
    }

    private void onPlaceAnswer(final WsCall call, final WsApiMessage message, final boolean unknownOutcome)
    {
        if (unknownOutcome)
        {
            listener.onOutcomeUnknown(RequestKind.PLACE, call.symbol(), call.clientOrderId(), 0, "venue status " + message.status() + describe(message.error()));
        }
        else if (message.error() != null)
        {
            listener.onPlaceRejected(call.symbol(), call.clientOrderId(), message.error());
        }
        else
        {
            listener.onOrderUpdate(wsParser.orderResult(message.result(), UpdateOrigin.PLACE_REPLY, call.symbol()));
        }
    }

    private void onCancelAnswer(final WsCall call, final WsApiMessage message, final boolean unknownOutcome)
    {
        if (unknownOutcome)
        {
            listener.onOutcomeUnknown(RequestKind.CANCEL, call.symbol(), call.clientOrderId(), 0, "venue status " + message.status() + describe(message.error()));
        }
        else if (message.error() != null)
        {
            listener.onCancelRejected(call.symbol(), call.clientOrderId(), message.error());
        }
        else
        {
            listener.onOrderUpdate(wsParser.orderResult(message.result(), UpdateOrigin.CANCEL_REPLY, call.symbol()));
        }
    }

    private void onCancelAllAnswer(final WsCall call, final WsApiMessage message, final boolean unknownOutcome)
    {
        if (unknownOutcome)
        {
            listener.onOutcomeUnknown(RequestKind.CANCEL_ALL, call.symbol(), null, 0, "venue status " + message.status() + describe(message.error()));
        }
        else if (message.error() != null)
        {
            listener.onCancelAllDone(call.symbol(), message.error());
        }
        else
        {
            for (final VenueOrderUpdate update : wsParser.cancelAllResult(message.result(), call.symbol()))
            {
                listener.onOrderUpdate(update);
            }
            listener.onCancelAllDone(call.symbol(), null);
        }
    }

    private void onSubscribeAnswer(final WsApiMessage message, final long nowNs)
    {
        if (message.error() != null)
        {
            log.error("event=user_data_subscribe_refused code={} msg=\"{}\"", message.error().code(), message.error().message());
            dropConnection("user data subscription refused: " + message.error().code(), nowNs);
            return;
        }
        subscribed = true;
        reconnectBackoff.reset();
        log.info("event=user_data_subscribed subscription={}", wsParser.subscriptionId(message.result()));
        updateReadiness();
    }

    private void onEvent(final WsApiMessage message, final long nowNs)
    {
        final String type = message.eventType();
        try
        {
            switch (type == null ? "" : type)
            {
                case "executionReport" ->
                {
                    final String venueSymbol = wsParser.executionReportSymbol(message.event());
                    final VenueSymbol symbol = symbols.get(venueSymbol);
                    if (symbol == null)
                    {
                        onMalformed("execution_report_unknown_symbol", "executionReport for a symbol not in SYMBOLS: " + venueSymbol);
                        return;
                    }
                    listener.onOrderUpdate(wsParser.executionReport(message.event(), symbol));
                }
                case "outboundAccountPosition" -> account.onBalances(wsParser.accountPosition(message.event()), false, venueTimeMs());
                case "eventStreamTerminated" ->
                {
                    log.warn("event=user_data_terminated");
                    dropConnection("user data stream terminated by the venue", nowNs);
                }
                case "serverShutdown" ->
                {
                    log.warn("event=venue_server_shutdown");
                    dropConnection("the venue announced a server shutdown", nowNs);
                }
                // Documented events the order path does not need: balances come with outboundAccountPosition
                // and AccountSnapshots, order lists (OCO) and external locks are not placed by the fleet.
                case "balanceUpdate", "listStatus", "externalLockUpdate" -> ignoredEvents++;
                default -> onMalformed("event_" + (type == null ? "untyped" : "unknown"), "user data event not handled: " + type);
            }
        }
        catch (final BinanceProtocolException ex)
        {
            onMalformed("event_" + type, ex.getMessage());
        }
    }

    /**
     * Ends the connection: every request in flight gets an unknown outcome, the session is lost,
     * and a new connection is opened after a jittered backoff.
     */
    private void dropConnection(final String why, final long nowNs)
    {
        if (ws != null)
        {
            ws.close();
        }
        ws = null;
        wsOpen = false;
        subscribeSent = false;
        subscribed = false;
        reconnectDueNs = nowNs + reconnectBackoff.nextDelayNs();
        log.warn("event=ws_api_disconnected why=\"{}\" reconnect_in_ms={} requests_in_flight={}", why, (reconnectDueNs - nowNs) / 1_000_000, wsCalls.size());
        final Iterator<Map.Entry<String, WsCall>> calls = wsCalls.entrySet().iterator();
        while (calls.hasNext())
        {
            final WsCall call = calls.next().getValue();
            calls.remove();
            if (call.kind() != null)
            {
                listener.onOutcomeUnknown(call.kind(), call.symbol(), call.clientOrderId(), 0, "connection lost: " + why);
            }
        }
        if (ready)
        {
            ready = false;
            sessionsLost++;
            listener.onSessionLost(why);
        }
    }

    /**
     * Requests past their deadline get an unknown outcome; a WebSocket API session that lets a
     * request go unanswered that long is taken for dead (the venue hung, or the path black-holes)
     * and replaced, so the user data stream — and the fills on it — is not silently lost.
     */
    private int expireCalls(final long nowNs)
    {
        if (wsCalls.isEmpty())
        {
            return 0;
        }
        int expired = 0;
        final Iterator<Map.Entry<String, WsCall>> calls = wsCalls.entrySet().iterator();
        while (calls.hasNext())
        {
            final WsCall call = calls.next().getValue();
            if (nowNs >= call.deadlineNs())
            {
                calls.remove();
                expired++;
                if (call.kind() != null)
                {
                    listener.onOutcomeUnknown(call.kind(), call.symbol(), call.clientOrderId(), 0,
                        "no answer within " + config.requestTimeout().toMillis() + " ms");
                }
            }
        }
        if (expired > 0)
        {
            dropConnection(expired + " request(s) not answered within " + config.requestTimeout().toMillis() + " ms", nowNs);
        }
        return expired;
    }

    private void onRest(final RestCall call, final BoundedHttpClient.Outcome outcome, final long receivedEpochMs)
    {
        if (call.kind() == RestCall.Kind.TIME)
        {
            timeSyncInFlight = false;
        }
        if (!outcome.answered())
        {
            onRestFailed(call, outcome.error());
            return;
        }
        noteRestHeaders(outcome.headers());
        final String body = new String(outcome.body(), StandardCharsets.UTF_8);
        if (outcome.status() != 200)
        {
            VenueError error;
            try
            {
                error = BinanceErrors.parseErrorBody(body);
            }
            catch (final BinanceProtocolException ex)
            {
                error = null;
            }
            if (outcome.status() == 429 || outcome.status() == 418 || error != null)
            {
                onRateLimitRefusal(outcome.status(), error == null ? 0 : error.code(), retryAfterUntil(outcome.headers()));
            }
            if (error != null)
            {
                resyncClockOnTimestampError(error.code());
            }
            if (outcome.status() < 500 && error != null && call.kind() == RestCall.Kind.LOOKUP && error.code() == -2013)
            {
                // The lookup happened after it was sent: the send's venue time is a safe lower bound for "as of".
                listener.onLookupNotFound(call.symbol(), call.clientOrderId(), serverClock.venueTimeMs(call.sentEpochMs()));
                return;
            }
            onRestFailed(call, "HTTP " + outcome.status() + (error == null ? "" : describe(error)));
            return;
        }
        final int failedBefore = restFailuresInARow[call.kind().ordinal()];
        if (failedBefore > 0)
        {
            restFailuresInARow[call.kind().ordinal()] = 0;
            log.info("event=rest_recovered call={} after_failures={}", call.kind(), failedBefore);
        }
        try
        {
            switch (call.kind())
            {
                case TIME ->
                {
                    final boolean wasSynced = serverClock.isSynced();
                    if (serverClock.onSample(call.sentEpochMs(), receivedEpochMs, restParser.serverTime(body)) && !wasSynced)
                    {
                        log.info("event=venue_clock_synced offset_ms={} round_trip_ms={}", serverClock.offsetMs(), serverClock.roundTripMs());
                    }
                    updateReadiness();
                }
                case EXCHANGE_INFO ->
                {
                    final List<InstrumentRules> rules = restParser.exchangeInfo(body, config.symbols());
                    account.onInstrumentRules(rules);
                    if (!rulesLoaded)
                    {
                        rulesLoaded = true;
                        nextExchangeInfoNs = System.nanoTime() + config.exchangeInfoInterval().toNanos();
                        updateReadiness();
                    }
                }
                case ACCOUNT -> account.onBalances(restParser.account(body), true, serverClock.venueTimeMs(receivedEpochMs));
                case LOOKUP -> listener.onOrderUpdate(restParser.order(body, call.symbol()));
                case OPEN_ORDERS ->
                {
                    for (final VenueOrderUpdate update : restParser.openOrders(body, call.symbol()))
                    {
                        listener.onOrderUpdate(update);
                    }
                }
                case ORDER_TRADES -> listener.onTrades(call.symbol(), call.venueOrderId(), restParser.myTrades(body, call.symbol()));
                case ACCOUNT_TRADES ->
                {
                    final List<VenueFill> trades = restParser.myTrades(body, call.symbol());
                    final int index = symbolIndex(call.symbol());
                    for (final VenueFill trade : trades)
                    {
                        accountTradesFromId[index] = Math.max(accountTradesFromId[index], trade.tradeId() + 1);
                    }
                    account.onAccountTrades(call.symbol(), trades, serverClock.venueTimeMs(receivedEpochMs));
                    if (trades.size() == TRADES_PAGE && throttle.mayRequest(venueTimeMs()))
                    {
                        // A full page: there may be more, fetched now rather than a page per interval.
                        requestAccountTrades(index);
                    }
                }
                default -> throw new IllegalStateException("unhandled REST call " + call.kind());
            }
        }
        catch (final BinanceProtocolException ex)
        {
            onMalformed("rest_" + call.kind().name().toLowerCase(), ex.getMessage());
            onRestFailed(call, "unreadable answer: " + ex.getMessage());
        }
    }

    private void onRestFailed(final RestCall call, final String why)
    {
        switch (call.kind())
        {
            case LOOKUP -> listener.onOutcomeUnknown(RequestKind.LOOKUP, call.symbol(), call.clientOrderId(), 0, why);
            case ORDER_TRADES -> listener.onOutcomeUnknown(RequestKind.FETCH_TRADES, call.symbol(), null, call.venueOrderId(), why);
            case TIME, EXCHANGE_INFO, ACCOUNT, ACCOUNT_TRADES, OPEN_ORDERS ->
            {
                // Retried by their timers (the clock and exchangeInfo every second until they first succeed);
                // open orders at the next session: the orders the journal holds are looked up one by one anyway.
                // Logged at the 1st, 2nd, 4th, 8th... failure in a row, so a dead venue does not flood the log.
                final int inARow = ++restFailuresInARow[call.kind().ordinal()];
                if (Integer.bitCount(inARow) == 1)
                {
                    log.warn("event=rest_failed call={} failures_in_a_row={} why=\"{}\"", call.kind(), inARow, why);
                }
            }
            default -> throw new IllegalStateException("unhandled REST call " + call.kind());
        }
    }

    private void noteRateLimits(final List<RateLimitUsage> usages)
    {
        if (usages == null)
        {
            return;
        }
        final long now = venueTimeMs();
        for (final RateLimitUsage usage : usages)
        {
            final long intervalMs = ThrottleTracker.intervalMs(usage.interval(), usage.intervalNum());
            if (intervalMs > 0)
            {
                throttle.onUsage(usage.rateLimitType(), intervalMs, usage.limit(), usage.count(), now);
            }
        }
    }

    /**
     * A refusal for rate: -1015 (too many new orders) holds only new orders — cancels do not count —
     * until the venue's time or the end of its 10 s window; a 429/-1003 (request weight) or a 418
     * (ban) holds everything until the venue's retryAfter, or a default when it gave none.
     */
    private void onRateLimitRefusal(final int status, final int code, final long untilVenueMs)
    {
        final long now = venueTimeMs();
        if (code == -1015)
        {
            throttle.onOrderLimitUntil(untilVenueMs > now ? untilVenueMs : now - now % ThrottleTracker.TEN_SECONDS_MS + ThrottleTracker.TEN_SECONDS_MS);
        }
        else if (status == 418 || status == 429 || code == -1003)
        {
            final boolean ban = status == 418;
            throttle.onRetryUntil(ban, untilVenueMs > now ? untilVenueMs : now + (ban ? DEFAULT_BAN_MS : DEFAULT_RETRY_AFTER_MS));
        }
    }

    /** -1021 (timestamp outside the receive window): the clock offset has drifted; measure it now. */
    private void resyncClockOnTimestampError(final int code)
    {
        if (code == -1021)
        {
            nextTimeSyncNs = Long.MIN_VALUE;
        }
    }

    private void noteRestHeaders(final HttpHeaders headers)
    {
        try
        {
            noteRateLimits(RestRateLimitHeaders.usage(headers));
        }
        catch (final BinanceProtocolException ex)
        {
            onMalformed("rest_rate_limit_header", ex.getMessage());
        }
    }

    /** REST's Retry-After (seconds) as a venue time, or 0 when absent or unreadable. */
    private long retryAfterUntil(final HttpHeaders headers)
    {
        try
        {
            final long seconds = RestRateLimitHeaders.retryAfterSeconds(headers);
            return seconds > 0 ? venueTimeMs() + seconds * 1000 : 0;
        }
        catch (final BinanceProtocolException ex)
        {
            onMalformed("rest_retry_after", ex.getMessage());
            return 0;
        }
    }

    private void updateReadiness()
    {
        final boolean nowReady = wsOpen && subscribed && serverClock.isSynced() && rulesLoaded;
        if (nowReady && !ready)
        {
            ready = true;
            log.info("event=session_ready");
            listener.onSessionReady();
            requestOpenOrders();
        }
    }

    private void onMalformed(final String kind, final String detail)
    {
        malformed++;
        if (malformedKindsLogged.add(kind))
        {
            log.warn("event=venue_malformed kind={} detail=\"{}\" note=\"logged once per kind; see exec_handler_malformed_messages\"", kind, detail);
        }
    }

    private static String describe(final VenueError error)
    {
        return error == null ? "" : " code " + error.code() + " " + error.message();
    }

    /** A WebSocket API request in flight; kind null for the user data subscription. */
    private record WsCall(RequestKind kind, VenueSymbol symbol, String clientOrderId, long deadlineNs)
    {
    }
}
