package io.mmfleet.oms.core;

import io.mmfleet.sbe.OrdStatus;
import io.mmfleet.sbe.RejectReason;

import java.util.ArrayList;
import java.util.List;

/** Writes down everything the core asks of its daemon, as text the tests compare. */
final class RecordingOutput implements OmsOutput
{
    final List<String> events = new ArrayList<>();
    final List<Long> newCommands = new ArrayList<>();
    final List<Long> cancelCommands = new ArrayList<>();
    final List<Long> statusCommands = new ArrayList<>();
    final List<Long> cancelAllCommands = new ArrayList<>();
    final List<OrdStatus> states = new ArrayList<>();
    RejectReason lastReject;

    @Override
    public void sendNew(final long commandId, final ManagedOrder order)
    {
        newCommands.add(commandId);
        events.add("new " + order.clientOrderId() + " " + order.side() + " " + order.qty() + "@" + order.price());
    }

    @Override
    public void sendCancel(final long commandId, final ManagedOrder order)
    {
        cancelCommands.add(commandId);
        events.add("cancel " + order.clientOrderId());
    }

    @Override
    public void sendStatusQuery(final long commandId, final ManagedOrder order)
    {
        statusCommands.add(commandId);
        events.add("status " + order.clientOrderId());
    }

    @Override
    public void sendCancelAll(final long commandId, final int venueId, final int instrumentId)
    {
        cancelAllCommands.add(commandId);
        events.add("cancelAll " + commandId + " " + venueId + "/" + instrumentId);
    }

    @Override
    public void rejectRequest(final int strategyId, final long requestId, final int venueId, final int instrumentId, final RejectReason reason)
    {
        lastReject = reason;
        events.add("reject " + strategyId + "/" + requestId + " " + reason);
    }

    @Override
    public void orderState(final ManagedOrder order)
    {
        states.add(order.status());
        events.add("state " + order.requestId() + " " + order.status() + " cum=" + order.cumQty() + " leaves=" + order.leavesQty());
    }

    @Override
    public void deadManFired(final int strategyId, final int ordersCancelled)
    {
        events.add("deadMan " + strategyId + " " + ordersCancelled);
    }

    @Override
    public void strategyRunEnded(final int strategyId, final long runId, final int ordersCancelled)
    {
        events.add("runEnded " + strategyId + " " + runId + " " + ordersCancelled);
    }

    OrdStatus lastState()
    {
        return states.get(states.size() - 1);
    }

    void clear()
    {
        events.clear();
        newCommands.clear();
        cancelCommands.clear();
        statusCommands.clear();
        cancelAllCommands.clear();
        states.clear();
        lastReject = null;
    }
}
