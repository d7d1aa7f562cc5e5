package io.mmfleet.exechandler.order;

import io.mmfleet.exechandler.order.RecordingSink.Report;
import io.mmfleet.exechandler.venue.UpdateOrigin;
import io.mmfleet.exechandler.venue.VenueFill;
import io.mmfleet.exechandler.venue.VenueOrderStatus;
import io.mmfleet.exechandler.venue.VenueOrderUpdate;
import io.mmfleet.exechandler.venue.VenueSymbol;
import io.mmfleet.sbe.ExecType;
import io.mmfleet.sbe.OrdStatus;
import io.mmfleet.sbe.OrderType;
import io.mmfleet.sbe.RejectReason;
import io.mmfleet.sbe.Side;
import io.mmfleet.sbe.TimeInForce;

import java.nio.file.Path;
import java.util.List;

/**
 * A tracker over a real SQLite journal, a scripted gateway and a recording sink, with builders
 * for venue updates and the reports expected of them. Every order is a BUY LIMIT GTC of strategy 7
 * at 2000.00 on ETHUSDT unless a test says otherwise; every fill is at that price.
 */
final class TrackerHarness implements AutoCloseable
{
    static final VenueSymbol ETH = new VenueSymbol("ETHUSDT", "ETH-USDC", 1, 2, 4);
    static final VenueSymbol BTC = new VenueSymbol("BTCUSDT", "BTC-USDC", 2, 2, 5);
    static final int STRATEGY = 7;
    static final long PRICE = 2000_00;
    /** The originNs {@link #place} puts on its commands; the gateway must get it with the order. */
    static final long ORIGIN_NS = 1_763_700_000_123_456_789L;
    static final TrackerTimings TIMINGS = new TrackerTimings(1_000, 500, 2_000);

    final Path journalFile;
    final ScriptedGateway gateway = new ScriptedGateway();
    final RecordingSink sink = new RecordingSink();
    ExecJournal journal;
    OrderTracker tracker;
    long nowMs = 10_000;

    TrackerHarness(final Path dir)
    {
        journalFile = dir.resolve("exec-journal.db");
        journal = ExecJournal.open(journalFile);
        tracker = new OrderTracker(journal, gateway, sink, List.of(ETH, BTC), TIMINGS);
    }

    /** A process restart: the journal closed and reopened, a new tracker, nothing else carried over. */
    void restart()
    {
        journal.close();
        sink.take();
        gateway.takeCalls();
        journal = ExecJournal.open(journalFile);
        tracker = new OrderTracker(journal, gateway, sink, List.of(ETH, BTC), TIMINGS);
    }

    void place(final long commandId, final String clientOrderId, final long qty)
    {
        tracker.onNewOrder(commandId, STRATEGY, ETH, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, PRICE, qty, clientOrderId, ORIGIN_NS, nowMs);
    }

    int timer(final long advanceMs)
    {
        nowMs += advanceMs;
        return tracker.onTimer(nowMs);
    }

    static VenueFill fill(final long tradeId, final long venueOrderId, final long qty)
    {
        return new VenueFill(tradeId, venueOrderId, PRICE, qty, quote(qty), fee(qty), "BNB", true, 1_700_000_000_500L + tradeId);
    }

    static long quote(final long qty)
    {
        // price 2 decimals x qty 4 decimals = 6 decimals; amounts carry 8.
        return PRICE * qty * 100;
    }

    static long fee(final long qty)
    {
        return qty * 7;
    }

    static VenueOrderUpdate update(
        final UpdateOrigin origin,
        final String clientOrderId,
        final long venueOrderId,
        final VenueOrderStatus status,
        final long qty,
        final long cumQty,
        final VenueFill... fills)
    {
        return new VenueOrderUpdate(origin, ETH.venueSymbol(), clientOrderId, venueOrderId, status, Side.BUY, OrderType.LIMIT,
            TimeInForce.GTC, PRICE, qty, cumQty, quote(cumQty), List.of(fills), 1_700_000_000_100L);
    }

    static Report expNew(final long commandId, final String clientOrderId, final long venueOrderId)
    {
        return report(commandId, STRATEGY, clientOrderId, venueOrderId, ExecType.NEW, OrdStatus.NEW, 0);
    }

    static Report expTrade(
        final long commandId,
        final String clientOrderId,
        final long venueOrderId,
        final OrdStatus status,
        final long cumQty,
        final long tradeId,
        final long fillQty)
    {
        return expTrade(commandId, STRATEGY, clientOrderId, venueOrderId, status, cumQty, tradeId, fillQty);
    }

    static Report expTrade(
        final long commandId,
        final int strategyId,
        final String clientOrderId,
        final long venueOrderId,
        final OrdStatus status,
        final long cumQty,
        final long tradeId,
        final long fillQty)
    {
        return new Report(commandId, strategyId, clientOrderId, venueOrderId, ExecType.TRADE, status, cumQty, quote(cumQty), tradeId,
            fillQty, fee(fillQty), "BNB", true, 0, null);
    }

    static Report report(
        final long commandId,
        final int strategyId,
        final String clientOrderId,
        final long venueOrderId,
        final ExecType execType,
        final OrdStatus status,
        final long cumQty)
    {
        return new Report(commandId, strategyId, clientOrderId, venueOrderId, execType, status, cumQty, quote(cumQty), -1, 0, 0,
            null, false, 0, null);
    }

    static Report expStatus(final long commandId, final String clientOrderId, final long venueOrderId, final OrdStatus status, final long cumQty)
    {
        return report(commandId, STRATEGY, clientOrderId, venueOrderId, ExecType.ORDER_STATUS, status, cumQty);
    }

    static Report expRejected(
        final long commandId,
        final String clientOrderId,
        final long venueOrderId,
        final int errorCode,
        final RejectReason reason)
    {
        return new Report(commandId, STRATEGY, clientOrderId, venueOrderId, ExecType.REJECTED, OrdStatus.REJECTED, 0, 0, -1, 0, 0,
            null, false, errorCode, reason);
    }

    @Override
    public void close()
    {
        journal.close();
    }
}
