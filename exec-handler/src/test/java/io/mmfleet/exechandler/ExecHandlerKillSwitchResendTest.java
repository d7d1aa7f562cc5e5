package io.mmfleet.exechandler;

import io.mmfleet.bus.EpochClock;
import io.mmfleet.bus.Envelope;
import io.mmfleet.bus.testing.Await;
import io.mmfleet.sbe.CommandType;
import io.mmfleet.sbe.KillScope;
import io.mmfleet.sbe.KillSwitchEncoder;
import io.mmfleet.sbe.MessageHeaderEncoder;
import io.mmfleet.sbe.OrderType;
import io.mmfleet.sbe.Side;
import io.mmfleet.sbe.TimeInForce;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Review finding: ExecHandlerApp.onNew applies its pre-trade checks (kill switch, and the venue's
 * filters from the latest exchangeInfo) before asking the tracker whether the client order id is
 * already known. The OMS retransmits a NEW command until it is answered, so a retransmit of an
 * order already sent to the venue, arriving after a kill switch, is answered with an OrderReject
 * KILL_SWITCH for the same command id: the OMS is told the order does not exist while it is live
 * (or unresolved) at the venue, and the order's later reports contradict that answer.
 */
class ExecHandlerKillSwitchResendTest
{
    @TempDir
    Path dir;

    @Test
    void aResendOfAnOrderAlreadySentIsAnsweredFromItsStateNotRefusedByTheKillSwitch() throws Exception
    {
        try (ScriptedBinance venue = new ScriptedBinance();
             ExecRig rig = new ExecRig(dir, venue.restUrl(), venue.wsApiUrl(), "REQUEST_TIMEOUT = 5s\nRECV_WINDOW = 5s");
             ZContext zmq = new ZContext(1))
        {
            final ZMQ.Socket xpub = zmq.createSocket(SocketType.XPUB);
            assertTrue(xpub.bind(rig.controlEndpoint));
            xpub.setReceiveTimeOut(30_000);
            rig.startExecHandler();
            final byte[] subscription = xpub.recv(0);
            assertEquals(1, subscription[0], "exec-handler subscribed to the control topic");

            // The OMS sends the order; the venue takes it and has not answered yet (hang-: no reply).
            final long place = rig.newCommandId();
            rig.sendOnce(place, CommandType.NEW, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 299000, 100, "hang-k1", "");
            Await.until(() -> venue.places("hang-k1") == 1, ExecRig.TIMEOUT, () -> "hang-k1 never reached the venue");

            engageKillSwitch(xpub, rig);

            // Its retransmit (the OMS has no answer yet) arrives after the kill switch.
            rig.sendOnce(place, CommandType.NEW, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 299000, 100, "hang-k1", "");
            rig.drain(Duration.ofMillis(700));
            assertTrue(rig.rejects.stream().noneMatch(r -> r.commandId() == place),
                "the retransmit of an order already at the venue was refused as if it were new: "
                    + rig.rejects.stream().filter(r -> r.commandId() == place).toList());
            assertEquals(1, venue.places("hang-k1"));
        }
    }

    private static void engageKillSwitch(final ZMQ.Socket xpub, final ExecRig rig)
    {
        final EpochClock clock = new EpochClock();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
        final MessageHeaderEncoder header = new MessageHeaderEncoder();
        final int bodyLength = new KillSwitchEncoder().wrapAndApplyHeader(buffer, 0, header)
            .commandId(77).scope(KillScope.ALL).reason("review").encodedLength();
        header.wrap(buffer, 0).sourceId(900).runId(1).sequence(1).sendNs(clock.nanoTime()).originNs(clock.nanoTime());
        final int length = Envelope.HEADER_LENGTH + bodyLength;
        Await.until(() ->
        {
            xpub.send("ctl".getBytes(StandardCharsets.US_ASCII), ZMQ.SNDMORE);
            xpub.send(buffer.byteArray(), 0, length, 0);
            rig.poll();
            return rig.execHandler.stdout().stream().anyMatch(l -> l.contains("event=kill_switch_engaged"));
        }, ExecRig.TIMEOUT, () -> "kill switch never engaged\n" + rig.execHandler.transcript());
    }
}
