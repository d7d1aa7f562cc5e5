package io.mmfleet.exechandler;

import io.mmfleet.bus.BusPublisher;
import io.mmfleet.bus.PublishStream;
import io.mmfleet.bus.Topics;
import io.mmfleet.bus.runtime.DaemonContext;
import io.mmfleet.bus.runtime.KillPoints;
import io.mmfleet.exechandler.binance.Balance;
import io.mmfleet.exechandler.binance.InstrumentRules;
import io.mmfleet.exechandler.gateway.ThrottleTracker;
import io.mmfleet.exechandler.order.ExecutionSink;
import io.mmfleet.exechandler.order.TrackedOrderView;
import io.mmfleet.exechandler.venue.VenueError;
import io.mmfleet.exechandler.venue.VenueFill;
import io.mmfleet.exechandler.venue.VenueSymbol;
import io.mmfleet.sbe.AccountSnapshotEncoder;
import io.mmfleet.sbe.AckStatus;
import io.mmfleet.sbe.ControlAckEncoder;
import io.mmfleet.sbe.DecimalEncoder;
import io.mmfleet.sbe.ExecType;
import io.mmfleet.sbe.ExecutionReportEncoder;
import io.mmfleet.sbe.InstrumentDefinitionEncoder;
import io.mmfleet.sbe.InstrumentStatus;
import io.mmfleet.sbe.Liquidity;
import io.mmfleet.sbe.MessageHeaderDecoder;
import io.mmfleet.sbe.OrderCommandDecoder;
import io.mmfleet.sbe.OrderRejectEncoder;
import io.mmfleet.sbe.RejectReason;
import io.mmfleet.sbe.RejectSource;
import io.mmfleet.sbe.Side;
import io.mmfleet.sbe.ThrottleState;
import io.mmfleet.sbe.ThrottleStatusEncoder;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * Everything exec-handler says on the bus, encoded in one place: ExecutionReports and OrderRejects
 * on {@code exec.<venue>}; InstrumentDefinitions, AccountSnapshots and ThrottleStatus on
 * {@code acct.<venue>}; ControlAcks for commands that came from {@code busctl send}. Keeps the last
 * instrument definitions and balances so a subscriber that saw a gap on the account stream can be
 * given them again.
 */
final class BusOutput implements ExecutionSink
{
    /** Trades per AccountSnapshot: ~110 bytes each keeps a message far inside the bus's 64 KiB. */
    private static final int TRADES_PER_SNAPSHOT = 200;
    /** Account trades kept to answer a snapshot request on acct.*: enough to cover a subscriber's restart. */
    private static final int RECENT_TRADES = 1000;
    private static final int BALANCES_PER_SNAPSHOT = 200;
    private static final int ASSET_LENGTH = 16;

    private final DaemonContext context;
    private final ExecHandlerConfig config;
    private final BusPublisher publisher;
    private final PublishStream executions;
    private final PublishStream account;
    private final PublishStream controlAcks;
    private final ExecutionReportEncoder report = new ExecutionReportEncoder();
    private final OrderRejectEncoder reject = new OrderRejectEncoder();
    private final InstrumentDefinitionEncoder definition = new InstrumentDefinitionEncoder();
    private final AccountSnapshotEncoder snapshot = new AccountSnapshotEncoder();
    private final ThrottleStatusEncoder throttle = new ThrottleStatusEncoder();
    private final ControlAckEncoder ack = new ControlAckEncoder();
    private final Map<String, InstrumentRules> definitions = new TreeMap<>();
    private final Map<String, Balance> balances = new TreeMap<>();
    private final LongSupplier originNs;
    /** Who sent each CANCEL_ALL still running (source id, run id), so its ControlAck names them. */
    private final Map<Long, long[]> cancelAllRequesters = new HashMap<>();
    private final ArrayDeque<SymbolFill> recentTrades = new ArrayDeque<>();
    private long snapshotId;
    private long lastBalancesVenueTimeMs;

    /**
     * @param originNs when the venue message being handled entered the fleet (0: none, the
     *                 message published is its own origin), stamped on what it causes.
     */
    BusOutput(final DaemonContext context, final ExecHandlerConfig config, final LongSupplier originNs)
    {
        this.context = context;
        this.config = config;
        this.originNs = originNs;
        this.publisher = context.publisher();
        this.executions = publisher.stream(config.executionTopic());
        this.account = publisher.stream(config.accountTopic());
        this.controlAcks = publisher.stream(Topics.CONTROL_ACK);
    }

