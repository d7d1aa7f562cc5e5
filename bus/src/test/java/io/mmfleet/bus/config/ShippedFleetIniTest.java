package io.mmfleet.bus.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The example {@code config/fleet.ini} at the repository root: it must load clean and explain every key. */
class ShippedFleetIniTest
{
    private static final Path FLEET_INI = Path.of("..", "config", "fleet.ini");

    @Test
    void loadsCleanForAProgramOwningNoSection()
    {
        final FleetConfig config = FleetConfig.load(FLEET_INI, List.of());

        assertEquals(new BusConfig("tcp://127.0.0.1:7100", 100_000, 100_000,
            Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofMillis(250), 20), config.bus());
        final List<DaemonEndpoint> expected = new ArrayList<>();
        for (int i = 0; i < FleetSections.DAEMONS.size(); i++)
        {
            expected.add(new DaemonEndpoint(FleetSections.DAEMONS.get(i), i + 1, "tcp://127.0.0.1:" + (7101 + i), 9101 + i));
        }
        assertEquals(expected, config.daemons());
        assertEquals(List.of(new Instrument("ETH-USDC", 1), new Instrument("BTC-USDC", 2)), config.instruments().all());
    }

    /** Daemons add keys of their own to their sections; each daemon's module checks the file against its full spec. */
    @Test
    void everyDaemonSectionHoldsValidCommonKeys()
    {
        final IniDocument doc = IniDocument.parse(FLEET_INI);
        for (final String daemon : FleetSections.DAEMONS)
        {
            final SectionValues values = DaemonSections.common(daemon).build().validateKnownKeys(doc, doc.section(daemon).orElseThrow());
            assertEquals("backoff", values.string(DaemonSections.IDLE_STRATEGY), daemon);
            assertEquals(Duration.ofMillis(1), values.duration(DaemonSections.IDLE_SLEEP), daemon);
        }
    }

    @Test
    void everyKeyHasACommentRightAboveIt() throws IOException
    {
        final List<String> lines = Files.readAllLines(FLEET_INI);
        final IniDocument doc = IniDocument.parse(FLEET_INI);
        int entries = 0;
        for (final IniSection section : doc.sections())
        {
            for (final IniEntry entry : section.entries())
            {
                final String above = lines.get(entry.line() - 2).strip();
                assertTrue(above.startsWith("#"), "[" + section.name() + "] " + entry.key() + " on line " + entry.line() +
                    " has no comment above it");
                entries++;
            }
        }
        // At least: every [bus] key, both instruments, every common key of the six daemons; programs add theirs.
        assertTrue(entries >= 7 + 2 + 6 * 5, "keys checked: " + entries);
    }
}
