package io.mmfleet.exechandler.order;

import io.mmfleet.exechandler.venue.VenueSymbol;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every order the tracker can answer about, by client order id: the live (non-terminal) ones in
 * memory, a bounded set of recently terminal ones in memory, and the journal behind both. Also the
 * configured symbols by venue name. Owned by the event-loop thread.
 */
final class KnownOrders
{
    /** An order known by client order id; {@code order} is null if it is on a symbol no longer configured. */
    record Known(String venueSymbol, TrackedOrder order)
    {
    }

    private final ExecJournal journal;
    private final Map<String, VenueSymbol> symbolsByVenueName = new HashMap<>();
    private final Map<String, TrackedOrder> live = new LinkedHashMap<>();
    private final Map<String, TrackedOrder> recentTerminal;

    KnownOrders(final ExecJournal journal, final List<VenueSymbol> symbols, final int recentTerminalCapacity)
    {
        this.journal = journal;
        for (final VenueSymbol symbol : symbols)
        {
            symbolsByVenueName.put(symbol.venueSymbol(), symbol);
        }
        recentTerminal = new LinkedHashMap<>(16, 0.75f, false)
        {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(final Map.Entry<String, TrackedOrder> eldest)
            {
                return size() > recentTerminalCapacity;
            }
        };
    }

    /**
     * Loads the journal's non-terminal orders as live ones (oldest first).
     *
     * @throws IllegalStateException if one is on a symbol not configured: it could not be reconciled
     */
    List<TrackedOrder> loadOpenOrders()
    {
        final List<TrackedOrder> loaded = new ArrayList<>();
        for (final JournaledOrder journaled : journal.loadOpenOrders())
        {
            final VenueSymbol symbol = symbolsByVenueName.get(journaled.venueSymbol());
            if (symbol == null)
            {
                throw new IllegalStateException("exec journal " + journal.file() + " holds open order "
                    + journaled.clientOrderId() + " on " + journaled.venueSymbol() + ", which is not a configured symbol "
                    + symbolsByVenueName.keySet() + ": it cannot be reconciled");
            }
            final TrackedOrder order = TrackedOrder.fromJournal(symbol, journaled);
            live.put(order.clientOrderId(), order);
            loaded.add(order);
        }
        return loaded;
    }

    /** The configured symbol with this venue name, or null. */
    VenueSymbol symbol(final String venueSymbol)
    {
        return symbolsByVenueName.get(venueSymbol);
    }

    /** The live order with this client order id, or null. */
    TrackedOrder live(final String clientOrderId)
    {
        return live.get(clientOrderId);
    }

    /** The live order on {@code symbol} with this venue order id, or null. */
    TrackedOrder liveByVenueOrderId(final VenueSymbol symbol, final long venueOrderId)
    {
        for (final TrackedOrder order : live.values())
        {
            if (order.venueOrderId() == venueOrderId && order.symbol().venueSymbol().equals(symbol.venueSymbol()))
            {
                return order;
            }
        }
        return null;
    }

    /** The live orders, oldest first; a view: copy it before anything may retire an order. */
    Collection<TrackedOrder> liveOrders()
    {
        return live.values();
    }

    /** The live orders, oldest first, copied: safe while orders retire. */
    List<TrackedOrder> liveOrdersCopy()
    {
        return new ArrayList<>(live.values());
    }

    /** The recently terminal orders still in memory, oldest first, copied. */
    List<TrackedOrder> recentTerminalOrdersCopy()
    {
        return new ArrayList<>(recentTerminal.values());
    }

    int liveCount()
    {
        return live.size();
    }

    int recentTerminalCount()
    {
        return recentTerminal.size();
    }

    void addLive(final TrackedOrder order)
    {
        live.put(order.clientOrderId(), order);
    }

    /** A terminal order leaves the live set; it stays findable in memory for a while, then in the journal. */
    void retire(final TrackedOrder order)
    {
        live.remove(order.clientOrderId());
        recentTerminal.put(order.clientOrderId(), order);
    }

    /** The order with this client order id, live, recently terminal or journaled; null if never known. */
    Known find(final String clientOrderId)
    {
        TrackedOrder order = live.get(clientOrderId);
        if (order == null)
        {
            order = recentTerminal.get(clientOrderId);
        }
        if (order != null)
        {
            return new Known(order.symbol().venueSymbol(), order);
        }
        final JournaledOrder journaled = journal.findOrder(clientOrderId);
        if (journaled == null)
        {
            return null;
        }
        final VenueSymbol symbol = symbolsByVenueName.get(journaled.venueSymbol());
        if (symbol == null)
        {
            return new Known(journaled.venueSymbol(), null);
        }
        order = TrackedOrder.fromJournal(symbol, journaled);
        recentTerminal.put(order.clientOrderId(), order);
        return new Known(symbol.venueSymbol(), order);
    }

    /** Whether the client order id was ever used: live, recently terminal or journaled (nothing is cached). */
    boolean knows(final String clientOrderId)
    {
        return live.containsKey(clientOrderId) || recentTerminal.containsKey(clientOrderId) || journal.findOrder(clientOrderId) != null;
    }

    /** Whether the order is known to be over: news about it is late and changes nothing. */
    boolean isTerminal(final String clientOrderId)
    {
        if (recentTerminal.containsKey(clientOrderId))
        {
            return true;
        }
        final JournaledOrder journaled = journal.findOrder(clientOrderId);
        return journaled != null && journaled.terminal();
    }
}
