package io.mmfleet.positionserver;

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
import io.mmfleet.exechandler.ExecHandlerMain;
import io.mmfleet.sbe.CommandType;
import io.mmfleet.sbe.ExecType;
import io.mmfleet.sbe.ExecutionReportDecoder;
import io.mmfleet.sbe.HedgeTargetDecoder;
import io.mmfleet.sbe.MessageHeaderDecoder;
import io.mmfleet.sbe.OrderCommandEncoder;
import io.mmfleet.sbe.OrderRejectDecoder;
import io.mmfleet.sbe.OrderType;
import io.mmfleet.sbe.PositionUpdateDecoder;
import io.mmfleet.sbe.RiskEventDecoder;
import io.mmfleet.sbe.Side;
import io.mmfleet.sbe.TimeInForce;
import io.mmfleet.venuesim.testing.TwoAccountVenue;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.zeromq.ZContext;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * The process-test rig: venue-sim in-process on ephemeral ports with no synthetic market (every fill
 * is one the test caused), exec-handler and position-server as real processes, and the test playing
 * the OMS — it binds the INI's [oms] PUB endpoint and sends OrderCommands on ord.cmd.binance,
 * resending each until exec-handler answers — while recording what both daemons publish.
 */
final class PosRig implements AutoCloseable
{
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final int STRATEGY = 7;

    /** One PositionUpdate, amounts as mantissas at 10^-8. */
    record Update(long runId, int venueId, int instrumentId, int strategyId, long position, long avgCost, long realizedPnl,
        long fillCount, long execRunId, long execSequence)
    {
    }

    record Risk(String type, String severity, String action, int instrumentId, String text)
    {
    }

    /** A fill report as exec-handler published it: its trade id, envelope run id and sequence, and the whole message, to replay it. */
    record TradeReport(long tradeId, long runId, long sequence, byte[] message)
    {
    }

    final Path dir;
    final TwoAccountVenue venue;
    final Path ini;
    final Path ledger;
    final int posHttpPort;
    final int execHttpPort;
    private final ZContext zmq = new ZContext(1);
    private final BusPublisher oms;
    private final PublishStream commands;
    private final PublishStream fakeExecutions;
    private final BusSubscriber subscriber;
    private final OrderCommandEncoder command = new OrderCommandEncoder();
    private final ExecutionReportDecoder report = new ExecutionReportDecoder();
    private final OrderRejectDecoder reject = new OrderRejectDecoder();
    private final PositionUpdateDecoder update = new PositionUpdateDecoder();
    private final HedgeTargetDecoder hedge = new HedgeTargetDecoder();
    private final RiskEventDecoder risk = new RiskEventDecoder();
    private final io.mmfleet.sbe.SnapshotCompleteDecoder snapshotComplete = new io.mmfleet.sbe.SnapshotCompleteDecoder();
    private final io.mmfleet.sbe.SnapshotRequestEncoder snapshotRequest = new io.mmfleet.sbe.SnapshotRequestEncoder();
    private final PublishStream snapshotRequests;
    private final PublishStream fakeAccount;
    private final io.mmfleet.sbe.ExecutionReportEncoder fakeReport = new io.mmfleet.sbe.ExecutionReportEncoder();
    private final io.mmfleet.sbe.InstrumentDefinitionEncoder fakeDefinition = new io.mmfleet.sbe.InstrumentDefinitionEncoder();
    private final BusMessageHandler handler = this::onMessage;
    /** SnapshotCompletes seen on pos: request id to the number of messages republished. */
    final java.util.Map<Long, Integer> snapshotCompletes = new java.util.concurrent.ConcurrentHashMap<>();
    final List<Long> answeredCommands = new CopyOnWriteArrayList<>();
    final List<TradeReport> tradeReports = new CopyOnWriteArrayList<>();
    final List<Update> updates = new CopyOnWriteArrayList<>();
    /** Net inventory of each HedgeTarget, mantissa at 10^-8. */
    final List<Long> hedgeTargets = new CopyOnWriteArrayList<>();
    final List<Risk> risks = new CopyOnWriteArrayList<>();
    private long nextCommandId = 1_000;
    JavaProcess execHandler;
    JavaProcess positionServer;

