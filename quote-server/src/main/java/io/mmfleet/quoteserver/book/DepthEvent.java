package io.mmfleet.quoteserver.book;

import java.util.Arrays;

/**
 * Reused holder for one parsed Binance diff depth event ({@code depthUpdate}) or REST depth snapshot, with prices
 * and quantities as mantissas at the instrument's scales. A quantity of 0 removes the level.
 *
 * <p>The level arrays grow when an event has more levels than they hold and are never shrunk, so a holder that has
 * seen the largest event of a stream allocates nothing more.
 */
public final class DepthEvent
{
    private static final int INITIAL_LEVELS = 64;

    /** {@code U}; for a snapshot, its {@code lastUpdateId}. */
    public long firstUpdateId;
    /** {@code u}; for a snapshot, its {@code lastUpdateId}. */
    public long finalUpdateId;
    /** {@code E} in milliseconds since the epoch; 0 for a snapshot, which carries no time. */
    public long eventTimeMs;
    /** {@code s}; empty for a snapshot, whose body does not name its symbol. */
    public final StringBuilder symbol = new StringBuilder(16);
    public int bidCount;
    public int askCount;
    public long[] bidPrices = new long[INITIAL_LEVELS];
    public long[] bidQtys = new long[INITIAL_LEVELS];
    public long[] askPrices = new long[INITIAL_LEVELS];
    public long[] askQtys = new long[INITIAL_LEVELS];

    public void clear()
    {
        firstUpdateId = 0;
        finalUpdateId = 0;
        eventTimeMs = 0;
        symbol.setLength(0);
        bidCount = 0;
        askCount = 0;
    }

    public void addBid(final long price, final long qty)
    {
        if (bidCount == bidPrices.length)
        {
            bidPrices = Arrays.copyOf(bidPrices, bidCount * 2);
            bidQtys = Arrays.copyOf(bidQtys, bidCount * 2);
        }
        bidPrices[bidCount] = price;
        bidQtys[bidCount] = qty;
        bidCount++;
    }

    public void addAsk(final long price, final long qty)
    {
        if (askCount == askPrices.length)
        {
            askPrices = Arrays.copyOf(askPrices, askCount * 2);
            askQtys = Arrays.copyOf(askQtys, askCount * 2);
        }
        askPrices[askCount] = price;
        askQtys[askCount] = qty;
        askCount++;
    }

    /** Levels per side the arrays can hold without growing. */
    public int levelCapacity()
    {
        return Math.max(bidPrices.length, askPrices.length);
    }

    /**
     * Empties the holder and, if an outsized event grew its arrays beyond {@code maxLevels}, gives them
     * back, so that one huge diff does not pin its size in a slot held for the life of the book.
     */
    public void clearAndShrink(final int maxLevels)
    {
        clear();
        if (bidPrices.length > maxLevels)
        {
            bidPrices = new long[INITIAL_LEVELS];
            bidQtys = new long[INITIAL_LEVELS];
        }
        if (askPrices.length > maxLevels)
        {
            askPrices = new long[INITIAL_LEVELS];
            askQtys = new long[INITIAL_LEVELS];
        }
    }

    /** Copies {@code source} into this holder, growing the arrays if needed; used to buffer events. */
    public void copyFrom(final DepthEvent source)
    {
        firstUpdateId = source.firstUpdateId;
        finalUpdateId = source.finalUpdateId;
        eventTimeMs = source.eventTimeMs;
        symbol.setLength(0);
        symbol.append(source.symbol);
        bidCount = 0;
        askCount = 0;
        for (int i = 0; i < source.bidCount; i++)
        {
            addBid(source.bidPrices[i], source.bidQtys[i]);
        }
        for (int i = 0; i < source.askCount; i++)
        {
            addAsk(source.askPrices[i], source.askQtys[i]);
        }
    }

    @Override
    public String toString()
    {
        return "DepthEvent{U=" + firstUpdateId + ", u=" + finalUpdateId + ", E=" + eventTimeMs + ", s=" + symbol +
            ", bids=" + bidCount + ", asks=" + askCount + '}';
    }
}
