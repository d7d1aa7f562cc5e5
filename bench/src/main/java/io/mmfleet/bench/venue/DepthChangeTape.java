package io.mmfleet.bench.venue;

import io.mmfleet.venuesim.engine.BalanceView;
import io.mmfleet.venuesim.engine.EngineListener;
import io.mmfleet.venuesim.engine.Fill;
import io.mmfleet.venuesim.engine.MatchingEngine;
import io.mmfleet.venuesim.engine.NewOrder;
import io.mmfleet.venuesim.engine.OrderType;
import io.mmfleet.venuesim.engine.OrderView;
import io.mmfleet.venuesim.engine.PlaceResult;
import io.mmfleet.venuesim.engine.Side;
import io.mmfleet.venuesim.engine.StpMode;
import io.mmfleet.venuesim.engine.TimeInForce;

import java.util.ArrayList;
import java.util.List;

/**
 * The depth changes a real engine emits over one cycle of market-maker traffic on a {@link SteadyBook}: each of
 * {@link #QUOTE_OFFSETS} quoted on both sides and cancelled, then the sweeps of {@link MatchingEngineBenchmark#SWEEP_ORDERS}
 * (1 to 3 levels each, alternating sides) with the book restored after each. The cycle leaves the book as it found
 * it, so the tape can be played again and again with its update ids shifted by {@link #idSpan()} per pass, and
 * still describe a consistent book with contiguous update ids.
 */
public final class DepthChangeTape
{
    /** Ticks from the best price of the quote's own side; positive improves it (a new best level). */
    static final long[] QUOTE_OFFSETS = {1, 0, -1, -2, 3, -4, -9, -19};

    private final List<DepthChange> changes;
    private final long idSpan;

    private DepthChangeTape(final List<DepthChange> changes)
    {
        this.changes = List.copyOf(changes);
        this.idSpan = changes.get(changes.size() - 1).lastUpdateId() - changes.get(0).firstUpdateId() + 1;
    }

    /** Runs one cycle on {@code book}, whose engine must report its depth changes to {@code recorder}. */
    public static DepthChangeTape record(final SteadyBook book, final Recorder recorder)
    {
        final MatchingEngine engine = book.engine();
        recorder.changes.clear();
        for (final long offset : QUOTE_OFFSETS)
        {
            for (final Side side : Side.values())
            {
                final long price = side == Side.BUY ? SteadyBook.BEST_BID + offset : SteadyBook.BEST_ASK - offset;
                final PlaceResult placed = engine.place(new NewOrder(SteadyBook.QUOTER_ACCOUNT, SteadyBook.SYMBOL,
                    null, side, OrderType.LIMIT, TimeInForce.GTC, price, MatchingEngineBenchmark.QUOTE_QTY, 0,
                    StpMode.NONE, 0));
                engine.cancel(SteadyBook.QUOTER_ACCOUNT, SteadyBook.SYMBOL, placed.order().orderId(), null);
            }
        }
        for (int i = 0; i < MatchingEngineBenchmark.SWEEP_ORDERS.length; i++)
        {
            final Side side = i % 2 == 0 ? Side.BUY : Side.SELL;
            final long limit = side == Side.BUY ? SteadyBook.askPrice(2) : SteadyBook.bidPrice(2);
            final PlaceResult result = engine.place(new NewOrder(SteadyBook.TAKER_ACCOUNT, SteadyBook.SYMBOL, null,
                side, OrderType.LIMIT, TimeInForce.IOC, limit,
                MatchingEngineBenchmark.SWEEP_ORDERS[i] * SteadyBook.RESTING_QTY, 0, StpMode.EXPIRE_MAKER, 0));
            book.replenish(side, result.fills());
        }
        return new DepthChangeTape(recorder.changes);
    }

    /** A new {@link SteadyBook} and one cycle recorded on it. */
    public static DepthChangeTape record()
    {
        final Recorder recorder = new Recorder();
        return record(new SteadyBook(recorder), recorder);
    }

    public List<DepthChange> changes()
    {
        return changes;
    }

    public int size()
    {
        return changes.size();
    }

    /** Update ids one pass covers: the shift that makes the next pass continue the ids of this one. */
    public long idSpan()
    {
        return idSpan;
    }

    /** Keeps the engine's depth changes; every other event is dropped. */
    public static final class Recorder implements EngineListener
    {
        private final List<DepthChange> changes = new ArrayList<>();

        @Override
        public void onDepthChange(final String symbol, final long firstUpdateId, final long lastUpdateId,
            final long eventTimeMs, final List<long[]> changedBids, final List<long[]> changedAsks)
        {
            changes.add(new DepthChange(firstUpdateId, lastUpdateId, changedBids, changedAsks));
        }

        @Override
        public void onPublicTrade(final String symbol, final long tradeId, final long price, final long qty,
            final boolean buyerIsMaker, final long timeMs, final long buyerOrderId, final long sellerOrderId)
        {
        }

        @Override
        public void onOrderUpdate(final long accountId, final OrderView order, final String executionType,
            final Fill lastFill, final long eventTimeMs)
        {
        }

        @Override
        public void onBalanceUpdate(final long accountId, final List<BalanceView> changed, final long eventTimeMs)
        {
        }
    }
}