    PosRig(final Path dir) throws Exception
    {
        this.dir = dir;
        this.venue = TwoAccountVenue.start(dir, "");
        execHttpPort = Ports.free();
        posHttpPort = Ports.free();
        final String execPub = Ports.tcpEndpoint();
        final String posPub = Ports.tcpEndpoint();
        final String omsPub = Ports.tcpEndpoint();
        ledger = dir.resolve("ledger.db");
        ini = dir.resolve("fleet.ini");
        final Map<String, String> posKeys = TestFleetIni.daemonKeys(5, posPub, posHttpPort);
        posKeys.put("LEDGER_URL", "jdbc:sqlite:" + ledger);
        posKeys.put("PUBLISH_INTERVAL", "200ms");
        posKeys.put("RECONCILE_GRACE", "2s");
        posKeys.put("BALANCE_TOLERANCE", "0.0001");
        new TestFleetIni(Ports.tcpEndpoint(), "BTC-USDC = 2")
            .peer("oms", 3, omsPub)
            .section("exec-handler", venue.execHandlerKeys(TestFleetIni.daemonKeys(4, execPub, execHttpPort), dir.resolve("journal.db")))
            .section("position-server", posKeys)
            .writeTo(ini);
        oms = new BusPublisher(zmq, omsPub, 3, System.nanoTime(), 100_000, new EpochClock());
        commands = oms.stream("ord.cmd.binance");
        fakeExecutions = oms.stream("exec.binance");
        snapshotRequests = oms.stream("ctl.snapreq");
        fakeAccount = oms.stream("acct.binance");
        subscriber = new BusSubscriber(zmq, 100_000, GapListener.NONE).connect(execPub).connect(posPub)
            .subscribe("exec.").subscribe("pos").subscribe("risk");
    }

    /** Starts exec-handler (again) and waits until its venue session is ready. */
    void startExecHandler() throws IOException
    {
        execHandler = JavaProcess.start("exec-handler", ExecHandlerMain.class.getName(), List.of(), "--config", ini.toString());
        execHandler.awaitHealthy(execHttpPort, TIMEOUT, this::poll);
    }

    /** Starts position-server (again) and waits until /health says ready. */
    void startPositionServer(final String... jvmArgs) throws IOException
    {
        positionServer = JavaProcess.start("position-server", PositionServerMain.class.getName(), List.of(jvmArgs), "--config", ini.toString());
        positionServer.awaitHealthy(posHttpPort, TIMEOUT, this::poll);
    }

    /** SIGKILL, then waits until the process is gone and drains what it sent before, so later records are the next run's. */
    void killPositionServer() throws InterruptedException
    {
        positionServer.kill();
        positionServer.awaitExit(TIMEOUT);
        drain(Duration.ofMillis(300));
        updates.clear();
        hedgeTargets.clear();
    }

    void poll()
    {
        subscriber.poll(handler, 1000);
    }

    /** Lets whatever is still on its way arrive. */
    void drain(final Duration quiet)
    {
        final long until = System.nanoTime() + quiet.toNanos();
        while (System.nanoTime() < until)
        {
            poll();
            Thread.onSpinWait();
        }
    }

