package io.mmfleet.exechandler.gateway;

import io.mmfleet.exechandler.ExecHandlerConfig;

import java.time.Duration;

/**
 * When the gateway's periodic REST requests are due: the venue clock, exchangeInfo and the
 * account (balances and trades). The clock and exchangeInfo are retried every second until they
 * first succeed, since nothing can be signed or validated without them.
 */
final class VenuePolling
{
    /** Retry pace of the clock and exchangeInfo requests until they first succeed. */
    private static final Duration STARTUP_RETRY = Duration.ofSeconds(1);

    private final ExecHandlerConfig config;
    private final ServerClock serverClock;
    private long nextTimeSyncNs;
    private long nextExchangeInfoNs;
    private long nextAccountNs;
    private boolean timeSyncInFlight;
    private boolean rulesLoaded;

    VenuePolling(final ExecHandlerConfig config, final ServerClock serverClock)
    {
        this.config = config;
        this.serverClock = serverClock;
    }

    void start(final long nowNs)
    {
        nextTimeSyncNs = nowNs;
        nextExchangeInfoNs = nowNs;
        nextAccountNs = nowNs;
    }

    boolean rulesLoaded()
    {
        return rulesLoaded;
    }

    int pollClockAndRules(final long nowNs, final boolean mayRequest, final RestSession rest)
    {
        int work = 0;
        if (nowNs >= nextTimeSyncNs && !timeSyncInFlight && mayRequest)
        {
            // Until the first sample, retried every second: nothing can be signed without it.
            nextTimeSyncNs = nowNs + (serverClock.isSynced() ? config.timeSyncInterval() : STARTUP_RETRY).toNanos();
            timeSyncInFlight = true;
            rest.requestTime();
            work++;
        }
        if (nowNs >= nextExchangeInfoNs && mayRequest)
        {
            // Retried every second until it first succeeds, then at EXCHANGE_INFO_INTERVAL.
            nextExchangeInfoNs = nowNs + (rulesLoaded ? config.exchangeInfoInterval() : STARTUP_RETRY).toNanos();
            rest.requestExchangeInfo();
            work++;
        }
        return work;
    }

    int pollAccount(final long nowNs, final boolean mayRequest, final RestSession rest)
    {
        if (nowNs >= nextAccountNs && serverClock.isSynced() && mayRequest)
        {
            nextAccountNs = nowNs + config.accountSnapshotInterval().toNanos();
            rest.requestAccount();
            return 1;
        }
        return 0;
    }

    /** The clock request was answered, or failed: another may go out. */
    void onTimeAnswered()
    {
        timeSyncInFlight = false;
    }

    /** @return true the first time: the rules are then next due at EXCHANGE_INFO_INTERVAL. */
    boolean onRulesLoaded()
    {
        if (rulesLoaded)
        {
            return false;
        }
        rulesLoaded = true;
        nextExchangeInfoNs = System.nanoTime() + config.exchangeInfoInterval().toNanos();
        return true;
    }

    /** -1021 (timestamp outside the receive window): the clock offset has drifted; measure it now. */
    void resyncClockOnTimestampError(final int code)
    {
        if (code == -1021)
        {
            nextTimeSyncNs = Long.MIN_VALUE;
        }
    }
}
