package io.mmfleet.quoteserver.book;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;

import java.io.IOException;
import java.io.OutputStream;

import static io.mmfleet.quoteserver.book.MalformedMessageException.BAD_DECIMAL;
import static io.mmfleet.quoteserver.book.MalformedMessageException.BAD_LEVEL;
import static io.mmfleet.quoteserver.book.MalformedMessageException.BAD_UPDATE_RANGE;
import static io.mmfleet.quoteserver.book.MalformedMessageException.MALFORMED_JSON;
import static io.mmfleet.quoteserver.book.MalformedMessageException.MISSING_FIELD;
import static io.mmfleet.quoteserver.book.MalformedMessageException.NOT_AN_OBJECT;
import static io.mmfleet.quoteserver.book.MalformedMessageException.OVERFLOW;
import static io.mmfleet.quoteserver.book.MalformedMessageException.OVERSIZED;
import static io.mmfleet.quoteserver.book.MalformedMessageException.PRECISION;
import static io.mmfleet.quoteserver.book.MalformedMessageException.TRAILING_DATA;
import static io.mmfleet.quoteserver.book.MalformedMessageException.TRUNCATED;
import static io.mmfleet.quoteserver.book.MalformedMessageException.UNKNOWN_EVENT;
import static io.mmfleet.quoteserver.book.MalformedMessageException.UNRECOGNIZED;
import static io.mmfleet.quoteserver.book.MalformedMessageException.VENUE_ERROR;
import static io.mmfleet.quoteserver.book.MalformedMessageException.WRONG_TYPE;

/**
 * Parses Binance Spot market data: diff depth ({@code depthUpdate}) and {@code trade} events, raw or wrapped in a
 * combined stream's {@code {"stream":..,"data":..}}, replies to subscription requests, and the REST
 * {@code /api/v3/depth} snapshot. Prices and quantities become long mantissas at the instrument's scales without
 * {@code BigDecimal}.
 *
 * <p>Stream frames go through one Jackson non-blocking parser that is fed frame after frame, so a well-formed
 * frame allocates nothing once the level arrays and the name table have warmed up. Field order within an object is
 * not relied on. The one hot message, a combined-stream {@code depthUpdate} text frame in Binance's exact shape, is
 * first offered to {@link DepthUpdateScanner}, which reads it without Jackson or the UTF-8 copy and leaves every
 * frame it is not certain of to Jackson. A frame that fails is reported as a {@link MalformedMessageException} and the parser is replaced,
 * so one bad frame never affects the next. Not thread-safe: one instance per event loop (and per instrument scale).
 */
public final class BinanceMarketParser
{
    public enum Kind
    {
        /** A {@code depthUpdate} event, in the depth holder. */
        DEPTH_UPDATE,
        /** A {@code trade} event, in the trade holder. */
        TRADE,
        /** A successful reply to a request ({@code {"result":..,"id":..}}); see {@link #replyId()}. */
        SUBSCRIBE_REPLY,
        /** An error reply to a request ({@code {"error":{"code":..,"msg":..},"id":..}}); see {@link #errorCode()}. */
        OTHER
    }

    /** Stream frames above this many bytes are rejected unless the constructor says otherwise. */
    public static final int DEFAULT_MAX_FRAME_BYTES = 1 << 20;
    /** A 5000-level snapshot is about 0.4 MB; this leaves room for longer decimals. */
    public static final int DEFAULT_MAX_SNAPSHOT_BYTES = 8 << 20;

    private static final OutputStream DISCARD = OutputStream.nullOutputStream();
    private static final long OVERFLOW_GUARD = (Long.MAX_VALUE - 9) / 10;
    private static final char[] DEPTH_UPDATE_NAME = "depthUpdate".toCharArray();
    private static final char[] TRADE_NAME = "trade".toCharArray();

    private static final int EVENT_NONE = 0;
    private static final int EVENT_DEPTH = 1;
    private static final int EVENT_TRADE = 2;
    private static final int EVENT_UNKNOWN = 3;

