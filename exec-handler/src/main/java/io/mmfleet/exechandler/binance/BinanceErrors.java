package io.mmfleet.exechandler.binance;

import com.fasterxml.jackson.databind.JsonNode;
import io.mmfleet.exechandler.venue.VenueError;
import io.mmfleet.sbe.RejectReason;

import java.util.Locale;

/**
 * Binance error codes and messages (errors.md, "Error codes for Binance", and its tables of
 * matching-engine messages and filter failures) mapped to the fleet's {@link RejectReason}.
 * Codes are universal but messages vary, so a message is matched by the documented phrase it
 * contains, case-insensitively.
 */
public final class BinanceErrors
{
    private static final JsonMessages JSON = new JsonMessages();

    private BinanceErrors()
    {
    }

    /** The venue error for {@code code} and {@code msg} (msg may be null). */
    public static VenueError error(final int code, final String msg)
    {
        final String message = msg == null ? "" : msg;
        return new VenueError(code, message, reason(code, message));
    }

    /**
     * True for the codes whose docs say the execution status is unknown (-1006 UNEXPECTED_RESP,
     * -1007 TIMEOUT) or that report an internal failure without saying the request was not
     * executed (-1000 UNKNOWN, -1001 DISCONNECTED): the request may have taken effect, so its
     * order must be looked up rather than assumed refused.
     */
    public static boolean isOutcomeUnknown(final int code)
    {
        return code == -1000 || code == -1001 || code == -1006 || code == -1007;
    }

    /**
     * A REST error body, {@code {"code":-1121,"msg":"Invalid symbol."}}.
     *
     * @throws BinanceProtocolException if the body is not that shape
     */
    public static VenueError parseErrorBody(final String json)
    {
        final JsonNode root = JSON.readObject(json, "REST error body");
        return errorObject(root, "REST error body");
    }

    static VenueError errorObject(final JsonNode node, final String where)
    {
        final int code = JsonFields.requiredInt(node, "code", where);
        final String msg = JsonFields.requiredText(node, "msg", where);
        return error(code, msg);
    }

    private static RejectReason reason(final int code, final String message)
    {
        switch (code)
        {
            case -1003: // TOO_MANY_REQUESTS: request weight
            case -1015: // TOO_MANY_ORDERS: order rate
            case -1008: // SERVER_BUSY: "try again in a few minutes"
                return RejectReason.THROTTLED;
            case -2011: // CANCEL_REJECTED: "Unknown order sent." (also after the order filled)
            case -2013: // NO_SUCH_ORDER
            case -2026: // ORDER_ARCHIVED: canceled or expired without fills over 90 days ago
                return RejectReason.UNKNOWN_ORDER;
            case -1013: // INVALID_MESSAGE: filter failures
            case -1010: // ERROR_MSG_RECEIVED
            case -2010: // NEW_ORDER_REJECTED
                return byMessage(message);
            default:
                return RejectReason.VENUE_REJECT;
        }
    }

    private static RejectReason byMessage(final String message)
    {
        final String m = message.toLowerCase(Locale.ROOT);
        if (m.contains("would immediately match and take"))
        {
            return RejectReason.POST_ONLY_WOULD_CROSS;
        }
        if (m.contains("insufficient balance"))
        {
            return RejectReason.INSUFFICIENT_BALANCE;
        }
        if (m.contains("duplicate order sent"))
        {
            return RejectReason.DUPLICATE_ID;
        }
        if (m.contains("unknown order sent"))
        {
            return RejectReason.UNKNOWN_ORDER;
        }
        if (m.contains("filter failure:"))
        {
            return byFilter(m);
        }
        return RejectReason.VENUE_REJECT;
    }

    private static RejectReason byFilter(final String m)
    {
        // PERCENT_PRICE and PERCENT_PRICE_BY_SIDE bound the price around the average price: a
        // collar, not a tick violation, and must be tested before PRICE_FILTER's own name.
        if (m.contains("percent_price"))
        {
            return RejectReason.PRICE_COLLAR;
        }
        if (m.contains("price_filter"))
        {
            return RejectReason.PRICE_TICK;
        }
        if (m.contains("lot_size")) // LOT_SIZE and MARKET_LOT_SIZE
        {
            return RejectReason.QTY_LOT;
        }
        if (m.contains("notional")) // NOTIONAL and MIN_NOTIONAL
        {
            return RejectReason.MIN_NOTIONAL;
        }
        if (m.contains("max_position"))
        {
            return RejectReason.MAX_POSITION;
        }
        return RejectReason.VENUE_REJECT;
    }
}
