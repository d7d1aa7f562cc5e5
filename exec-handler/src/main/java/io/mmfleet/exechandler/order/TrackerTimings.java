package io.mmfleet.exechandler.order;

/**
 * The order core's timers, monotonic milliseconds.
 *
 * @param replyTimeoutMs   how long a place may go unanswered before its outcome is treated as unknown and looked up
 * @param lookupRetryMs    how long to wait before repeating a lookup or trade fetch that got no answer, or a lookup
 *                         that did not find an order still inside its receive window
 * @param fillGapTimeoutMs how long the venue's cumulative quantity may run ahead of the fills received before the
 *                         order's trade list is fetched
 */
public record TrackerTimings(long replyTimeoutMs, long lookupRetryMs, long fillGapTimeoutMs)
{
    public TrackerTimings
    {
        if (replyTimeoutMs <= 0 || lookupRetryMs <= 0 || fillGapTimeoutMs <= 0)
        {
            throw new IllegalArgumentException("tracker timings must be positive: replyTimeoutMs=" + replyTimeoutMs
                + " lookupRetryMs=" + lookupRetryMs + " fillGapTimeoutMs=" + fillGapTimeoutMs);
        }
    }
}
