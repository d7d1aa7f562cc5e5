package io.mmfleet.quoteserver;

/**
 * One market-stream connection and the books built from it. During a rollover two exist: the
 * primary, whose books are published, and its replacement, which syncs its own books and takes over
 * once they have caught up, so the published book never has a gap.
 */
final class VenueConnection
{
    final int id;
    final MarketStreamClient client;
    final SymbolBook[] books;
    final long createdNs;
    long openedNs;
    boolean open;
    boolean closed;
    /** Closed by us on purpose (replaced after a rollover): its close is no loss. */
    boolean retired;
    long lastActivityNs;
    long droppedFramesSeen;
    long binaryFramesSeen;

    VenueConnection(final int id, final MarketStreamClient client, final SymbolBook[] books, final long createdNs)
    {
        this.id = id;
        this.client = client;
        this.books = books;
        this.createdNs = createdNs;
        this.lastActivityNs = createdNs;
    }

    boolean allSynced()
    {
        for (final SymbolBook book : books)
        {
            if (!book.isSynced())
            {
                return false;
            }
        }
        return true;
    }

    /** Whether every book here is synced and no older than the same book on {@code other}. */
    boolean caughtUpWith(final VenueConnection other)
    {
        for (int i = 0; i < books.length; i++)
        {
            if (!books[i].isSynced())
            {
                return false;
            }
            final SymbolBook theirs = other.books[i];
            if (theirs.isSynced() && books[i].synchronizer.lastUpdateId() < theirs.synchronizer.lastUpdateId())
            {
                return false;
            }
        }
        return true;
    }

    /** The newest sign of life: a frame handled or a venue ping. */
    long lastSignOfLifeNs()
    {
        return Math.max(lastActivityNs, client.lastPingNs());
    }
}
