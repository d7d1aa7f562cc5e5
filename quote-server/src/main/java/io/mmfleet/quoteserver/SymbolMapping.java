package io.mmfleet.quoteserver;

import java.util.Locale;

/**
 * One venue symbol and what the fleet calls it: the instrument from the INI {@code [instruments]}
 * table and the decimals the venue quotes prices and quantities in (its tick and step sizes), which
 * become the mantissa exponents of every published price and quantity.
 */
public record SymbolMapping(String venueSymbol, String instrumentName, int instrumentId, int priceScale, int qtyScale)
{
    public SymbolMapping
    {
        if (!venueSymbol.matches("[A-Z0-9]{1,20}"))
        {
            throw new IllegalArgumentException("venue symbol must be 1..20 upper-case letters and digits: '" + venueSymbol + "'");
        }
        if (priceScale < 0 || priceScale > io.mmfleet.bus.config.VenueSymbolListType.MAX_SCALE || qtyScale < 0 || qtyScale > io.mmfleet.bus.config.VenueSymbolListType.MAX_SCALE)
        {
            throw new IllegalArgumentException("scales must be 0.." + io.mmfleet.bus.config.VenueSymbolListType.MAX_SCALE + ": " + priceScale + ", " + qtyScale);
        }
    }

    /** The stream-name form Binance uses: lower case. */
    public String streamSymbol()
    {
        return venueSymbol.toLowerCase(Locale.ROOT);
    }

    public String diffDepthStream()
    {
        return streamSymbol() + "@depth@100ms";
    }

    public String tradeStream()
    {
        return streamSymbol() + "@trade";
    }
}
