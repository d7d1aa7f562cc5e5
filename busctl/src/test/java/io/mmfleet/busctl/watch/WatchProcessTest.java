package io.mmfleet.busctl.watch;

import com.sun.net.httpserver.HttpServer;
import io.mmfleet.bus.Envelope;
import io.mmfleet.bus.testing.JavaProcess;
import io.mmfleet.bus.testing.Ports;
import io.mmfleet.busctl.BusCtl;
import io.mmfleet.sbe.BookUpdateEncoder;
import io.mmfleet.sbe.DecimalEncoder;
import io.mmfleet.sbe.ExecType;
import io.mmfleet.sbe.ExecutionReportEncoder;
import io.mmfleet.sbe.HedgeTargetEncoder;
import io.mmfleet.sbe.Liquidity;
import io.mmfleet.sbe.MessageHeaderEncoder;
import io.mmfleet.sbe.OrdStatus;
import io.mmfleet.sbe.PositionUpdateEncoder;
import io.mmfleet.sbe.QuoteIntentEncoder;
import io.mmfleet.sbe.Side;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.sbe.MessageEncoderFlyweight;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code busctl watch} as a real process against a publisher in the test standing in for the fleet (one
 * XPUB as the [exec-handler] PUB_ENDPOINT, carrying books, quotes, positions and fills) and an HTTP
 * server standing in for the exec-handler's /metrics. Readiness is the watch's subscriptions arriving
 * at the XPUB; every wait is on a printed line, with a deadline.
 */
class WatchProcessTest
{
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int SOURCE_ID = 4;

    @TempDir
    Path dir;

    private final ZContext zmq = new ZContext(1);
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[4096]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final Map<String, Long> sequences = new HashMap<>();
    private HttpServer metricsServer;

    @AfterEach
    void tearDown()
    {
        if (metricsServer != null)
        {
            metricsServer.stop(0);
        }
        zmq.close();
    }

    private Path ini(final String pubEndpoint, final int httpPort) throws Exception
    {
        return Files.writeString(dir.resolve("fleet.ini"), String.join("\n",
            "[bus]",
            "CONTROL_ENDPOINT = " + Ports.tcpEndpoint(),
            "SEND_HWM = 1000",
            "RECEIVE_HWM = 1000",
            "[instruments]",
            "ETH-USDC = 1",
            "[exec-handler]",
            "SOURCE_ID = " + SOURCE_ID,
            "PUB_ENDPOINT = " + pubEndpoint,
            "HTTP_PORT = " + httpPort,
            ""));
    }

