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

    /**
     * The OMS's keys in the rigs that run it: ETH-USDC at price scale 2 and quantity scale 4, risk
     * limits far above what a test trades, positions and market data never stale, one venue
     * (binance, id 1, its exec-handler), the request journal at {@code journal}, a dead man's switch
     * of 5 s (put another DEAD_MAN_TIMEOUT over it where the test needs one).
     */
    public static Map<String, String> omsKeys(final int sourceId, final String pubEndpoint, final int httpPort, final Path journal)
    {
        final Map<String, String> keys = daemonKeys(sourceId, pubEndpoint, httpPort);
        keys.put("INSTRUMENT_SCALES", "ETH-USDC:2:4");
        keys.put("MAX_ORDER_QTY", "ETH-USDC:5");
        keys.put("MAX_POSITION", "ETH-USDC:20");
        keys.put("MAX_NOTIONAL", "50000");
        keys.put("PRICE_COLLAR_BPS", "100");
        keys.put("POSITION_STALE_AFTER", "10m");
        keys.put("MARKET_DATA_STALE_AFTER", "10m");
        keys.put("DEAD_MAN_TIMEOUT", "5s");
        keys.put("VENUES", "binance:1:exec-handler");
        keys.put("JOURNAL_FILE", journal.toString());
        return keys;
    }

    /**
     * market-maker's keys in the rigs that run it: strategy {@code strategyId} quoting Binance's
     * ETHUSDT as ETH-USDC (price scale 2, quantity scale 4), 0.05 a quote, at most 1 of inventory;
     * the rig puts its own quoting model keys over them.
     */
    public static Map<String, String> marketMakerKeys(final int sourceId, final String pubEndpoint, final int httpPort, final int strategyId)
    {
        final Map<String, String> keys = daemonKeys(sourceId, pubEndpoint, httpPort);
        keys.put("STRATEGY_ID", Integer.toString(strategyId));
        keys.put("SYMBOL", "ETHUSDT:ETH-USDC:2:4");
        keys.put("MAX_INVENTORY", "1");
        keys.put("ORDER_QTY", "0.05");
        keys.put("MIN_ORDER_QTY", "0.01");
        keys.put("MAX_ORDER_QTY", "0.5");
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
