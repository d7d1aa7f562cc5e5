package io.mmfleet.exechandler;

import io.mmfleet.bus.PublishStream;
import io.mmfleet.bus.Topics;
import io.mmfleet.bus.TopicView;
import io.mmfleet.bus.config.ConfigException;
import io.mmfleet.bus.config.FleetConfig;
import io.mmfleet.bus.config.SecretFile;
import io.mmfleet.bus.config.SectionSpec;
import io.mmfleet.bus.runtime.DaemonApp;
import io.mmfleet.bus.runtime.DaemonContext;
import io.mmfleet.bus.runtime.DaemonFatalException;
import io.mmfleet.exechandler.binance.Balance;
import io.mmfleet.exechandler.binance.BinanceSigner;
import io.mmfleet.exechandler.binance.InstrumentRules;
import io.mmfleet.exechandler.gateway.BinanceGateway;
import io.mmfleet.exechandler.order.ExecJournal;
import io.mmfleet.exechandler.order.JournalException;
import io.mmfleet.exechandler.order.OrderTracker;
import io.mmfleet.exechandler.order.TrackerTimings;
import io.mmfleet.exechandler.venue.VenueFill;
import io.mmfleet.exechandler.venue.VenueSymbol;
import io.mmfleet.sbe.CommandType;
import io.mmfleet.sbe.DecimalDecoder;
import io.mmfleet.sbe.MessageHeaderDecoder;
import io.mmfleet.sbe.OrderCommandDecoder;
import io.mmfleet.sbe.OrderType;
import io.mmfleet.sbe.RejectReason;
import io.mmfleet.sbe.Side;
import io.mmfleet.sbe.ThrottleState;
import io.mmfleet.sbe.TimeInForce;
import org.agrona.DirectBuffer;
import org.slf4j.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * exec-handler's logic on the event loop: order commands from the OMS (topic
 * {@code ord.cmd.<venue>}, or from {@code busctl send} on the control topic) are checked against
 * the venue's rules and handed to the {@link OrderTracker}, which drives the venue gateway; what
 * the venue says comes back as ExecutionReports on {@code exec.<venue>}; instrument definitions,
 * account snapshots and the throttle status go out on {@code acct.<venue>}. The only holder of
 * venue credentials in the fleet: read from files at start, kept in memory, never logged.
 */
public final class ExecHandlerApp implements DaemonApp
{
    /** Binance's rule for client order ids: 1..36 of these characters. */
    private static final Pattern CLIENT_ORDER_ID = Pattern.compile("[.A-Z:/a-z0-9_-]{1,36}");
    /** The gauges walk the open orders: sampled for the scrape, not every duty cycle. */
    private static final long GAUGE_PERIOD_NS = 250_000_000L;
    private static final byte[] CONTROL_TOPIC = Topics.CONTROL.getBytes(StandardCharsets.US_ASCII);

    private DaemonContext context;
    private Logger log;
    private ExecHandlerConfig config;
    private ExecJournal journal;
    private BinanceGateway gateway;
    private OrderTracker tracker;
    private BusOutput output;
    private TickToOrderLatency tickToOrder;
    private final OrderCommandDecoder command = new OrderCommandDecoder();
    private final Map<Integer, VenueSymbol> symbolsByInstrument = new HashMap<>();
    private final Map<String, InstrumentRules> rulesBySymbol = new HashMap<>();
    private boolean wasReady;
    private JournalException journalFailure;
    // Written by the event loop each cycle, read by the metrics scrape on the HTTP thread.
    private volatile int openOrdersGauge;
    private volatile int unresolvedOrdersGauge;
    private volatile long usedWeightGauge;
    private volatile long clockOffsetGauge;
    private long lastGaugeNs = System.nanoTime();
    private long commandsReceived;
    private long commandsRejected;

    @Override
    public List<SectionSpec> ownedSections()
    {
        return List.of(ExecHandlerConfig.SPEC);
    }