    private int serveMetrics() throws Exception
    {
        metricsServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        metricsServer.createContext("/metrics", exchange ->
        {
            final byte[] body = TickToOrderTest.CANNED.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        metricsServer.start();
        return metricsServer.getAddress().getPort();
    }

    @Test
    void statusLinesAndAReportEqualToWhatWasPublished() throws Exception
    {
        final ZMQ.Socket pub = zmq.createSocket(SocketType.XPUB);
        pub.bind("tcp://127.0.0.1:*");
        final Path ini = ini(pub.getLastEndpoint(), serveMetrics());
        try (JavaProcess watch = JavaProcess.start("watch", BusCtl.class.getName(), List.of(),
            "watch", "--config", ini.toString(), "--interval", "250ms"))
        {
            awaitSubscriptions(pub, Set.of("md.", "evt", "pos", "exec."));

            book(pub, "3000.00", "3000.01");
            quote(pub, "2998.50", "0.05", "3001.51", "0.05");
            fill(pub, 11, 101, Side.BUY, "2998.50", "0.05", "0.00005", "ETH");
            hedge(pub, "0.04995");
            position(pub, "0.04995", "2998.50", "0", "0.0250", "0.05", "0.00005", "0");
            fill(pub, 12, 102, Side.SELL, "3001.51", "0.05", "0.1500755", "USDT");
            // The exec-handler repeats a fill after a snapshot or a restart: counted once.
            fill(pub, 11, 101, Side.BUY, "2998.50", "0.05", "0.00005", "ETH");
            notAFill(pub);
            pub.send("pos");
            pub.sendMore("exec.binance");
            pub.send(new byte[64]);
            hedge(pub, "-0.00005");
            position(pub, "-0.00005", "2998.50", "-0.0000255", "0.00001", "0.1", "0.00005", "0.1500755");
            book(pub, "3001.00", "3001.02");

            final String status = watch.awaitStdout(line -> line.contains(" mid=3001.01 ") && line.contains(" t2o p50=85"), WAIT);
            assertTrue(status.matches("\\d\\d:\\d\\d:\\d\\d ETH-USDC mid=3001\\.01 bid=2998\\.50x0\\.05 ask=3001\\.51x0\\.05 " +
                "inv=-0\\.00005 pnl=-0\\.0000155 fills=2 t2o p50=85\\.0us p99=410\\.0us"), status);
            watch.awaitStderr(line -> line.startsWith("busctl watch: bad frame on 'pos'") && line.contains("one frame"), WAIT);
            watch.awaitStderr(line -> line.startsWith("busctl watch: bad frame on 'exec.binance' (64 bytes): wrong schema id"), WAIT);

            watch.terminate();
            assertEquals(0, watch.awaitExit(WAIT), watch::transcript);
            final List<String> out = watch.stdout();
            final int start = out.indexOf(out.stream().filter(line -> line.startsWith("== busctl watch report")).findFirst()
                .orElseThrow(() -> new AssertionError(watch.transcript())));
            final List<String> report = out.subList(start + 1, out.size());
            assertEquals(List.of(
                "-- ETH-USDC",
                "fills           2 (1 buy, 1 sell; 2 maker, 0 taker), 1 repeated report ignored",
                "traded          0.1 base, 300.0005 quote; fees ETH 0.00005, USDT 0.1500755",
                "maker volume    0.1 (taker 0)",
                "fees            ETH 0.00005 (maker 0.00005, taker 0), USDT 0.1500755 (maker 0.1500755, taker 0)",
                "realized PnL    -0.0000255 (after fees)",
                "marked PnL      -0.0000155 (realized + unrealized 0.00001, marked to mid)",
                "position        -0.00005 at avg cost 2998.5, mark 3001.01 (venue 1, strategy 1, 2 fills in the ledger)",
                "inventory       -0.00005 now, max |inventory| 0.04995",
                "tick-to-order   p50=85.0us p99=410.0us p99.9=12.50ms over 230 orders (exec-handler /metrics, since its start)",
                "bus             11 messages, 0 gaps (0 missed), 2 bad frames"), report, watch::transcript);
        }
    }

    @Test
    void aQuietBusAndNoExecHandlerStillGiveLinesAndAReport() throws Exception
    {
        final ZMQ.Socket pub = zmq.createSocket(SocketType.XPUB);
        pub.bind("tcp://127.0.0.1:*");
        // Nobody serves that port: tick-to-order is n/a.
        final Path ini = ini(pub.getLastEndpoint(), Ports.free());
        try (JavaProcess watch = JavaProcess.start("watch", BusCtl.class.getName(), List.of(),
            "watch", "--config", ini.toString(), "--duration", "2s", "--interval", "250ms"))
        {
            assertEquals(0, watch.awaitExit(WAIT), watch::transcript);
            final List<String> out = watch.stdout();
            assertTrue(out.get(0).matches("\\d\\d:\\d\\d:\\d\\d waiting: no book, quote, position or fill on the bus yet " +
                "t2o p50=n/a p99=n/a"), watch::transcript);
            assertTrue(out.contains("instruments     none: no book, quote, position or fill was seen"), watch::transcript);
            assertTrue(out.contains("tick-to-order   p50=n/a p99=n/a p99.9=n/a over n/a orders (exec-handler /metrics, since its start)"),
                watch::transcript);
        }
    }

    /** Verbose XPUB: each subscription of the watch arrives as [1, prefix]. */
    private static void awaitSubscriptions(final ZMQ.Socket pub, final Set<String> expected)
    {
        pub.setReceiveTimeOut((int)WAIT.toMillis());
        final Set<String> seen = new HashSet<>();
        while (!seen.containsAll(expected))
        {
            final byte[] frame = pub.recv(0);
            assertTrue(frame != null, "subscriptions so far: " + seen);
            if (frame.length > 0 && frame[0] == 1)
            {
                seen.add(new String(frame, 1, frame.length - 1, StandardCharsets.US_ASCII));
            }
        }
    }

    private void book(final ZMQ.Socket pub, final String bid, final String ask)
    {
        final BookUpdateEncoder book = new BookUpdateEncoder().wrap(buffer, Envelope.HEADER_LENGTH).venueId(1).instrumentId(1);
        final BookUpdateEncoder.BidsEncoder bids = book.bidsCount(2);
        decimal(bids.next().price(), bid);
        decimal(bids.qty(), "1");
        decimal(bids.next().price(), new BigDecimal(bid).subtract(new BigDecimal("0.01")).toPlainString());
        decimal(bids.qty(), "2");
        final BookUpdateEncoder.AsksEncoder asks = book.asksCount(1);
        decimal(asks.next().price(), ask);
        decimal(asks.qty(), "1.5");
        send(pub, "md.binance.ETH-USDC", book);
    }

    private void quote(final ZMQ.Socket pub, final String bid, final String bidQty, final String ask, final String askQty)
    {
        final QuoteIntentEncoder quote = new QuoteIntentEncoder().wrap(buffer, Envelope.HEADER_LENGTH).strategyId(1).venueId(1).instrumentId(1);
        decimal(quote.bidPrice(), bid);
        decimal(quote.bidQty(), bidQty);
        decimal(quote.askPrice(), ask);
        decimal(quote.askQty(), askQty);
        decimal(quote.reservationPrice(), "3000");
        decimal(quote.midPrice(), "3000.005");
        send(pub, "evt", quote);
    }

    private void fill(final ZMQ.Socket pub, final long tradeId, final long orderId, final Side side, final String price,
        final String qty, final String fee, final String feeAsset)
    {
        final ExecutionReportEncoder report = executionReport(orderId, side).execType(ExecType.TRADE).ordStatus(OrdStatus.FILLED)
            .tradeId(tradeId).liquidity(Liquidity.MAKER).feeAsset(feeAsset);
        decimal(report.lastPrice(), price);
        decimal(report.lastQty(), qty);
        decimal(report.fee(), fee);
        send(pub, "exec.binance", report);
    }

    private void notAFill(final ZMQ.Socket pub)
    {
        send(pub, "exec.binance", executionReport(103, Side.BUY).execType(ExecType.NEW).ordStatus(OrdStatus.NEW).tradeId(0).feeAsset(""));
    }

    private ExecutionReportEncoder executionReport(final long orderId, final Side side)
    {
        final ExecutionReportEncoder report = new ExecutionReportEncoder().wrap(buffer, Envelope.HEADER_LENGTH)
            .strategyId(1).venueId(1).instrumentId(1).venueOrderId(orderId).side(side).clientOrderId("1.1." + orderId);
        decimal(report.orderPrice(), "3000");
        decimal(report.orderQty(), "0.05");
        return report;
    }

    private void hedge(final ZMQ.Socket pub, final String net)
    {
        final HedgeTargetEncoder hedge = new HedgeTargetEncoder().wrap(buffer, Envelope.HEADER_LENGTH).instrumentId(1);
        decimal(hedge.cefiPosition(), net);
        decimal(hedge.defiResidual(), "0");
        decimal(hedge.netInventory(), net);
        decimal(hedge.targetPosition(), "0");
        send(pub, "pos", hedge);
    }

    private void position(final ZMQ.Socket pub, final String position, final String avgCost, final String realized,
        final String unrealized, final String makerVolume, final String ethFee, final String usdtFee)
    {
        final PositionUpdateEncoder update = new PositionUpdateEncoder().wrap(buffer, Envelope.HEADER_LENGTH)
            .venueId(1).instrumentId(1).strategyId(1);
        decimal(update.position(), position);
        decimal(update.avgCost(), avgCost);
        decimal(update.realizedPnl(), realized);
        decimal(update.unrealizedPnl(), unrealized);
        decimal(update.markPrice(), "3001.01");
        decimal(update.makerVolume(), makerVolume);
        decimal(update.takerVolume(), "0");
        update.fillCount(new BigDecimal(makerVolume).multiply(new BigDecimal(20)).longValue()).execRunId(1).execSequence(1);
        final PositionUpdateEncoder.FeesEncoder fees = update.feesCount(2);
        decimal(fees.next().makerFee(), ethFee);
        decimal(fees.takerFee(), "0");
        fees.asset("ETH");
        decimal(fees.next().makerFee(), usdtFee);
        decimal(fees.takerFee(), "0");
        fees.asset("USDT");
        send(pub, "pos", update);
    }

    /** Exact fixed point, as the daemons publish it: the mantissa and the exponent of the decimal text. */
    private static void decimal(final DecimalEncoder encoder, final String value)
    {
        final BigDecimal decimal = new BigDecimal(value);
        encoder.mantissa(decimal.unscaledValue().longValueExact()).exponent((byte)-decimal.scale());
    }

    private void send(final ZMQ.Socket pub, final String topic, final MessageEncoderFlyweight body)
    {
        final long sequence = sequences.merge(topic, 1L, Long::sum);
        header.wrap(buffer, 0).blockLength(body.sbeBlockLength()).templateId(body.sbeTemplateId()).schemaId(body.sbeSchemaId())
            .version(body.sbeSchemaVersion()).sourceId(SOURCE_ID).runId(7).sequence(sequence).sendNs(1).originNs(1);
        pub.sendMore(topic);
        pub.send(buffer.byteArray(), 0, Envelope.HEADER_LENGTH + body.encodedLength(), 0);
    }
}
