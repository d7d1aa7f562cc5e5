package io.mmfleet.venuesim.binance;

import java.util.Arrays;

/**
 * One side of a {@link DepthWindow}: the last quantity per price, kept as parallel primitive arrays sorted by price
 * and reused from window to window, so coalescing a change costs no boxing and no allocation once the arrays have
 * grown to the busiest window's level count. Read best first: highest price first for bids, lowest for asks.
 */
public final class WindowLevels
{
    private final boolean highestFirst;
    private long[] prices = new long[16];
    private long[] qtys = new long[16];
    private int size;

    public WindowLevels(final boolean highestFirst)
    {
        this.highestFirst = highestFirst;
    }

    /** Sets the level's quantity, replacing what the window held for that price. */
    public void put(final long price, final long qty)
    {
        final int found = Arrays.binarySearch(prices, 0, size, price);
        if (found >= 0)
        {
            qtys[found] = qty;
            return;
        }
        final int insertAt = -found - 1;
        if (size == prices.length)
        {
            prices = Arrays.copyOf(prices, 2 * size);
            qtys = Arrays.copyOf(qtys, 2 * size);
        }
        System.arraycopy(prices, insertAt, prices, insertAt + 1, size - insertAt);
        System.arraycopy(qtys, insertAt, qtys, insertAt + 1, size - insertAt);
        prices[insertAt] = price;
        qtys[insertAt] = qty;
        size++;
    }

    public int size()
    {
        return size;
    }

    /** @param rank 0 for the best price of the side. */
    public long price(final int rank)
    {
        return prices[index(rank)];
    }

    /** @param rank 0 for the best price of the side. */
    public long qty(final int rank)
    {
        return qtys[index(rank)];
    }

    public void clear()
    {
        size = 0;
    }

    private int index(final int rank)
    {
        if (rank < 0 || rank >= size)
        {
            throw new IndexOutOfBoundsException("rank " + rank + " of " + size + " levels");
        }
        return highestFirst ? size - 1 - rank : rank;
    }
}
