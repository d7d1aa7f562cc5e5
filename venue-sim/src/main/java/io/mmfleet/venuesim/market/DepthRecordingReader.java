package io.mmfleet.venuesim.market;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mmfleet.venuesim.engine.InstrumentSpec;

/**
 * Reads a recorded depth stream for {@link DepthReplay}. The format is one JSON object per line, each a full
 * snapshot of the levels to show:
 * <pre>
 * {"timeMs":1700000000000,"bids":[["2999.99","1.250"],["2999.98","0.5"]],"asks":[["3000.01","2.000"]]}
 * </pre>
 * {@code timeMs} is epoch milliseconds and must not decrease; each level is {@code [price, qty]} in real units, as a
 * decimal string (as Binance sends them) or a JSON number. Bids are strictly descending, asks strictly ascending, the
 * best bid is below the best ask and every qty is positive. Blank lines and lines starting with {@code #} are skipped.
 * A value with more decimals than the instrument's scale is an error, never rounded. Every error names the line.
 * The whole recording is read up front, so a bad file fails before the market starts.
 */
public final class DepthRecordingReader
{
    private static final ObjectMapper MAPPER = new ObjectMapper()
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final InstrumentSpec spec;

    public DepthRecordingReader(final InstrumentSpec spec)
    {
        this.spec = spec;
    }

    public List<DepthSnapshot> read(final Path file) throws IOException
    {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            return read(reader, file.toString());
        }
    }

    /** @param source names the input in error messages */
    public List<DepthSnapshot> read(final Reader input, final String source) throws IOException
    {
        final BufferedReader reader = input instanceof BufferedReader buffered ? buffered : new BufferedReader(input);
        final List<DepthSnapshot> snapshots = new ArrayList<>();
        long previousTimeMs = Long.MIN_VALUE;
        int lineNumber = 0;
        for (String line = reader.readLine(); line != null; line = reader.readLine())
        {
            lineNumber++;
            final String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#"))
            {
                continue;
            }
            final String where = source + ":" + lineNumber;
            final DepthSnapshot snapshot = parse(trimmed, where);
            if (snapshot.timeMs() < previousTimeMs)
            {
                throw new IllegalArgumentException(where + ": timeMs " + snapshot.timeMs() +
                    " is earlier than the previous line's " + previousTimeMs);
            }
            previousTimeMs = snapshot.timeMs();
            snapshots.add(snapshot);
        }
        if (snapshots.isEmpty())
        {
            throw new IllegalArgumentException(source + ": no depth snapshot in the recording");
        }
        return snapshots;
    }

    private DepthSnapshot parse(final String line, final String where)
    {
        final JsonNode root;
        try
        {
            root = MAPPER.readTree(line);
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalArgumentException(where + ": not a JSON object: " + ex.getOriginalMessage());
        }
        if (root == null || !root.isObject())
        {
            throw new IllegalArgumentException(where + ": expected a JSON object");
        }
        final JsonNode time = root.get("timeMs");
        if (time == null || !time.canConvertToExactIntegral() || !time.canConvertToLong())
        {
            throw new IllegalArgumentException(where + ": timeMs must be an integer (epoch milliseconds)");
        }
        final List<long[]> bids = levels(root, "bids", where);
        final List<long[]> asks = levels(root, "asks", where);
        checkOrder(bids, true, where + " bids");
        checkOrder(asks, false, where + " asks");
        if (!bids.isEmpty() && !asks.isEmpty() && bids.get(0)[0] >= asks.get(0)[0])
        {
            throw new IllegalArgumentException(where + ": best bid is not below best ask (crossed book)");
        }
        return new DepthSnapshot(time.asLong(), bids, asks);
    }

    private List<long[]> levels(final JsonNode root, final String field, final String where)
    {
        final JsonNode array = root.get(field);
        if (array == null || !array.isArray())
        {
            throw new IllegalArgumentException(where + ": " + field + " must be an array of [price, qty]");
        }
        final List<long[]> levels = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++)
        {
            final JsonNode level = array.get(i);
            final String at = where + " " + field + "[" + i + "]";
            if (!level.isArray() || level.size() != 2)
            {
                throw new IllegalArgumentException(at + ": expected [price, qty]");
            }
            final long price = mantissa(level.get(0), spec.priceScale(), at + " price");
            final long qty = mantissa(level.get(1), spec.qtyScale(), at + " qty");
            if (price <= 0 || qty <= 0)
            {
                throw new IllegalArgumentException(at + ": price and qty must be positive");
            }
            levels.add(new long[]{price, qty});
        }
        return levels;
    }

    private static long mantissa(final JsonNode node, final int scale, final String what)
    {
        final BigDecimal value;
        try
        {
            if (node.isTextual())
            {
                value = new BigDecimal(node.asText());
            }
            else if (node.isNumber())
            {
                value = node.decimalValue();
            }
            else
            {
                throw new IllegalArgumentException(what + ": expected a decimal string or number, got " + node);
            }
            return value.setScale(scale).unscaledValue().longValueExact();
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(what + ": not a decimal: " + node);
        }
        catch (final ArithmeticException ex)
        {
            throw new IllegalArgumentException(what + ": " + node + " has more than " + scale +
                " decimals or does not fit");
        }
    }

    private static void checkOrder(final List<long[]> levels, final boolean descending, final String what)
    {
        for (int i = 1; i < levels.size(); i++)
        {
            final long previous = levels.get(i - 1)[0];
            final long current = levels.get(i)[0];
            if (descending ? current >= previous : current <= previous)
            {
                throw new IllegalArgumentException(what + ": prices must be strictly " +
                    (descending ? "descending" : "ascending") + " (" + previous + " then " + current + ")");
            }
        }
    }
}
