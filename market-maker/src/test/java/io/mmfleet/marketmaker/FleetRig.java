package io.mmfleet.marketmaker;

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
import io.mmfleet.oms.OmsMain;
import io.mmfleet.positionserver.PositionServerMain;
import io.mmfleet.sbe.BookUpdateEncoder;
import io.mmfleet.sbe.HedgeTargetDecoder;
import io.mmfleet.sbe.MessageHeaderDecoder;
import io.mmfleet.sbe.OrderStateDecoder;
import io.mmfleet.sbe.VenueState;
import io.mmfleet.sbe.VenueStatusEncoder;
import io.mmfleet.venuesim.testing.TwoAccountVenue;
import org.agrona.DirectBuffer;
import org.zeromq.ZContext;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The trading core as real processes — exec-handler, position-server, OMS and market-maker on
 * venue-sim (in-process, no synthetic market: every fill is one the test's taker makes) — with the
 * test playing only quote-server (a 2999/3001 book, LIVE). It records the OMS's OrderStates (the
 * latest per client order id) and position-server's HedgeTarget, and reads the verdicts from
 * venue-sim itself: the mm account's open orders and trades.
 */
final class FleetRig implements AutoCloseable
{
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final String EXEC_HANDLER = "exec-handler";
    static final String POSITION_SERVER = "position-server";
    static final String OMS = "oms";
    static final String MARKET_MAKER = "market-maker";
    static final int STRATEGY = 1;

    /** The OMS's latest word on one order. */
    record State(long requestId, String status, String side)
    {
    }

    final TwoAccountVenue venue;
    final Path ini;
    final Path ledger;
    private final ZContext zmq = new ZContext(1);
    private final BusPublisher quoteServer;
    private final PublishStream books;
    private final BusSubscriber subscriber;
    private final BookUpdateEncoder book = new BookUpdateEncoder();
    private final VenueStatusEncoder venueStatus = new VenueStatusEncoder();
    private final OrderStateDecoder stateDecoder = new OrderStateDecoder();
    private final HedgeTargetDecoder hedgeDecoder = new HedgeTargetDecoder();
    private final BusMessageHandler handler = this::onMessage;
    private final Map<String, Class<?>> mains = Map.of(EXEC_HANDLER, ExecHandlerMain.class, POSITION_SERVER, PositionServerMain.class,
        OMS, OmsMain.class, MARKET_MAKER, MarketMakerMain.class);
    private final Map<String, Integer> httpPorts = new HashMap<>();
    final Map<String, JavaProcess> processes = new LinkedHashMap<>();
    /** Every process run so far, for transcripts. */
    private final List<JavaProcess> runs = new ArrayList<>();
    /** Client order id → the OMS's latest OrderState for it. */
    final Map<String, State> states = new ConcurrentHashMap<>();
    private volatile BigDecimal cefiPosition;
    private long nextFeedNs;
    private Map<String, String> openOrders = Map.of();
    private long openOrdersAskedNs = System.nanoTime() - 1_000_000_000L;

