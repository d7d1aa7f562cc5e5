package io.mmfleet.oms.core;

import org.agrona.collections.Int2ObjectHashMap;

/**
 * New orders per venue over a <b>sliding</b> window: an order is accepted when fewer than the limit
 * were accepted in the window {@code (now - window, now]}. Venues count in fixed windows (Binance:
 * ORDERS per 10 s, aligned to the interval), and every fixed window lies inside some sliding one, so
 * keeping the sliding count under the limit keeps every fixed count under it too, with no need to
 * know where the venue's interval starts; the price is that a burst at a fixed window's end is not
 * followed by a second burst at the next one's start.
 * <p>
 * The limit in force for a venue is the INI's {@code ORDER_RATE_LIMIT} until the venue's own limit
 * is known ({@link #venueLimit}, from the exec-handler's exchangeInfo as ThrottleStatus carries it),
 * then the lower of the two: a share of the venue's limit, scaled to this window. Each venue keeps
 * the times of its last {@code ORDER_RATE_LIMIT} accepted orders in a ring; checking allocates
 * nothing. Cancels are never counted or limited: taking risk off is never refused.
 */
public final class OrderRateLimiter
{
    private final Int2ObjectHashMap<VenueWindow> venues = new Int2ObjectHashMap<>();
    private int configuredLimit;
    private long windowNs;
    private int venuePercent;

    /**
     * @param configuredLimit orders per window, the INI's limit (and the ceiling)
     * @param windowNs        the sliding window
     * @param venuePercent    share of the venue's own limit used once it is known, 1..100
     */
    public OrderRateLimiter(final int configuredLimit, final long windowNs, final int venuePercent)
    {
        reconfigure(configuredLimit, windowNs, venuePercent);
    }

    /**
     * New INI values (a reload): each venue keeps the times of its most recent orders, so the
     * window goes on counting them, and its limit is worked out again from the venue's own.
     */
    public void reconfigure(final int configuredLimit, final long windowNs, final int venuePercent)
    {
        if (configuredLimit < 1 || windowNs < 1 || venuePercent < 1 || venuePercent > 100)
        {
            throw new IllegalArgumentException("limit, window and percent must be positive (percent at most 100)");
        }
        this.configuredLimit = configuredLimit;
        this.windowNs = windowNs;
        this.venuePercent = venuePercent;
        venues.replaceAll((venueId, venue) ->
        {
            final VenueWindow resized = venue.resized(configuredLimit);
            applyVenueLimit(resized);
            return resized;
        });
    }

    /**
     * The venue's published limit of new orders: {@code limit} per {@code venueWindowNs}. The limit
     * in force becomes {@code min(ORDER_RATE_LIMIT, floor(limit × percent / 100 × window / venueWindow))},
     * at least 1. A non-positive limit or window (not known) leaves the INI's limit in force.
     */
    public void venueLimit(final int venueId, final long limit, final long venueWindowNs)
    {
        final VenueWindow venue = venue(venueId);
        venue.venueLimit = limit;
        venue.venueWindowNs = venueWindowNs;
        applyVenueLimit(venue);
    }

    private void applyVenueLimit(final VenueWindow venue)
    {
        if (venue.venueLimit <= 0 || venue.venueWindowNs <= 0)
        {
            venue.limit = configuredLimit;
            return;
        }
        final double scaled = (double)venue.venueLimit * venuePercent / 100.0 * ((double)windowNs / (double)venue.venueWindowNs);
        venue.limit = (int)Math.max(1, Math.min(configuredLimit, Math.floor(scaled)));
    }

    /** The limit in force for the venue, orders per window. */
    public int limit(final int venueId)
    {
        final VenueWindow venue = venues.get(venueId);
        return venue == null ? configuredLimit : venue.limit;
    }

    /** Whether one more new order fits the venue's window now; records nothing. */
    public boolean wouldAccept(final int venueId, final long nowNs)
    {
        final VenueWindow venue = venues.get(venueId);
        return venue == null || venue.wouldAccept(nowNs, windowNs);
    }

    /** Counts one new order sent now. Call only after {@link #wouldAccept} said yes. */
    public void record(final int venueId, final long nowNs)
    {
        venue(venueId).record(nowNs);
    }

    public long windowNs()
    {
        return windowNs;
    }

    private VenueWindow venue(final int venueId)
    {
        VenueWindow venue = venues.get(venueId);
        if (venue == null)
        {
            venue = new VenueWindow(configuredLimit);
            venues.put(venueId, venue);
        }
        return venue;
    }

    private static final class VenueWindow
    {
        /** Times of the last {@code times.length} accepted orders, oldest at {@code next} once full. */
        private final long[] times;
        private int next;
        private int count;
        private int limit;
        private long venueLimit;
        private long venueWindowNs;

        VenueWindow(final int capacity)
        {
            times = new long[capacity];
            limit = capacity;
        }

        /** A window of another capacity holding this one's most recent times, oldest first. */
        VenueWindow resized(final int capacity)
        {
            final VenueWindow resized = new VenueWindow(capacity);
            resized.venueLimit = venueLimit;
            resized.venueWindowNs = venueWindowNs;
            final int kept = Math.min(count, capacity);
            for (int i = kept; i > 0; i--)
            {
                resized.record(times[Math.floorMod(next - i, times.length)]);
            }
            return resized;
        }

        boolean wouldAccept(final long nowNs, final long windowNs)
        {
            if (count < limit)
            {
                return true;
            }
            // The limit-th most recent accepted order must have left the window (now - window, now].
            final int index = Math.floorMod(next - limit, times.length);
            return times[index] <= nowNs - windowNs;
        }

        void record(final long nowNs)
        {
            times[next] = nowNs;
            next = (next + 1) % times.length;
            if (count < times.length)
            {
                count++;
            }
        }
    }
}
