package io.mmfleet.quoteserver.book;

/**
 * Keeps a {@link LocalBook} in step with a venue's diff depth stream, following Binance's documented procedure for
 * managing a local order book:
 * <ol>
 *   <li>buffer the stream's events while the REST snapshot is fetched;</li>
 *   <li>if the snapshot's {@code lastUpdateId} is below the first buffered event's {@code U}, it is too old: fetch
 *       another (the state stays {@link State#AWAITING_SNAPSHOT});</li>
 *   <li>drop buffered events whose {@code u} is at or below {@code lastUpdateId}; the first one left must straddle
 *       it ({@code U <= lastUpdateId + 1 <= u});</li>
 *   <li>set the book to the snapshot, then apply the buffered and every later event: an event whose {@code u} is
 *       at or below the book's update id is a duplicate or stale and is ignored; one whose {@code U} is above the
 *       book's update id + 1 means events were missed, and the book is discarded ({@link State#RESYNC_NEEDED}).</li>
 * </ol>
 * A book left crossed by an update is also discarded: consistent data never crosses it.
 *
 * <p>After {@link Listener#onDesynced} the owner calls {@link #reset()} and fetches a new snapshot; events and
 * snapshots that arrive in {@link State#RESYNC_NEEDED} are ignored until then. No I/O and no threads: the owner's
 * event loop calls every method.
 */
public final class BookSynchronizer
{
    public enum State
    {
        /** Buffering diffs until a snapshot arrives; the book is not usable. */
        AWAITING_SNAPSHOT,
        /** The book is the venue's book as of {@link #lastUpdateId()}. */
        SYNCED,
        /** The book was discarded; {@link #reset()} and a new snapshot are needed. */
        RESYNC_NEEDED
    }

    public interface Listener
    {
        /** The book was rebuilt from a snapshot and the buffered events and can be published. */
        void onSynced();

        /** A diff changed the synced book. */
        void onUpdated();

        /** The book can no longer be trusted; {@code reason} says why, for a log line and a VenueStatus. */
        void onDesynced(String reason);
    }

    /**
     * Levels per side a buffer slot keeps once emptied: ample for Binance's usual diffs, while an
     * outsized one (a 1 MiB frame holds ~100k levels, ~3 MB of arrays) is let go after use.
     */
    public static final int RETAINED_LEVELS_PER_SLOT = 1024;

    private final DepthEvent[] buffer;
    private final LocalBook book;
    private final Listener listener;
    private State state = State.AWAITING_SNAPSHOT;
    private int buffered;
    private long lastUpdateId;

    /**
     * @param bufferCapacity diffs held while the snapshot is fetched; one more means the snapshot took too long and
     *                       the book is resynchronised.
     */
    public BookSynchronizer(final int bufferCapacity, final LocalBook book, final Listener listener)
    {
        if (bufferCapacity < 1)
        {
            throw new IllegalArgumentException("bufferCapacity must be at least 1: " + bufferCapacity);
        }
        buffer = new DepthEvent[bufferCapacity];
        for (int i = 0; i < bufferCapacity; i++)
        {
            buffer[i] = new DepthEvent();
        }
        this.book = book;
        this.listener = listener;
    }

    public void onDiff(final DepthEvent e)
    {
        switch (state)
        {
            case AWAITING_SNAPSHOT -> bufferDiff(e);
            case SYNCED -> applyDiff(e);
            case RESYNC_NEEDED ->
            {
            }
        }
    }

