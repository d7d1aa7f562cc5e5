package io.mmfleet.exechandler.gateway;

import io.mmfleet.bus.EpochClock;
import io.mmfleet.exechandler.ExecHandlerConfig;
import io.mmfleet.bus.runtime.KillPoints;
import io.mmfleet.exechandler.binance.Balance;
import io.mmfleet.exechandler.binance.BinanceSigner;
import io.mmfleet.exechandler.binance.InstrumentRules;
import io.mmfleet.exechandler.binance.WsApiParser;
import io.mmfleet.exechandler.binance.WsApiRequests;
import io.mmfleet.exechandler.venue.GatewayListener;
import io.mmfleet.exechandler.venue.NewOrder;
import io.mmfleet.exechandler.venue.RequestKind;
import io.mmfleet.exechandler.venue.VenueError;
import io.mmfleet.exechandler.venue.VenueFill;
import io.mmfleet.exechandler.venue.VenueGateway;
import io.mmfleet.exechandler.venue.VenueSymbol;
import io.mmfleet.sbe.RejectReason;
import io.mmfleet.sbe.ThrottleState;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.slf4j.Logger;

import java.util.ArrayDeque;
import java.util.List;
import java.util.function.LongConsumer;

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
 *
 * <p>This class is the {@link VenueGateway} the order core sees and composes the parts that do
 * the work: {@link WsApiSession} (the connection and its requests), {@link RestSession} (REST
 * requests and their answers), {@link VenuePolling} (when the periodic ones are due),
 * {@link RateLimitInterpreter} (what the venue says about its limits, into the
 * {@link ThrottleTracker}) and {@link UserDataEvents}; it decides readiness and refuses locally
 * what cannot go out.
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

    private final ExecHandlerConfig config;
    private final String apiKey;
    private final BinanceSigner signer;
    private final Logger log;
    private final AccountListener account;
    /** Given each order's originNs the moment its order.place frame is handed to the socket (tick-to-order timing). */
    private final LongConsumer placeSent;
    private final ManyToOneConcurrentArrayQueue<Inbound> inbound = new ManyToOneConcurrentArrayQueue<>(INBOUND_CAPACITY);
    private final ServerClock serverClock = new ServerClock();
    private final VenueClock venueClock;
    private final ThrottleTracker throttle;
    private final MalformedInput malformed;
    private final RateLimitInterpreter rateLimits;
    private final VenuePolling polling;
    private final RestSession rest;
    private final UserDataEvents userData;
    private final WsApiAnswers answers;
    private final WsApiSession session;
    /** Answers decided here without asking the venue; delivered on the next duty cycle, never inside the caller's call. */
    private final ArrayDeque<Runnable> deferred = new ArrayDeque<>();
    private GatewayListener listener;
    private boolean ready;
    // Written by the event loop only and read by the metrics scrape: volatile, no locks.
    private volatile long sessionsLost;

    public BinanceGateway(
        final ExecHandlerConfig config,
        final String apiKey,
        final BinanceSigner signer,
        final EpochClock clock,
        final Logger log,
        final AccountListener account,
        final LongConsumer placeSent)
    {
        this.config = config;
        this.apiKey = apiKey;
        this.signer = signer;
        this.log = log;
        this.account = account;
        this.placeSent = placeSent;
        this.venueClock = new VenueClock(clock, serverClock);
        this.throttle = new ThrottleTracker(config.throttleWarnPercent());
        this.malformed = new MalformedInput(log);
        this.rateLimits = new RateLimitInterpreter(throttle, venueClock, malformed, log);
        this.polling = new VenuePolling(config, serverClock);
        this.rest = new RestSession(config, apiKey, signer, venueClock, inbound, rateLimits, polling, malformed, account,
            this::updateReadiness, log);
        final WsApiParser wsParser = new WsApiParser();
        this.userData = new UserDataEvents(config.symbols(), wsParser, venueClock, account, malformed);
        this.answers = new WsApiAnswers(wsParser, malformed);
        this.session = new WsApiSession(config, apiKey, signer, clock, venueClock, inbound, wsParser, rateLimits, polling, malformed,
            answers, userData, this::updateReadiness, this::onSessionDropped, log);
    }

    /** The order core; set once, before {@link #start}. */
    public void listener(final GatewayListener listener)
    {
        this.listener = listener;
        rest.listener(listener);
        userData.listener(listener);
        answers.listener(listener);
        session.listener(listener);
    }

    /** Measures the clock, loads the instrument rules and opens the WebSocket API connection. */
    public void start(final long nowNs)
    {
        polling.start(nowNs);
        session.start(nowNs);
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
            if (event instanceof Inbound.RestDone done)
            {
                rest.onDone(done.call(), done.outcome(), done.receivedEpochMs());
            }
            else
            {
                session.onInbound(event, nowNs);
            }
            work++;
        }
        work += session.expireCalls(nowNs);
        // While the venue says wait (429, 418) or the minute's weight is spent, nothing is sent:
        // probing a ban only lengthens it.
        final boolean mayRequest = throttle.mayRequest(venueTimeMs());
        work += polling.pollClockAndRules(nowNs, mayRequest, rest);
        work += session.maintain(nowNs, mayRequest);
        work += polling.pollAccount(nowNs, mayRequest, rest);
        final ThrottleState state = rateLimits.changedState();
        if (state != null)
        {
            account.onThrottleChanged(state);
            work++;
        }
        return work;
    }

    public void close()
    {
        session.close();
    }

    @Override
    public boolean isReady()
    {
        return ready;
    }

    @Override
    public long venueTimeMs()
    {
        return venueClock.nowMs();
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
        return session.originNs();
    }

    public long malformedMessages()
    {
        return malformed.count();
    }

    /** Documented user-data events the order path has no use for. */
    public long ignoredEvents()
    {
        return userData.ignored();
    }

    /** Frames the socket threads could not hand over (queue full, or binary): each closes or is ignored. */
    public long framesDropped()
    {
        return session.framesDropped();
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
        if (!polling.rulesLoaded())
        {
            return "exchangeInfo not loaded yet";
        }
        if (!session.isOpen())
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
        final String id = session.nextId("place");
        final String text = WsApiRequests.orderPlace(id, order, apiKey, receiveWindowMs(), signer);
        if (!session.send(id, new WsCall(RequestKind.PLACE, symbol, coid, System.nanoTime() + config.requestTimeout().toNanos()), text))
        {
            deferred.add(() -> listener.onPlaceRejected(symbol, coid, new VenueError(0, "not connected", RejectReason.NOT_CONNECTED)));
            return;
        }
        placeSent.accept(order.originNs());
        if (KillPoints.armed(KillPoints.AFTER_PLACE_SENT))
        {
            session.awaitWritten();
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
        final String id = session.nextId("cancel");
        final String text = WsApiRequests.orderCancel(id, symbol, origClientOrderId, apiKey, receiveWindowMs(), venueTimeMs(), signer);
        if (!session.send(id, new WsCall(RequestKind.CANCEL, symbol, origClientOrderId, System.nanoTime() + config.requestTimeout().toNanos()), text))
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
        final String id = session.nextId("cancelall");
        final String text = WsApiRequests.openOrdersCancelAll(id, symbol, apiKey, receiveWindowMs(), venueTimeMs(), signer);
        if (!session.send(id, new WsCall(RequestKind.CANCEL_ALL, symbol, null, System.nanoTime() + config.requestTimeout().toNanos()), text))
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
        rest.lookup(symbol, clientOrderId);
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
        rest.fetchTrades(symbol, venueOrderId);
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

    // ------------------------------------------------------------------------------------------
    // Readiness

    private void updateReadiness()
    {
        final boolean nowReady = session.isOpen() && session.isSubscribed() && serverClock.isSynced() && polling.rulesLoaded();
        if (nowReady && !ready)
        {
            ready = true;
            log.info("event=session_ready");
            listener.onSessionReady();
            rest.requestOpenOrders();
        }
    }

    private void onSessionDropped(final String why)
    {
        if (ready)
        {
            ready = false;
            sessionsLost++;
            listener.onSessionLost(why);
        }
    }
}
