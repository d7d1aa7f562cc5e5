package io.mmfleet.oms;

import com.fasterxml.jackson.databind.JsonNode;
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
import io.mmfleet.exechandler.ExecHandlerMain;
import io.mmfleet.sbe.BookUpdateEncoder;
import io.mmfleet.sbe.CancelOrderRequestEncoder;
import io.mmfleet.sbe.ControlAckDecoder;
import io.mmfleet.sbe.DaemonState;
import io.mmfleet.sbe.KillScope;
import io.mmfleet.sbe.KillSwitchClearEncoder;
import io.mmfleet.sbe.KillSwitchEncoder;
import io.mmfleet.sbe.MessageHeaderDecoder;
import io.mmfleet.sbe.MessageHeaderEncoder;
import io.mmfleet.sbe.NewOrderRequestEncoder;
import io.mmfleet.sbe.OrderCommandDecoder;
import io.mmfleet.sbe.OrderRejectDecoder;
import io.mmfleet.sbe.OrderStateDecoder;
import io.mmfleet.sbe.OrderType;
import io.mmfleet.sbe.PositionUpdateEncoder;
import io.mmfleet.sbe.RiskAction;
import io.mmfleet.sbe.RiskEventDecoder;
import io.mmfleet.sbe.RiskEventEncoder;
import io.mmfleet.sbe.RiskEventType;
import io.mmfleet.sbe.Severity;
import io.mmfleet.sbe.Side;
import io.mmfleet.sbe.SnapshotCompleteEncoder;
import io.mmfleet.sbe.SnapshotRequestDecoder;
import io.mmfleet.sbe.TimeInForce;
import io.mmfleet.sbe.VenueState;
import io.mmfleet.sbe.VenueStatusEncoder;
import io.mmfleet.venuesim.testing.TwoAccountVenue;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.zeromq.ZContext;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * The OMS's integration rig: venue-sim in-process (no synthetic market: every fill is one the test
 * caused), exec-handler and the OMS as real processes, and the test playing the other daemons on
 * the INI's PUB endpoints — market-maker (requests on {@code ord.req}, each resent until an
 * OrderState or OrderReject answers it), quote-server (a book with mid 3000 and a LIVE status, on
 * its schedule or only in answer to a SnapshotRequest, and its heartbeat when asked) and
 * position-server (a flat position, and the SnapshotComplete answering the OMS's request for
 * {@code pos}). Everything the OMS publishes is recorded.
 */
final class OmsRig implements AutoCloseable
{
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final int STRATEGY = 7;
    static final int VENUE = 1;
    static final int INSTRUMENT = 1;
    private static final int OMS_SOURCE = 3;
    private static final int CONTROL_SOURCE = 900;
    private static final long FEED_INTERVAL_NS = 200_000_000L;
    static final int QUOTE_SERVER_SOURCE = 1;
    static final String BOOK_TOPIC = "md.binance.ETH-USDC";

    record State(long requestId, String status, String clientOrderId, long cumQty, long leavesQty, long venueOrderId)
    {
    }

    record Reject(long requestId, String reason, String source)
    {
    }

    record Command(long commandId, String type, String clientOrderId, String origClientOrderId)
    {
    }

    record Risk(String eventType, int strategyId, long observed)
    {
    }

    record SnapshotAsked(int ownerSourceId, String topic)
    {
    }

