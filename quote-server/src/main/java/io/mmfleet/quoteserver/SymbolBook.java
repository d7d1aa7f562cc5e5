package io.mmfleet.quoteserver;

import io.mmfleet.quoteserver.book.BookSynchronizer;
import io.mmfleet.quoteserver.book.LocalBook;

/**
 * One symbol's book as seen through one connection: the local book, the synchronizer that keeps it
 * per Binance's procedure, and where its REST snapshot stands. Owned by the event loop.
 */
final class SymbolBook
{
    final int symbolIndex;
    /** The connection whose stream this book is built from. */
    final int connectionId;
    final LocalBook book;
    final BookSynchronizer synchronizer;
    /** Trades received while this connection is the replacement, published at its promotion. */
    final StandbyTrades standbyTrades;
    boolean snapshotInFlight;
    /** {@link System#nanoTime()} at which to ask for a snapshot again; 0 when none is due. */
    long snapshotDueNs;
    /** Which request the book waits for: an answer to any other (abandoned) one is ignored. */
    long snapshotRequestId;
    /** {@link System#nanoTime()} at which the snapshot in flight was asked for. */
    long snapshotRequestedNs;
    /** Why the book must be rebuilt, or null: set from the synchronizer's callbacks, acted on after them. */
    String resyncReason;
    /** Epoch ns at which the frame last applied arrived (originNs of what it causes). */
    long lastArrivalEpochNs;
    /** Venue event time (E) of the last applied diff, 0 after a bare snapshot. */
    long lastEventTimeMs;

    SymbolBook(final int symbolIndex, final int connectionId, final LocalBook book, final int bufferCapacity,
        final int standbyTradeCapacity, final BookSynchronizer.Listener listener)
    {
        this.standbyTrades = new StandbyTrades(standbyTradeCapacity);
        this.symbolIndex = symbolIndex;
        this.connectionId = connectionId;
        this.book = book;
        this.synchronizer = new BookSynchronizer(bufferCapacity, book, listener);
    }

    boolean isSynced()
    {
        return synchronizer.state() == BookSynchronizer.State.SYNCED && resyncReason == null;
    }
}
