package io.mmfleet.bus.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fleet INI an integration test writes: [bus] with test timings (heartbeats every 100 ms,
 * retransmits every 100 ms), [instruments] with ETH-USDC = 1, then the daemon sections — the ones
 * the test plays with only the keys every daemon section needs, the ones it runs with all of theirs.
 */
public final class TestFleetIni
{
    private final StringBuilder text = new StringBuilder();

    /** @param extraInstruments further [instruments] lines, e.g. "BTC-USDC = 2". */
    public TestFleetIni(final String controlEndpoint, final String... extraInstruments)
    {
        text.append("[bus]\n")
            .append("CONTROL_ENDPOINT = ").append(controlEndpoint).append('\n')
            .append("SEND_HWM = 100000\n")
            .append("RECEIVE_HWM = 100000\n")
            .append("HEARTBEAT_INTERVAL = 100ms\n")
            .append("HEARTBEAT_TIMEOUT = 1s\n")
            .append("RETRANSMIT_INTERVAL = 100ms\n\n")
            .append("[instruments]\n")
            .append("ETH-USDC = 1\n");
        for (final String instrument : extraInstruments)
        {
            text.append(instrument).append('\n');
        }
        text.append('\n');
    }

    /** A daemon the test plays or leaves out: where it publishes, nothing else. */
    public TestFleetIni peer(final String daemon, final int sourceId, final String pubEndpoint)
    {
        return section(daemon, Map.of("SOURCE_ID", Integer.toString(sourceId), "PUB_ENDPOINT", pubEndpoint, "HTTP_PORT", "0"));
    }

    public TestFleetIni section(final String daemon, final Map<String, String> keys)
    {
        text.append('[').append(daemon).append("]\n");
        keys.forEach((key, value) -> text.append(key).append(" = ").append(value).append('\n'));
        text.append('\n');
        return this;
    }

    /** The keys every daemon run as a test process starts with: identity, ports, a sleeping idle strategy. */
    public static Map<String, String> daemonKeys(final int sourceId, final String pubEndpoint, final int httpPort)
    {
        final Map<String, String> keys = new LinkedHashMap<>();
        keys.put("SOURCE_ID", Integer.toString(sourceId));
        keys.put("PUB_ENDPOINT", pubEndpoint);
        keys.put("HTTP_PORT", Integer.toString(httpPort));
        keys.put("IDLE_STRATEGY", "sleeping");
        keys.put("IDLE_SLEEP", "1ms");
        return keys;
    }

    /** {@code keys} with each "KEY = value" line of {@code lines} put over it (a test's own settings). */
    public static Map<String, String> overridden(final Map<String, String> keys, final String lines)
    {
        for (final String line : lines.split("\n"))
        {
            if (!line.isBlank())
            {
                keys.put(line.substring(0, line.indexOf('=')).strip(), line.substring(line.indexOf('=') + 1).strip());
            }
        }
        return keys;
    }

    public Path writeTo(final Path file) throws IOException
    {
        Files.writeString(file, text);
        return file;
    }
}