    private void onMessage(final TopicView topic, final MessageHeaderDecoder header, final DirectBuffer buffer, final int length)
    {
        final int offset = Envelope.HEADER_LENGTH;
        switch (header.templateId())
        {
            case ExecutionReportDecoder.TEMPLATE_ID ->
            {
                report.wrap(buffer, offset, header.blockLength(), header.version());
                answeredCommands.add(report.commandId());
                if (report.execType() == ExecType.TRADE && header.sourceId() == 4)
                {
                    final byte[] copy = new byte[length];
                    buffer.getBytes(0, copy);
                    tradeReports.add(new TradeReport(report.tradeId(), header.runId(), header.sequence(), copy));
                }
            }
            case OrderRejectDecoder.TEMPLATE_ID ->
            {
                reject.wrap(buffer, offset, header.blockLength(), header.version());
                answeredCommands.add(reject.commandId());
            }
            case PositionUpdateDecoder.TEMPLATE_ID ->
            {
                update.wrap(buffer, offset, header.blockLength(), header.version());
                updates.add(new Update(header.runId(), update.venueId(), update.instrumentId(), update.strategyId(), atScale8(update.position()),
                    atScale8(update.avgCost()), atScale8(update.realizedPnl()), update.fillCount(), update.execRunId(), update.execSequence()));
            }
            case HedgeTargetDecoder.TEMPLATE_ID ->
            {
                hedge.wrap(buffer, offset, header.blockLength(), header.version());
                hedgeTargets.add(atScale8(hedge.netInventory()));
            }
            case io.mmfleet.sbe.SnapshotCompleteDecoder.TEMPLATE_ID ->
            {
                snapshotComplete.wrap(buffer, offset, header.blockLength(), header.version());
                if (snapshotComplete.requesterSourceId() == 3 && "pos".equals(snapshotComplete.topic()))
                {
                    snapshotCompletes.put(snapshotComplete.requestId(), snapshotComplete.messageCount());
                }
            }
            case RiskEventDecoder.TEMPLATE_ID ->
            {
                risk.wrap(buffer, offset, header.blockLength(), header.version());
                risks.add(new Risk(risk.eventType().name(), risk.severity().name(), risk.action().name(), risk.instrumentId(), risk.text()));
            }
            default ->
            {
            }
        }
    }

    private static long atScale8(final io.mmfleet.sbe.DecimalDecoder decimal)
    {
        if (decimal.exponent() != -8)
        {
            throw new AssertionError("position-server publishes at 10^-8, got exponent " + decimal.exponent());
        }
        return decimal.mantissa();
    }

    /** A GTC limit order of exec-handler's account, sent as the OMS does until answered. */
    void limitOrder(final Side side, final String price, final String qty, final String clientOrderId)
    {
        final long commandId = ++nextCommandId;
        final long[] nextSendNs = {0};
        Await.until(() ->
        {
            poll();
            if (answeredCommands.contains(commandId))
            {
                return true;
            }
            if (System.nanoTime() >= nextSendNs[0])
            {
                oms.wrap(command)
                    .commandId(commandId)
                    .commandType(CommandType.NEW)
                    .strategyId(STRATEGY)
                    .venueId(1)
                    .instrumentId(1)
                    .side(side)
                    .orderType(OrderType.LIMIT)
                    .timeInForce(TimeInForce.GTC);
                command.price().mantissa(mantissa(price, 2)).exponent((byte)-2);
                command.qty().mantissa(mantissa(qty, 4)).exponent((byte)-4);
                command.clientOrderId(clientOrderId).origClientOrderId("");
                oms.publish(commands, command, 0);
                nextSendNs[0] = System.nanoTime() + 200_000_000L;
            }
            return false;
        }, TIMEOUT, () -> "order " + clientOrderId + " not answered\n" + execHandler.transcript());
    }

    /** The taker account takes liquidity at market; returns the venue's trade ids of the fill. */
    List<Long> takerMarket(final String side, final String qty) throws Exception
    {
        final JsonNode answer = venue.asTaker("POST", "/api/v3/order",
            "symbol=ETHUSDT&side=" + side + "&type=MARKET&quantity=" + qty + "&newOrderRespType=FULL");
        final List<Long> tradeIds = new ArrayList<>();
        answer.get("fills").forEach(fill -> tradeIds.add(fill.get("tradeId").asLong()));
        if (tradeIds.isEmpty())
        {
            throw new AssertionError("the taker's order filled nothing: " + answer);
        }
        return tradeIds;
    }

    /** Every trade of exec-handler's account as the venue lists them. */
    JsonNode venueTrades() throws Exception
    {
        return venue.asMm("GET", "/api/v3/myTrades", "symbol=ETHUSDT&limit=1000");
    }

