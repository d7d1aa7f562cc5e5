package io.mmfleet.exechandler;

import io.mmfleet.bus.EpochClock;
import io.mmfleet.bus.testing.Await;
import io.mmfleet.bus.Envelope;
import io.mmfleet.sbe.MessageHeaderEncoder;
import io.mmfleet.sbe.OrderType;
import io.mmfleet.sbe.Side;
import io.mmfleet.sbe.SnapshotRequestEncoder;
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
 * Review finding: DESIGN.md — "A gap on an order, execution or account stream makes the subscriber
 * ask the owner for a state snapshot (SnapshotRequest), which the owner answers on the bus."
 * ExecHandlerApp.republish answers only the account stream and returns -1 for exec.&lt;venue&gt;, so
 * the SnapshotResponder drops the request: an ExecutionReport that PUB dropped past its high-water
 * mark (or that was still in zeromq's queue when the process was killed, after the journal had
 * recorded it as reported) is never given again. The OMS and position-server keep asking, then
 * give up with the fill missing.
 */
class ExecHandlerSnapshotTest
{
    private static final int EXEC_HANDLER_SOURCE_ID = 4;

    @TempDir
    Path dir;

    @Test
    void aGapOnTheExecutionStreamIsAnsweredWithASnapshot() throws Exception
    {
        try (ExecRig rig = new ExecRig(dir, "", "");
             ZContext zmq = new ZContext(1))
        {
            final ZMQ.Socket xpub = zmq.createSocket(SocketType.XPUB);
            assertTrue(xpub.bind(rig.controlEndpoint));
            xpub.setReceiveTimeOut(30_000);
            rig.startExecHandler();
            assertEquals(1, xpub.recv(0)[0], "exec-handler subscribed to the control topic");
            final long place = rig.newCommandId();
            rig.newOrder(place, Side.BUY, OrderType.LIMIT, "2990.00", "0.5000", "s7-sr-1");

            // The same request for the account stream is answered: the plumbing works.
            assertTrue(requestSnapshot(xpub, rig, 40, "acct.binance"), "acct.binance snapshot: " + rig.snapshotCompletes);
            assertTrue(requestSnapshot(xpub, rig, 41, "exec.binance"),
                "a SnapshotRequest for exec.binance went unanswered for 10 s (acct.binance was answered); completes seen: "
                    + rig.snapshotCompletes);

            // A fill, published in an AccountSnapshot; a later snapshot of acct.binance lists it again, so a
            // subscriber that missed its report (a restarted position-server) still reconciles it.
            final long tradeId = rig.takerOrder("SELL", "MARKET", null, "0.2").get("fills").get(0).get("tradeId").asLong();
            Await.until(() ->
            {
                rig.poll();
                return rig.snapshotTradeIds.contains(tradeId);
            }, ExecRig.TIMEOUT, () -> "trade " + tradeId + " in no AccountSnapshot: " + rig.snapshotTradeIds);
            rig.snapshotTradeIds.clear();
            assertTrue(requestSnapshot(xpub, rig, 42, "acct.binance"), "second acct.binance snapshot: " + rig.snapshotCompletes);
            assertTrue(rig.snapshotTradeIds.contains(tradeId), "the snapshot lists the recent trade: " + rig.snapshotTradeIds);
        }
    }

    /** Sends a SnapshotRequest to exec-handler until its SnapshotComplete arrives or 10 s pass. */
    private static boolean requestSnapshot(final ZMQ.Socket xpub, final ExecRig rig, final long requestId, final String topic)
    {
        final EpochClock clock = new EpochClock();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
        final MessageHeaderEncoder header = new MessageHeaderEncoder();
        final int bodyLength = new SnapshotRequestEncoder().wrapAndApplyHeader(buffer, 0, header)
            .requestId(requestId).ownerSourceId(EXEC_HANDLER_SOURCE_ID).topic(topic).encodedLength();
        header.wrap(buffer, 0).sourceId(900).runId(1).sequence(requestId).sendNs(clock.nanoTime()).originNs(clock.nanoTime());
        final int length = Envelope.HEADER_LENGTH + bodyLength;
        final String expected = topic + ":" + requestId;
        final long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline && !rig.snapshotCompletes.contains(expected))
        {
            xpub.send("ctl.snapreq".getBytes(StandardCharsets.US_ASCII), ZMQ.SNDMORE);
            xpub.send(buffer.byteArray(), 0, length, 0);
            rig.drain(Duration.ofMillis(200));
        }
        return rig.snapshotCompletes.contains(expected);
    }
}