    final Path dir;
    final TwoAccountVenue venue;
    final Path ini;
    final int omsHttpPort = Ports.free();
    final int execHttpPort = Ports.free();
    private final ZContext zmq = new ZContext(1);
    private final String mmPub;
    private final EpochClock clock = new EpochClock();
    private BusPublisher marketMaker;
    private final BusPublisher quoteServer;
    private final BusPublisher positionServer;
    private PublishStream requests;
    private HeartbeatPublisher strategyHeartbeat;
    /** Answers before these indexes are of an earlier strategy run (whose request ids the current run reuses). */
    private int statesOfThisRun;
    private int rejectsOfThisRun;
    private boolean strategyHeartbeats;
    private boolean booksOnSchedule = true;
    private boolean quoteServerHeartbeats;
    private final HeartbeatPublisher quoteServerHeartbeat;
    private final PublishStream books;
    private final PublishStream positions;
    private final PublishStream risk;
    private final RiskEventEncoder riskEvent = new RiskEventEncoder();
    private final BusSubscriber subscriber;
    private final ControlPublisher control;
    private final NewOrderRequestEncoder newOrder = new NewOrderRequestEncoder();
    private final CancelOrderRequestEncoder cancelOrder = new CancelOrderRequestEncoder();
    private final BookUpdateEncoder book = new BookUpdateEncoder();
    private final VenueStatusEncoder venueStatus = new VenueStatusEncoder();
    private final PositionUpdateEncoder position = new PositionUpdateEncoder();
    private final SnapshotCompleteEncoder snapshotComplete = new SnapshotCompleteEncoder();
    private final OrderStateDecoder stateDecoder = new OrderStateDecoder();
    private final OrderRejectDecoder rejectDecoder = new OrderRejectDecoder();
    private final OrderCommandDecoder commandDecoder = new OrderCommandDecoder();
    private final ControlAckDecoder ackDecoder = new ControlAckDecoder();
    private final SnapshotRequestDecoder snapshotRequest = new SnapshotRequestDecoder();
    private final RiskEventDecoder riskDecoder = new RiskEventDecoder();
    final List<State> states = new CopyOnWriteArrayList<>();
    final List<Reject> rejects = new CopyOnWriteArrayList<>();
    final List<Command> commands = new CopyOnWriteArrayList<>();
    final List<Risk> riskEvents = new CopyOnWriteArrayList<>();
    /** Every SnapshotRequest the OMS sent. */
    final List<SnapshotAsked> snapshotRequests = new CopyOnWriteArrayList<>();
    /** ControlAcks the OMS sent for the control commands of this test, as command ids. */
    final List<Long> omsControlAcks = new CopyOnWriteArrayList<>();
    private final BusMessageHandler handler = this::onMessage;
    private long nextFeedNs;
    private long nextRequestId;
    private long nextControlCommandId = 500;
    JavaProcess oms;
    JavaProcess execHandler;

    OmsRig(final Path dir) throws Exception
    {
        this(dir, Map.of());
    }

    /** With these {@code [oms]} keys over the rig's own. */
    OmsRig(final Path dir, final Map<String, String> omsKeyOverrides) throws Exception
    {
        this.dir = dir;
        venue = TwoAccountVenue.start(dir, "");
        final String controlEndpoint = Ports.tcpEndpoint();
        final String quotePub = Ports.tcpEndpoint();
        mmPub = Ports.tcpEndpoint();
        final String omsPub = Ports.tcpEndpoint();
        final String execPub = Ports.tcpEndpoint();
        final String posPub = Ports.tcpEndpoint();
        ini = dir.resolve("fleet.ini");
        final Map<String, String> omsKeys = TestFleetIni.omsKeys(OMS_SOURCE, omsPub, omsHttpPort, dir.resolve("oms-requests.journal"));
        omsKeys.put("DEAD_MAN_TIMEOUT", "1s");
        omsKeys.putAll(omsKeyOverrides);
        new TestFleetIni(controlEndpoint)
            .peer("quote-server", 1, quotePub)
            .peer("market-maker", 2, mmPub)
            .section("oms", omsKeys)
            .section("exec-handler", venue.execHandlerKeys(TestFleetIni.daemonKeys(4, execPub, execHttpPort), dir.resolve("journal.db")))
            .peer("position-server", 5, posPub)
            .writeTo(ini);
        marketMaker = new BusPublisher(zmq, mmPub, 2, System.nanoTime(), 100_000, clock);
        quoteServer = new BusPublisher(zmq, quotePub, 1, System.nanoTime(), 100_000, clock);
        positionServer = new BusPublisher(zmq, posPub, 5, System.nanoTime(), 100_000, clock);
        requests = marketMaker.stream("ord.req");
        strategyHeartbeat = new HeartbeatPublisher(marketMaker, "market-maker", clock.nanoTime());
        books = quoteServer.stream(BOOK_TOPIC);
        quoteServerHeartbeat = new HeartbeatPublisher(quoteServer, "quote-server", clock.nanoTime());
        positions = positionServer.stream("pos");
        risk = positionServer.stream("risk");
        control = new ControlPublisher(zmq, controlEndpoint, CONTROL_SOURCE, System.nanoTime(), 1000, clock);
        subscriber = new BusSubscriber(zmq, 100_000, GapListener.NONE).connect(omsPub)
            .subscribe("ord.state").subscribe("ord.cmd.").subscribe("ctl.").subscribe("risk");
    }

