package io.mmfleet.quoteserver;

import io.mmfleet.bus.BusPublisher;
import io.mmfleet.bus.PublishStream;
import io.mmfleet.bus.runtime.HealthState;
import io.mmfleet.quoteserver.book.BookUpdateWriter;
import io.mmfleet.quoteserver.book.TradeEvent;
import io.mmfleet.sbe.BookUpdateEncoder;
import io.mmfleet.sbe.Side;
import io.mmfleet.sbe.TradeEncoder;
import io.mmfleet.sbe.VenueState;
import io.mmfleet.sbe.VenueStatusEncoder;
import org.slf4j.Logger;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What the fleet sees of one instrument on topic {@code md.<venue>.<INSTRUMENT>}: the book's top
 * levels at most {@code MAX_PUBLISH_RATE} times a second (latest wins), every trade once, and a
 * VenueStatus each time the book stops or starts being trustworthy. Event-loop thread only.
 */
final class InstrumentFeed
{
    private final SymbolMapping symbol;
    private final int venueId;
    private final BusPublisher publisher;
    private final PublishStream stream;
    private final HealthState health;
    private final Logger log;
    private final String healthCondition;
    private final BookUpdateEncoder bookUpdate = new BookUpdateEncoder();
    private final TradeEncoder trade = new TradeEncoder();
    private final VenueStatusEncoder venueStatus = new VenueStatusEncoder();
    private BookUpdateWriter writer;
    private VenueState state;
    private long minIntervalNs;
    private long nextPublishNs;
    private long lastPublishNs;
    private boolean pending;
    private long pendingOriginNs;
    /** The connection whose books the update-id mark below is about: ids only rise within one connection. */
    private int markConnectionId;
    private long lastPublishedUpdateId = -1;
    private long lastTradeId = -1;
    // Written by the event loop only, read by the metrics thread: ordered stores, no lock or CAS.
    private final AtomicLong bookUpdatesPublished = new AtomicLong();
    private final AtomicLong tradesPublished = new AtomicLong();
    private final AtomicLong duplicateTrades = new AtomicLong();

    InstrumentFeed(
        final SymbolMapping symbol,
        final int venueId,
        final String topic,
        final BusPublisher publisher,
        final HealthState health,
        final Logger log,
        final int topLevels,
        final int maxPublishRate)
    {
        this.symbol = symbol;
        this.venueId = venueId;
        this.publisher = publisher;
        this.stream = publisher.stream(topic);
        this.health = health;
        this.log = log;
        this.healthCondition = "book." + symbol.instrumentName();
        limits(topLevels, maxPublishRate);
    }

    void limits(final int topLevels, final int maxPublishRate)
    {
        if (writer == null || writer.depth() != topLevels)
        {
            writer = new BookUpdateWriter(topLevels, symbol.priceScale(), symbol.qtyScale());
        }
        this.minIntervalNs = 1_000_000_000L / maxPublishRate;
        // A new rate applies from the last publication, not from a slot booked under the old one.
        nextPublishNs = lastPublishNs + minIntervalNs;
    }

    PublishStream stream()
    {
        return stream;
    }

    VenueState state()
    {
        return state;
    }

    /** Publishes a VenueStatus and updates /health if the state changed. */
    void status(final VenueState newState, final String reason)
    {
        if (newState == state)
        {
            return;
        }
        state = newState;
        publisher.wrap(venueStatus)
            .venueId(venueId)
            .instrumentId(symbol.instrumentId())
            .state(newState)
            .reason(reason);
        publisher.publish(stream, venueStatus, 0);
        if (newState == VenueState.LIVE)
        {
            health.clear(healthCondition);
            log.info("event=venue_status instrument={} state={} reason=\"{}\"", symbol.instrumentName(), newState, reason);
        }
        else
        {
            health.notReady(healthCondition, newState + ": " + reason);
            pending = false;
            log.warn("event=venue_status instrument={} state={} reason=\"{}\"", symbol.instrumentName(), newState, reason);
        }
    }