    /** Waits for a trade's ExecutionReport from exec-handler. */
    TradeReport awaitTradeReport(final long tradeId)
    {
        final TradeReport[] found = new TradeReport[1];
        Await.until(() ->
        {
            poll();
            found[0] = tradeReports.stream().filter(r -> r.tradeId() == tradeId).findFirst().orElse(null);
            return found[0] != null;
        }, TIMEOUT, () -> "no ExecutionReport of trade " + tradeId + "\n" + execHandler.transcript());
        return found[0];
    }

    /** Waits for a PositionUpdate of the strategy's ETH-USDC position matching the predicate. */
    Update awaitUpdate(final Predicate<Update> predicate, final String what)
    {
        final Update[] found = new Update[1];
        Await.until(() ->
        {
            poll();
            for (int i = updates.size() - 1; i >= 0; i--)
            {
                if (predicate.test(updates.get(i)))
                {
                    found[0] = updates.get(i);
                    return true;
                }
            }
            return false;
        }, TIMEOUT, () -> "no PositionUpdate: " + what + "; last " + (updates.isEmpty() ? "none" : updates.get(updates.size() - 1)) +
            "\n" + positionServer.transcript());
        return found[0];
    }

    /**
     * Asks position-server for the state of pos as the OMS does after a gap, resending until its
     * SnapshotComplete arrives; returns how many messages it republished.
     */
    int requestPositionSnapshot(final long requestId)
    {
        final long[] nextSendNs = {0};
        Await.until(() ->
        {
            poll();
            if (snapshotCompletes.containsKey(requestId))
            {
                return true;
            }
            if (System.nanoTime() >= nextSendNs[0])
            {
                oms.wrap(snapshotRequest).requestId(requestId).ownerSourceId(5).topic("pos");
                oms.publish(snapshotRequests, snapshotRequest, 0);
                nextSendNs[0] = System.nanoTime() + 200_000_000L;
            }
            return false;
        }, TIMEOUT, () -> "no SnapshotComplete for pos request " + requestId + "\n" + positionServer.transcript());
        return snapshotCompletes.get(requestId);
    }

    /**
     * A TRADE ExecutionReport made by the test, published from its own endpoint on exec.binance, as
     * an exec-handler would: a fill of strategy 7 on venue 1. A null price leaves lastPrice absent
     * (a malformed fill).
     */
    void publishTrade(final int instrumentId, final long tradeId, final Side side, final String price, final String qty, final String fee,
        final String feeAsset)
    {
        oms.wrap(fakeReport)
            .commandId(0)
            .strategyId(STRATEGY)
            .venueId(1)
            .instrumentId(instrumentId)
            .venueOrderId(90_000 + tradeId)
            .execType(ExecType.TRADE)
            .ordStatus(io.mmfleet.sbe.OrdStatus.FILLED)
            .side(side)
            .orderType(OrderType.LIMIT);
        fakeReport.orderPrice().mantissa(price == null ? 0 : scale8(price)).exponent((byte)-8);
        fakeReport.orderQty().mantissa(scale8(qty)).exponent((byte)-8);
        fakeReport.lastPrice().mantissa(price == null ? io.mmfleet.sbe.DecimalEncoder.mantissaNullValue() : scale8(price)).exponent((byte)-8);
        fakeReport.lastQty().mantissa(scale8(qty)).exponent((byte)-8);
        fakeReport.cumQty().mantissa(scale8(qty)).exponent((byte)-8);
        fakeReport.cumQuoteQty().mantissa(0).exponent((byte)-8);
        fakeReport.tradeId(tradeId);
        fakeReport.fee().mantissa(scale8(fee)).exponent((byte)-8);
        fakeReport.liquidity(io.mmfleet.sbe.Liquidity.MAKER)
            .venueTimeNs(System.currentTimeMillis() * 1_000_000L)
            .rejectReason(io.mmfleet.sbe.RejectReason.NULL_VAL)
            .venueErrorCode(0)
            .feeAsset(feeAsset)
            .clientOrderId("s7-fake-" + tradeId)
            .origClientOrderId("");
        oms.publish(fakeExecutions, fakeReport, 0);
    }