    /** exec-handler, then the OMS, each until its /health says ready (the OMS needs definitions and positions). */
    void startFleet() throws IOException
    {
        execHandler = JavaProcess.start("exec-handler", ExecHandlerMain.class.getName(), List.of(), "--config", ini.toString());
        execHandler.awaitHealthy(execHttpPort, TIMEOUT, this::poll);
        startOms();
    }

    void startOms() throws IOException
    {
        startOms(List.of());
    }

    /** The OMS with these JVM arguments (a kill point), until ready. */
    void startOms(final List<String> jvmArgs) throws IOException
    {
        oms = JavaProcess.start("oms", OmsMain.class.getName(), jvmArgs, "--config", ini.toString());
        oms.awaitHealthy(omsHttpPort, TIMEOUT, this::poll);
        awaitMarketDataAtOms();
    }

    /**
     * market-maker restarted: its publisher closed (the old run says nothing more) and bound again
     * with a new run id, request ids counting from 1 again. Heartbeats, if on, come from the new run.
     */
    void restartStrategy()
    {
        marketMaker.close();
        Await.until(() ->
        {
            try
            {
                marketMaker = new BusPublisher(zmq, mmPub, 2, System.nanoTime(), 100_000, clock);
                return true;
            }
            catch (final RuntimeException addressStillInUse)
            {
                return false;
            }
        }, TIMEOUT, () -> "cannot bind market-maker's endpoint " + mmPub + " again");
        requests = marketMaker.stream("ord.req");
        strategyHeartbeat = new HeartbeatPublisher(marketMaker, "market-maker", clock.nanoTime());
        nextRequestId = 0;
        statesOfThisRun = states.size();
        rejectsOfThisRun = rejects.size();
        if (strategyHeartbeats)
        {
            strategyHeartbeat.publish(DaemonState.READY);
        }
    }

    /**
     * A new order request sent every 200 ms until the OMS process exits (it halts at a kill point
     * on it); returns its request id, which the strategy resends to the next OMS run with {@link #resend}.
     */
    long placeUntilOmsExits(final Side side, final long priceMantissa, final long qtyMantissa)
    {
        final long requestId = ++nextRequestId;
        final long[] nextSendNs = {0};
        Await.until(() ->
        {
            poll();
            if (!oms.isAlive())
            {
                return true;
            }
            if (System.nanoTime() >= nextSendNs[0])
            {
                publishNewOrder(VENUE, requestId, side, priceMantissa, qtyMantissa);
                nextSendNs[0] = System.nanoTime() + 200_000_000L;
            }
            return false;
        }, TIMEOUT, () -> "the OMS did not stop at its kill point\n" + oms.transcript());
        return requestId;
    }

    /** The strategy resends a request it holds unanswered, until the OMS answers it. */
    void resend(final long requestId, final Side side, final long priceMantissa, final long qtyMantissa)
    {
        sendUntilAnswered(requestId, () -> publishNewOrder(VENUE, requestId, side, priceMantissa, qtyMantissa));
    }

