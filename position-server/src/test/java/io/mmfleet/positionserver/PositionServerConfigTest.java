package io.mmfleet.positionserver;

import io.mmfleet.bus.config.ConfigException;
import io.mmfleet.bus.config.FleetConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PositionServerConfigTest
{
    private static final String BASE = String.join("\n",
        "[bus]",
        "CONTROL_ENDPOINT = tcp://127.0.0.1:7100",
        "SEND_HWM = 1000",
        "RECEIVE_HWM = 1000",
        "[instruments]",
        "ETH-USDC = 1",
        "[position-server]",
        "SOURCE_ID = 5",
        "PUB_ENDPOINT = tcp://127.0.0.1:7105",
        "HTTP_PORT = 0",
        "");

    private static PositionServerConfig load(final String keys)
    {
        return load(keys, "");
    }

    private static PositionServerConfig load(final String keys, final String otherSections)
    {
        return PositionServerConfig.from(FleetConfig.load("test.ini", BASE + keys + "\n" + otherSections, List.of(PositionServerConfig.SPEC)));
    }

    @Test
    void theShippedFleetIniLoadsForPositionServer()
    {
        final PositionServerConfig config = PositionServerConfig.from(
            FleetConfig.load(Path.of("..", "config", "fleet.ini"), List.of(PositionServerConfig.SPEC)));
        assertEquals("jdbc:sqlite:var/position-server/ledger.db", config.ledgerUrl());
        assertEquals(Duration.ofSeconds(1), config.publishInterval());
        assertEquals(Duration.ofSeconds(10), config.reconcileGrace());
        assertEquals(TestFills.units("0.0001"), config.balanceTolerance());
    }

    @Test
    void defaultsApplyWhenTheKeysAreLeftOut()
    {
        assertEquals(new PositionServerConfig("jdbc:sqlite:var/position-server/ledger.db", Duration.ofSeconds(1), Duration.ofSeconds(10), 10_000),
            load(""));
        assertEquals(new PositionServerConfig("jdbc:sqlite:/srv/ledger.db?busy_timeout=5000", Duration.ofMillis(250), Duration.ZERO, 1),
            load("LEDGER_URL = jdbc:sqlite:/srv/ledger.db?busy_timeout=5000\nPUBLISH_INTERVAL = 250ms\nRECONCILE_GRACE = 0s\n" +
                "BALANCE_TOLERANCE = 0.00000001"));
    }

    @Test
    void aLedgerUrlThatIsNotASqliteFileIsRefused()
    {
        for (final String url : List.of("jdbc:postgresql://db/ledger", "jdbc:sqlite:", "jdbc:sqlite::memory:", "jdbc:sqlite:file:x?mode=memory"))
        {
            final ConfigException error = assertThrows(ConfigException.class, () -> load("LEDGER_URL = " + url), url);
            assertEquals("LEDGER_URL", error.key(), url);
            assertTrue(error.getMessage().contains("a SQLite JDBC URL jdbc:sqlite:<file>"), error.getMessage());
        }
    }

    @Test
    void aToleranceFinerThanTheLedgersScaleIsRefused()
    {
        final ConfigException fine = assertThrows(ConfigException.class, () -> load("BALANCE_TOLERANCE = 0.000000001"));
        assertEquals("BALANCE_TOLERANCE", fine.key());
        assertTrue(fine.getMessage().contains("at most 8 decimals"), fine.getMessage());
        assertEquals("BALANCE_TOLERANCE", assertThrows(ConfigException.class, () -> load("BALANCE_TOLERANCE = -1")).key());
        assertEquals("PUBLISH_INTERVAL", assertThrows(ConfigException.class, () -> load("PUBLISH_INTERVAL = 2m")).key());
        assertEquals("RECONCILE_GRACE", assertThrows(ConfigException.class, () -> load("RECONCILE_GRACE = 11m")).key());
        final ConfigException unknown = assertThrows(ConfigException.class, () -> load("LEDGER_FILE = x.db"));
        assertTrue(unknown.getMessage().contains("LEDGER_FILE: unknown key"), unknown.getMessage());
    }

    @Test
    void aReloadMayChangeTheLimitsButNotTheLedger()
    {
        final PositionServerConfig current = load("");
        PositionServerConfig.requireSameLedger(current, load("RECONCILE_GRACE = 1m\nBALANCE_TOLERANCE = 0.01"), "fleet.ini");
        final ConfigException moved = assertThrows(ConfigException.class,
            () -> PositionServerConfig.requireSameLedger(current, load("LEDGER_URL = jdbc:sqlite:other.db"), "fleet.ini"));
        assertEquals("LEDGER_URL", moved.key());
        assertTrue(moved.getMessage().contains("LEDGER_URL cannot change on reload"), moved.getMessage());
    }

    @Test
    void theLedgerMayNotShareTheExecHandlersJournal()
    {
        final String execHandler = String.join("\n",
            "[exec-handler]",
            "SOURCE_ID = 4",
            "PUB_ENDPOINT = tcp://127.0.0.1:7104",
            "HTTP_PORT = 0",
            "JOURNAL_FILE = var/shared.db",
            "");
        final ConfigException clash = assertThrows(ConfigException.class, () -> load("LEDGER_URL = jdbc:sqlite:var/./shared.db", execHandler));
        assertEquals("LEDGER_URL", clash.key());
        assertTrue(clash.getMessage().contains("apart from [exec-handler] JOURNAL_FILE (var/shared.db)"), clash.getMessage());
        assertEquals("jdbc:sqlite:var/ledger.db", load("LEDGER_URL = jdbc:sqlite:var/ledger.db", execHandler).ledgerUrl());
        final ConfigException defaultClash = assertThrows(ConfigException.class,
            () -> load("LEDGER_URL = jdbc:sqlite:var/exec-handler/journal.db", execHandler.replace("JOURNAL_FILE = var/shared.db\n", "")));
        assertEquals("LEDGER_URL", defaultClash.key());
    }
}
