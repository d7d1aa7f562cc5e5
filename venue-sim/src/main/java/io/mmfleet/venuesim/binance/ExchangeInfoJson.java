package io.mmfleet.venuesim.binance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmfleet.venuesim.engine.InstrumentSpec;

import java.util.Set;

/** GET /api/v3/exchangeInfo: the venue's rate limits and, per symbol, PRICE_FILTER, LOT_SIZE and NOTIONAL. */
final class ExchangeInfoJson
{
    private ExchangeInfoJson()
    {
    }

    /** {@code only} empty renders every symbol. */
    static ObjectNode render(final Instruments instruments, final Set<String> only, final RateLimitConfig limits,
        final long serverTimeMs)
    {
        final ObjectNode node = BinanceJson.MAPPER.createObjectNode();
        node.put("timezone", "UTC");
        node.put("serverTime", serverTimeMs);
        final ArrayNode rateLimits = node.putArray("rateLimits");
        rateLimit(rateLimits, "REQUEST_WEIGHT", "MINUTE", 1, limits.requestWeightPerMinute());
        rateLimit(rateLimits, "ORDERS", "SECOND", 10, limits.ordersPer10s());
        rateLimit(rateLimits, "ORDERS", "DAY", 1, limits.ordersPerDay());
        node.putArray("exchangeFilters");
        final ArrayNode symbols = node.putArray("symbols");
        for (final InstrumentSpec spec : instruments.all())
        {
            if (only.isEmpty() || only.contains(spec.symbol()))
            {
                symbol(symbols.addObject(), instruments, spec);
            }
        }
        node.putArray("sors");
        return node;
    }

    private static void rateLimit(final ArrayNode target, final String type, final String interval, final int num,
        final long limit)
    {
        final ObjectNode node = target.addObject();
        node.put("rateLimitType", type);
        node.put("interval", interval);
        node.put("intervalNum", num);
        node.put("limit", limit);
    }

    private static void symbol(final ObjectNode node, final Instruments instruments, final InstrumentSpec spec)
    {
        node.put("symbol", spec.symbol());
        node.put("status", "TRADING");
        node.put("baseAsset", spec.baseAsset());
        node.put("baseAssetPrecision", instruments.assetScale(spec.baseAsset()));
        node.put("quoteAsset", spec.quoteAsset());
        node.put("quotePrecision", instruments.assetScale(spec.quoteAsset()));
        node.put("quoteAssetPrecision", instruments.assetScale(spec.quoteAsset()));
        node.put("baseCommissionPrecision", instruments.assetScale(spec.baseAsset()));
        node.put("quoteCommissionPrecision", instruments.assetScale(spec.quoteAsset()));
        node.putArray("orderTypes").add("LIMIT").add("LIMIT_MAKER").add("MARKET");
        node.put("icebergAllowed", false);
        node.put("ocoAllowed", false);
        node.put("otoAllowed", false);
        node.put("quoteOrderQtyMarketAllowed", true);
        node.put("allowTrailingStop", false);
        node.put("cancelReplaceAllowed", false);
        node.put("amendAllowed", false);
        node.put("isSpotTradingAllowed", true);
        node.put("isMarginTradingAllowed", false);
        final ArrayNode filters = node.putArray("filters");
        final ObjectNode price = filters.addObject();
        price.put("filterType", "PRICE_FILTER");
        price.put("minPrice", instruments.price(spec, spec.minPrice()));
        price.put("maxPrice", instruments.price(spec, spec.maxPrice()));
        price.put("tickSize", instruments.price(spec, spec.tickSize()));
        final ObjectNode lot = filters.addObject();
        lot.put("filterType", "LOT_SIZE");
        lot.put("minQty", instruments.qty(spec, spec.minQty()));
        lot.put("maxQty", instruments.qty(spec, spec.maxQty()));
        lot.put("stepSize", instruments.qty(spec, spec.stepSize()));
        final ObjectNode notional = filters.addObject();
        notional.put("filterType", "NOTIONAL");
        notional.put("minNotional", instruments.quote(spec, spec.minNotional()));
        notional.put("applyMinToMarket", true);
        // The engine's 0 means "no maximum"; Binance always prints a bound, so print the largest representable one.
        notional.put("maxNotional", instruments.quote(spec, spec.maxNotional() == 0 ? Long.MAX_VALUE : spec.maxNotional()));
        notional.put("applyMaxToMarket", false);
        notional.put("avgPriceMins", 0);
        node.putArray("permissions");
        node.putArray("permissionSets").addArray().add("SPOT");
        node.put("defaultSelfTradePreventionMode", "NONE");
        node.putArray("allowedSelfTradePreventionModes").add("NONE").add("EXPIRE_TAKER").add("EXPIRE_MAKER")
            .add("EXPIRE_BOTH");
    }
}
