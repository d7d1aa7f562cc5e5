package io.mmfleet.exechandler.order;

import io.mmfleet.exechandler.venue.VenueSymbol;
import org.agrona.collections.IntArrayList;
import org.agrona.collections.LongArrayList;

/**
 * Status queries about a client order id the tracker does not know, waiting for the venue's
 * lookup: the order may exist (placed by another client of the account, or lost from the journal).
 */
final class ForeignStatusQuery
{
    final VenueSymbol symbol;
    final LongArrayList commandIds = new LongArrayList();
    final IntArrayList strategyIds = new IntArrayList();

    ForeignStatusQuery(final VenueSymbol symbol)
    {
        this.symbol = symbol;
    }

    void await(final long commandId, final int strategyId)
    {
        if (!commandIds.containsLong(commandId))
        {
            commandIds.addLong(commandId);
            strategyIds.addInt(strategyId);
        }
    }
}
