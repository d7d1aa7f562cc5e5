package io.mmfleet.exechandler.gateway;

import io.mmfleet.exechandler.venue.GatewayListener;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The WebSocket API requests in flight, by the id their answer carries, each with its deadline.
 * A request that is not answered — in time, or at all because its connection dropped — gets an
 * unknown outcome, so the order core looks it up instead of assuming either way.
 */
final class WsRequestsInFlight
{
    private final Map<String, WsCall> calls = new HashMap<>();
    private GatewayListener listener;

    void listener(final GatewayListener listener)
    {
        this.listener = listener;
    }

    void add(final String id, final WsCall call)
    {
        calls.put(id, call);
    }

    /** The request the answer with this id is for, no longer in flight; null if none. */
    WsCall remove(final String id)
    {
        return calls.remove(id);
    }

    int size()
    {
        return calls.size();
    }

    /** Every request in flight gets an unknown outcome: the connection it went out on is gone. */
    void failAll(final String why)
    {
        final Iterator<Map.Entry<String, WsCall>> it = calls.entrySet().iterator();
        while (it.hasNext())
        {
            final WsCall call = it.next().getValue();
            it.remove();
            if (call.kind() != null)
            {
                listener.onOutcomeUnknown(call.kind(), call.symbol(), call.clientOrderId(), 0, "connection lost: " + why);
            }
        }
    }

    /**
     * How many requests are past their deadline. Counted without side effects: the session is
     * dropped (and readiness cleared) before their outcomes are reported, so the order core's
     * lookups wait for the next session instead of racing the disconnect.
     */
    int expired(final long nowNs)
    {
        int expired = 0;
        for (final WsCall call : calls.values())
        {
            if (nowNs >= call.deadlineNs())
            {
                expired++;
            }
        }
        return expired;
    }
}