    FleetRig(final Path dir) throws Exception
    {
        venue = TwoAccountVenue.start(dir, "");
        ledger = dir.resolve("ledger.db");
        final String quotePub = Ports.tcpEndpoint();
        final String omsPub = Ports.tcpEndpoint();
        final String posPub = Ports.tcpEndpoint();
        for (final String name : List.of(EXEC_HANDLER, POSITION_SERVER, OMS, MARKET_MAKER))
        {
            httpPorts.put(name, Ports.free());
        }
        final Map<String, String> mmKeys = TestFleetIni.daemonKeys(2, Ports.tcpEndpoint(), httpPorts.get(MARKET_MAKER));
        mmKeys.put("STRATEGY_ID", Integer.toString(STRATEGY));
        mmKeys.put("SYMBOL", "ETHUSDT:ETH-USDC:2:4");
        mmKeys.put("MAX_INVENTORY", "1");
        mmKeys.put("ORDER_QTY", "0.05");
        mmKeys.put("MIN_ORDER_QTY", "0.01");
        mmKeys.put("MAX_ORDER_QTY", "0.5");
        mmKeys.put("VOLATILITY_WARMUP_SAMPLES", "100000");
        mmKeys.put("MARKET_DATA_TIMEOUT", "5s");
        final Map<String, String> omsKeys = TestFleetIni.daemonKeys(3, omsPub, httpPorts.get(OMS));
        omsKeys.put("INSTRUMENT_SCALES", "ETH-USDC:2:4");
        omsKeys.put("MAX_ORDER_QTY", "ETH-USDC:5");
        omsKeys.put("MAX_POSITION", "ETH-USDC:20");
        omsKeys.put("MAX_NOTIONAL", "50000");
        omsKeys.put("PRICE_COLLAR_BPS", "100");
        omsKeys.put("POSITION_STALE_AFTER", "10m");
        omsKeys.put("MARKET_DATA_STALE_AFTER", "10m");
        // Far beyond a restart: only the OMS's end of an earlier strategy run may cancel that run's orders.
        omsKeys.put("DEAD_MAN_TIMEOUT", "10m");
        omsKeys.put("VENUES", "binance:1:exec-handler");
        omsKeys.put("JOURNAL_FILE", dir.resolve("oms-requests.journal").toString());
        final Map<String, String> posKeys = TestFleetIni.daemonKeys(5, posPub, httpPorts.get(POSITION_SERVER));
        posKeys.put("LEDGER_URL", "jdbc:sqlite:" + ledger);
        posKeys.put("PUBLISH_INTERVAL", "200ms");
        ini = new TestFleetIni(Ports.tcpEndpoint())
            .peer("quote-server", 1, quotePub)
            .section(MARKET_MAKER, mmKeys)
            .section(OMS, omsKeys)
            .section(EXEC_HANDLER, venue.execHandlerKeys(TestFleetIni.daemonKeys(4, Ports.tcpEndpoint(), httpPorts.get(EXEC_HANDLER)),
                dir.resolve("journal.db")))
            .section(POSITION_SERVER, posKeys)
            .writeTo(dir.resolve("fleet.ini"));
        quoteServer = new BusPublisher(zmq, quotePub, 1, System.nanoTime(), 100_000, new EpochClock());
        books = quoteServer.stream("md.binance.ETH-USDC");
        subscriber = new BusSubscriber(zmq, 100_000, GapListener.NONE).connect(omsPub).connect(posPub)
            .subscribe("ord.state").subscribe("pos");
    }

    /** Starts the daemon with these JVM arguments; waits for /health 200 unless {@code awaitReady} is false. */
    void start(final String name, final boolean awaitReady, final String... jvmArgs) throws Exception
    {
        final JavaProcess process = JavaProcess.start(name, mains.get(name).getName(), List.of(jvmArgs), "--config", ini.toString());
        processes.put(name, process);
        runs.add(process);
        if (awaitReady)
        {
            Await.until(() ->
            {
                poll();
                if (!process.isAlive())
                {
                    throw new AssertionError(name + " exited\n" + transcripts());
                }
                return DaemonHttp.healthStatus(httpPorts.get(name)) == 200;
            }, TIMEOUT, this::transcripts);
        }
    }

    /** kill -9, and waits for the exit. */
    void kill(final String name) throws Exception
    {
        final JavaProcess process = processes.get(name);
        process.kill();
        process.awaitExit(TIMEOUT);
    }

    /** Feeds the book every 100 ms and takes in what the OMS and position-server published. */
    void poll()
    {
        subscriber.poll(handler, 1000);
        if (System.nanoTime() < nextFeedNs)
        {
            return;
        }
        nextFeedNs = System.nanoTime() + 100_000_000L;
        quoteServer.wrap(book).venueId(1).instrumentId(1).venueUpdateId(nextFeedNs).venueTimeNs(0);
        final BookUpdateEncoder.BidsEncoder bids = book.bidsCount(1).next();
        bids.price().mantissa(2999_00).exponent((byte)-2);
        bids.qty().mantissa(1_0000).exponent((byte)-4);
        final BookUpdateEncoder.AsksEncoder asks = book.asksCount(1).next();
        asks.price().mantissa(3001_00).exponent((byte)-2);
        asks.qty().mantissa(1_0000).exponent((byte)-4);
        quoteServer.publish(books, book, 0);
        quoteServer.wrap(venueStatus).venueId(1).instrumentId(1).state(VenueState.LIVE).reason("");
        quoteServer.publish(books, venueStatus, 0);
    }