    @Override
    public void executionReport(final long commandId, final TrackedOrderView order, final ExecType execType, final VenueFill fill, final VenueError error)
    {
        if (fill != null)
        {
            KillPoints.reach(KillPoints.BEFORE_FILL_REPORT);
        }
        final VenueSymbol symbol = order.symbol();
        publisher.wrap(report)
            .commandId(commandId)
            .strategyId(order.strategyId())
            .venueId(config.venueId())
            .instrumentId(symbol.instrumentId())
            .venueOrderId(order.venueOrderId())
            .execType(execType)
            .ordStatus(order.status())
            .side(order.side() == null ? Side.NULL_VAL : order.side())
            .orderType(order.orderType() == null ? io.mmfleet.sbe.OrderType.NULL_VAL : order.orderType());
        decimal(report.orderPrice(), order.price(), symbol.priceScale());
        decimal(report.orderQty(), order.qty(), symbol.qtyScale());
        decimal(report.cumQty(), order.cumQty(), symbol.qtyScale());
        decimal(report.cumQuoteQty(), order.cumQuoteQty(), VenueSymbol.AMOUNT_SCALE);
        if (fill != null)
        {
            decimal(report.lastPrice(), fill.price(), symbol.priceScale());
            decimal(report.lastQty(), fill.qty(), symbol.qtyScale());
            decimal(report.fee(), fill.fee(), VenueSymbol.AMOUNT_SCALE);
            report.tradeId(fill.tradeId())
                .liquidity(fill.maker() ? Liquidity.MAKER : Liquidity.TAKER)
                .venueTimeNs(fill.venueTimeMs() * 1_000_000L)
                .feeAsset(ascii(fill.feeAsset(), ASSET_LENGTH));
        }
        else
        {
            absent(report.lastPrice(), symbol.priceScale());
            absent(report.lastQty(), symbol.qtyScale());
            absent(report.fee(), VenueSymbol.AMOUNT_SCALE);
            report.tradeId(0).liquidity(Liquidity.NULL_VAL).venueTimeNs(0).feeAsset("");
        }
        report.rejectReason(error == null ? RejectReason.NULL_VAL : error.reason())
            .venueErrorCode(error == null ? 0 : error.code())
            .clientOrderId(ascii(order.clientOrderId(), 36))
            .origClientOrderId("");
        publisher.publish(executions, report, originNs.getAsLong());
        context.log().info("event=execution_report command={} client_order_id={} exec_type={} status={} trade_id={} cum_qty={}",
            commandId, order.clientOrderId(), execType, order.status(), fill == null ? 0 : fill.tradeId(), order.cumQty());
    }

    @Override
    public void reject(final long commandId, final int strategyId, final int instrumentId, final String clientOrderId,
        final RejectReason reason, final int venueErrorCode, final String text)
    {
        publisher.wrap(reject)
            .strategyId(strategyId)
            .requestId(0)
            .commandId(commandId)
            .venueId(config.venueId())
            .instrumentId(instrumentId)
            .rejectSource(venueErrorCode != 0 ? RejectSource.VENUE : RejectSource.EXEC_HANDLER)
            .rejectReason(reason)
            .venueErrorCode(venueErrorCode)
            .clientOrderId(ascii(clientOrderId, 36))
            .text(text);
        publisher.publish(executions, reject, 0);
        context.log().info("event=order_reject command={} client_order_id={} reason={} venue_code={} text=\"{}\"",
            commandId, clientOrderId, reason, venueErrorCode, text);
    }

    @Override
    public void cancelAllDone(final long commandId, final int strategyId, final VenueSymbol symbol, final int canceled, final VenueError error)
    {
        if (error != null && error.code() != -2011)
        {
            cancelAllRequesters.remove(commandId);
            reject(commandId, strategyId, symbol.instrumentId(), "", error.reason(), error.code(), "cancel-all refused: " + error.message());
            return;
        }
        // Binance answers a cancel-all with no open order with -2011: nothing was open, which is what was asked.
        final long[] requester = cancelAllRequesters.remove(commandId);
        publisher.wrap(ack)
            .commandId(commandId)
            .commandTemplateId(OrderCommandDecoder.TEMPLATE_ID)
            .status(AckStatus.APPLIED)
            .requesterSourceId(requester == null ? 0 : (int)requester[0])
            .requesterRunId(requester == null ? 0 : requester[1])
            .text("cancel-all on " + symbol.venueSymbol() + ": " + canceled + " orders canceled");
        publisher.publish(controlAcks, ack, 0);
        context.log().info("event=cancel_all_done command={} symbol={} canceled={}", commandId, symbol.venueSymbol(), canceled);
    }

