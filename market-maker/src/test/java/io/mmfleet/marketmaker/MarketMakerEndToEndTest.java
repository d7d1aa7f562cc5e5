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
import io.mmfleet.bus.testing.JavaProcess;
import io.mmfleet.bus.testing.Ports;
import io.mmfleet.bus.testing.PositionServerMessages;
import io.mmfleet.bus.testing.TestFleetIni;
import io.mmfleet.exechandler.ExecHandlerMain;
import io.mmfleet.oms.OmsMain;
import io.mmfleet.sbe.BookUpdateEncoder;
import io.mmfleet.sbe.HedgeTargetEncoder;
import io.mmfleet.sbe.MessageHeaderDecoder;
import io.mmfleet.sbe.PositionUpdateEncoder;
import io.mmfleet.sbe.SnapshotCompleteEncoder;
import io.mmfleet.sbe.SnapshotRequestDecoder;
import io.mmfleet.sbe.VenueState;
import io.mmfleet.sbe.VenueStatusEncoder;
import io.mmfleet.venuesim.testing.TwoAccountVenue;
import org.agrona.DirectBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeromq.ZContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * market-maker → OMS → exec-handler → venue-sim, all real but venue-sim (in-process) and the test
 * playing quote-server (a 2999/3001 book, LIVE) and position-server (flat positions for the OMS, its
 * snapshot answered, and a flat HedgeTarget for the market-maker): the quotes end up resting on the
 * venue as post-only orders either side of the mid.
 */
class MarketMakerEndToEndTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(40);
    private static final int STRATEGY = 1;

    @Test
    void theQuotesRestOnTheVenueAsPostOnlyOrdersEitherSideOfTheMid(@TempDir final Path dir) throws Exception
    {
        final List<JavaProcess> processes = new ArrayList<>();
        try (TwoAccountVenue venue = TwoAccountVenue.start(dir, "");
            ZContext zmq = new ZContext(1))
        {
            final String quotePub = Ports.tcpEndpoint();
            final String posPub = Ports.tcpEndpoint();
            final int mmHttp = Ports.free();
            final int omsHttp = Ports.free();
            final int execHttp = Ports.free();
            final Map<String, String> mmKeys = TestFleetIni.marketMakerKeys(2, Ports.tcpEndpoint(), mmHttp, STRATEGY);
            mmKeys.put("VOLATILITY_WARMUP_SAMPLES", "100000");
            mmKeys.put("MARKET_DATA_TIMEOUT", "2s");
            final Map<String, String> omsKeys = TestFleetIni.omsKeys(3, Ports.tcpEndpoint(), omsHttp, dir.resolve("oms-requests.journal"));
            final Path ini = new TestFleetIni(Ports.tcpEndpoint())
                .peer("quote-server", 1, quotePub)
                .section("market-maker", mmKeys)
                .section("oms", omsKeys)
                .section("exec-handler", venue.execHandlerKeys(TestFleetIni.daemonKeys(4, Ports.tcpEndpoint(), execHttp), dir.resolve("journal.db")))
                .peer("position-server", 5, posPub)
                .writeTo(dir.resolve("fleet.ini"));

            final EpochClock clock = new EpochClock();
            try (BusPublisher quoteServer = new BusPublisher(zmq, quotePub, 1, System.nanoTime(), 100_000, clock);
                BusPublisher positionServer = new BusPublisher(zmq, posPub, 5, System.nanoTime(), 100_000, clock))
            {
                final PlayedDaemons played = new PlayedDaemons(zmq, quoteServer, positionServer, ini);
                processes.add(JavaProcess.start("exec-handler", ExecHandlerMain.class.getName(), List.of(), "--config", ini.toString()));
                processes.get(0).awaitHealthy(execHttp, TIMEOUT, played::poll);
                processes.add(JavaProcess.start("oms", OmsMain.class.getName(), List.of(), "--config", ini.toString()));
                processes.get(1).awaitHealthy(omsHttp, TIMEOUT, played::poll);
                processes.add(JavaProcess.start("market-maker", MarketMakerMain.class.getName(), List.of(), "--config", ini.toString()));
                processes.get(2).awaitHealthy(mmHttp, TIMEOUT, played::poll);

                final JsonNode[] open = new JsonNode[1];
                Await.until(() ->
                {
                    played.poll();
                    try
                    {
                        open[0] = venue.mmOpenOrders();
                    }
                    catch (final Exception ex)
                    {
                        throw new AssertionError(ex);
                    }
                    return open[0].size() == 2;
                }, TIMEOUT, () -> "two quotes never rested on the venue: " + open[0] + "\n" + transcripts(processes));

                for (final JsonNode order : open[0])
                {
                    assertEquals("LIMIT_MAKER", order.get("type").asText(), order.toString());
                    assertEquals(0.05, Double.parseDouble(order.get("origQty").asText()), 1e-9, "ORDER_QTY: " + order);
                    final double price = Double.parseDouble(order.get("price").asText());
                    if ("BUY".equals(order.get("side").asText()))
                    {
                        assertTrue(price < 3000.00 && price > 2990.00, "bid under the 3000 mid, within the 30 bp default spread: " + order);
                    }
                    else
                    {
                        assertTrue(price > 3000.00 && price < 3010.00, "ask over the 3000 mid, within the 30 bp default spread: " + order);
                    }
                }
                assertTrue(open[0].findValuesAsText("side").containsAll(List.of("BUY", "SELL")), open[0].toString());
            }
        }
        finally
        {
            for (final JavaProcess process : processes)
            {
                process.close();
            }
        }
    }

    private static String transcripts(final List<JavaProcess> processes)
    {
        final StringBuilder all = new StringBuilder();
        processes.forEach(p -> all.append(p.transcript()).append('\n'));
        return all.toString();
    }

    /** quote-server and position-server as the test plays them, on a 100 ms schedule. */
    private static final class PlayedDaemons
    {
        private final BusPublisher quoteServer;
        private final BusPublisher positionServer;
        private final PublishStream books;
        private final PublishStream positions;
        private final BusSubscriber subscriber;
        private final BookUpdateEncoder book = new BookUpdateEncoder();
        private final VenueStatusEncoder venueStatus = new VenueStatusEncoder();
        private final PositionUpdateEncoder position = new PositionUpdateEncoder();
        private final HedgeTargetEncoder hedge = new HedgeTargetEncoder();
        private final SnapshotCompleteEncoder snapshotComplete = new SnapshotCompleteEncoder();
        private final SnapshotRequestDecoder snapshotRequest = new SnapshotRequestDecoder();
        private final BusMessageHandler handler = this::onMessage;
        private long nextFeedNs;

        PlayedDaemons(final ZContext zmq, final BusPublisher quoteServer, final BusPublisher positionServer, final Path ini)
            throws java.io.IOException
        {
            this.quoteServer = quoteServer;
            this.positionServer = positionServer;
            books = quoteServer.stream("md.binance.ETH-USDC");
            positions = positionServer.stream("pos");
            // The OMS asks position-server for a snapshot of pos on ctl.snapreq; its PUB is in the INI.
            final String omsPub = Files.readAllLines(ini).stream().dropWhile(l -> !l.equals("[oms]"))
                .filter(l -> l.startsWith("PUB_ENDPOINT")).findFirst().orElseThrow().split("=")[1].strip();
            subscriber = new BusSubscriber(zmq, 100_000, GapListener.NONE).connect(omsPub).subscribe("ctl.snapreq");
        }

        void poll()
        {
            subscriber.poll(handler, 100);
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
            publishPositions();
        }

        private void publishPositions()
        {
            PositionServerMessages.publishFlatPosition(positionServer, positions, position, 1, 1, STRATEGY, 3000_00);
            PositionServerMessages.publishHedgeTarget(positionServer, positions, hedge, 1, 0);
        }

        private void onMessage(final TopicView topic, final MessageHeaderDecoder header, final DirectBuffer buffer, final int length)
        {
            if (header.templateId() != SnapshotRequestDecoder.TEMPLATE_ID)
            {
                return;
            }
            snapshotRequest.wrap(buffer, Envelope.HEADER_LENGTH, header.blockLength(), header.version());
            if (snapshotRequest.ownerSourceId() == 5 && "pos".equals(snapshotRequest.topic()))
            {
                publishPositions();
                positionServer.wrap(snapshotComplete).requestId(snapshotRequest.requestId()).requesterSourceId(header.sourceId())
                    .lastSequence(positions.lastSequence()).messageCount(2).topic("pos");
                positionServer.publish(positions, snapshotComplete, 0);
            }
        }
    }
}