    private void publishNewOrder(final int venueId, final long requestId, final Side side, final long priceMantissa, final long qtyMantissa)
    {
        marketMaker.wrap(newOrder).strategyId(STRATEGY).requestId(requestId).venueId(venueId).instrumentId(INSTRUMENT)
            .side(side).orderType(OrderType.LIMIT).timeInForce(TimeInForce.GTC);
        newOrder.price().mantissa(priceMantissa).exponent((byte)-2);
        newOrder.qty().mantissa(qtyMantissa).exponent((byte)-4);
        marketMaker.publish(requests, newOrder, 0);
    }

    /** Receives what the OMS published, and plays quote-server and position-server on their schedule. */
    void poll()
    {
        subscriber.poll(handler, 1000);
        if (System.nanoTime() >= nextFeedNs)
        {
            feed();
            nextFeedNs = System.nanoTime() + FEED_INTERVAL_NS;
        }
    }

    private void feed()
    {
        if (booksOnSchedule)
        {
            publishBook();
        }
        if (quoteServerHeartbeats)
        {
            quoteServerHeartbeat.publish(DaemonState.READY);
        }
        publishPosition();
        if (strategyHeartbeats)
        {
            strategyHeartbeat.publish(DaemonState.READY);
        }
    }

    /**
     * Off: quote-server publishes its book (and status) only in answer to a SnapshotRequest, as on a
     * market that does not move.
     */
    void booksOnSchedule(final boolean on)
    {
        booksOnSchedule = on;
    }

    /** Whether quote-server's READY heartbeat goes out on the feed's schedule. */
    void quoteServerHeartbeats(final boolean on)
    {
        quoteServerHeartbeats = on;
    }

    private void publishBook()
    {
        quoteServer.wrap(book).venueId(VENUE).instrumentId(INSTRUMENT).venueUpdateId(System.nanoTime()).venueTimeNs(0);
        final BookUpdateEncoder.BidsEncoder bids = book.bidsCount(1).next();
        bids.price().mantissa(2999_00).exponent((byte)-2);
        bids.qty().mantissa(1_0000).exponent((byte)-4);
        final BookUpdateEncoder.AsksEncoder asks = book.asksCount(1).next();
        asks.price().mantissa(3001_00).exponent((byte)-2);
        asks.qty().mantissa(1_0000).exponent((byte)-4);
        quoteServer.publish(books, book, 0);
        quoteServer.wrap(venueStatus).venueId(VENUE).instrumentId(INSTRUMENT).state(VenueState.LIVE).reason("");
        quoteServer.publish(books, venueStatus, 0);
    }

    /** The market's ask side swept away: quote-server publishes a book with bids only (still LIVE). */
    void publishBookWithoutAsks()
    {
        quoteServer.wrap(book).venueId(VENUE).instrumentId(INSTRUMENT).venueUpdateId(System.nanoTime()).venueTimeNs(0);
        final BookUpdateEncoder.BidsEncoder bids = book.bidsCount(1).next();
        bids.price().mantissa(2999_00).exponent((byte)-2);
        bids.qty().mantissa(1_0000).exponent((byte)-4);
        book.asksCount(0);
        quoteServer.publish(books, book, 0);
    }

    /** Whether market-maker's heartbeat (hb.market-maker, same source as its requests) goes out; on publishes one now. */
    void strategyHeartbeats(final boolean on)
    {
        strategyHeartbeats = on;
        if (on)
        {
            strategyHeartbeat.publish(DaemonState.READY);
        }
    }

    private void publishPosition()
    {
        PositionServerMessages.publishFlatPosition(positionServer, positions, position, VENUE, INSTRUMENT, STRATEGY, 3000_00);
    }

