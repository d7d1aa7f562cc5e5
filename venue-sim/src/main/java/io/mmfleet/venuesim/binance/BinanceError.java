package io.mmfleet.venuesim.binance;

/**
 * One Binance error: the HTTP status it travels with, the code and the message, as listed in Binance's
 * "Error codes for Binance" page. {@code retryAfterMs} is the epoch ms a rate-limited client may retry at
 * (0 when not rate limited).
 */
public record BinanceError(int httpStatus, int code, String msg, long retryAfterMs)
{
    public BinanceError(final int httpStatus, final int code, final String msg)
    {
        this(httpStatus, code, msg, 0);
    }

    public static BinanceError unknown()
    {
        return new BinanceError(500, -1000, "An unknown error occurred while processing the request.");
    }

    public static BinanceError timestampOutsideRecvWindow()
    {
        return new BinanceError(400, -1021, "Timestamp for this request is outside of the recvWindow.");
    }

    public static BinanceError timestampAhead()
    {
        return new BinanceError(400, -1021, "Timestamp for this request was 1000ms ahead of the server's time.");
    }

    public static BinanceError invalidSignature()
    {
        return new BinanceError(400, -1022, "Signature for this request is not valid.");
    }

    public static BinanceError illegalChars(final String param, final String legalRange)
    {
        return new BinanceError(400, -1100,
            "Illegal characters found in parameter '" + param + "'; legal range is '" + legalRange + "'.");
    }

    public static BinanceError duplicateParameter()
    {
        return new BinanceError(400, -1101, "Duplicate values for a parameter detected.");
    }

    public static BinanceError tooManyParameters()
    {
        return new BinanceError(400, -1101, "Too many parameters sent for this endpoint.");
    }

    public static BinanceError mandatoryMissing(final String param)
    {
        return new BinanceError(400, -1102,
            "Mandatory parameter '" + param + "' was not sent, was empty/null, or malformed.");
    }

    public static BinanceError eitherMissing(final String first, final String second)
    {
        return new BinanceError(400, -1102, "Param '" + first + "' or '" + second + "' must be sent, but both were empty/null!");
    }

    public static BinanceError unreadParameters(final int read, final int sent)
    {
        return new BinanceError(400, -1104,
            "Not all sent parameters were read; read '" + read + "' parameter(s) but was sent '" + sent + "'.");
    }

    public static BinanceError parameterNotRequired(final String param)
    {
        return new BinanceError(400, -1106, "Parameter '" + param + "' sent when not required.");
    }

    public static BinanceError parameterOverflowed(final String param)
    {
        return new BinanceError(400, -1108, "Parameter '" + param + "' overflowed.");
    }

    public static BinanceError badPrecision(final String param)
    {
        return new BinanceError(400, -1111, "Parameter '" + param + "' has too much precision.");
    }

    public static BinanceError invalidTimeInForce()
    {
        return new BinanceError(400, -1115, "Invalid timeInForce.");
    }

    public static BinanceError invalidOrderType()
    {
        return new BinanceError(400, -1116, "Invalid orderType.");
    }

    public static BinanceError invalidSide()
    {
        return new BinanceError(400, -1117, "Invalid side.");
    }

    public static BinanceError invalidSymbol()
    {
        return new BinanceError(400, -1121, "Invalid symbol.");
    }

    public static BinanceError invalidParameter(final String param)
    {
        return new BinanceError(400, -1130, "Data sent for parameter '" + param + "' is not valid.");
    }

    public static BinanceError badRecvWindow()
    {
        return new BinanceError(400, -1131, "recvWindow must be less than 60000");
    }

    public static BinanceError filterFailure(final String filter)
    {
        return new BinanceError(400, -1013, "Filter failure: " + filter);
    }

    public static BinanceError newOrderRejected(final String msg)
    {
        return new BinanceError(400, -2010, msg);
    }

    public static BinanceError cancelRejected(final String msg)
    {
        return new BinanceError(400, -2011, msg);
    }

    public static BinanceError orderDoesNotExist()
    {
        return new BinanceError(400, -2013, "Order does not exist.");
    }

    public static BinanceError apiKeyFormatInvalid()
    {
        return new BinanceError(401, -2014, "API-key format invalid.");
    }

    public static BinanceError rejectedApiKey()
    {
        return new BinanceError(401, -2015, "Invalid API-key, IP, or permissions for action.");
    }

    /** WS API: userDataStream.subscribe.signature for an account already subscribed on this connection. */
    public static BinanceError subscriptionActive()
    {
        return new BinanceError(400, -2035, "User Data Stream subscription already active.");
    }

    public static BinanceError moreThanHours(final int hours)
    {
        return new BinanceError(400, -1127, "More than " + hours + " hours between startTime and endTime.");
    }

    public static BinanceError optionalParamsBadCombo()
    {
        return new BinanceError(400, -1128, "Combination of optional parameters invalid.");
    }

    public static BinanceError invalidJson()
    {
        return new BinanceError(400, -1135, "Invalid JSON Request");
    }

    public static BinanceError unsupportedOperation()
    {
        return new BinanceError(400, -1020, "This operation is not supported.");
    }

    public static BinanceError tooManyRequests(final long limit, final String interval, final long retryAfterMs)
    {
        return new BinanceError(429, -1003, "Too much request weight used; current limit is " + limit
            + " request weight per " + interval + ". Please use WebSocket Streams for live updates to avoid polling the API.",
            retryAfterMs);
    }

    public static BinanceError banned(final long bannedUntilMs)
    {
        return new BinanceError(418, -1003, "Way too much request weight used; IP banned until " + bannedUntilMs
            + ". Please use WebSocket Streams for live updates to avoid bans.", bannedUntilMs);
    }

    public static BinanceError tooManyOrders(final long limit, final String interval)
    {
        return new BinanceError(429, -1015, "Too many new orders; current limit is " + limit + " orders per " + interval + ".");
    }

    public static BinanceError payloadTooLarge()
    {
        return new BinanceError(413, -1101, "Too many parameters sent for this endpoint.");
    }
}
