package io.mmfleet.positionserver;

import io.mmfleet.bus.config.ConfigException;
import io.mmfleet.bus.config.DaemonSections;
import io.mmfleet.bus.config.FleetConfig;
import io.mmfleet.bus.config.IniEntry;
import io.mmfleet.bus.config.IniSection;
import io.mmfleet.bus.config.KeyTypes;
import io.mmfleet.bus.config.SectionSpec;
import io.mmfleet.bus.config.SectionValues;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The {@code [position-server]} section: where the fills ledger lives, how often positions and
 * hedge targets are published, and how strict reconciliation is.
 *
 * @param ledgerUrl        JDBC URL of the SQLite fills ledger.
 * @param publishInterval  PositionUpdate and HedgeTarget go out on every change and at least this often.
 * @param reconcileGrace   how long a trade the venue lists may be missing from the ledger, or a
 *                         balance drift last, before it is a RiskEvent.
 * @param balanceTolerance balance drift allowed per asset, at {@link FixedPoint#SCALE}.
 */
public record PositionServerConfig(String ledgerUrl, Duration publishInterval, Duration reconcileGrace, long balanceTolerance)
{
    public static final String SECTION = "position-server";
    /** The exec-handler's JOURNAL_FILE when its section leaves the key out. */
    private static final String EXEC_JOURNAL_DEFAULT = "var/exec-handler/journal.db";

    public static final SectionSpec SPEC = DaemonSections.common(SECTION)
        .optional("LEDGER_URL", SqliteUrlType.INSTANCE, "jdbc:sqlite:var/position-server/ledger.db",
            "JDBC URL of the SQLite fills ledger (WAL, synchronous commits); positions are rebuilt from it at start.")
        .optional("PUBLISH_INTERVAL", KeyTypes.duration(Duration.ofMillis(10), Duration.ofMinutes(1)), Duration.ofSeconds(1),
            "PositionUpdate and HedgeTarget go out on each change and at least this often.")
        .optional("RECONCILE_GRACE", KeyTypes.duration(Duration.ZERO, Duration.ofMinutes(10)), Duration.ofSeconds(10),
            "How long a venue trade may be missing from the ledger, or a balance drift last, before it is reported.")
        .optional("BALANCE_TOLERANCE", KeyTypes.decimal(BigDecimal.ZERO, new BigDecimal("1000000")), new BigDecimal("0.0001"),
            "Balance drift allowed per asset, in the asset's units, at most 8 decimals.")
        .build();

    public static PositionServerConfig from(final FleetConfig fleet)
    {
        final SectionValues values = fleet.section(SECTION);
        final long tolerance;
        try
        {
            tolerance = FixedPoint.fromBigDecimal(values.decimal("BALANCE_TOLERANCE"));
        }
        catch (final IllegalArgumentException | ArithmeticException ex)
        {
            throw values.invalid("BALANCE_TOLERANCE", "a decimal with at most " + FixedPoint.SCALE + " decimals");
        }
        final String ledgerUrl = values.string("LEDGER_URL");
        requireApartFromExecJournal(fleet, values, ledgerUrl);
        return new PositionServerConfig(ledgerUrl, values.duration("PUBLISH_INTERVAL"), values.duration("RECONCILE_GRACE"), tolerance);
    }

    /**
     * Refuses a reload that moves the ledger: the positions in memory were built from the one
     * open. PUBLISH_INTERVAL, RECONCILE_GRACE and BALANCE_TOLERANCE may change live.
     */
    public static void requireSameLedger(final PositionServerConfig current, final PositionServerConfig candidate, final String fileName)
    {
        if (!current.ledgerUrl().equals(candidate.ledgerUrl()))
        {
            throw new ConfigException(fileName, 0, SECTION, "LEDGER_URL", "the LEDGER_URL in force, " + current.ledgerUrl(),
                "LEDGER_URL cannot change on reload (" + current.ledgerUrl() + " is open); restart position-server to use " +
                candidate.ledgerUrl());
        }
    }

    /** Two programs writing one SQLite file with different tables would corrupt each other's records. */
    private static void requireApartFromExecJournal(final FleetConfig fleet, final SectionValues values, final String ledgerUrl)
    {
        final Optional<IniSection> execHandler = fleet.document().section("exec-handler");
        if (execHandler.isEmpty())
        {
            return;
        }
        final String journalFile = execHandler.get().entry("JOURNAL_FILE").map(IniEntry::value).orElse(EXEC_JOURNAL_DEFAULT);
        if (Path.of(journalFile).toAbsolutePath().normalize().equals(SqliteUrlType.path(ledgerUrl)))
        {
            throw values.invalid("LEDGER_URL", "a database file apart from [exec-handler] JOURNAL_FILE (" + journalFile + ")");
        }
    }
}
