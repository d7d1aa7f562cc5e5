package io.mmfleet.oms.core;

/**
 * Client order ids unique across restarts: {@code <strategyId>.<runId>.<counter>}, run id and
 * counter in base 36 (digits and lower-case letters). The run id is the OMS's envelope run id, new
 * at each start, so a restarted OMS never reuses an id even though its counter starts again at 1;
 * the counter makes ids unique within a run. At most 5 + 1 + 13 + 1 + 13 = 33 characters, all in
 * Binance's {@code [.A-Z:/a-z0-9_-]{1,36}}.
 * <p>
 * An id of this run is looked up by its counter alone ({@link #counterOf}), so matching a report
 * to its order needs no string. Not thread safe; allocates nothing.
 */
public final class ClientOrderIds
{
    /** Binance's limit, and the width of the schema's ClientOrderId field. */
    public static final int MAX_LENGTH = 36;
    /** {@link #counterOf} of an id that is not one of this run's. */
    public static final long NOT_THIS_RUN = -1;

    private static final int RADIX = 36;
    private static final char SEPARATOR = '.';

    private final char[] runPart;
    private long counter;

    /**
     * @param runId this OMS run's id (any int64, read unsigned)
     */
    public ClientOrderIds(final long runId)
    {
        runPart = Long.toUnsignedString(runId, RADIX).toCharArray();
    }

    /**
     * Writes the next id into {@code dst} (cleared first).
     *
     * @return the id's counter, the key {@link #counterOf} gives back for it
     */
    public long next(final int strategyId, final StringBuilder dst)
    {
        if (strategyId < 0 || strategyId > 65535)
        {
            throw new IllegalArgumentException("strategy id must be 0..65535: " + strategyId);
        }
        final long id = ++counter;
        dst.setLength(0);
        dst.append(strategyId).append(SEPARATOR).append(runPart).append(SEPARATOR);
        appendBase36(id, dst);
        return id;
    }

    /** The counter of one of this run's ids, or {@link #NOT_THIS_RUN} for any other text. */
    public long counterOf(final CharSequence id)
    {
        final int length = id.length();
        int i = 0;
        int strategyDigits = 0;
        while (i < length && id.charAt(i) >= '0' && id.charAt(i) <= '9')
        {
            i++;
            strategyDigits++;
        }
        if (strategyDigits == 0 || strategyDigits > 5 || i >= length || id.charAt(i++) != SEPARATOR)
        {
            return NOT_THIS_RUN;
        }
        if (length - i < runPart.length + 2)
        {
            return NOT_THIS_RUN;
        }
        for (final char c : runPart)
        {
            if (id.charAt(i++) != c)
            {
                return NOT_THIS_RUN;
            }
        }
        if (id.charAt(i++) != SEPARATOR)
        {
            return NOT_THIS_RUN;
        }
        long value = 0;
        final int counterStart = i;
        for (; i < length; i++)
        {
            final int digit = Character.digit(id.charAt(i), RADIX);
            final char c = id.charAt(i);
            if (digit < 0 || (c >= 'A' && c <= 'Z') || value > (Long.MAX_VALUE - digit) / RADIX)
            {
                return NOT_THIS_RUN;
            }
            value = value * RADIX + digit;
        }
        return i - counterStart > 13 || value == 0 ? NOT_THIS_RUN : value;
    }

    /** Whether Binance accepts {@code id} as a client order id: 1..36 of {@code [.A-Z:/a-z0-9_-]}. */
    public static boolean isValid(final CharSequence id)
    {
        final int length = id.length();
        if (length == 0 || length > MAX_LENGTH)
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            final char c = id.charAt(i);
            final boolean allowed = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                c == '.' || c == ':' || c == '/' || c == '_' || c == '-';
            if (!allowed)
            {
                return false;
            }
        }
        return true;
    }

    private static void appendBase36(final long value, final StringBuilder dst)
    {
        final int start = dst.length();
        long rest = value;
        do
        {
            dst.append(Character.forDigit((int)(rest % RADIX), RADIX));
            rest /= RADIX;
        }
        while (rest > 0);
        for (int left = start, right = dst.length() - 1; left < right; left++, right--)
        {
            final char tmp = dst.charAt(left);
            dst.setCharAt(left, dst.charAt(right));
            dst.setCharAt(right, tmp);
        }
    }
}
