package io.mmfleet.marketmaker;

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
import io.mmfleet.marketmaker.strategy.ExOwnBook;
import io.mmfleet.marketmaker.strategy.FixedPoint;
import io.mmfleet.marketmaker.strategy.MarketMaker;
import io.mmfleet.sbe.BookUpdateDecoder;
import io.mmfleet.sbe.DaemonState;
import io.mmfleet.sbe.DecimalDecoder;
import io.mmfleet.sbe.HedgeTargetDecoder;
import io.mmfleet.sbe.HeartbeatDecoder;
import io.mmfleet.sbe.InstrumentDefinitionDecoder;
import io.mmfleet.sbe.InstrumentStatus;
import io.mmfleet.sbe.MessageHeaderDecoder;
import io.mmfleet.sbe.OrdStatus;
import io.mmfleet.sbe.OrderRejectDecoder;
import io.mmfleet.sbe.OrderStateDecoder;
import io.mmfleet.sbe.SnapshotCompleteDecoder;
import io.mmfleet.sbe.SnapshotRequestEncoder;
import io.mmfleet.sbe.StopReason;
import io.mmfleet.sbe.ThrottleStatusDecoder;
import io.mmfleet.sbe.VenueState;
import io.mmfleet.sbe.VenueStatusDecoder;
import org.agrona.DirectBuffer;
import org.slf4j.Logger;

import java.util.List;

/**
 * The market-maker daemon: one strategy quoting one instrument on one venue, the I/O-free
 * {@link MarketMaker} fed from the bus and answering through {@link MarketMakerBusOutput}.
 *
 * <p>Inputs: BookUpdate (every level, read without our own resting orders: {@link ExOwnBook}) and
 * VenueStatus on {@code md.<venue>.<INSTRUMENT>};
 * InstrumentDefinition and ThrottleStatus on {@code acct.<venue>}; HedgeTarget's net inventory on
 * {@code pos}; OrderState and OrderReject on {@code ord.state} (ours by strategy id); the runtime's
 * kill switch state; the quote-server's Heartbeat (READY: a quiet market is not stale); a timer each
 * duty cycle. Health is ready once a usable book, the instrument's definition and a net inventory
 * have all arrived; after that, staleness and untrusted venues stop quoting (MarketMakerStopped)
 * rather than unready the daemon, so /health says whether the daemon is wired, the events whether it
 * quotes. At start it asks the quote-server for the book and the exec-handler for {@code acct.<venue>}
 * (SnapshotRequest), since neither republishes an unchanged state on its own soon.
 */
public final class MarketMakerApp implements DaemonApp
{
    private static final String QUOTE_SERVER = "quote-server";
    private static final String EXEC_HANDLER = "exec-handler";
    /** Far above any order request id of a run, so the two never share a pending slot. */
    private static final long DEFINITION_SNAPSHOT_REQUEST_ID = 1L << 60;
    private static final long BOOK_SNAPSHOT_REQUEST_ID = DEFINITION_SNAPSHOT_REQUEST_ID + 1;
    private static final String BOOK = "book";
    private static final String INSTRUMENT = "instrument";
    private static final String INVENTORY = "inventory";
    private static final int PENDING_EXTRA = 64;

    private DaemonContext context;
    private Logger log;
    private MarketMakerConfig config;
    private MarketMaker strategy;
    private MarketMakerBusOutput output;
    private PendingRequests pending;
    private int quoteServerSourceId = -1;
    private int execHandlerSourceId = -1;
    private String accountTopic;
    private int venueId;
    private int instrumentId;
    private int strategyId;
    private int priceScale;
    private int qtyScale;
    private boolean venueConnectionLive = true;
    private boolean instrumentLive = true;
    private boolean killSwitch;
    private boolean bookReady;
    private boolean instrumentReady;
    private boolean inventoryReady;
    private boolean bookSnapshotAnswered;
    private final BookUpdateDecoder book = new BookUpdateDecoder();
    private final VenueStatusDecoder venueStatus = new VenueStatusDecoder();
    private final InstrumentDefinitionDecoder definition = new InstrumentDefinitionDecoder();
    private final ThrottleStatusDecoder throttle = new ThrottleStatusDecoder();
    private final HedgeTargetDecoder hedgeTarget = new HedgeTargetDecoder();
    private final OrderStateDecoder orderState = new OrderStateDecoder();
    private final OrderRejectDecoder reject = new OrderRejectDecoder();
    private final HeartbeatDecoder heartbeat = new HeartbeatDecoder();
    private final SnapshotCompleteDecoder snapshotComplete = new SnapshotCompleteDecoder();
    private final SnapshotRequestEncoder snapshotRequest = new SnapshotRequestEncoder();
    // Written by the event loop, read by the metrics scrape on the HTTP thread.
    private volatile long booksReceived;
    private volatile long unusableBooks;
    private volatile long badMessages;
    private volatile long requestsGivenUp;
    private volatile long quotingGauge;

