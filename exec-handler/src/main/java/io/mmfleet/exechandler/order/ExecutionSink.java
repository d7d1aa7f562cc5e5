package io.mmfleet.exechandler.order;

import io.mmfleet.exechandler.venue.VenueError;
import io.mmfleet.exechandler.venue.VenueFill;
import io.mmfleet.sbe.ExecType;
import io.mmfleet.sbe.RejectReason;

/**
 * Where the order core's answers go: the daemon encodes them as ExecutionReport and OrderReject
 * on the bus. Called on the event-loop thread.
 */
public interface ExecutionSink
{
    /**
     * One ExecutionReport.
     *
     * @param commandId the command this answers, 0 if unsolicited (a fill, a venue-side expiry)
     * @param order     the order after the change (cumulative quantities include {@code fill})
     * @param execType  what happened
     * @param fill      the trade for TRADE, else null
     * @param error     the venue's refusal for REJECTED, else null
     */
    void executionReport(long commandId, TrackedOrderView order, ExecType execType, VenueFill fill, VenueError error);

    /**
     * A command refused without a venue order to report on (unknown order for a cancel, a
     * malformed command, a cancel the gateway could not send).
     */
    void reject(long commandId, int strategyId, int instrumentId, String clientOrderId, RejectReason reason, int venueErrorCode, String text);

    /**
     * A CANCEL_ALL command finished: {@code canceled} orders were canceled (each reported before
     * through {@link #executionReport}), or the venue refused it ({@code error} not null).
     */
    void cancelAllDone(long commandId, int strategyId, io.mmfleet.exechandler.venue.VenueSymbol symbol, int canceled, VenueError error);
}
