package io.mmfleet.exechandler;

import io.mmfleet.bus.testing.Await;
import io.mmfleet.exechandler.ExecRig.Report;
import io.mmfleet.sbe.OrderType;
import io.mmfleet.sbe.Side;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Review findings on rate-limit handling over the WebSocket API (web-socket-api.md, "IP limits" and
 * "Unfilled Order Count"): 429/418 answers carry {@code error.data.retryAfter}, the epoch ms until
 * which the venue refuses; and the unfilled-order-count limit (-1015) refuses new orders only.
 */
class ExecHandlerRateLimitTest
{
    @TempDir
    Path dir;

    @Test
    void aBanLastsUntilTheVenuesRetryAfterNotADefaultTwoMinutes() throws Exception
    {
        try (ScriptedBinance venue = new ScriptedBinance();
             ExecRig rig = new ExecRig(dir, venue.restUrl(), venue.wsApiUrl(), ""))
        {
            rig.startExecHandler();
            final long place = rig.newCommandId();
            rig.newOrder(place, Side.BUY, OrderType.LIMIT, "3000.00", "0.0100", "ban-1");
            final Report answer = rig.awaitReport(r -> r.commandId() == place, "answer for ban-1");
            assertEquals("THROTTLED", answer.rejectReason(), answer.toString());
            Await.until(() ->
            {
                rig.poll();
                return rig.throttleStates.contains("BANNED");
            }, ExecRig.TIMEOUT, () -> "no BANNED throttle status: " + rig.throttleStates);
            final long published = rig.throttleRetryAfterMs.get(rig.throttleStates.indexOf("BANNED"));
            assertTrue(published > ScriptedBinance.BAN_MS - 60_000,
                "the venue banned the IP for " + ScriptedBinance.BAN_MS + " ms (error.data.retryAfter); exec-handler publishes and honours "
                    + published + " ms, then resumes sending into the ban");
        }
    }

    @Test
    void theOrderCountLimitStillLetsCancelsThrough() throws Exception
    {
        try (ScriptedBinance venue = new ScriptedBinance();
             ExecRig rig = new ExecRig(dir, venue.restUrl(), venue.wsApiUrl(), ""))
        {
            rig.startExecHandler();
            final long open = rig.newCommandId();
            rig.newOrder(open, Side.BUY, OrderType.LIMIT, "3000.00", "0.0100", "open-1");
            rig.awaitReport(r -> r.commandId() == open && "NEW".equals(r.ordStatus()), "open-1 NEW");
            final long refused = rig.newCommandId();
            rig.newOrder(refused, Side.BUY, OrderType.LIMIT, "3000.00", "0.0100", "ordercount-1");
            rig.awaitReport(r -> r.commandId() == refused, "answer for ordercount-1");

            // The quotes must still come off the book: cancels do not count as orders.
            final long cancel = rig.newCommandId();
            rig.cancel(cancel, "open-1");
            assertTrue(rig.rejects.stream().noneMatch(r -> r.commandId() == cancel),
                "the cancel was refused: " + rig.rejects.stream().filter(r -> r.commandId() == cancel).toList());
            assertEquals(1, venue.cancels("open-1"), "the cancel reached the venue");
            rig.awaitReport(r -> r.commandId() == cancel && "CANCELED".equals(r.ordStatus()), "open-1 CANCELED");
        }
    }
}