    private static final int HAS_E = 1;
    private static final int HAS_EVENT_TIME = 1 << 1;
    private static final int HAS_SYMBOL = 1 << 2;
    private static final int HAS_FIRST_ID = 1 << 3;
    private static final int HAS_FINAL_ID = 1 << 4;
    private static final int HAS_BIDS = 1 << 5;
    private static final int HAS_ASKS = 1 << 6;
    private static final int HAS_TRADE_ID = 1 << 7;
    private static final int HAS_PRICE = 1 << 8;
    private static final int HAS_QTY = 1 << 9;
    private static final int HAS_TRADE_TIME = 1 << 10;
    private static final int HAS_MAKER = 1 << 11;
    private static final int DEPTH_FIELDS = HAS_E | HAS_EVENT_TIME | HAS_SYMBOL | HAS_FIRST_ID | HAS_FINAL_ID |
        HAS_BIDS | HAS_ASKS;
    private static final int TRADE_FIELDS = HAS_E | HAS_EVENT_TIME | HAS_SYMBOL | HAS_TRADE_ID | HAS_PRICE | HAS_QTY |
        HAS_TRADE_TIME | HAS_MAKER;

    private final JsonFactory factory = new JsonFactory();
    private final int priceScale;
    private final int qtyScale;
    private final int maxFrameBytes;
    private final int maxSnapshotBytes;
    private final StringBuilder errorMessage = new StringBuilder();
    private final DepthUpdateScanner depthScanner;
    private JsonParser streamParser;
    private char[] utf16 = new char[4096];
    private byte[] encoded = new byte[4096];

    private int eventType;
    private int fieldsSeen;
    private String unknownEventName;
    private long replyId;
    private int errorCode;

    public BinanceMarketParser(final int priceScale, final int qtyScale)
    {
        this(priceScale, qtyScale, DEFAULT_MAX_FRAME_BYTES, DEFAULT_MAX_SNAPSHOT_BYTES);
    }

    public BinanceMarketParser(
        final int priceScale, final int qtyScale, final int maxFrameBytes, final int maxSnapshotBytes)
    {
        if (priceScale < 0 || priceScale > 18 || qtyScale < 0 || qtyScale > 18)
        {
            throw new IllegalArgumentException("scales must be 0..18: price " + priceScale + ", qty " + qtyScale);
        }
        if (maxFrameBytes < 1 || maxSnapshotBytes < 1)
        {
            throw new IllegalArgumentException("size limits must be positive: " + maxFrameBytes + ", " +
                maxSnapshotBytes);
        }
        this.priceScale = priceScale;
        this.qtyScale = qtyScale;
        this.maxFrameBytes = maxFrameBytes;
        this.maxSnapshotBytes = maxSnapshotBytes;
        depthScanner = new DepthUpdateScanner(priceScale, qtyScale);
        streamParser = newStreamParser();
    }

    /**
     * Parses one text frame as received from the WebSocket. A combined-stream {@code depthUpdate} in Binance's exact
     * shape is read by {@link DepthUpdateScanner} straight from the characters; every other frame, and any frame
     * the scanner is not sure of, by Jackson, with the same result either way.
     */
    public Kind parse(final CharSequence frame, final DepthEvent depthOut, final TradeEvent tradeOut)
        throws MalformedMessageException
    {
        final int chars = frame.length();
        if (chars > maxFrameBytes)
        {
            throw oversized(chars, maxFrameBytes);
        }
        if (depthScanner.scan(frame, depthOut, tradeOut))
        {
            clearReply();
            return Kind.DEPTH_UPDATE;
        }
        return parseEncoded(frame, chars, depthOut, tradeOut);
    }

    /** {@link #parse(CharSequence, DepthEvent, TradeEvent)} without the scanner: the reference it is tested against. */
    Kind parseWithJackson(final CharSequence frame, final DepthEvent depthOut, final TradeEvent tradeOut)
        throws MalformedMessageException
    {
        final int chars = frame.length();
        if (chars > maxFrameBytes)
        {
            throw oversized(chars, maxFrameBytes);
        }
        return parseEncoded(frame, chars, depthOut, tradeOut);
    }

    private Kind parseEncoded(final CharSequence frame, final int chars, final DepthEvent depthOut,
        final TradeEvent tradeOut) throws MalformedMessageException
    {
        final int length = encodeUtf8(frame, chars);
        return parse(encoded, 0, length, depthOut, tradeOut);
    }

    public Kind parse(final byte[] frame, final DepthEvent depthOut, final TradeEvent tradeOut)
        throws MalformedMessageException
    {
        return parse(frame, 0, frame.length, depthOut, tradeOut);
    }

