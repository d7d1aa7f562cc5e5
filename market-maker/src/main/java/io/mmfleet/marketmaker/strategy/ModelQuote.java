package io.mmfleet.marketmaker.strategy;

/**
 * What a {@link QuoteModel} proposes, in price units (doubles: model math only, never sent):
 * the reservation price and the bid and ask around it. Reused by its owner; a model overwrites
 * every field on each call.
 */
public final class ModelQuote
{
    double reservationPrice;
    double bidPrice;
    double askPrice;

    public double reservationPrice()
    {
        return reservationPrice;
    }

    public double bidPrice()
    {
        return bidPrice;
    }

    public double askPrice()
    {
        return askPrice;
    }

    /** Sets all three; for models outside this package. */
    public void set(final double reservationPrice, final double bidPrice, final double askPrice)
    {
        this.reservationPrice = reservationPrice;
        this.bidPrice = bidPrice;
        this.askPrice = askPrice;
    }
}
