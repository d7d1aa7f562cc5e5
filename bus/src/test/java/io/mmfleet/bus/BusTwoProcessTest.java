package io.mmfleet.bus;

import io.mmfleet.bus.testing.Await;
import io.mmfleet.bus.testing.JavaProcess;
import io.mmfleet.sbe.MessageHeaderDecoder;
import org.agrona.DirectBuffer;
import org.junit.jupiter.api.Test;
import org.zeromq.ZContext;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two JVMs over TCP loopback. A burst far beyond a tiny high-water mark makes zeromq drop most of
 * it silently; the test proves every dropped message shows up as a counted gap — received plus
 * missed equals sent — including the tail, which only the heartbeat can reveal.
 */
class BusTwoProcessTest
{
    private static final int BURST = 200_000;
    private static final int TINY_HWM = 10;

    @Test
    void everyDropPastTheHighWaterMarkIsCountedAsAGap() throws Exception
    {
        try (JavaProcess child = JavaProcess.start("burst-publisher", BurstPublisherMain.class.getName(),
                java.util.List.of(), Integer.toString(TINY_HWM), Integer.toString(BURST));
             ZContext zmq = new ZContext(1))
        {
            final String endpoint = child.awaitStdout(line -> line.startsWith("bound "), Duration.ofSeconds(60)).substring(6);
            final BusSubscriber subscriber = new BusSubscriber(zmq, TINY_HWM, GapListener.NONE)
                .connect(endpoint).subscribe("probe").subscribe("data.").subscribe("hb.");
            final long[] dataReceived = {0};
            final long[] lastTradeId = {0};
            final BusMessageHandler handler = new BusMessageHandler()
            {
                private final io.mmfleet.sbe.TradeDecoder trade = new io.mmfleet.sbe.TradeDecoder();

                @Override
                public void onMessage(final TopicView topic, final MessageHeaderDecoder header, final DirectBuffer buffer, final int length)
                {
                    if (topic.length() > 5 && topic.byteAt(0) == 'd')
                    {
                        trade.wrap(buffer, Envelope.HEADER_LENGTH, header.blockLength(), header.version());
                        assertTrue(trade.venueTradeId() > lastTradeId[0], "in order");
                        lastTradeId[0] = trade.venueTradeId();
                        dataReceived[0]++;
                    }
                }
            };
            Await.until(() ->
            {
                subscriber.poll(handler, 100);
                return subscriber.lastHeartbeatNs(9) != 0;
            }, Duration.ofSeconds(60), child::transcript);
            child.writeLine("go");
            final long last = Long.parseLong(child.awaitStdout(line -> line.startsWith("burst-done"), Duration.ofSeconds(60)).split("=")[1]);
            assertEquals(BURST, last);

            final byte[] topic = "data.burst".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            Await.until(() ->
            {
                subscriber.poll(handler, 1000);
                final StreamState state = subscriber.streams().find(9, topic, topic.length);
                return state != null && state.lastSequence() == BURST;
            }, Duration.ofSeconds(30), () -> "stream never reached the burst's last sequence; received=" + dataReceived[0]);
            child.writeLine("stop");

            final StreamState state = subscriber.streams().find(9, topic, topic.length);
            assertEquals(BURST, dataReceived[0] + state.missed(), "every message is either received or counted missing");
            assertEquals(dataReceived[0], state.received());
            assertTrue(state.missed() > 0, "a burst of " + BURST + " through HWM " + TINY_HWM + " must drop something");
            assertTrue(state.gaps() > 0);
            assertEquals(0, subscriber.malformed());
            System.out.printf("burst=%d received=%d missed=%d gaps=%d%n", BURST, state.received(), state.missed(), state.gaps());
        }
    }
}
