package io.mmfleet.quoteserver.book;

/**
 * A venue message that cannot be used. {@link #kind()} is a stable short name (one of the constants here) for a
 * metric label and for logging each kind once; the message says what was wrong in this instance.
 *
 * <p>No stack trace is captured: bad input is an expected event at the venue edge, not a bug in this code.
 */
public final class MalformedMessageException extends Exception
{
    private static final long serialVersionUID = 1L;

    /** Not JSON, or JSON the tokenizer rejects. */
    public static final String MALFORMED_JSON = "malformed-json";
    /** The frame ended inside a JSON value. */
    public static final String TRUNCATED = "truncated";
    /** More bytes than the parser accepts for that kind of message. */
    public static final String OVERSIZED = "oversized";
    /** More content after the first JSON value. */
    public static final String TRAILING_DATA = "trailing-data";
    /** The top-level value (or a combined stream's {@code data}) is not an object. */
    public static final String NOT_AN_OBJECT = "not-an-object";
    /** A field holds a JSON type other than the documented one. */
    public static final String WRONG_TYPE = "wrong-type";
    /** A documented field the message needs is absent. */
    public static final String MISSING_FIELD = "missing-field";
    /** An event whose {@code e} is not one this parser handles. */
    public static final String UNKNOWN_EVENT = "unknown-event";
    /** An object that is neither an event, a combined-stream wrapper nor a reply to a request. */
    public static final String UNRECOGNIZED = "unrecognized";
    /** A price or quantity string that is not a plain non-negative decimal. */
    public static final String BAD_DECIMAL = "bad-decimal";
    /** A price or quantity with significant digits finer than the instrument's scale. */
    public static final String PRECISION = "precision";
    /** A price, quantity or id too large for a long mantissa. */
    public static final String OVERFLOW = "overflow";
    /** A price level that is not a two-element array of decimal strings. */
    public static final String BAD_LEVEL = "bad-level";
    /** A depth event whose {@code u} is below its {@code U}. */
    public static final String BAD_UPDATE_RANGE = "bad-update-range";

    /** A REST body that is the venue's error object ({@code {"code":..,"msg":..}}) instead of the data asked for. */
    public static final String VENUE_ERROR = "venue-error";

    private final String kind;

    public MalformedMessageException(final String kind, final String message)
    {
        super(kind + ": " + message, null, false, false);
        this.kind = kind;
    }

    public String kind()
    {
        return kind;
    }
}
