package io.mmfleet.venuesim;

import io.mmfleet.bus.config.ConfigException;
import io.mmfleet.bus.config.FleetConfig;
import io.mmfleet.bus.config.IniSection;
import io.mmfleet.bus.config.KeyTypes;
import io.mmfleet.bus.config.SectionSpec;
import io.mmfleet.bus.config.SectionValues;
import io.mmfleet.venuesim.binance.BinanceVenueConfig;
import io.mmfleet.venuesim.binance.RateLimitConfig;
import io.mmfleet.venuesim.engine.InstrumentSpec;
import io.mmfleet.venuesim.market.DepthRecordingReader;
import io.mmfleet.venuesim.market.DepthSnapshot;
import io.mmfleet.venuesim.market.SyntheticMarketConfig;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * venue-sim's part of the fleet INI: {@code [venue-sim]} (network, limits, stream timers, seed), one
 * {@code [venue-sim.<SYMBOL>]} per instrument (filters, asset scales, synthetic market or depth replay) and one
 * {@code [venue-sim.account.<name>]} per trading account (id, key files, fees, starting balances). All parsing of
 * the file lives here; a bad file is a {@link ConfigException} naming file, line, section and key.
 */
public record VenueSimConfig(BinanceVenueConfig venue, long seed, Duration marketTick, List<SymbolConfig> symbols,
    Map<String, Integer> assetScales, List<AccountConfig> accounts)
{
    static final String SECTION = "venue-sim";
    static final String SYMBOL_PREFIX = "venue-sim.";
    static final String ACCOUNT_PREFIX = "venue-sim.account.";
    private static final BigDecimal PPM = BigDecimal.valueOf(1_000_000);

    /**
     * An instrument's filters and at most one source of background liquidity: its synthetic market ({@code market})
     * or the replay of a recorded depth stream ({@code replay}); both null for a book only traders fill.
     */
    public record SymbolConfig(InstrumentSpec spec, SyntheticMarketConfig market, ReplayConfig replay)
    {
    }

    /**
     * A recorded depth stream, read and checked against the symbol's scales at load time so that a bad file fails
     * before anything starts; {@code loop} replays it again from the start after the last snapshot.
     */
    public record ReplayConfig(Path file, boolean loop, List<DepthSnapshot> snapshots)
    {
        public ReplayConfig
        {
            snapshots = List.copyOf(snapshots);
        }
    }

    /** Keys that only shape a synthetic market: a replay shows the recorded levels and nothing else. */
    private static final List<String> SYNTHETIC_MARKET_KEYS = List.of("START_MID", "WALK", "SIGMA", "BACKGROUND_LEVELS",
        "BACKGROUND_LEVEL_QTY", "BACKGROUND_SPREAD_TICKS", "TAKER_A", "TAKER_K", "TAKER_QTY");

    /** A trading account: engine id, where its key and secret live, fees and starting balances (asset → mantissa). */
    public record AccountConfig(String name, long accountId, Path apiKeyFile, Path secretKeyFile, long makerFeePpm,
        long takerFeePpm, Map<String, Long> balances)
    {
    }

    static final SectionSpec VENUE = SectionSpec.builder(SECTION)
        .optional("BIND_HOST", KeyTypes.nonBlank(), "127.0.0.1", "interface the three servers bind")
        .required("REST_PORT", KeyTypes.port(), "REST API port, 0 = ephemeral")
        .required("STREAM_PORT", KeyTypes.port(), "market data WebSocket port, 0 = ephemeral")
        .required("WS_API_PORT", KeyTypes.port(), "WebSocket API port, 0 = ephemeral")
        .optional("SEED", KeyTypes.integer(0, Long.MAX_VALUE), 1L, "seed of the synthetic markets")
        .optional("MARKET_TICK", KeyTypes.duration(Duration.ofMillis(1), Duration.ofMinutes(1)), Duration.ofMillis(100),
            "period of the synthetic market's ticks")
        .optional("REQUEST_WEIGHT_PER_MINUTE", KeyTypes.integer(1, 1_000_000_000), 6000L, "REQUEST_WEIGHT limit per IP")
        .optional("ORDERS_PER_10S", KeyTypes.integer(1, 1_000_000_000), 100L, "ORDERS limit per account per 10 s")
        .optional("ORDERS_PER_DAY", KeyTypes.integer(1, 1_000_000_000), 200_000L, "ORDERS limit per account per day")
        .optional("VIOLATIONS_BEFORE_BAN", KeyTypes.integer(0, 1_000_000), 3L, "429s answered before a 418 ban")
        .optional("BAN_DURATION", KeyTypes.duration(Duration.ofSeconds(1), Duration.ofDays(3)), Duration.ofMinutes(2),
            "length of a 418 ban")
        .optional("MAX_BODY_BYTES", KeyTypes.integer(256, 1 << 20), 8192L, "largest REST body accepted")
        .optional("PING_INTERVAL", KeyTypes.duration(Duration.ofMillis(10), Duration.ofHours(1)), Duration.ofSeconds(20),
            "server ping period on market streams and the WebSocket API")
        .optional("PONG_TIMEOUT", KeyTypes.duration(Duration.ofMillis(10), Duration.ofHours(1)), Duration.ofMinutes(1),
            "how long a client may leave a ping unanswered")
        .optional("CONNECTION_LIFETIME", KeyTypes.duration(Duration.ofMillis(100), Duration.ofDays(7)),
            Duration.ofHours(24), "WebSocket connections are closed after this long")
        .build();

    private static final BigDecimal ZERO = BigDecimal.ZERO;
    private static final BigDecimal HUGE = new BigDecimal("1000000000000");

    static SectionSpec symbolSpec(final String name)
    {
        return SectionSpec.builder(name)
            .required("BASE_ASSET", KeyTypes.nonBlank(), "base asset code")
            .required("QUOTE_ASSET", KeyTypes.nonBlank(), "quote asset code")
            .optional("BASE_ASSET_SCALE", KeyTypes.integer(0, 18), 8L, "decimals of the base asset")
            .optional("QUOTE_ASSET_SCALE", KeyTypes.integer(0, 18), 8L, "decimals of the quote asset")
            .required("TICK_SIZE", KeyTypes.decimal(new BigDecimal("0.00000001"), HUGE), "PRICE_FILTER tickSize")
            .required("MIN_PRICE", KeyTypes.decimal(ZERO, HUGE), "PRICE_FILTER minPrice")
            .optional("MAX_PRICE", KeyTypes.decimal(ZERO, HUGE), ZERO, "PRICE_FILTER maxPrice, 0 = none")
            .required("STEP_SIZE", KeyTypes.decimal(new BigDecimal("0.00000001"), HUGE), "LOT_SIZE stepSize")
            .required("MIN_QTY", KeyTypes.decimal(ZERO, HUGE), "LOT_SIZE minQty")
            .required("MAX_QTY", KeyTypes.decimal(new BigDecimal("0.00000001"), HUGE), "LOT_SIZE maxQty")
            .required("MIN_NOTIONAL", KeyTypes.decimal(ZERO, HUGE), "NOTIONAL minNotional (quote)")
            .optional("MAX_NOTIONAL", KeyTypes.decimal(ZERO, HUGE), ZERO, "NOTIONAL maxNotional, 0 = none")
            .optional("MARKET", KeyTypes.bool(), true,
                "run a synthetic market on this symbol (default true unless REPLAY_FILE is set)")
            .optional("REPLAY_FILE", KeyTypes.path(), null, "recorded depth stream to replay instead of MARKET")
            .optional("REPLAY_LOOP", KeyTypes.bool(), false, "replay the recording again from its start at its end")
            .optional("START_MID", KeyTypes.decimal(new BigDecimal("0.00000001"), HUGE), BigDecimal.valueOf(3000),
                "initial mid price")
            .optional("WALK", KeyTypes.enumOf(SyntheticMarketConfig.Walk.class), SyntheticMarketConfig.Walk.ARITHMETIC,
                "arithmetic or geometric random walk")
            .optional("SIGMA", KeyTypes.decimal(ZERO, HUGE), BigDecimal.ONE,
                "volatility: price units per sqrt(s) (arithmetic) or relative per sqrt(s) (geometric)")
            .optional("BACKGROUND_LEVELS", KeyTypes.integer(0, 1000), 10L, "background liquidity levels per side")
            .optional("BACKGROUND_LEVEL_QTY", KeyTypes.decimal(ZERO, HUGE), BigDecimal.ONE, "quantity on each level")
            .optional("BACKGROUND_SPREAD_TICKS", KeyTypes.integer(1, 1_000_000), 5L, "innermost level's distance in ticks")
            .optional("TAKER_A", KeyTypes.decimal(ZERO, HUGE), BigDecimal.ONE, "background taker arrivals per second per side")
            .optional("TAKER_K", KeyTypes.decimal(new BigDecimal("0.000001"), HUGE), BigDecimal.ONE,
                "decay of taker reach per price unit")
            .optional("TAKER_QTY", KeyTypes.decimal(new BigDecimal("0.00000001"), HUGE), new BigDecimal("0.1"),
                "quantity a taker adds beyond what rests in its reach")
            .build();
    }

    static SectionSpec accountSpec(final String name)
    {
        return SectionSpec.builder(name)
            .required("ACCOUNT_ID", KeyTypes.integer(1, Long.MAX_VALUE), "engine account id (0 is the market's)")
            .required("API_KEY_FILE", KeyTypes.path(), "file holding the API key")
            .required("SECRET_KEY_FILE", KeyTypes.path(), "file holding the HMAC secret")
            .optional("MAKER_FEE", KeyTypes.decimal(new BigDecimal("-0.01"), new BigDecimal("0.1")), new BigDecimal("0.001"),
                "maker fee rate; negative = rebate")
            .optional("TAKER_FEE", KeyTypes.decimal(ZERO, new BigDecimal("0.1")), new BigDecimal("0.001"), "taker fee rate")
            .optional("BALANCES", KeyTypes.list(KeyTypes.nonBlank()), List.of(), "starting balances, ASSET:amount, ...")
            .build();
    }

    public static VenueSimConfig load(final Path file)
    {
        final FleetConfig fleet = FleetConfig.load(file, List.of(VENUE));
        final SectionValues venue = fleet.section(SECTION);
        final RateLimitConfig limits = new RateLimitConfig(venue.integer("REQUEST_WEIGHT_PER_MINUTE"),
            venue.integer("ORDERS_PER_10S"), venue.integer("ORDERS_PER_DAY"), (int)venue.integer("VIOLATIONS_BEFORE_BAN"),
            venue.duration("BAN_DURATION"));
        final BinanceVenueConfig binance = new BinanceVenueConfig(venue.string("BIND_HOST"),
            venue.get("REST_PORT", Integer.class), venue.get("STREAM_PORT", Integer.class),
            venue.get("WS_API_PORT", Integer.class), (int)venue.integer("MAX_BODY_BYTES"), limits,
            venue.duration("PING_INTERVAL"), venue.duration("PONG_TIMEOUT"), venue.duration("CONNECTION_LIFETIME"));
        final long seed = venue.integer("SEED");

        final List<SymbolConfig> symbols = new ArrayList<>();
        final Map<String, Integer> assetScales = new LinkedHashMap<>();
        final List<SectionValues> accountSections = new ArrayList<>();
        for (final IniSection section : fleet.document().sections())
        {
            if (section.name().startsWith(ACCOUNT_PREFIX))
            {
                accountSections.add(accountSpec(section.name()).validate(fleet.document(), section));
            }
            else if (section.name().startsWith(SYMBOL_PREFIX))
            {
                final SectionValues values = symbolSpec(section.name()).validate(fleet.document(), section);
                symbols.add(symbol(values, section.name().substring(SYMBOL_PREFIX.length()), seed + symbols.size(),
                    venue.duration("MARKET_TICK").toMillis(), assetScales));
            }
        }
        final List<AccountConfig> accounts = new ArrayList<>();
        final Map<Long, String> accountIds = new HashMap<>();
        for (final SectionValues values : accountSections)
        {
            final AccountConfig account = account(values, assetScales);
            final String previous = accountIds.putIfAbsent(account.accountId(), values.sectionName());
            if (previous != null)
            {
                throw values.invalid("ACCOUNT_ID", "an id not already used by [" + previous + "]");
            }
            accounts.add(account);
        }
        return new VenueSimConfig(binance, seed, venue.duration("MARKET_TICK"), symbols, assetScales, accounts);
    }

    private static SymbolConfig symbol(final SectionValues values, final String symbol, final long seed,
        final long tickMs, final Map<String, Integer> assetScales)
    {
        if (!symbol.matches("[A-Z0-9]{1,20}"))
        {
            throw new ConfigException(values.fileName(), values.sectionLine(), values.sectionName(), null,
                "a symbol of upper-case letters and digits", "bad symbol name '" + symbol + "'");
        }
        final String base = values.string("BASE_ASSET");
        final String quote = values.string("QUOTE_ASSET");
        registerScale(values, "BASE_ASSET_SCALE", base, assetScales);
        registerScale(values, "QUOTE_ASSET_SCALE", quote, assetScales);
        final int priceScale = Math.max(0, values.decimal("TICK_SIZE").stripTrailingZeros().scale());
        final int qtyScale = Math.max(0, values.decimal("STEP_SIZE").stripTrailingZeros().scale());
        final int quoteScale = assetScales.get(quote);
        final InstrumentSpec spec = new InstrumentSpec(symbol, base, quote, priceScale, qtyScale,
            mantissa(values, "TICK_SIZE", priceScale), mantissa(values, "MIN_PRICE", priceScale),
            mantissa(values, "MAX_PRICE", priceScale), mantissa(values, "STEP_SIZE", qtyScale),
            mantissa(values, "MIN_QTY", qtyScale), mantissa(values, "MAX_QTY", qtyScale),
            mantissa(values, "MIN_NOTIONAL", quoteScale), mantissa(values, "MAX_NOTIONAL", quoteScale));
        final Path replayFile = values.get("REPLAY_FILE", Path.class);
        if (replayFile != null)
        {
            return new SymbolConfig(spec, null, replay(values, replayFile, spec));
        }
        if (values.raw("REPLAY_LOOP") != null)
        {
            throw values.invalid("REPLAY_LOOP", "REPLAY_LOOP only with REPLAY_FILE");
        }
        if (!values.bool("MARKET"))
        {
            return new SymbolConfig(spec, null, null);
        }
        try
        {
            return new SymbolConfig(spec, new SyntheticMarketConfig(symbol, mantissa(values, "START_MID", priceScale),
                values.get("WALK", SyntheticMarketConfig.Walk.class), values.decimal("SIGMA").doubleValue(), tickMs,
                (int)values.integer("BACKGROUND_LEVELS"), mantissa(values, "BACKGROUND_LEVEL_QTY", qtyScale),
                (int)values.integer("BACKGROUND_SPREAD_TICKS"), values.decimal("TAKER_A").doubleValue(),
                values.decimal("TAKER_K").doubleValue(), mantissa(values, "TAKER_QTY", qtyScale), seed), null);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ConfigException(values.fileName(), values.sectionLine(), values.sectionName(), null,
                "consistent synthetic market parameters", ex.getMessage());
        }
    }

    private static ReplayConfig replay(final SectionValues values, final Path file, final InstrumentSpec spec)
    {
        // MARKET defaults to true, so only an explicit MARKET = true contradicts a replay.
        if (values.raw("MARKET") != null && values.bool("MARKET"))
        {
            throw values.invalid("MARKET", "MARKET = false or no MARKET key when REPLAY_FILE is set: a symbol shows "
                + "either a synthetic market (MARKET = true) or a recorded depth stream (REPLAY_FILE), not both");
        }
        for (final String key : SYNTHETIC_MARKET_KEYS)
        {
            if (values.raw(key) != null)
            {
                throw values.invalid(key, "no " + key + " with REPLAY_FILE: it shapes the synthetic market only, a "
                    + "replay shows the recorded levels");
            }
        }
        try
        {
            return new ReplayConfig(file, values.bool("REPLAY_LOOP"), new DepthRecordingReader(spec).read(file));
        }
        catch (final IOException ex)
        {
            throw new ConfigException(values.fileName(), values.line("REPLAY_FILE"), values.sectionName(),
                "REPLAY_FILE", "a readable depth recording", "cannot read " + file + ": " + ex);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ConfigException(values.fileName(), values.line("REPLAY_FILE"), values.sectionName(),
                "REPLAY_FILE", "a depth recording in DepthRecordingReader's format at the symbol's scales",
                ex.getMessage());
        }
    }

    private static void registerScale(final SectionValues values, final String key, final String asset,
        final Map<String, Integer> assetScales)
    {
        final int scale = (int)values.integer(key);
        final Integer known = assetScales.putIfAbsent(asset, scale);
        if (known != null && known != scale)
        {
            throw values.invalid(key, "the scale " + known + " already given to " + asset + " by another symbol");
        }
    }

    private static AccountConfig account(final SectionValues values, final Map<String, Integer> assetScales)
    {
        final Map<String, Long> balances = new LinkedHashMap<>();
        final String expected = "ASSET:amount pairs of the configured assets " + assetScales.keySet()
            + " with positive amounts at the asset's scale, such as USDT:100000";
        for (final String entry : values.list("BALANCES", String.class))
        {
            final int colon = entry.indexOf(':');
            if (colon < 1)
            {
                throw values.invalid("BALANCES", expected);
            }
            final String asset = entry.substring(0, colon).trim();
            final Integer scale = assetScales.get(asset);
            try
            {
                final BigDecimal amount = new BigDecimal(entry.substring(colon + 1).trim());
                if (scale == null || amount.signum() <= 0 || balances.containsKey(asset))
                {
                    throw values.invalid("BALANCES", expected);
                }
                balances.put(asset, amount.movePointRight(scale).longValueExact());
            }
            catch (final NumberFormatException | ArithmeticException ex)
            {
                throw values.invalid("BALANCES", expected);
            }
        }
        final BigDecimal maker = values.decimal("MAKER_FEE").multiply(PPM);
        final BigDecimal taker = values.decimal("TAKER_FEE").multiply(PPM);
        if (maker.stripTrailingZeros().scale() > 0 || taker.stripTrailingZeros().scale() > 0)
        {
            throw values.invalid(maker.stripTrailingZeros().scale() > 0 ? "MAKER_FEE" : "TAKER_FEE",
                "a rate with at most 6 decimals");
        }
        return new AccountConfig(values.sectionName().substring(ACCOUNT_PREFIX.length()), values.integer("ACCOUNT_ID"),
            values.get("API_KEY_FILE", Path.class), values.get("SECRET_KEY_FILE", Path.class), maker.longValueExact(),
            taker.longValueExact(), balances);
    }

    private static long mantissa(final SectionValues values, final String key, final int scale)
    {
        try
        {
            return values.decimal(key).movePointRight(scale).longValueExact();
        }
        catch (final ArithmeticException ex)
        {
            throw values.invalid(key, "a value with at most " + scale + " decimals that fits the scale");
        }
    }
}
