package io.mmfleet.exechandler.order;

import io.mmfleet.exechandler.venue.VenueFill;
import io.mmfleet.exechandler.venue.VenueSymbol;
import io.mmfleet.sbe.OrdStatus;
import io.mmfleet.sbe.OrderType;
import io.mmfleet.sbe.Side;
import io.mmfleet.sbe.TimeInForce;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SQLite journal on its own: schema, WAL mode, what it keeps across a reopen, and bad files. */
class ExecJournalTest
{
    private static final VenueSymbol ETH = new VenueSymbol("ETHUSDT", "ETH-USDC", 1, 2, 4);

    @TempDir
    Path dir;

    @Test
    void createsTheSchemaInWalMode() throws Exception
    {
        final Path file = dir.resolve("j.db");
        try (ExecJournal journal = ExecJournal.open(file))
        {
            assertEquals(file, journal.file());
        }
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             ResultSet mode = connection.createStatement().executeQuery("PRAGMA journal_mode");
             ResultSet tables = connection.createStatement().executeQuery("SELECT group_concat(name, ',') FROM sqlite_master WHERE type = 'table'"))
        {
            assertEquals("wal", mode.getString(1));
            assertEquals("orders,reported_trades", tables.getString(1));
        }
    }

    @Test
    void syncsEveryCommitToDisk()
    {
        try (ExecJournal journal = ExecJournal.open(dir.resolve("j.db")))
        {
            assertEquals(ExecJournal.SYNCHRONOUS_FULL, journal.synchronousLevel(), "synchronous=FULL: a host crash loses nothing committed");
        }
    }

    @Test
    void keepsOrdersStateAndTradeIdsAcrossAReopen()
    {
        final Path file = dir.resolve("j.db");
        try (ExecJournal journal = ExecJournal.open(file))
        {
            final TrackedOrder open = order("c1", false);
            journal.insertOrder(open);
            open.venueOrderId = 900;
            open.status = OrdStatus.PARTIALLY_FILLED;
            open.cumQty = 2_0000;
            open.cumQuoteQty = 400_000_000L;
            journal.recordFill(open, fill(71));
            journal.recordFill(open, fill(71));
            journal.recordFill(open, fill(70));

            final TrackedOrder done = order("c2", false);
            journal.insertOrder(done);
            done.status = OrdStatus.CANCELED;
            done.terminal = true;
            journal.updateOrder(done);

            final TrackedOrder foreign = new TrackedOrder(ETH, 0, "web-1", 0, null, null, null, 0, 1, 5, true);
            journal.insertOrder(foreign);
        }

        try (ExecJournal journal = ExecJournal.open(file))
        {
            final List<JournaledOrder> open = journal.loadOpenOrders();
            assertEquals(List.of("c1", "web-1"), open.stream().map(JournaledOrder::clientOrderId).toList());
            final JournaledOrder c1 = open.get(0);
            assertEquals("ETHUSDT", c1.venueSymbol());
            assertEquals(11, c1.commandId());
            assertEquals(7, c1.strategyId());
            assertEquals(Side.SELL, c1.side());
            assertEquals(OrderType.LIMIT_MAKER, c1.orderType());
            assertEquals(TimeInForce.GTC, c1.timeInForce());
            assertEquals(2000_00, c1.price());
            assertEquals(5_0000, c1.qty());
            assertEquals(1_700_000_000_000L, c1.venueTimestampMs());
            assertEquals(900, c1.venueOrderId());
            assertEquals(OrdStatus.PARTIALLY_FILLED, c1.status());
            assertEquals(2_0000, c1.reportedCumQty());
            assertEquals(400_000_000L, c1.reportedCumQuoteQty());
            assertArrayEquals(new long[] {70, 71}, c1.reportedTradeIds());
            final JournaledOrder foreign = open.get(1);
            assertTrue(foreign.foreign());
            assertNull(foreign.side());
            assertEquals(true, journal.findOrder("c2").terminal());
            assertEquals(OrdStatus.CANCELED, journal.findOrder("c2").status());
            assertNull(journal.findOrder("nope"));
        }
    }

    @Test
    void keepsTheReportedFillsToReplayTheLatestOnesWithTheirOrdersStateNow()
    {
        try (ExecJournal journal = ExecJournal.open(dir.resolve("j.db")))
        {
            final TrackedOrder order = order("c1", false);
            journal.insertOrder(order);
            order.venueOrderId = 900;
            for (int trade = 1; trade <= 3; trade++)
            {
                order.cumQty = trade * 1_0000;
                order.cumQuoteQty = trade * 200_000_000L;
                order.status = OrdStatus.PARTIALLY_FILLED;
                journal.recordFill(order, fill(trade));
            }
            order.status = OrdStatus.CANCELED;
            order.terminal = true;
            journal.updateOrder(order);

            final List<ReportedFill> latest = journal.recentFills(2);
            assertEquals(List.of(2L, 3L), latest.stream().map(f -> f.fill().tradeId()).toList(), "the latest, oldest first");
            final ReportedFill second = latest.get(0);
            assertEquals(fill(2), second.fill());
            assertEquals(7, second.strategyId());
            assertEquals(900, second.venueOrderId());
            assertEquals(3_0000, second.cumQty(), "the order as last reported, not as at that fill");
            final TrackedOrderView asReported = second.asReported(ETH);
            assertEquals(OrdStatus.CANCELED, asReported.status(), "a replay never shows a finished order working");
            assertEquals("c1", asReported.clientOrderId());
            assertEquals(Side.SELL, asReported.side());
            assertEquals(5_0000, asReported.qty());
        }
    }

    @Test
    void aJournalWrittenBeforeFillContentWasKeptOpensAndReplaysNothingOfItsOldFills() throws Exception
    {
        final Path file = dir.resolve("old.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file))
        {
            connection.createStatement().execute("CREATE TABLE reported_trades (venue_symbol TEXT NOT NULL, trade_id INTEGER NOT NULL,"
                + " client_order_id TEXT NOT NULL, PRIMARY KEY (venue_symbol, trade_id))");
            connection.createStatement().execute("INSERT INTO reported_trades VALUES ('ETHUSDT', 5, 'c1')");
        }
        try (ExecJournal journal = ExecJournal.open(file))
        {
            final TrackedOrder order = order("c1", false);
            journal.insertOrder(order);
            assertTrue(journal.recentFills(10).isEmpty(), "the old row has no content to replay");
            journal.recordFill(order, fill(6));
            assertEquals(List.of(6L), journal.recentFills(10).stream().map(f -> f.fill().tradeId()).toList());
        }
        try (ExecJournal reopened = ExecJournal.open(file))
        {
            assertEquals(1, reopened.recentFills(10).size(), "a second open adds no column twice");
        }
    }

    @Test
    void aFailedWriteIsReportedAndTheJournalStaysUsable()
    {
        try (ExecJournal journal = ExecJournal.open(dir.resolve("j.db")))
        {
            journal.insertOrder(order("c1", false));

            final JournalException failure = assertThrows(JournalException.class, () -> journal.insertOrder(order("c1", false)));
            assertTrue(failure.getMessage().contains("cannot insert order c1"), failure.getMessage());

            journal.insertOrder(order("c2", false));
            assertEquals(2, journal.loadOpenOrders().size());
        }
    }

    @Test
    void aFileThatIsNotADatabaseFailsToOpenNamingIt() throws Exception
    {
        final Path file = dir.resolve("garbage.db");
        Files.writeString(file, "this is not an SQLite database, it is a text file long enough to have a header".repeat(20));

        final JournalException failure = assertThrows(JournalException.class, () -> ExecJournal.open(file));

        assertTrue(failure.getMessage().startsWith("cannot open exec journal " + file), failure.getMessage());
    }

    @Test
    void aDirectoryThatDoesNotExistFailsToOpenNamingTheFile()
    {
        final Path file = dir.resolve("missing").resolve("j.db");

        final JournalException failure = assertThrows(JournalException.class, () -> ExecJournal.open(file));

        assertTrue(failure.getMessage().startsWith("cannot open exec journal " + file), failure.getMessage());
    }

    private static VenueFill fill(final long tradeId)
    {
        return new VenueFill(tradeId, 900, 2000_00, 1_0000, 200_000_000L, 20_000L, "USDT", true, 1_700_000_000_100L + tradeId);
    }

    private static TrackedOrder order(final String clientOrderId, final boolean foreign)
    {
        return new TrackedOrder(ETH, 7, clientOrderId, 11, Side.SELL, OrderType.LIMIT_MAKER, TimeInForce.GTC, 2000_00, 5_0000,
            1_700_000_000_000L, foreign);
    }
}
