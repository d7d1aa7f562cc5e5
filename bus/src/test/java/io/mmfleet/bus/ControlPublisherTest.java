package io.mmfleet.bus;

import io.mmfleet.bus.testing.Await;
import io.mmfleet.sbe.KillScope;
import io.mmfleet.sbe.KillSwitchDecoder;
import io.mmfleet.sbe.KillSwitchEncoder;
import io.mmfleet.sbe.MessageHeaderDecoder;
import io.mmfleet.sbe.MessageHeaderEncoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.zeromq.ZContext;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ControlPublisherTest
{
    @Test
    void countsEverySubscriberOfTheControlTopicThenDeliversWithAnEnvelope()
    {
        try (ZContext zmq = new ZContext(1))
        {
            final EpochClock clock = new EpochClock();
            final ControlPublisher control = new ControlPublisher(zmq, "tcp://127.0.0.1:*", 900, 4242, 1000, clock);
            final String endpoint = control.boundEndpoint();
            final BusSubscriber oms = new BusSubscriber(zmq, 1000, GapListener.NONE).connect(endpoint).subscribe(Topics.CONTROL);
            final BusSubscriber mm = new BusSubscriber(zmq, 1000, GapListener.NONE).connect(endpoint).subscribe(Topics.CONTROL);
            final BusSubscriber md = new BusSubscriber(zmq, 1000, GapListener.NONE).connect(endpoint).subscribe("md.");

            assertTrue(control.awaitSubscribers(Topics.CONTROL, 2, Duration.ofSeconds(10)), "two identical subscriptions both count");
            assertFalse(control.awaitSubscribers(Topics.CONTROL, 3, Duration.ofMillis(200)), "an md. subscription does not count");
            assertEquals(2, control.matchingSubscriptions());

            final UnsafeBuffer message = new UnsafeBuffer(new byte[256]);
            final KillSwitchEncoder kill = new KillSwitchEncoder();
            new MessageHeaderEncoder().wrap(message, 0).blockLength(kill.sbeBlockLength()).templateId(kill.sbeTemplateId())
                .schemaId(kill.sbeSchemaId()).version(kill.sbeSchemaVersion());
            kill.wrap(message, Envelope.HEADER_LENGTH).commandId(7).scope(KillScope.ALL).reason("test");
            assertEquals(1, control.publish(message, 0, Envelope.HEADER_LENGTH + kill.encodedLength()));

            for (final BusSubscriber subscriber : List.of(oms, mm))
            {
                final List<String> received = new ArrayList<>();
                final BusMessageHandler handler = new BusMessageHandler()
                {
                    @Override
                    public void onMessage(final TopicView topic, final MessageHeaderDecoder header, final DirectBuffer buffer, final int length)
                    {
                        final KillSwitchDecoder decoded = new KillSwitchDecoder().wrap(buffer, Envelope.HEADER_LENGTH, header.blockLength(), header.version());
                        received.add(topic + " src=" + header.sourceId() + " run=" + header.runId() + " seq=" + header.sequence() +
                            " commandId=" + decoded.commandId() + " reason=" + decoded.reason());
                    }
                };
                Await.until(() -> subscriber.poll(handler, 10) > 0 || !received.isEmpty(), Duration.ofSeconds(10), () -> "no control message");
                assertEquals(List.of("ctl src=900 run=4242 seq=1 commandId=7 reason=test"), received);
            }
            assertEquals(0, md.poll(new BusMessageHandler()
            {
                @Override
                public void onMessage(final TopicView topic, final MessageHeaderDecoder header, final DirectBuffer buffer, final int length)
                {
                }
            }, 10));
            control.close();
        }
    }
}
