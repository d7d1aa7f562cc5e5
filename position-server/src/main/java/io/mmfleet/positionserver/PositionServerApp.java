package io.mmfleet.positionserver;

import io.mmfleet.bus.Envelope;
import io.mmfleet.bus.PublishStream;
import io.mmfleet.bus.TopicView;
import io.mmfleet.bus.Topics;
import io.mmfleet.bus.config.DaemonEndpoint;
import io.mmfleet.bus.config.FleetConfig;
import io.mmfleet.bus.config.IniEntry;
import io.mmfleet.bus.config.SectionSpec;
import io.mmfleet.bus.runtime.DaemonApp;
import io.mmfleet.bus.runtime.DaemonContext;
import io.mmfleet.bus.runtime.DaemonFatalException;
import io.mmfleet.bus.runtime.KillPoints;
import io.mmfleet.sbe.AccountSnapshotDecoder;
import io.mmfleet.sbe.BookUpdateDecoder;
import io.mmfleet.sbe.DecimalDecoder;
import io.mmfleet.sbe.ExecType;
import io.mmfleet.sbe.ExecutionReportDecoder;
import io.mmfleet.sbe.InstrumentDefinitionDecoder;
import io.mmfleet.sbe.MessageHeaderDecoder;
import io.mmfleet.sbe.RiskAction;
import io.mmfleet.sbe.RiskEventType;
import io.mmfleet.sbe.Severity;
import io.mmfleet.sbe.SnapshotCompleteDecoder;
import io.mmfleet.sbe.SnapshotRequestEncoder;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2ObjectHashMap;
import org.slf4j.Logger;

import java.util.List;
import java.util.Optional;

/**
 * position-server's logic on the event loop. ExecutionReports of fills (topic {@code exec.<venue>})
 * are recorded in the fills ledger, once each, and applied to the {@link PositionBook}; the changed
 * position's PositionUpdate and its instrument's HedgeTarget go out on {@code pos} at once, and every
 * position each PUBLISH_INTERVAL. BookUpdate mids ({@code md.}) mark the positions. InstrumentDefinitions
 * ({@code acct.<venue>}) give each instrument's base and quote asset; AccountSnapshots are reconciled
 * against the ledger and every difference is a RiskEvent on {@code risk} — the ledger is never
 * changed to match. At start the book is rebuilt from the ledger, so a restart loses nothing the
 * ledger committed.
 */
public final class PositionServerApp implements DaemonApp
{
    /** The exec-handler section: whose account stream is asked for at start. */
    private static final String EXEC_HANDLER = "exec-handler";
    private static final String DEFAULT_VENUE_NAME = "binance";
    /**
     * Ids of the start-up snapshot requests: far above the runtime's gap-recovery requests
     * (counted from 1 per run), which share the requester source id and the SnapshotComplete topic.
     */
    private static final long STARTUP_REQUEST_ID = 1L << 40;
    /** What a start-up snapshot request asks for, in this order: definitions before the fills that need them. */
    private static final String[] STARTUP_TOPICS = {Topics.ACCOUNT, Topics.EXECUTION};

    private DaemonContext context;
    private Logger log;
    private PositionServerConfig config;
    private FillLedger ledger;
    private PositionBook book;
    private HedgeTargets hedgeTargets;
    private Reconciler reconciler;
    private PositionOutput output;
    private final FillsAwaitingAssets awaitingAssets = new FillsAwaitingAssets();
    /** (venue, instrument) to {base asset, quote asset}, from InstrumentDefinitions and the ledger's fills. */
    private final Long2ObjectHashMap<String[]> assets = new Long2ObjectHashMap<>();
    private final ExecutionReportDecoder report = new ExecutionReportDecoder();
    private final InstrumentDefinitionDecoder definition = new InstrumentDefinitionDecoder();
    private final AccountSnapshotDecoder snapshot = new AccountSnapshotDecoder();
    private final BookUpdateDecoder bookUpdate = new BookUpdateDecoder();
    private final SnapshotCompleteDecoder snapshotComplete = new SnapshotCompleteDecoder();
    private long publishIntervalNs;
    private long nextPublishNs;
    /** Ids of the start-up requests, one per {@link #STARTUP_TOPICS} entry; 0 when none was sent. */
    private final long[] startupRequestIds = new long[STARTUP_TOPICS.length];
    private int startupRequestOwner;
    private LedgerException ledgerFailure;
    private long fillsRecorded;
    private long fillsDuplicate;
    private long fillsConflicting;
    private long fillsMalformed;
    private long fillsRefused;
    private long snapshotsReconciled;
    private long discrepancies;
    private long marksMalformed;