    private void onMessage(final TopicView topic, final MessageHeaderDecoder header, final DirectBuffer buffer, final int length)
    {
        final int offset = Envelope.HEADER_LENGTH;
        switch (header.templateId())
        {
            case OrderStateDecoder.TEMPLATE_ID ->
            {
                stateDecoder.wrap(buffer, offset, header.blockLength(), header.version());
                states.add(new State(stateDecoder.requestId(), stateDecoder.status().name(), stateDecoder.clientOrderId(),
                    stateDecoder.cumQty().mantissa(), stateDecoder.leavesQty().mantissa(), stateDecoder.venueOrderId()));
            }
            case OrderRejectDecoder.TEMPLATE_ID ->
            {
                rejectDecoder.wrap(buffer, offset, header.blockLength(), header.version());
                rejects.add(new Reject(rejectDecoder.requestId(), rejectDecoder.rejectReason().name(), rejectDecoder.rejectSource().name()));
            }
            case OrderCommandDecoder.TEMPLATE_ID ->
            {
                commandDecoder.wrap(buffer, offset, header.blockLength(), header.version());
                commands.add(new Command(commandDecoder.commandId(), commandDecoder.commandType().name(), commandDecoder.clientOrderId(),
                    commandDecoder.origClientOrderId()));
            }
            case ControlAckDecoder.TEMPLATE_ID ->
            {
                ackDecoder.wrap(buffer, offset, header.blockLength(), header.version());
                if (ackDecoder.requesterSourceId() == CONTROL_SOURCE)
                {
                    omsControlAcks.add(ackDecoder.commandId());
                }
            }
            case RiskEventDecoder.TEMPLATE_ID ->
            {
                riskDecoder.wrap(buffer, offset, header.blockLength(), header.version());
                riskEvents.add(new Risk(riskDecoder.eventType().name(), riskDecoder.strategyId(), riskDecoder.observed().mantissa()));
            }
            case SnapshotRequestDecoder.TEMPLATE_ID ->
            {
                snapshotRequest.wrap(buffer, offset, header.blockLength(), header.version());
                final int owner = snapshotRequest.ownerSourceId();
                final long requestId = snapshotRequest.requestId();
                final String requestedTopic = snapshotRequest.topic();
                snapshotRequests.add(new SnapshotAsked(owner, requestedTopic));
                if (owner == 5 && "pos".equals(requestedTopic))
                {
                    answerPositionSnapshot(requestId, header.sourceId());
                }
                else if (owner == QUOTE_SERVER_SOURCE && BOOK_TOPIC.equals(requestedTopic))
                {
                    answerBookSnapshot(requestId, header.sourceId());
                }
            }
            default ->
            {
            }
        }
    }

    /** position-server's answer: the position again, then SnapshotComplete on the same stream. */
    private void answerPositionSnapshot(final long requestId, final int requesterSourceId)
    {
        publishPosition();
        positionServer.wrap(snapshotComplete).requestId(requestId).requesterSourceId(requesterSourceId)
            .lastSequence(positions.lastSequence()).messageCount(1).topic("pos");
        positionServer.publish(positions, snapshotComplete, 0);
    }

    /** quote-server's answer (its SnapshotResponder's): the book and status again, then SnapshotComplete on the same stream. */
    private void answerBookSnapshot(final long requestId, final int requesterSourceId)
    {
        publishBook();
        quoteServer.wrap(snapshotComplete).requestId(requestId).requesterSourceId(requesterSourceId)
            .lastSequence(books.lastSequence()).messageCount(2).topic(BOOK_TOPIC);
        quoteServer.publish(books, snapshotComplete, 0);
    }

    /** A new LIMIT GTC order request, resent until the OMS answers it; returns its request id. */
    long place(final Side side, final long priceMantissa, final long qtyMantissa)
    {
        return placeOn(VENUE, side, priceMantissa, qtyMantissa);
    }

    long placeOn(final int venueId, final Side side, final long priceMantissa, final long qtyMantissa)
    {
        final long requestId = ++nextRequestId;
        sendUntilAnswered(requestId, () -> publishNewOrder(venueId, requestId, side, priceMantissa, qtyMantissa));
        return requestId;
    }

