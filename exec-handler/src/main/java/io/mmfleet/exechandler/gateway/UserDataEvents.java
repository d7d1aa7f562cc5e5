package io.mmfleet.exechandler.gateway;

import io.mmfleet.exechandler.binance.BinanceProtocolException;
import io.mmfleet.exechandler.binance.WsApiMessage;
import io.mmfleet.exechandler.binance.WsApiParser;
import io.mmfleet.exechandler.venue.GatewayListener;
import io.mmfleet.exechandler.venue.VenueSymbol;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The account's user data events on the WebSocket API connection, to the order core (execution
 * reports) and the account listener (balances). The events that end the session are the
 * session's own business ({@link WsApiSession}).
 */
final class UserDataEvents
{
    private final WsApiParser wsParser;
    private final VenueClock venueClock;
    private final BinanceGateway.AccountListener account;
    private final MalformedInput malformed;
    private final Map<String, VenueSymbol> symbols = new HashMap<>();
    private GatewayListener listener;
    // Written by the event loop only and read by the metrics scrape: volatile, no locks.
    private volatile long ignored;

    UserDataEvents(
        final List<VenueSymbol> configuredSymbols,
        final WsApiParser wsParser,
        final VenueClock venueClock,
        final BinanceGateway.AccountListener account,
        final MalformedInput malformed)
    {
        this.wsParser = wsParser;
        this.venueClock = venueClock;
        this.account = account;
        this.malformed = malformed;
        for (final VenueSymbol symbol : configuredSymbols)
        {
            symbols.put(symbol.venueSymbol(), symbol);
        }
    }

    void listener(final GatewayListener listener)
    {
        this.listener = listener;
    }

    /** Documented user-data events the order path has no use for. */
    long ignored()
    {
        return ignored;
    }

    void onEvent(final WsApiMessage message)
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
                        malformed.report("execution_report_unknown_symbol", "executionReport for a symbol not in SYMBOLS: " + venueSymbol);
                        return;
                    }
                    listener.onOrderUpdate(wsParser.executionReport(message.event(), symbol));
                }
                case "outboundAccountPosition" -> account.onBalances(wsParser.accountPosition(message.event()), false, venueClock.nowMs());
                // Documented events the order path does not need: balances come with outboundAccountPosition
                // and AccountSnapshots, order lists (OCO) and external locks are not placed by the fleet.
                case "balanceUpdate", "listStatus", "externalLockUpdate" -> ignored++;
                default -> malformed.report("event_" + (type == null ? "untyped" : "unknown"), "user data event not handled: " + type);
            }
        }
        catch (final BinanceProtocolException ex)
        {
            malformed.report("event_" + type, ex.getMessage());
        }
    }
}
