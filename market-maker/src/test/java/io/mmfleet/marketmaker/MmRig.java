package io.mmfleet.marketmaker;

import io.mmfleet.bus.BusMessageHandler;
import io.mmfleet.bus.BusPublisher;
import io.mmfleet.bus.BusSubscriber;
import io.mmfleet.bus.ControlPublisher;
import io.mmfleet.bus.EpochClock;
import io.mmfleet.bus.Envelope;
import io.mmfleet.bus.GapListener;
import io.mmfleet.bus.HeartbeatPublisher;
import io.mmfleet.bus.PublishStream;
import io.mmfleet.bus.TopicView;
import io.mmfleet.bus.testing.Await;
import io.mmfleet.bus.testing.DaemonHttp;
import io.mmfleet.bus.testing.JavaProcess;
import io.mmfleet.bus.testing.Ports;
import io.mmfleet.bus.testing.PositionServerMessages;
import io.mmfleet.bus.testing.TestFleetIni;
import io.mmfleet.sbe.BookUpdateEncoder;
import io.mmfleet.sbe.CancelOrderRequestDecoder;
import io.mmfleet.sbe.ControlAckDecoder;
import io.mmfleet.sbe.DaemonState;
import io.mmfleet.sbe.DecimalDecoder;
import io.mmfleet.sbe.HedgeTargetEncoder;
import io.mmfleet.sbe.InstrumentDefinitionEncoder;
import io.mmfleet.sbe.InstrumentStatus;
import io.mmfleet.sbe.InventoryImbalanceDetectedDecoder;
import io.mmfleet.sbe.KillScope;
import io.mmfleet.sbe.KillSwitchClearEncoder;
import io.mmfleet.sbe.KillSwitchEncoder;
import io.mmfleet.sbe.MarketMakerStartedDecoder;
import io.mmfleet.sbe.MarketMakerStoppedDecoder;
import io.mmfleet.sbe.MessageHeaderDecoder;
import io.mmfleet.sbe.MessageHeaderEncoder;
import io.mmfleet.sbe.NewOrderRequestDecoder;
import io.mmfleet.sbe.OrdStatus;
import io.mmfleet.sbe.OrderStateEncoder;
import io.mmfleet.sbe.OrderType;
import io.mmfleet.sbe.QuoteIntentDecoder;
import io.mmfleet.sbe.QuotesUpdatedDecoder;
import io.mmfleet.sbe.RejectReason;
import io.mmfleet.sbe.Side;
import io.mmfleet.sbe.SnapshotRequestDecoder;
import io.mmfleet.sbe.VenueState;
import io.mmfleet.sbe.VenueStatusEncoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.zeromq.ZContext;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * The market-maker's integration rig: the market-maker as a real process, and the test playing every
 * daemon around it on the INI's PUB endpoints — quote-server (a book every 20 ms, optionally
 * alternating between two mids so σ has something to estimate, optionally with the market-maker's own
 * resting orders in it as a venue's book has them, VenueStatus, and hb.quote-server heartbeats), exec-handler (the instrument's InstrumentDefinition on acct.binance, tick 0.05), the
 * position-server (HedgeTarget with a net inventory) and the OMS (each NewOrderRequest answered with
 * an OrderState NEW, each CancelOrderRequest with the order's OrderState CANCELED, as the real OMS
 * does; resends are answered again). Everything the market-maker publishes is recorded.
 */
final class MmRig implements AutoCloseable
{
    static final Duration TIMEOUT = Duration.ofSeconds(20);
    static final int STRATEGY = 3;
    static final int VENUE = 1;
    static final int INSTRUMENT = 1;
    /** Tick 0.05 at price exponent −2. */
    static final long TICK = 5;
    private static final int CONTROL_SOURCE = 900;
    private static final long FEED_INTERVAL_NS = 20_000_000L;
    private static final long SLOW_FEED_INTERVAL_NS = 100_000_000L;
    /** The n-th book carries originNs BOOK_ORIGIN_NS + n, the n-th OrderState ANSWER_ORIGIN_NS + n: an order's originNs names its cause. */
    private static final long BOOK_ORIGIN_NS = 1_000_000_000_000_000_000L;
    private static final long ANSWER_ORIGIN_NS = 2_000_000_000_000_000_000L;