    /** Parses {@code length} bytes of UTF-8 JSON from {@code offset}. The holder for the returned kind is filled. */
    public Kind parse(
        final byte[] frame, final int offset, final int length, final DepthEvent depthOut, final TradeEvent tradeOut)
        throws MalformedMessageException
    {
        if (length > maxFrameBytes)
        {
            throw oversized(length, maxFrameBytes);
        }
        final JsonParser p = streamParser;
        boolean parsed = false;
        try
        {
            ((ByteArrayFeeder)p.getNonBlockingInputFeeder()).feedInput(frame, offset, offset + length);
            final Kind kind = parseFrame(p, depthOut, tradeOut);
            // Checked on the bytes: a trailing scalar ("} 1") would otherwise sit half-read in the parser.
            // releaseBuffered only counts what is left (into a stream that drops it); the location API would allocate.
            final int end = offset + length;
            for (int i = end - p.releaseBuffered(DISCARD); i < end; i++)
            {
                final byte b = frame[i];
                if (b != ' ' && b != '\n' && b != '\r' && b != '\t')
                {
                    throw new MalformedMessageException(TRAILING_DATA, "content after the first JSON value");
                }
            }
            if (p.nextToken() != JsonToken.NOT_AVAILABLE)
            {
                throw new MalformedMessageException(TRAILING_DATA, "content after the first JSON value");
            }
            parsed = true;
            return kind;
        }
        catch (final IOException ex)
        {
            throw translate(ex);
        }
        finally
        {
            if (!parsed)
            {
                // Mid-document or after an error the parser's state is unusable for the next frame.
                closeQuietly(p);
                streamParser = newStreamParser();
            }
        }
    }

    /** Parses a REST {@code GET /api/v3/depth} body into {@code out}; both update ids are its {@code lastUpdateId}. */
    public void parseSnapshot(final byte[] restDepthBody, final DepthEvent out) throws MalformedMessageException
    {
        if (restDepthBody.length > maxSnapshotBytes)
        {
            throw oversized(restDepthBody.length, maxSnapshotBytes);
        }
        out.clear();
        try (JsonParser p = factory.createParser(restDepthBody))
        {
            if (next(p, true) != JsonToken.START_OBJECT)
            {
                throw new MalformedMessageException(NOT_AN_OBJECT, "snapshot is not a JSON object");
            }
            boolean hasId = false;
            boolean hasBids = false;
            boolean hasAsks = false;
            boolean hasCode = false;
            errorMessage.setLength(0);
            errorCode = 0;
            for (JsonToken t = next(p, false); t != JsonToken.END_OBJECT; t = next(p, false))
            {
                final String name = p.currentName();
                final JsonToken value = next(p, false);
                switch (name)
                {
                    case "lastUpdateId" ->
                    {
                        out.firstUpdateId = longValue(p, value, name);
                        out.finalUpdateId = out.firstUpdateId;
                        hasId = true;
                    }
                    case "bids" ->
                    {
                        levels(p, value, out, true, name);
                        hasBids = true;
                    }
                    case "asks" ->
                    {
                        levels(p, value, out, false, name);
                        hasAsks = true;
                    }
                    case "code" ->
                    {
                        errorCode = (int)longValue(p, value, name);
                        hasCode = true;
                    }
                    case "msg" -> copyText(p, value, errorMessage, name);
                    default -> p.skipChildren();
                }
            }
            if (p.nextToken() != null)
            {
                throw new MalformedMessageException(TRAILING_DATA, "content after the snapshot object");
            }
            if (!hasId && hasCode)
            {
                throw new MalformedMessageException(VENUE_ERROR, "venue error " + errorCode + ": " + errorMessage);
            }
            if (!hasId || !hasBids || !hasAsks)
            {
                throw new MalformedMessageException(MISSING_FIELD, "snapshot needs lastUpdateId, bids and asks");
            }
        }
        catch (final IOException ex)
        {
            throw translate(ex);
        }
    }

    private void clearReply()
    {
        replyId = -1;
        errorCode = 0;
        errorMessage.setLength(0);
    }

    /** The {@code id} of the last reply parsed, or -1 if it had none or a non-numeric one. */
    public long replyId()
    {
        return replyId;
    }

    /** The {@code error.code} of the last {@link Kind#OTHER} reply (or REST error body). */
    public int errorCode()
    {
        return errorCode;
    }

