package io.mmfleet.oms;

import io.mmfleet.bus.Envelope;
import io.mmfleet.bus.PendingRequests;
import io.mmfleet.bus.PublishStream;
import io.mmfleet.bus.TopicView;
import io.mmfleet.bus.Topics;
import io.mmfleet.bus.config.ConfigException;
import io.mmfleet.bus.config.DaemonEndpoint;
import io.mmfleet.bus.config.FleetConfig;
import io.mmfleet.bus.config.SectionSpec;
import io.mmfleet.bus.runtime.DaemonApp;
import io.mmfleet.bus.runtime.DaemonContext;
import io.mmfleet.bus.runtime.DaemonFatalException;
import io.mmfleet.bus.runtime.KillPoints;
import io.mmfleet.oms.core.CancelAllTracker;
import io.mmfleet.oms.core.ClientOrderIds;
import io.mmfleet.oms.core.DeadManSwitch;
import io.mmfleet.oms.core.ExecReport;
import io.mmfleet.oms.core.ExposureBook;
import io.mmfleet.oms.core.InstrumentLimits;
import io.mmfleet.oms.core.OrderManager;
import io.mmfleet.oms.core.OrderRequest;
import io.mmfleet.oms.core.PreTradeRisk;
import io.mmfleet.sbe.AckStatus;
import io.mmfleet.sbe.BookUpdateDecoder;
import io.mmfleet.sbe.CancelOrderRequestDecoder;
import io.mmfleet.sbe.ControlAckDecoder;
import io.mmfleet.sbe.DaemonState;
import io.mmfleet.sbe.DecimalDecoder;
import io.mmfleet.sbe.ExecType;
import io.mmfleet.sbe.ExecutionReportDecoder;
import io.mmfleet.sbe.HeartbeatDecoder;
import io.mmfleet.sbe.InstrumentDefinitionDecoder;
import io.mmfleet.sbe.KillScope;
import io.mmfleet.sbe.KillSwitchDecoder;
import io.mmfleet.sbe.MessageHeaderDecoder;
import io.mmfleet.sbe.NewOrderRequestDecoder;
import io.mmfleet.sbe.OrderCommandDecoder;
import io.mmfleet.sbe.OrderRejectDecoder;
import io.mmfleet.sbe.PositionUpdateDecoder;
import io.mmfleet.sbe.RejectReason;
import io.mmfleet.sbe.RejectSource;
import io.mmfleet.sbe.ReplaceOrderRequestDecoder;
import io.mmfleet.sbe.RiskAction;
import io.mmfleet.sbe.RiskEventDecoder;
import io.mmfleet.sbe.SnapshotCompleteDecoder;
import io.mmfleet.sbe.SnapshotRequestEncoder;
import io.mmfleet.sbe.ThrottleStatusDecoder;
import io.mmfleet.sbe.VenueState;
import io.mmfleet.sbe.VenueStatusDecoder;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2IntHashMap;
import org.agrona.collections.Int2ObjectHashMap;
import org.slf4j.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The OMS on the event loop: decodes what the bus brings, calls the I/O-free core
 * ({@link OrderManager}) as its package-info describes, and lets {@link OmsBusOutput} encode what
 * the core asks for. Strategies' requests come on {@code ord.req}; commands go to each venue's
 * exec-handler on {@code ord.cmd.<venue>} and are retransmitted until answered on
 * {@code exec.<venue>}; order states and rejects go out on {@code ord.state}.
 * <p>
 * At start it asks each exec-handler for a snapshot of its execution stream (the ORDER_STATUS
 * reports of the orders open at the venue, which the core adopts, so a restart never forgets a live
 * order) and of its account stream (instrument definitions), and the position-server for a
 * snapshot of {@code pos}. Strategies' requests are left unanswered (they resend them) until every
 * execution snapshot is in. Ready only once every venue has defined at least one instrument, the
 * open orders are recovered and the position snapshot is complete. It also asks the quote-server
 * for the book of each instrument on each venue, so a still market does not leave it without one;
 * books are not recovery state, so those snapshots gate neither readiness nor recovery. A READY
 * heartbeat of the quote-server keeps the books it published fresh: a quiet market is not stale.
 */