    @Override
    public List<SectionSpec> ownedSections()
    {
        return List.of(MarketMakerConfig.SPEC);
    }

    @Override
    public void validate(final FleetConfig fleet)
    {
        MarketMakerConfig.from(fleet);
    }

    @Override
    public void onStart(final DaemonContext context)
    {
        this.context = context;
        this.log = context.log();
        try
        {
            config = MarketMakerConfig.from(context.config());
        }
        catch (final ConfigException ex)
        {
            throw new DaemonFatalException(ex.getMessage(), ex);
        }
        strategyId = config.strategyId();
        venueId = config.venueId();
        instrumentId = config.symbol().instrumentId();
        priceScale = config.symbol().priceScale();
        qtyScale = config.symbol().qtyScale();
        final var bus = context.config().bus();
        pending = new PendingRequests(4 * config.quotes().levels() + PENDING_EXTRA, bus.retransmitInterval().toNanos(),
            (int)bus.retransmitMaxAttempts(), this::onGiveUp);
        output = new MarketMakerBusOutput(context.publisher(), pending, config, context.clock()::nanoTime, log);
        // Request ids count from 1 each run: the OMS keys them on strategy, request id and our envelope run id.
        strategy = new MarketMaker(config.strategyParams(), config.quoteModel(), config.instrumentSpec(), output, 1);

        for (final DaemonEndpoint daemon : context.config().daemons())
        {
            if (daemon.name().equals(QUOTE_SERVER))
            {
                quoteServerSourceId = daemon.sourceId();
            }
            else if (daemon.name().equals(EXEC_HANDLER))
            {
                execHandlerSourceId = daemon.sourceId();
            }
        }
        if (quoteServerSourceId < 0)
        {
            log.warn("event=no_quote_server_section note=\"only new books keep market data fresh\"");
        }

        accountTopic = Topics.ACCOUNT + config.venueName();
        context.subscriber()
            .subscribe(config.marketDataTopic())
            .subscribe(accountTopic)
            .subscribe(Topics.POSITION)
            .subscribe(Topics.ORDER_STATE);
        context.health().notReady(BOOK, "no usable book on " + config.marketDataTopic() + " yet");
        context.health().notReady(INSTRUMENT, "no InstrumentDefinition for " + config.symbol().instrumentName() + " on acct." +
            config.venueName() + " yet");
        context.health().notReady(INVENTORY, "no HedgeTarget for " + config.symbol().instrumentName() + " on pos yet");
        registerMetrics();
        requestDefinitions();
        requestBook();
        strategy.start(context.clock().nanoTime());
        log.info("event=market_maker_config strategy={} venue={} symbol={} model={} max_inventory={} order_qty={} levels={} " +
                "market_data_timeout_ms={} one_sided_book_timeout_ms={}",
            strategyId, config.venueName(), config.symbol().venueSymbol(), config.modelType(),
            config.spread().maxInventory(), config.spread().orderQty(), config.quotes().levels(), config.marketDataTimeout().toMillis(),
            config.oneSidedBookTimeout().toMillis());
    }

    private void registerMetrics()
    {
        final var metrics = context.metrics();
        metrics.gauge("market_maker_quoting", "1 while quoting, 0 while stopped", () -> quotingGauge);
        metrics.counter("market_maker_books", "Books received for the quoted instrument", () -> booksReceived);
        metrics.counter("market_maker_books_unusable", "Books one-sided or crossed once our own orders are taken out (held, not requoted)",
            () -> unusableBooks);
        metrics.counter("market_maker_orders_sent", "NewOrderRequests sent (first sends)", output::ordersSent);
        metrics.counter("market_maker_cancels_sent", "CancelOrderRequests sent (first sends)", output::cancelsSent);
        metrics.counter("market_maker_requests_untracked", "Requests sent once but not retransmitted (pending table full)",
            output::requestsUntracked);
        metrics.counter("market_maker_requests_given_up", "Requests never answered within the retransmit attempts", () -> requestsGivenUp);
        metrics.counter("market_maker_bad_messages", "Messages refused (prices or quantities that do not fit the scales)", () -> badMessages);
    }