    /**
     * A cancel of the order {@code origRequestId} made, resent until answered: by the order's
     * OrderState once the cancel is in hand (PENDING_CANCEL or an outcome) or by an OrderReject.
     * Returns the cancel's request id.
     */
    long cancel(final long origRequestId)
    {
        final long requestId = ++nextRequestId;
        final int statesBefore = states.size();
        final long[] nextSendNs = {0};
        Await.until(() ->
        {
            poll();
            if (rejects.stream().anyMatch(r -> r.requestId() == requestId) || states.subList(statesBefore, states.size()).stream()
                .anyMatch(s -> s.requestId() == origRequestId && List.of("PENDING_CANCEL", "CANCELED", "FILLED").contains(s.status())))
            {
                return true;
            }
            if (System.nanoTime() >= nextSendNs[0])
            {
                marketMaker.wrap(cancelOrder).strategyId(STRATEGY).requestId(requestId).origRequestId(origRequestId)
                    .venueId(VENUE).instrumentId(INSTRUMENT);
                marketMaker.publish(requests, cancelOrder, 0);
                nextSendNs[0] = System.nanoTime() + 200_000_000L;
            }
            return false;
        }, TIMEOUT, () -> "cancel of request " + origRequestId + " not answered; states " + states + " rejects " + rejects + "\n" +
            oms.transcript());
        return requestId;
    }

    private void sendUntilAnswered(final long requestId, final Runnable send)
    {
        final long[] nextSendNs = {0};
        Await.until(() ->
        {
            poll();
            if (answered(requestId))
            {
                return true;
            }
            if (System.nanoTime() >= nextSendNs[0])
            {
                send.run();
                nextSendNs[0] = System.nanoTime() + 200_000_000L;
            }
            return false;
        }, TIMEOUT, () -> "request " + requestId + " not answered; states " + states + " rejects " + rejects + "\n" + oms.transcript());
    }

    /** Answered to the current strategy run (an earlier run's answers with the same request id do not count). */
    boolean answered(final long requestId)
    {
        return states.subList(statesOfThisRun, states.size()).stream().anyMatch(s -> s.requestId() == requestId) ||
            rejects.subList(rejectsOfThisRun, rejects.size()).stream().anyMatch(r -> r.requestId() == requestId);
    }

    Reject rejectOf(final long requestId)
    {
        return rejects.subList(rejectsOfThisRun, rejects.size()).stream().filter(r -> r.requestId() == requestId).findFirst().orElseThrow(() -> new AssertionError(
            "request " + requestId + " not answered by a reject but by " + states.stream().filter(s -> s.requestId() == requestId).toList()));
    }

    /** Waits until an OrderState matching the predicate arrives; returns it. */
    State awaitState(final Predicate<State> predicate, final String what)
    {
        return awaitState(0, predicate, what);
    }

    /** Waits until an OrderState matching the predicate arrives among those from index {@code from} on; returns it. */
    State awaitState(final int from, final Predicate<State> predicate, final String what)
    {
        final State[] found = new State[1];
        Await.until(() ->
        {
            poll();
            found[0] = states.subList(from, states.size()).stream().filter(predicate).findFirst().orElse(null);
            return found[0] != null;
        }, TIMEOUT, () -> "no OrderState: " + what + "; states " + states + "\n" + oms.transcript() + "\n" + execHandler.transcript());
        return found[0];
    }

    /**
     * Waits until the OMS has the book and the positions: a request past MAX_ORDER_QTY is refused
     * for that, not for stale data (pre-trade risk checks staleness first). Readiness does not say
     * it: books are per pair and come and go.
     */
    void awaitMarketDataAtOms()
    {
        awaitProbeRefusedFor("MAX_ORDER_QTY");
    }

