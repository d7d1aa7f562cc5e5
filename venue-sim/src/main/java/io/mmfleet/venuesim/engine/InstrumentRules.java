package io.mmfleet.venuesim.engine;

import static io.mmfleet.venuesim.engine.EngineReject.Reason;

/**
 * Checks an instrument definition once, and each order against its filters before the book is touched. A malformed
 * request (a programming error of the front end) is an IllegalArgumentException; a well-formed order the venue
 * refuses is an {@link EngineReject}.
 */
final class InstrumentRules
{
    private InstrumentRules()
    {
    }

    static void validate(final InstrumentSpec spec, final Asset base, final Asset quote)
    {
        final String symbol = spec.symbol();
        require(spec.priceScale() >= 0 && spec.qtyScale() >= 0, symbol, "scales must not be negative");
        // Exact notionals: price × qty must be representable at the quote asset's scale, qty at the base's.
        require(spec.priceScale() + spec.qtyScale() <= quote.scale(), symbol,
            "priceScale + qtyScale must not exceed the scale of " + quote.code() + " (" + quote.scale() + ")");
        require(spec.qtyScale() <= base.scale(), symbol,
            "qtyScale must not exceed the scale of " + base.code() + " (" + base.scale() + ")");
        require(spec.tickSize() > 0, symbol, "tickSize must be positive");
        require(spec.stepSize() > 0, symbol, "stepSize must be positive");
        require(spec.minPrice() >= 0 && spec.minPrice() % spec.tickSize() == 0, symbol,
            "minPrice must be a non-negative multiple of tickSize");
        require(spec.maxPrice() == 0 || spec.maxPrice() >= spec.minPrice(), symbol, "maxPrice below minPrice");
        require(spec.minQty() >= 0 && spec.minQty() % spec.stepSize() == 0, symbol,
            "minQty must be a non-negative multiple of stepSize");
        require(spec.maxQty() > 0 && spec.maxQty() >= spec.minQty(), symbol, "maxQty must be positive and >= minQty");
        require(spec.minNotional() >= 0, symbol, "minNotional must not be negative");
        require(spec.maxNotional() == 0 || spec.maxNotional() >= spec.minNotional(), symbol,
            "maxNotional below minNotional");
        require(spec.maxQty() <= Long.MAX_VALUE / FixedPoint.pow10(base.scale() - spec.qtyScale()), symbol,
            "maxQty overflows at the scale of " + base.code());
    }

    static void checkShape(final NewOrder request)
    {
        if (request.side() == null || request.type() == null || request.tif() == null || request.stpMode() == null)
        {
            throw new IllegalArgumentException("side, type, tif and stpMode are required: " + request);
        }
        if (request.clientOrderId() != null && request.clientOrderId().isEmpty())
        {
            throw new IllegalArgumentException("clientOrderId is empty; pass null to have one assigned");
        }
        if (request.type() == OrderType.MARKET)
        {
            if (request.price() != 0)
            {
                throw new IllegalArgumentException("a MARKET order takes no price, got " + request.price());
            }
            if ((request.qty() != 0) == (request.quoteOrderQty() != 0))
            {
                throw new IllegalArgumentException("a MARKET order needs exactly one of qty and quoteOrderQty");
            }
        }
        else if (request.quoteOrderQty() != 0)
        {
            throw new IllegalArgumentException("quoteOrderQty is only for MARKET orders");
        }
    }

    static void checkFilters(final OrderBook book, final NewOrder request)
    {
        final InstrumentSpec spec = book.spec;
        if (request.type() != OrderType.MARKET)
        {
            checkPrice(spec, request.price());
            checkQty(spec, request.qty());
            final long notional;
            try
            {
                notional = book.notional(request.price(), request.qty());
            }
            catch (final ArithmeticException ex)
            {
                throw new EngineReject(Reason.NOTIONAL,
                    "notional of " + request.qty() + " at " + request.price() + " overflows");
            }
            checkNotional(spec, notional);
        }
        else if (request.quoteOrderQty() != 0)
        {
            if (request.quoteOrderQty() < 0)
            {
                throw new EngineReject(Reason.NOTIONAL, "quoteOrderQty must be positive");
            }
            checkNotional(spec, request.quoteOrderQty());
        }
        else
        {
            checkQty(spec, request.qty());
        }
    }

    static void checkNotional(final InstrumentSpec spec, final long notional)
    {
        if (notional < spec.minNotional())
        {
            throw new EngineReject(Reason.NOTIONAL, "notional " + notional + " below minNotional " +
                spec.minNotional());
        }
        if (spec.maxNotional() != 0 && notional > spec.maxNotional())
        {
            throw new EngineReject(Reason.NOTIONAL, "notional " + notional + " above maxNotional " +
                spec.maxNotional());
        }
    }

    private static void checkPrice(final InstrumentSpec spec, final long price)
    {
        if (price <= 0 || price < spec.minPrice() || (spec.maxPrice() != 0 && price > spec.maxPrice()))
        {
            throw new EngineReject(Reason.PRICE_FILTER, "price " + price + " outside [" + spec.minPrice() + ", " +
                (spec.maxPrice() == 0 ? "unbounded" : spec.maxPrice()) + "]");
        }
        if (price % spec.tickSize() != 0)
        {
            throw new EngineReject(Reason.PRICE_FILTER, "price " + price + " is not a multiple of tickSize " +
                spec.tickSize());
        }
    }

    private static void checkQty(final InstrumentSpec spec, final long qty)
    {
        if (qty <= 0 || qty < spec.minQty() || qty > spec.maxQty())
        {
            throw new EngineReject(Reason.LOT_SIZE, "qty " + qty + " outside [" + spec.minQty() + ", " +
                spec.maxQty() + "]");
        }
        if (qty % spec.stepSize() != 0)
        {
            throw new EngineReject(Reason.LOT_SIZE, "qty " + qty + " is not a multiple of stepSize " +
                spec.stepSize());
        }
    }

    private static void require(final boolean condition, final String symbol, final String message)
    {
        if (!condition)
        {
            throw new IllegalArgumentException("instrument " + symbol + ": " + message);
        }
    }
}
