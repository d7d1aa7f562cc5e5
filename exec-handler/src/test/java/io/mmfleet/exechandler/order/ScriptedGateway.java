package io.mmfleet.exechandler.order;

import io.mmfleet.exechandler.venue.NewOrder;
import io.mmfleet.exechandler.venue.VenueGateway;
import io.mmfleet.exechandler.venue.VenueSymbol;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** A venue gateway that records every request; the test answers through the tracker's listener methods. */
final class ScriptedGateway implements VenueGateway
{
    sealed interface Call permits Place, Cancel, CancelAll, Lookup, FetchTrades
    {
    }

    record Place(NewOrder order) implements Call
    {
    }

    record Cancel(String venueSymbol, String clientOrderId) implements Call
    {
    }

    record CancelAll(String venueSymbol) implements Call
    {
    }

    record Lookup(String venueSymbol, String clientOrderId) implements Call
    {
    }

    record FetchTrades(String venueSymbol, long venueOrderId) implements Call
    {
    }

    private final List<Call> calls = new ArrayList<>();
    boolean ready = true;
    long venueTimeMs = 1_700_000_000_000L;
    long receiveWindowMs = 5_000;
    /** Runs inside {@link #place}, to observe what is true at the moment of sending. */
    Consumer<NewOrder> onPlace = order -> { };
    /** Runs inside {@link #lookup}, to answer synchronously. */
    Consumer<Lookup> onLookup = lookup -> { };

    /** The requests sent since the last call, oldest first; forgets them. */
    List<Call> takeCalls()
    {
        final List<Call> taken = new ArrayList<>(calls);
        calls.clear();
        return taken;
    }

    @Override
    public boolean isReady()
    {
        return ready;
    }

    @Override
    public long venueTimeMs()
    {
        return venueTimeMs;
    }

    @Override
    public long receiveWindowMs()
    {
        return receiveWindowMs;
    }

    @Override
    public void place(final NewOrder order)
    {
        calls.add(new Place(order));
        onPlace.accept(order);
    }

    @Override
    public void cancel(final VenueSymbol symbol, final String origClientOrderId)
    {
        calls.add(new Cancel(symbol.venueSymbol(), origClientOrderId));
    }

    @Override
    public void cancelAll(final VenueSymbol symbol)
    {
        calls.add(new CancelAll(symbol.venueSymbol()));
    }

    @Override
    public void lookup(final VenueSymbol symbol, final String clientOrderId)
    {
        final Lookup lookup = new Lookup(symbol.venueSymbol(), clientOrderId);
        calls.add(lookup);
        onLookup.accept(lookup);
    }

    @Override
    public void fetchTrades(final VenueSymbol symbol, final long venueOrderId)
    {
        calls.add(new FetchTrades(symbol.venueSymbol(), venueOrderId));
    }
}