    record NewOrder(long requestId, Side side, OrderType type, String tif, long price, int priceExponent, long qty, int qtyExponent)
    {
    }

    record Cancel(long requestId, long origRequestId)
    {
    }

    record Quotes(boolean hasBid, long bidPrice, boolean hasAsk, long askPrice, long reservation, long mid, long spreadBpsE2)
    {
    }

    /** Everything the market-maker published on ord.req and evt, in arrival order, as text (for ordering asserts). */
    private final SnapshotRequestDecoder snapshotRequest = new SnapshotRequestDecoder();
    final List<String> timeline = new CopyOnWriteArrayList<>();
    final List<NewOrder> newOrders = new CopyOnWriteArrayList<>();
    final List<Cancel> cancels = new CopyOnWriteArrayList<>();
    /** Every request id received on ord.req, resends included. */
    final List<Long> requestsReceived = new CopyOnWriteArrayList<>();
    /** Each NewOrderRequest's request id → its envelope originNs (see {@link #bookOrigin}). */
    final Map<Long, Long> newOrderOrigins = new ConcurrentHashMap<>();
    final List<Quotes> quotes = new CopyOnWriteArrayList<>();
    final List<String> stops = new CopyOnWriteArrayList<>();
    final List<String> imbalanceLevels = new CopyOnWriteArrayList<>();
    final List<Long> controlAcks = new CopyOnWriteArrayList<>();
    /** Every SnapshotRequest the market-maker sent, as "ownerSourceId topic". */
    final List<String> snapshotRequests = new CopyOnWriteArrayList<>();
    int starts;
    int quoteIntents;

    final Path dir;
    final Path ini;
    final int httpPort = Ports.free();
    private final ZContext zmq = new ZContext(1);
    private final BusPublisher quoteServer;
    private final BusPublisher execHandler;
    private final BusPublisher positionServer;
    private final BusPublisher oms;
    private final ControlPublisher control;
    private final PublishStream books;
    private final PublishStream account;
    private final PublishStream positions;
    private final PublishStream orderStates;
    private final HeartbeatPublisher quoteServerHeartbeat;
    private final BusSubscriber subscriber;
    private final BookUpdateEncoder book = new BookUpdateEncoder();
    private final VenueStatusEncoder venueStatus = new VenueStatusEncoder();
    private final InstrumentDefinitionEncoder definition = new InstrumentDefinitionEncoder();
    private final HedgeTargetEncoder hedge = new HedgeTargetEncoder();
    private final OrderStateEncoder state = new OrderStateEncoder();
    private final NewOrderRequestDecoder newOrder = new NewOrderRequestDecoder();
    private final CancelOrderRequestDecoder cancel = new CancelOrderRequestDecoder();
    private final QuotesUpdatedDecoder quotesUpdated = new QuotesUpdatedDecoder();
    private final QuoteIntentDecoder intent = new QuoteIntentDecoder();
    private final MarketMakerStoppedDecoder stopped = new MarketMakerStoppedDecoder();
    private final MarketMakerStartedDecoder started = new MarketMakerStartedDecoder();
    private final InventoryImbalanceDetectedDecoder imbalance = new InventoryImbalanceDetectedDecoder();
    private final ControlAckDecoder ack = new ControlAckDecoder();
    private final BusMessageHandler handler = this::onMessage;
    /** Orders the rig (as the OMS) holds: request id → the NewOrderRequest. */
    private final Map<Long, NewOrder> orders = new LinkedHashMap<>();
    /** Orders acknowledged NEW and not cancelled: resting on the venue. */
    private final Map<Long, NewOrder> resting = new LinkedHashMap<>();
    private final Set<Long> cancelledIds = new HashSet<>();