    @Override
    public List<SectionSpec> ownedSections()
    {
        return List.of(PositionServerConfig.SPEC);
    }

    @Override
    public void validate(final FleetConfig fleet)
    {
        PositionServerConfig.from(fleet);
    }

    /** A gap on an execution or account stream makes the runtime ask the exec-handler for its state. */
    @Override
    public List<String> reliableTopicPrefixes()
    {
        return List.of(Topics.EXECUTION, Topics.ACCOUNT);
    }

    @Override
    public void onStart(final DaemonContext context)
    {
        this.context = context;
        this.log = context.log();
        config = PositionServerConfig.from(context.config());
        try
        {
            ledger = FillLedger.open(config.ledgerUrl());
            book = PositionBook.rebuild(ledger);
        }
        catch (final LedgerException | IllegalArgumentException | ArithmeticException ex)
        {
            throw new DaemonFatalException("cannot rebuild positions from the fills ledger " + config.ledgerUrl() + ": " + ex.getMessage(), ex);
        }
        // Instruments already traded need no definition to record their next fill: the ledger says their assets.
        book.forEach(position -> assets.put(key(position.venueId(), position.instrumentId()),
            new String[] {position.baseAsset(), position.quoteAsset()}));
        hedgeTargets = new HedgeTargets(book);
        reconciler = new Reconciler(ledger, config.balanceTolerance(), config.reconcileGrace());
        output = new PositionOutput(context.publisher(), book, hedgeTargets);
        publishIntervalNs = config.publishInterval().toNanos();
        context.subscriber().subscribe(Topics.EXECUTION).subscribe(Topics.ACCOUNT).subscribe(Topics.MARKET_DATA);
        registerMetrics();
        log.info("event=position_server_config ledger={} fills={} positions={} publish_interval_ms={} reconcile_grace_ms={} balance_tolerance={}",
            config.ledgerUrl(), ledger.count(), book.size(), config.publishInterval().toMillis(), config.reconcileGrace().toMillis(),
            FixedPoint.format(config.balanceTolerance()));
        requestExecHandlerState();
        output.publishAll();
        nextPublishNs = System.nanoTime() + publishIntervalNs;
    }

    /**
     * Asks the exec-handler at start for its account stream's state (instrument definitions,
     * balances: it published them when it started, maybe long before this run, and fills of an
     * instrument never traded wait for its definition) and its execution stream's (order states and
     * the TRADE reports of its latest fills: those published while this daemon was down are recorded
     * now, the others are duplicates the ledger ignores). Each retransmitted until its SnapshotComplete.
     */
    private void requestExecHandlerState()
    {
        final Optional<DaemonEndpoint> owner = context.config().daemons().stream().filter(d -> d.name().equals(EXEC_HANDLER)).findFirst();
        if (owner.isEmpty())
        {
            log.warn("event=no_exec_handler note=\"no [exec-handler] section: definitions and missed fills arrive only when it publishes them\"");
            return;
        }
        final String venueName = context.config().document().section(EXEC_HANDLER)
            .flatMap(section -> section.entry("VENUE_NAME")).map(IniEntry::value).orElse(DEFAULT_VENUE_NAME);
        startupRequestOwner = owner.get().sourceId();
        final PublishStream requests = context.publisher().stream(Topics.SNAPSHOT_REQUEST);
        final SnapshotRequestEncoder request = new SnapshotRequestEncoder();
        for (int i = 0; i < STARTUP_TOPICS.length; i++)
        {
            final String topic = STARTUP_TOPICS[i] + venueName;
            startupRequestIds[i] = STARTUP_REQUEST_ID + ((context.runId() & 0xFFFF_FFFFL) << 1) + i;
            context.publisher().wrap(request)
                .requestId(startupRequestIds[i])
                .ownerSourceId(startupRequestOwner)
                .topic(topic);
            context.publisher().publish(requests, request, 0);
            context.pendingRequests().track(startupRequestIds[i], requests, context.publisher().buffer(), 0,
                Envelope.HEADER_LENGTH + request.encodedLength(), System.nanoTime());
            log.info("event=exec_handler_state_requested owner={} topic={} request={}", startupRequestOwner, topic, startupRequestIds[i]);
        }
    }