    /**
     * The exec-handler publishes definitions at its start and then only every EXCHANGE_INFO_INTERVAL,
     * so a market maker started later asks it for its acct.&lt;venue&gt; state (definitions, throttle)
     * rather than waiting; asked again until the SnapshotComplete or a definition arrives.
     */
    private void requestDefinitions()
    {
        if (execHandlerSourceId < 0)
        {
            log.warn("event=no_exec_handler_section topic={} note=\"instrument definitions only as the exec-handler republishes them\"",
                accountTopic);
            return;
        }
        requestSnapshot(DEFINITION_SNAPSHOT_REQUEST_ID, execHandlerSourceId, accountTopic);
    }

    /**
     * The quote-server publishes a book only when it changes, so a market maker started after it on a
     * still market asks it for the book rather than waiting; asked again until the SnapshotComplete or
     * a book arrives.
     */
    private void requestBook()
    {
        if (quoteServerSourceId >= 0)
        {
            requestSnapshot(BOOK_SNAPSHOT_REQUEST_ID, quoteServerSourceId, config.marketDataTopic());
        }
    }

    /** A SnapshotRequest, retransmitted until {@link PendingRequests#answered} and asked again by {@link #onGiveUp}. */
    private void requestSnapshot(final long requestId, final int ownerSourceId, final String topic)
    {
        final PublishStream stream = context.publisher().stream(Topics.SNAPSHOT_REQUEST);
        context.publisher().wrap(snapshotRequest)
            .requestId(requestId)
            .ownerSourceId(ownerSourceId)
            .topic(topic);
        context.publisher().publish(stream, snapshotRequest, 0);
        pending.track(requestId, stream, context.publisher().buffer(), 0,
            Envelope.HEADER_LENGTH + snapshotRequest.encodedLength(), System.nanoTime());
    }

    private void onGiveUp(final long requestId, final String topic, final int attempts)
    {
        if (requestId == DEFINITION_SNAPSHOT_REQUEST_ID)
        {
            if (!instrumentReady)
            {
                log.warn("event=definition_snapshot_unanswered owner={} attempts={} action=ask_again", execHandlerSourceId, attempts);
                requestDefinitions();
            }
            return;
        }
        if (requestId == BOOK_SNAPSHOT_REQUEST_ID)
        {
            if (!bookSnapshotAnswered)
            {
                log.warn("event=book_snapshot_unanswered owner={} attempts={} action=ask_again", quoteServerSourceId, attempts);
                requestBook();
            }
            return;
        }
        requestsGivenUp++;
        log.error("event=request_given_up request={} topic={} attempts={}", requestId, topic, attempts);
        output.forgetRequest(requestId);
        strategy.onRequestGivenUp(requestId, context.clock().nanoTime());
    }

    @Override
    public int doWork(final long nowNs)
    {
        origin(0);
        final long epochNs = context.clock().nanoTime();
        final boolean halted = context.killSwitch().isHalted(venueId, strategyId);
        if (halted != killSwitch)
        {
            killSwitch = halted;
            log.warn("event=kill_switch engaged={} reason=\"{}\"", halted, context.killSwitch().lastReason());
            strategy.onKillSwitch(halted, epochNs);
        }
        strategy.onTimer(epochNs);
        quotingGauge = strategy.isQuoting() ? 1 : 0;
        return pending.resendDue(context.publisher(), nowNs);
    }