    /**
     * Best bid and ask of the market the quote-server publishes (price exponent −2; an ask of 0: the
     * market's asks are all swept); with {@link #alternate}, every other book is one dollar higher.
     */
    volatile long bid = 3000_00;
    volatile long ask = 3001_00;
    /** The book also shows the market-maker's orders the rig (as the OMS) acknowledged and has not cancelled. */
    volatile boolean ownOrdersInBook;
    volatile boolean alternate;
    volatile boolean booksOn = true;
    volatile boolean heartbeatsOn = true;
    volatile VenueState venueState = VenueState.LIVE;
    volatile boolean omsAnswers = true;
    volatile boolean inventoryOn = true;
    /** Net inventory the position-server reports, at quantity exponent −4. */
    volatile long inventory;
    private boolean flip;
    private long nextFeedNs;
    private long nextSlowFeedNs;
    private long booksSent;
    private long heartbeatsSent;
    private long answersSent;
    private long nextControlCommandId = 100;
    JavaProcess marketMaker;

    /** @param mmKeys [market-maker] keys, one per line, replacing the rig's defaults. */
    MmRig(final Path dir, final String mmKeys) throws IOException
    {
        this.dir = dir;
        final String controlEndpoint = Ports.tcpEndpoint();
        final String quotePub = Ports.tcpEndpoint();
        final String mmPub = Ports.tcpEndpoint();
        final String omsPub = Ports.tcpEndpoint();
        final String execPub = Ports.tcpEndpoint();
        final String posPub = Ports.tcpEndpoint();
        final Map<String, String> keys = TestFleetIni.marketMakerKeys(2, mmPub, httpPort, STRATEGY);
        keys.put("RISK_AVERSION", "0.1");
        keys.put("HORIZON_WINDOW", "1s");
        keys.put("VOLATILITY_SAMPLE_INTERVAL", "10ms");
        keys.put("VOLATILITY_WARMUP_SAMPLES", "5");
        keys.put("MIN_REQUOTE_INTERVAL", "50ms");
        keys.put("MAX_ORDER_AGE", "30s");
        keys.put("MARKET_DATA_TIMEOUT", "500ms");
        keys.put("REFRESH_TOLERANCE_BPS", "2");
        ini = new TestFleetIni(controlEndpoint)
            .peer("quote-server", 1, quotePub)
            .peer("oms", 3, omsPub)
            .peer("exec-handler", 4, execPub)
            .peer("position-server", 5, posPub)
            .section("market-maker", TestFleetIni.overridden(keys, mmKeys))
            .writeTo(dir.resolve("fleet.ini"));
        final EpochClock clock = new EpochClock();
        quoteServer = new BusPublisher(zmq, quotePub, 1, System.nanoTime(), 100_000, clock);
        oms = new BusPublisher(zmq, omsPub, 3, System.nanoTime(), 100_000, clock);
        execHandler = new BusPublisher(zmq, execPub, 4, System.nanoTime(), 100_000, clock);
        positionServer = new BusPublisher(zmq, posPub, 5, System.nanoTime(), 100_000, clock);
        control = new ControlPublisher(zmq, controlEndpoint, CONTROL_SOURCE, System.nanoTime(), 1000, clock);
        books = quoteServer.stream("md.binance.ETH-USDC");
        account = execHandler.stream("acct.binance");
        positions = positionServer.stream("pos");
        orderStates = oms.stream("ord.state");
        quoteServerHeartbeat = new HeartbeatPublisher(quoteServer, "quote-server", clock.nanoTime());
        subscriber = new BusSubscriber(zmq, 100_000, GapListener.NONE).connect(mmPub)
            .subscribe("ord.req").subscribe("evt").subscribe("ctl.ack").subscribe("ctl.snapreq");
    }

    /** Starts the market-maker and waits until /health says ready (book, definition and inventory in). */
    void start() throws IOException
    {
        launch();
        marketMaker.awaitHealthy(httpPort, TIMEOUT, this::poll);
    }

    /** Starts the market-maker without waiting for readiness. */
    void launch() throws IOException
    {
        marketMaker = JavaProcess.start("market-maker", MarketMakerMain.class.getName(), List.of(), "--config", ini.toString());
    }