    private boolean isStartupRequest(final long requestId)
    {
        for (final long startupRequestId : startupRequestIds)
        {
            if (startupRequestId != 0 && startupRequestId == requestId)
            {
                return true;
            }
        }
        return false;
    }

    private void registerMetrics()
    {
        final var metrics = context.metrics();
        metrics.counter("position_server_fills_recorded", "Fills written to the ledger and applied to the positions", () -> fillsRecorded);
        metrics.counter("position_server_fills_duplicate", "Fill reports already in the ledger (replays, resends): nothing changed",
            () -> fillsDuplicate);
        metrics.counter("position_server_fills_conflicting", "Fill reports whose trade is in the ledger with other content (a RiskEvent each)",
            () -> fillsConflicting);
        metrics.counter("position_server_fills_malformed", "Fill reports that could not be read as a fill", () -> fillsMalformed);
        metrics.counter("position_server_fills_refused", "Fill reports dropped because too many waited for an InstrumentDefinition",
            () -> fillsRefused);
        metrics.gauge("position_server_fills_awaiting_definition", "Fills held until their instrument's definition arrives",
            awaitingAssets::size);
        metrics.gauge("position_server_positions", "Positions held (venue, instrument, strategy)", () -> book.size());
        metrics.counter("position_server_snapshots_reconciled", "AccountSnapshots compared with the ledger", () -> snapshotsReconciled);
        metrics.counter("position_server_discrepancies", "Differences between the ledger and the venue, each a RiskEvent", () -> discrepancies);
        metrics.counter("position_server_marks_malformed", "BookUpdates whose top of book could not be read as a mid", () -> marksMalformed);
        metrics.counter("position_server_position_updates", "PositionUpdates published", output::positionUpdates);
        metrics.counter("position_server_hedge_targets", "HedgeTargets published", output::hedgeTargetUpdates);
        metrics.counter("position_server_risk_events", "RiskEvents published", output::riskEvents);
    }

    /**
     * A ledger that cannot be written is fatal: the fill it failed on would be lost (the exec-handler
     * does not send it again), and the restart that follows rebuilds from what was committed while
     * reconciliation names the trade as missing.
     */
    @Override
    public int doWork(final long nowNs)
    {
        if (ledgerFailure != null)
        {
            throw new DaemonFatalException("fills ledger failed: " + ledgerFailure.getMessage(), ledgerFailure);
        }
        if (nowNs - nextPublishNs >= 0)
        {
            nextPublishNs = nowNs + publishIntervalNs;
            return output.publishAll();
        }
        return 0;
    }

