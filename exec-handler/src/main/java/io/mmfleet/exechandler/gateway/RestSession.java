package io.mmfleet.exechandler.gateway;

import io.mmfleet.bus.http.BoundedHttpClient;
import io.mmfleet.exechandler.ExecHandlerConfig;
import io.mmfleet.exechandler.binance.BinanceErrors;
import io.mmfleet.exechandler.binance.BinanceProtocolException;
import io.mmfleet.exechandler.binance.BinanceSigner;
import io.mmfleet.exechandler.binance.InstrumentRules;
import io.mmfleet.exechandler.binance.RestParser;
import io.mmfleet.exechandler.binance.RestRequests;
import io.mmfleet.exechandler.venue.GatewayListener;
import io.mmfleet.exechandler.venue.RequestKind;
import io.mmfleet.exechandler.venue.VenueError;
import io.mmfleet.exechandler.venue.VenueFill;
import io.mmfleet.exechandler.venue.VenueOrderUpdate;
import io.mmfleet.exechandler.venue.VenueSymbol;
import org.slf4j.Logger;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;

/**
 * The REST side of the gateway: sends the clock, exchangeInfo, account, open-orders, lookup and
 * trade-list requests, and dispatches their answers, which the HTTP threads queue for the event
 * loop, by {@link RestCall.Kind}. An answer with HTTP status 5xx does not say whether the request
 * took effect; a lookup or trade fetch that fails is reported as an unknown outcome.
 */
final class RestSession
{
    private static final int MAX_REST_BODY_BYTES = 8 << 20;
    private static final int TRADES_PAGE = 1000;

    private final ExecHandlerConfig config;
    private final String apiKey;
    private final BinanceSigner signer;
    private final VenueClock venueClock;
    private final Queue<Inbound> inbound;
    private final BoundedHttpClient http;
    private final RestParser restParser = new RestParser();
    private final RateLimitInterpreter rateLimits;
    private final VenuePolling polling;
    private final MalformedInput malformed;
    private final BinanceGateway.AccountListener account;
    private final Runnable readinessInputChanged;
    private final Logger log;
    private final int[] restFailuresInARow = new int[RestCall.Kind.values().length];
    private final long[] accountTradesFromId;
    /** A page per symbol at a time: the periodic poll must not fetch (and publish) a page a paging chain is fetching. */
    private final boolean[] accountTradesInFlight;
    private GatewayListener listener;

    RestSession(
        final ExecHandlerConfig config,
        final String apiKey,
        final BinanceSigner signer,
        final VenueClock venueClock,
        final Queue<Inbound> inbound,
        final RateLimitInterpreter rateLimits,
        final VenuePolling polling,
        final MalformedInput malformed,
        final BinanceGateway.AccountListener account,
        final Runnable readinessInputChanged,
        final Logger log)
    {
        this.config = config;
        this.apiKey = apiKey;
        this.signer = signer;
        this.venueClock = venueClock;
        this.inbound = inbound;
        this.rateLimits = rateLimits;
        this.polling = polling;
        this.malformed = malformed;
        this.account = account;
        this.readinessInputChanged = readinessInputChanged;
        this.log = log;
        this.http = new BoundedHttpClient(config.requestTimeout(), MAX_REST_BODY_BYTES);
        this.accountTradesFromId = new long[config.symbols().size()];
        Arrays.fill(accountTradesFromId, -1);
        this.accountTradesInFlight = new boolean[config.symbols().size()];
    }

    void listener(final GatewayListener listener)
    {
        this.listener = listener;
    }

    void requestTime()
    {
        send(new RestCall(RestCall.Kind.TIME, null, null, 0, 0), RestRequests.time(), false);
    }

    void requestExchangeInfo()
    {
        send(new RestCall(RestCall.Kind.EXCHANGE_INFO, null, null, 0, 0), RestRequests.exchangeInfo(config.symbols()), false);
    }

    void lookup(final VenueSymbol symbol, final String clientOrderId)
    {
        send(new RestCall(RestCall.Kind.LOOKUP, symbol, clientOrderId, 0, 0),
            RestRequests.orderLookup(symbol, clientOrderId, receiveWindowMs(), venueClock.nowMs(), signer), true);
    }

    void fetchTrades(final VenueSymbol symbol, final long venueOrderId)
    {
        send(new RestCall(RestCall.Kind.ORDER_TRADES, symbol, null, venueOrderId, 0),
            RestRequests.myTradesForOrder(symbol, venueOrderId, receiveWindowMs(), venueClock.nowMs(), signer), true);
    }

    /**
     * Every open order of the account, per symbol, as lookups: the order core learns of orders its
     * journal does not hold (placed by another client of the account, or before a lost journal)
     * and reports them, and of the state of those it does.
     */
    void requestOpenOrders()
    {
        for (final VenueSymbol symbol : config.symbols())
        {
            send(new RestCall(RestCall.Kind.OPEN_ORDERS, symbol, null, 0, 0),
                RestRequests.openOrders(symbol, receiveWindowMs(), venueClock.nowMs(), signer), true);
        }
    }