    /** A CANCEL_ALL is answered with a ControlAck naming its sender (source and run), which it matches on. */
    void rememberCancelAllRequester(final long commandId, final int sourceId, final long runId)
    {
        cancelAllRequesters.put(commandId, new long[] {sourceId, runId});
    }

    /** busctl send waits for a ControlAck from each daemon: this says the command was taken (its outcome follows on exec.*). */
    void acknowledgeControl(final MessageHeaderDecoder header, final long commandId)
    {
        final boolean first = context.duplicateFilter().firstTime(header.sourceId(), header.runId(), commandId);
        publisher.wrap(ack)
            .commandId(commandId)
            .commandTemplateId(OrderCommandDecoder.TEMPLATE_ID)
            .status(first ? AckStatus.APPLIED : AckStatus.ALREADY_APPLIED)
            .requesterSourceId(header.sourceId())
            .requesterRunId(header.runId())
            .text("order command taken; its outcome is reported on " + config.executionTopic());
        publisher.publish(controlAcks, ack, 0);
    }

    void instrumentDefinition(final InstrumentRules rules)
    {
        definitions.put(rules.symbol().venueSymbol(), rules);
        publishDefinition(rules);
    }

    private void publishDefinition(final InstrumentRules rules)
    {
        final VenueSymbol symbol = rules.symbol();
        publisher.wrap(definition)
            .venueId(config.venueId())
            .instrumentId(symbol.instrumentId())
            .status(status(rules.status()));
        decimal(definition.tickSize(), rules.tickSize(), symbol.priceScale());
        decimal(definition.lotSize(), rules.stepSize(), symbol.qtyScale());
        decimal(definition.minQty(), rules.minQty(), symbol.qtyScale());
        decimal(definition.maxQty(), rules.maxQty(), symbol.qtyScale());
        decimal(definition.minNotional(), rules.minNotional(), VenueSymbol.AMOUNT_SCALE);
        decimal(definition.maxNotional(), rules.maxNotional(), VenueSymbol.AMOUNT_SCALE);
        definition.baseAsset(ascii(rules.baseAsset(), ASSET_LENGTH))
            .quoteAsset(ascii(rules.quoteAsset(), ASSET_LENGTH))
            .venueSymbol(symbol.venueSymbol());
        publisher.publish(account, definition, 0);
    }

    private static InstrumentStatus status(final String venueStatus)
    {
        return switch (venueStatus)
        {
            case "TRADING" -> InstrumentStatus.TRADING;
            case "BREAK" -> InstrumentStatus.BREAK;
            default -> InstrumentStatus.HALTED;
        };
    }

    /** Balances from REST (all of them) or from an account event (those that changed), then a snapshot of all. */
    void balances(final List<Balance> update, final boolean complete, final long venueTimeMs)
    {
        if (complete)
        {
            balances.clear();
        }
        for (final Balance balance : update)
        {
            balances.put(balance.asset(), balance);
        }
        lastBalancesVenueTimeMs = venueTimeMs;
        publishSnapshot(List.of(), 0, venueTimeMs);
    }

    /** New trades of the account, in snapshots of at most {@link #TRADES_PER_SNAPSHOT}, each with the balances. */
    void accountTrades(final VenueSymbol symbol, final List<VenueFill> trades, final long venueTimeMs)
    {
        publishTradePages(symbol, trades, venueTimeMs);
        for (final VenueFill trade : trades)
        {
            recentTrades.addLast(new SymbolFill(symbol, trade));
            if (recentTrades.size() > RECENT_TRADES)
            {
                recentTrades.removeFirst();
            }
        }
    }

    private int publishTradePages(final VenueSymbol symbol, final List<VenueFill> trades, final long venueTimeMs)
    {
        int published = 0;
        for (int from = 0; from < trades.size(); from += TRADES_PER_SNAPSHOT)
        {
            final List<VenueFill> page = trades.subList(from, Math.min(trades.size(), from + TRADES_PER_SNAPSHOT));
            publishSnapshot(tagged(symbol, page), page.get(0).tradeId(), venueTimeMs);
            published++;
        }
        return published;
    }

    private static List<SymbolFill> tagged(final VenueSymbol symbol, final List<VenueFill> fills)
    {
        final List<SymbolFill> tagged = new ArrayList<>(fills.size());
        for (final VenueFill fill : fills)
        {
            tagged.add(new SymbolFill(symbol, fill));
        }
        return tagged;
    }

    private record SymbolFill(VenueSymbol symbol, VenueFill fill)
    {
    }

