package io.mmfleet.oms.core;

import org.agrona.collections.Int2ObjectHashMap;

import java.util.List;

/**
 * Every limit pre-trade risk applies, as the {@code [oms]} section sets them. Immutable; a reload
 * builds a new one and hands it to {@link PreTradeRisk#limits(RiskLimits)}.
 */
public final class RiskLimits
{
    /** Decimals PnL is kept at (quote units): 10^-8 is finer than any venue's quote precision. */
    public static final int PNL_SCALE = 8;

    private final Int2ObjectHashMap<InstrumentLimits> byInstrument = new Int2ObjectHashMap<>();
    private final int priceCollarBps;
    private final long dailyLossLimit;
    private final long positionStaleNs;
    private final long marketDataStaleNs;

    /**
     * @param instruments       per-instrument scales and limits; an order on any other instrument is refused
     * @param priceCollarBps    largest distance of a limit price from mid, in basis points of mid
     * @param dailyLossLimit    largest loss of the day, quote units at {@link #PNL_SCALE}, positive
     * @param positionStaleNs   positions older than this refuse new orders
     * @param marketDataStaleNs a book older than this refuses new orders
     */
    public RiskLimits(
        final List<InstrumentLimits> instruments,
        final int priceCollarBps,
        final long dailyLossLimit,
        final long positionStaleNs,
        final long marketDataStaleNs)
    {
        if (priceCollarBps < 1 || dailyLossLimit <= 0 || positionStaleNs <= 0 || marketDataStaleNs <= 0)
        {
            throw new IllegalArgumentException("collar, daily loss limit and staleness bounds must be positive");
        }
        for (final InstrumentLimits limits : instruments)
        {
            if (byInstrument.put(limits.instrumentId(), limits) != null)
            {
                throw new IllegalArgumentException("instrument " + limits.instrumentId() + " given twice");
            }
        }
        this.priceCollarBps = priceCollarBps;
        this.dailyLossLimit = dailyLossLimit;
        this.positionStaleNs = positionStaleNs;
        this.marketDataStaleNs = marketDataStaleNs;
    }

    /** The instrument's limits, or null if the OMS does not trade it. */
    public InstrumentLimits instrument(final int instrumentId)
    {
        return byInstrument.get(instrumentId);
    }

    public int priceCollarBps()
    {
        return priceCollarBps;
    }

    public long dailyLossLimit()
    {
        return dailyLossLimit;
    }

    public long positionStaleNs()
    {
        return positionStaleNs;
    }

    public long marketDataStaleNs()
    {
        return marketDataStaleNs;
    }
}
