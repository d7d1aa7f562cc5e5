package io.mmfleet.quoteserver;

import io.mmfleet.bus.BusPublisher;
import io.mmfleet.bus.Envelope;
import io.mmfleet.bus.runtime.HealthState;
import io.mmfleet.quoteserver.book.BookSynchronizer;
import io.mmfleet.quoteserver.book.DepthEvent;
import io.mmfleet.quoteserver.book.LocalBook;
import io.mmfleet.quoteserver.book.TradeEvent;
import io.mmfleet.sbe.BookUpdateDecoder;
import io.mmfleet.sbe.MessageHeaderDecoder;
import io.mmfleet.sbe.TradeDecoder;
import io.mmfleet.sbe.VenueState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.zeromq.ZContext;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What one instrument's feed lets through: update ids rise within a connection, a restarted venue's
 * ids (from 1 again) on a new connection are not held back, and a standby's trades are published at
 * its promotion once each, in order.
 */
class InstrumentFeedTest
{
    private static final BookSynchronizer.Listener IGNORE = new BookSynchronizer.Listener()
    {
        @Override
        public void onSynced()
        {
        }

        @Override
        public void onUpdated()
        {
        }

        @Override
        public void onDesynced(final String reason)
        {
        }
    };

    private final ZContext zmq = new ZContext(1);
    private final BusPublisher publisher = new BusPublisher(zmq, "tcp://127.0.0.1:*", 1, 1, 1000, System::nanoTime);
    private final InstrumentFeed feed = new InstrumentFeed(new SymbolMapping("ETHUSDT", "ETH-USDC", 1, 2, 4), 1, "md.binance.ETH-USDC",
        publisher, new HealthState(), LoggerFactory.getLogger(InstrumentFeedTest.class), 5, 1_000_000);
    private long nowNs = 1_000_000_000L;

    @AfterEach
    void close()
    {
        publisher.close();
        zmq.close();
    }

    private static SymbolBook syncedBook(final int connectionId, final long updateId)
    {
        final SymbolBook book = new SymbolBook(0, connectionId, new LocalBook(10), 8, 8, IGNORE);
        final DepthEvent snapshot = new DepthEvent();
        snapshot.firstUpdateId = updateId;
        snapshot.finalUpdateId = updateId;
        snapshot.addBid(300_000, 10_000);
        snapshot.addAsk(300_100, 10_000);
        book.synchronizer.onSnapshot(snapshot);
        assertEquals(BookSynchronizer.State.SYNCED, book.synchronizer.state());
        return book;
    }

    private int changed(final SymbolBook book)
    {
        final long before = feed.bookUpdatesPublished();
        nowNs += 1_000_000_000L;
        feed.bookChanged(book, 0, nowNs);
        return (int)(feed.bookUpdatesPublished() - before);
    }

    private long lastPublishedUpdateId()
    {
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(publisher.buffer(), 0);
        assertEquals(BookUpdateDecoder.TEMPLATE_ID, header.templateId());
        return new BookUpdateDecoder().wrap(publisher.buffer(), Envelope.HEADER_LENGTH, header.blockLength(), header.version()).venueUpdateId();
    }

    private long lastPublishedTradeId()
    {
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(publisher.buffer(), 0);
        assertEquals(TradeDecoder.TEMPLATE_ID, header.templateId());
        return new TradeDecoder().wrap(publisher.buffer(), Envelope.HEADER_LENGTH, header.blockLength(), header.version()).venueTradeId();
    }

    @Test
    void aNewConnectionBelowThePublishedIdsIsARestartedVenueAndIsPublished()
    {
        feed.status(VenueState.LIVE, "test");
        assertEquals(1, changed(syncedBook(1, 500)));
        assertEquals(0, changed(syncedBook(1, 400)), "ids only rise within a connection");
        assertEquals(1, changed(syncedBook(2, 3)), "a restarted venue counts from 1 again");
        assertEquals(3, lastPublishedUpdateId());
        assertEquals(0, changed(syncedBook(2, 2)), "and rises again within the new connection");
    }

    @Test
    void aReplacementAtTheSameIdIsNotPublishedTwice()
    {
        feed.status(VenueState.LIVE, "test");
        assertEquals(1, changed(syncedBook(1, 500)));
        assertEquals(0, changed(syncedBook(2, 500)));
        assertEquals(1, changed(syncedBook(2, 501)));
    }

    @Test
    void republishingNeverSendsAnOlderBookOfTheSameConnection()
    {
        feed.status(VenueState.LIVE, "test");
        assertEquals(1, changed(syncedBook(1, 500)));
        assertEquals(1, feed.republish(syncedBook(1, 500)), "the current book is sent again on request");
        assertEquals(0, feed.republish(syncedBook(1, 499)));
        assertEquals(500, lastPublishedUpdateId());
        feed.status(VenueState.SYNCING, "test");
        assertEquals(0, feed.republish(syncedBook(1, 501)), "nothing while the book is not trusted");
    }

    @Test
    void standbyTradesArePublishedAtPromotionAboveThePrimarysLastOnly()
    {
        final StandbyTrades standby = new StandbyTrades(4);
        final TradeEvent trade = new TradeEvent();
        trade.price = 300_000;
        trade.qty = 5_000;
        for (final long id : new long[] {103, 104, 105})
        {
            trade.tradeId = id;
            standby.add(trade, 0);
        }
        trade.tradeId = 104;
        feed.trade(trade, 0);
        standby.drainTo(feed);
        assertEquals(2, feed.tradesPublished(), "104 from the primary, then 105 from the replacement");
        assertEquals(105, lastPublishedTradeId());
        assertEquals(0, standby.size());
    }

    @Test
    void aFullStandbyRingKeepsTheNewestTrades()
    {
        final StandbyTrades standby = new StandbyTrades(2);
        final TradeEvent trade = new TradeEvent();
        for (final long id : new long[] {1, 2, 3})
        {
            trade.tradeId = id;
            standby.add(trade, 0);
        }
        trade.tradeId = 1;
        feed.trade(trade, 0);
        standby.drainTo(feed);
        assertEquals(3, feed.tradesPublished());
        assertEquals(3, lastPublishedTradeId());
    }

    @Test
    void aNewTradeSessionAcceptsIdsFromOneAgain()
    {
        final TradeEvent trade = new TradeEvent();
        trade.tradeId = 50;
        feed.trade(trade, 0);
        trade.tradeId = 1;
        feed.trade(trade, 0);
        assertEquals(1, feed.tradesPublished(), "an id already passed is a duplicate within a session");
        feed.newTradeSession();
        feed.trade(trade, 0);
        assertEquals(2, feed.tradesPublished());
        assertEquals(1, lastPublishedTradeId());
    }
}
