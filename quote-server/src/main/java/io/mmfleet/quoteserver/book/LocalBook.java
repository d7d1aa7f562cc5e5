package io.mmfleet.quoteserver.book;

/**
 * One instrument's L2 book on one venue: price → quantity per side in primitive sorted arrays.
 *
 * <p>Each side is stored worst first, best last, because almost every change lands near the top of the book and
 * an insert or removal then moves only the few levels above it. Accessors index best first.
 *
 * <p>A side holds at most {@code capacityPerSide} levels. When a new level arrives at a full side, the worst level
 * (or the new one, if it is the worst) is dropped: the book is exact at its top, which is all that is published, and
 * Binance's own snapshot is depth-limited in the same way. {@link #droppedLevels()} counts those drops.
 */
public final class LocalBook
{
    private final int capacityPerSide;
    private final long[] bidPrices;
    private final long[] bidQtys;
    private final long[] askPrices;
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
        bidPrices = new long[capacityPerSide];
        bidQtys = new long[capacityPerSide];
        askPrices = new long[capacityPerSide];
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
            bidCount = set(bidPrices, bidQtys, bidCount, e.bidPrices[i], e.bidQtys[i], true);
        }
        for (int i = 0; i < e.askCount; i++)
        {
            askCount = set(askPrices, askQtys, askCount, e.askPrices[i], e.askQtys[i], false);
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
        return bidPrices[bestFirst(i, bidCount)];
    }

    public long bidQty(final int i)
    {
        return bidQtys[bestFirst(i, bidCount)];
    }

    /** @param i 0 for the best ask. */
    public long askPrice(final int i)
    {
        return askPrices[bestFirst(i, askCount)];
    }

    public long askQty(final int i)
    {
        return askQtys[bestFirst(i, askCount)];
    }

    /** True when both sides are non-empty and the best bid is at or above the best ask. */
    public boolean isCrossed()
    {
        return bidCount > 0 && askCount > 0 && bidPrices[bidCount - 1] >= askPrices[askCount - 1];
    }

    /** Levels dropped because a side was full, since construction. */
    public long droppedLevels()
    {
        return droppedLevels;
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
     * Sets one level of a side stored worst first. Bids ascend (the worst bid is the lowest), asks descend, so
     * "better" is "greater" for bids and "smaller" for asks; {@code key} maps both to one ascending order.
     *
     * @return the side's new level count.
     */
    private int set(
        final long[] prices, final long[] qtys, final int count, final long price, final long qty, final boolean bid)
    {
        final long key = bid ? price : -price;
        int low = 0;
        int high = count - 1;
        while (low <= high)
        {
            final int mid = (low + high) >>> 1;
            final long midKey = bid ? prices[mid] : -prices[mid];
            if (midKey < key)
            {
                low = mid + 1;
            }
            else if (midKey > key)
            {
                high = mid - 1;
            }
            else
            {
                if (qty == 0)
                {
                    System.arraycopy(prices, mid + 1, prices, mid, count - mid - 1);
                    System.arraycopy(qtys, mid + 1, qtys, mid, count - mid - 1);
                    return count - 1;
                }
                qtys[mid] = qty;
                return count;
            }
        }
        if (qty == 0)
        {
            // Removing a level the book does not hold is normal: it lay beyond the snapshot's depth.
            return count;
        }
        int insertAt = low;
        int newCount = count + 1;
        if (count == capacityPerSide)
        {
            droppedLevels++;
            if (insertAt == 0)
            {
                return count;
            }
            System.arraycopy(prices, 1, prices, 0, insertAt - 1);
            System.arraycopy(qtys, 1, qtys, 0, insertAt - 1);
            insertAt--;
            newCount = count;
        }
        else
        {
            System.arraycopy(prices, insertAt, prices, insertAt + 1, count - insertAt);
            System.arraycopy(qtys, insertAt, qtys, insertAt + 1, count - insertAt);
        }
        prices[insertAt] = price;
        qtys[insertAt] = qty;
        return newCount;
    }
}