    @Override
    public void onMessage(final TopicView topic, final MessageHeaderDecoder header, final DirectBuffer buffer, final int length)
    {
        final int offset = Envelope.HEADER_LENGTH;
        try
        {
            switch (header.templateId())
            {
                case ExecutionReportDecoder.TEMPLATE_ID ->
                {
                    report.wrap(buffer, offset, header.blockLength(), header.version());
                    onExecutionReport(header, buffer, offset, length - offset);
                }
                case BookUpdateDecoder.TEMPLATE_ID ->
                {
                    bookUpdate.wrap(buffer, offset, header.blockLength(), header.version());
                    onBookUpdate();
                }
                case InstrumentDefinitionDecoder.TEMPLATE_ID ->
                {
                    definition.wrap(buffer, offset, header.blockLength(), header.version());
                    onInstrumentDefinition();
                }
                case AccountSnapshotDecoder.TEMPLATE_ID ->
                {
                    snapshot.wrap(buffer, offset, header.blockLength(), header.version());
                    onAccountSnapshot();
                }
                case SnapshotCompleteDecoder.TEMPLATE_ID ->
                {
                    snapshotComplete.wrap(buffer, offset, header.blockLength(), header.version());
                    final long requestId = snapshotComplete.requestId();
                    if (snapshotComplete.requesterSourceId() == context.sourceId() && isStartupRequest(requestId) &&
                        header.sourceId() == startupRequestOwner && context.pendingRequests().answered(requestId))
                    {
                        log.info("event=exec_handler_state_received owner={} topic={} messages={}", header.sourceId(),
                            snapshotComplete.topic(), snapshotComplete.messageCount());
                    }
                }
                default ->
                {
                }
            }
        }
        catch (final LedgerException ex)
        {
            // The bus subscriber survives any handler exception; the next duty cycle stops the daemon.
            ledgerFailure = ex;
        }
    }

    private void onExecutionReport(final MessageHeaderDecoder header, final DirectBuffer buffer, final int offset, final int length)
    {
        final int venueId = report.venueId();
        final long runId = header.runId();
        final long sequence = header.sequence();
        if (report.execType() != ExecType.TRADE || report.tradeId() == 0)
        {
            if (!awaitingAssets.holdsVenue(venueId))
            {
                book.executionReportSeen(venueId, runId, sequence);
            }
            return;
        }
        final int instrumentId = report.instrumentId();
        final String[] baseQuote = assets.get(key(venueId, instrumentId));
        if (baseQuote == null || awaitingAssets.holdsVenue(venueId))
        {
            holdUntilDefined(header, buffer, offset, length, venueId, instrumentId);
            return;
        }
        recordFill(venueId, runId, sequence, header.originNs(), baseQuote);
    }

    private void holdUntilDefined(
        final MessageHeaderDecoder header, final DirectBuffer buffer, final int offset, final int length, final int venueId, final int instrumentId)
    {
        final long tradeId = report.tradeId();
        if (awaitingAssets.hold(venueId, instrumentId, buffer, offset, length, header.blockLength(), header.version(), header.runId(),
            header.sequence(), header.originNs()))
        {
            context.health().notReady("instrument-definitions", awaitingAssets.size() + " fills wait for an InstrumentDefinition");
            log.warn("event=fill_awaiting_definition venue={} instrument={} trade={} waiting={}", venueId, instrumentId, tradeId,
                awaitingAssets.size());
            return;
        }
        fillsRefused++;
        final String text = "fill trade " + tradeId + " of venue " + venueId + " instrument " + instrumentId + " dropped: " +
            FillsAwaitingAssets.CAPACITY + " fills already wait for an InstrumentDefinition";
        log.error("event=fill_dropped venue={} instrument={} trade={} reason=\"too many fills awaiting a definition\"", venueId, instrumentId, tradeId);
        output.riskEvent(RiskEventType.RECONCILIATION_MISMATCH, Severity.CRITICAL, RiskAction.PAUSE_STRATEGY, venueId, instrumentId,
            report.strategyId(), 0, 0, text);
    }

