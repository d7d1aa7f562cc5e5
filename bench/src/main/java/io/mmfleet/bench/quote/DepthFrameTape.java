package io.mmfleet.bench.quote;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A seeded sample of Binance diff depth traffic for {@link DepthToBookUpdateBenchmark}: a starting book and a run of
 * combined-stream {@code depthUpdate} text frames with contiguous update ids, made from a simulated venue book so
 * that every frame is consistent with the one before and the book never crosses.
 *
 * <p>The book is a BTCUSDT-like instrument: tick 0.01 around 30000.00, lot 0.00001, {@link #START_LEVELS} levels a
 * side; prices and quantities are printed with 8 decimal places as Binance prints them ("30000.01000000",
 * "0.12345000"). Each frame changes {@code levelsPerEvent} distinct levels: 30 % remove an existing level, the
 * rest set a quantity at a price drawn mostly near the top of the book, never crossing the other side.
 */
public final class DepthFrameTape
{
    public static final int PRICE_SCALE = 2;
    public static final int QTY_SCALE = 5;
    public static final int START_LEVELS = 1_000;
    public static final String SYMBOL = "BTCUSDT";
    private static final long MID = 3_000_000;           // 30000.00 at scale 2
    private static final long FIRST_UPDATE_ID = 40_000_000_000L;

    private final String[] frames;
    private final Book start;
    private final Book end;
    private final long startUpdateId;

    /** A price → quantity book per side; bids best (highest) first. */
    public record Book(TreeMap<Long, Long> bids, TreeMap<Long, Long> asks)
    {
        static Book empty()
        {
            return new Book(new TreeMap<>(Comparator.reverseOrder()), new TreeMap<>());
        }

        Book copy()
        {
            final Book copy = empty();
            copy.bids.putAll(bids);
            copy.asks.putAll(asks);
            return copy;
        }
    }

    public DepthFrameTape(final int frameCount, final int levelsPerEvent, final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final Book book = Book.empty();
        for (int i = 1; i <= START_LEVELS; i++)
        {
            book.bids.put(MID - i, 1 + random.nextLong(500_000));
            book.asks.put(MID + i, 1 + random.nextLong(500_000));
        }
        start = book.copy();
        startUpdateId = FIRST_UPDATE_ID;
        frames = new String[frameCount];
        long updateId = FIRST_UPDATE_ID;
        final StringBuilder frame = new StringBuilder(64 + 48 * levelsPerEvent);
        final List<long[]> bids = new ArrayList<>();
        final List<long[]> asks = new ArrayList<>();
        for (int f = 0; f < frameCount; f++)
        {
            bids.clear();
            asks.clear();
            for (int i = 0; i < levelsPerEvent; i++)
            {
                change(book, random, bids, asks);
            }
            final long first = updateId + 1;
            updateId += levelsPerEvent;     // Binance gives each change its own update id
            frames[f] = frame(frame, first, updateId, bids, asks);
        }
        end = book;
    }

    public int size()
    {
        return frames.length;
    }

    public String frame(final int i)
    {
        return frames[i];
    }

    /** The book before the first frame, as a REST snapshot body with {@link #startUpdateId()} as lastUpdateId. */
    public String startSnapshotJson()
    {
        final StringBuilder json = new StringBuilder("{\"lastUpdateId\":").append(startUpdateId).append(",\"bids\":");
        levels(json, start.bids);
        json.append(",\"asks\":");
        levels(json, start.asks);
        return json.append('}').toString();
    }

    public long startUpdateId()
    {
        return startUpdateId;
    }

    /** The book after the last frame. */
    public Book endBook()
    {
        return end;
    }

    private static void change(
        final Book book, final SplittableRandom random, final List<long[]> bids, final List<long[]> asks)
    {
        while (true)
        {
            final boolean bid = random.nextBoolean();
            final TreeMap<Long, Long> side = bid ? book.bids : book.asks;
            final List<long[]> out = bid ? bids : asks;
            final long price;
            final long qty;
            if (side.size() > 10 && random.nextInt(10) < 3)
            {
                price = nth(side, nearTop(random));
                qty = 0;
            }
            else
            {
                final long inside = bid ? book.asks.firstKey() - 1 : book.bids.firstKey() + 1;
                price = bid ? inside - nearTop(random) : inside + nearTop(random);
                qty = 1 + random.nextLong(500_000);
            }
            if (contains(out, price))
            {
                continue;   // Binance lists each price once per event
            }
            if (qty == 0)
            {
                side.remove(price);
            }
            else
            {
                side.put(price, qty);
            }
            out.add(new long[] {price, qty});
            return;
        }
    }

    /** 0 to 49, mostly small: changes cluster at the top of the book. */
    private static int nearTop(final SplittableRandom random)
    {
        final int a = random.nextInt(50);
        return Math.min(a, random.nextInt(50));
    }

    private static long nth(final TreeMap<Long, Long> side, final int n)
    {
        int i = 0;
        for (final long price : side.keySet())
        {
            if (i++ == n)
            {
                return price;
            }
        }
        return side.lastKey();
    }

    private static boolean contains(final List<long[]> levels, final long price)
    {
        for (final long[] level : levels)
        {
            if (level[0] == price)
            {
                return true;
            }
        }
        return false;
    }

    private static String frame(
        final StringBuilder frame, final long first, final long last, final List<long[]> bids, final List<long[]> asks)
    {
        bids.sort(Comparator.comparingLong((long[] level) -> level[0]).reversed());
        asks.sort(Comparator.comparingLong((long[] level) -> level[0]));
        frame.setLength(0);
        frame.append("{\"stream\":\"btcusdt@depth@100ms\",\"data\":{\"e\":\"depthUpdate\",\"E\":")
            .append(1_700_000_000_000L + last / 1_000).append(",\"s\":\"").append(SYMBOL).append("\",\"U\":")
            .append(first).append(",\"u\":").append(last).append(",\"b\":");
        levels(frame, bids);
        frame.append(",\"a\":");
        levels(frame, asks);
        return frame.append("}}").toString();
    }

    private static void levels(final StringBuilder json, final List<long[]> levels)
    {
        json.append('[');
        for (int i = 0; i < levels.size(); i++)
        {
            level(json.append(i == 0 ? "" : ","), levels.get(i)[0], levels.get(i)[1]);
        }
        json.append(']');
    }

    private static void levels(final StringBuilder json, final Map<Long, Long> side)
    {
        final List<long[]> levels = new ArrayList<>();
        side.forEach((price, qty) -> levels.add(new long[] {price, qty}));
        levels(json, Collections.unmodifiableList(levels));
    }

    private static void level(final StringBuilder json, final long price, final long qty)
    {
        json.append("[\"");
        decimal(json, price, PRICE_SCALE);
        json.append("\",\"");
        decimal(json, qty, QTY_SCALE);
        json.append("\"]");
    }

    /** The mantissa with 8 decimal places, as Binance prints prices and quantities. */
    private static void decimal(final StringBuilder json, final long mantissa, final int scale)
    {
        long unit = 1;
        for (int i = 0; i < scale; i++)
        {
            unit *= 10;
        }
        json.append(mantissa / unit).append('.');
        if (scale > 0)
        {
            final String fraction = Long.toString(mantissa % unit);
            for (int i = fraction.length(); i < scale; i++)
            {
                json.append('0');
            }
            json.append(fraction);
        }
        for (int i = scale; i < 8; i++)
        {
            json.append('0');
        }
    }
}