    /** Also reads the key files, so a missing or empty one is a configuration error (exit 2), not a crash. */
    @Override
    public void validate(final FleetConfig fleet)
    {
        final ExecHandlerConfig candidate = ExecHandlerConfig.from(fleet);
        SecretFile.read(candidate.apiKeyFile(), ExecHandlerConfig.SECTION, "API_KEY_FILE");
        SecretFile.read(candidate.secretKeyFile(), ExecHandlerConfig.SECTION, "SECRET_KEY_FILE");
    }

    @Override
    public void onStart(final DaemonContext context)
    {
        this.context = context;
        this.log = context.log();
        final String apiKey;
        final byte[] secret;
        try
        {
            config = ExecHandlerConfig.from(context.config());
            apiKey = SecretFile.read(config.apiKeyFile(), ExecHandlerConfig.SECTION, "API_KEY_FILE");
            secret = SecretFile.read(config.secretKeyFile(), ExecHandlerConfig.SECTION, "SECRET_KEY_FILE").getBytes(StandardCharsets.US_ASCII);
        }
        catch (final ConfigException ex)
        {
            throw new DaemonFatalException(ex.getMessage(), ex);
        }
        for (final VenueSymbol symbol : config.symbols())
        {
            symbolsByInstrument.put(symbol.instrumentId(), symbol);
        }
        journal = openJournal(config.journalFile());
        tickToOrder = new TickToOrderLatency(context.clock());
        gateway = new BinanceGateway(config, apiKey, new BinanceSigner(secret), context.clock(), log, new AccountEvents(), tickToOrder);
        output = new BusOutput(context, config, gateway::originNs);
        tracker = new OrderTracker(journal, gateway, output, config.symbols(),
            new TrackerTimings(config.requestTimeout().toMillis(), config.lookupRetry().toMillis(), config.fillGapTimeout().toMillis()));
        gateway.listener(tracker);
        context.subscriber().subscribe(config.commandTopic());
        context.health().notReady("venue", "starting");
        registerMetrics();
        log.info("event=exec_handler_config venue={} rest={} ws_api={} symbols={} journal={} recv_window_ms={} open_orders={}",
            config.venueName(), config.restUrl(), config.wsApiUrl(), config.symbols().size(), config.journalFile(),
            config.recvWindow().toMillis(), tracker.openOrders());
        gateway.start(System.nanoTime());
    }

    private static ExecJournal openJournal(final Path file)
    {
        try
        {
            final Path parent = file.toAbsolutePath().getParent();
            if (parent != null)
            {
                Files.createDirectories(parent);
            }
            return ExecJournal.open(file);
        }
        catch (final IOException | RuntimeException ex)
        {
            throw new DaemonFatalException("cannot open the order journal " + file + ": " + ex.getMessage(), ex);
        }
    }

    private void registerMetrics()
    {
        final var metrics = context.metrics();
        metrics.gauge("exec_handler_open_orders", "Orders not yet in a final state", () -> openOrdersGauge);
        metrics.gauge("exec_handler_unresolved_orders", "Orders whose venue state is not known yet (in flight or being looked up)",
            () -> unresolvedOrdersGauge);
        metrics.counter("exec_handler_commands", "Order commands received", () -> commandsReceived);
        metrics.counter("exec_handler_commands_rejected", "Order commands refused before reaching the venue", () -> commandsRejected);
        metrics.counter("exec_handler_malformed_messages", "Venue messages that did not parse or were not expected", gateway::malformedMessages);
        metrics.counter("exec_handler_sessions_lost", "WebSocket API sessions lost after being ready", gateway::sessionsLost);
        metrics.gauge("exec_handler_clock_offset_ms", "Venue clock minus local clock", () -> clockOffsetGauge);
        metrics.gauge("exec_handler_used_weight_1m", "Venue request weight used in the current minute", () -> usedWeightGauge);
        metrics.counter("exec_handler_dropped_frames", "Venue frames not handed to the event loop (queue full: connection closed; binary: ignored)",
            gateway::framesDropped);
        metrics.counter("exec_handler_ignored_events", "Documented user-data events the order path does not use", gateway::ignoredEvents);
        tickToOrder.register(metrics.registry());
    }

