package io.mmfleet.exechandler.gateway;

import io.mmfleet.bus.EpochClock;
import io.mmfleet.bus.runtime.JitteredBackoff;
import io.mmfleet.exechandler.ExecHandlerConfig;
import io.mmfleet.exechandler.binance.BinanceProtocolException;
import io.mmfleet.exechandler.binance.BinanceSigner;
import io.mmfleet.exechandler.binance.WsApiMessage;
import io.mmfleet.exechandler.binance.WsApiParser;
import io.mmfleet.exechandler.binance.WsApiRequests;
import io.mmfleet.exechandler.venue.GatewayListener;
import org.slf4j.Logger;

import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The WebSocket API session: connects (reconnecting after a jittered backoff), bounds the
 * handshake, subscribes the user data stream, matches answers to the requests in flight by id and
 * gives every request that goes unanswered, or whose connection drops, an unknown outcome.
 */
final class WsApiSession
{
    private final ExecHandlerConfig config;
    private final String apiKey;
    private final BinanceSigner signer;
    private final EpochClock clock;
    private final VenueClock venueClock;
    private final Queue<Inbound> inbound;
    private final WsApiParser wsParser;
    private final RateLimitInterpreter rateLimits;
    private final VenuePolling polling;
    private final MalformedInput malformed;
    private final WsApiAnswers answers;
    private final UserDataEvents userData;
    private final Runnable subscribedCallback;
    private final Consumer<String> droppedCallback;
    private final Logger log;
    private final JitteredBackoff reconnectBackoff;
    private final WsRequestsInFlight inFlight = new WsRequestsInFlight();
    /** Frames the socket threads could not hand over (queue full, or binary): each closes or is ignored. */
    private final AtomicLong framesDropped = new AtomicLong();

    private WsApiClient ws;
    private int nextConnectionId;
    private boolean wsOpen;
    private boolean subscribeSent;
    private boolean subscribed;
    private long nextRequestId;
    private long reconnectDueNs;
    private long handshakeDeadlineNs;
    /** Arrival of the venue frame being handled, epoch ns; 0 outside the handling of one. */
    private long originNs;

    /**
     * @param subscribedCallback told when the user data stream is subscribed (an input of readiness).
     * @param droppedCallback    told why, after a connection ended and its requests got unknown outcomes.
     */
    WsApiSession(
        final ExecHandlerConfig config,
        final String apiKey,
        final BinanceSigner signer,
        final EpochClock clock,
        final VenueClock venueClock,
        final Queue<Inbound> inbound,
        final WsApiParser wsParser,
        final RateLimitInterpreter rateLimits,
        final VenuePolling polling,
        final MalformedInput malformed,
        final WsApiAnswers answers,
        final UserDataEvents userData,
        final Runnable subscribedCallback,
        final Consumer<String> droppedCallback,
        final Logger log)
    {
        this.config = config;
        this.apiKey = apiKey;
        this.signer = signer;
        this.clock = clock;
        this.venueClock = venueClock;
        this.inbound = inbound;
        this.wsParser = wsParser;
        this.rateLimits = rateLimits;
        this.polling = polling;
        this.malformed = malformed;
        this.answers = answers;
        this.userData = userData;
        this.subscribedCallback = subscribedCallback;
        this.droppedCallback = droppedCallback;
        this.log = log;
        this.reconnectBackoff = new JitteredBackoff(
            config.reconnectBackoffMin().toNanos(), config.reconnectBackoffMax().toNanos(), new SplittableRandom());
    }

    void listener(final GatewayListener listener)
    {
        inFlight.listener(listener);
    }

    void start(final long nowNs)
    {
        reconnectDueNs = nowNs;
    }

    void close()
    {
        if (ws != null)
        {
            ws.close();
        }
    }

    boolean isOpen()
    {
        return wsOpen;
    }

    boolean isSubscribed()
    {
        return subscribed;
    }

    long originNs()
    {
        return originNs;
    }

    long framesDropped()
    {
        return framesDropped.get();
    }

