package io.mmfleet.venuesim.binance;

import io.mmfleet.venuesim.engine.Asset;
import io.mmfleet.venuesim.engine.InstrumentSpec;
import io.mmfleet.venuesim.engine.MatchingEngine;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The symbols and asset scales the front end formats numbers with, copied once from the engine at start so that I/O
 * threads never touch the engine for them (instruments do not change while the venue runs).
 */
public final class Instruments
{
    private final Map<String, InstrumentSpec> bySymbol = new LinkedHashMap<>();
    private final Map<String, Integer> assetScales = new LinkedHashMap<>();

    /** Call on the engine thread. */
    public static Instruments snapshot(final MatchingEngine engine)
    {
        final Instruments instruments = new Instruments();
        for (final InstrumentSpec spec : engine.instruments())
        {
            instruments.bySymbol.put(spec.symbol(), spec);
            for (final String code : new String[] {spec.baseAsset(), spec.quoteAsset()})
            {
                final Asset asset = engine.asset(code);
                instruments.assetScales.put(asset.code(), asset.scale());
            }
        }
        return instruments;
    }

    /** -1121 Invalid symbol for a symbol this venue does not list. */
    public InstrumentSpec spec(final String symbol)
    {
        final InstrumentSpec spec = bySymbol.get(symbol);
        if (spec == null)
        {
            throw new BinanceException(BinanceError.invalidSymbol());
        }
        return spec;
    }

    public boolean has(final String symbol)
    {
        return bySymbol.containsKey(symbol);
    }

    public Collection<InstrumentSpec> all()
    {
        return Collections.unmodifiableCollection(bySymbol.values());
    }

    public int assetScale(final String asset)
    {
        final Integer scale = assetScales.get(asset);
        if (scale == null)
        {
            throw new IllegalArgumentException("asset " + asset + " is not traded on any symbol");
        }
        return scale;
    }

    public String price(final InstrumentSpec spec, final long price)
    {
        return DecimalCodec.format(price, spec.priceScale());
    }

    public String qty(final InstrumentSpec spec, final long qty)
    {
        return DecimalCodec.format(qty, spec.qtyScale());
    }

    public String quote(final InstrumentSpec spec, final long quoteAmount)
    {
        return DecimalCodec.format(quoteAmount, assetScale(spec.quoteAsset()));
    }

    public String amount(final String asset, final long amount)
    {
        return DecimalCodec.format(amount, assetScale(asset));
    }
}