    /**
     * Rebuilds the book from {@code snapshot} and the buffered diffs. Ignored unless {@link State#AWAITING_SNAPSHOT}.
     * If the state is still {@link State#AWAITING_SNAPSHOT} afterwards, the snapshot was older than the buffered
     * events and a newer one must be fetched.
     */
    public void onSnapshot(final DepthEvent snapshot)
    {
        if (state != State.AWAITING_SNAPSHOT)
        {
            return;
        }
        final long snapshotId = snapshot.finalUpdateId;
        int first = 0;
        while (first < buffered && buffer[first].finalUpdateId <= snapshotId)
        {
            first++;
        }
        if (first < buffered && buffer[first].firstUpdateId > snapshotId + 1)
        {
            // Too old for the events held; the dropped ones are older still and useless to any newer snapshot.
            discardBuffered(first);
            return;
        }
        book.replaceWith(snapshot);
        lastUpdateId = snapshotId;
        state = State.SYNCED;
        for (int i = first; i < buffered && state == State.SYNCED; i++)
        {
            applyContinuous(buffer[i]);
        }
        emptyBuffer();
        if (state == State.SYNCED)
        {
            if (book.isCrossed())
            {
                desync("crossed book after snapshot at lastUpdateId " + snapshotId);
            }
            else
            {
                listener.onSynced();
            }
        }
    }

    /** Back to {@link State#AWAITING_SNAPSHOT} with an empty buffer and book, e.g. on a new connection. */
    public void reset()
    {
        state = State.AWAITING_SNAPSHOT;
        emptyBuffer();
        lastUpdateId = 0;
        book.clear();
    }

    public State state()
    {
        return state;
    }

    /** The update id the book is at when {@link State#SYNCED}: the last applied {@code u}, or the snapshot's id. */
    public long lastUpdateId()
    {
        return lastUpdateId;
    }

    /** Diffs held for the next snapshot. */
    public int bufferedEvents()
    {
        return buffered;
    }

    private void bufferDiff(final DepthEvent e)
    {
        if (buffered > 0)
        {
            final long previousU = buffer[buffered - 1].finalUpdateId;
            if (e.finalUpdateId <= previousU)
            {
                return;
            }
            if (e.firstUpdateId > previousU + 1)
            {
                desync("gap while buffering: U " + e.firstUpdateId + " after u " + previousU);
                return;
            }
        }
        if (buffered == buffer.length)
        {
            desync("more than " + buffer.length + " diffs buffered before the snapshot arrived");
            return;
        }
        buffer[buffered++].copyFrom(e);
    }

    private void applyDiff(final DepthEvent e)
    {
        if (applyContinuous(e))
        {
            if (book.isCrossed())
            {
                desync("crossed book after update u " + e.finalUpdateId);
            }
            else
            {
                listener.onUpdated();
            }
        }
    }

    /** @return true if {@code e} was applied; false if it was stale, or if it revealed a gap (then desynced). */
    private boolean applyContinuous(final DepthEvent e)
    {
        if (e.finalUpdateId <= lastUpdateId)
        {
            return false;
        }
        if (e.firstUpdateId > lastUpdateId + 1)
        {
            desync("gap: U " + e.firstUpdateId + " after u " + lastUpdateId);
            return false;
        }
        book.apply(e);
        lastUpdateId = e.finalUpdateId;
        return true;
    }

    private void emptyBuffer()
    {
        for (int i = 0; i < buffered; i++)
        {
            buffer[i].clearAndShrink(RETAINED_LEVELS_PER_SLOT);
        }
        buffered = 0;
    }

    /** The largest per-side level capacity among the buffer's slots: what the buffer holds on to. */
    public int largestSlotCapacity()
    {
        int largest = 0;
        for (final DepthEvent slot : buffer)
        {
            largest = Math.max(largest, slot.levelCapacity());
        }
        return largest;
    }

    private void discardBuffered(final int count)
    {
        for (int i = 0; i < count; i++)
        {
            buffer[i].clearAndShrink(RETAINED_LEVELS_PER_SLOT);
        }
        for (int i = count; i < buffered; i++)
        {
            final DepthEvent kept = buffer[i - count];
            buffer[i - count] = buffer[i];
            buffer[i] = kept;
        }
        buffered -= count;
    }

    private void desync(final String reason)
    {
        state = State.RESYNC_NEEDED;
        emptyBuffer();
        book.clear();
        listener.onDesynced(reason);
    }
}