    @Override
    public void onMessage(final TopicView topic, final MessageHeaderDecoder header, final DirectBuffer buffer, final int length)
    {
        final int offset = Envelope.HEADER_LENGTH;
        final int blockLength = header.blockLength();
        final int version = header.version();
        final long nowNs = context.clock().nanoTime();
        origin(header.originNs());
        switch (header.templateId())
        {
            case BookUpdateDecoder.TEMPLATE_ID ->
            {
                book.wrap(buffer, offset, blockLength, version);
                onBook(nowNs);
            }
            case VenueStatusDecoder.TEMPLATE_ID ->
            {
                venueStatus.wrap(buffer, offset, blockLength, version);
                onVenueStatus(nowNs);
            }
            case InstrumentDefinitionDecoder.TEMPLATE_ID ->
            {
                definition.wrap(buffer, offset, blockLength, version);
                onDefinition(nowNs);
            }
            case ThrottleStatusDecoder.TEMPLATE_ID ->
            {
                throttle.wrap(buffer, offset, blockLength, version);
                if (throttle.venueId() == venueId)
                {
                    strategy.onThrottle(throttle.state(), nowNs);
                }
            }
            case HedgeTargetDecoder.TEMPLATE_ID ->
            {
                hedgeTarget.wrap(buffer, offset, blockLength, version);
                onHedgeTarget(nowNs);
            }
            case OrderStateDecoder.TEMPLATE_ID ->
            {
                orderState.wrap(buffer, offset, blockLength, version);
                onOrderState(nowNs);
            }
            case OrderRejectDecoder.TEMPLATE_ID ->
            {
                reject.wrap(buffer, offset, blockLength, version);
                if (reject.strategyId() == strategyId && reject.requestId() != 0)
                {
                    log.warn("event=request_rejected request={} reason={} source={}", reject.requestId(), reject.rejectReason(),
                        reject.rejectSource());
                    output.onRejected(reject.requestId());
                    strategy.onRejected(reject.requestId(), reject.rejectReason(), nowNs);
                }
            }
            case SnapshotCompleteDecoder.TEMPLATE_ID ->
            {
                snapshotComplete.wrap(buffer, offset, blockLength, version);
                if (snapshotComplete.requesterSourceId() == context.sourceId())
                {
                    final long requestId = snapshotComplete.requestId();
                    if (requestId == DEFINITION_SNAPSHOT_REQUEST_ID)
                    {
                        pending.answered(DEFINITION_SNAPSHOT_REQUEST_ID);
                    }
                    else if (requestId == BOOK_SNAPSHOT_REQUEST_ID)
                    {
                        bookAnswered();
                    }
                }
            }
            case HeartbeatDecoder.TEMPLATE_ID ->
            {
                // A READY quote-server is alive and publishing: a book that has not changed is not stale.
                if (header.sourceId() == quoteServerSourceId)
                {
                    heartbeat.wrap(buffer, offset, blockLength, version);
                    if (heartbeat.state() == DaemonState.READY)
                    {
                        strategy.onMarketDataAlive(nowNs);
                    }
                }
            }
            default ->
            {
            }
        }
    }

    private void onBook(final long nowNs)
    {
        if (book.venueId() != venueId || book.instrumentId() != instrumentId)
        {
            return;
        }
        booksReceived++;
        if (!bookSnapshotAnswered)
        {
            bookAnswered();
        }
        final ExOwnBook levels = strategy.book();
        levels.clear();
        // A bid finer than the price scale is rounded down, an ask up: the book is never read tighter than
        // it is; a quantity is rounded up, so a residue of market quantity beside ours still counts.
        for (final BookUpdateDecoder.BidsDecoder bid : book.bids())
        {
            final DecimalDecoder price = bid.price();
            final DecimalDecoder qty = bid.qty();
            levels.bid(-FixedPoint.toScaleCeil(-price.mantissa(), price.exponent(), priceScale),
                FixedPoint.toScaleCeil(qty.mantissa(), qty.exponent(), qtyScale));
        }
        for (final BookUpdateDecoder.AsksDecoder ask : book.asks())
        {
            final DecimalDecoder price = ask.price();
            final DecimalDecoder qty = ask.qty();
            levels.ask(FixedPoint.toScaleCeil(price.mantissa(), price.exponent(), priceScale),
                FixedPoint.toScaleCeil(qty.mantissa(), qty.exponent(), qtyScale));
        }
        strategy.onBook(nowNs);
        unusableBooks = strategy.unusableBooks();
        if (!bookReady && levels.bestBid() > 0 && levels.bestAsk() > levels.bestBid())
        {
            bookReady = true;
            context.health().clear(BOOK);
        }
    }

    /** The book asked for at start is in (its SnapshotComplete, or any book): no more asking. */
    private void bookAnswered()
    {
        bookSnapshotAnswered = true;
        pending.answered(BOOK_SNAPSHOT_REQUEST_ID);
    }

    private void onVenueStatus(final long nowNs)
    {
        if (venueStatus.venueId() != venueId || (venueStatus.instrumentId() != 0 && venueStatus.instrumentId() != instrumentId))
        {
            return;
        }
        final boolean wasTrusted = venueConnectionLive && instrumentLive;
        final VenueState state = venueStatus.state();
        if (venueStatus.instrumentId() == 0)
        {
            venueConnectionLive = state == VenueState.LIVE;
        }
        else
        {
            instrumentLive = state == VenueState.LIVE;
        }
        final boolean trusted = venueConnectionLive && instrumentLive;
        if (trusted != wasTrusted)
        {
            log.info("event=venue_trust trusted={} instrument={} state={} reason=\"{}\"", trusted, venueStatus.instrumentId(), state,
                venueStatus.reason());
        }
        strategy.onVenueTrusted(trusted, nowNs);
    }

