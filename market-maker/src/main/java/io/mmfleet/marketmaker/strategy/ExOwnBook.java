package io.mmfleet.marketmaker.strategy;

import io.mmfleet.sbe.Side;

/**
 * The market's best bid and ask with our own orders taken out. The venue's book holds our resting
 * quotes too; read as it is, a side whose market ladder was swept leaves our quote as the best
 * price, the mid moves toward it and the strategy requotes around a price it made itself. So each
 * level's quantity is reduced by what {@link QuoteManager#restingQty} says we may have resting at
 * that price: a level that is only ours disappears, a level we share keeps the rest.
 *
 * <p>Fill it per book: {@link #clear()}, then every level of each side in any order, then read
 * {@link #bestBid()} and {@link #bestAsk()} (0 for a side with nothing left but ours). Nothing is
 * allocated.
 */
public final class ExOwnBook
{
    private final QuoteManager quotes;
    private long bestBid;
    private long bestAsk;

    public ExOwnBook(final QuoteManager quotes)
    {
        this.quotes = quotes;
    }

    /** A new book: neither side has a level yet. */
    public void clear()
    {
        bestBid = 0;
        bestAsk = 0;
    }

    /**
     * One bid level, price at the price scale and quantity at the quantity scale (round a finer
     * quantity up: a residue of market quantity is still market).
     */
    public void bid(final long price, final long qty)
    {
        if (price > bestBid && qty > quotes.restingQty(Side.BUY, price))
        {
            bestBid = price;
        }
    }

    /** One ask level, as {@link #bid}. */
    public void ask(final long price, final long qty)
    {
        if (price > 0 && (bestAsk == 0 || price < bestAsk) && qty > quotes.restingQty(Side.SELL, price))
        {
            bestAsk = price;
        }
    }

    /** The highest bid with market quantity beyond ours, 0 if none. */
    public long bestBid()
    {
        return bestBid;
    }

    /** The lowest ask with market quantity beyond ours, 0 if none. */
    public long bestAsk()
    {
        return bestAsk;
    }
}
