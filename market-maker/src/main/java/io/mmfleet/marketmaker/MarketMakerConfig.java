package io.mmfleet.marketmaker;

import io.mmfleet.bus.config.ConfigException;
import io.mmfleet.bus.config.DaemonSections;
import io.mmfleet.bus.config.FleetConfig;
import io.mmfleet.bus.config.KeyType;
import io.mmfleet.bus.config.KeyTypes;
import io.mmfleet.bus.config.SectionSpec;
import io.mmfleet.bus.config.SectionValues;
import io.mmfleet.bus.config.VenueSymbolListType;
import io.mmfleet.marketmaker.strategy.AvellanedaStoikov;
import io.mmfleet.marketmaker.strategy.Horizon;
import io.mmfleet.marketmaker.strategy.InstrumentSpec;
import io.mmfleet.marketmaker.strategy.QuoteManagerParams;
import io.mmfleet.marketmaker.strategy.QuoteModel;
import io.mmfleet.marketmaker.strategy.SpreadParams;
import io.mmfleet.marketmaker.strategy.StrategyParams;
import io.mmfleet.sbe.ModelType;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code [market-maker]} section: what is quoted where, the model and its parameters, the spread
 * rules, sizes and limits, and the quote manager's timers. Checked whole at start and on reload, with
 * the rules between keys (MIN ≤ DEFAULT ≤ MAX spread, thresholds ordered, sizes ordered and exact at
 * the symbol's quantity scale, MAX_ORDER_AGE above MIN_REQUOTE_INTERVAL, MARKET_DATA_TIMEOUT above the
 * heartbeat interval, horizon keys matching HORIZON).
 */
