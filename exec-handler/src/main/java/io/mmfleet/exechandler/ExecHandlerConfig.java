package io.mmfleet.exechandler;

import io.mmfleet.bus.config.ConfigException;
import io.mmfleet.bus.config.DaemonSections;
import io.mmfleet.bus.config.FleetConfig;
import io.mmfleet.bus.config.KeyTypes;
import io.mmfleet.bus.config.SectionSpec;
import io.mmfleet.bus.config.SectionValues;
import io.mmfleet.bus.config.VenueSymbolListType;
import io.mmfleet.exechandler.venue.VenueSymbol;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code [exec-handler]} section: the venue's URLs, the symbols traded and their scales, where
 * the credentials are (files, never values), the signing window and every timer of the order path.
 * Checked whole at start and on reload.
 */
public record ExecHandlerConfig(
    int venueId,
    String venueName,
    URI restUrl,
    URI wsApiUrl,
    List<VenueSymbol> symbols,
    Path apiKeyFile,
    Path secretKeyFile,
    Path journalFile,
    Duration recvWindow,
    Duration requestTimeout,
    Duration reconnectBackoffMin,
    Duration reconnectBackoffMax,
    Duration timeSyncInterval,
    Duration accountSnapshotInterval,
    Duration exchangeInfoInterval,
    Duration lookupRetry,
    Duration fillGapTimeout,
    int throttleWarnPercent,
    int maxFrameBytes)
{
    public static final String SECTION = "exec-handler";

    public static final SectionSpec SPEC = DaemonSections.common(SECTION)
        .optional("VENUE_ID", KeyTypes.integer(1, 65535), 1L, "Venue id of every message and of the commands taken.")
        .optional("VENUE_NAME", KeyTypes.choice("binance"), "binance",
            "Venue protocol and the topic segment: ord.cmd.<VENUE_NAME>, exec.<VENUE_NAME>, acct.<VENUE_NAME>.")
        .required("REST_URL", KeyTypes.url("http", "https"), "REST base URL (time, exchangeInfo, account, order lookups, trades).")
        .required("WS_API_URL", KeyTypes.url("ws", "wss"), "WebSocket API URL (order entry and the user data stream).")
        .required("SYMBOLS", VenueSymbolListType.INSTANCE, "VENUE_SYMBOL:INSTRUMENT:PRICE_SCALE:QTY_SCALE, comma separated.")
        .required("API_KEY_FILE", KeyTypes.path(), "File holding the API key; $CREDENTIALS_DIRECTORY/<name> for a systemd credential.")
        .required("SECRET_KEY_FILE", KeyTypes.path(), "File holding the HMAC secret key; $CREDENTIALS_DIRECTORY/<name> for a systemd credential.")
        .optional("JOURNAL_FILE", KeyTypes.path(), Path.of("var/exec-handler/journal.db"),
            "SQLite journal of orders sent and fills reported; survives restarts.")
        .optional("RECV_WINDOW", KeyTypes.duration(Duration.ofMillis(1), Duration.ofSeconds(60)), Duration.ofSeconds(5),
            "recvWindow of every signed request.")
        .optional("REQUEST_TIMEOUT", KeyTypes.duration(Duration.ofMillis(100), Duration.ofMinutes(1)), Duration.ofSeconds(10),
            "How long a venue request waits for its answer.")
        .optional("RECONNECT_BACKOFF_MIN", KeyTypes.duration(Duration.ofMillis(1), Duration.ofMinutes(1)), Duration.ofMillis(250),
            "First reconnect delay ceiling.")
        .optional("RECONNECT_BACKOFF_MAX", KeyTypes.duration(Duration.ofMillis(1), Duration.ofMinutes(10)), Duration.ofSeconds(30),
            "Largest reconnect delay ceiling.")
        .optional("TIME_SYNC_INTERVAL", KeyTypes.duration(Duration.ofSeconds(1), Duration.ofHours(1)), Duration.ofMinutes(1),
            "How often the venue's clock offset is measured.")
        .optional("ACCOUNT_SNAPSHOT_INTERVAL", KeyTypes.duration(Duration.ofSeconds(1), Duration.ofHours(1)), Duration.ofSeconds(30),
            "How often balances and recent trades are fetched and published.")
        .optional("EXCHANGE_INFO_INTERVAL", KeyTypes.duration(Duration.ofSeconds(10), Duration.ofDays(1)), Duration.ofHours(1),
            "How often instrument rules are fetched and published.")
        .optional("LOOKUP_RETRY", KeyTypes.duration(Duration.ofMillis(10), Duration.ofMinutes(1)), Duration.ofSeconds(1),
            "Delay before an unanswered lookup is tried again.")
        .optional("FILL_GAP_TIMEOUT", KeyTypes.duration(Duration.ofMillis(10), Duration.ofMinutes(1)), Duration.ofSeconds(2),
            "How long fills the venue counts but has not detailed may be missing before the order's trades are fetched.")
        .optional("THROTTLE_WARN_PERCENT", KeyTypes.integer(1, 100), 80L,
            "Share of a venue rate limit at which the throttle status turns NEAR_LIMIT.")
        .optional("MAX_FRAME_BYTES", KeyTypes.integer(1024, 64L << 20), 1L << 20,
            "Largest WebSocket frame accepted; a larger one closes the connection.")
        .build();

    public static ExecHandlerConfig from(final FleetConfig fleet)
    {
        final SectionValues values = fleet.section(SECTION);
        final List<VenueSymbol> symbols = new ArrayList<>();
        for (final VenueSymbolListType.Entry entry : VenueSymbolListType.resolve(values, "SYMBOLS", fleet))
        {
            symbols.add(new VenueSymbol(entry.venueSymbol(), entry.instrumentName(), entry.instrumentId(), entry.priceScale(), entry.qtyScale()));
        }
        final Duration backoffMin = values.duration("RECONNECT_BACKOFF_MIN");
        final Duration backoffMax = values.duration("RECONNECT_BACKOFF_MAX");
        if (backoffMax.compareTo(backoffMin) < 0)
        {
            throw values.invalid("RECONNECT_BACKOFF_MAX", "a duration not below RECONNECT_BACKOFF_MIN (" + backoffMin + ")");
        }
        return new ExecHandlerConfig(
            (int)values.integer("VENUE_ID"),
            values.string("VENUE_NAME"),
            values.get("REST_URL", URI.class),
            values.get("WS_API_URL", URI.class),
            List.copyOf(symbols),
            values.get("API_KEY_FILE", Path.class),
            values.get("SECRET_KEY_FILE", Path.class),
            values.get("JOURNAL_FILE", Path.class),
            values.duration("RECV_WINDOW"),
            values.duration("REQUEST_TIMEOUT"),
            backoffMin,
            backoffMax,
            values.duration("TIME_SYNC_INTERVAL"),
            values.duration("ACCOUNT_SNAPSHOT_INTERVAL"),
            values.duration("EXCHANGE_INFO_INTERVAL"),
            values.duration("LOOKUP_RETRY"),
            values.duration("FILL_GAP_TIMEOUT"),
            (int)values.integer("THROTTLE_WARN_PERCENT"),
            (int)values.integer("MAX_FRAME_BYTES"));
    }

    public String commandTopic()
    {
        return "ord.cmd." + venueName;
    }

    public String executionTopic()
    {
        return "exec." + venueName;
    }

    public String accountTopic()
    {
        return "acct." + venueName;
    }

    /** REST base URL with the path appended, e.g. {@code /api/v3/time}. */
    public URI restUri(final String pathAndQuery)
    {
        final String base = restUrl.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + pathAndQuery);
    }

    /** Refuses a reload that would change what cannot change live. */
    static void requireSameVenueSetup(final ExecHandlerConfig current, final ExecHandlerConfig candidate, final String fileName)
    {
        if (!current.equals(candidate))
        {
            throw new ConfigException(fileName, 0, SECTION, null, "the [exec-handler] section unchanged",
                "the venue connection, symbols, credentials and timers cannot change on reload; restart exec-handler to apply them");
        }
    }
}
