package io.mmfleet.exechandler.binance;

import com.fasterxml.jackson.databind.JsonNode;
import io.mmfleet.exechandler.venue.VenueError;

import java.util.List;

/**
 * One text frame from the Binance WebSocket API: the response to a request, or a user-data event.
 *
 * @param kind           RESPONSE or EVENT
 * @param id             RESPONSE: the request's id as text (null if the venue echoed null)
 * @param status         RESPONSE: the HTTP-like status (200 success, 4xx refused, 5xx unknown)
 * @param result         RESPONSE: the result on success, else null
 * @param error          RESPONSE: the mapped error on failure, else null
 * @param rateLimits     RESPONSE: the rate limiters the request touched (may be empty)
 * @param retryAfterEpochMs RESPONSE: when an IP ban or throttle ends ({@code error.data.retryAfter}
 *                       of a 429/418, epoch ms), 0 if the answer has none
 * @param subscriptionId EVENT: the user-data subscription it belongs to, -1 if the frame had none
 * @param eventType      EVENT: the event's "e" field, e.g. executionReport
 * @param event          EVENT: the event object
 */
public record WsApiMessage(
    Kind kind,
    String id,
    int status,
    JsonNode result,
    VenueError error,
    List<RateLimitUsage> rateLimits,
    long retryAfterEpochMs,
    long subscriptionId,
    String eventType,
    JsonNode event)
{
    public enum Kind
    {
        RESPONSE,
        EVENT
    }

    static WsApiMessage response(
        final String id, final int status, final JsonNode result, final VenueError error, final List<RateLimitUsage> rateLimits,
        final long retryAfterEpochMs)
    {
        return new WsApiMessage(Kind.RESPONSE, id, status, result, error, rateLimits, retryAfterEpochMs, -1, null, null);
    }

    static WsApiMessage event(final long subscriptionId, final String eventType, final JsonNode event)
    {
        return new WsApiMessage(Kind.EVENT, null, 0, null, null, List.of(), 0, subscriptionId, eventType, event);
    }

    /**
     * A failed response whose outcome the docs call unknown: a 5xx status, or an error code
     * {@link BinanceErrors#isOutcomeUnknown} names. The request may have taken effect.
     */
    public boolean isOutcomeUnknown()
    {
        return kind == Kind.RESPONSE && error != null && (status >= 500 || BinanceErrors.isOutcomeUnknown(error.code()));
    }
}