    /**
     * A journal that cannot be written is fatal: the order core's memory may be ahead of its journal,
     * and trading on without one would break idempotency across the restart that must follow. The
     * daemon exits 1 (systemd restarts it) and the restart reconciles from the journal and the venue.
     */
    @Override
    public int doWork(final long nowNs)
    {
        if (journalFailure != null)
        {
            throw new DaemonFatalException("order journal failed: " + journalFailure.getMessage(), journalFailure);
        }
        try
        {
            final int work = doVenueWork(nowNs);
            if (nowNs - lastGaugeNs >= GAUGE_PERIOD_NS)
            {
                lastGaugeNs = nowNs;
                publishGaugeValues();
            }
            return work;
        }
        catch (final JournalException ex)
        {
            throw new DaemonFatalException("order journal failed: " + ex.getMessage(), ex);
        }
    }

    private int doVenueWork(final long nowNs)
    {
        int work = gateway.doWork(nowNs);
        work += tracker.onTimer(nowNs / 1_000_000L);
        final boolean ready = gateway.isReady();
        if (ready != wasReady)
        {
            wasReady = ready;
            if (ready)
            {
                context.health().clear("venue");
            }
        }
        if (!ready)
        {
            context.health().notReady("venue", gateway.notReadyReason());
        }
        return work;
    }

    @Override
    public void onMessage(final TopicView topic, final MessageHeaderDecoder header, final DirectBuffer buffer, final int length)
    {
        if (header.templateId() != OrderCommandDecoder.TEMPLATE_ID || journalFailure != null)
        {
            // After a journal failure nothing more is taken: the next duty cycle stops the daemon.
            return;
        }
        command.wrap(buffer, io.mmfleet.bus.Envelope.HEADER_LENGTH, header.blockLength(), header.version());
        commandsReceived++;
        final boolean fromControl = topic.equalsBytes(CONTROL_TOPIC);
        final long commandId = command.commandId();
        if (fromControl)
        {
            output.acknowledgeControl(header, commandId);
        }
        try
        {
            onCommand(command, header, commandId);
        }
        catch (final JournalException ex)
        {
            // The bus subscriber survives any handler exception; the next duty cycle stops the daemon.
            journalFailure = ex;
        }
    }

    private void publishGaugeValues()
    {
        openOrdersGauge = tracker.openOrders();
        unresolvedOrdersGauge = tracker.unresolvedOrders();
        usedWeightGauge = gateway.throttle().usedWeight1m(gateway.venueTimeMs());
        clockOffsetGauge = gateway.clockOffsetMs();
    }

