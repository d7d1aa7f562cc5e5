package io.mmfleet.bus;

import io.mmfleet.sbe.DaemonState;
import io.mmfleet.sbe.Side;
import io.mmfleet.sbe.TradeEncoder;
import org.zeromq.ZContext;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Child process for {@link BusTwoProcessTest}: binds a PUB with the given (tiny) HWM, publishes
 * probes until told "go" on stdin, then a burst at full speed, then heartbeats until "stop".
 * Args: sendHwm burstCount.
 */
public final class BurstPublisherMain
{
    public static void main(final String[] args) throws Exception
    {
        final int hwm = Integer.parseInt(args[0]);
        final int burst = Integer.parseInt(args[1]);
        final EpochClock clock = new EpochClock();
        try (ZContext zmq = new ZContext(1))
        {
            final BusPublisher publisher = new BusPublisher(zmq, "tcp://127.0.0.1:*", 9, clock.nanoTime(), hwm, clock);
            final PublishStream probe = publisher.stream("probe");
            final PublishStream data = publisher.stream("data.burst");
            final HeartbeatPublisher heartbeat = new HeartbeatPublisher(publisher, "burst", clock.nanoTime());
            final TradeEncoder trade = new TradeEncoder();
            System.out.println("bound " + publisher.boundEndpoint());
            final BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            while (!stdin.ready())
            {
                publisher.wrap(trade).venueId(1).instrumentId(1).venueTradeId(0).aggressorSide(Side.SELL).venueTimeNs(0);
                publisher.publish(probe, trade, 0);
                // Heartbeats announce data.burst at sequence 0, so even its first messages count if dropped.
                heartbeat.publish(DaemonState.STARTING);
                Thread.sleep(1);
            }
            stdin.readLine();
            for (int i = 1; i <= burst; i++)
            {
                publisher.wrap(trade).venueId(1).instrumentId(1).venueTradeId(i).aggressorSide(Side.BUY).venueTimeNs(i);
                trade.price().mantissa(i).exponent((byte)0);
                trade.qty().mantissa(1).exponent((byte)0);
                publisher.publish(data, trade, 0);
            }
            System.out.println("burst-done last=" + data.lastSequence());
            while (!stdin.ready())
            {
                heartbeat.publish(DaemonState.READY);
                Thread.sleep(20);
            }
        }
    }
}