    /** The report wrapped in {@link #report} is a fill of an instrument whose assets are known. */
    private void recordFill(final int venueId, final long runId, final long sequence, final long originNs, final String[] baseQuote)
    {
        final Fill fill;
        try
        {
            fill = Fill.fromExecutionReport(report, runId, sequence, baseQuote[0], baseQuote[1]);
        }
        catch (final IllegalArgumentException ex)
        {
            fillsMalformed++;
            log.warn("event=fill_malformed venue={} instrument={} trade={} error=\"{}\"", venueId, report.instrumentId(), report.tradeId(),
                ex.getMessage());
            return;
        }
        final FillInsert result = ledger.insert(fill);
        switch (result)
        {
            case NEW ->
            {
                KillPoints.reach(KillPoints.AFTER_LEDGER_INSERT);
                applyRecorded(fill, originNs);
            }
            case DUPLICATE ->
            {
                fillsDuplicate++;
                book.executionReportSeen(venueId, runId, sequence);
                log.info("event=fill_duplicate venue={} instrument={} trade={} order={}", venueId, fill.instrumentId(), fill.tradeId(),
                    fill.venueOrderId());
            }
            case CONFLICT ->
            {
                fillsConflicting++;
                book.executionReportSeen(venueId, runId, sequence);
                final String text = "trade " + fill.tradeId() + " of order " + fill.venueOrderId() + " reported again with other content (" +
                    fill.side() + " " + FixedPoint.format(fill.qty()) + " @ " + FixedPoint.format(fill.price()) + " fee " +
                    FixedPoint.format(fill.fee()) + " " + fill.feeAsset() + "); the ledger keeps the first";
                log.error("event=fill_conflict venue={} instrument={} text=\"{}\"", venueId, fill.instrumentId(), text);
                output.riskEvent(RiskEventType.RECONCILIATION_MISMATCH, Severity.CRITICAL, RiskAction.PAUSE_STRATEGY, venueId,
                    fill.instrumentId(), fill.strategyId(), fill.qty(), 0, text);
            }
            default -> throw new IllegalStateException("unhandled insert result " + result);
        }
    }

    private void applyRecorded(final Fill fill, final long originNs)
    {
        final Position position;
        try
        {
            position = book.apply(fill);
        }
        catch (final ArithmeticException | IllegalArgumentException ex)
        {
            // In the ledger but not in the book: positions are wrong until an operator looks.
            final String text = "fill trade " + fill.tradeId() + " recorded but not applied to the positions: " + ex.getMessage();
            log.error("event=fill_not_applied venue={} instrument={} trade={} error=\"{}\"", fill.venueId(), fill.instrumentId(),
                fill.tradeId(), ex.getMessage());
            output.riskEvent(RiskEventType.RECONCILIATION_MISMATCH, Severity.CRITICAL, RiskAction.PAUSE_STRATEGY, fill.venueId(),
                fill.instrumentId(), fill.strategyId(), fill.qty(), 0, text);
            return;
        }
        fillsRecorded++;
        output.positionUpdate(position, originNs);
        output.hedgeTarget(fill.instrumentId(), fill.venueId(), originNs);
        log.info("event=fill_recorded venue={} instrument={} strategy={} trade={} order={} side={} qty={} price={} fee={} fee_asset={} " +
            "liquidity={} position={} exec_run={} exec_seq={}", fill.venueId(), fill.instrumentId(), fill.strategyId(), fill.tradeId(),
            fill.venueOrderId(), fill.side(), FixedPoint.format(fill.qty()), FixedPoint.format(fill.price()), FixedPoint.format(fill.fee()),
            fill.feeAsset(), fill.liquidity(), FixedPoint.format(position.quantity()), fill.execRunId(), fill.execSequence());
    }

    private void onInstrumentDefinition()
    {
        final int venueId = definition.venueId();
        final int instrumentId = definition.instrumentId();
        final String base = definition.baseAsset().trim();
        final String quote = definition.quoteAsset().trim();
        if (base.isEmpty() || quote.isEmpty() || base.equals(quote))
        {
            log.warn("event=definition_malformed venue={} instrument={} base={} quote={}", venueId, instrumentId, base, quote);
            return;
        }
        final String[] known = assets.get(key(venueId, instrumentId));
        if (known != null && known[0].equals(base) && known[1].equals(quote))
        {
            return;
        }
        assets.put(key(venueId, instrumentId), new String[] {base, quote});
        output.instrumentDefined(instrumentId);
        log.info("event=instrument_assets venue={} instrument={} base={} quote={}", venueId, instrumentId, base, quote);
        final int released = awaitingAssets.release(venueId, held -> assets.containsKey(key(venueId, held.instrumentId())), held ->
        {
            report.wrap(held.message(), held.offset(), held.blockLength(), held.version());
            recordFill(venueId, held.runId(), held.sequence(), held.originNs(), assets.get(key(venueId, held.instrumentId())));
        });
        if (released > 0)
        {
            log.info("event=fills_released venue={} instrument={} fills={} still_waiting={}", venueId, instrumentId, released,
                awaitingAssets.size());
        }
        if (awaitingAssets.size() == 0)
        {
            context.health().clear("instrument-definitions");
        }
    }