    private void onMessage(final TopicView topic, final MessageHeaderDecoder header, final DirectBuffer buffer, final int length)
    {
        if (header.templateId() == OrderStateDecoder.TEMPLATE_ID)
        {
            stateDecoder.wrap(buffer, Envelope.HEADER_LENGTH, header.blockLength(), header.version());
            if (stateDecoder.strategyId() == STRATEGY)
            {
                final long requestId = stateDecoder.requestId();
                final String status = stateDecoder.status().name();
                final String side = stateDecoder.side().name();
                states.put(stateDecoder.clientOrderId(), new State(requestId, status, side));
            }
        }
        else if (header.templateId() == HedgeTargetDecoder.TEMPLATE_ID)
        {
            hedgeDecoder.wrap(buffer, Envelope.HEADER_LENGTH, header.blockLength(), header.version());
            if (hedgeDecoder.instrumentId() == 1)
            {
                cefiPosition = BigDecimal.valueOf(hedgeDecoder.cefiPosition().mantissa(), -hedgeDecoder.cefiPosition().exponent());
            }
        }
    }

    /** position-server's latest HedgeTarget's CeFi position of ETH-USDC, or null before one. */
    BigDecimal publishedPosition()
    {
        return cefiPosition;
    }

    /**
     * The mm account's open orders at venue-sim: client order id → side. Asked at most every 250 ms
     * (the answer before is given meanwhile), so the test's polling spends little of the account's
     * request weight, which the exec-handler needs.
     */
    Map<String, String> venueOpenOrders()
    {
        if (System.nanoTime() - openOrdersAskedNs < 250_000_000L)
        {
            return openOrders;
        }
        return venueOpenOrdersNow();
    }

    /** As {@link #venueOpenOrders}, asked now. */
    Map<String, String> venueOpenOrdersNow()
    {
        final Map<String, String> open = new HashMap<>();
        final JsonNode answer;
        try
        {
            answer = venue.mmOpenOrders();
        }
        catch (final Exception ex)
        {
            throw new AssertionError("venue-sim openOrders failed", ex);
        }
        if (!answer.isArray())
        {
            throw new AssertionError("venue-sim openOrders answered " + answer);
        }
        answer.forEach(order -> open.put(order.get("clientOrderId").asText(), order.get("side").asText()));
        openOrders = open;
        openOrdersAskedNs = System.nanoTime();
        return open;
    }

    /** venue-sim's trades of the mm account as ledger rows: trade id, side, qty, price, fee, fee asset, liquidity (at 10^-8). */
    List<String> venueTradeRows() throws Exception
    {
        final List<String> rows = new ArrayList<>();
        for (final JsonNode trade : venue.mmTrades())
        {
            rows.add(trade.get("id").asLong() + " " + (trade.get("isBuyer").asBoolean() ? "BUY" : "SELL") + " " +
                scale8(trade.get("qty").asText()) + " " + scale8(trade.get("price").asText()) + " " +
                scale8(trade.get("commission").asText()) + " " + trade.get("commissionAsset").asText() + " " +
                (trade.get("isMaker").asBoolean() ? "MAKER" : "TAKER"));
        }
        rows.sort((a, b) -> Long.compare(Long.parseLong(a.split(" ")[0]), Long.parseLong(b.split(" ")[0])));
        return rows;
    }

    /** Net ETH the mm account's trades made: bought − sold − commission taken in ETH. */
    BigDecimal venueNetPosition() throws Exception
    {
        BigDecimal net = BigDecimal.ZERO;
        for (final JsonNode trade : venue.mmTrades())
        {
            final BigDecimal qty = new BigDecimal(trade.get("qty").asText());
            net = trade.get("isBuyer").asBoolean() ? net.add(qty) : net.subtract(qty);
            if ("ETH".equals(trade.get("commissionAsset").asText()))
            {
                net = net.subtract(new BigDecimal(trade.get("commission").asText()));
            }
        }
        return net;
    }

    /** position-server's ledger in the same row form, each row with the strategy it is attributed to after a space. */
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

    static long scale8(final String decimal)
    {
        return new BigDecimal(decimal).movePointRight(8).longValueExact();
    }

    String transcripts()
    {
        final StringBuilder all = new StringBuilder();
        runs.forEach(p -> all.append(p.transcript()).append('\n'));
        return all.toString();
    }

    @Override
    public void close()
    {
        for (final JavaProcess process : runs)
        {
            process.close();
        }
        subscriber.close();
        quoteServer.close();
        zmq.close();
        venue.close();
    }
}