    /**
     * Sends requests past MAX_ORDER_QTY until one is refused for this reason: MAX_ORDER_QTY says
     * market data and positions were fresh, an earlier check's reason that they were not.
     */
    void awaitProbeRefusedFor(final String reason)
    {
        Await.until(() -> reason.equals(probe()), TIMEOUT,
            () -> "no probe refused " + reason + "; rejects " + rejects + "\n" + oms.transcript());
    }

    /** A request past MAX_ORDER_QTY, answered: the reason it was refused for. */
    String probe()
    {
        return rejectOf(place(Side.BUY, 3000_00, 6_0000)).reason();
    }

    /** The client order id the OMS gave the order of this request (from its first OrderState). */
    String clientOrderIdOf(final long requestId)
    {
        return awaitState(s -> s.requestId() == requestId, "any state of request " + requestId).clientOrderId();
    }

    /** busctl send's way: an XPUB on the control endpoint, resent until the OMS acknowledges the command. */
    void killSwitch(final boolean engage)
    {
        final long commandId = ++nextControlCommandId;
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
        final MessageHeaderEncoder header = new MessageHeaderEncoder();
        final int bodyLength = engage
            ? new KillSwitchEncoder().wrapAndApplyHeader(buffer, 0, header).commandId(commandId).scope(KillScope.ALL)
                .venueId(0).strategyId(0).reason("oms test").encodedLength()
            : new KillSwitchClearEncoder().wrapAndApplyHeader(buffer, 0, header).commandId(commandId).scope(KillScope.ALL)
                .venueId(0).strategyId(0).reason("oms test").encodedLength();
        final long[] nextSendNs = {0};
        Await.until(() ->
        {
            poll();
            if (omsControlAcks.contains(commandId))
            {
                return true;
            }
            if (System.nanoTime() >= nextSendNs[0] && control.awaitSubscribers("ctl", 2, Duration.ZERO))
            {
                control.publish(buffer, 0, Envelope.HEADER_LENGTH + bodyLength);
                nextSendNs[0] = System.nanoTime() + 200_000_000L;
            }
            return false;
        }, TIMEOUT, () -> "kill switch command " + commandId + " never acknowledged\n" + oms.transcript());
    }

    /** position-server's RiskEvent asking for the kill switch of one strategy (a reconciliation mismatch), published once. */
    void riskEventKillSwitch(final int strategyId)
    {
        positionServer.wrap(riskEvent).eventType(RiskEventType.RECONCILIATION_MISMATCH).severity(Severity.CRITICAL)
            .action(RiskAction.KILL_SWITCH).venueId(0).instrumentId(INSTRUMENT).strategyId(strategyId);
        riskEvent.observed().mantissa(1).exponent((byte)0);
        riskEvent.threshold().mantissa(0).exponent((byte)0);
        riskEvent.text("ledger and venue disagree");
        positionServer.publish(risk, riskEvent, 0);
    }

    /** The test's own taker order on venue-sim (signed REST); returns the JSON answer. */
    JsonNode takerOrder(final String side, final String price, final String qty) throws Exception
    {
        return venue.asTaker("POST", "/api/v3/order", "symbol=ETHUSDT&side=" + side + "&type=LIMIT&timeInForce=IOC&quantity=" + qty +
            "&price=" + price + "&newOrderRespType=FULL");
    }

    /** The open orders of the OMS's (exec-handler's) account at the venue. */
    JsonNode venueOpenOrders() throws Exception
    {
        return venue.asMm("GET", "/api/v3/openOrders", "symbol=ETHUSDT");
    }

    String omsMetrics() throws IOException
    {
        return DaemonHttp.metrics(omsHttpPort);
    }

    @Override
    public void close()
    {
        if (oms != null)
        {
            oms.close();
        }
        if (execHandler != null)
        {
            execHandler.close();
        }
        subscriber.close();
        control.close();
        marketMaker.close();
        quoteServer.close();
        positionServer.close();
        zmq.close();
        venue.close();
    }
}
