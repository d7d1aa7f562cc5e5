package io.mmfleet.bench;

import io.mmfleet.bus.BusMessageHandler;
import io.mmfleet.bus.BusSubscriber;
import io.mmfleet.bus.Envelope;
import io.mmfleet.bus.GapListener;
import io.mmfleet.bus.TopicView;
import io.mmfleet.sbe.BookUpdateDecoder;
import io.mmfleet.sbe.HeartbeatDecoder;
import io.mmfleet.sbe.InstrumentDefinitionDecoder;
import io.mmfleet.sbe.MessageHeaderDecoder;
import io.mmfleet.sbe.TradeDecoder;
import org.agrona.DirectBuffer;
import org.junit.jupiter.api.Test;
import org.zeromq.ZContext;
import picocli.CommandLine;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyntheticFeedTest
{
    private static int freePort() throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            return socket.getLocalPort();
        }
    }

    @Test
    void publishesConsistentBooksTradesDefinitionsAndHeartbeatsWithoutGaps() throws Exception
    {
        final String endpoint = "tcp://127.0.0.1:" + freePort();
        final CompletableFuture<Integer> feed = CompletableFuture.supplyAsync(() ->
            new CommandLine(new SyntheticFeed()).execute("--endpoint", endpoint, "--rate", "400", "--duration", "3s"));

        final Set<String> seen = new HashSet<>();
        final BookUpdateDecoder book = new BookUpdateDecoder();
        final TradeDecoder trade = new TradeDecoder();
        final InstrumentDefinitionDecoder definition = new InstrumentDefinitionDecoder();
        final int[] books = {0};
        final BusMessageHandler handler = (TopicView topic, MessageHeaderDecoder header, DirectBuffer buffer, int length) ->
        {
            seen.add(topic.toString());
            final int offset = Envelope.HEADER_LENGTH;
            switch (header.templateId())
            {
                case BookUpdateDecoder.TEMPLATE_ID ->
                {
                    book.wrap(buffer, offset, header.blockLength(), header.version());
                    assertEquals(1, book.instrumentId());
                    long bestBid = Long.MIN_VALUE;
                    long previous = Long.MAX_VALUE;
                    int levels = 0;
                    for (final BookUpdateDecoder.BidsDecoder bid : book.bids())
                    {
                        assertTrue(bid.price().mantissa() < previous, "bids best first");
                        previous = bid.price().mantissa();
                        bestBid = Math.max(bestBid, previous);
                        assertTrue(bid.qty().mantissa() > 0);
                        levels++;
                    }
                    previous = Long.MIN_VALUE;
                    for (final BookUpdateDecoder.AsksDecoder ask : book.asks())
                    {
                        assertTrue(ask.price().mantissa() > previous, "asks best first");
                        assertTrue(ask.price().mantissa() > bestBid, "never crossed");
                        previous = ask.price().mantissa();
                        levels++;
                    }
                    assertEquals(2 * SyntheticFeed.LEVELS, levels);
                    books[0]++;
                    seen.add("book");
                }
                case TradeDecoder.TEMPLATE_ID ->
                {
                    trade.wrap(buffer, offset, header.blockLength(), header.version());
                    assertTrue(trade.qty().mantissa() > 0);
                    seen.add("trade");
                }
                case InstrumentDefinitionDecoder.TEMPLATE_ID ->
                {
                    definition.wrap(buffer, offset, header.blockLength(), header.version());
                    assertEquals("ETH", definition.baseAsset());
                    seen.add("definition");
                }
                case HeartbeatDecoder.TEMPLATE_ID -> seen.add("heartbeat");
                default -> throw new AssertionError("unexpected template " + header.templateId());
            }
        };

        try (ZContext zmq = new ZContext(1))
        {
            final BusSubscriber subscriber = new BusSubscriber(zmq, 100_000, GapListener.NONE)
                .connect(endpoint).subscribe("");
            while (!feed.isDone())
            {
                if (subscriber.poll(handler, 100) == 0)
                {
                    Thread.onSpinWait();
                }
            }
            while (subscriber.poll(handler, 100) > 0)
            {
                Thread.onSpinWait();
            }
            assertEquals(0, feed.get(10, TimeUnit.SECONDS));
            assertTrue(seen.containsAll(Set.of("md.sim.ETH-USDC", "hb.feed", "book", "trade", "definition", "heartbeat")), seen.toString());
            assertTrue(books[0] > 100, "books received: " + books[0]);
            assertEquals(0, subscriber.streams().totalGaps());
            assertEquals(0, subscriber.malformed());
        }
    }
}
