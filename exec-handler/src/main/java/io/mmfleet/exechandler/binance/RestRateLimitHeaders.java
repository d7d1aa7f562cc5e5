package io.mmfleet.exechandler.binance;

import java.net.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rate-limit headers of a Binance REST response (rest-api docs, "LIMITS"):
 * {@code X-MBX-USED-WEIGHT-(intervalNum)(intervalLetter)} for the IP's request weight,
 * {@code X-MBX-ORDER-COUNT-(intervalNum)(intervalLetter)} for the account's order count, and
 * {@code Retry-After} (seconds) on 429 and 418. Header names are matched case-insensitively.
 */
public final class RestRateLimitHeaders
{
    private static final String USED_WEIGHT = "x-mbx-used-weight-";
    private static final String ORDER_COUNT = "x-mbx-order-count-";

    private RestRateLimitHeaders()
    {
    }

    /**
     * One usage per interval header, e.g. X-MBX-USED-WEIGHT-1M: 12 → (REQUEST_WEIGHT, MINUTE, 1,
     * limit 0, count 12). The limit is 0 because headers carry only the count. The legacy
     * X-MBX-USED-WEIGHT without an interval is ignored: X-MBX-USED-WEIGHT-1M says the same.
     *
     * @throws BinanceProtocolException for a header of these names whose interval or count is not a number
     */
    public static List<RateLimitUsage> usage(final HttpHeaders headers)
    {
        final List<RateLimitUsage> out = new ArrayList<>(4);
        for (final Map.Entry<String, List<String>> header : headers.map().entrySet())
        {
            final String name = header.getKey().toLowerCase(Locale.ROOT);
            final String type;
            final String suffix;
            if (name.startsWith(USED_WEIGHT))
            {
                type = "REQUEST_WEIGHT";
                suffix = name.substring(USED_WEIGHT.length());
            }
            else if (name.startsWith(ORDER_COUNT))
            {
                type = "ORDERS";
                suffix = name.substring(ORDER_COUNT.length());
            }
            else
            {
                continue;
            }
            if (header.getValue().isEmpty())
            {
                continue;
            }
            out.add(new RateLimitUsage(type, interval(suffix, header.getKey()), intervalNum(suffix, header.getKey()), 0,
                count(header.getValue().get(header.getValue().size() - 1), header.getKey())));
        }
        return List.copyOf(out);
    }

    /** Retry-After in seconds, or -1 if the response has none. */
    public static long retryAfterSeconds(final HttpHeaders headers)
    {
        final var value = headers.firstValue("Retry-After");
        if (value.isEmpty())
        {
            return -1;
        }
        return count(value.get(), "Retry-After");
    }

    private static String interval(final String suffix, final String header)
    {
        if (suffix.length() < 2)
        {
            throw badHeader(header, "no interval");
        }
        switch (suffix.charAt(suffix.length() - 1))
        {
            case 's':
                return "SECOND";
            case 'm':
                return "MINUTE";
            case 'h':
                return "HOUR";
            case 'd':
                return "DAY";
            default:
                throw badHeader(header, "unknown interval letter");
        }
    }

    private static int intervalNum(final String suffix, final String header)
    {
        final String digits = suffix.substring(0, suffix.length() - 1);
        if (digits.isEmpty() || digits.length() > 6 || !digits.chars().allMatch(c -> c >= '0' && c <= '9'))
        {
            throw badHeader(header, "interval number is not a number");
        }
        return Integer.parseInt(digits);
    }

    private static long count(final String value, final String header)
    {
        final String trimmed = value.trim();
        if (trimmed.isEmpty() || trimmed.length() > 18 || !trimmed.chars().allMatch(c -> c >= '0' && c <= '9'))
        {
            throw badHeader(header, "value " + BinanceProtocolException.quote(value) + " is not a count");
        }
        return Long.parseLong(trimmed);
    }

    private static BinanceProtocolException badHeader(final String header, final String why)
    {
        return new BinanceProtocolException("rate-limit header " + BinanceProtocolException.quote(header) + ": " + why);
    }
}