    /** Receives what the market-maker published (answering its requests as the OMS), and plays the other daemons on their schedule. */
    void poll()
    {
        subscriber.poll(handler, 1000);
        final long now = System.nanoTime();
        if (now >= nextFeedNs)
        {
            nextFeedNs = now + FEED_INTERVAL_NS;
            if (booksOn)
            {
                publishBook();
            }
        }
        if (now >= nextSlowFeedNs)
        {
            nextSlowFeedNs = now + SLOW_FEED_INTERVAL_NS;
            quoteServer.wrap(venueStatus).venueId(VENUE).instrumentId(INSTRUMENT).state(venueState).reason("rig");
            quoteServer.publish(books, venueStatus, 0);
            if (heartbeatsOn)
            {
                quoteServerHeartbeat.publish(DaemonState.READY);
                heartbeatsSent++;
            }
            publishDefinition();
            if (inventoryOn)
            {
                publishInventory();
            }
        }
    }

    private void publishBook()
    {
        final long shift = alternate && (flip = !flip) ? 100 : 0;
        final Map<Long, Long> bidLevels = new TreeMap<>(Comparator.reverseOrder());
        final Map<Long, Long> askLevels = new TreeMap<>();
        bidLevels.put(bid + shift, 1_0000L);
        bidLevels.put(bid + shift - 100, 2_0000L);
        if (ask > 0)
        {
            askLevels.put(ask + shift, 1_0000L);
        }
        if (ownOrdersInBook)
        {
            for (final NewOrder order : resting.values())
            {
                (order.side() == Side.BUY ? bidLevels : askLevels).merge(order.price(), order.qty(), Long::sum);
            }
        }
        quoteServer.wrap(book).venueId(VENUE).instrumentId(INSTRUMENT).venueUpdateId(++booksSent).venueTimeNs(0);
        final BookUpdateEncoder.BidsEncoder bids = book.bidsCount(bidLevels.size());
        bidLevels.forEach((price, qty) ->
        {
            bids.next().price().mantissa(price).exponent((byte)-2);
            bids.qty().mantissa(qty).exponent((byte)-4);
        });
        final BookUpdateEncoder.AsksEncoder asks = book.asksCount(askLevels.size());
        askLevels.forEach((price, qty) ->
        {
            asks.next().price().mantissa(price).exponent((byte)-2);
            asks.qty().mantissa(qty).exponent((byte)-4);
        });
        quoteServer.publish(books, book, bookOrigin(booksSent));
    }

    /** The originNs of the n-th book the rig publishes (counted from 1, as {@link #booksSent()}). */
    static long bookOrigin(final long n)
    {
        return BOOK_ORIGIN_NS + n;
    }

    /** True if an originNs is one of the rig's OrderStates' (the OMS's answers). */
    static boolean isAnswerOrigin(final long originNs)
    {
        return originNs > ANSWER_ORIGIN_NS;
    }

    private void publishDefinition()
    {
        execHandler.wrap(definition).venueId(VENUE).instrumentId(INSTRUMENT).status(InstrumentStatus.TRADING);
        definition.tickSize().mantissa(TICK).exponent((byte)-2);
        definition.lotSize().mantissa(1).exponent((byte)-4);
        definition.minQty().mantissa(1).exponent((byte)-4);
        definition.maxQty().mantissa(9000).exponent((byte)0);
        definition.minNotional().mantissa(5).exponent((byte)0);
        definition.maxNotional().mantissa(9_000_000).exponent((byte)0);
        definition.baseAsset("ETH").quoteAsset("USDC").venueSymbol("ETHUSDT");
        execHandler.publish(account, definition, 0);
    }

    private void publishInventory()
    {
        PositionServerMessages.publishHedgeTarget(positionServer, positions, hedge, INSTRUMENT, inventory);
    }

    /** The number of quote-server heartbeats sent so far. */
    long booksSent()
    {
        return booksSent;
    }

    long heartbeatsSent()
    {
        return heartbeatsSent;
    }