    private void onAccountSnapshot()
    {
        final AccountSnapshotView view;
        try
        {
            view = AccountSnapshotView.decode(snapshot);
        }
        catch (final IllegalArgumentException | ArithmeticException ex)
        {
            log.warn("event=account_snapshot_malformed venue={} snapshot={} error=\"{}\"", snapshot.venueId(), snapshot.snapshotId(),
                ex.getMessage());
            return;
        }
        snapshotsReconciled++;
        for (final Discrepancy discrepancy : reconciler.reconcile(view))
        {
            discrepancies++;
            log.warn("event=discrepancy kind={} venue={} instrument={} trade={} asset={} text=\"{}\"", discrepancy.kind(),
                discrepancy.venueId(), discrepancy.instrumentId(), discrepancy.tradeId(), discrepancy.asset(), discrepancy.text());
            output.discrepancy(discrepancy);
        }
    }

    /** Marks the venue's positions to the mid of the top of book; the consolidated book (venue 0) marks nothing. */
    private void onBookUpdate()
    {
        final int venueId = bookUpdate.venueId();
        final int instrumentId = bookUpdate.instrumentId();
        long bid = 0;
        long ask = 0;
        try
        {
            final BookUpdateDecoder.BidsDecoder bids = bookUpdate.bids();
            if (bids.hasNext())
            {
                bid = price(bids.next().price());
            }
            while (bids.hasNext())
            {
                bids.next();
            }
            final BookUpdateDecoder.AsksDecoder asks = bookUpdate.asks();
            if (asks.hasNext())
            {
                ask = price(asks.next().price());
            }
        }
        catch (final IllegalArgumentException | ArithmeticException ex)
        {
            marksMalformed++;
            return;
        }
        if (venueId == 0 || bid <= 0 || ask <= 0)
        {
            return;
        }
        // Half the sum, rounded down: the mark moves unrealized PnL only, by at most half a 10^-8.
        book.mark(venueId, instrumentId, bid / 2 + ask / 2 + (bid % 2 + ask % 2) / 2);
    }

    private static long price(final DecimalDecoder price)
    {
        if (price.mantissa() == DecimalDecoder.mantissaNullValue())
        {
            return 0;
        }
        return FixedPoint.fromDecimal(price.mantissa(), price.exponent());
    }

    @Override
    public void onReload(final FleetConfig fleet)
    {
        final PositionServerConfig candidate = PositionServerConfig.from(fleet);
        PositionServerConfig.requireSameLedger(config, candidate, fleet.document().fileName());
        reconciler.limits(candidate.balanceTolerance(), candidate.reconcileGrace());
        publishIntervalNs = candidate.publishInterval().toNanos();
        config = candidate;
    }

    /** The OMS (or anyone) that saw a gap on {@code pos} gets every position and hedge target again. */
    @Override
    public int republish(final PublishStream stream)
    {
        if (stream.topic().equals(Topics.POSITION))
        {
            return output.publishAll();
        }
        return -1;
    }

    @Override
    public void onStop()
    {
        if (ledger != null)
        {
            ledger.close();
        }
    }

    private static long key(final int venueId, final int instrumentId)
    {
        return ((long)venueId << 32) | (instrumentId & 0xFFFF_FFFFL);
    }
}