    /** The {@code error.msg} of the last {@link Kind#OTHER} reply (or REST error body); reused, copy to keep. */
    public CharSequence errorMessage()
    {
        return errorMessage;
    }

    private Kind parseFrame(final JsonParser p, final DepthEvent depth, final TradeEvent trade)
        throws IOException, MalformedMessageException
    {
        final JsonToken first = p.nextToken();
        if (first == JsonToken.NOT_AVAILABLE)
        {
            throw new MalformedMessageException(MALFORMED_JSON, "no complete JSON value in the frame");
        }
        if (first != JsonToken.START_OBJECT)
        {
            throw new MalformedMessageException(NOT_AN_OBJECT, "top-level value is " + first);
        }
        depth.clear();
        trade.clear();
        eventType = EVENT_NONE;
        fieldsSeen = 0;
        unknownEventName = null;
        clearReply();
        boolean hasData = false;
        boolean hasResult = false;
        boolean hasError = false;
        boolean hasId = false;
        for (JsonToken t = next(p, false); t != JsonToken.END_OBJECT; t = next(p, false))
        {
            final String name = p.currentName();
            final JsonToken value = next(p, false);
            switch (name)
            {
                case "stream" -> expect(value, JsonToken.VALUE_STRING, name);
                case "data" ->
                {
                    if (value != JsonToken.START_OBJECT)
                    {
                        throw new MalformedMessageException(NOT_AN_OBJECT, "combined stream data is " + value);
                    }
                    eventObject(p, depth, trade);
                    hasData = true;
                }
                case "result" ->
                {
                    p.skipChildren();
                    hasResult = true;
                }
                case "error" ->
                {
                    errorObject(p, value);
                    hasError = true;
                }
                case "id" ->
                {
                    replyId = value == JsonToken.VALUE_NUMBER_INT ? longValue(p, value, name) : -1;
                    p.skipChildren();
                    hasId = true;
                }
                default -> eventField(p, name, value, depth, trade);
            }
        }
        if (hasData || eventType != EVENT_NONE)
        {
            return event(depth);
        }
        if (hasId && hasError)
        {
            return Kind.OTHER;
        }
        if (hasId && hasResult)
        {
            return Kind.SUBSCRIBE_REPLY;
        }
        throw new MalformedMessageException(UNRECOGNIZED, "neither an event nor a reply to a request");
    }

    private void eventObject(final JsonParser p, final DepthEvent depth, final TradeEvent trade)
        throws IOException, MalformedMessageException
    {
        for (JsonToken t = next(p, false); t != JsonToken.END_OBJECT; t = next(p, false))
        {
            final String name = p.currentName();
            eventField(p, name, next(p, false), depth, trade);
        }
        if (eventType == EVENT_NONE)
        {
            throw new MalformedMessageException(MISSING_FIELD, "combined stream data has no event type 'e'");
        }
    }

    /**
     * One field of an event object. Depth and trade fields are parsed into their holders whichever the event turns
     * out to be, so that {@code e} need not come first.
     */
    private void eventField(
        final JsonParser p, final String name, final JsonToken value, final DepthEvent depth, final TradeEvent trade)
        throws IOException, MalformedMessageException
    {
        switch (name)
        {
            case "e" ->
            {
                expect(value, JsonToken.VALUE_STRING, name);
                eventType = eventType(p);
                fieldsSeen |= HAS_E;
            }
            case "E" ->
            {
                depth.eventTimeMs = longValue(p, value, name);
                trade.eventTimeMs = depth.eventTimeMs;
                fieldsSeen |= HAS_EVENT_TIME;
            }
            case "s" ->
            {
                copyText(p, value, depth.symbol, name);
                trade.symbol.setLength(0);
                trade.symbol.append(depth.symbol);
                fieldsSeen |= HAS_SYMBOL;
            }
            case "U" ->
            {
                depth.firstUpdateId = longValue(p, value, name);
                fieldsSeen |= HAS_FIRST_ID;
            }
            case "u" ->
            {
                depth.finalUpdateId = longValue(p, value, name);
                fieldsSeen |= HAS_FINAL_ID;
            }
            // In a trade event, older documentation had b and a as order ids: numbers, not level arrays.
            case "b" ->
            {
                if (value == JsonToken.START_ARRAY)
                {
                    levels(p, value, depth, true, name);
                    fieldsSeen |= HAS_BIDS;
                }
                else if (value != JsonToken.VALUE_NUMBER_INT)
                {
                    throw wrongType(name, value);
                }
            }
            case "a" ->
            {
                if (value == JsonToken.START_ARRAY)
                {
                    levels(p, value, depth, false, name);
                    fieldsSeen |= HAS_ASKS;
                }
                else if (value != JsonToken.VALUE_NUMBER_INT)
                {
                    throw wrongType(name, value);
                }
            }
            case "t" ->
            {
                trade.tradeId = longValue(p, value, name);
                fieldsSeen |= HAS_TRADE_ID;
            }
            case "p" ->
            {
                expect(value, JsonToken.VALUE_STRING, name);
                trade.price = mantissa(p, priceScale, name);
                fieldsSeen |= HAS_PRICE;
            }
            case "q" ->
            {
                expect(value, JsonToken.VALUE_STRING, name);
                trade.qty = mantissa(p, qtyScale, name);
                fieldsSeen |= HAS_QTY;
            }
            case "T" ->
            {
                trade.tradeTimeMs = longValue(p, value, name);
                fieldsSeen |= HAS_TRADE_TIME;
            }
            case "m" ->
            {
                if (value != JsonToken.VALUE_TRUE && value != JsonToken.VALUE_FALSE)
                {
                    throw wrongType(name, value);
                }
                trade.buyerIsMaker = value == JsonToken.VALUE_TRUE;
                fieldsSeen |= HAS_MAKER;
            }
            default -> p.skipChildren();
        }
    }

