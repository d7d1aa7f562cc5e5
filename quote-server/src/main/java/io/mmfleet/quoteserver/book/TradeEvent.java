package io.mmfleet.quoteserver.book;

/** Reused holder for one parsed Binance {@code trade} event; price and quantity as mantissas at the instrument's scales. */
public final class TradeEvent
{
    /** {@code t}. */
    public long tradeId;
    /** {@code E}, milliseconds since the epoch. */
    public long eventTimeMs;
    /** {@code T}, milliseconds since the epoch. */
    public long tradeTimeMs;
    /** {@code p}. */
    public long price;
    /** {@code q}. */
    public long qty;
    /** {@code m}: true when the buyer was the maker, i.e. the aggressor sold. */
    public boolean buyerIsMaker;
    /** {@code s}. */
    public final StringBuilder symbol = new StringBuilder(16);

    public void clear()
    {
        tradeId = 0;
        eventTimeMs = 0;
        tradeTimeMs = 0;
        price = 0;
        qty = 0;
        buyerIsMaker = false;
        symbol.setLength(0);
    }

    @Override
    public String toString()
    {
        return "TradeEvent{t=" + tradeId + ", E=" + eventTimeMs + ", T=" + tradeTimeMs + ", p=" + price + ", q=" + qty +
            ", m=" + buyerIsMaker + ", s=" + symbol + '}';
    }
}
