package io.mmfleet.marketmaker.strategy;

import io.mmfleet.sbe.ImbalanceLevel;
import io.mmfleet.sbe.SpreadReason;

/**
 * The two-sided quote the spread rules decided, rounded to the venue's tick and lot, and the
 * decisions behind it as values (the events to publish). Reused: {@link SpreadRules#apply} overwrites
 * it each time, so nothing is allocated per tick.
 *
 * <p>Scales: prices at the instrument's price scale; quantities at its quantity scale; mid and
 * reservation price at price scale + 1 (the mid of two ticks is a half tick, kept exact); spreads
 * in hundredths of a basis point; imbalance in parts per million of MAX_INVENTORY.
 */
public final class Quote
{
    boolean hasBid;
    long bidPrice;
    long bidQty;
    boolean hasAsk;
    long askPrice;
    long askQty;
    long midPrice;
    long reservationPrice;
    long spreadBpsE2;
    SpreadReason spreadReason = SpreadReason.DEFAULT_NO_ESTIMATE;
    long inventory;
    long imbalancePpm;
    ImbalanceLevel imbalanceLevel = ImbalanceLevel.NORMAL;
    boolean spreadAdjusted;
    long previousSpreadBpsE2;
    boolean imbalanceChanged;

    public boolean hasBid()
    {
        return hasBid;
    }

    public long bidPrice()
    {
        return bidPrice;
    }

    public long bidQty()
    {
        return bidQty;
    }

    public boolean hasAsk()
    {
        return hasAsk;
    }

    public long askPrice()
    {
        return askPrice;
    }

    public long askQty()
    {
        return askQty;
    }

    /** At price scale + 1. */
    public long midPrice()
    {
        return midPrice;
    }

    /** At price scale + 1, rounded half up. */
    public long reservationPrice()
    {
        return reservationPrice;
    }

    /**
     * The total spread in hundredths of a bp of the mid: of the rounded prices when both sides are
     * quoted, else of the rules' spread before rounding.
     */
    public long spreadBpsE2()
    {
        return spreadBpsE2;
    }

    /** The last rule that set the spread. */
    public SpreadReason spreadReason()
    {
        return spreadReason;
    }

    /** Net inventory q the quote was made for, at the quantity scale. */
    public long inventory()
    {
        return inventory;
    }

    /** q / MAX_INVENTORY in parts per million, signed. */
    public long imbalancePpm()
    {
        return imbalancePpm;
    }

    public ImbalanceLevel imbalanceLevel()
    {
        return imbalanceLevel;
    }

    /** Event: the spread's reason changed or it moved by at least {@link SpreadRules#SPREAD_EVENT_STEP_BPS_E2}. */
    public boolean spreadAdjusted()
    {
        return spreadAdjusted;
    }

    /** The spread last published in a SpreadAdjusted event (0 before the first). */
    public long previousSpreadBpsE2()
    {
        return previousSpreadBpsE2;
    }

    /** Event: the imbalance level differs from the one last published (the first quote publishes too). */
    public boolean imbalanceChanged()
    {
        return imbalanceChanged;
    }

    /** Copies another quote, events included. */
    public void copyFrom(final Quote other)
    {
        hasBid = other.hasBid;
        bidPrice = other.bidPrice;
        bidQty = other.bidQty;
        hasAsk = other.hasAsk;
        askPrice = other.askPrice;
        askQty = other.askQty;
        midPrice = other.midPrice;
        reservationPrice = other.reservationPrice;
        spreadBpsE2 = other.spreadBpsE2;
        spreadReason = other.spreadReason;
        inventory = other.inventory;
        imbalancePpm = other.imbalancePpm;
        imbalanceLevel = other.imbalanceLevel;
        spreadAdjusted = other.spreadAdjusted;
        previousSpreadBpsE2 = other.previousSpreadBpsE2;
        imbalanceChanged = other.imbalanceChanged;
    }

    /** Sets the sides directly, for callers building a quote without the rules (tests, a backtest's script). */
    public void setSides(final boolean hasBid, final long bidPrice, final long bidQty, final boolean hasAsk, final long askPrice, final long askQty)
    {
        this.hasBid = hasBid;
        this.bidPrice = bidPrice;
        this.bidQty = bidQty;
        this.hasAsk = hasAsk;
        this.askPrice = askPrice;
        this.askQty = askQty;
    }

    @Override
    public String toString()
    {
        return "Quote{bid=" + (hasBid ? bidQty + "@" + bidPrice : "none") + ", ask=" + (hasAsk ? askQty + "@" + askPrice : "none") +
            ", spreadBpsE2=" + spreadBpsE2 + ", reason=" + spreadReason + ", imbalancePpm=" + imbalancePpm + ", level=" + imbalanceLevel + "}";
    }
}