    private Kind event(final DepthEvent depth) throws MalformedMessageException
    {
        switch (eventType)
        {
            case EVENT_DEPTH ->
            {
                requireFields(DEPTH_FIELDS, "depthUpdate needs e, E, s, U, u, b and a");
                if (depth.firstUpdateId < 1)
                {
                    // Binance counts update ids from 1; a 0 or negative one would pass any continuity check as a restart.
                    throw new MalformedMessageException(BAD_UPDATE_RANGE, "U " + depth.firstUpdateId + " below 1");
                }
                if (depth.finalUpdateId < depth.firstUpdateId)
                {
                    throw new MalformedMessageException(BAD_UPDATE_RANGE,
                        "u " + depth.finalUpdateId + " below U " + depth.firstUpdateId);
                }
                return Kind.DEPTH_UPDATE;
            }
            case EVENT_TRADE ->
            {
                requireFields(TRADE_FIELDS, "trade needs e, E, s, t, p, q, T and m");
                return Kind.TRADE;
            }
            case EVENT_UNKNOWN -> throw new MalformedMessageException(UNKNOWN_EVENT, "event type " + unknownEventName);
            default -> throw new MalformedMessageException(MISSING_FIELD, "event has no type 'e'");
        }
    }

    private void requireFields(final int required, final String message) throws MalformedMessageException
    {
        if ((fieldsSeen & required) != required)
        {
            throw new MalformedMessageException(MISSING_FIELD, message);
        }
    }

    private int eventType(final JsonParser p) throws IOException
    {
        final char[] text = p.getTextCharacters();
        final int offset = p.getTextOffset();
        final int length = p.getTextLength();
        if (equals(text, offset, length, DEPTH_UPDATE_NAME))
        {
            return EVENT_DEPTH;
        }
        if (equals(text, offset, length, TRADE_NAME))
        {
            return EVENT_TRADE;
        }
        unknownEventName = p.getText();
        return EVENT_UNKNOWN;
    }

    private void errorObject(final JsonParser p, final JsonToken value) throws IOException, MalformedMessageException
    {
        if (value != JsonToken.START_OBJECT)
        {
            throw wrongType("error", value);
        }
        for (JsonToken t = next(p, false); t != JsonToken.END_OBJECT; t = next(p, false))
        {
            final String name = p.currentName();
            final JsonToken fieldValue = next(p, false);
            switch (name)
            {
                case "code" -> errorCode = (int)longValue(p, fieldValue, name);
                case "msg" -> copyText(p, fieldValue, errorMessage, name);
                default -> p.skipChildren();
            }
        }
    }

