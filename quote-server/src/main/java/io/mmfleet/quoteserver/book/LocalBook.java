package io.mmfleet.quoteserver.book;

import java.util.Arrays;

/**
 * One instrument's L2 book on one venue: price → quantity per side in primitive sorted arrays.
 *
 * <p>Each side is stored worst first, best last, because almost every change lands near the top of the book and
 * an insert or removal then moves only the few levels above it. Accessors index best first. Prices are mantissas
 * and never negative, so an ask is stored as its negated price without loss.
 *
 * <p>A side holds at most {@code capacityPerSide} levels. When a new level arrives at a full side, the worst level
 * (or the new one, if it is the worst) is dropped: the book is exact at its top, which is all that is published, and
 * Binance's own snapshot is depth-limited in the same way. {@link #droppedLevels()} counts those drops.
 */
public final class LocalBook
{
    private final int capacityPerSide;
    private static final int TOP_SCAN_LEVELS = 16;

    private final long[] bidKeys;
    private final long[] bidQtys;
    private final long[] askKeys;
    private final long[] askQtys;
    private int bidCount;
    private int askCount;
    private long droppedLevels;

    public LocalBook(final int capacityPerSide)
    {
        if (capacityPerSide < 1)
        {
            throw new IllegalArgumentException("capacityPerSide must be at least 1: " + capacityPerSide);
        }
        this.capacityPerSide = capacityPerSide;
        bidKeys = new long[capacityPerSide];
        bidQtys = new long[capacityPerSide];
        askKeys = new long[capacityPerSide];
        askQtys = new long[capacityPerSide];
    }

    public void clear()
    {
        bidCount = 0;
        askCount = 0;
    }

    /** Sets each level of {@code e} to its quantity, removing the levels whose quantity is 0. */
    public void apply(final DepthEvent e)
    {
        for (int i = 0; i < e.bidCount; i++)
        {
            bidCount = set(bidKeys, bidQtys, bidCount, e.bidPrices[i], e.bidQtys[i]);
        }
        for (int i = 0; i < e.askCount; i++)
        {
            askCount = set(askKeys, askQtys, askCount, -e.askPrices[i], e.askQtys[i]);
        }
    }

    /**
     * Makes the book exactly {@code snapshot}'s levels. A REST snapshot lists each side best first, which is the
     * worst order for {@link #apply} (every level would be inserted below all the others); such a side is copied
     * straight in. A side in any other order, or with a zero quantity, is applied level by level.
     */
    public void replaceWith(final DepthEvent snapshot)
    {
        clear();
        if (!load(bidKeys, bidQtys, snapshot.bidPrices, snapshot.bidQtys, snapshot.bidCount, true))
        {
            for (int i = 0; i < snapshot.bidCount; i++)
            {
                bidCount = set(bidKeys, bidQtys, bidCount, snapshot.bidPrices[i], snapshot.bidQtys[i]);
            }
        }
        else
        {
            bidCount = Math.min(snapshot.bidCount, capacityPerSide);
        }
        if (!load(askKeys, askQtys, snapshot.askPrices, snapshot.askQtys, snapshot.askCount, false))
        {
            for (int i = 0; i < snapshot.askCount; i++)
            {
                askCount = set(askKeys, askQtys, askCount, -snapshot.askPrices[i], snapshot.askQtys[i]);
            }
        }
        else
        {
            askCount = Math.min(snapshot.askCount, capacityPerSide);
        }
    }

    public int capacityPerSide()
    {
        return capacityPerSide;
    }

    public int bidLevels()
    {
        return bidCount;
    }

    public int askLevels()
    {
        return askCount;
    }

    /** @param i 0 for the best bid. */
    public long bidPrice(final int i)
    {
        return bidKeys[bestFirst(i, bidCount)];
    }

    public long bidQty(final int i)
    {
        return bidQtys[bestFirst(i, bidCount)];
    }

    /** @param i 0 for the best ask. */
    public long askPrice(final int i)
    {
        return -askKeys[bestFirst(i, askCount)];
    }

    public long askQty(final int i)
    {
        return askQtys[bestFirst(i, askCount)];
    }

    /** True when both sides are non-empty and the best bid is at or above the best ask. */
    public boolean isCrossed()
    {
        return bidCount > 0 && askCount > 0 && bidKeys[bidCount - 1] >= -askKeys[askCount - 1];
    }

    /** Levels dropped because a side was full, since construction. */
    public long droppedLevels()
    {
        return droppedLevels;
    }

    /** Copies a best-first side whose keys strictly worsen and whose quantities are positive; false if it is not one. */
    private boolean load(
        final long[] keys, final long[] qtys, final long[] prices, final long[] sourceQtys, final int count,
        final boolean bid)
    {
        long previous = Long.MAX_VALUE;
        for (int i = 0; i < count; i++)
        {
            final long key = bid ? prices[i] : -prices[i];
            if (key >= previous || sourceQtys[i] <= 0)
            {
                return false;
            }
            previous = key;
        }
        final int kept = Math.min(count, capacityPerSide);
        droppedLevels += count - kept;
        for (int i = 0; i < kept; i++)
        {
            keys[kept - 1 - i] = bid ? prices[i] : -prices[i];
            qtys[kept - 1 - i] = sourceQtys[i];
        }
        return true;
    }

    private static int bestFirst(final int i, final int count)
    {
        if (i < 0 || i >= count)
        {
            throw new IndexOutOfBoundsException("level " + i + " of " + count);
        }
        return count - 1 - i;
    }

    /**
     * Sets one level of a side. Both sides are stored as ascending keys, worst first: a bid's key is its price, an
     * ask's is its negated price, so one search serves both.
     *
     * @return the side's new level count.
     */
    private int set(final long[] keys, final long[] qtys, final int count, final long key, final long qty)
    {
        final int found = find(keys, count, key);
        if (found >= 0)
        {
            if (qty == 0)
            {
                System.arraycopy(keys, found + 1, keys, found, count - found - 1);
                System.arraycopy(qtys, found + 1, qtys, found, count - found - 1);
                return count - 1;
            }
            qtys[found] = qty;
            return count;
        }
        if (qty == 0)
        {
            // Removing a level the book does not hold is normal: it lay beyond the snapshot's depth.
            return count;
        }
        int insertAt = -found - 1;
        if (count == capacityPerSide)
        {
            droppedLevels++;
            if (insertAt == 0)
            {
                return count;
            }
            insertAt--;
            System.arraycopy(keys, 1, keys, 0, insertAt);
            System.arraycopy(qtys, 1, qtys, 0, insertAt);
            keys[insertAt] = key;
            qtys[insertAt] = qty;
            return count;
        }
        System.arraycopy(keys, insertAt, keys, insertAt + 1, count - insertAt);
        System.arraycopy(qtys, insertAt, qtys, insertAt + 1, count - insertAt);
        keys[insertAt] = key;
        qtys[insertAt] = qty;
        return count + 1;
    }

    /**
     * Index of {@code key}, or {@code -(insertion point) - 1} as {@link Arrays#binarySearch}. Most changes land
     * within a few levels of the best, so the top levels are scanned linearly (predictable branches) before the
     * rest is searched by bisection.
     */
    private static int find(final long[] keys, final int count, final long key)
    {
        final int scanEnd = Math.max(0, count - TOP_SCAN_LEVELS);
        int i = count - 1;
        while (i >= scanEnd && keys[i] > key)
        {
            i--;
        }
        if (i >= scanEnd)
        {
            return keys[i] == key ? i : -(i + 1) - 1;
        }
        return scanEnd == 0 ? -1 : Arrays.binarySearch(keys, 0, scanEnd, key);
    }
}
