package io.mmfleet.quoteserver.book;

import java.util.Comparator;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A venue's book kept the simple way (sorted maps) for tests: it produces consistent, never-crossing diff events and
 * snapshots with contiguous update ids, and serves as the reference the {@link LocalBook} must equal.
 */
final class VenueBookModel
{
    final TreeMap<Long, Long> bids = new TreeMap<>(Comparator.reverseOrder());
    final TreeMap<Long, Long> asks = new TreeMap<>();
    private final SplittableRandom random;
    private long updateId;

    VenueBookModel(final long seed, final long firstUpdateId, final long mid, final int levelsPerSide)
    {
        random = new SplittableRandom(seed);
        updateId = firstUpdateId;
        for (int i = 1; i <= levelsPerSide; i++)
        {
            bids.put(mid - i, 1 + random.nextLong(1_000));
            asks.put(mid + i, 1 + random.nextLong(1_000));
        }
    }

    long updateId()
    {
        return updateId;
    }

    /** The next diff, {@code changes} level changes spread over one to three update ids, applied to this model. */
    DepthEvent next(final int changes)
    {
        final DepthEvent e = new DepthEvent();
        e.firstUpdateId = updateId + 1;
        updateId += 1 + random.nextInt(3);
        e.finalUpdateId = updateId;
        e.eventTimeMs = 1_700_000_000_000L + updateId;
        for (int i = 0; i < changes; i++)
        {
            final boolean bid = random.nextBoolean();
            final TreeMap<Long, Long> side = bid ? bids : asks;
            if (!side.isEmpty() && random.nextInt(10) < 3)
            {
                final long price = pickExisting(side);
                side.remove(price);
                add(e, bid, price, 0);
                continue;
            }
            final long price = bid ? pickBidPrice() : pickAskPrice();
            final long qty = 1 + random.nextLong(1_000);
            side.put(price, qty);
            add(e, bid, price, qty);
        }
        return e;
    }

    DepthEvent snapshot()
    {
        final DepthEvent s = new DepthEvent();
        s.firstUpdateId = updateId;
        s.finalUpdateId = updateId;
        bids.forEach(s::addBid);
        asks.forEach(s::addAsk);
        return s;
    }

    /** True if {@code book} holds exactly this model's levels, best first. */
    boolean matches(final LocalBook book)
    {
        return matches(bids, book, true) && matches(asks, book, false);
    }

    static boolean matches(final Map<Long, Long> side, final LocalBook book, final boolean bid)
    {
        if (side.size() != (bid ? book.bidLevels() : book.askLevels()))
        {
            return false;
        }
        int i = 0;
        for (final Map.Entry<Long, Long> level : side.entrySet())
        {
            final long price = bid ? book.bidPrice(i) : book.askPrice(i);
            final long qty = bid ? book.bidQty(i) : book.askQty(i);
            if (price != level.getKey() || qty != level.getValue())
            {
                return false;
            }
            i++;
        }
        return true;
    }

    private long pickExisting(final TreeMap<Long, Long> side)
    {
        // Mostly near the top, where real books change most.
        final int index = Math.min(side.size() - 1, random.nextInt(1 + Math.min(side.size() - 1, 8)));
        return side.keySet().stream().skip(index).findFirst().orElseThrow();
    }

    private long pickBidPrice()
    {
        final long ceiling = asks.isEmpty() ? (bids.isEmpty() ? 10_000 : bids.firstKey() + 5) : asks.firstKey() - 1;
        return ceiling - random.nextInt(20);
    }

    private long pickAskPrice()
    {
        final long floor = bids.isEmpty() ? (asks.isEmpty() ? 10_000 : asks.firstKey() - 5) : bids.firstKey() + 1;
        return floor + random.nextInt(20);
    }

    private static void add(final DepthEvent e, final boolean bid, final long price, final long qty)
    {
        if (bid)
        {
            e.addBid(price, qty);
        }
        else
        {
            e.addAsk(price, qty);
        }
    }
}