    private void onMessage(final TopicView topic, final MessageHeaderDecoder header, final DirectBuffer buffer, final int length)
    {
        final int offset = Envelope.HEADER_LENGTH;
        switch (header.templateId())
        {
            case NewOrderRequestDecoder.TEMPLATE_ID ->
            {
                newOrder.wrap(buffer, offset, header.blockLength(), header.version());
                final long requestId = newOrder.requestId();
                requestsReceived.add(requestId);
                if (!orders.containsKey(requestId))
                {
                    final NewOrder order = new NewOrder(requestId, newOrder.side(), newOrder.orderType(), newOrder.timeInForce().name(),
                        newOrder.price().mantissa(), newOrder.price().exponent(), newOrder.qty().mantissa(), newOrder.qty().exponent());
                    orders.put(requestId, order);
                    newOrders.add(order);
                    newOrderOrigins.put(requestId, header.originNs());
                    timeline.add("new " + requestId + " " + order.side() + " " + order.price());
                }
                if (omsAnswers)
                {
                    answer(requestId, OrdStatus.NEW);
                    if (!cancelledIds.contains(requestId))
                    {
                        resting.put(requestId, orders.get(requestId));
                    }
                }
            }
            case CancelOrderRequestDecoder.TEMPLATE_ID ->
            {
                cancel.wrap(buffer, offset, header.blockLength(), header.version());
                final long requestId = cancel.requestId();
                requestsReceived.add(requestId);
                if (cancels.stream().noneMatch(c -> c.requestId() == requestId))
                {
                    cancels.add(new Cancel(requestId, cancel.origRequestId()));
                    timeline.add("cancel " + requestId + " of " + cancel.origRequestId());
                }
                if (omsAnswers)
                {
                    answer(cancel.origRequestId(), OrdStatus.CANCELED);
                    resting.remove(cancel.origRequestId());
                    cancelledIds.add(cancel.origRequestId());
                }
            }
            case QuotesUpdatedDecoder.TEMPLATE_ID ->
            {
                quotesUpdated.wrap(buffer, offset, header.blockLength(), header.version());
                final Quotes q = new Quotes(present(quotesUpdated.bidPrice()), quotesUpdated.bidPrice().mantissa(),
                    present(quotesUpdated.askPrice()), quotesUpdated.askPrice().mantissa(),
                    quotesUpdated.reservationPrice().mantissa(), quotesUpdated.midPrice().mantissa(), quotesUpdated.spreadBps().mantissa());
                quotes.add(q);
                timeline.add("quotes " + q);
            }
            case QuoteIntentDecoder.TEMPLATE_ID ->
            {
                intent.wrap(buffer, offset, header.blockLength(), header.version());
                quoteIntents++;
            }
            case MarketMakerStoppedDecoder.TEMPLATE_ID ->
            {
                stopped.wrap(buffer, offset, header.blockLength(), header.version());
                stops.add(stopped.reason().name());
                timeline.add("stopped " + stopped.reason());
            }
            case MarketMakerStartedDecoder.TEMPLATE_ID ->
            {
                started.wrap(buffer, offset, header.blockLength(), header.version());
                starts++;
                timeline.add("started " + started.modelType());
            }
            case InventoryImbalanceDetectedDecoder.TEMPLATE_ID ->
            {
                imbalance.wrap(buffer, offset, header.blockLength(), header.version());
                imbalanceLevels.add(imbalance.level().name());
                timeline.add("imbalance " + imbalance.level());
            }
            case ControlAckDecoder.TEMPLATE_ID ->
            {
                ack.wrap(buffer, offset, header.blockLength(), header.version());
                if (ack.requesterSourceId() == CONTROL_SOURCE)
                {
                    controlAcks.add(ack.commandId());
                }
            }
            case SnapshotRequestDecoder.TEMPLATE_ID ->
            {
                snapshotRequest.wrap(buffer, offset, header.blockLength(), header.version());
                snapshotRequests.add(snapshotRequest.ownerSourceId() + " " + snapshotRequest.topic());
            }
            default ->
            {
            }
        }
    }

    private static boolean present(final DecimalDecoder price)
    {
        return price.mantissa() != DecimalDecoder.mantissaNullValue();
    }