    /** Reads {@code [["price","qty"], ...]} into the bid or ask arrays of {@code out}. */
    private void levels(
        final JsonParser p, final JsonToken value, final DepthEvent out, final boolean bids, final String name)
        throws IOException, MalformedMessageException
    {
        if (value != JsonToken.START_ARRAY)
        {
            throw wrongType(name, value);
        }
        for (JsonToken level = next(p, false); level != JsonToken.END_ARRAY; level = next(p, false))
        {
            if (level != JsonToken.START_ARRAY || next(p, false) != JsonToken.VALUE_STRING)
            {
                throw new MalformedMessageException(BAD_LEVEL, "'" + name + "' level is not [\"price\",\"qty\"]");
            }
            final long price = mantissa(p, priceScale, name);
            if (next(p, false) != JsonToken.VALUE_STRING)
            {
                throw new MalformedMessageException(BAD_LEVEL, "'" + name + "' level has no quantity string");
            }
            final long qty = mantissa(p, qtyScale, name);
            if (next(p, false) != JsonToken.END_ARRAY)
            {
                throw new MalformedMessageException(BAD_LEVEL, "'" + name + "' level has more than two elements");
            }
            if (bids)
            {
                out.addBid(price, qty);
            }
            else
            {
                out.addAsk(price, qty);
            }
        }
    }

    private static long mantissa(final JsonParser p, final int scale, final String name)
        throws IOException, MalformedMessageException
    {
        return mantissa(p.getTextCharacters(), p.getTextOffset(), p.getTextLength(), scale, name);
    }

    /**
     * A plain decimal ({@code "0.00240000"}) as a mantissa with {@code scale} decimal places. Zeros beyond the scale
     * are accepted; any other digit there would be lost and is rejected.
     */
    static long mantissa(final char[] text, final int offset, final int length, final int scale, final String name)
        throws MalformedMessageException
    {
        long value = 0;
        int integerDigits = 0;
        // Digits after the point, kept apart from those folded into the mantissa: at scale 0 a
        // "1000.00" has fraction digits but keeps none of them.
        boolean sawPoint = false;
        int fractionDigitsSeen = 0;
        int fractionDigitsKept = 0;
        final int end = offset + length;
        for (int i = offset; i < end; i++)
        {
            final char c = text[i];
            if (c == '.')
            {
                if (sawPoint || integerDigits == 0)
                {
                    throw badDecimal(text, offset, length, name);
                }
                sawPoint = true;
                continue;
            }
            final int digit = c - '0';
            if (digit < 0 || digit > 9)
            {
                throw badDecimal(text, offset, length, name);
            }
            if (sawPoint)
            {
                fractionDigitsSeen++;
                if (fractionDigitsKept == scale)
                {
                    if (digit != 0)
                    {
                        throw new MalformedMessageException(PRECISION, "'" + name + "' " +
                            new String(text, offset, length) + " has more than " + scale + " decimal places");
                    }
                    continue;
                }
                fractionDigitsKept++;
            }
            else
            {
                integerDigits++;
            }
            value = timesTenPlus(value, digit, name);
        }
        if (integerDigits == 0 || (sawPoint && fractionDigitsSeen == 0))
        {
            throw badDecimal(text, offset, length, name);
        }
        for (int i = fractionDigitsKept; i < scale; i++)
        {
            value = timesTenPlus(value, 0, name);
        }
        return value;
    }

    private static long timesTenPlus(final long value, final int digit, final String name)
        throws MalformedMessageException
    {
        if (value > OVERFLOW_GUARD && value > (Long.MAX_VALUE - digit) / 10)
        {
            throw new MalformedMessageException(OVERFLOW, "'" + name + "' does not fit a long mantissa");
        }
        return value * 10 + digit;
    }

    private static long longValue(final JsonParser p, final JsonToken value, final String name)
        throws IOException, MalformedMessageException
    {
        if (value != JsonToken.VALUE_NUMBER_INT)
        {
            throw wrongType(name, value);
        }
        return p.getLongValue();
    }

    private static void copyText(final JsonParser p, final JsonToken value, final StringBuilder out, final String name)
        throws IOException, MalformedMessageException
    {
        expect(value, JsonToken.VALUE_STRING, name);
        out.setLength(0);
        out.append(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
    }

    private static void expect(final JsonToken value, final JsonToken expected, final String name)
        throws MalformedMessageException
    {
        if (value != expected)
        {
            throw wrongType(name, value);
        }
    }

    /** The next token; the end of input inside a value means the frame was cut short. */
    private static JsonToken next(final JsonParser p, final boolean first) throws IOException, MalformedMessageException
    {
        final JsonToken t = p.nextToken();
        if (t == null || t == JsonToken.NOT_AVAILABLE)
        {
            throw new MalformedMessageException(first ? MALFORMED_JSON : TRUNCATED,
                first ? "no JSON value" : "input ends inside a JSON value");
        }
        return t;
    }

    private static boolean equals(final char[] text, final int offset, final int length, final char[] expected)
    {
        if (length != expected.length)
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            if (text[offset + i] != expected[i])
            {
                return false;
            }
        }
        return true;
    }

