package io.mmfleet.exechandler;

import com.fasterxml.jackson.databind.JsonNode;
import io.mmfleet.bus.BusMessageHandler;
import io.mmfleet.bus.BusPublisher;
import io.mmfleet.bus.BusSubscriber;
import io.mmfleet.bus.EpochClock;
import io.mmfleet.bus.Envelope;
import io.mmfleet.bus.GapListener;
import io.mmfleet.bus.PublishStream;
import io.mmfleet.bus.TopicView;
import io.mmfleet.bus.testing.Await;
import io.mmfleet.bus.testing.DaemonHttp;
import io.mmfleet.bus.testing.JavaProcess;
import io.mmfleet.bus.testing.Ports;
import io.mmfleet.bus.testing.TestFleetIni;
import io.mmfleet.sbe.AccountSnapshotDecoder;
import io.mmfleet.sbe.CommandType;
import io.mmfleet.sbe.ExecutionReportDecoder;
import io.mmfleet.sbe.InstrumentDefinitionDecoder;
import io.mmfleet.sbe.MessageHeaderDecoder;
import io.mmfleet.sbe.OrderCommandEncoder;
import io.mmfleet.sbe.OrderRejectDecoder;
import io.mmfleet.sbe.OrderType;
import io.mmfleet.sbe.Side;
import io.mmfleet.sbe.ThrottleStatusDecoder;
import io.mmfleet.sbe.TimeInForce;
import io.mmfleet.venuesim.testing.TwoAccountVenue;
import org.agrona.DirectBuffer;
import org.zeromq.ZContext;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * The integration rig: venue-sim in-process on ephemeral ports with no synthetic market (so every
 * fill is one the test caused), an account for exec-handler ("mm") and one for the test's own
 * taker orders; exec-handler as a real process; the test playing the OMS — it binds the INI's
 * [oms] PUB endpoint and sends OrderCommands on ord.cmd.binance, resending each until answered as
 * the bus protocol requires — and recording everything exec-handler publishes. Signs its own venue
 * requests (the connector's signing code is what is under test).
 */
final class ExecRig implements AutoCloseable
{
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final String MM_API_KEY = TwoAccountVenue.MM_API_KEY;
    static final String MM_SECRET = TwoAccountVenue.MM_SECRET;
    private static final int INSTRUMENT = 1;

    record Report(long commandId, String execType, String ordStatus, String clientOrderId, long venueOrderId, long tradeId,
        long lastQty, long lastPrice, long cumQty, long fee, String feeAsset, String liquidity, String rejectReason, int venueErrorCode)
    {
    }

    record Reject(long commandId, String clientOrderId, String reason, String source, int venueErrorCode, String text)
    {
    }

    record Definition(int instrumentId, long tickMantissa, int tickExponent, long lotMantissa, int lotExponent, String symbol)
    {
    }

    final Path dir;
    final TwoAccountVenue venue;
    final Path ini;
    /** The [bus] CONTROL_ENDPOINT, where busctl (or a test) binds an XPUB for kill switches. */
    final String controlEndpoint = Ports.tcpEndpoint();
    final int httpPort;
    private final String execPub;
    private final ZContext zmq = new ZContext(1);
    private final BusPublisher oms;
    private final PublishStream commands;
    private final BusSubscriber subscriber;
    private final OrderCommandEncoder command = new OrderCommandEncoder();
    private final ExecutionReportDecoder report = new ExecutionReportDecoder();
    private final OrderRejectDecoder reject = new OrderRejectDecoder();
    private final InstrumentDefinitionDecoder definition = new InstrumentDefinitionDecoder();
    private final AccountSnapshotDecoder snapshot = new AccountSnapshotDecoder();
    private final ThrottleStatusDecoder throttle = new ThrottleStatusDecoder();
    private final io.mmfleet.sbe.SnapshotCompleteDecoder snapshotComplete = new io.mmfleet.sbe.SnapshotCompleteDecoder();
    /** SnapshotCompletes seen, as "topic:requestId". */
    final List<String> snapshotCompletes = new CopyOnWriteArrayList<>();
    final List<Report> reports = new CopyOnWriteArrayList<>();
    final List<Reject> rejects = new CopyOnWriteArrayList<>();
    final List<Definition> definitions = new CopyOnWriteArrayList<>();
    final List<Long> snapshotTradeIds = new CopyOnWriteArrayList<>();
    final List<String> throttleStates = new CopyOnWriteArrayList<>();
    /** retryAfterMs of each ThrottleStatus, in step with {@link #throttleStates}. */
    final List<Long> throttleRetryAfterMs = new CopyOnWriteArrayList<>();
    private final BusMessageHandler handler = this::onMessage;
    private long nextCommandId = 1_000;
    /** Exponent of the prices the rig sends: the instrument's -2 unless a test says otherwise. */
    byte priceExponent = -2;
    /** originNs in the envelope of the commands the rig sends: none (0) unless a test says otherwise. */
    long originNs;
    JavaProcess execHandler;

    /**
     * @param venueKeys extra [venue-sim] keys (e.g. CONNECTION_LIFETIME)
     * @param execKeys  [exec-handler] keys, one per line, replacing the rig's defaults
     */
    ExecRig(final Path dir, final String venueKeys, final String execKeys) throws Exception
    {
        this(dir, TwoAccountVenue.start(dir, venueKeys), null, null, execKeys);
    }

    /** exec-handler against another venue (a scripted one) at these URLs; the venue-sim helpers are then unusable. */
    ExecRig(final Path dir, final String restUrl, final String wsApiUrl, final String execKeys) throws Exception
    {
        this(dir, null, restUrl, wsApiUrl, execKeys);
    }

    private ExecRig(final Path dir, final TwoAccountVenue venue, final String restUrl, final String wsApiUrl, final String execKeys) throws Exception
    {
        this.dir = dir;
        this.venue = venue;
        Files.writeString(dir.resolve("mm-api-key"), MM_API_KEY + "\n");
        Files.writeString(dir.resolve("mm-secret-key"), MM_SECRET + "\n");
        httpPort = Ports.free();
        execPub = Ports.tcpEndpoint();
        final String omsPub = Ports.tcpEndpoint();
        ini = dir.resolve("fleet.ini");
        final Map<String, String> identity = TestFleetIni.daemonKeys(4, execPub, httpPort);
        final Map<String, String> keys = venue != null ? venue.execHandlerKeys(identity, dir.resolve("journal.db"))
            : TwoAccountVenue.execHandlerKeys(identity, restUrl, wsApiUrl, dir.resolve("mm-api-key"), dir.resolve("mm-secret-key"),
                dir.resolve("journal.db"));
        new TestFleetIni(controlEndpoint)
            .peer("oms", 3, omsPub)
            .section("exec-handler", TestFleetIni.overridden(keys, execKeys))
            .writeTo(ini);
        oms = new BusPublisher(zmq, omsPub, 3, System.nanoTime(), 100_000, new EpochClock());
        commands = oms.stream("ord.cmd.binance");
        subscriber = new BusSubscriber(zmq, 100_000, GapListener.NONE).connect(execPub)
            .subscribe("exec.").subscribe("acct.").subscribe("ctl.ack");
    }

    /** Starts exec-handler (again) and waits until its venue session is ready. */
    void startExecHandler(final String... jvmArgs) throws IOException
    {
        launchExecHandler(jvmArgs);
        awaitHealthy();
    }

    /** Starts exec-handler (again) without waiting for its venue session, for venues that never let it become ready. */
    void launchExecHandler(final String... jvmArgs) throws IOException
    {
        execHandler = JavaProcess.start("exec-handler", ExecHandlerMain.class.getName(), List.of(jvmArgs), "--config", ini.toString());
    }

    /** Waits until /health says ready again (after a reconnect); fails at once if the process died. */
    void awaitHealthy()
    {
        execHandler.awaitHealthy(httpPort, TIMEOUT, this::poll);
    }

    void poll()
    {
        subscriber.poll(handler, 1000);
    }

    private void onMessage(final TopicView topic, final MessageHeaderDecoder header, final DirectBuffer buffer, final int length)
    {
        final int offset = Envelope.HEADER_LENGTH;
        switch (header.templateId())
        {
            case ExecutionReportDecoder.TEMPLATE_ID ->
            {
                report.wrap(buffer, offset, header.blockLength(), header.version());
                reports.add(new Report(report.commandId(), report.execType().name(), report.ordStatus().name(), report.clientOrderId(),
                    report.venueOrderId(), report.tradeId(), report.lastQty().mantissa(), report.lastPrice().mantissa(),
                    report.cumQty().mantissa(), report.fee().mantissa(), report.feeAsset(), String.valueOf(report.liquidity()),
                    String.valueOf(report.rejectReason()), report.venueErrorCode()));
            }
            case OrderRejectDecoder.TEMPLATE_ID ->
            {
                reject.wrap(buffer, offset, header.blockLength(), header.version());
                rejects.add(new Reject(reject.commandId(), reject.clientOrderId(), reject.rejectReason().name(), reject.rejectSource().name(),
                    reject.venueErrorCode(), reject.text()));
            }
            case InstrumentDefinitionDecoder.TEMPLATE_ID ->
            {
                definition.wrap(buffer, offset, header.blockLength(), header.version());
                definitions.add(new Definition(definition.instrumentId(), definition.tickSize().mantissa(), definition.tickSize().exponent(),
                    definition.lotSize().mantissa(), definition.lotSize().exponent(), definition.venueSymbol()));
            }
            case AccountSnapshotDecoder.TEMPLATE_ID ->
            {
                snapshot.wrap(buffer, offset, header.blockLength(), header.version());
                for (final AccountSnapshotDecoder.BalancesDecoder ignored : snapshot.balances())
                {
                    // Balances are walked past to reach the trades group.
                }
                for (final AccountSnapshotDecoder.TradesDecoder trade : snapshot.trades())
                {
                    snapshotTradeIds.add(trade.tradeId());
                }
            }
            case io.mmfleet.sbe.ThrottleStatusDecoder.TEMPLATE_ID ->
            {
                throttle.wrap(buffer, offset, header.blockLength(), header.version());
                throttleStates.add(throttle.state().name());
                throttleRetryAfterMs.add(throttle.retryAfterMs());
            }
            case io.mmfleet.sbe.SnapshotCompleteDecoder.TEMPLATE_ID ->
            {
                snapshotComplete.wrap(buffer, offset, header.blockLength(), header.version());
                snapshotCompletes.add(topic.toString() + ":" + snapshotComplete.requestId());
            }
            default ->
            {
            }
        }
    }

    long newCommandId()
    {
        return ++nextCommandId;
    }

    /**
     * Sends one OrderCommand and resends it every 200 ms until exec-handler answers it (an
     * ExecutionReport or OrderReject carrying its id), as the OMS does; returns the reports and
     * rejects seen for it by then.
     */
    void send(final long commandId, final CommandType type, final Side side, final OrderType orderType, final TimeInForce tif,
        final long priceMantissa, final long qtyMantissa, final String clientOrderId, final String origClientOrderId)
    {
        final long[] nextSendNs = {0};
        Await.until(() ->
        {
            poll();
            if (answered(commandId))
            {
                return true;
            }
            if (System.nanoTime() >= nextSendNs[0])
            {
                encode(commandId, type, side, orderType, tif, priceMantissa, qtyMantissa, clientOrderId, origClientOrderId);
                oms.publish(commands, command, originNs);
                nextSendNs[0] = System.nanoTime() + 200_000_000L;
            }
            return false;
        }, TIMEOUT, () -> "command " + commandId + " (" + type + " " + clientOrderId + ") not answered; reports " + reports +
            " rejects " + rejects + "\n" + execHandler.transcript());
    }

    /** Publishes one OrderCommand once, without waiting for its answer. */
    void sendOnce(final long commandId, final CommandType type, final Side side, final OrderType orderType, final TimeInForce tif,
        final long priceMantissa, final long qtyMantissa, final String clientOrderId, final String origClientOrderId)
    {
        encode(commandId, type, side, orderType, tif, priceMantissa, qtyMantissa, clientOrderId, origClientOrderId);
        oms.publish(commands, command, originNs);
    }

    private void encode(final long commandId, final CommandType type, final Side side, final OrderType orderType, final TimeInForce tif,
        final long priceMantissa, final long qtyMantissa, final String clientOrderId, final String origClientOrderId)
    {
        oms.wrap(command)
            .commandId(commandId)
            .commandType(type)
            .strategyId(7)
            .venueId(1)
            .instrumentId(INSTRUMENT)
            .side(side)
            .orderType(orderType)
            .timeInForce(tif);
        command.price().mantissa(priceMantissa).exponent(priceExponent);
        command.qty().mantissa(qtyMantissa).exponent((byte)-4);
        command.clientOrderId(clientOrderId).origClientOrderId(origClientOrderId);
    }

    boolean answered(final long commandId)
    {
        return reports.stream().anyMatch(r -> r.commandId() == commandId) || rejects.stream().anyMatch(r -> r.commandId() == commandId);
    }

    void newOrder(final long commandId, final Side side, final OrderType type, final String price, final String qty, final String clientOrderId)
    {
        send(commandId, CommandType.NEW, side, type, type == OrderType.LIMIT ? TimeInForce.GTC : TimeInForce.NULL_VAL,
            mantissa(price, 2), mantissa(qty, 4), clientOrderId, "");
    }

    void cancel(final long commandId, final String origClientOrderId)
    {
        send(commandId, CommandType.CANCEL, Side.NULL_VAL, OrderType.NULL_VAL, TimeInForce.NULL_VAL, 0, 0, "", origClientOrderId);
    }

    /** The OrderReject that answered a command; fails naming what answered it instead. */
    Reject rejectOf(final long commandId)
    {
        return rejects.stream().filter(r -> r.commandId() == commandId).findFirst().orElseThrow(() -> new AssertionError(
            "command " + commandId + " not answered by a reject but by " + reports.stream().filter(r -> r.commandId() == commandId).toList()));
    }

    List<Report> reportsFor(final String clientOrderId)
    {
        return reports.stream().filter(r -> r.clientOrderId().equals(clientOrderId)).toList();
    }

    /** Waits until a report matching the predicate arrives; returns it. */
    Report awaitReport(final Predicate<Report> predicate, final String what)
    {
        final Report[] found = new Report[1];
        Await.until(() ->
        {
            poll();
            found[0] = reports.stream().filter(predicate).findFirst().orElse(null);
            return found[0] != null;
        }, TIMEOUT, () -> "no report: " + what + "; reports " + reports + "\n" + (execHandler == null ? "" : execHandler.transcript()));
        return found[0];
    }

    /** Lets whatever exec-handler is still sending arrive, so "exactly once" checks see it all. */
    void drain(final Duration quiet)
    {
        final long until = System.nanoTime() + quiet.toNanos();
        while (System.nanoTime() < until)
        {
            poll();
            Thread.onSpinWait();
        }
    }

    int healthStatus()
    {
        return DaemonHttp.healthStatus(httpPort);
    }

    String metrics() throws IOException
    {
        return DaemonHttp.metrics(httpPort);
    }

    /** The taker account's order on venue-sim; returns the JSON answer (FULL, with fills). */
    JsonNode takerOrder(final String side, final String type, final String price, final String qty) throws Exception
    {
        return venue.takerOrder(side, type, price, qty);
    }

    /** An order on exec-handler's own account placed behind its back (another client of the account). */
    JsonNode mmOrderElsewhere(final String side, final String price, final String qty, final String clientOrderId) throws Exception
    {
        return venue.asMm("POST", "/api/v3/order", "symbol=ETHUSDT&side=" + side + "&type=LIMIT&timeInForce=GTC&quantity=" + qty +
            "&price=" + price + "&newClientOrderId=" + clientOrderId);
    }

    /** Every trade of exec-handler's account on the venue, as the venue lists them. */
    List<Long> venueTradeIds() throws Exception
    {
        final List<Long> ids = new ArrayList<>();
        venue.mmTrades().forEach(t -> ids.add(t.get("id").asLong()));
        return ids;
    }

    /** The venue's order of exec-handler's account with this client order id. */
    JsonNode venueOrder(final String clientOrderId) throws Exception
    {
        return venue.asMm("GET", "/api/v3/order", "symbol=ETHUSDT&origClientOrderId=" + URLEncoder.encode(clientOrderId, StandardCharsets.UTF_8));
    }

    JsonNode venueOpenOrders() throws Exception
    {
        return venue.mmOpenOrders();
    }

    static long mantissa(final String decimal, final int scale)
    {
        return new java.math.BigDecimal(decimal).setScale(scale, java.math.RoundingMode.UNNECESSARY).unscaledValue().longValueExact();
    }

    @Override
    public void close()
    {
        if (execHandler != null)
        {
            execHandler.close();
        }
        subscriber.close();
        oms.close();
        zmq.close();
        if (venue != null)
        {
            venue.close();
        }
    }
}