public final class OmsApp implements DaemonApp
{
    /** Daemon section of the position-server, whose {@code pos} stream and heartbeat make positions fresh. */
    static final String POSITION_SERVER = "position-server";
    /** Daemon section of the quote-server, which answers snapshots of {@code md.<venue>.<INSTRUMENT>} and whose heartbeat keeps books fresh. */
    static final String QUOTE_SERVER = "quote-server";
    /** Start-up snapshot requests use ids of their own range, apart from the core's command ids. */
    private static final long SNAPSHOT_REQUEST_ID_BASE = 1L << 60;
    /** ThrottleStatus's orderLimit10s is per ten seconds. */
    private static final long VENUE_ORDER_WINDOW_NS = 10_000_000_000L;
    private static final byte[] ORDER_REQUEST_TOPIC = Topics.ORDER_REQUEST.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EXECUTION_PREFIX = Topics.EXECUTION.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ACCOUNT_PREFIX = Topics.ACCOUNT.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MARKET_DATA_PREFIX = Topics.MARKET_DATA.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] POSITION_TOPIC = Topics.POSITION.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RISK_TOPIC = Topics.RISK.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONTROL_ACK_TOPIC = Topics.CONTROL_ACK.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONTROL_TOPIC = Topics.CONTROL.getBytes(StandardCharsets.US_ASCII);

    private DaemonContext context;
    private Logger log;
    private OmsConfig config;
    private PreTradeRisk risk;
    private DeadManSwitch deadMan;
    private CancelAllTracker cancelAlls;
    private OrderManager orders;
    private OmsBusOutput output;
    private RequestJournal journal;
    private boolean recoveryOver;
    private PendingRequests pending;
    private int positionServerSourceId;
    private int quoteServerSourceId = -1;
    /** Book snapshots not yet answered: while any is, each BookUpdate is checked against them. */
    private int bookSnapshotsOpen;
    private boolean positionsIn;
    private final List<StartupSnapshot> snapshots = new ArrayList<>();
    private final Int2ObjectHashMap<OmsConfig.VenueRoute> venuesWithoutDefinitions = new Int2ObjectHashMap<>();
    /** Strategy id → the envelope source its requests come from (its heartbeat's source). */
    private final Int2IntHashMap sourceByStrategy = new Int2IntHashMap(-1);
    private final OrderRequest request = new OrderRequest();
    private final ExecReport report = new ExecReport();
    private final NewOrderRequestDecoder newOrder = new NewOrderRequestDecoder();
    private final CancelOrderRequestDecoder cancelOrder = new CancelOrderRequestDecoder();
    private final ReplaceOrderRequestDecoder replaceOrder = new ReplaceOrderRequestDecoder();
    private final ExecutionReportDecoder execution = new ExecutionReportDecoder();
    private final OrderRejectDecoder reject = new OrderRejectDecoder();
    private final ControlAckDecoder ack = new ControlAckDecoder();
    private final InstrumentDefinitionDecoder definition = new InstrumentDefinitionDecoder();
    private final ThrottleStatusDecoder throttle = new ThrottleStatusDecoder();
    private final BookUpdateDecoder book = new BookUpdateDecoder();
    private final VenueStatusDecoder venueStatus = new VenueStatusDecoder();
    private final PositionUpdateDecoder position = new PositionUpdateDecoder();
    private final RiskEventDecoder riskEvent = new RiskEventDecoder();
    private final KillSwitchDecoder killSwitch = new KillSwitchDecoder();
    private final SnapshotCompleteDecoder snapshotComplete = new SnapshotCompleteDecoder();
    private final HeartbeatDecoder heartbeat = new HeartbeatDecoder();
    private final SnapshotRequestEncoder snapshotRequest = new SnapshotRequestEncoder();
    private final byte[] completeTopic = new byte[Envelope.MAX_TOPIC_LENGTH];
    // Written by the event loop, read by the metrics scrape on the HTTP thread.
    private volatile int liveOrdersGauge;
    private volatile int cancelAllsPendingGauge;
    private volatile long requestsReceived;
    private volatile long commandsGivenUp;
    private volatile long requestsHeldForRecovery;
    private volatile long requestsOfEndedRuns;

    /**
     * A snapshot the OMS asks for at start, retransmitted until its SnapshotComplete arrives (or, for
     * a book, a BookUpdate on its topic).
     */
    private static final class StartupSnapshot
    {
        final long requestId;
        final int ownerSourceId;
        final String topic;
        final byte[] topicBytes;
        boolean complete;

        StartupSnapshot(final long requestId, final int ownerSourceId, final String topic)
        {
            this.requestId = requestId;
            this.ownerSourceId = ownerSourceId;
            this.topic = topic;
            this.topicBytes = topic.getBytes(StandardCharsets.US_ASCII);
        }
    }

    @Override
    public List<SectionSpec> ownedSections()
    {
        return List.of(OmsConfig.SPEC);
    }

    /** Also checks that the daemons VENUES names, and the position-server, have sections in the file. */
    @Override
    public void validate(final FleetConfig fleet)
    {
        final OmsConfig candidate = OmsConfig.from(fleet);
        for (final OmsConfig.VenueRoute venue : candidate.venues())
        {
            requireDaemon(fleet, venue.execHandler(), OmsConfig.SECTION, "VENUES");
        }
        requireDaemon(fleet, POSITION_SERVER, POSITION_SERVER, "SOURCE_ID");
    }

    /** The daemon's endpoint; its absence is reported against {@code section}/{@code key}. */
    private static DaemonEndpoint requireDaemon(final FleetConfig fleet, final String name, final String section, final String key)
    {
        for (final DaemonEndpoint daemon : fleet.daemons())
        {
            if (daemon.name().equals(name))
            {
                return daemon;
            }
        }
        final String expected = "a daemon section [" + name + "] in the file (the OMS needs its SOURCE_ID to ask it for snapshots)";
        throw new ConfigException(fleet.document().fileName(), 0, section, key, expected, "expected " + expected + ", there is none");
    }

    @Override
    public List<String> reliableTopicPrefixes()
    {
        return List.of(Topics.EXECUTION, Topics.ACCOUNT, Topics.POSITION);
    }

    @Override
    public void onStart(final DaemonContext context)
    {
        this.context = context;
        this.log = context.log();
        try
        {
            config = OmsConfig.from(context.config());
        }
        catch (final ConfigException ex)
        {
            throw new DaemonFatalException(ex.getMessage(), ex);
        }
        final var bus = context.config().bus();
        pending = new PendingRequests(4 * config.maxLiveOrders() + 64, bus.retransmitInterval().toNanos(),
            (int)bus.retransmitMaxAttempts(), this::onGiveUp);
        output = new OmsBusOutput(context.publisher(), pending, config.venues(), log);
        output.deadManTimeoutMs(config.deadManTimeout().toMillis());
        try
        {
            journal = RequestJournal.open(config.journalFile());
        }
        catch (final IOException | RuntimeException ex)
        {
            throw new DaemonFatalException("cannot open the request journal " + config.journalFile() + ": " + ex.getMessage(), ex);
        }
        output.journal(journal);
        log.info("event=request_journal file={} earlier_orders={} malformed_lines={}", config.journalFile(), journal.earlierCount(),
            journal.malformedLines());
        // The strategies of the earlier orders are heard from their heartbeats at once, not only once they send a request.
        journal.earlierStrategySources().forEach(sourceByStrategy::put);
        risk = new PreTradeRisk(config.riskLimits(), new ExposureBook(), config.newRateLimiter(), context.killSwitch());
        deadMan = new DeadManSwitch(config.deadManTimeout().toNanos());
        cancelAlls = new CancelAllTracker(config.retransmitInterval().toNanos());
        orders = new OrderManager(risk, new ClientOrderIds(context.runId()), context.killSwitch(), deadMan, cancelAlls, output,
            config.maxLiveOrders());

        context.subscriber()
            .subscribe(Topics.ORDER_REQUEST)
            .subscribe(Topics.EXECUTION)
            .subscribe(Topics.ACCOUNT)
            .subscribe(Topics.MARKET_DATA)
            .subscribe(Topics.POSITION)
            .subscribe(Topics.RISK)
            .subscribe(Topics.CONTROL_ACK);

        positionServerSourceId = requireDaemon(context.config(), POSITION_SERVER, POSITION_SERVER, "SOURCE_ID").sourceId();
        for (final OmsConfig.VenueRoute venue : config.venues())
        {
            final int execSource = requireDaemon(context.config(), venue.execHandler(), OmsConfig.SECTION, "VENUES").sourceId();
            requestSnapshot(execSource, venue.executionTopic());
            requestSnapshot(execSource, venue.accountTopic());
            venuesWithoutDefinitions.put(venue.venueId(), venue);
        }
        requestSnapshot(positionServerSourceId, Topics.POSITION);
        requestBooks();
        context.health().notReady("instruments", "no InstrumentDefinition yet from " + config.venues());
        context.health().notReady("positions", "no position snapshot from " + POSITION_SERVER + " yet");
        context.health().notReady("orders", "recovering the open orders of " + config.venues());
        registerMetrics();
        log.info("event=oms_config venues={} instruments={} collar_bps={} dead_man_ms={} max_live_orders={}",
            config.venues(), config.instruments().size(), config.priceCollarBps(), config.deadManTimeout().toMillis(),
            config.maxLiveOrders());
    }

    private void registerMetrics()
    {
        final var metrics = context.metrics();
        metrics.gauge("oms_live_orders", "Orders not in a final state", () -> liveOrdersGauge);
        metrics.gauge("oms_cancel_alls_pending", "Kill switch cancel-alls not yet answered", () -> cancelAllsPendingGauge);
        metrics.counter("oms_requests", "Strategy requests received (new, cancel, replace)", () -> requestsReceived);
        metrics.counter("oms_request_journal_failures", "Orders whose request id could not be journaled", output::journalFailures);
        metrics.counter("oms_requests_held_for_recovery", "Strategy requests left unanswered (to be resent) until start-up recovery is over",
            () -> requestsHeldForRecovery);
        metrics.counter("oms_requests_of_ended_runs", "Requests refused (KILL_SWITCH) because a newer run of their strategy has been heard",
            () -> requestsOfEndedRuns);
        metrics.counter("oms_ended_run_orders_cancelled", "Live orders cancelled because a new run of their strategy ended the run that made them",
            output::endedRunOrdersCancelled);
        metrics.counter("oms_commands_given_up", "Order commands never answered within the retransmit attempts", () -> commandsGivenUp);
    }

    private void requestSnapshot(final int ownerSourceId, final String topic)
    {
        final StartupSnapshot snapshot = new StartupSnapshot(SNAPSHOT_REQUEST_ID_BASE + snapshots.size(), ownerSourceId, topic);
        snapshots.add(snapshot);
        sendSnapshotRequest(snapshot);
    }

    /**
     * The quote-server publishes a book only when it changes: on a still market a restarted OMS
     * would otherwise refuse every order STALE_MARKET_DATA until the next change.
     */
    private void requestBooks()
    {
        for (final DaemonEndpoint daemon : context.config().daemons())
        {
            if (daemon.name().equals(QUOTE_SERVER))
            {
                quoteServerSourceId = daemon.sourceId();
            }
        }
        if (quoteServerSourceId < 0)
        {
            log.warn("event=no_quote_server_section note=\"books only as they change, and only new books keep them fresh\"");
            return;
        }
        for (final OmsConfig.VenueRoute venue : config.venues())
        {
            for (final InstrumentLimits instrument : config.instruments())
            {
                final String name = context.config().instruments().byId(instrument.instrumentId()).orElseThrow().name();
                requestSnapshot(quoteServerSourceId, Topics.MARKET_DATA + venue.name() + "." + name);
                bookSnapshotsOpen++;
            }
        }
    }

    private void sendSnapshotRequest(final StartupSnapshot snapshot)
    {
        final PublishStream stream = context.publisher().stream(Topics.SNAPSHOT_REQUEST);
        context.publisher().wrap(snapshotRequest)
            .requestId(snapshot.requestId)
            .ownerSourceId(snapshot.ownerSourceId)
            .topic(snapshot.topic);
        context.publisher().publish(stream, snapshotRequest, 0);
        pending.track(snapshot.requestId, stream, context.publisher().buffer(), 0,
            Envelope.HEADER_LENGTH + snapshotRequest.encodedLength(), System.nanoTime());
    }

    /** A request ran out of retransmissions: a command's fate goes to a status query; a start-up snapshot is asked again. */
    private void onGiveUp(final long requestId, final String topic, final int attempts)
    {
        if (requestId >= SNAPSHOT_REQUEST_ID_BASE)
        {
            for (final StartupSnapshot snapshot : snapshots)
            {
                if (snapshot.requestId == requestId && !snapshot.complete)
                {
                    log.warn("event=startup_snapshot_unanswered topic={} owner={} attempts={} action=ask_again",
                        snapshot.topic, snapshot.ownerSourceId, attempts);
                    sendSnapshotRequest(snapshot);
                }
            }
            return;
        }
        commandsGivenUp++;
        log.error("event=command_given_up command={} topic={} attempts={} action=status_query", requestId, topic, attempts);
        orders.onCommandUnanswered(requestId);
    }

    @Override
    public int doWork(final long nowNs)
    {
        output.originNs(0);
        orders.onTimer(context.clock().nanoTime());
        final int work = pending.resendDue(context.publisher(), nowNs);
        liveOrdersGauge = orders.liveOrderCount();
        cancelAllsPendingGauge = cancelAlls.pendingCount();
        return work;
    }

    @Override
    public void onMessage(final TopicView topic, final MessageHeaderDecoder header, final DirectBuffer buffer, final int length)
    {
        final int offset = Envelope.HEADER_LENGTH;
        final int blockLength = header.blockLength();
        final int version = header.version();
        final long nowNs = context.clock().nanoTime();
        output.originNs(header.originNs());
        if (!recoveryOver && isRequest(header.templateId()))
        {
            // Unanswered, so the strategy resends it once the orders of the earlier run are known:
            // taken now, a resend of a request that run already placed would be placed again.
            requestsHeldForRecovery++;
            return;
        }
        switch (header.templateId())
        {
            case NewOrderRequestDecoder.TEMPLATE_ID ->
            {
                if (topic.equalsBytes(ORDER_REQUEST_TOPIC))
                {
                    newOrder.wrap(buffer, offset, blockLength, version);
                    onNewOrder(header, nowNs);
                }
            }
            case CancelOrderRequestDecoder.TEMPLATE_ID ->
            {
                if (topic.equalsBytes(ORDER_REQUEST_TOPIC))
                {
                    cancelOrder.wrap(buffer, offset, blockLength, version);
                    requestsReceived++;
                    if (!strategySeen(cancelOrder.strategyId(), header))
                    {
                        refuseEndedRun(cancelOrder.strategyId(), cancelOrder.requestId(), cancelOrder.venueId(), cancelOrder.instrumentId());
                        return;
                    }
                    orders.onCancel(cancelOrder.strategyId(), cancelOrder.requestId(), cancelOrder.origRequestId(),
                        cancelOrder.venueId(), cancelOrder.instrumentId());
                }
            }
            case ReplaceOrderRequestDecoder.TEMPLATE_ID ->
            {
                if (topic.equalsBytes(ORDER_REQUEST_TOPIC))
                {
                    replaceOrder.wrap(buffer, offset, blockLength, version);
                    onReplace(header, nowNs);
                }
            }
            case ExecutionReportDecoder.TEMPLATE_ID ->
            {
                if (topic.startsWith(EXECUTION_PREFIX))
                {
                    execution.wrap(buffer, offset, blockLength, version);
                    onExecutionReport(header, nowNs);
                }
            }
            case OrderRejectDecoder.TEMPLATE_ID ->
            {
                if (topic.startsWith(EXECUTION_PREFIX))
                {
                    reject.wrap(buffer, offset, blockLength, version);
                    onCommandReject();
                }
            }
            case ControlAckDecoder.TEMPLATE_ID ->
            {
                if (topic.equalsBytes(CONTROL_ACK_TOPIC))
                {
                    ack.wrap(buffer, offset, blockLength, version);
                    onControlAck();
                }
            }
            case InstrumentDefinitionDecoder.TEMPLATE_ID ->
            {
                if (topic.startsWith(ACCOUNT_PREFIX))
                {
                    definition.wrap(buffer, offset, blockLength, version);
                    onInstrumentDefinition();
                }
            }
            case ThrottleStatusDecoder.TEMPLATE_ID ->
            {
                if (topic.startsWith(ACCOUNT_PREFIX))
                {
                    throttle.wrap(buffer, offset, blockLength, version);
                    if (throttle.orderLimit10s() > 0)
                    {
                        orders.onVenueOrderLimit(throttle.venueId(), throttle.orderLimit10s(), VENUE_ORDER_WINDOW_NS);
                    }
                }
            }
            case BookUpdateDecoder.TEMPLATE_ID ->
            {
                if (topic.startsWith(MARKET_DATA_PREFIX))
                {
                    book.wrap(buffer, offset, blockLength, version);
                    onBook(topic, nowNs);
                }
            }
            case VenueStatusDecoder.TEMPLATE_ID ->
            {
                if (topic.startsWith(MARKET_DATA_PREFIX))
                {
                    venueStatus.wrap(buffer, offset, blockLength, version);
                    onVenueStatus();
                }
            }
            case PositionUpdateDecoder.TEMPLATE_ID ->
            {
                if (topic.equalsBytes(POSITION_TOPIC))
                {
                    position.wrap(buffer, offset, blockLength, version);
                    orders.onPosition(position.venueId(), position.instrumentId(), position.strategyId(),
                        position.position().mantissa(), position.position().exponent(),
                        position.realizedPnl().mantissa(), position.realizedPnl().exponent(),
                        position.unrealizedPnl().mantissa(), position.unrealizedPnl().exponent(),
                        position.execRunId(), position.execSequence(), nowNs);
                }
            }
            case RiskEventDecoder.TEMPLATE_ID ->
            {
                if (topic.equalsBytes(RISK_TOPIC))
                {
                    riskEvent.wrap(buffer, offset, blockLength, version);
                    onRiskEvent(nowNs);
                }
            }
            case KillSwitchDecoder.TEMPLATE_ID ->
            {
                if (topic.equalsBytes(CONTROL_TOPIC))
                {
                    // The runtime has engaged the kill switch state already (new orders are refused).
                    killSwitch.wrap(buffer, offset, blockLength, version);
                    final int sent = orders.onKillSwitch(killSwitch.scope(), killSwitch.venueId(), killSwitch.strategyId(), nowNs);
                    log.warn("event=kill_switch_cancel scope={} venue={} strategy={} sent={}",
                        killSwitch.scope(), killSwitch.venueId(), killSwitch.strategyId(), sent);
                }
            }
            case HeartbeatDecoder.TEMPLATE_ID ->
            {
                heartbeat.wrap(buffer, offset, blockLength, version);
                onHeartbeat(header, nowNs);
            }
            case SnapshotCompleteDecoder.TEMPLATE_ID ->
            {
                snapshotComplete.wrap(buffer, offset, blockLength, version);
                onSnapshotComplete(header, nowNs);
            }
            default ->
            {
            }
        }
        output.originNs(0);
    }

    private static boolean isRequest(final int templateId)
    {
        return templateId == NewOrderRequestDecoder.TEMPLATE_ID || templateId == CancelOrderRequestDecoder.TEMPLATE_ID ||
            templateId == ReplaceOrderRequestDecoder.TEMPLATE_ID;
    }

    private void onNewOrder(final MessageHeaderDecoder header, final long nowNs)
    {
        requestsReceived++;
        final int strategyId = newOrder.strategyId();
        if (!strategySeen(strategyId, header))
        {
            refuseEndedRun(strategyId, newOrder.requestId(), newOrder.venueId(), newOrder.instrumentId());
            return;
        }
        request.set(strategyId, newOrder.requestId(), newOrder.venueId(), newOrder.instrumentId(), newOrder.side(), newOrder.orderType(),
            newOrder.timeInForce(), newOrder.price().mantissa(), newOrder.price().exponent(), newOrder.qty().mantissa(),
            newOrder.qty().exponent()).fromRun(header.runId());
        if (!output.routes(request.venueId))
        {
            output.rejectRequest(strategyId, request.requestId, request.venueId, request.instrumentId, RejectReason.UNKNOWN_INSTRUMENT);
            return;
        }
        orders.onNewOrder(request, nowNs);
    }

    private void onReplace(final MessageHeaderDecoder header, final long nowNs)
    {
        requestsReceived++;
        final int strategyId = replaceOrder.strategyId();
        if (!strategySeen(strategyId, header))
        {
            refuseEndedRun(strategyId, replaceOrder.requestId(), replaceOrder.venueId(), replaceOrder.instrumentId());
            return;
        }
        request.set(strategyId, replaceOrder.requestId(), replaceOrder.venueId(), replaceOrder.instrumentId(), replaceOrder.side(),
            null, null, replaceOrder.price().mantissa(), replaceOrder.price().exponent(), replaceOrder.qty().mantissa(),
            replaceOrder.qty().exponent()).replacing(replaceOrder.origRequestId()).fromRun(header.runId());
        orders.onReplace(request, nowNs);
    }

    /**
     * Learns which envelope source a strategy's requests (and so its heartbeats) come from, and its
     * run: a new run ends the earlier ones ({@link OrderManager#onStrategyRun}).
     *
     * @return false for a request of an ended run of the strategy
     */
    private boolean strategySeen(final int strategyId, final MessageHeaderDecoder header)
    {
        if (!orders.onStrategyRun(strategyId, header.runId()))
        {
            return false;
        }
        sourceByStrategy.put(strategyId, header.sourceId());
        output.requestSourceId(header.sourceId());
        return true;
    }

    /** A late request of a strategy run that a newer run has ended: refused, it may not place or cancel anything. */
    private void refuseEndedRun(final int strategyId, final long requestId, final int venueId, final int instrumentId)
    {
        requestsOfEndedRuns++;
        output.rejectRequest(strategyId, requestId, venueId, instrumentId, RejectReason.KILL_SWITCH);
    }

    private void onExecutionReport(final MessageHeaderDecoder header, final long nowNs)
    {
        final long commandId = execution.commandId();
        if (commandId != 0)
        {
            pending.answered(commandId);
        }
        report.reset();
        report.execRunId = header.runId();
        report.execSequence = header.sequence();
        report.commandId = commandId;
        report.strategyId = execution.strategyId();
        report.venueId = execution.venueId();
        report.instrumentId = execution.instrumentId();
        report.venueOrderId = execution.venueOrderId();
        report.execType = execution.execType();
        report.ordStatus = execution.ordStatus();
        report.side = execution.side();
        report.orderType = execution.orderType();
        report.orderPriceMantissa = execution.orderPrice().mantissa();
        report.orderPriceExponent = execution.orderPrice().exponent();
        report.orderQtyMantissa = execution.orderQty().mantissa();
        report.orderQtyExponent = execution.orderQty().exponent();
        report.lastQtyMantissa = execution.lastQty().mantissa();
        report.lastQtyExponent = execution.lastQty().exponent();
        report.cumQtyMantissa = execution.cumQty().mantissa();
        report.cumQtyExponent = execution.cumQty().exponent();
        report.cumQuoteQtyMantissa = execution.cumQuoteQty().mantissa();
        report.cumQuoteQtyExponent = execution.cumQuoteQty().exponent();
        final RejectReason reason = execution.rejectReason();
        report.rejectReason = reason == RejectReason.NULL_VAL || reason == RejectReason.SBE_UNKNOWN ? null : reason;
        execution.getClientOrderId(report.clientOrderId);
        if (commandId != 0 && report.execType == ExecType.NEW)
        {
            KillPoints.reach(KillPoints.AFTER_COMMAND_SENT);
        }
        recoverRequest();
        orders.onExecutionReport(report, nowNs);
    }

    /**
     * A report of an order this run does not hold (one of an earlier run) brings the request id
     * and the strategy run the journal remembers for it: the core gives the request id back unless
     * that run has ended, and cancels the order if it has.
     */
    private void recoverRequest()
    {
        if (orders.orderByClientOrderId(report.clientOrderId) != null)
        {
            return;
        }
        final RequestJournal.Entry entry = journal.earlier(report.clientOrderId);
        if (entry != null && entry.strategyId() == report.strategyId)
        {
            report.recoveredRequestId = entry.requestId();
            report.recoveredStrategyRunId = entry.strategyRunId();
        }
    }

    private void onCommandReject()
    {
        final long commandId = reject.commandId();
        if (commandId == 0 || reject.rejectSource() == RejectSource.OMS)
        {
            return;
        }
        pending.answered(commandId);
        final RejectReason reason = reject.rejectReason();
        orders.onCommandReject(commandId, reason == RejectReason.NULL_VAL || reason == RejectReason.SBE_UNKNOWN ? null : reason);
    }

    /** A CANCEL_ALL is answered by a ControlAck naming this run as its requester. */
    private void onControlAck()
    {
        if (ack.commandTemplateId() != OrderCommandDecoder.TEMPLATE_ID ||
            ack.requesterSourceId() != context.sourceId() || ack.requesterRunId() != context.runId())
        {
            return;
        }
        final AckStatus status = ack.status();
        if (status == AckStatus.APPLIED || status == AckStatus.ALREADY_APPLIED)
        {
            orders.onCancelAllDone(ack.commandId());
        }
        else
        {
            orders.onCommandReject(ack.commandId(), null);
        }
    }

    private void onInstrumentDefinition()
    {
        final int venueId = definition.venueId();
        orders.onInstrumentDefinition(venueId, definition.instrumentId());
        if (venuesWithoutDefinitions.remove(venueId) != null && venuesWithoutDefinitions.isEmpty())
        {
            context.health().clear("instruments");
            log.info("event=instruments_defined venues={}", config.venues().size());
        }
    }

    /** The best bid and ask; a book missing a side has no mid, so it makes the pair's book unusable. */
    private void onBook(final TopicView topic, final long nowNs)
    {
        if (bookSnapshotsOpen > 0)
        {
            bookSnapshotAnswered(topic);
        }
        final int venueId = book.venueId();
        final int instrumentId = book.instrumentId();
        final BookUpdateDecoder.BidsDecoder bids = book.bids();
        long bid = DecimalDecoder.mantissaNullValue();
        int bidExponent = 0;
        if (bids.hasNext())
        {
            bids.next();
            bid = bids.price().mantissa();
            bidExponent = bids.price().exponent();
            while (bids.hasNext())
            {
                bids.next();
            }
        }
        final BookUpdateDecoder.AsksDecoder asks = book.asks();
        if (!asks.hasNext() || bid == DecimalDecoder.mantissaNullValue())
        {
            orders.onBookWithoutMid(venueId, instrumentId, nowNs);
            return;
        }
        asks.next();
        orders.onBook(venueId, instrumentId, bid, bidExponent, asks.price().mantissa(), asks.price().exponent(), nowNs);
    }

    /** A book on the topic of a book snapshot not yet answered answers it: the state it asked for is in. */
    private void bookSnapshotAnswered(final TopicView topic)
    {
        for (int i = 0, size = snapshots.size(); i < size; i++)
        {
            final StartupSnapshot snapshot = snapshots.get(i);
            if (!snapshot.complete && snapshot.ownerSourceId == quoteServerSourceId && topic.equalsBytes(snapshot.topicBytes))
            {
                snapshot.complete = true;
                bookSnapshotsOpen--;
                pending.answered(snapshot.requestId);
            }
        }
    }

    /** instrumentId 0 speaks for the whole venue connection: every instrument the OMS trades there. */
    private void onVenueStatus()
    {
        final int venueId = venueStatus.venueId();
        final int instrumentId = venueStatus.instrumentId();
        final boolean trusted = venueStatus.state() == VenueState.LIVE;
        if (instrumentId != 0)
        {
            orders.onBookTrusted(venueId, instrumentId, trusted);
            return;
        }
        for (final InstrumentLimits instrument : config.instruments())
        {
            orders.onBookTrusted(venueId, instrument.instrumentId(), trusted);
        }
    }

    /**
     * A RiskEvent asking for the kill switch engages it with the narrowest scope it names (a
     * strategy, else a venue, else everything), then cancels.
     */
    private void onRiskEvent(final long nowNs)
    {
        if (riskEvent.action() != RiskAction.KILL_SWITCH)
        {
            return;
        }
        final int strategyId = riskEvent.strategyId();
        final int venueId = riskEvent.venueId();
        final KillScope scope = strategyId != 0 ? KillScope.STRATEGY : venueId != 0 ? KillScope.VENUE : KillScope.ALL;
        final String reason = "risk event " + riskEvent.eventType() + ": " + riskEvent.text();
        context.killSwitch().engage(scope, venueId, strategyId, reason);
        final int sent = orders.onKillSwitch(scope, venueId, strategyId, nowNs);
        log.warn("event=kill_switch_engaged source=risk_event scope={} venue={} strategy={} sent={} reason=\"{}\"",
            scope, venueId, strategyId, sent, reason);
    }

    private void onHeartbeat(final MessageHeaderDecoder header, final long nowNs)
    {
        final int sourceId = header.sourceId();
        if (sourceId == positionServerSourceId)
        {
            if (positionsIn)
            {
                orders.onPositionSourceFresh(nowNs);
            }
            return;
        }
        if (sourceId == quoteServerSourceId)
        {
            // A READY quote-server is alive and publishing: a book that has not changed is not stale.
            if (heartbeat.state() == DaemonState.READY)
            {
                orders.onMarketDataAlive(nowNs);
            }
            return;
        }
        for (final Int2IntHashMap.EntryIterator it = sourceByStrategy.entrySet().iterator(); it.hasNext(); )
        {
            it.next();
            if (it.getIntValue() == sourceId)
            {
                final int strategyId = it.getIntKey();
                if (orders.onStrategyRun(strategyId, header.runId()))
                {
                    orders.onHeartbeat(strategyId, nowNs);
                }
            }
        }
    }

    private void onSnapshotComplete(final MessageHeaderDecoder header, final long nowNs)
    {
        if (snapshotComplete.requesterSourceId() != context.sourceId())
        {
            return;
        }
        final long requestId = snapshotComplete.requestId();
        for (final StartupSnapshot snapshot : snapshots)
        {
            if (snapshot.requestId == requestId && !snapshot.complete && snapshot.ownerSourceId == header.sourceId() &&
                topicIs(snapshot.topicBytes))
            {
                snapshot.complete = true;
                pending.answered(requestId);
                if (snapshot.ownerSourceId == quoteServerSourceId)
                {
                    bookSnapshotsOpen--;
                }
                log.info("event=startup_snapshot_complete topic={} owner={} messages={}",
                    snapshot.topic, snapshot.ownerSourceId, snapshotComplete.messageCount());
                if (snapshot.ownerSourceId == positionServerSourceId && Topics.POSITION.equals(snapshot.topic))
                {
                    positionsIn = true;
                    orders.onPositionSourceFresh(nowNs);
                    context.health().clear("positions");
                }
            }
        }
        if (!recoveryOver && executionSnapshotsComplete())
        {
            recoveryOver = true;
            compactJournal();
            context.health().clear("orders");
        }
    }

    private boolean executionSnapshotsComplete()
    {
        for (final StartupSnapshot snapshot : snapshots)
        {
            if (snapshot.topic.startsWith(Topics.EXECUTION) && !snapshot.complete)
            {
                return false;
            }
        }
        return true;
    }

    /** Every venue's open orders are adopted: the journal keeps only the earlier orders still held. */
    private void compactJournal()
    {
        final int before = journal.earlierCount();
        try
        {
            journal.compact(clientOrderId -> orders.orderByClientOrderId(clientOrderId) != null);
            log.info("event=recovery_complete live_orders={} journal_earlier_kept={} journal_earlier_dropped={}",
                orders.liveOrderCount(), journal.earlierCount(), before - journal.earlierCount());
        }
        catch (final IOException ex)
        {
            log.error("event=request_journal_compaction_failed file={} error=\"{}\"", config.journalFile(), ex.getMessage());
        }
    }

    private boolean topicIs(final byte[] expected)
    {
        final int topicLength = snapshotComplete.topicLength();
        if (topicLength != expected.length)
        {
            return false;
        }
        snapshotComplete.getTopic(completeTopic, 0, topicLength);
        for (int i = 0; i < topicLength; i++)
        {
            if (completeTopic[i] != expected[i])
            {
                return false;
            }
        }
        return true;
    }

    /** Limits, staleness bounds, rates and timers change live; venues and instrument scales need a restart. */
    @Override
    public void onReload(final FleetConfig fleet)
    {
        validate(fleet);
        final OmsConfig candidate = OmsConfig.from(fleet);
        OmsConfig.requireSameScales(config, candidate, fleet.document().fileName());
        if (!candidate.venues().equals(config.venues()))
        {
            throw new ConfigException(fleet.document().fileName(), 0, OmsConfig.SECTION, "VENUES",
                "VENUES unchanged (" + config.venues() + ")", "routes cannot change while orders are live on them; restart oms to apply them");
        }
        risk.limits(candidate.riskLimits());
        risk.rateLimiter().reconfigure(candidate.orderRateLimit(), candidate.orderRateWindow().toNanos(), candidate.orderRateVenuePercent());
        deadMan.timeoutNs(candidate.deadManTimeout().toNanos());
        cancelAlls.retryNs(candidate.retransmitInterval().toNanos());
        output.deadManTimeoutMs(candidate.deadManTimeout().toMillis());
        config = candidate;
    }

    @Override
    public void onStop()
    {
        if (journal != null)
        {
            journal.close();
        }
        log.info("event=oms_stopping live_orders={} cancel_alls_pending={}", orders == null ? 0 : orders.liveOrderCount(),
            cancelAlls == null ? 0 : cancelAlls.pendingCount());
    }
}