    String nextId(final String kind)
    {
        return kind + "-" + (++nextRequestId);
    }

    /** @return false when nothing was sent: not connected, or the connection closed under us. */
    boolean send(final String id, final WsCall call, final String text)
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
        inFlight.add(id, call);
        if (log.isDebugEnabled())
        {
            // The request's id and kind only: its text carries the API key and signature.
            log.debug("event=ws_api_request id={} kind={} client_order_id={}", id, call.kind() == null ? "SUBSCRIBE" : call.kind(), call.clientOrderId());
        }
        return true;
    }

    /** Lets the socket's writer put the request on the wire before a kill point stops the process. */
    void awaitWritten()
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

    /** Connects when due, bounds the handshake, and subscribes the user data stream once open. */
    int maintain(final long nowNs, final boolean mayRequest)
    {
        int work = 0;
        if (ws == null && nowNs >= reconnectDueNs && venueClock.serverClock().isSynced() && mayRequest)
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
        if (wsOpen && !subscribeSent && venueClock.serverClock().isSynced())
        {
            subscribe(nowNs);
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
        final String text = WsApiRequests.userDataSubscribeSignature(id, apiKey, config.recvWindow().toMillis(), venueClock.nowMs(), signer);
        if (!send(id, new WsCall(null, null, null, nowNs + config.requestTimeout().toNanos()), text))
        {
            dropConnection("user data subscription could not be sent", nowNs);
        }
    }

    /** A connection event or text frame; those of a connection already replaced are ignored. */
    void onInbound(final Inbound event, final long nowNs)
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
            malformed.report("ws_frame", ex.getMessage());
            return;
        }
        if (message.kind() == WsApiMessage.Kind.EVENT)
        {
            onEvent(message, nowNs);
            return;
        }
        final WsCall call = inFlight.remove(message.id());
        if (call == null)
        {
            malformed.report("ws_unexpected_response", "answer to no request in flight: id " + message.id());
            return;
        }
        rateLimits.noteUsages(message.rateLimits());
        if (message.error() != null)
        {
            rateLimits.onRefusal(message.status(), message.error().code(), message.retryAfterEpochMs());
            polling.resyncClockOnTimestampError(message.error().code());
        }
        if (call.kind() == null)
        {
            onSubscribeAnswer(message, nowNs);
            return;
        }
        answers.onAnswer(call, message);
    }

    private void onEvent(final WsApiMessage message, final long nowNs)
    {
        final String type = message.eventType();
        if ("eventStreamTerminated".equals(type))
        {
            log.warn("event=user_data_terminated");
            dropConnection("user data stream terminated by the venue", nowNs);
        }
        else if ("serverShutdown".equals(type))
        {
            log.warn("event=venue_server_shutdown");
            dropConnection("the venue announced a server shutdown", nowNs);
        }
        else
        {
            userData.onEvent(message);
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
        subscribedCallback.run();
    }

    /**
     * Ends the connection: every request in flight gets an unknown outcome, the session is lost,
     * and a new connection is opened after a jittered backoff.
     */
    void dropConnection(final String why, final long nowNs)
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
        log.warn("event=ws_api_disconnected why=\"{}\" reconnect_in_ms={} requests_in_flight={}", why, (reconnectDueNs - nowNs) / 1_000_000, inFlight.size());
        // The session is lost first, then the requests in flight: an unknown outcome reported while
        // the gateway still said ready would send a lookup at once, and its answer could predate
        // fills that happen before the next user-data subscription.
        droppedCallback.accept(why);
        inFlight.failAll(why);
    }

    /**
     * Requests past their deadline get an unknown outcome; a WebSocket API session that lets a
     * request go unanswered that long is taken for dead (the venue hung, or the path black-holes)
     * and replaced, so the user data stream — and the fills on it — is not silently lost.
     */
    int expireCalls(final long nowNs)
    {
        final int expired = inFlight.expired(nowNs);
        if (expired > 0)
        {
            dropConnection(expired + " request(s) not answered within " + config.requestTimeout().toMillis() + " ms", nowNs);
        }
        return expired;
    }
}