    private void onCommand(final OrderCommandDecoder command, final MessageHeaderDecoder header, final long commandId)
    {
        final int strategyId = command.strategyId();
        final int instrumentId = command.instrumentId();
        final CommandType type = command.commandType();
        final String clientOrderId = command.clientOrderId().trim();
        final String origClientOrderId = command.origClientOrderId().trim();
        if (command.venueId() != config.venueId())
        {
            refuse(commandId, strategyId, instrumentId, clientOrderId, RejectReason.INTERNAL,
                "command for venue " + command.venueId() + " reached the exec-handler of venue " + config.venueId());
            return;
        }
        final VenueSymbol symbol = symbolsByInstrument.get(instrumentId);
        if (symbol == null)
        {
            refuse(commandId, strategyId, instrumentId, clientOrderId, RejectReason.UNKNOWN_INSTRUMENT,
                "instrument " + instrumentId + " is not traded here (SYMBOLS)");
            return;
        }
        final long nowMs = System.nanoTime() / 1_000_000L;
        switch (type)
        {
            case NEW -> onNew(command, commandId, strategyId, symbol, clientOrderId, header.originNs(), nowMs);
            case CANCEL, STATUS_QUERY ->
            {
                if (!CLIENT_ORDER_ID.matcher(origClientOrderId).matches())
                {
                    refuse(commandId, strategyId, instrumentId, origClientOrderId, RejectReason.UNKNOWN_ORDER,
                        "origClientOrderId must be 1..36 of [.A-Z:/a-z0-9_-]");
                }
                else if (type == CommandType.CANCEL)
                {
                    tracker.onCancel(commandId, strategyId, symbol, origClientOrderId, nowMs);
                }
                else
                {
                    tracker.onStatusQuery(commandId, strategyId, symbol, origClientOrderId, nowMs);
                }
            }
            case CANCEL_ALL ->
            {
                output.rememberCancelAllRequester(commandId, header.sourceId(), header.runId());
                tracker.onCancelAll(commandId, strategyId, symbol, nowMs);
            }
            case REPLACE -> refuse(commandId, strategyId, instrumentId, clientOrderId, RejectReason.INTERNAL,
                "REPLACE is not supported by exec-handler yet: send CANCEL then NEW");
            default -> refuse(commandId, strategyId, instrumentId, clientOrderId, RejectReason.INTERNAL,
                "unknown command type " + command.commandTypeRaw());
        }
    }

    private void onNew(
        final OrderCommandDecoder command,
        final long commandId,
        final int strategyId,
        final VenueSymbol symbol,
        final String clientOrderId,
        final long originNs,
        final long nowMs)
    {
        final int instrumentId = symbol.instrumentId();
        if (!CLIENT_ORDER_ID.matcher(clientOrderId).matches())
        {
            refuse(commandId, strategyId, instrumentId, clientOrderId, RejectReason.INTERNAL,
                "clientOrderId must be 1..36 of [.A-Z:/a-z0-9_-]");
            return;
        }
        final Side side = command.side();
        final OrderType type = command.orderType();
        if (side == null || side == Side.NULL_VAL || side == Side.SBE_UNKNOWN ||
            type == null || type == OrderType.NULL_VAL || type == OrderType.SBE_UNKNOWN)
        {
            refuse(commandId, strategyId, instrumentId, clientOrderId, RejectReason.INTERNAL, "side and order type are required");
            return;
        }
        final boolean market = type == OrderType.MARKET;
        final long priceMantissa = command.price().mantissa();
        final long price = market ? 0 : priceMantissa == DecimalDecoder.mantissaNullValue()
            ? ScaledDecimal.NOT_REPRESENTABLE : ScaledDecimal.toScale(priceMantissa, command.price().exponent(), symbol.priceScale());
        final long qtyMantissa = command.qty().mantissa();
        final long qty = qtyMantissa == DecimalDecoder.mantissaNullValue()
            ? ScaledDecimal.NOT_REPRESENTABLE : ScaledDecimal.toScale(qtyMantissa, command.qty().exponent(), symbol.qtyScale());
        if (price == ScaledDecimal.NOT_REPRESENTABLE || (!market && price <= 0))
        {
            refuse(commandId, strategyId, instrumentId, clientOrderId, RejectReason.PRICE_TICK,
                "price missing, not positive or finer than the venue's " + symbol.priceScale() + " decimals");
            return;
        }
        if (qty == ScaledDecimal.NOT_REPRESENTABLE || qty <= 0)
        {
            refuse(commandId, strategyId, instrumentId, clientOrderId, RejectReason.QTY_LOT,
                "quantity missing, not positive or finer than the venue's " + symbol.qtyScale() + " decimals");
            return;
        }
        if (tracker.knows(clientOrderId))
        {
            // A resend of an order already sent (its answer was lost): answered from the order's
            // state, never refused by a check that came into force after it went out (kill switch,
            // new exchange filters) — the OMS would write off an order that is live at the venue.
            tracker.onNewOrder(commandId, strategyId, symbol, side, type, command.timeInForce(), price, qty, clientOrderId, originNs, nowMs);
            return;
        }
        if (context.killSwitch().isHalted(config.venueId(), strategyId))
        {
            refuse(commandId, strategyId, instrumentId, clientOrderId, RejectReason.KILL_SWITCH,
                "kill switch engaged: " + context.killSwitch().lastReason());
            return;
        }
        if (type == OrderType.LIMIT && (command.timeInForce() == TimeInForce.NULL_VAL || command.timeInForce() == TimeInForce.SBE_UNKNOWN))
        {
            refuse(commandId, strategyId, instrumentId, clientOrderId, RejectReason.INTERNAL, "a LIMIT order needs a timeInForce (GTC, IOC or FOK)");
            return;
        }
        final InstrumentRules rules = rulesBySymbol.get(symbol.venueSymbol());
        if (rules != null && !"TRADING".equals(rules.status()))
        {
            refuse(commandId, strategyId, instrumentId, clientOrderId, RejectReason.VENUE_REJECT,
                symbol.venueSymbol() + " is " + rules.status() + " at the venue, not TRADING");
            return;
        }
        final RejectReason violation = rules == null ? null : rules.check(type, price, qty);
        if (violation != null)
        {
            refuse(commandId, strategyId, instrumentId, clientOrderId, violation, "outside the venue's " + violation + " filter");
            return;
        }
        tracker.onNewOrder(commandId, strategyId, symbol, side, type, command.timeInForce(), price, qty, clientOrderId, originNs, nowMs);
    }

