package io.mmfleet.venuesim.binance;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The parameters of one request (REST form or WS API params), read by name. Every read is remembered so that a
 * parameter the endpoint never read is reported as Binance does (-1104), and every malformed one gets Binance's
 * error for it.
 */
public final class RequestParams
{
    static final String INTEGER_RANGE = "^[0-9]{1,20}$";
    static final String SYMBOL_RANGE = "^[A-Z0-9-_.]{1,20}$";
    static final String CLIENT_ORDER_ID_RANGE = "^[\\.A-Z\\:/a-z0-9_-]{1,36}$";
    private static final Pattern INTEGER = Pattern.compile(INTEGER_RANGE);
    private static final Pattern SYMBOL = Pattern.compile(SYMBOL_RANGE);
    private static final Pattern CLIENT_ORDER_ID = Pattern.compile(CLIENT_ORDER_ID_RANGE);

    private final Map<String, String> values;
    private final Set<String> read = new HashSet<>();

    public RequestParams(final Map<String, String> values)
    {
        this.values = new LinkedHashMap<>(values);
    }

    public Map<String, String> asMap()
    {
        return values;
    }

    public boolean has(final String name)
    {
        final String value = values.get(name);
        return value != null && !value.isEmpty();
    }

    /** Null when absent or empty. */
    public String optional(final String name)
    {
        read.add(name);
        final String value = values.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    public String required(final String name)
    {
        final String value = optional(name);
        if (value == null)
        {
            throw new BinanceException(BinanceError.mandatoryMissing(name));
        }
        return value;
    }

    public long requiredLong(final String name)
    {
        return parseLong(name, required(name));
    }

    public long optionalLong(final String name, final long defaultValue)
    {
        final String value = optional(name);
        return value == null ? defaultValue : parseLong(name, value);
    }

    public String symbol()
    {
        final String symbol = required("symbol");
        if (!SYMBOL.matcher(symbol).matches())
        {
            throw new BinanceException(BinanceError.illegalChars("symbol", SYMBOL_RANGE));
        }
        return symbol;
    }

    /** Null when absent; Binance's legal range otherwise. */
    public String clientOrderId(final String name)
    {
        final String id = optional(name);
        if (id != null && !CLIENT_ORDER_ID.matcher(id).matches())
        {
            throw new BinanceException(BinanceError.illegalChars(name, CLIENT_ORDER_ID_RANGE));
        }
        return id;
    }

    public <E extends Enum<E>> E requiredEnum(final String name, final Class<E> type, final BinanceError invalid)
    {
        return toEnum(required(name), type, invalid);
    }

    public <E extends Enum<E>> E optionalEnum(final String name, final Class<E> type, final E defaultValue, final BinanceError invalid)
    {
        final String value = optional(name);
        return value == null ? defaultValue : toEnum(value, type, invalid);
    }

    /** -1104 if the client sent a parameter this endpoint does not take. */
    public void requireAllRead()
    {
        if (!read.containsAll(values.keySet()))
        {
            final Set<String> readAndSent = new HashSet<>(values.keySet());
            readAndSent.retainAll(read);
            throw new BinanceException(BinanceError.unreadParameters(readAndSent.size(), values.size()));
        }
    }

    /** Marks a parameter as consumed by the transport (e.g. signature, apiKey) without a typed read. */
    public void markRead(final String name)
    {
        read.add(name);
    }

    private static long parseLong(final String name, final String value)
    {
        if (!INTEGER.matcher(value).matches())
        {
            throw new BinanceException(BinanceError.illegalChars(name, INTEGER_RANGE));
        }
        try
        {
            return Long.parseLong(value);
        }
        catch (final NumberFormatException ex)
        {
            throw new BinanceException(BinanceError.parameterOverflowed(name));
        }
    }

    private static <E extends Enum<E>> E toEnum(final String value, final Class<E> type, final BinanceError invalid)
    {
        for (final E constant : type.getEnumConstants())
        {
            if (constant.name().equals(value))
            {
                return constant;
            }
        }
        throw new BinanceException(invalid);
    }
}