    private void onDefinition(final long nowNs)
    {
        if (definition.venueId() != venueId || definition.instrumentId() != instrumentId)
        {
            return;
        }
        try
        {
            strategy.onInstrumentDefinition(
                definition.status() == InstrumentStatus.TRADING,
                definition.tickSize().mantissa(), definition.tickSize().exponent(),
                definition.lotSize().mantissa(), definition.lotSize().exponent(),
                definition.minQty().mantissa(), definition.minQty().exponent(),
                definition.maxQty().mantissa(), definition.maxQty().exponent(),
                definition.minNotional().mantissa(), definition.minNotional().exponent(),
                nowNs);
        }
        catch (final IllegalArgumentException ex)
        {
            badMessages++;
            log.error("event=instrument_definition_refused instrument={} error=\"{}\" keeping=previous", instrumentId, ex.getMessage());
            return;
        }
        if (!instrumentReady)
        {
            instrumentReady = true;
            pending.answered(DEFINITION_SNAPSHOT_REQUEST_ID);
            context.health().clear(INSTRUMENT);
            log.info("event=instrument_defined instrument={} tick={} lot={} min_notional={} trading={}", instrumentId,
                strategy.instrument().tickSize(), strategy.instrument().lotSize(), strategy.instrument().minNotional(),
                strategy.instrument().isTradable());
        }
    }

    private void onHedgeTarget(final long nowNs)
    {
        if (hedgeTarget.instrumentId() != instrumentId)
        {
            return;
        }
        final DecimalDecoder net = hedgeTarget.netInventory();
        final long inventory;
        try
        {
            // Fees in the base asset leave positions finer than the lot: read away from zero, not refused.
            inventory = FixedPoint.toScaleAwayFromZero(net.mantissa(), net.exponent(), qtyScale, "netInventory");
        }
        catch (final IllegalArgumentException ex)
        {
            badMessages++;
            log.error("event=hedge_target_refused error=\"{}\"", ex.getMessage());
            return;
        }
        strategy.onInventory(inventory, nowNs);
        if (!inventoryReady)
        {
            inventoryReady = true;
            context.health().clear(INVENTORY);
            log.info("event=inventory_known net={} qty_scale={}", inventory, qtyScale);
        }
    }

    private void onOrderState(final long nowNs)
    {
        if (orderState.strategyId() != strategyId || orderState.requestId() == 0)
        {
            return;
        }
        if (orderState.status() == OrdStatus.PENDING_NEW)
        {
            // Only a new order's first answer is PENDING_NEW: the request is known to have left.
            KillPoints.reach(KillPoints.AFTER_NEW_REQUEST_SENT);
        }
        final long order = output.onOrderState(orderState.requestId(), orderState.status());
        final DecimalDecoder leaves = orderState.leavesQty();
        long leavesQty;
        try
        {
            leavesQty = FixedPoint.toScaleExact(leaves.mantissa(), leaves.exponent(), qtyScale, "leavesQty");
        }
        catch (final IllegalArgumentException ex)
        {
            // The slot's state matters more than its size; an unreadable size reads as 0, so the order is
            // renewed once the requote interval allows.
            badMessages++;
            leavesQty = 0;
        }
        strategy.onOrderState(order, orderState.status(), leavesQty, nowNs);
    }

    @Override
    public void onReload(final FleetConfig fleet)
    {
        final MarketMakerConfig candidate = MarketMakerConfig.from(fleet);
        MarketMakerConfig.requireSameInstrument(config, candidate, fleet.document().fileName());
        origin(0);
        try
        {
            strategy.reconfigure(candidate.strategyParams(), candidate.quoteModel(), context.clock().nanoTime());
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ConfigException(fleet.document().fileName(), 0, MarketMakerConfig.SECTION, null, "parameters the running strategy accepts",
                ex.getMessage());
        }
        config = candidate;
        output.config(candidate);
        log.info("event=market_maker_reconfigured");
    }

    /**
     * What is handled next came from a bus message with this originNs (0: the timer, a reload, the stop):
     * stamped on the cancels and events it causes, and the strategy's decision origin for the orders it decides.
     */
    private void origin(final long originNs)
    {
        output.originNs(originNs);
        strategy.inputOrigin(originNs);
    }

    @Override
    public void onStop()
    {
        if (strategy != null)
        {
            origin(0);
            strategy.stop(StopReason.SHUTDOWN, context.clock().nanoTime());
        }
    }
}
