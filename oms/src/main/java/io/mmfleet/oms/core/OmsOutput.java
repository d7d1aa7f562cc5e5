package io.mmfleet.oms.core;

import io.mmfleet.sbe.RejectReason;

/**
 * What the OMS core asks of its daemon: encode and publish. Every call is made on the event-loop
 * thread from inside an {@link OrderManager} method; the order passed is only valid during the call
 * (the manager reuses its objects).
 */
public interface OmsOutput
{
    /**
     * Publish OrderCommand NEW on {@code ord.cmd.<venue>} with the order's client order id, side,
     * type, time in force, price and quantity, and retransmit it until the exec-handler answers
     * (PendingRequests). If it is given up, call {@link OrderManager#onCommandUnanswered}.
     */
    void sendNew(long commandId, ManagedOrder order);

    /** Publish OrderCommand CANCEL with origClientOrderId = the order's id; retransmitted like NEW. */
    void sendCancel(long commandId, ManagedOrder order);

    /** Publish OrderCommand STATUS_QUERY with origClientOrderId = the order's id; retransmitted like NEW. */
    void sendStatusQuery(long commandId, ManagedOrder order);

    /**
     * Publish OrderCommand CANCEL_ALL (strategy 0) for the pair. Not to be tracked for retransmit:
     * the core sends it again until answered ({@link CancelAllTracker}), so pass every ControlAck
     * or OrderReject answering a command to {@link OrderManager#onCancelAllDone} /
     * {@link OrderManager#onCommandReject}.
     */
    void sendCancelAll(long commandId, int venueId, int instrumentId);

    /** Publish OrderReject (source OMS, command id 0) answering a strategy's request. */
    void rejectRequest(int strategyId, long requestId, int venueId, int instrumentId, RejectReason reason);

    /** Publish OrderState: the order changed, or a resent request is answered again. */
    void orderState(ManagedOrder order);

    /** Publish a RiskEvent DEAD_MAN_SWITCH: the strategy went silent and its live orders were cancelled. */
    void deadManFired(int strategyId, int ordersCancelled);

    /**
     * Say (log line, counter) that a strategy's new run {@code runId} ended its earlier ones and
     * {@code ordersCancelled} of their live orders were cancelled now (also called with 1 for an
     * order of an ended run first seen after that: adopted late, or answered late).
     */
    void strategyRunEnded(int strategyId, long runId, int ordersCancelled);
}
