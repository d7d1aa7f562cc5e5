package io.mmfleet.exechandler.venue;

import io.mmfleet.sbe.RejectReason;

/**
 * A venue's refusal: its own code and message, and the fleet's reason the venue layer mapped it
 * to (e.g. Binance -2010 "Order would immediately match and take." → POST_ONLY_WOULD_CROSS).
 */
public record VenueError(int code, String message, RejectReason reason)
{
}