    /**
     * The published book changed: publish now if the rate allows, else at the next free slot.
     *
     * @param originNs arrival of the frame behind the change; a coalesced update keeps the oldest,
     *                 so tick-to-trade latency downstream is never understated.
     */
    void bookChanged(final SymbolBook book, final long originNs, final long nowNs)
    {
        if (!pending)
        {
            pending = true;
            pendingOriginNs = originNs;
        }
        publishIfDue(book, nowNs);
    }

    /** @return 1 if a BookUpdate went out. */
    int publishIfDue(final SymbolBook book, final long nowNs)
    {
        if (!pending || nowNs < nextPublishNs || state != VenueState.LIVE || !book.isSynced() || book.book.isCrossed())
        {
            return 0;
        }
        markConnection(book);
        final long updateId = book.synchronizer.lastUpdateId();
        pending = false;
        if (updateId <= lastPublishedUpdateId)
        {
            return 0;
        }
        publishBook(book, pendingOriginNs);
        lastPublishNs = nowNs;
        nextPublishNs = nowNs + minIntervalNs;
        return 1;
    }

    /**
     * Publishes the book as it stands for a subscriber's snapshot request, unless it is older than
     * what was already published from the same connection.
     *
     * @return 1 if a BookUpdate went out.
     */
    int republish(final SymbolBook book)
    {
        if (state != VenueState.LIVE || !book.isSynced() || book.book.isCrossed())
        {
            return 0;
        }
        markConnection(book);
        if (book.synchronizer.lastUpdateId() < lastPublishedUpdateId)
        {
            return 0;
        }
        publishBook(book, 0);
        return 1;
    }

    /**
     * A book from another connection below the ids already published means the venue restarted
     * and counts again from 1: holding it to the old connection's ids would freeze the feed. A
     * replacement that caught up (same or higher id) keeps the mark, so nothing is published twice.
     */
    private void markConnection(final SymbolBook book)
    {
        if (book.connectionId != markConnectionId)
        {
            markConnectionId = book.connectionId;
            if (book.synchronizer.lastUpdateId() < lastPublishedUpdateId)
            {
                log.warn("event=update_ids_restarted instrument={} connection={} update_id={} last_published={}",
                    symbol.instrumentName(), book.connectionId, book.synchronizer.lastUpdateId(), lastPublishedUpdateId);
                lastPublishedUpdateId = -1;
            }
        }
    }

    /**
     * The trades from here on come from a connection that does not continue the previous one (the
     * venue may have restarted, and its trade ids with it), so no earlier trade id holds them back.
     */
    void newTradeSession()
    {
        lastTradeId = -1;
    }

    private void publishBook(final SymbolBook book, final long originNs)
    {
        writer.write(publisher.wrap(bookUpdate), venueId, symbol.instrumentId(), book.synchronizer.lastUpdateId(),
            book.lastEventTimeMs * 1_000_000L, book.book);
        publisher.publish(stream, bookUpdate, originNs);
        lastPublishedUpdateId = book.synchronizer.lastUpdateId();
        increment(bookUpdatesPublished);
    }

    /**
     * Publishes a trade unless it was already published: the replacement's trades buffered during a
     * rollover overlap the primary's, and Binance's trade ids rise per symbol within a session.
     */
    void trade(final TradeEvent event, final long originNs)
    {
        if (event.tradeId <= lastTradeId)
        {
            increment(duplicateTrades);
            return;
        }
        lastTradeId = event.tradeId;
        publisher.wrap(trade)
            .venueId(venueId)
            .instrumentId(symbol.instrumentId())
            .venueTradeId(event.tradeId)
            // The buyer resting (maker) means the seller crossed the spread.
            .aggressorSide(event.buyerIsMaker ? Side.SELL : Side.BUY)
            .venueTimeNs(event.tradeTimeMs * 1_000_000L);
        trade.price().mantissa(event.price).exponent((byte)-symbol.priceScale());
        trade.qty().mantissa(event.qty).exponent((byte)-symbol.qtyScale());
        publisher.publish(stream, trade, originNs);
        increment(tradesPublished);
    }

    private static void increment(final AtomicLong counter)
    {
        counter.lazySet(counter.get() + 1);
    }

    long bookUpdatesPublished()
    {
        return bookUpdatesPublished.get();
    }

    long tradesPublished()
    {
        return tradesPublished.get();
    }

    long duplicateTrades()
    {
        return duplicateTrades.get();
    }
}