    /** An InstrumentDefinition of venue 1 made by the test, published from its own endpoint on acct.binance. */
    void publishDefinition(final int instrumentId, final String base, final String quote, final String symbol)
    {
        oms.wrap(fakeDefinition)
            .venueId(1)
            .instrumentId(instrumentId)
            .status(io.mmfleet.sbe.InstrumentStatus.TRADING);
        for (final io.mmfleet.sbe.DecimalEncoder amount : List.of(fakeDefinition.tickSize(), fakeDefinition.lotSize(), fakeDefinition.minQty(),
            fakeDefinition.maxQty(), fakeDefinition.minNotional(), fakeDefinition.maxNotional()))
        {
            amount.mantissa(1).exponent((byte)-2);
        }
        fakeDefinition.baseAsset(base).quoteAsset(quote).venueSymbol(symbol);
        oms.publish(fakeAccount, fakeDefinition, 0);
    }

    /** Republishes a recorded ExecutionReport from the test's own endpoint: a duplicate on the bus. */
    void replay(final TradeReport trade)
    {
        final UnsafeBuffer message = new UnsafeBuffer(trade.message());
        oms.republish(fakeExecutions, message, 0, trade.message().length);
    }

    /** The ledger's fills, "tradeId side qty price fee feeAsset liquidity" each, read with plain JDBC. */
    List<String> ledgerRows() throws SQLException
    {
        final List<String> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + ledger);
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(
                 "SELECT trade_id, side, qty, price, fee, fee_asset, liquidity, strategy_id FROM fills ORDER BY trade_id"))
        {
            while (result.next())
            {
                rows.add(result.getLong(1) + " " + result.getString(2) + " " + result.getLong(3) + " " + result.getLong(4) + " " +
                    result.getLong(5) + " " + result.getString(6) + " " + result.getString(7) + " " + result.getInt(8));
            }
        }
        return rows;
    }

    /** The venue's trades of exec-handler's account in the ledger's row form. */
    List<String> venueRows() throws Exception
    {
        final List<String> rows = new ArrayList<>();
        for (final JsonNode trade : venueTrades())
        {
            rows.add(trade.get("id").asLong() + " " + (trade.get("isBuyer").asBoolean() ? "BUY" : "SELL") + " " +
                scale8(trade.get("qty").asText()) + " " + scale8(trade.get("price").asText()) + " " + scale8(trade.get("commission").asText()) +
                " " + trade.get("commissionAsset").asText() + " " + (trade.get("isMaker").asBoolean() ? "MAKER" : "TAKER") + " " + STRATEGY);
        }
        rows.sort((a, b) -> Long.compare(Long.parseLong(a.split(" ")[0]), Long.parseLong(b.split(" ")[0])));
        return rows;
    }

    /**
     * The position the venue's trades make, at 10^-8: bought minus sold, minus the commission taken
     * in the base asset (those units left the account).
     */
    long venueNetPosition() throws Exception
    {
        long net = 0;
        for (final JsonNode trade : venueTrades())
        {
            final long qty = scale8(trade.get("qty").asText());
            net += trade.get("isBuyer").asBoolean() ? qty : -qty;
            if ("ETH".equals(trade.get("commissionAsset").asText()))
            {
                net -= scale8(trade.get("commission").asText());
            }
        }
        return net;
    }

    static long scale8(final String decimal)
    {
        return new BigDecimal(decimal).movePointRight(8).longValueExact();
    }

    private static long mantissa(final String decimal, final int scale)
    {
        return new BigDecimal(decimal).setScale(scale, java.math.RoundingMode.UNNECESSARY).unscaledValue().longValueExact();
    }

    /** position-server's /metrics; an unreachable endpoint is a test failure. */
    String posMetrics()
    {
        try
        {
            return DaemonHttp.metrics(posHttpPort);
        }
        catch (final IOException ex)
        {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    @Override
    public void close()
    {
        if (positionServer != null)
        {
            positionServer.close();
        }
        if (execHandler != null)
        {
            execHandler.close();
        }
        subscriber.close();
        oms.close();
        zmq.close();
        venue.close();
    }
}
