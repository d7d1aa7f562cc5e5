package io.mmfleet.exechandler;

import io.mmfleet.exechandler.ExecRig.Report;
import io.mmfleet.sbe.OrderType;
import io.mmfleet.sbe.Side;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A venue that answers order entry with garbage, with nothing, with an oversized frame or with
 * wrong types, and REST account data that does not parse: exec-handler survives all of it, counts
 * what it could not read, never places an order twice, and answers every command — each order,
 * whose fate the venue never told, is looked up and, once the receive window has passed without
 * it appearing, reported REJECTED as never having reached the venue.
 */
class ExecHandlerBadVenueTest
{
    @TempDir
    Path dir;

    @Test
    void survivesGarbageSilenceAndOversizedAnswersAndResolvesEveryOrder() throws Exception
    {
        try (ScriptedBinance venue = new ScriptedBinance();
             ExecRig rig = new ExecRig(dir, venue.restUrl(), venue.wsApiUrl(),
                 "RECV_WINDOW = 200ms\nREQUEST_TIMEOUT = 500ms\nLOOKUP_RETRY = 100ms\nMAX_FRAME_BYTES = 65536"))
        {
            rig.startExecHandler();
            for (final String clientOrderId : new String[] {"garbage-1", "hang-1", "badtype-1", "big-1"})
            {
                final long commandId = rig.newCommandId();
                rig.newOrder(commandId, Side.BUY, OrderType.LIMIT, "3000.00", "0.0100", clientOrderId);
                final Report answer = rig.awaitReport(r -> r.commandId() == commandId, "answer for " + clientOrderId);
                assertEquals("REJECTED", answer.execType(), clientOrderId + ": " + answer);
                assertEquals("UNKNOWN_ORDER", answer.rejectReason(), clientOrderId + ": " + answer);
                assertEquals(-2013, answer.venueErrorCode(), clientOrderId);
                assertEquals(1, venue.places(clientOrderId), clientOrderId + " placed once, never resent");
                rig.awaitHealthy();
            }
            assertTrue(venue.lookups.get() >= 4, "each order was looked up: " + venue.lookups.get());
            assertTrue(rig.execHandler.isAlive());
            final String metrics = rig.metrics();
            assertTrue(metrics.lines().anyMatch(l -> l.startsWith("exec_handler_malformed_messages_total") && !l.endsWith(" 0.0")),
                "what could not be read was counted:\n" + metrics);
            assertTrue(metrics.lines().anyMatch(l -> l.startsWith("exec_handler_sessions_lost_total") && !l.endsWith(" 0.0")),
                "the oversized frame ended the session, which was reopened:\n" + metrics);
            ExecHandlerProcessTest.assertSecretsNeverLogged(rig);
        }
    }
}
