package io.mmfleet.exechandler.order;

import io.mmfleet.exechandler.venue.VenueError;
import io.mmfleet.exechandler.venue.VenueFill;
import io.mmfleet.exechandler.venue.VenueSymbol;
import io.mmfleet.sbe.ExecType;
import io.mmfleet.sbe.OrdStatus;
import io.mmfleet.sbe.RejectReason;

import java.util.ArrayList;
import java.util.List;

/** Records what the tracker publishes, copying the order view at the moment of the call. */
final class RecordingSink implements ExecutionSink
{
    sealed interface Output permits Report, Reject, CancelAllDone
    {
    }

    /** One ExecutionReport; {@code tradeId} -1 without a fill, {@code errorCode}/{@code errorReason} of the error or 0/null. */
    record Report(
        long commandId,
        int strategyId,
        String clientOrderId,
        long venueOrderId,
        ExecType execType,
        OrdStatus status,
        long cumQty,
        long cumQuoteQty,
        long tradeId,
        long fillQty,
        long fee,
        String feeAsset,
        boolean maker,
        int errorCode,
        RejectReason errorReason) implements Output
    {
    }

    record Reject(long commandId, int strategyId, int instrumentId, String clientOrderId, RejectReason reason, int venueErrorCode, String text)
        implements Output
    {
    }

    record CancelAllDone(long commandId, int strategyId, String venueSymbol, int canceled, VenueError error) implements Output
    {
    }

    private final List<Output> outputs = new ArrayList<>();
    /** When not negative, the report of this trade id throws after being recorded: a kill between publish and journal. */
    long crashAfterPublishingTradeId = -1;

    @Override
    public void executionReport(
        final long commandId,
        final TrackedOrderView order,
        final ExecType execType,
        final VenueFill fill,
        final VenueError error)
    {
        outputs.add(new Report(commandId, order.strategyId(), order.clientOrderId(), order.venueOrderId(), execType, order.status(),
            order.cumQty(), order.cumQuoteQty(), fill == null ? -1 : fill.tradeId(), fill == null ? 0 : fill.qty(),
            fill == null ? 0 : fill.fee(), fill == null ? null : fill.feeAsset(), fill != null && fill.maker(),
            error == null ? 0 : error.code(), error == null ? null : error.reason()));
        if (fill != null && fill.tradeId() == crashAfterPublishingTradeId)
        {
            throw new SimulatedCrash();
        }
    }

    @Override
    public void reject(
        final long commandId,
        final int strategyId,
        final int instrumentId,
        final String clientOrderId,
        final RejectReason reason,
        final int venueErrorCode,
        final String text)
    {
        outputs.add(new Reject(commandId, strategyId, instrumentId, clientOrderId, reason, venueErrorCode, text));
    }

    @Override
    public void cancelAllDone(final long commandId, final int strategyId, final VenueSymbol symbol, final int canceled, final VenueError error)
    {
        outputs.add(new CancelAllDone(commandId, strategyId, symbol.venueSymbol(), canceled, error));
    }

    /** What was published since the last call, oldest first; forgets it. */
    List<Output> take()
    {
        final List<Output> taken = new ArrayList<>(outputs);
        outputs.clear();
        return taken;
    }

    /** The kill the test simulates between publishing a fill and journaling it. */
    static final class SimulatedCrash extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        SimulatedCrash()
        {
            super("simulated kill after publish", null, false, false);
        }
    }
}
