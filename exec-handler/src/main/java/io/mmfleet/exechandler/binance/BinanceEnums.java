package io.mmfleet.exechandler.binance;

import io.mmfleet.exechandler.venue.VenueOrderStatus;
import io.mmfleet.sbe.OrderType;
import io.mmfleet.sbe.Side;
import io.mmfleet.sbe.TimeInForce;

/** Binance's enum texts (enums.md) to and from the fleet's enums, for the values the fleet trades. */
final class BinanceEnums
{
    private BinanceEnums()
    {
    }

    static Side side(final String text, final String where)
    {
        if ("BUY".equals(text))
        {
            return Side.BUY;
        }
        if ("SELL".equals(text))
        {
            return Side.SELL;
        }
        throw unknown("side", text, where);
    }

    static String side(final Side side)
    {
        switch (required(side, "side"))
        {
            case BUY:
                return "BUY";
            case SELL:
                return "SELL";
            default:
                throw new IllegalArgumentException("side has no Binance value: " + side);
        }
    }

    /** True for the order types the fleet trades (LIMIT, LIMIT_MAKER, MARKET). */
    static boolean isFleetOrderType(final String text)
    {
        return "LIMIT".equals(text) || "LIMIT_MAKER".equals(text) || "MARKET".equals(text);
    }

    static OrderType orderType(final String text, final String where)
    {
        if ("LIMIT".equals(text))
        {
            return OrderType.LIMIT;
        }
        if ("LIMIT_MAKER".equals(text))
        {
            return OrderType.LIMIT_MAKER;
        }
        if ("MARKET".equals(text))
        {
            return OrderType.MARKET;
        }
        throw new BinanceProtocolException(
            where + ": order type " + BinanceProtocolException.quote(text) + " is not one the fleet trades (LIMIT, LIMIT_MAKER, MARKET)");
    }

    static String orderType(final OrderType type)
    {
        switch (required(type, "order type"))
        {
            case LIMIT:
                return "LIMIT";
            case LIMIT_MAKER:
                return "LIMIT_MAKER";
            case MARKET:
                return "MARKET";
            default:
                throw new IllegalArgumentException("order type has no Binance value: " + type);
        }
    }

    static TimeInForce timeInForce(final String text, final String where)
    {
        if ("GTC".equals(text))
        {
            return TimeInForce.GTC;
        }
        if ("IOC".equals(text))
        {
            return TimeInForce.IOC;
        }
        if ("FOK".equals(text))
        {
            return TimeInForce.FOK;
        }
        throw unknown("timeInForce", text, where);
    }

    static String timeInForce(final TimeInForce tif)
    {
        switch (required(tif, "time in force"))
        {
            case GTC:
                return "GTC";
            case IOC:
                return "IOC";
            case FOK:
                return "FOK";
            default:
                throw new IllegalArgumentException("time in force has no Binance value: " + tif);
        }
    }

    static VenueOrderStatus status(final String text, final String where)
    {
        switch (text == null ? "" : text)
        {
            case "NEW":
                return VenueOrderStatus.NEW;
            case "PARTIALLY_FILLED":
                return VenueOrderStatus.PARTIALLY_FILLED;
            case "FILLED":
                return VenueOrderStatus.FILLED;
            case "PENDING_CANCEL":
                return VenueOrderStatus.PENDING_CANCEL;
            case "CANCELED":
                return VenueOrderStatus.CANCELED;
            case "REJECTED":
                return VenueOrderStatus.REJECTED;
            case "EXPIRED":
                return VenueOrderStatus.EXPIRED;
            case "EXPIRED_IN_MATCH":
                return VenueOrderStatus.EXPIRED_IN_MATCH;
            default:
                throw unknown("order status", text, where);
        }
    }

    private static <E extends Enum<E>> E required(final E value, final String what)
    {
        if (value == null)
        {
            throw new IllegalArgumentException(what + " is missing");
        }
        return value;
    }

    private static BinanceProtocolException unknown(final String what, final String text, final String where)
    {
        return new BinanceProtocolException(where + ": unknown " + what + " " + BinanceProtocolException.quote(text));
    }
}
