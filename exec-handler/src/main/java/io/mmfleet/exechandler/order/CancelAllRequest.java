package io.mmfleet.exechandler.order;

import org.agrona.collections.IntArrayList;
import org.agrona.collections.LongArrayList;

import java.util.HashSet;
import java.util.Set;

/**
 * One cancel-all in flight on a symbol: the commands waiting for its outcome (a resend while in
 * flight joins them instead of sending again) and the orders its CANCEL_REPLY updates named.
 */
final class CancelAllRequest
{
    final LongArrayList commandIds = new LongArrayList();
    final IntArrayList strategyIds = new IntArrayList();
    final Set<String> canceledClientOrderIds = new HashSet<>();

    void await(final long commandId, final int strategyId)
    {
        if (!commandIds.containsLong(commandId))
        {
            commandIds.addLong(commandId);
            strategyIds.addInt(strategyId);
        }
    }
}
