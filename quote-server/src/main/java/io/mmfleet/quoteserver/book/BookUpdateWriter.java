package io.mmfleet.quoteserver.book;

import io.mmfleet.sbe.BookUpdateEncoder;

/**
 * Encodes the top levels of a {@link LocalBook} into a {@link BookUpdateEncoder}, prices and quantities as
 * {@code Decimal}s whose exponents are the negated instrument scales. Allocates nothing.
 */
public final class BookUpdateWriter
{
    private final int depth;
    private final byte priceExponent;
    private final byte qtyExponent;

    /**
     * @param depth      levels per side to publish (N); fewer when the book holds fewer.
     * @param priceScale decimal places of the price mantissas in the book.
     * @param qtyScale   decimal places of the quantity mantissas in the book.
     */
    public BookUpdateWriter(final int depth, final int priceScale, final int qtyScale)
    {
        if (depth < 1 || depth > BookUpdateEncoder.BidsEncoder.countMaxValue())
        {
            throw new IllegalArgumentException("depth must be 1.." + BookUpdateEncoder.BidsEncoder.countMaxValue() +
                ": " + depth);
        }
        this.depth = depth;
        this.priceExponent = exponent(priceScale, "priceScale");
        this.qtyExponent = exponent(qtyScale, "qtyScale");
    }

    public int depth()
    {
        return depth;
    }

    /**
     * Fills {@code encoder}, already wrapped over its buffer with the message header (e.g. by the bus publisher).
     *
     * @param venueUpdateId the book's update id (Binance {@code u} or snapshot {@code lastUpdateId}).
     * @param venueTimeNs   the venue's time of the last event applied, nanoseconds since the epoch.
     * @return the encoder, for chaining into the publish call.
     */
    public BookUpdateEncoder write(
        final BookUpdateEncoder encoder,
        final int venueId,
        final int instrumentId,
        final long venueUpdateId,
        final long venueTimeNs,
        final LocalBook book)
    {
        encoder.venueId(venueId).instrumentId(instrumentId).venueUpdateId(venueUpdateId).venueTimeNs(venueTimeNs);
        final int bidLevels = Math.min(depth, book.bidLevels());
        final BookUpdateEncoder.BidsEncoder bids = encoder.bidsCount(bidLevels);
        for (int i = 0; i < bidLevels; i++)
        {
            bids.next();
            bids.price().mantissa(book.bidPrice(i)).exponent(priceExponent);
            bids.qty().mantissa(book.bidQty(i)).exponent(qtyExponent);
        }
        final int askLevels = Math.min(depth, book.askLevels());
        final BookUpdateEncoder.AsksEncoder asks = encoder.asksCount(askLevels);
        for (int i = 0; i < askLevels; i++)
        {
            asks.next();
            asks.price().mantissa(book.askPrice(i)).exponent(priceExponent);
            asks.qty().mantissa(book.askQty(i)).exponent(qtyExponent);
        }
        return encoder;
    }

    private static byte exponent(final int scale, final String name)
    {
        if (scale < 0 || scale > 18)
        {
            throw new IllegalArgumentException(name + " must be 0..18: " + scale);
        }
        return (byte)-scale;
    }
}