    private static MalformedMessageException wrongType(final String name, final JsonToken value)
    {
        return new MalformedMessageException(WRONG_TYPE, "'" + name + "' is " + value);
    }

    private static MalformedMessageException badDecimal(
        final char[] text, final int offset, final int length, final String name)
    {
        return new MalformedMessageException(BAD_DECIMAL, "'" + name + "' is not a plain decimal: \"" +
            new String(text, offset, Math.min(length, 40)) + '"');
    }

    private static MalformedMessageException oversized(final int length, final int limit)
    {
        return new MalformedMessageException(OVERSIZED, length + " bytes, limit " + limit);
    }

    private static MalformedMessageException translate(final IOException ex)
    {
        if (ex instanceof InputCoercionException coercion)
        {
            return new MalformedMessageException(OVERFLOW, coercion.getOriginalMessage());
        }
        if (ex instanceof JsonEOFException eof)
        {
            return new MalformedMessageException(TRUNCATED, eof.getOriginalMessage());
        }
        if (ex instanceof StreamConstraintsException)
        {
            return new MalformedMessageException(OVERSIZED, ex.getMessage());
        }
        final String message = ex instanceof com.fasterxml.jackson.core.JsonProcessingException processing ?
            processing.getOriginalMessage() : ex.getMessage();
        return new MalformedMessageException(MALFORMED_JSON, message);
    }

    private JsonParser newStreamParser()
    {
        try
        {
            return factory.createNonBlockingByteArrayParser();
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("Jackson cannot create a non-blocking parser", ex);
        }
    }

    private static void closeQuietly(final JsonParser p)
    {
        try
        {
            p.close();
        }
        catch (final IOException ignored)
        {
            // A parser over an in-memory feed has nothing to release that could fail.
        }
    }

    /**
     * UTF-8 of {@code frame} into {@link #encoded}. The characters are first copied in bulk into a reused array,
     * which is much faster than {@code charAt} one by one; Binance frames are ASCII, so the loop then only narrows.
     */
    private int encodeUtf8(final CharSequence frame, final int chars)
    {
        if (utf16.length < chars)
        {
            utf16 = new char[Math.max(chars, utf16.length * 2)];
        }
        final char[] in = utf16;
        if (frame instanceof String string)
        {
            string.getChars(0, chars, in, 0);
        }
        else
        {
            for (int i = 0; i < chars; i++)
            {
                in[i] = frame.charAt(i);
            }
        }
        if (encoded.length < chars * 3)
        {
            encoded = new byte[Math.max(chars * 3, encoded.length * 2)];
        }
        final byte[] out = encoded;
        int length = 0;
        for (int i = 0; i < chars; i++)
        {
            final char c = in[i];
            if (c < 0x80)
            {
                out[length++] = (byte)c;
            }
            else if (c < 0x800)
            {
                out[length++] = (byte)(0xC0 | (c >> 6));
                out[length++] = (byte)(0x80 | (c & 0x3F));
            }
            else if (Character.isHighSurrogate(c) && i + 1 < chars && Character.isLowSurrogate(in[i + 1]))
            {
                final int codePoint = Character.toCodePoint(c, in[++i]);
                out[length++] = (byte)(0xF0 | (codePoint >> 18));
                out[length++] = (byte)(0x80 | ((codePoint >> 12) & 0x3F));
                out[length++] = (byte)(0x80 | ((codePoint >> 6) & 0x3F));
                out[length++] = (byte)(0x80 | (codePoint & 0x3F));
            }
            else
            {
                // A lone surrogate has no UTF-8 form; '?' keeps the frame's length so the parser reports it in place.
                final int unit = Character.isSurrogate(c) ? '?' : c;
                out[length++] = (byte)(0xE0 | (unit >> 12));
                out[length++] = (byte)(0x80 | ((unit >> 6) & 0x3F));
                out[length++] = (byte)(0x80 | (unit & 0x3F));
            }
        }
        return length;
    }
}