    /**
     * Balances and, per symbol, the trades after the last one published (AccountSnapshot's "trades
     * since a point": the point is the oldest trade of the first page this run fetched).
     */
    void requestAccount()
    {
        send(new RestCall(RestCall.Kind.ACCOUNT, null, null, 0, 0), RestRequests.account(receiveWindowMs(), venueClock.nowMs(), signer), true);
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
        if (accountTradesInFlight[index])
        {
            return;
        }
        accountTradesInFlight[index] = true;
        final VenueSymbol symbol = config.symbols().get(index);
        send(new RestCall(RestCall.Kind.ACCOUNT_TRADES, symbol, null, 0, 0),
            RestRequests.myTradesFromId(symbol, accountTradesFromId[index], TRADES_PAGE, receiveWindowMs(), venueClock.nowMs(), signer), true);
    }

    private long receiveWindowMs()
    {
        return config.recvWindow().toMillis();
    }

    private void send(final RestCall call, final String pathAndQuery, final boolean signed)
    {
        final URI uri = config.restUri(pathAndQuery);
        final HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(config.requestTimeout()).GET();
        if (signed)
        {
            request.header("X-MBX-APIKEY", apiKey);
        }
        final RestCall stamped = new RestCall(call.kind(), call.symbol(), call.clientOrderId(), call.venueOrderId(), venueClock.localEpochMs());
        http.send(request.build(), config.requestTimeout(), outcome ->
        {
            final Inbound done = new Inbound.RestDone(stamped, outcome, venueClock.localEpochMs());
            while (!inbound.offer(done))
            {
                Thread.onSpinWait();
            }
        });
    }

    void onDone(final RestCall call, final BoundedHttpClient.Outcome outcome, final long receivedEpochMs)
    {
        if (call.kind() == RestCall.Kind.TIME)
        {
            polling.onTimeAnswered();
        }
        if (!outcome.answered())
        {
            onFailed(call, outcome.error());
            return;
        }
        rateLimits.noteRestHeaders(outcome.headers());
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
                rateLimits.onRefusal(outcome.status(), error == null ? 0 : error.code(), rateLimits.retryAfterUntil(outcome.headers()));
            }
            if (error != null)
            {
                polling.resyncClockOnTimestampError(error.code());
            }
            if (outcome.status() < 500 && error != null && call.kind() == RestCall.Kind.LOOKUP && error.code() == -2013)
            {
                // The lookup happened after it was sent: the send's venue time is a safe lower bound for "as of".
                listener.onLookupNotFound(call.symbol(), call.clientOrderId(), venueClock.atLocalMs(call.sentEpochMs()));
                return;
            }
            onFailed(call, "HTTP " + outcome.status() + VenueErrors.describe(error));
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
            onAnswer(call, body, receivedEpochMs);
        }
        catch (final BinanceProtocolException ex)
        {
            malformed.report("rest_" + call.kind().name().toLowerCase(), ex.getMessage());
            onFailed(call, "unreadable answer: " + ex.getMessage());
        }
    }

    private void onAnswer(final RestCall call, final String body, final long receivedEpochMs)
    {
        switch (call.kind())
        {
            case TIME ->
            {
                final ServerClock serverClock = venueClock.serverClock();
                final boolean wasSynced = serverClock.isSynced();
                if (serverClock.onSample(call.sentEpochMs(), receivedEpochMs, restParser.serverTime(body)) && !wasSynced)
                {
                    log.info("event=venue_clock_synced offset_ms={} round_trip_ms={}", serverClock.offsetMs(), serverClock.roundTripMs());
                }
                readinessInputChanged.run();
            }
            case EXCHANGE_INFO ->
            {
                final List<InstrumentRules> rules = restParser.exchangeInfo(body, config.symbols());
                account.onInstrumentRules(rules);
                if (polling.onRulesLoaded())
                {
                    readinessInputChanged.run();
                }
            }
            case ACCOUNT -> account.onBalances(restParser.account(body), true, venueClock.atLocalMs(receivedEpochMs));
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
                final int index = config.symbols().indexOf(call.symbol());
                accountTradesInFlight[index] = false;
                final List<VenueFill> trades = restParser.myTrades(body, call.symbol());
                for (final VenueFill trade : trades)
                {
                    accountTradesFromId[index] = Math.max(accountTradesFromId[index], trade.tradeId() + 1);
                }
                account.onAccountTrades(call.symbol(), trades, venueClock.atLocalMs(receivedEpochMs));
                if (trades.size() == TRADES_PAGE && rateLimits.throttle().mayRequest(venueClock.nowMs()))
                {
                    // A full page: there may be more, fetched now rather than a page per interval.
                    requestAccountTrades(index);
                }
            }
            default -> throw new IllegalStateException("unhandled REST call " + call.kind());
        }
    }

    private void onFailed(final RestCall call, final String why)
    {
        switch (call.kind())
        {
            case LOOKUP -> listener.onOutcomeUnknown(RequestKind.LOOKUP, call.symbol(), call.clientOrderId(), 0, why);
            case ORDER_TRADES -> listener.onOutcomeUnknown(RequestKind.FETCH_TRADES, call.symbol(), null, call.venueOrderId(), why);
            case TIME, EXCHANGE_INFO, ACCOUNT, ACCOUNT_TRADES, OPEN_ORDERS ->
            {
                if (call.kind() == RestCall.Kind.ACCOUNT_TRADES)
                {
                    accountTradesInFlight[config.symbols().indexOf(call.symbol())] = false;
                }
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
}
