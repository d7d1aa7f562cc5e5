package io.mmfleet.bus.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The keys every daemon section holds. A daemon builds its own spec on top of them:
 * {@code DaemonSections.common("oms").required("MAX_ORDER_QTY", ...).build()}.
 */
public final class DaemonSections
{
    public static final String SOURCE_ID = "SOURCE_ID";
    public static final String PUB_ENDPOINT = "PUB_ENDPOINT";
    public static final String HTTP_PORT = "HTTP_PORT";
    public static final String IDLE_STRATEGY = "IDLE_STRATEGY";
    public static final String IDLE_SLEEP = "IDLE_SLEEP";

    /** Values of {@link #IDLE_STRATEGY}, from lowest latency (a whole core) to lowest CPU. */
    public static final List<String> IDLE_STRATEGIES = List.of("busy-spin", "yielding", "backoff", "sleeping");

    private static final String UNIQUE_SOURCE_ID = "a source id unique across daemons";
    private static final String UNIQUE_PUB_ENDPOINT = "an endpoint unique across daemons";
    private static final String UNIQUE_HTTP_PORT = "a port unique across daemons (or 0)";

    private DaemonSections()
    {
    }

    /** A builder for {@code [daemonName]} already holding the common keys. */
    public static SectionSpec.Builder common(final String daemonName)
    {
        return SectionSpec.builder(daemonName)
            .required(SOURCE_ID, KeyTypes.integer(1, 65535),
                "Source id in every message envelope this daemon publishes; unique across daemons.")
            .required(PUB_ENDPOINT, KeyTypes.endpoint(),
                "Endpoint this daemon's PUB socket binds; the other daemons and busctl connect to it. Unique across daemons.")
            .required(HTTP_PORT, KeyTypes.port(),
                "Port serving /health and /metrics (0 = any free port).")
            .optional(IDLE_STRATEGY, KeyTypes.choice(IDLE_STRATEGIES.toArray(String[]::new)), "backoff",
                "How the event loop waits when idle: busy-spin, yielding, backoff or sleeping.")
            .optional(IDLE_SLEEP, KeyTypes.duration(Duration.ofNanos(1_000), Duration.ofSeconds(1)), Duration.ofMillis(1),
                "The sleeping strategy's period and the backoff strategy's longest park.");
    }

    /**
     * The endpoints of every daemon section present, in file order, with their common keys
     * validated and source ids and (non-ephemeral) PUB endpoints checked unique.
     */
    static List<DaemonEndpoint> endpoints(final IniDocument doc)
    {
        final List<DaemonEndpoint> endpoints = new ArrayList<>();
        final Map<Long, SectionValues> bySourceId = new HashMap<>();
        final Map<String, SectionValues> byPubEndpoint = new HashMap<>();
        final Map<Long, SectionValues> byHttpPort = new HashMap<>();
        for (final IniSection section : doc.sections())
        {
            if (!FleetSections.DAEMONS.contains(section.name()))
            {
                continue;
            }
            final SectionValues values = common(section.name()).build().validateKnownKeys(doc, section);
            final long sourceId = values.integer(SOURCE_ID);
            requireUnique(bySourceId.putIfAbsent(sourceId, values), values, SOURCE_ID, UNIQUE_SOURCE_ID);
            final String pubEndpoint = values.string(PUB_ENDPOINT);
            if (!KeyTypes.isWildcardPort(pubEndpoint))
            {
                requireUnique(byPubEndpoint.putIfAbsent(pubEndpoint, values), values, PUB_ENDPOINT, UNIQUE_PUB_ENDPOINT);
            }
            final long httpPort = values.integer(HTTP_PORT);
            if (httpPort != 0)
            {
                requireUnique(byHttpPort.putIfAbsent(httpPort, values), values, HTTP_PORT, UNIQUE_HTTP_PORT);
            }
            endpoints.add(new DaemonEndpoint(section.name(), (int)sourceId, pubEndpoint, (int)httpPort));
        }
        return List.copyOf(endpoints);
    }

    private static void requireUnique(
        final SectionValues earlier, final SectionValues current, final String key, final String expected)
    {
        if (earlier != null)
        {
            throw new ConfigException(
                current.fileName(), current.line(key), current.sectionName(), key, expected,
                "expected " + expected + ", got " + ConfigException.quote(current.raw(key)) +
                " (already used by [" + earlier.sectionName() + "] on line " + earlier.line(key) + ")");
        }
    }
}
