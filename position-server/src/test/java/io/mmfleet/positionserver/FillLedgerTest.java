package io.mmfleet.positionserver;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.mmfleet.positionserver.TestFills.buy;
import static io.mmfleet.positionserver.TestFills.sell;
import static io.mmfleet.positionserver.TestFills.units;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FillLedgerTest
{
    @TempDir
    Path dir;

    private String url()
    {
        return "jdbc:sqlite:" + dir.resolve("ledger.db");
    }

    @Test
    void theSameFillTwiceIsRecordedOnce()
    {
        try (FillLedger ledger = FillLedger.open(url()))
        {
            final Fill fill = buy(1, "1.5", "3000.01").fee("0.0015", "ETH").build();
            assertEquals(FillInsert.NEW, ledger.insert(fill));
            assertEquals(FillInsert.DUPLICATE, ledger.insert(fill));
            // A resend of the report (another sequence, even another exec-handler run) is the same fill.
            assertEquals(FillInsert.DUPLICATE, ledger.insert(buy(1, "1.5", "3000.01").fee("0.0015", "ETH").exec(12, 99).build()));
            assertEquals(1, ledger.count());
            assertEquals(fill, ledger.find(1, 1, 1, fill.venueOrderId()).orElseThrow(), "the first report's run and sequence are kept");
        }
    }

    @Test
    void aFillIsIdentifiedByVenueInstrumentTradeAndOrder()
    {
        try (FillLedger ledger = FillLedger.open(url()))
        {
            assertEquals(FillInsert.NEW, ledger.insert(buy(1, "1", "100").build()));
            assertEquals(FillInsert.NEW, ledger.insert(buy(1, "1", "100").order(5555).build()), "other order, same trade id");
            assertEquals(FillInsert.NEW, ledger.insert(buy(1, "1", "100").venue(2).build()), "other venue");
            assertEquals(FillInsert.NEW, ledger.insert(buy(1, "1", "100").instrument(2).build()), "other instrument");
            assertEquals(4, ledger.count());
        }
    }

    @Test
    void aFillWithTheSameIdentityAndOtherContentIsAConflictAndChangesNothing()
    {
        try (FillLedger ledger = FillLedger.open(url()))
        {
            final Fill first = buy(1, "1", "100").build();
            ledger.insert(first);
            assertEquals(FillInsert.CONFLICT, ledger.insert(buy(1, "2", "100").build()));
            assertEquals(FillInsert.CONFLICT, ledger.insert(buy(1, "1", "100").fee("0.1", "USDT").build()));
            assertEquals(1, ledger.count());
            assertEquals(first, ledger.find(1, 1, 1, first.venueOrderId()).orElseThrow());
        }
    }

    @Test
    void aReplayedBatchAddsOnlyWhatIsNew()
    {
        try (FillLedger ledger = FillLedger.open(url()))
        {
            final List<Fill> first = List.of(buy(1, "1", "100").build(), sell(2, "0.5", "101").build(), buy(3, "2", "99").build());
            assertEquals(List.of(FillInsert.NEW, FillInsert.NEW, FillInsert.NEW), ledger.insertAll(first));
            final List<Fill> replay = new ArrayList<>(first);
            replay.add(1, sell(4, "1", "102").build());
            replay.add(buy(2, "0.5", "101").build());
            replay.add(first.get(0));
            assertEquals(List.of(FillInsert.DUPLICATE, FillInsert.NEW, FillInsert.DUPLICATE, FillInsert.DUPLICATE, FillInsert.CONFLICT,
                FillInsert.DUPLICATE), ledger.insertAll(replay));
            assertEquals(4, ledger.count());
            final List<Long> order = new ArrayList<>();
            ledger.forEach(fill -> order.add(fill.tradeId()));
            assertEquals(List.of(1L, 2L, 3L, 4L), order, "ledger order is the order fills were first recorded");
        }
    }

    @Test
    void fillsSurviveReopeningWithTheirWholeContent()
    {
        final Fill fill = sell(77, "0.1234", "3000.01").fee("-0.00012", "USDT").maker().order(987654321012L).exec(123456789L, 42).build();
        try (FillLedger ledger = FillLedger.open(url()))
        {
            ledger.insert(fill);
        }
        try (FillLedger ledger = FillLedger.open(url()))
        {
            final List<Fill> all = new ArrayList<>();
            ledger.forEach(all::add);
            assertEquals(List.of(fill), all);
            assertEquals(FillInsert.DUPLICATE, ledger.insert(fill));
        }
    }

    @Test
    void theDatabaseIsInWalModeWithFullSynchronousCommits() throws Exception
    {
        try (FillLedger ledger = FillLedger.open(url()))
        {
            ledger.insert(buy(1, "1", "100").build());
            assertTrue(Files.exists(dir.resolve("ledger.db-wal")), "the write-ahead log exists while open");
        }
        try (Connection connection = DriverManager.getConnection(url()); Statement statement = connection.createStatement())
        {
            try (ResultSet mode = statement.executeQuery("PRAGMA journal_mode"))
            {
                mode.next();
                assertEquals("wal", mode.getString(1), "WAL is persistent in the file");
            }
            try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM fills"))
            {
                rows.next();
                assertEquals(1, rows.getInt(1), "committed before close");
            }
        }
    }

    @Test
    void tradesAreFoundByIdRange()
    {
        try (FillLedger ledger = FillLedger.open(url()))
        {
            for (long tradeId = 10; tradeId <= 15; tradeId++)
            {
                ledger.insert(buy(tradeId, "1", "100").build());
            }
            ledger.insert(buy(12, "1", "100").instrument(2).build());
            assertEquals(List.of(11L, 12L, 13L), ledger.fillsWithTradeIds(1, 1, 11, 13).stream().map(Fill::tradeId).toList());
            assertEquals(1, ledger.fillsWithTradeIds(1, 2, 0, 100).size());
            assertTrue(ledger.find(1, 1, 99, 1099).isEmpty());
        }
    }

    @Test
    void assetFlowsFollowQuantitiesQuoteAmountsAndFees()
    {
        try (FillLedger ledger = FillLedger.open(url()))
        {
            ledger.insert(buy(1, "2", "100").fee("0.002", "ETH").build());
            ledger.insert(sell(2, "0.5", "110").fee("0.055", "USDT").build());
            ledger.insert(buy(3, "1", "90").fee("0.01", "BNB").build());
            ledger.insert(buy(4, "5", "1").venue(2).build());
            assertEquals(Map.of("ETH", units("2.498"), "USDT", units("-235.055"), "BNB", units("-0.01")), ledger.assetFlows(1));
            assertEquals(Map.of("ETH", units("5"), "USDT", units("-5")), ledger.assetFlows(2));
            assertEquals(Map.of(), ledger.assetFlows(3));
        }
    }

    @Test
    void aBadUrlOrAForeignDatabaseIsRefusedWithAClearMessage() throws Exception
    {
        final LedgerException notSqlite = assertThrows(LedgerException.class, () -> FillLedger.open("jdbc:postgresql://x/y"));
        assertTrue(notSqlite.getMessage().contains("not a SQLite JDBC URL"), notSqlite.getMessage());

        final Path file = dir.resolve("other.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file); Statement statement = connection.createStatement())
        {
            statement.execute("CREATE TABLE ledger_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)");
            statement.execute("INSERT INTO ledger_meta VALUES ('schema_version', '1'), ('scale', '6')");
        }
        final LedgerException scale = assertThrows(LedgerException.class, () -> FillLedger.open("jdbc:sqlite:" + file));
        assertTrue(scale.getMessage().contains("has scale 6, this position-server reads scale 8"), scale.getMessage());

        Files.writeString(dir.resolve("garbage.db"), "this is not a database, just some text long enough to have a header");
        final LedgerException garbage = assertThrows(LedgerException.class, () -> FillLedger.open("jdbc:sqlite:" + dir.resolve("garbage.db")));
        assertTrue(garbage.getMessage().startsWith("cannot open fills ledger"), garbage.getMessage());
    }

    @Test
    void theLedgersDirectoryIsCreated()
    {
        final Path nested = dir.resolve("var/position-server/ledger.db");
        try (FillLedger ledger = FillLedger.open("jdbc:sqlite:" + nested))
        {
            ledger.insert(buy(1, "1", "100").build());
        }
        assertTrue(Files.exists(nested));
    }

    @Test
    void aWriteToAClosedLedgerFailsWithTheLedgerNamed()
    {
        final FillLedger ledger = FillLedger.open(url());
        ledger.close();
        final LedgerException closed = assertThrows(LedgerException.class, () -> ledger.insert(buy(1, "1", "100").build()));
        assertTrue(closed.getMessage().startsWith("fills ledger " + url() + ": cannot insert fill"), closed.getMessage());
    }
}