public record MarketMakerConfig(
    int strategyId,
    int venueId,
    String venueName,
    VenueSymbolListType.Entry symbol,
    ModelType modelType,
    BigDecimal riskAversion,
    BigDecimal orderBookK,
    BigDecimal arrivalA,
    boolean finiteHorizon,
    long sessionEndNanoOfDay,
    Duration horizonWindow,
    SpreadParams spread,
    QuoteManagerParams quotes,
    double volatilityAlpha,
    Duration volatilitySampleInterval,
    int volatilityWarmupSamples,
    int volatilityEventPercent,
    Duration marketDataTimeout,
    Duration oneSidedBookTimeout)
{
    public static final String SECTION = "market-maker";

    private static final BigDecimal ZERO = BigDecimal.ZERO;
    private static final BigDecimal ONE = BigDecimal.ONE;
    private static final BigDecimal BIG = new BigDecimal("1000000000");
    private static final BigDecimal BPS_RANGE = new BigDecimal("10000");
    private static final Pattern TIME_OF_DAY = Pattern.compile("[0-2][0-9]:[0-5][0-9](:[0-5][0-9])?");

    /** A UTC time of day, HH:MM or HH:MM:SS, as nanoseconds after midnight. */
    static final KeyType<Long> TIME_OF_DAY_UTC = new KeyType<>()
    {
        @Override
        public Long parse(final String raw)
        {
            if (!TIME_OF_DAY.matcher(raw).matches())
            {
                throw new IllegalArgumentException("malformed");
            }
            try
            {
                return LocalTime.parse(raw).toNanoOfDay();
            }
            catch (final DateTimeParseException ex)
            {
                throw new IllegalArgumentException(ex.getMessage(), ex);
            }
        }

        @Override
        public String expected()
        {
            return "a UTC time of day HH:MM or HH:MM:SS";
        }
    };

    public static final SectionSpec SPEC = DaemonSections.common(SECTION)
        .optional("STRATEGY_ID", KeyTypes.integer(1, 65535), 1L, "Strategy id on every request and event.")
        .optional("VENUE_ID", KeyTypes.integer(1, 65535), 1L, "Venue quoted.")
        .optional("VENUE_NAME", KeyTypes.choice("binance"), "binance", "Venue topic segment: md.<VENUE_NAME>.<INSTRUMENT>, acct.<VENUE_NAME>.")
        .required("SYMBOL", VenueSymbolListType.INSTANCE, "The one symbol quoted: VENUE_SYMBOL:INSTRUMENT:PRICE_SCALE:QTY_SCALE.")
        .optional("MODEL_TYPE", KeyTypes.choice("avellaneda-stoikov", "glft", "grid"), "avellaneda-stoikov",
            "Pricing model; only avellaneda-stoikov is built so far.")
        .optional("RISK_AVERSION", KeyTypes.decimal(ZERO, BIG), new BigDecimal("0.1"), "γ, per unit of quote currency, > 0.")
        .optional("ORDER_BOOK_K", KeyTypes.decimal(ZERO, BIG), new BigDecimal("20"), "k of the fill intensity A·exp(−k·δ), per price unit, > 0.")
        .optional("ARRIVAL_A", KeyTypes.decimal(ZERO, BIG), new BigDecimal("2"), "A of the fill intensity, per second (for GLFT and the events).")
        .optional("HORIZON", KeyTypes.choice("session", "rolling"), "rolling",
            "T − t: session (finite, to SESSION_END) or rolling (infinite, the constant HORIZON_WINDOW).")
        .optional("SESSION_END", TIME_OF_DAY_UTC, 0L, "With HORIZON = session: the daily session end, UTC.")
        .optional("HORIZON_WINDOW", KeyTypes.duration(Duration.ofSeconds(1), Duration.ofDays(1)), Duration.ofSeconds(60),
            "With HORIZON = rolling: the constant T − t.")
        .required("MAX_INVENTORY", KeyTypes.decimal(ZERO, BIG), "Largest |net inventory| in base units; imbalance = q / MAX_INVENTORY.")
        .required("ORDER_QTY", KeyTypes.decimal(ZERO, BIG), "Size quoted on each side, base units.")
        .required("MIN_ORDER_QTY", KeyTypes.decimal(ZERO, BIG), "Smallest order, base units.")
        .required("MAX_ORDER_QTY", KeyTypes.decimal(ZERO, BIG), "Largest order, base units.")
        .optional("MIN_SPREAD_BPS", KeyTypes.decimal(ZERO, BPS_RANGE), new BigDecimal("10"), "Narrowest total spread, bps of the mid.")
        .optional("MAX_SPREAD_BPS", KeyTypes.decimal(ZERO, BPS_RANGE), new BigDecimal("500"), "Widest total spread, bps of the mid.")
        .optional("DEFAULT_SPREAD_BPS", KeyTypes.decimal(ZERO, BPS_RANGE), new BigDecimal("30"), "Spread while σ is warming up.")
        .optional("INVENTORY_IMBALANCE_THRESHOLD", KeyTypes.decimal(ZERO, ONE), new BigDecimal("0.2"),
            "Beyond this |q| / MAX_INVENTORY: skew and widen.")
        .optional("CRITICAL_IMBALANCE_THRESHOLD", KeyTypes.decimal(ZERO, ONE), new BigDecimal("0.4"),
            "Beyond this |q| / MAX_INVENTORY: quote only the reducing side.")
        .optional("IMBALANCE_SKEW_BPS", KeyTypes.decimal(ZERO, BPS_RANGE), new BigDecimal("5"), "Reducing side moved closer by this.")
        .optional("IMBALANCE_WIDEN_BPS", KeyTypes.decimal(ZERO, BPS_RANGE), new BigDecimal("10"), "Adding side moved further by this.")
        .optional("VOLATILITY_EWMA_ALPHA", KeyTypes.decimal(ZERO, ONE), new BigDecimal("0.1"), "Weight of a new σ² sample, (0, 1].")
        .optional("VOLATILITY_SAMPLE_INTERVAL", KeyTypes.duration(Duration.ofMillis(10), Duration.ofMinutes(10)), Duration.ofSeconds(1),
            "Least time between mid samples.")
        .optional("VOLATILITY_WARMUP_SAMPLES", KeyTypes.integer(1, 100_000), 30L, "Samples before σ is used.")
        .optional("VOLATILITY_SPREAD_MULTIPLIER", KeyTypes.decimal(ZERO, BIG), new BigDecimal("2"),
            "The spread is at least this × σ × √VOLATILITY_WINDOW (0 = off).")
        .optional("VOLATILITY_WINDOW", KeyTypes.duration(Duration.ofMillis(1), Duration.ofHours(1)), Duration.ofSeconds(1),
            "Holding time σ is scaled to for the volatility floor.")
        .optional("VOLATILITY_EVENT_PERCENT", KeyTypes.integer(1, 1000), 10L, "σ move that publishes VolatilityChanged.")
        .optional("THROTTLE_WIDEN_BPS", KeyTypes.decimal(ZERO, BPS_RANGE), new BigDecimal("10"), "Added while the throttle is NEAR_LIMIT.")
        .optional("QUOTE_LEVELS", KeyTypes.integer(1, 20), 1L, "Orders per side.")
        .optional("LEVEL_SPACING_TICKS", KeyTypes.integer(1, 1_000_000), 5L, "Ticks between levels.")
        .optional("REFRESH_TOLERANCE_BPS", KeyTypes.decimal(ZERO, BPS_RANGE), new BigDecimal("2"), "Price moves below this are not requoted.")
        .optional("SIZE_TOLERANCE_PERCENT", KeyTypes.integer(0, 100), 20L, "Size differences up to this are not requoted.")
        .optional("MIN_REQUOTE_INTERVAL", KeyTypes.duration(Duration.ZERO, Duration.ofMinutes(10)), Duration.ofMillis(500),
            "Least time between two orders in one slot.")
        .optional("MAX_ORDER_AGE", KeyTypes.duration(Duration.ofMillis(1), Duration.ofDays(1)), Duration.ofSeconds(30),
            "Orders this old are renewed.")
        .optional("MARKET_DATA_TIMEOUT", KeyTypes.duration(Duration.ofMillis(1), Duration.ofMinutes(10)), Duration.ofSeconds(3),
            "No new book and no heartbeat from the market data publisher for this long: stale, quoting stops.")
        .optional("ONE_SIDED_BOOK_TIMEOUT", KeyTypes.duration(Duration.ofMillis(1), Duration.ofMinutes(10)), Duration.ofMillis(500),
            "A book one-sided or crossed (ex our orders) for this long: stale, quoting stops; shorter blips hold the orders.")
        .build();

    public static MarketMakerConfig from(final FleetConfig fleet)
    {
        final SectionValues values = fleet.section(SECTION);
        final List<VenueSymbolListType.Entry> symbols = VenueSymbolListType.resolve(values, "SYMBOL", fleet);
        if (symbols.size() != 1)
        {
            throw values.invalid("SYMBOL", "exactly one VENUE_SYMBOL:INSTRUMENT:PRICE_SCALE:QTY_SCALE");
        }
        final VenueSymbolListType.Entry symbol = symbols.get(0);
        if (symbol.priceScale() + symbol.qtyScale() > 17)
        {
            throw values.invalid("SYMBOL", "price and quantity scales summing to at most 17");
        }

        final String model = values.string("MODEL_TYPE");
        if (!"avellaneda-stoikov".equals(model))
        {
            throw values.invalid("MODEL_TYPE", "avellaneda-stoikov (" + model + " is not built yet)");
        }
        final boolean finite = "session".equals(values.string("HORIZON"));
        if (finite && values.raw("HORIZON_WINDOW") != null)
        {
            throw values.invalid("HORIZON_WINDOW", "no HORIZON_WINDOW with HORIZON = session (it uses SESSION_END)");
        }
        if (!finite && values.raw("SESSION_END") != null)
        {
            throw values.invalid("SESSION_END", "no SESSION_END with HORIZON = rolling (it uses HORIZON_WINDOW)");
        }
        final BigDecimal gamma = positive(values, "RISK_AVERSION");
        final BigDecimal k = positive(values, "ORDER_BOOK_K");
        final BigDecimal a = positive(values, "ARRIVAL_A");

        final int qtyScale = symbol.qtyScale();
        final long maxInventory = positiveQty(values, "MAX_INVENTORY", qtyScale);
        final long orderQty = positiveQty(values, "ORDER_QTY", qtyScale);
        final long minOrderQty = positiveQty(values, "MIN_ORDER_QTY", qtyScale);
        final long maxOrderQty = positiveQty(values, "MAX_ORDER_QTY", qtyScale);
        if (maxOrderQty < minOrderQty)
        {
            throw values.invalid("MAX_ORDER_QTY", "a quantity not below MIN_ORDER_QTY");
        }
        if (orderQty < minOrderQty || orderQty > maxOrderQty)
        {
            throw values.invalid("ORDER_QTY", "a quantity between MIN_ORDER_QTY and MAX_ORDER_QTY");
        }

        final double minSpread = positive(values, "MIN_SPREAD_BPS").doubleValue();
        final double maxSpread = values.decimal("MAX_SPREAD_BPS").doubleValue();
        final double defaultSpread = values.decimal("DEFAULT_SPREAD_BPS").doubleValue();
        if (maxSpread < minSpread)
        {
            throw values.invalid("MAX_SPREAD_BPS", "a spread not below MIN_SPREAD_BPS");
        }
        if (defaultSpread < minSpread || defaultSpread > maxSpread)
        {
            throw values.invalid("DEFAULT_SPREAD_BPS", "a spread between MIN_SPREAD_BPS and MAX_SPREAD_BPS");
        }
        final long skewPpm = ppm(values, "INVENTORY_IMBALANCE_THRESHOLD");
        final long criticalPpm = ppm(values, "CRITICAL_IMBALANCE_THRESHOLD");
        if (skewPpm == 0)
        {
            throw values.invalid("INVENTORY_IMBALANCE_THRESHOLD", "a fraction above 0");
        }
        if (criticalPpm < skewPpm)
        {
            throw values.invalid("CRITICAL_IMBALANCE_THRESHOLD", "a fraction not below INVENTORY_IMBALANCE_THRESHOLD");
        }
        final double alpha = positive(values, "VOLATILITY_EWMA_ALPHA").doubleValue();

        final Duration minRequote = values.duration("MIN_REQUOTE_INTERVAL");
        final Duration maxAge = values.duration("MAX_ORDER_AGE");
        if (maxAge.compareTo(minRequote) <= 0)
        {
            throw values.invalid("MAX_ORDER_AGE", "a duration above MIN_REQUOTE_INTERVAL (" + minRequote + ")");
        }
        final Duration marketDataTimeout = values.duration("MARKET_DATA_TIMEOUT");
        if (marketDataTimeout.compareTo(fleet.bus().heartbeatInterval()) <= 0)
        {
            throw values.invalid("MARKET_DATA_TIMEOUT", "a duration above [bus] HEARTBEAT_INTERVAL (" + fleet.bus().heartbeatInterval() +
                "), or a quiet market would read as stale between heartbeats");
        }
        final BigDecimal tolerance = values.decimal("REFRESH_TOLERANCE_BPS");
        final long toleranceE2;
        try
        {
            toleranceE2 = tolerance.movePointRight(2).longValueExact();
        }
        catch (final ArithmeticException ex)
        {
            throw values.invalid("REFRESH_TOLERANCE_BPS", "bps with at most 2 decimals");
        }

        final SpreadParams spread = new SpreadParams(
            minSpread, maxSpread, defaultSpread, skewPpm, criticalPpm,
            values.decimal("IMBALANCE_SKEW_BPS").doubleValue(),
            values.decimal("IMBALANCE_WIDEN_BPS").doubleValue(),
            values.decimal("VOLATILITY_SPREAD_MULTIPLIER").doubleValue(),
            values.duration("VOLATILITY_WINDOW").toNanos() / 1e9,
            values.decimal("THROTTLE_WIDEN_BPS").doubleValue(),
            orderQty, minOrderQty, maxOrderQty, maxInventory);
        final QuoteManagerParams quotes = new QuoteManagerParams(
            (int)values.integer("QUOTE_LEVELS"),
            (int)values.integer("LEVEL_SPACING_TICKS"),
            toleranceE2,
            (int)values.integer("SIZE_TOLERANCE_PERCENT"),
            minRequote.toNanos(),
            maxAge.toNanos());

        return new MarketMakerConfig(
            (int)values.integer("STRATEGY_ID"),
            (int)values.integer("VENUE_ID"),
            values.string("VENUE_NAME"),
            symbol,
            ModelType.AVELLANEDA_STOIKOV,
            gamma,
            k,
            a,
            finite,
            values.get("SESSION_END", Long.class),
            values.duration("HORIZON_WINDOW"),
            spread,
            quotes,
            alpha,
            values.duration("VOLATILITY_SAMPLE_INTERVAL"),
            (int)values.integer("VOLATILITY_WARMUP_SAMPLES"),
            (int)values.integer("VOLATILITY_EVENT_PERCENT"),
            marketDataTimeout,
            values.duration("ONE_SIDED_BOOK_TIMEOUT"));
    }

    /** The core's parameters. */
    public StrategyParams strategyParams()
    {
        return new StrategyParams(spread, quotes, volatilityAlpha, volatilitySampleInterval.toNanos(), volatilityWarmupSamples,
            volatilityEventPercent, marketDataTimeout.toNanos(), oneSidedBookTimeout.toNanos());
    }

    /** A new model as MODEL_TYPE and the horizon keys say. */
    public QuoteModel quoteModel()
    {
        final Horizon horizon = finiteHorizon ? Horizon.sessionEnd(sessionEndNanoOfDay) : Horizon.rolling(horizonWindow.toNanos());
        return new AvellanedaStoikov(riskAversion.doubleValue(), orderBookK.doubleValue(), horizon);
    }

    /** A new, not yet defined, instrument at the symbol's scales. */
    public InstrumentSpec instrumentSpec()
    {
        return new InstrumentSpec(symbol.priceScale(), symbol.qtyScale());
    }

    /** MarketMakerStarted's horizonSeconds at {@code nowNs}: T − t to the session end, or 0 for the rolling (infinite) form. */
    public long horizonSecondsAt(final long nowNs)
    {
        return finiteHorizon ? (long)Horizon.sessionEnd(sessionEndNanoOfDay).secondsLeft(nowNs) : 0;
    }

    /** Market data topic of the quoted instrument: md.&lt;VENUE_NAME&gt;.&lt;INSTRUMENT&gt;. */
    public String marketDataTopic()
    {
        return "md." + venueName + "." + symbol.instrumentName();
    }

    private static BigDecimal positive(final SectionValues values, final String key)
    {
        final BigDecimal value = values.decimal(key);
        if (value.signum() <= 0)
        {
            throw values.invalid(key, "a decimal above 0");
        }
        return value;
    }

    private static long positiveQty(final SectionValues values, final String key, final int qtyScale)
    {
        final BigDecimal value = positive(values, key);
        try
        {
            return value.movePointRight(qtyScale).longValueExact();
        }
        catch (final ArithmeticException ex)
        {
            throw values.invalid(key, "a quantity with at most " + qtyScale + " decimals (the QTY_SCALE of SYMBOL)");
        }
    }

    private static long ppm(final SectionValues values, final String key)
    {
        try
        {
            return values.decimal(key).movePointRight(6).longValueExact();
        }
        catch (final ArithmeticException ex)
        {
            throw values.invalid(key, "a fraction with at most 6 decimals");
        }
    }

    /**
     * Refuses a reload that changes what the running strategy cannot change live; everything else
     * goes to {@code MarketMaker.reconfigure}.
     */
    static void requireSameInstrument(final MarketMakerConfig current, final MarketMakerConfig candidate, final String fileName)
    {
        final String changed = current.strategyId != candidate.strategyId ? "STRATEGY_ID"
            : current.venueId != candidate.venueId ? "VENUE_ID"
            : !current.venueName.equals(candidate.venueName) ? "VENUE_NAME"
            : !current.symbol.equals(candidate.symbol) ? "SYMBOL"
            : current.quotes.levels() != candidate.quotes.levels() ? "QUOTE_LEVELS"
            : null;
        if (changed != null)
        {
            throw new ConfigException(fileName, 0, SECTION, changed, "STRATEGY_ID, VENUE_ID, VENUE_NAME, SYMBOL and QUOTE_LEVELS unchanged",
                changed + " cannot change on reload (nor STRATEGY_ID, VENUE_ID, VENUE_NAME, SYMBOL, QUOTE_LEVELS); restart market-maker to apply it");
        }
    }
}