    /** The OMS's answer: the order's OrderState, as the real OMS publishes it (keyed by the request id that placed the order). */
    private void answer(final long orderRequestId, final OrdStatus status)
    {
        final NewOrder order = orders.get(orderRequestId);
        oms.wrap(state).strategyId(STRATEGY).requestId(orderRequestId).venueId(VENUE).instrumentId(INSTRUMENT)
            .venueOrderId(orderRequestId).side(order == null ? Side.BUY : order.side()).orderType(OrderType.LIMIT_MAKER).status(status);
        state.price().mantissa(order == null ? 0 : order.price()).exponent((byte)-2);
        state.qty().mantissa(order == null ? 0 : order.qty()).exponent((byte)-4);
        state.cumQty().mantissa(0).exponent((byte)-4);
        state.leavesQty().mantissa(status == OrdStatus.NEW && order != null ? order.qty() : 0).exponent((byte)-4);
        state.avgPrice().mantissa(0).exponent((byte)-2);
        state.rejectReason(RejectReason.NULL_VAL).clientOrderId("rig-" + orderRequestId);
        oms.publish(orderStates, state, ANSWER_ORIGIN_NS + ++answersSent);
    }

    /** Waits (feeding and answering) until the condition holds. */
    void await(final java.util.function.BooleanSupplier condition, final String what)
    {
        Await.until(() ->
        {
            poll();
            if (marketMaker != null && !marketMaker.isAlive())
            {
                throw new AssertionError("market-maker exited\n" + marketMaker.transcript());
            }
            return condition.getAsBoolean();
        }, TIMEOUT, () -> what + "\ntimeline " + timeline + "\n" + (marketMaker == null ? "" : marketMaker.transcript()));
    }

    /** Waits for a new order (from index {@code from} on) matching the predicate; returns it. */
    NewOrder awaitNewOrder(final int from, final Predicate<NewOrder> predicate, final String what)
    {
        final NewOrder[] found = new NewOrder[1];
        await(() ->
        {
            found[0] = newOrders.subList(Math.min(from, newOrders.size()), newOrders.size()).stream().filter(predicate).findFirst().orElse(null);
            return found[0] != null;
        }, "no NewOrderRequest: " + what);
        return found[0];
    }

    /** busctl send's way: an XPUB on the control endpoint, resent until the market-maker acknowledges the command. */
    void killSwitch(final boolean engage)
    {
        final long commandId = ++nextControlCommandId;
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
        final MessageHeaderEncoder header = new MessageHeaderEncoder();
        final int bodyLength = engage
            ? new KillSwitchEncoder().wrapAndApplyHeader(buffer, 0, header).commandId(commandId).scope(KillScope.ALL)
                .venueId(0).strategyId(0).reason("market-maker test").encodedLength()
            : new KillSwitchClearEncoder().wrapAndApplyHeader(buffer, 0, header).commandId(commandId).scope(KillScope.ALL)
                .venueId(0).strategyId(0).reason("market-maker test").encodedLength();
        final long[] nextSendNs = {0};
        await(() ->
        {
            if (controlAcks.contains(commandId))
            {
                return true;
            }
            if (System.nanoTime() >= nextSendNs[0] && control.awaitSubscribers("ctl", 1, Duration.ZERO))
            {
                control.publish(buffer, 0, Envelope.HEADER_LENGTH + bodyLength);
                nextSendNs[0] = System.nanoTime() + 200_000_000L;
            }
            return false;
        }, "kill switch command " + commandId + " never acknowledged");
    }

    /** One unlabelled sample of the market-maker's /metrics; -1 if absent or the HTTP endpoint is not up yet. */
    double metric(final String name)
    {
        try
        {
            for (final String line : DaemonHttp.metrics(httpPort).split("\n"))
            {
                if (line.startsWith(name + " "))
                {
                    return Double.parseDouble(line.substring(name.length() + 1).strip());
                }
            }
            return -1;
        }
        catch (final IOException ex)
        {
            return -1;
        }
    }

    @Override
    public void close()
    {
        if (marketMaker != null)
        {
            marketMaker.close();
        }
        subscriber.close();
        control.close();
        quoteServer.close();
        oms.close();
        execHandler.close();
        positionServer.close();
        zmq.close();
    }
}
