package io.mmfleet.quoteserver;

import io.mmfleet.bus.PublishStream;
import io.mmfleet.bus.TopicView;
import io.mmfleet.bus.config.ConfigException;
import io.mmfleet.bus.config.FleetConfig;
import io.mmfleet.bus.config.SectionSpec;
import io.mmfleet.bus.runtime.DaemonApp;
import io.mmfleet.bus.runtime.JitteredBackoff;
import io.mmfleet.bus.runtime.DaemonContext;
import io.mmfleet.bus.runtime.DaemonFatalException;
import io.mmfleet.quoteserver.book.BinanceMarketParser;
import io.mmfleet.quoteserver.book.BookSynchronizer;
import io.mmfleet.quoteserver.book.DepthEvent;
import io.mmfleet.quoteserver.book.LocalBook;
import io.mmfleet.quoteserver.book.MalformedMessageException;
import io.mmfleet.quoteserver.book.TradeEvent;
import io.mmfleet.sbe.MessageHeaderDecoder;
import io.mmfleet.sbe.VenueState;
import io.prometheus.metrics.core.metrics.Counter;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.slf4j.Logger;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * quote-server's logic on the event loop: keeps one combined-stream connection to the venue (two
 * while rolling over), a local book per symbol per connection kept by Binance's documented
 * procedure, and publishes the primary connection's books, the trades, and each instrument's
 * trustworthiness. The WebSocket and HTTP threads only queue what arrives; everything else happens
 * here, on one thread.
 */
public final class QuoteServerApp implements DaemonApp
{
    private static final int FRAMES_PER_CYCLE = 256;
    /** Diffs buffered per book while its snapshot is on the way (Binance sends ~10 a second). */
    private static final int DIFF_BUFFER = 1024;
    /**
     * Trades a replacement holds per symbol until promoted: it syncs in seconds, and even a busy
     * symbol trades far fewer times than this in that while.
     */
    private static final int STANDBY_TRADES = 4096;
    /** Spacing of the snapshot requests when every book must be rebuilt at once, so they do not all hit the venue together. */
    private static final long RESYNC_STAGGER_NS = 50_000_000L;