    private void refuse(final long commandId, final int strategyId, final int instrumentId, final String clientOrderId,
        final RejectReason reason, final String text)
    {
        commandsRejected++;
        output.reject(commandId, strategyId, instrumentId, clientOrderId, reason, 0, text);
    }

    @Override
    public void onReload(final FleetConfig fleet)
    {
        ExecHandlerConfig.requireSameVenueSetup(config, ExecHandlerConfig.from(fleet), fleet.document().fileName());
    }

    @Override
    public int republish(final PublishStream stream)
    {
        if (stream.topic().equals(config.accountTopic()))
        {
            return output.republishAccount();
        }
        if (stream.topic().equals(config.executionTopic()))
        {
            return tracker.republishOrders();
        }
        return -1;
    }

    @Override
    public void onStop()
    {
        if (tickToOrder != null)
        {
            // The whole run's distribution, for the journal and for the fleet latency benchmark (bin/bench fleet-latency).
            log.info("event=tick_to_order_latency {}", tickToOrder.describe());
        }
        if (gateway != null)
        {
            gateway.close();
        }
        if (journal != null)
        {
            journal.close();
        }
    }

    /** Instrument rules, balances, trades and throttle changes from the gateway, published for the fleet. */
    private final class AccountEvents implements BinanceGateway.AccountListener
    {
        @Override
        public void onInstrumentRules(final List<InstrumentRules> rules)
        {
            for (final InstrumentRules rule : rules)
            {
                rulesBySymbol.put(rule.symbol().venueSymbol(), rule);
                output.instrumentDefinition(rule);
            }
        }

        @Override
        public void onBalances(final List<Balance> balances, final boolean complete, final long venueTimeMs)
        {
            output.balances(balances, complete, venueTimeMs);
        }

        @Override
        public void onAccountTrades(final VenueSymbol symbol, final List<VenueFill> trades, final long venueTimeMs)
        {
            output.accountTrades(symbol, trades, venueTimeMs);
        }

        @Override
        public void onThrottleChanged(final ThrottleState state)
        {
            output.throttleStatus(state, gateway.throttle(), gateway.venueTimeMs());
        }
    }
}
