package io.mmfleet.venuesim.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.LongHashSet;

/**
 * One symbol's book: price levels per side, id counters, open orders by id, and the levels changed by the engine
 * operation in progress (reported as one depth event when it ends).
 */
final class OrderBook
{
    final InstrumentSpec spec;
    final Asset base;
    final Asset quote;
    /** price × qty is at scale priceScale+qtyScale; this lifts it to the quote asset's scale. */
    private final long notionalMultiplier;
    /** Lifts a quantity to the base asset's scale. */
    private final long baseMultiplier;

    private final TreeMap<Long, PriceLevel> bids = new TreeMap<>(Comparator.reverseOrder());
    private final TreeMap<Long, PriceLevel> asks = new TreeMap<>();
    final Long2ObjectHashMap<Order> openById = new Long2ObjectHashMap<>();
    private final LongHashSet changedBids = new LongHashSet();
    private final LongHashSet changedAsks = new LongHashSet();

    long nextOrderId = 1;
    long nextTradeId = 1;
    /** Binance numbers prevented matches per symbol from 0. */
    long nextPreventedMatchId;
    long lastUpdateId;

    OrderBook(final InstrumentSpec spec, final Asset base, final Asset quote)
    {
        this.spec = spec;
        this.base = base;
        this.quote = quote;
        this.notionalMultiplier = FixedPoint.pow10(quote.scale() - spec.priceScale() - spec.qtyScale());
        this.baseMultiplier = FixedPoint.pow10(base.scale() - spec.qtyScale());
    }

    /** Quote amount of {@code qty} at {@code price}; throws ArithmeticException on overflow. */
    long notional(final long price, final long qty)
    {
        return Math.multiplyExact(Math.multiplyExact(price, qty), notionalMultiplier);
    }

    long baseAmount(final long qty)
    {
        return Math.multiplyExact(qty, baseMultiplier);
    }

    /** Largest whole number of steps whose notional at {@code price} does not exceed {@code quoteAmount}. */
    long affordableQty(final long quoteAmount, final long price)
    {
        final long qty = quoteAmount / Math.multiplyExact(price, notionalMultiplier);
        return qty - qty % spec.stepSize();
    }

    TreeMap<Long, PriceLevel> levels(final Side side)
    {
        return side == Side.BUY ? bids : asks;
    }

    PriceLevel best(final Side side)
    {
        final Map.Entry<Long, PriceLevel> entry = levels(side).firstEntry();
        return entry == null ? null : entry.getValue();
    }

    void rest(final Order order)
    {
        final TreeMap<Long, PriceLevel> levels = levels(order.side);
        PriceLevel level = levels.get(order.price);
        if (level == null)
        {
            level = new PriceLevel(order.price);
            levels.put(order.price, level);
        }
        level.append(order);
        openById.put(order.orderId, order);
        markChanged(order.side, order.price);
    }

    void remove(final Order order)
    {
        final PriceLevel level = order.level;
        level.unlink(order);
        if (level.isEmpty())
        {
            levels(order.side).remove(level.price);
        }
        openById.remove(order.orderId);
        markChanged(order.side, level.price);
    }

    void reduceResting(final Order order, final long qty)
    {
        order.level.totalQty -= qty;
        markChanged(order.side, order.price);
    }

    private void markChanged(final Side side, final long price)
    {
        (side == Side.BUY ? changedBids : changedAsks).add(price);
    }

    boolean hasChanges()
    {
        return !changedBids.isEmpty() || !changedAsks.isEmpty();
    }

    /** The changed levels of one side with their current qty, best first, and forgets them. */
    List<long[]> drainChanges(final Side side)
    {
        final LongHashSet changed = side == Side.BUY ? changedBids : changedAsks;
        if (changed.isEmpty())
        {
            return Collections.emptyList();
        }
        final long[] prices = new long[changed.size()];
        int i = 0;
        for (final LongHashSet.LongIterator it = changed.iterator(); it.hasNext(); )
        {
            prices[i++] = it.nextValue();
        }
        changed.clear();
        Arrays.sort(prices);
        final TreeMap<Long, PriceLevel> levels = levels(side);
        final ArrayList<long[]> result = new ArrayList<>(prices.length);
        for (int j = 0; j < prices.length; j++)
        {
            final long price = prices[side == Side.BUY ? prices.length - 1 - j : j];
            final PriceLevel level = levels.get(price);
            result.add(new long[]{price, level == null ? 0 : level.totalQty});
        }
        return result;
    }

    List<long[]> top(final Side side, final int limit)
    {
        final ArrayList<long[]> result = new ArrayList<>(Math.min(limit, levels(side).size()));
        for (final PriceLevel level : levels(side).values())
        {
            if (result.size() == limit)
            {
                break;
            }
            result.add(new long[]{level.price, level.totalQty});
        }
        return result;
    }
}
