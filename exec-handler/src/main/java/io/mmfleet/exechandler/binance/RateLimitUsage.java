package io.mmfleet.exechandler.binance;

/**
 * One Binance rate limiter's state after a request: type (REQUEST_WEIGHT, ORDERS, RAW_REQUESTS),
 * interval (SECOND, MINUTE, HOUR, DAY) times {@code intervalNum}, its {@code limit} and the
 * {@code count} used so far. A limit of 0 means the source did not say (REST headers carry only
 * the count; the limits come from exchangeInfo).
 */
public record RateLimitUsage(String rateLimitType, String interval, int intervalNum, long limit, long count)
{
}
