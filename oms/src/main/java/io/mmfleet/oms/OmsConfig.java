package io.mmfleet.oms;

import io.mmfleet.bus.config.ConfigException;
import io.mmfleet.bus.config.DaemonSections;
import io.mmfleet.bus.config.FleetConfig;
import io.mmfleet.bus.config.Instrument;
import io.mmfleet.bus.config.KeyTypes;
import io.mmfleet.bus.config.SectionSpec;
import io.mmfleet.bus.config.SectionValues;
import io.mmfleet.oms.core.FixedPoint;
import io.mmfleet.oms.core.InstrumentLimits;
import io.mmfleet.oms.core.OrderRateLimiter;
import io.mmfleet.oms.core.RiskLimits;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code [oms]} section: every pre-trade risk limit, the staleness bounds, the order-rate
 * window and the dead man switch's timeout. Per-instrument limits are {@code INSTRUMENT:value}
 * lists, since base units differ between instruments; notional and loss are in quote units.
 * Checked whole at start and on reload (limits may change live).
 *
 * @param instruments           per-instrument scales and limits, in INSTRUMENT_SCALES order
 * @param maxNotional           quote units
 * @param dailyLossLimit        quote units, positive
 * @param retransmitInterval    [bus] RETRANSMIT_INTERVAL: how often an unanswered cancel-all is sent again
 * @param venues                the venues orders are routed to, each with the exec-handler daemon serving it
 * @param journalFile           where the request id of each order sent is kept across restarts
 */
