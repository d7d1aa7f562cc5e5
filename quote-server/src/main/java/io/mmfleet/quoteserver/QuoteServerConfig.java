package io.mmfleet.quoteserver;

import io.mmfleet.bus.config.ConfigException;
import io.mmfleet.bus.config.DaemonSections;
import io.mmfleet.bus.config.FleetConfig;
import io.mmfleet.bus.config.KeyTypes;
import io.mmfleet.bus.config.SectionSpec;
import io.mmfleet.bus.config.SectionValues;
import io.mmfleet.bus.config.VenueSymbolListType;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code [quote-server]} section: the venue's URLs, which symbols to follow and how they map to
 * the fleet's instruments, how much of each book to publish and how often, and the connection
 * timers. Checked whole at start and on reload.
 */
public record QuoteServerConfig(
    int venueId,
    String venueName,
    URI restUrl,
    URI streamUrl,
    List<SymbolMapping> symbols,
    int topLevels,
    int snapshotLevels,
    int maxPublishRate,
    Duration reconnectBackoffMin,
    Duration reconnectBackoffMax,
    Duration connectionRollover,
    Duration staleTimeout,
    Duration snapshotTimeout,
    int queueCapacity,
    int maxFrameBytes)
{
    public static final String SECTION = "quote-server";

    public static final SectionSpec SPEC = DaemonSections.common(SECTION)
        .optional("VENUE_ID", KeyTypes.integer(1, 65535), 1L,
            "Venue id stamped on every BookUpdate, Trade and VenueStatus.")
        .optional("VENUE_NAME", KeyTypes.choice("binance"), "binance",
            "Venue protocol and the topic segment: md.<VENUE_NAME>.<INSTRUMENT>.")
        .required("REST_URL", KeyTypes.url("http", "https"), "REST base URL (depth snapshots at /api/v3/depth).")
        .required("STREAM_URL", KeyTypes.url("ws", "wss"), "Market data WebSocket base URL (combined streams at /stream).")
        .required("SYMBOLS", VenueSymbolListType.INSTANCE, "VENUE_SYMBOL:INSTRUMENT:PRICE_SCALE:QTY_SCALE, comma separated.")
        .optional("TOP_LEVELS", KeyTypes.integer(1, 100), 10L, "Levels per side in each BookUpdate.")
        .optional("SNAPSHOT_LEVELS", KeyTypes.choice("5", "10", "20", "50", "100", "500", "1000", "5000"), "1000",
            "Levels per side asked of the REST depth snapshot.")
        .optional("MAX_PUBLISH_RATE", KeyTypes.integer(1, 100_000), 50L, "Most BookUpdates per second per instrument.")
        .optional("RECONNECT_BACKOFF_MIN", KeyTypes.duration(Duration.ofMillis(1), Duration.ofMinutes(1)), Duration.ofMillis(250),
            "First reconnect delay ceiling.")
        .optional("RECONNECT_BACKOFF_MAX", KeyTypes.duration(Duration.ofMillis(1), Duration.ofMinutes(10)), Duration.ofSeconds(30),
            "Largest reconnect delay ceiling.")
        .optional("CONNECTION_ROLLOVER", KeyTypes.duration(Duration.ofSeconds(1), Duration.ofDays(7)), Duration.ofHours(23),
            "Age at which a replacement connection is opened, before the venue's lifetime limit.")
        .optional("STALE_TIMEOUT", KeyTypes.duration(Duration.ofSeconds(1), Duration.ofMinutes(10)), Duration.ofMinutes(1),
            "A connection silent this long (no data, no ping) is dead.")
        .optional("SNAPSHOT_TIMEOUT", KeyTypes.duration(Duration.ofMillis(100), Duration.ofMinutes(1)), Duration.ofSeconds(10),
            "REST depth snapshot request timeout.")
        .optional("QUEUE_CAPACITY", KeyTypes.integer(16, 1 << 20), 4096L,
            "Venue frames waiting for the event loop; beyond it frames are dropped and the books resync.")
        .optional("MAX_FRAME_BYTES", KeyTypes.integer(1024, 64L << 20), 1L << 20,
            "Largest WebSocket frame accepted; a larger one closes the connection.")
        .build();

    public static QuoteServerConfig from(final FleetConfig fleet)
    {
        final SectionValues values = fleet.section(SECTION);
        final List<SymbolMapping> symbols = symbols(values, fleet);
        final Duration backoffMin = values.duration("RECONNECT_BACKOFF_MIN");
        final Duration backoffMax = values.duration("RECONNECT_BACKOFF_MAX");
        if (backoffMax.compareTo(backoffMin) < 0)
        {
            throw values.invalid("RECONNECT_BACKOFF_MAX", "a duration not below RECONNECT_BACKOFF_MIN (" + backoffMin + ")");
        }
        final int topLevels = (int)values.integer("TOP_LEVELS");
        final int snapshotLevels = Integer.parseInt(values.string("SNAPSHOT_LEVELS"));
        if (snapshotLevels < topLevels)
        {
            throw values.invalid("SNAPSHOT_LEVELS", "at least TOP_LEVELS (" + topLevels + ")");
        }
        return new QuoteServerConfig(
            (int)values.integer("VENUE_ID"),
            values.string("VENUE_NAME"),
            values.get("REST_URL", URI.class),
            values.get("STREAM_URL", URI.class),
            symbols,
            topLevels,
            snapshotLevels,
            (int)values.integer("MAX_PUBLISH_RATE"),
            backoffMin,
            backoffMax,
            values.duration("CONNECTION_ROLLOVER"),
            values.duration("STALE_TIMEOUT"),
            values.duration("SNAPSHOT_TIMEOUT"),
            (int)values.integer("QUEUE_CAPACITY"),
            (int)values.integer("MAX_FRAME_BYTES"));
    }

    private static List<SymbolMapping> symbols(final SectionValues values, final FleetConfig fleet)
    {
        final List<SymbolMapping> symbols = new ArrayList<>();
        for (final VenueSymbolListType.Entry entry : VenueSymbolListType.resolve(values, "SYMBOLS", fleet))
        {
            symbols.add(new SymbolMapping(entry.venueSymbol(), entry.instrumentName(), entry.instrumentId(), entry.priceScale(), entry.qtyScale()));
        }
        return List.copyOf(symbols);
    }

    /** The combined-stream URL carrying every symbol's diff depth and trades. */
    public URI combinedStreamUri()
    {
        final StringBuilder streams = new StringBuilder();
        for (final SymbolMapping symbol : symbols)
        {
            if (streams.length() > 0)
            {
                streams.append('/');
            }
            streams.append(symbol.diffDepthStream()).append('/').append(symbol.tradeStream());
        }
        final String base = streamUrl.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/stream?streams=" + streams);
    }

    public URI depthSnapshotUri(final SymbolMapping symbol)
    {
        final String base = restUrl.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) +
            "/api/v3/depth?symbol=" + symbol.venueSymbol() + "&limit=" + snapshotLevels);
    }

    public String topic(final SymbolMapping symbol)
    {
        return "md." + venueName + "." + symbol.instrumentName();
    }

    /** Refuses a reload that would change what cannot change live. */
    static void requireSameVenueSetup(final QuoteServerConfig current, final QuoteServerConfig candidate, final String fileName)
    {
        if (!current.symbols.equals(candidate.symbols) || !current.restUrl.equals(candidate.restUrl) ||
            !current.streamUrl.equals(candidate.streamUrl) || current.venueId != candidate.venueId ||
            !current.venueName.equals(candidate.venueName) || current.queueCapacity != candidate.queueCapacity ||
            current.maxFrameBytes != candidate.maxFrameBytes)
        {
            throw new ConfigException(fileName, 0, SECTION, null, "VENUE_ID, VENUE_NAME, REST_URL, STREAM_URL, SYMBOLS, QUEUE_CAPACITY and MAX_FRAME_BYTES unchanged",
                "venue, symbols, queue capacity and frame limit cannot change on reload; restart quote-server to apply them");
        }
    }
}