    private void publishSnapshot(final List<SymbolFill> trades, final long tradesFromId, final long venueTimeMs)
    {
        publisher.wrap(snapshot)
            .venueId(config.venueId())
            .snapshotId(++snapshotId)
            .venueTimeNs(venueTimeMs * 1_000_000L)
            .tradesFromId(tradesFromId);
        final int balanceCount = Math.min(balances.size(), BALANCES_PER_SNAPSHOT);
        final AccountSnapshotEncoder.BalancesEncoder balanceGroup = snapshot.balancesCount(balanceCount);
        int written = 0;
        for (final Balance balance : balances.values())
        {
            if (written++ == balanceCount)
            {
                break;
            }
            balanceGroup.next();
            decimal(balanceGroup.free(), balance.free(), VenueSymbol.AMOUNT_SCALE);
            decimal(balanceGroup.locked(), balance.locked(), VenueSymbol.AMOUNT_SCALE);
            balanceGroup.asset(ascii(balance.asset(), ASSET_LENGTH));
        }
        final AccountSnapshotEncoder.TradesEncoder tradeGroup = snapshot.tradesCount(trades.size());
        for (final SymbolFill tagged : trades)
        {
            final VenueSymbol symbol = tagged.symbol();
            final VenueFill fill = tagged.fill();
            tradeGroup.next()
                .instrumentId(symbol.instrumentId())
                .tradeId(fill.tradeId())
                .venueOrderId(fill.venueOrderId())
                .side(Side.NULL_VAL);
            decimal(tradeGroup.price(), fill.price(), symbol.priceScale());
            decimal(tradeGroup.qty(), fill.qty(), symbol.qtyScale());
            decimal(tradeGroup.quoteQty(), fill.quoteQty(), VenueSymbol.AMOUNT_SCALE);
            decimal(tradeGroup.fee(), fill.fee(), VenueSymbol.AMOUNT_SCALE);
            tradeGroup.liquidity(fill.maker() ? Liquidity.MAKER : Liquidity.TAKER)
                .venueTimeNs(fill.venueTimeMs() * 1_000_000L)
                .feeAsset(ascii(fill.feeAsset(), ASSET_LENGTH))
                .clientOrderId("");
        }
        publisher.publish(account, snapshot, 0);
    }

    void throttleStatus(final ThrottleState state, final ThrottleTracker tracker, final long venueTimeMs)
    {
        publisher.wrap(throttle)
            .venueId(config.venueId())
            .state(state)
            .usedWeight1m(tracker.usedWeight1m(venueTimeMs))
            .weightLimit1m(tracker.weightLimit1m())
            .orderCount10s(tracker.orderCount10s(venueTimeMs))
            .orderLimit10s(tracker.orderLimit10s())
            .orderCount1d(tracker.orderCount1d(venueTimeMs))
            .orderLimit1d(tracker.orderLimit1d())
            .retryAfterMs(tracker.retryAfterMs(venueTimeMs));
        publisher.publish(account, throttle, 0);
    }

    /** For a subscriber that saw a gap on acct.*: the definitions and balances as they stand. */
    /**
     * For a subscriber that saw a gap on acct.* (or just started): the definitions, the balances, and
     * the account's last {@value #RECENT_TRADES} trades per symbol, so a fill whose report it missed
     * is still in front of its reconciliation.
     */
    int republishAccount()
    {
        for (final InstrumentRules rules : definitions.values())
        {
            publishDefinition(rules);
        }
        publishSnapshot(List.of(), 0, lastBalancesVenueTimeMs);
        int published = definitions.size() + 1;
        for (final VenueSymbol symbol : config.symbols())
        {
            final List<VenueFill> trades = new ArrayList<>();
            for (final SymbolFill recent : recentTrades)
            {
                if (recent.symbol().equals(symbol))
                {
                    trades.add(recent.fill());
                }
            }
            published += publishTradePages(symbol, trades, lastBalancesVenueTimeMs);
        }
        return published;
    }

    private static void decimal(final DecimalEncoder encoder, final long mantissa, final int scale)
    {
        encoder.mantissa(mantissa).exponent((byte)-scale);
    }

    private static void absent(final DecimalEncoder encoder, final int scale)
    {
        encoder.mantissa(DecimalEncoder.mantissaNullValue()).exponent((byte)-scale);
    }

    /** Fits a venue string into a fixed ASCII field; anything longer is cut (assets are short, ids are checked on entry). */
    private static String ascii(final String value, final int length)
    {
        if (value == null)
        {
            return "";
        }
        return value.length() <= length ? value : value.substring(0, length);
    }
}
