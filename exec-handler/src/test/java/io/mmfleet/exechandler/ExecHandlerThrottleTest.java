package io.mmfleet.exechandler;

import io.mmfleet.bus.testing.Await;
import io.mmfleet.exechandler.ExecRig.Report;
import io.mmfleet.sbe.OrderType;
import io.mmfleet.sbe.Side;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Against a venue with a tiny request-weight budget, exec-handler's own polling (account
 * snapshots every second) runs into the limit: the throttle status goes NEAR_LIMIT, then THROTTLED
 * (or BANNED) when the venue answers 429 with Retry-After, and an order meanwhile is refused
 * without being sent rather than making the ban worse.
 */
class ExecHandlerThrottleTest
{
    @TempDir
    Path dir;

    @Test
    void publishesThrottleStatusAndHoldsOrdersWhileTheVenueSaysRetryAfter() throws Exception
    {
        // Warn at 30 %: the first burst of account polls (~70 of 120) crosses it well before the
        // 429, so NEAR_LIMIT is seen first even when a loaded machine handles several answers at once.
        try (ExecRig rig = new ExecRig(dir, "REQUEST_WEIGHT_PER_MINUTE = 120\nBAN_DURATION = 5s", "THROTTLE_WARN_PERCENT = 30"))
        {
            rig.startExecHandler();
            Await.until(() ->
            {
                rig.poll();
                return rig.throttleStates.contains("THROTTLED") || rig.throttleStates.contains("BANNED");
            }, ExecRig.TIMEOUT, () -> "no THROTTLED status: " + rig.throttleStates + "\n" + rig.execHandler.transcript());
            assertEquals("NEAR_LIMIT", rig.throttleStates.get(0), () -> "warned before the limit: " + rig.throttleStates + "\n" + rig.execHandler.transcript());

            final long place = rig.newCommandId();
            rig.newOrder(place, Side.BUY, OrderType.LIMIT, "2900.00", "0.0100", "s7-t1-1");
            final Report refused = rig.awaitReport(r -> r.commandId() == place, "answer while throttled");
            assertEquals("REJECTED", refused.execType(), refused.toString());
            assertEquals("THROTTLED", refused.rejectReason());
            assertEquals(0, refused.venueErrorCode(), "refused by exec-handler, not sent");
        }
    }
}
