package io.mmfleet.exechandler.binance;

import com.fasterxml.jackson.databind.JsonNode;
import io.mmfleet.exechandler.venue.UpdateOrigin;
import io.mmfleet.exechandler.venue.VenueFill;
import io.mmfleet.exechandler.venue.VenueOrderUpdate;
import io.mmfleet.exechandler.venue.VenueSymbol;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the bodies of the Binance REST responses the exec-handler uses (rest-api docs: "Check
 * server time", "Exchange information", "Account information", "Query order", "Current open
 * orders", "Account trade list"). Thread-safe. Every malformed body is a
 * {@link BinanceProtocolException}.
 */
public final class RestParser
{
    private final JsonMessages json = new JsonMessages();

    /** GET /api/v3/time: serverTime, epoch ms. */
    public long serverTime(final String body)
    {
        return JsonFields.requiredLong(json.readObject(body, "time"), "serverTime", "time");
    }

    /**
     * GET /api/v3/exchangeInfo: the rules of each wanted symbol, in the order asked. A wanted
     * symbol missing from the body, or a filter value with more decimals than the symbol's scale
     * (the INI's scale would then be wrong), is an error naming the symbol.
     */
    public List<InstrumentRules> exchangeInfo(final String body, final List<VenueSymbol> wanted)
    {
        final JsonNode symbols = JsonFields.requiredArray(json.readObject(body, "exchangeInfo"), "symbols", "exchangeInfo");
        final List<InstrumentRules> rules = new ArrayList<>(wanted.size());
        for (final VenueSymbol symbol : wanted)
        {
            rules.add(rules(find(symbols, symbol), symbol));
        }
        return List.copyOf(rules);
    }

    /** GET /api/v3/account: the balances, at AMOUNT_SCALE. */
    public List<Balance> account(final String body)
    {
        final JsonNode balances = JsonFields.requiredArray(json.readObject(body, "account"), "balances", "account");
        final List<Balance> out = new ArrayList<>(balances.size());
        for (int i = 0; i < balances.size(); i++)
        {
            final String at = "account balances[" + i + "]";
            final JsonNode balance = object(balances.get(i), at);
            out.add(new Balance(
                JsonFields.requiredText(balance, "asset", at),
                JsonFields.requiredDecimal(balance, "free", VenueSymbol.AMOUNT_SCALE, at),
                JsonFields.requiredDecimal(balance, "locked", VenueSymbol.AMOUNT_SCALE, at)));
        }
        return List.copyOf(out);
    }

    /** GET /api/v3/order: the order as a LOOKUP update. */
    public VenueOrderUpdate order(final String body, final VenueSymbol symbol)
    {
        return OrderReports.update(json.readObject(body, "order"), UpdateOrigin.LOOKUP, symbol, "order");
    }

    /**
     * GET /api/v3/openOrders?symbol=: each open order as a LOOKUP update. Orders of types the
     * fleet never places (stop and take-profit orders someone placed by hand) are skipped: they
     * cannot be represented, and are not the fleet's to track.
     */
    public List<VenueOrderUpdate> openOrders(final String body, final VenueSymbol symbol)
    {
        final JsonNode orders = json.readArray(body, "openOrders");
        final List<VenueOrderUpdate> out = new ArrayList<>(orders.size());
        for (int i = 0; i < orders.size(); i++)
        {
            final String at = "openOrders[" + i + "]";
            final JsonNode order = object(orders.get(i), at);
            if (!BinanceEnums.isFleetOrderType(JsonFields.requiredText(order, "type", at)))
            {
                continue;
            }
            out.add(OrderReports.update(order, UpdateOrigin.LOOKUP, symbol, at));
        }
        return List.copyOf(out);
    }

    /**
     * GET /api/v3/myTrades: each trade as a fill, quote quantity and commission as the venue
     * states them (quoteQty, commission) at AMOUNT_SCALE.
     */
    public List<VenueFill> myTrades(final String body, final VenueSymbol symbol)
    {
        final JsonNode trades = json.readArray(body, "myTrades");
        final List<VenueFill> out = new ArrayList<>(trades.size());
        for (int i = 0; i < trades.size(); i++)
        {
            final String at = "myTrades[" + i + "]";
            final JsonNode trade = object(trades.get(i), at);
            OrderReports.checkSymbol(trade, "symbol", symbol, at);
            out.add(new VenueFill(
                JsonFields.requiredLong(trade, "id", at),
                JsonFields.requiredLong(trade, "orderId", at),
                JsonFields.requiredDecimal(trade, "price", symbol.priceScale(), at),
                JsonFields.requiredDecimal(trade, "qty", symbol.qtyScale(), at),
                JsonFields.requiredDecimal(trade, "quoteQty", VenueSymbol.AMOUNT_SCALE, at),
                JsonFields.requiredDecimal(trade, "commission", VenueSymbol.AMOUNT_SCALE, at),
                JsonFields.requiredText(trade, "commissionAsset", at),
                JsonFields.requiredBoolean(trade, "isMaker", at),
                JsonFields.requiredLong(trade, "time", at)));
        }
        return List.copyOf(out);
    }

    private static JsonNode find(final JsonNode symbols, final VenueSymbol symbol)
    {
        for (int i = 0; i < symbols.size(); i++)
        {
            final JsonNode entry = object(symbols.get(i), "exchangeInfo symbols[" + i + "]");
            if (symbol.venueSymbol().equals(JsonFields.requiredText(entry, "symbol", "exchangeInfo symbols[" + i + "]")))
            {
                return entry;
            }
        }
        throw new BinanceProtocolException("exchangeInfo: symbol " + symbol.venueSymbol() + " is not in the response");
    }

    private static InstrumentRules rules(final JsonNode entry, final VenueSymbol symbol)
    {
        final String where = "exchangeInfo " + symbol.venueSymbol();
        final JsonNode filters = JsonFields.requiredArray(entry, "filters", where);
        JsonNode priceFilter = null;
        JsonNode lotSize = null;
        JsonNode notional = null;
        JsonNode legacyMinNotional = null;
        for (int i = 0; i < filters.size(); i++)
        {
            final JsonNode filter = object(filters.get(i), where + " filters[" + i + "]");
            switch (JsonFields.requiredText(filter, "filterType", where + " filters[" + i + "]"))
            {
                case "PRICE_FILTER":
                    priceFilter = filter;
                    break;
                case "LOT_SIZE":
                    lotSize = filter;
                    break;
                case "NOTIONAL":
                    notional = filter;
                    break;
                case "MIN_NOTIONAL":
                    legacyMinNotional = filter;
                    break;
                default:
                    break;
            }
        }

        final int ps = symbol.priceScale();
        final int qs = symbol.qtyScale();
        final int as = VenueSymbol.AMOUNT_SCALE;
        final String pf = where + " PRICE_FILTER";
        final String ls = where + " LOT_SIZE";
        final JsonNode notionalFilter = notional != null ? notional : legacyMinNotional;
        final String nf = where + (notional != null ? " NOTIONAL" : " MIN_NOTIONAL");
        return new InstrumentRules(
            symbol,
            JsonFields.requiredText(entry, "status", where),
            JsonFields.requiredText(entry, "baseAsset", where),
            JsonFields.requiredText(entry, "quoteAsset", where),
            priceFilter == null ? 0 : JsonFields.requiredDecimal(priceFilter, "tickSize", ps, pf),
            priceFilter == null ? 0 : JsonFields.optionalDecimal(priceFilter, "minPrice", ps, 0, pf),
            priceFilter == null ? 0 : JsonFields.optionalDecimal(priceFilter, "maxPrice", ps, 0, pf),
            lotSize == null ? 0 : JsonFields.requiredDecimal(lotSize, "stepSize", qs, ls),
            lotSize == null ? 0 : JsonFields.optionalDecimal(lotSize, "minQty", qs, 0, ls),
            lotSize == null ? 0 : JsonFields.optionalDecimal(lotSize, "maxQty", qs, 0, ls),
            notionalFilter == null ? 0 : JsonFields.optionalDecimal(notionalFilter, "minNotional", as, 0, nf),
            notionalFilter == null ? 0 : JsonFields.optionalDecimal(notionalFilter, "maxNotional", as, 0, nf));
    }

    private static JsonNode object(final JsonNode node, final String where)
    {
        if (node == null || !node.isObject())
        {
            throw new BinanceProtocolException(where + ": expected an object, got " + (node == null ? "nothing" : JsonFields.describe(node)));
        }
        return node;
    }
}