public record OmsConfig(
    List<InstrumentLimits> instruments,
    BigDecimal maxNotional,
    int priceCollarBps,
    int orderRateLimit,
    Duration orderRateWindow,
    int orderRateVenuePercent,
    BigDecimal dailyLossLimit,
    Duration positionStaleAfter,
    Duration marketDataStaleAfter,
    Duration deadManTimeout,
    int maxLiveOrders,
    Duration retransmitInterval,
    List<VenueRoute> venues,
    Path journalFile)
{
    public static final String SECTION = "oms";

    private static final BigDecimal LARGEST_AMOUNT = new BigDecimal("1000000000000");
    private static final String SCALES_EXPECTED =
        "comma-separated INSTRUMENT:PRICE_SCALE:QTY_SCALE entries (e.g. ETH-USDC:2:4), scales 0..18 summing to at most 18, " +
        "each instrument of [instruments] once";
    private static final String VENUES_EXPECTED =
        "comma-separated VENUE_NAME:VENUE_ID:EXEC_HANDLER entries (e.g. binance:1:exec-handler): a lower-case venue name " +
        "(the topic segment of ord.cmd.<name>, exec.<name>, acct.<name>), a venue id 1..65535 and the section of the daemon " +
        "serving it; each name and id once";
    private static final String AMOUNTS_EXPECTED =
        "comma-separated INSTRUMENT:AMOUNT entries (e.g. ETH-USDC:5), one for each instrument of INSTRUMENT_SCALES, " +
        "positive and with at most the instrument's QTY_SCALE decimals";

    public static final SectionSpec SPEC = DaemonSections.common(SECTION)
        .required("INSTRUMENT_SCALES", KeyTypes.list(KeyTypes.nonBlank()),
            "INSTRUMENT:PRICE_SCALE:QTY_SCALE of each instrument the OMS accepts orders on.")
        .required("MAX_ORDER_QTY", KeyTypes.list(KeyTypes.nonBlank()),
            "INSTRUMENT:QTY, the largest quantity of one order, base units.")
        .required("MAX_POSITION", KeyTypes.list(KeyTypes.nonBlank()),
            "INSTRUMENT:QTY, the largest worst-case position per venue, long or short, base units.")
        .optional("MAX_NOTIONAL", KeyTypes.decimal(new BigDecimal("0.01"), LARGEST_AMOUNT), new BigDecimal("50000"),
            "Largest price x quantity of one order, quote units.")
        .optional("PRICE_COLLAR_BPS", KeyTypes.integer(1, 10_000), 100L,
            "Largest distance of a limit price from mid, basis points of mid.")
        .optional("ORDER_RATE_LIMIT", KeyTypes.integer(1, 10_000), 50L,
            "New orders per venue per ORDER_RATE_WINDOW, until (and at most) the venue's own limit allows.")
        .optional("ORDER_RATE_WINDOW", KeyTypes.duration(Duration.ofMillis(100), Duration.ofHours(1)), Duration.ofSeconds(10),
            "The sliding window of ORDER_RATE_LIMIT.")
        .optional("ORDER_RATE_VENUE_PERCENT", KeyTypes.integer(1, 100), 80L,
            "Share of the venue's published order limit used once it is known.")
        .optional("DAILY_LOSS_LIMIT", KeyTypes.decimal(new BigDecimal("0.01"), LARGEST_AMOUNT), new BigDecimal("5000"),
            "Largest loss of the UTC day (realized + unrealized PnL), quote units.")
        .optional("POSITION_STALE_AFTER", KeyTypes.duration(Duration.ofMillis(100), Duration.ofMinutes(10)), Duration.ofSeconds(3),
            "Positions not heard of for longer refuse new orders.")
        .optional("MARKET_DATA_STALE_AFTER", KeyTypes.duration(Duration.ofMillis(100), Duration.ofMinutes(10)), Duration.ofSeconds(5),
            "A book older than this refuses new orders on it.")
        .optional("DEAD_MAN_TIMEOUT", KeyTypes.duration(Duration.ofMillis(10), Duration.ofMinutes(10)), Duration.ofSeconds(3),
            "A strategy silent this long has its orders cancelled.")
        .optional("VENUES", KeyTypes.list(KeyTypes.nonBlank()), List.of("binance:1:exec-handler"),
            "VENUE_NAME:VENUE_ID:EXEC_HANDLER of each venue orders are routed to.")
        .optional("JOURNAL_FILE", KeyTypes.path(), Path.of("var/oms/requests.journal"),
            "Which strategy request made each order sent, so orders recovered after a restart stay cancellable by it.")
        .optional("MAX_LIVE_ORDERS", KeyTypes.integer(16, 1_000_000), 4096L,
            "Orders live at once; past this new orders are refused (INTERNAL).")
        .build();

    public static OmsConfig from(final FleetConfig fleet)
    {
        final SectionValues values = fleet.section(SECTION);
        final Map<String, int[]> scales = scales(values, fleet);
        final Map<String, Long> maxOrderQty = amounts(values, "MAX_ORDER_QTY", scales);
        final Map<String, Long> maxPosition = amounts(values, "MAX_POSITION", scales);
        final BigDecimal maxNotional = values.decimal("MAX_NOTIONAL");
        final List<InstrumentLimits> instruments = new ArrayList<>();
        for (final Map.Entry<String, int[]> entry : scales.entrySet())
        {
            final String name = entry.getKey();
            final int[] scale = entry.getValue();
            if (maxOrderQty.get(name) > maxPosition.get(name))
            {
                throw values.invalid("MAX_ORDER_QTY", AMOUNTS_EXPECTED + ", not above MAX_POSITION (" + name + ")");
            }
            instruments.add(new InstrumentLimits(fleet.instruments().byName(name).orElseThrow().id(), scale[0], scale[1],
                maxOrderQty.get(name), maxPosition.get(name), atScaleFloor(maxNotional, scale[0] + scale[1])));
        }
        final Duration heartbeatInterval = fleet.bus().heartbeatInterval();
        final Duration deadManTimeout = values.duration("DEAD_MAN_TIMEOUT");
        if (deadManTimeout.compareTo(heartbeatInterval) <= 0)
        {
            throw values.invalid("DEAD_MAN_TIMEOUT", "a duration longer than [bus] HEARTBEAT_INTERVAL (" + heartbeatInterval + ")");
        }
        final Duration positionStaleAfter = values.duration("POSITION_STALE_AFTER");
        if (positionStaleAfter.compareTo(heartbeatInterval) <= 0)
        {
            throw values.invalid("POSITION_STALE_AFTER",
                "a duration longer than [bus] HEARTBEAT_INTERVAL (" + heartbeatInterval + "): positions refresh each heartbeat");
        }
        return new OmsConfig(
            List.copyOf(instruments),
            maxNotional,
            (int)values.integer("PRICE_COLLAR_BPS"),
            (int)values.integer("ORDER_RATE_LIMIT"),
            values.duration("ORDER_RATE_WINDOW"),
            (int)values.integer("ORDER_RATE_VENUE_PERCENT"),
            values.decimal("DAILY_LOSS_LIMIT"),
            positionStaleAfter,
            values.duration("MARKET_DATA_STALE_AFTER"),
            deadManTimeout,
            (int)values.integer("MAX_LIVE_ORDERS"),
            fleet.bus().retransmitInterval(),
            venues(values, fleet),
            values.get("JOURNAL_FILE", Path.class));
    }

    /** A venue orders are routed to: its topics' segment, its id, and the daemon section of its exec-handler. */
    public record VenueRoute(String name, int venueId, String execHandler)
    {
        public String commandTopic()
        {
            return io.mmfleet.bus.Topics.ORDER_COMMAND + name;
        }

        public String executionTopic()
        {
            return io.mmfleet.bus.Topics.EXECUTION + name;
        }

        public String accountTopic()
        {
            return io.mmfleet.bus.Topics.ACCOUNT + name;
        }
    }

    private static List<VenueRoute> venues(final SectionValues values, final FleetConfig fleet)
    {
        final List<VenueRoute> venues = new ArrayList<>();
        for (final String entry : values.list("VENUES", String.class))
        {
            final String[] parts = entry.split(":", -1);
            if (parts.length != 3 || !parts[0].matches("[a-z0-9]{1,32}") || !parts[1].matches("[0-9]{1,5}") ||
                Integer.parseInt(parts[1]) < 1 || Integer.parseInt(parts[1]) > 65_535 || parts[2].isBlank())
            {
                throw values.invalid("VENUES", VENUES_EXPECTED + "; malformed entry '" + entry + "'");
            }
            final VenueRoute route = new VenueRoute(parts[0], Integer.parseInt(parts[1]), parts[2]);
            for (final VenueRoute other : venues)
            {
                if (other.name().equals(route.name()) || other.venueId() == route.venueId())
                {
                    throw values.invalid("VENUES", VENUES_EXPECTED + "; '" + entry + "' repeats a name or id");
                }
            }
            venues.add(route);
        }
        if (venues.isEmpty())
        {
            throw values.invalid("VENUES", VENUES_EXPECTED + "; at least one");
        }
        return List.copyOf(venues);
    }

    /**
     * Refuses a reload that changes an instrument's scales: live orders and the exposure sums are
     * kept at the scales in force. New instruments and every limit may change live.
     */
    public static void requireSameScales(final OmsConfig current, final OmsConfig candidate, final String fileName)
    {
        for (final InstrumentLimits now : current.instruments())
        {
            for (final InstrumentLimits next : candidate.instruments())
            {
                if (now.instrumentId() == next.instrumentId() &&
                    (now.priceScale() != next.priceScale() || now.qtyScale() != next.qtyScale()))
                {
                    throw new ConfigException(fileName, 0, SECTION, "INSTRUMENT_SCALES", "the scales of instrument " + now.instrumentId() +
                        " unchanged (" + now.priceScale() + ":" + now.qtyScale() + ")",
                        "scales cannot change while orders are live at them; restart oms to apply them");
                }
            }
        }
    }

    /** The limits pre-trade risk applies. */
    public RiskLimits riskLimits()
    {
        return new RiskLimits(instruments, priceCollarBps, atScaleFloor(dailyLossLimit, RiskLimits.PNL_SCALE),
            positionStaleAfter.toNanos(), marketDataStaleAfter.toNanos());
    }

    /** A fresh order-rate limiter with this section's rate keys. */
    public OrderRateLimiter newRateLimiter()
    {
        return new OrderRateLimiter(orderRateLimit, orderRateWindow.toNanos(), orderRateVenuePercent);
    }

    /** The mantissa of {@code value} at {@code scale}, floored (a limit read lower is the safe side); saturates at int64. */
    static long atScaleFloor(final BigDecimal value, final int scale)
    {
        final BigDecimal scaled = value.setScale(scale, RoundingMode.FLOOR);
        return scaled.unscaledValue().bitLength() > 63 ? Long.MAX_VALUE : scaled.unscaledValue().longValueExact();
    }

    private static Map<String, int[]> scales(final SectionValues values, final FleetConfig fleet)
    {
        final Map<String, int[]> scales = new LinkedHashMap<>();
        for (final String entry : values.list("INSTRUMENT_SCALES", String.class))
        {
            final String[] parts = entry.split(":", -1);
            if (parts.length != 3 || !parts[1].matches("[0-9]{1,2}") || !parts[2].matches("[0-9]{1,2}"))
            {
                throw values.invalid("INSTRUMENT_SCALES", SCALES_EXPECTED + "; malformed entry '" + entry + "'");
            }
            final int priceScale = Integer.parseInt(parts[1]);
            final int qtyScale = Integer.parseInt(parts[2]);
            final Optional<Instrument> instrument = fleet.instruments().byName(parts[0]);
            if (instrument.isEmpty())
            {
                throw values.invalid("INSTRUMENT_SCALES", SCALES_EXPECTED + "; '" + parts[0] + "' is not in [instruments]");
            }
            if (priceScale + qtyScale > FixedPoint.MAX_SCALE)
            {
                throw values.invalid("INSTRUMENT_SCALES", SCALES_EXPECTED + "; scales of '" + parts[0] + "' sum above 18");
            }
            if (scales.put(parts[0], new int[] {priceScale, qtyScale}) != null)
            {
                throw values.invalid("INSTRUMENT_SCALES", SCALES_EXPECTED + "; '" + parts[0] + "' given twice");
            }
        }
        if (scales.isEmpty())
        {
            throw values.invalid("INSTRUMENT_SCALES", SCALES_EXPECTED + "; at least one");
        }
        return scales;
    }

    private static Map<String, Long> amounts(final SectionValues values, final String key, final Map<String, int[]> scales)
    {
        final Map<String, Long> amounts = new LinkedHashMap<>();
        for (final String entry : values.list(key, String.class))
        {
            final String[] parts = entry.split(":", -1);
            if (parts.length != 2 || !parts[1].matches("[0-9]+(\\.[0-9]+)?"))
            {
                throw values.invalid(key, AMOUNTS_EXPECTED + "; malformed entry '" + entry + "'");
            }
            final int[] scale = scales.get(parts[0]);
            if (scale == null)
            {
                throw values.invalid(key, AMOUNTS_EXPECTED + "; '" + parts[0] + "' is not in INSTRUMENT_SCALES");
            }
            final BigDecimal amount = new BigDecimal(parts[1]);
            if (amount.signum() <= 0 || amount.stripTrailingZeros().scale() > scale[1])
            {
                throw values.invalid(key, AMOUNTS_EXPECTED + "; '" + entry + "' is not positive or has more than " + scale[1] + " decimals");
            }
            final BigDecimal mantissa = amount.movePointRight(scale[1]).setScale(0, RoundingMode.UNNECESSARY);
            if (mantissa.toBigInteger().bitLength() > 63)
            {
                throw values.invalid(key, AMOUNTS_EXPECTED + "; '" + entry + "' is too large");
            }
            if (amounts.put(parts[0], mantissa.longValueExact()) != null)
            {
                throw values.invalid(key, AMOUNTS_EXPECTED + "; '" + parts[0] + "' given twice");
            }
        }
        for (final String name : scales.keySet())
        {
            if (!amounts.containsKey(name))
            {
                throw values.invalid(key, AMOUNTS_EXPECTED + "; '" + name + "' is missing");
            }
        }
        return amounts;
    }
}