    private DaemonContext context;
    private Logger log;
    private QuoteServerConfig config;
    private FrameQueue frames;
    private final ManyToOneConcurrentArrayQueue<ConnectionEvent> connectionEvents = new ManyToOneConcurrentArrayQueue<>(256);
    private final ManyToOneConcurrentArrayQueue<SnapshotFetcher.Result> snapshots = new ManyToOneConcurrentArrayQueue<>(256);
    private SnapshotFetcher fetcher;
    private StreamRouter router;
    private BinanceMarketParser[] parsers;
    private InstrumentFeed[] feeds;
    private final DepthEvent depth = new DepthEvent();
    private final DepthEvent snapshot = new DepthEvent();
    private final TradeEvent trade = new TradeEvent();
    private final Consumer<VenueFrame> onFrame = this::onFrame;
    private JitteredBackoff reconnectBackoff;
    private JitteredBackoff snapshotBackoff;
    private VenueConnection primary;
    private VenueConnection standby;
    private long reconnectDueNs;
    /** A failed replacement connection is retried no sooner than this. */
    private long rolloverRetryNs;
    private int nextConnectionId;
    private long nextSnapshotRequestId;
    private final Set<String> malformedKindsLogged = new HashSet<>();
    private Counter malformed;
    private Counter reconnects;
    private Counter resyncs;
    /** Measures what the event loop allocates handling venue frames (the frame's String is the I/O thread's). */
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean)java.lang.management.ManagementFactory.getThreadMXBean();

    private volatile long framesReceived;
    private volatile long frameAllocatedBytes;
    private volatile long framesDropped;
    private volatile long snapshotsRequested;
    private volatile long rollovers;

    @Override
    public List<SectionSpec> ownedSections()
    {
        return List.of(QuoteServerConfig.SPEC);
    }

    @Override
    public void validate(final FleetConfig fleet)
    {
        QuoteServerConfig.from(fleet);
    }

    @Override
    public void onStart(final DaemonContext context)
    {
        this.context = context;
        this.log = context.log();
        try
        {
            this.config = QuoteServerConfig.from(context.config());
        }
        catch (final ConfigException ex)
        {
            throw new DaemonFatalException(ex.getMessage(), ex);
        }
        final List<SymbolMapping> symbols = config.symbols();
        frames = new FrameQueue(config.queueCapacity());
        fetcher = new SnapshotFetcher(config.snapshotTimeout(), BinanceMarketParser.DEFAULT_MAX_SNAPSHOT_BYTES, snapshots);
        router = new StreamRouter(symbols);
        final SplittableRandom random = new SplittableRandom();
        reconnectBackoff = new JitteredBackoff(config.reconnectBackoffMin().toNanos(), config.reconnectBackoffMax().toNanos(), random.split());
        snapshotBackoff = new JitteredBackoff(config.reconnectBackoffMin().toNanos(), config.reconnectBackoffMax().toNanos(), random.split());
        parsers = new BinanceMarketParser[symbols.size()];
        feeds = new InstrumentFeed[symbols.size()];
        for (int i = 0; i < symbols.size(); i++)
        {
            final SymbolMapping symbol = symbols.get(i);
            parsers[i] = new BinanceMarketParser(symbol.priceScale(), symbol.qtyScale(), config.maxFrameBytes(), BinanceMarketParser.DEFAULT_MAX_SNAPSHOT_BYTES);
            feeds[i] = new InstrumentFeed(symbol, config.venueId(), config.topic(symbol), context.publisher(), context.health(), log,
                config.topLevels(), config.maxPublishRate());
            feeds[i].status(VenueState.CONNECTING, "starting");
        }
        registerMetrics();
        log.info("event=quote_server_config venue={} rest={} stream={} symbols={} top_levels={} max_publish_rate={} rollover={}",
            config.venueName(), config.restUrl(), config.combinedStreamUri(), symbols.size(), config.topLevels(),
            config.maxPublishRate(), config.connectionRollover());
        primary = connect();
    }

    private void registerMetrics()
    {
        final var metrics = context.metrics();
        malformed = metrics.eventCounter("quote_server_malformed_messages", "Venue messages that did not parse or were not expected, by kind", "kind");
        reconnects = metrics.eventCounter("quote_server_reconnects", "Venue connections lost and reopened");
        resyncs = metrics.eventCounter("quote_server_book_resyncs", "Books rebuilt from a snapshot after a gap or a bad state", "instrument");
        metrics.counter("quote_server_venue_frames", "Venue WebSocket frames handled", () -> framesReceived);
        metrics.counter("quote_server_frame_allocated_bytes",
            "Bytes the event loop allocated handling venue frames (parse, book, publish); divide by quote_server_venue_frames_total",
            () -> frameAllocatedBytes);
        metrics.counter("quote_server_dropped_frames", "Venue frames dropped because the event loop was behind", () -> framesDropped);
        metrics.counter("quote_server_snapshot_requests", "REST depth snapshots requested", () -> snapshotsRequested);
        metrics.counter("quote_server_snapshot_results_lost", "Snapshot answers the event loop's queue had no room for (retried after the deadline)",
            fetcher::resultsLost);
        metrics.counter("quote_server_rollovers", "Connections replaced before the venue's lifetime limit", () -> rollovers);
        metrics.gauge("quote_server_frame_queue", "Venue frames waiting for the event loop", () -> frames.size());
        metrics.counter("quote_server_book_updates", "BookUpdates published", () ->
        {
            long sum = 0;
            for (final InstrumentFeed feed : feeds)
            {
                sum += feed.bookUpdatesPublished();
            }
            return sum;
        });
        metrics.counter("quote_server_duplicate_trades", "Trades seen on both connections during a rollover and published once", () ->
        {
            long sum = 0;
            for (final InstrumentFeed feed : feeds)
            {
                sum += feed.duplicateTrades();
            }
            return sum;
        });
        metrics.counter("quote_server_trades", "Trades published", () ->
        {
            long sum = 0;
            for (final InstrumentFeed feed : feeds)
            {
                sum += feed.tradesPublished();
            }
            return sum;
        });
    }

    private VenueConnection connect()
    {
        final int id = ++nextConnectionId;
        final MarketStreamClient client = new MarketStreamClient(config.combinedStreamUri(), config.maxFrameBytes(), id, frames,
            connectionEvents, context.clock(), (int)config.snapshotTimeout().toMillis());
        final SymbolBook[] books = new SymbolBook[config.symbols().size()];
        final VenueConnection connection = new VenueConnection(id, client, books, System.nanoTime());
        for (int i = 0; i < books.length; i++)
        {
            books[i] = new SymbolBook(i, id, new LocalBook(config.snapshotLevels()), DIFF_BUFFER, STANDBY_TRADES, new BookListener(connection, i));
        }
        log.info("event=connecting connection={} url={}", id, config.combinedStreamUri());
        client.connect();
        return connection;
    }

    @Override
    public int doWork(final long nowNs)
    {
        int work = 0;
        ConnectionEvent event;
        while ((event = connectionEvents.poll()) != null)
        {
            onConnectionEvent(event, nowNs);
            work++;
        }
        final long allocatedBefore = THREADS.getCurrentThreadAllocatedBytes();
        final int drained = frames.drain(onFrame, FRAMES_PER_CYCLE);
        if (drained > 0)
        {
            frameAllocatedBytes += THREADS.getCurrentThreadAllocatedBytes() - allocatedBefore;
            work += drained;
        }
        SnapshotFetcher.Result result;
        while ((result = snapshots.poll()) != null)
        {
            onSnapshot(result, nowNs);
            work++;
        }
        work += checkConnection(primary, nowNs);
        work += checkConnection(standby, nowNs);
        work += manageConnections(nowNs);
        if (primary != null)
        {
            for (int i = 0; i < feeds.length; i++)
            {
                work += feeds[i].publishIfDue(primary.books[i], nowNs);
            }
        }
        return work;
    }

    private VenueConnection connection(final int id)
    {
        if (primary != null && primary.id == id)
        {
            return primary;
        }
        if (standby != null && standby.id == id)
        {
            return standby;
        }
        return null;
    }

    private void onConnectionEvent(final ConnectionEvent event, final long nowNs)
    {
        final VenueConnection connection = connection(event.connectionId());
        if (connection == null || connection.closed)
        {
            return;
        }
        switch (event.kind())
        {
            case OPENED ->
            {
                connection.open = true;
                connection.openedNs = nowNs;
                connection.lastActivityNs = nowNs;
                log.info("event=connected connection={} role={}", connection.id, connection == primary ? "primary" : "replacement");
                for (final SymbolBook book : connection.books)
                {
                    // The streams are subscribed by the URL, so every diff from here on is buffered:
                    // the snapshot may be asked for at once.
                    requestSnapshot(connection, book);
                    if (connection == primary)
                    {
                        feeds[book.symbolIndex].status(VenueState.SYNCING, "connected; awaiting the depth snapshot");
                    }
                }
            }
            case CLOSED -> onClosed(connection, event.reason(), nowNs);
        }
    }

    private void onClosed(final VenueConnection connection, final String reason, final long nowNs)
    {
        connection.closed = true;
        connection.open = false;
        // An error need not have closed the socket; make sure no half-dead connection lingers.
        connection.client.close();
        if (connection == standby)
        {
            standby = null;
            final long delayNs = reconnectBackoff.nextDelayNs();
            rolloverRetryNs = nowNs + delayNs;
            log.warn("event=replacement_lost connection={} retry_in_ms={} reason=\"{}\"", connection.id, delayNs / 1_000_000, reason);
            return;
        }
        log.warn("event=disconnected connection={} reason=\"{}\"", connection.id, reason);
        if (standby != null && standby.open && standby.allSynced())
        {
            promote(standby, "primary closed: " + reason);
            return;
        }
        if (standby != null)
        {
            // The replacement takes over part-synced: its synced books go LIVE now, the rest when they sync.
            takeOver(standby, "primary closed before the replacement had caught up: " + reason);
            return;
        }
        primary = null;
        for (final InstrumentFeed feed : feeds)
        {
            feed.status(VenueState.DISCONNECTED, reason);
        }
        final long delayNs = reconnectBackoff.nextDelayNs();
        reconnectDueNs = nowNs + delayNs;
        log.info("event=reconnect_scheduled in_ms={} failures={}", delayNs / 1_000_000, reconnectBackoff.failures());
    }

    private void onFrame(final VenueFrame frame)
    {
        final VenueConnection connection = connection(frame.connectionId);
        if (connection == null || connection.closed)
        {
            return;
        }
        framesReceived++;
        connection.lastActivityNs = System.nanoTime();
        final String text = frame.text;
        final int symbolIndex = router.route(text);
        if (symbolIndex == StreamRouter.UNKNOWN_SYMBOL)
        {
            malformed("unknown_stream", text);
            return;
        }
        if (symbolIndex == StreamRouter.NOT_COMBINED)
        {
            unrouted(text);
            return;
        }
        final BinanceMarketParser.Kind kind;
        try
        {
            kind = parsers[symbolIndex].parse(text, depth, trade);
        }
        catch (final MalformedMessageException ex)
        {
            malformed(ex.kind(), text);
            return;
        }
        switch (kind)
        {
            case DEPTH_UPDATE ->
            {
                final SymbolBook book = connection.books[symbolIndex];
                book.lastArrivalEpochNs = frame.arrivalEpochNs;
                book.lastEventTimeMs = depth.eventTimeMs;
                book.synchronizer.onDiff(depth);
                resyncIfNeeded(connection, book, connection.lastActivityNs, -1);
            }
            case TRADE ->
            {
                if (connection == primary)
                {
                    feeds[symbolIndex].trade(trade, frame.arrivalEpochNs);
                }
                else
                {
                    connection.books[symbolIndex].standbyTrades.add(trade, frame.arrivalEpochNs);
                }
            }
            case SUBSCRIBE_REPLY -> malformed("unexpected_reply", text);
            default -> malformed("venue_error_reply", text);
        }
    }

    /** A frame without a stream name: never sent on a combined stream we did not ask anything of. */
    private void unrouted(final String text)
    {
        try
        {
            // Any symbol's parser can say what it is; none of its numbers are used.
            switch (parsers[0].parse(text, depth, trade))
            {
                case SUBSCRIBE_REPLY -> malformed("unexpected_reply", text);
                case OTHER -> malformed("venue_error_reply", text);
                default -> malformed("unrouted_event", text);
            }
        }
        catch (final MalformedMessageException ex)
        {
            malformed(ex.kind(), text);
        }
    }

    private void malformed(final String kind, final String text)
    {
        malformed.labelValues(kind).inc();
        if (malformedKindsLogged.add(kind))
        {
            log.warn("event=malformed_venue_message kind={} sample=\"{}\" note=\"logged once per kind; see quote_server_malformed_messages_total\"",
                kind, abbreviate(text));
        }
    }

    private static String abbreviate(final String text)
    {
        final String oneLine = text.replace('\n', ' ').replace('"', '\'');
        return oneLine.length() <= 160 ? oneLine : oneLine.substring(0, 160) + "...";
    }

    private void requestSnapshot(final VenueConnection connection, final SymbolBook book)
    {
        book.snapshotInFlight = true;
        book.snapshotDueNs = 0;
        book.snapshotRequestId = ++nextSnapshotRequestId;
        book.snapshotRequestedNs = System.nanoTime();
        snapshotsRequested++;
        fetcher.fetch(config.depthSnapshotUri(config.symbols().get(book.symbolIndex)), config.snapshotTimeout(), connection.id,
            book.symbolIndex, book.snapshotRequestId);
    }

    private void onSnapshot(final SnapshotFetcher.Result result, final long nowNs)
    {
        final VenueConnection connection = connection(result.connectionId());
        if (connection == null || connection.closed)
        {
            return;
        }
        final SymbolBook book = connection.books[result.symbolIndex()];
        if (!book.snapshotInFlight || result.requestId() != book.snapshotRequestId)
        {
            // Answers a request already abandoned past its deadline; a newer one is on its way or due.
            return;
        }
        book.snapshotInFlight = false;
        final String instrument = config.symbols().get(book.symbolIndex).instrumentName();
        if (result.body() == null)
        {
            retrySnapshot(book, nowNs, instrument, result.error(), result.retryAfterMs() * 1_000_000L);
            return;
        }
        try
        {
            parsers[book.symbolIndex].parseSnapshot(result.body(), snapshot);
        }
        catch (final MalformedMessageException ex)
        {
            malformed("snapshot_" + ex.kind(), new String(result.body(), 0, Math.min(result.body().length, 200), java.nio.charset.StandardCharsets.UTF_8));
            retrySnapshot(book, nowNs, instrument, "malformed snapshot: " + ex.getMessage(), 0);
            return;
        }
        book.resyncReason = null;
        book.lastEventTimeMs = 0;
        book.lastArrivalEpochNs = context.clock().nanoTime();
        book.synchronizer.onSnapshot(snapshot);
        if (book.synchronizer.state() == BookSynchronizer.State.AWAITING_SNAPSHOT)
        {
            // Older than the diffs already buffered: Binance says fetch it again.
            log.info("event=snapshot_too_old instrument={} connection={} last_update_id={}", instrument, connection.id, snapshot.finalUpdateId);
            retrySnapshot(book, nowNs, instrument, "snapshot older than the buffered diffs", 0);
            return;
        }
        resyncIfNeeded(connection, book, nowNs, -1);
    }

    /** @param venueDelayNs how long the venue asked us to wait (Retry-After), 0 if it did not. */
    private void retrySnapshot(final SymbolBook book, final long nowNs, final String instrument, final String why, final long venueDelayNs)
    {
        final long delayNs = Math.max(snapshotBackoff.nextDelayNs(), venueDelayNs);
        book.snapshotDueNs = nowNs + delayNs;
        log.warn("event=snapshot_failed instrument={} retry_in_ms={} error=\"{}\"", instrument, delayNs / 1_000_000, why);
    }

    /**
     * Acts on a synchronizer's verdict outside its callback: back to a fresh snapshot, asked for
     * through the due time so that a book failing again and again backs off instead of hammering the
     * venue, and never before a Retry-After the venue imposed.
     *
     * @param delayNs when to ask for the snapshot, or -1 for the snapshot backoff's next delay.
     */
    private void resyncIfNeeded(final VenueConnection connection, final SymbolBook book, final long nowNs, final long delayNs)
    {
        if (book.resyncReason == null && book.synchronizer.state() != BookSynchronizer.State.RESYNC_NEEDED)
        {
            return;
        }
        final String reason = book.resyncReason != null ? book.resyncReason : "synchronizer asked for a resync";
        final String instrument = config.symbols().get(book.symbolIndex).instrumentName();
        resyncs.labelValues(instrument).inc();
        log.warn("event=book_resync instrument={} connection={} reason=\"{}\"", instrument, connection.id, reason);
        if (connection == primary)
        {
            feeds[book.symbolIndex].status(VenueState.SYNCING, reason);
        }
        book.synchronizer.reset();
        book.resyncReason = null;
        // A snapshot already on its way is at least as new as this gap; one too old is asked again.
        if (!book.snapshotInFlight)
        {
            final long dueNs = nowNs + (delayNs >= 0 ? delayNs : snapshotBackoff.nextDelayNsFirstImmediate());
            // Never earlier than a due time already set, which may be a venue's Retry-After (0: none set).
            book.snapshotDueNs = book.snapshotDueNs == 0 ? dueNs : Math.max(book.snapshotDueNs, dueNs);
        }
    }

    private int checkConnection(final VenueConnection connection, final long nowNs)
    {
        if (connection == null || connection.closed)
        {
            return 0;
        }
        int work = 0;
        final long dropped = connection.client.droppedFrames();
        if (dropped != connection.droppedFramesSeen)
        {
            framesDropped += dropped - connection.droppedFramesSeen;
            connection.droppedFramesSeen = dropped;
            final long firstDelayNs = snapshotBackoff.nextDelayNsFirstImmediate();
            for (final SymbolBook book : connection.books)
            {
                book.resyncReason = "frames dropped: the event loop fell behind the venue";
                resyncIfNeeded(connection, book, nowNs, firstDelayNs + book.symbolIndex * RESYNC_STAGGER_NS);
            }
            work++;
        }
        final long binary = connection.client.binaryFrames();
        if (binary != connection.binaryFramesSeen)
        {
            malformed.labelValues("binary_frame").inc(binary - connection.binaryFramesSeen);
            connection.binaryFramesSeen = binary;
            if (malformedKindsLogged.add("binary_frame"))
            {
                log.warn("event=malformed_venue_message kind=binary_frame note=\"logged once per kind; see quote_server_malformed_messages_total\"");
            }
            work++;
        }
        // The fetcher has its own deadline; this one also covers an answer it could not queue.
        final long abandonAfterNs = 2 * config.snapshotTimeout().toNanos();
        for (final SymbolBook book : connection.books)
        {
            if (book.snapshotInFlight && nowNs - book.snapshotRequestedNs > abandonAfterNs)
            {
                book.snapshotInFlight = false;
                retrySnapshot(book, nowNs, config.symbols().get(book.symbolIndex).instrumentName(),
                    "no answer within " + abandonAfterNs / 1_000_000 + " ms; request abandoned", 0);
                work++;
            }
            if (connection.open && !book.snapshotInFlight && book.snapshotDueNs != 0 && nowNs >= book.snapshotDueNs)
            {
                requestSnapshot(connection, book);
                work++;
            }
        }
        final long silentNs = nowNs - connection.lastSignOfLifeNs();
        if (silentNs > config.staleTimeout().toNanos())
        {
            log.warn("event=connection_stale connection={} silent_ms={} open={}", connection.id, silentNs / 1_000_000, connection.open);
            if (connection == primary)
            {
                for (final InstrumentFeed feed : feeds)
                {
                    feed.status(VenueState.STALE, "no message or ping from the venue for " + silentNs / 1_000_000 + " ms");
                }
            }
            connection.client.closeConnection(org.java_websocket.framing.CloseFrame.GOING_AWAY, "stale");
            onClosed(connection, "stale: silent for " + silentNs / 1_000_000 + " ms", nowNs);
            work++;
        }
        return work;
    }

    private int manageConnections(final long nowNs)
    {
        if (primary == null)
        {
            if (reconnectDueNs != 0 && nowNs >= reconnectDueNs)
            {
                reconnectDueNs = 0;
                reconnects.inc();
                primary = connect();
                for (final InstrumentFeed feed : feeds)
                {
                    feed.newTradeSession();
                    feed.status(VenueState.CONNECTING, "reconnecting");
                }
                return 1;
            }
            return 0;
        }
        if (primary.open && primary.allSynced())
        {
            reconnectBackoff.reset();
        }
        if (standby == null && primary.open && nowNs - primary.openedNs >= config.connectionRollover().toNanos() && nowNs >= rolloverRetryNs)
        {
            log.info("event=rollover_started connection={} age_s={}", primary.id, (nowNs - primary.openedNs) / 1_000_000_000L);
            standby = connect();
            return 1;
        }
        if (standby != null && standby.open && standby.caughtUpWith(primary))
        {
            promote(standby, "rollover");
            return 1;
        }
        return 0;
    }

    /** The replacement takes over publishing; the old connection is closed as no loss. */
    private void promote(final VenueConnection replacement, final String why)
    {
        final VenueConnection old = primary;
        primary = replacement;
        standby = null;
        rollovers++;
        if (old != null && !old.closed)
        {
            old.retired = true;
            old.closed = true;
            old.client.close(org.java_websocket.framing.CloseFrame.NORMAL, "rolled over");
        }
        publishTakenOver(primary);
        log.info("event=rollover_completed from={} to={} why=\"{}\"", old == null ? 0 : old.id, primary.id, why);
    }

    /** The primary is gone and the replacement, not yet caught up, takes its place. */
    private void takeOver(final VenueConnection replacement, final String why)
    {
        primary = replacement;
        standby = null;
        rollovers++;
        publishTakenOver(primary);
        log.warn("event=replacement_took_over connection={} why=\"{}\"", primary.id, why);
    }

    /**
     * What a connection that just became primary has to publish: the trades it held (those the old
     * primary had not published) and every book it has in sync; a book still syncing goes LIVE when it does.
     */
    private void publishTakenOver(final VenueConnection connection)
    {
        final long nowNs = System.nanoTime();
        for (int i = 0; i < feeds.length; i++)
        {
            final SymbolBook book = connection.books[i];
            book.standbyTrades.drainTo(feeds[i]);
            if (book.isSynced())
            {
                feeds[i].status(VenueState.LIVE, "synced");
                feeds[i].bookChanged(book, book.lastArrivalEpochNs, nowNs);
            }
            else
            {
                feeds[i].status(VenueState.SYNCING, connection.open ? "replacement connection still syncing" : "replacement connection opening");
            }
        }
    }

    /** The synchronizer's callbacks for one book of one connection. */
    private final class BookListener implements BookSynchronizer.Listener
    {
        private final VenueConnection connection;
        private final int symbolIndex;

        BookListener(final VenueConnection connection, final int symbolIndex)
        {
            this.connection = connection;
            this.symbolIndex = symbolIndex;
        }

        @Override
        public void onSynced()
        {
            final SymbolBook book = connection.books[symbolIndex];
            log.info("event=book_synced instrument={} connection={} last_update_id={}",
                config.symbols().get(symbolIndex).instrumentName(), connection.id, book.synchronizer.lastUpdateId());
            if (book.book.isCrossed())
            {
                book.resyncReason = "crossed book after the snapshot";
                return;
            }
            snapshotBackoff.reset();
            if (connection == primary)
            {
                feeds[symbolIndex].status(VenueState.LIVE, "synced");
                feeds[symbolIndex].bookChanged(book, book.lastArrivalEpochNs, System.nanoTime());
            }
        }

        @Override
        public void onUpdated()
        {
            final SymbolBook book = connection.books[symbolIndex];
            if (book.book.isCrossed())
            {
                book.resyncReason = "crossed book";
                return;
            }
            if (connection == primary)
            {
                feeds[symbolIndex].bookChanged(book, book.lastArrivalEpochNs, System.nanoTime());
            }
        }

        @Override
        public void onDesynced(final String reason)
        {
            connection.books[symbolIndex].resyncReason = reason;
        }
    }

    @Override
    public void onMessage(final TopicView topic, final MessageHeaderDecoder header, final DirectBuffer buffer, final int length)
    {
        // quote-server subscribes to nothing beyond what the runtime handles (control, heartbeats).
    }

    @Override
    public void onReload(final FleetConfig fleet)
    {
        final QuoteServerConfig candidate = QuoteServerConfig.from(fleet);
        QuoteServerConfig.requireSameVenueSetup(config, candidate, fleet.document().fileName());
        config = candidate;
        reconnectBackoff.limits(candidate.reconnectBackoffMin().toNanos(), candidate.reconnectBackoffMax().toNanos());
        snapshotBackoff.limits(candidate.reconnectBackoffMin().toNanos(), candidate.reconnectBackoffMax().toNanos());
        for (final InstrumentFeed feed : feeds)
        {
            feed.limits(candidate.topLevels(), candidate.maxPublishRate());
        }
    }

    @Override
    public int republish(final PublishStream stream)
    {
        for (int i = 0; i < feeds.length; i++)
        {
            if (feeds[i].stream() == stream)
            {
                return primary == null ? 0 : feeds[i].republish(primary.books[i]);
            }
        }
        return -1;
    }

    @Override
    public void onStop()
    {
        for (final VenueConnection connection : new VenueConnection[] {primary, standby})
        {
            if (connection != null && !connection.closed)
            {
                connection.closed = true;
                connection.client.close(org.java_websocket.framing.CloseFrame.GOING_AWAY, "quote-server stopping");
            }
        }
    }
}
