package io.mmfleet.positionserver;

import io.mmfleet.sbe.Liquidity;
import io.mmfleet.sbe.Side;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The fills ledger: every fill of the fleet's orders, once, in SQLite. A fill is unique by (venue,
 * instrument, trade id, venue order id), so a replayed or duplicated report changes nothing; its
 * row keeps the whole content and the ExecutionReport (run id, sequence) that first carried it.
 * Rows are never updated or deleted: the ledger is the record positions are rebuilt from, in the
 * order the rows were written ({@code ledger_seq}).
 * <p>
 * Opened in WAL mode with {@code synchronous=FULL}: a commit returns once the WAL is synced to
 * disk, so a fill the book has applied survives a kill -9 and a power loss alike. Fills are few
 * (not per market-data message), so the fsync per commit is affordable; {@link #insertAll} puts a
 * whole batch in one transaction.
 * <p>
 * Not thread safe: owned by the event-loop thread (or by the report command).
 */
public final class FillLedger implements AutoCloseable
{
    /** Bumped when the table layout changes; a ledger of another version is refused rather than misread. */
    static final String SCHEMA_VERSION = "1";
    private static final String JDBC_SQLITE = "jdbc:sqlite:";
    private static final String[] SCHEMA = {
        "CREATE TABLE IF NOT EXISTS ledger_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS fills ("
            + "ledger_seq INTEGER PRIMARY KEY AUTOINCREMENT,"
            + " venue_id INTEGER NOT NULL, instrument_id INTEGER NOT NULL, trade_id INTEGER NOT NULL,"
            + " venue_order_id INTEGER NOT NULL, client_order_id TEXT NOT NULL, strategy_id INTEGER NOT NULL,"
            + " side TEXT NOT NULL, price INTEGER NOT NULL, qty INTEGER NOT NULL, quote_qty INTEGER NOT NULL,"
            + " fee INTEGER NOT NULL, fee_asset TEXT NOT NULL, base_asset TEXT NOT NULL, quote_asset TEXT NOT NULL,"
            + " liquidity TEXT NOT NULL, venue_time_ns INTEGER NOT NULL, exec_run_id INTEGER NOT NULL,"
            + " exec_sequence INTEGER NOT NULL,"
            + " UNIQUE (venue_id, instrument_id, trade_id, venue_order_id))",
        "CREATE INDEX IF NOT EXISTS fills_by_trade ON fills(venue_id, instrument_id, trade_id)"
    };
    private static final String COLUMNS = "venue_id, instrument_id, trade_id, venue_order_id, client_order_id, strategy_id,"
        + " side, price, qty, quote_qty, fee, fee_asset, base_asset, quote_asset, liquidity, venue_time_ns,"
        + " exec_run_id, exec_sequence";

    private final String url;
    private final Connection connection;
    private final PreparedStatement insert;
    private final PreparedStatement selectByKey;
    private final PreparedStatement selectTradeRange;
    private final PreparedStatement selectAll;
    private final PreparedStatement count;
    private final PreparedStatement baseFlows;
    private final PreparedStatement quoteFlows;
    private final PreparedStatement feeFlows;

    private FillLedger(final String url, final Connection connection) throws SQLException
    {
        this.url = url;
        this.connection = connection;
        insert = connection.prepareStatement("INSERT OR IGNORE INTO fills (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
        selectByKey = connection.prepareStatement("SELECT " + COLUMNS + " FROM fills"
            + " WHERE venue_id = ? AND instrument_id = ? AND trade_id = ? AND venue_order_id = ?");
        selectTradeRange = connection.prepareStatement("SELECT " + COLUMNS + " FROM fills"
            + " WHERE venue_id = ? AND instrument_id = ? AND trade_id BETWEEN ? AND ? ORDER BY trade_id, venue_order_id");
        selectAll = connection.prepareStatement("SELECT " + COLUMNS + " FROM fills ORDER BY ledger_seq");
        count = connection.prepareStatement("SELECT COUNT(*) FROM fills");
        // SQLite's SUM of integers raises "integer overflow" rather than wrap, so these are overflow-checked too.
        baseFlows = connection.prepareStatement("SELECT base_asset, SUM(CASE side WHEN 'BUY' THEN qty ELSE -qty END)"
            + " FROM fills WHERE venue_id = ? GROUP BY base_asset");
        quoteFlows = connection.prepareStatement("SELECT quote_asset, SUM(CASE side WHEN 'BUY' THEN -quote_qty ELSE quote_qty END)"
            + " FROM fills WHERE venue_id = ? GROUP BY quote_asset");
        feeFlows = connection.prepareStatement("SELECT fee_asset, SUM(-fee) FROM fills WHERE venue_id = ? AND fee <> 0 GROUP BY fee_asset");
    }

    /**
     * Opens the ledger at a JDBC URL ({@code jdbc:sqlite:<file>}), creating the file, its parent
     * directory and the schema if missing.
     *
     * @throws LedgerException if it cannot be opened or is not a ledger this version can read.
     */
    public static FillLedger open(final String jdbcUrl)
    {
        if (!jdbcUrl.startsWith(JDBC_SQLITE) || jdbcUrl.length() == JDBC_SQLITE.length())
        {
            throw new LedgerException("not a SQLite JDBC URL (jdbc:sqlite:<file>): " + jdbcUrl);
        }
        createParentDirectory(jdbcUrl);
        Connection connection = null;
        try
        {
            connection = DriverManager.getConnection(jdbcUrl);
            try (Statement statement = connection.createStatement())
            {
                statement.execute("PRAGMA journal_mode=WAL");
                statement.execute("PRAGMA synchronous=FULL");
                for (final String ddl : SCHEMA)
                {
                    statement.execute(ddl);
                }
            }
            connection.setAutoCommit(false);
            requireMeta(connection, "schema_version", SCHEMA_VERSION, jdbcUrl);
            requireMeta(connection, "scale", Integer.toString(FixedPoint.SCALE), jdbcUrl);
            connection.commit();
            return new FillLedger(jdbcUrl, connection);
        }
        catch (final SQLException ex)
        {
            closeQuietly(connection, ex);
            throw new LedgerException("cannot open fills ledger " + jdbcUrl + ": " + ex.getMessage(), ex);
        }
        catch (final LedgerException ex)
        {
            closeQuietly(connection, ex);
            throw ex;
        }
    }

    /** The JDBC URL the ledger was opened with, for messages. */
    public String url()
    {
        return url;
    }

    /**
     * Records a fill unless it is already there, and commits.
     *
     * @return {@link FillInsert#NEW} when it was written; otherwise the ledger is unchanged.
     */
    public FillInsert insert(final Fill fill)
    {
        try
        {
            final FillInsert result = insertUncommitted(fill);
            connection.commit();
            return result;
        }
        catch (final SQLException ex)
        {
            throw rollback("insert fill " + describe(fill), ex);
        }
    }

    /**
     * Records a batch in one transaction (a catch-up after a gap, a replay), each fill as
     * {@link #insert} would; all or none are written.
     *
     * @return what happened to each fill, in the batch's order.
     */
    public List<FillInsert> insertAll(final List<Fill> fills)
    {
        final List<FillInsert> results = new ArrayList<>(fills.size());
        try
        {
            for (final Fill fill : fills)
            {
                results.add(insertUncommitted(fill));
            }
            connection.commit();
            return results;
        }
        catch (final SQLException ex)
        {
            throw rollback("insert a batch of " + fills.size() + " fills", ex);
        }
    }

    /** The fill with this identity, if recorded. */
    public Optional<Fill> find(final int venueId, final int instrumentId, final long tradeId, final long venueOrderId)
    {
        try
        {
            selectByKey.setInt(1, venueId);
            selectByKey.setInt(2, instrumentId);
            selectByKey.setLong(3, tradeId);
            selectByKey.setLong(4, venueOrderId);
            try (ResultSet rows = selectByKey.executeQuery())
            {
                return rows.next() ? Optional.of(read(rows)) : Optional.empty();
            }
        }
        catch (final SQLException ex)
        {
            throw failure("look up trade " + tradeId + " of order " + venueOrderId, ex);
        }
    }

    /** The fills of one venue and instrument with a trade id in [fromTradeId, toTradeId], by trade id. */
    public List<Fill> fillsWithTradeIds(final int venueId, final int instrumentId, final long fromTradeId, final long toTradeId)
    {
        try
        {
            selectTradeRange.setInt(1, venueId);
            selectTradeRange.setInt(2, instrumentId);
            selectTradeRange.setLong(3, fromTradeId);
            selectTradeRange.setLong(4, toTradeId);
            final List<Fill> fills = new ArrayList<>();
            try (ResultSet rows = selectTradeRange.executeQuery())
            {
                while (rows.next())
                {
                    fills.add(read(rows));
                }
            }
            return fills;
        }
        catch (final SQLException ex)
        {
            throw failure("read trades " + fromTradeId + ".." + toTradeId + " of instrument " + instrumentId, ex);
        }
    }

    /** Hands every fill to {@code consumer} in the order they were recorded: the order the book applied them. */
    public void forEach(final Consumer<Fill> consumer)
    {
        try (ResultSet rows = selectAll.executeQuery())
        {
            while (rows.next())
            {
                consumer.accept(read(rows));
            }
        }
        catch (final SQLException ex)
        {
            throw failure("read the fills", ex);
        }
    }

    public long count()
    {
        try (ResultSet rows = count.executeQuery())
        {
            rows.next();
            return rows.getLong(1);
        }
        catch (final SQLException ex)
        {
            throw failure("count the fills", ex);
        }
    }

    /**
     * What the recorded fills did to each asset of one venue's account, at {@link FixedPoint#SCALE}:
     * a buy adds its quantity to the base asset and takes its quote amount from the quote asset, a
     * sell the reverse, and every fee is taken from its fee asset (a rebate adds). Reconciliation
     * compares the change of these with the change of the venue's balances.
     *
     * @return asset code to net flow, sorted by asset.
     */
    public TreeMap<String, Long> assetFlows(final int venueId)
    {
        final TreeMap<String, Long> flows = new TreeMap<>();
        try
        {
            for (final PreparedStatement query : new PreparedStatement[] { baseFlows, quoteFlows, feeFlows })
            {
                query.setInt(1, venueId);
                try (ResultSet rows = query.executeQuery())
                {
                    while (rows.next())
                    {
                        flows.merge(rows.getString(1), rows.getLong(2), Math::addExact);
                    }
                }
            }
            return flows;
        }
        catch (final SQLException ex)
        {
            throw failure("sum the asset flows of venue " + venueId, ex);
        }
    }

    @Override
    public void close()
    {
        try
        {
            connection.close();
        }
        catch (final SQLException ex)
        {
            throw failure("close", ex);
        }
    }

    private FillInsert insertUncommitted(final Fill fill) throws SQLException
    {
        insert.setInt(1, fill.venueId());
        insert.setInt(2, fill.instrumentId());
        insert.setLong(3, fill.tradeId());
        insert.setLong(4, fill.venueOrderId());
        insert.setString(5, fill.clientOrderId());
        insert.setInt(6, fill.strategyId());
        insert.setString(7, fill.side().name());
        insert.setLong(8, fill.price());
        insert.setLong(9, fill.qty());
        insert.setLong(10, fill.quoteQty());
        insert.setLong(11, fill.fee());
        insert.setString(12, fill.feeAsset());
        insert.setString(13, fill.baseAsset());
        insert.setString(14, fill.quoteAsset());
        insert.setString(15, fill.liquidity().name());
        insert.setLong(16, fill.venueTimeNs());
        insert.setLong(17, fill.execRunId());
        insert.setLong(18, fill.execSequence());
        if (insert.executeUpdate() == 1)
        {
            return FillInsert.NEW;
        }
        selectByKey.setInt(1, fill.venueId());
        selectByKey.setInt(2, fill.instrumentId());
        selectByKey.setLong(3, fill.tradeId());
        selectByKey.setLong(4, fill.venueOrderId());
        try (ResultSet rows = selectByKey.executeQuery())
        {
            if (!rows.next())
            {
                throw new SQLException("fill ignored on insert but not found: " + describe(fill));
            }
            return read(rows).sameContentAs(fill) ? FillInsert.DUPLICATE : FillInsert.CONFLICT;
        }
    }

    private Fill read(final ResultSet rows) throws SQLException
    {
        try
        {
            return new Fill(
                rows.getInt(1),
                rows.getInt(2),
                rows.getLong(3),
                rows.getLong(4),
                rows.getString(5),
                rows.getInt(6),
                Side.valueOf(rows.getString(7)),
                rows.getLong(8),
                rows.getLong(9),
                rows.getLong(10),
                rows.getLong(11),
                rows.getString(12),
                rows.getString(13),
                rows.getString(14),
                Liquidity.valueOf(rows.getString(15)),
                rows.getLong(16),
                rows.getLong(17),
                rows.getLong(18));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new LedgerException("fills ledger " + url + " holds a malformed row (trade " + rows.getLong(3) + "): " + ex.getMessage(), ex);
        }
    }

    private static void requireMeta(final Connection connection, final String name, final String expected, final String url) throws SQLException
    {
        try (PreparedStatement select = connection.prepareStatement("SELECT value FROM ledger_meta WHERE name = ?"))
        {
            select.setString(1, name);
            try (ResultSet rows = select.executeQuery())
            {
                if (rows.next())
                {
                    if (!expected.equals(rows.getString(1)))
                    {
                        throw new LedgerException("fills ledger " + url + " has " + name + " " + rows.getString(1) +
                            ", this position-server reads " + name + " " + expected);
                    }
                    return;
                }
            }
        }
        try (PreparedStatement write = connection.prepareStatement("INSERT INTO ledger_meta (name, value) VALUES (?, ?)"))
        {
            write.setString(1, name);
            write.setString(2, expected);
            write.executeUpdate();
        }
    }

    /** SQLite creates the file but not its directory; a relative path resolves against the working directory. */
    private static void createParentDirectory(final String jdbcUrl)
    {
        String location = jdbcUrl.substring(JDBC_SQLITE.length());
        final int query = location.indexOf('?');
        if (query >= 0)
        {
            location = location.substring(0, query);
        }
        if (location.isEmpty() || location.startsWith(":") || location.startsWith("file:"))
        {
            return;
        }
        final Path parent = Path.of(location).toAbsolutePath().getParent();
        try
        {
            if (parent != null)
            {
                Files.createDirectories(parent);
            }
        }
        catch (final IOException ex)
        {
            throw new LedgerException("cannot create the directory of fills ledger " + jdbcUrl + ": " + ex.getMessage(), ex);
        }
    }

    private LedgerException rollback(final String what, final SQLException cause)
    {
        try
        {
            connection.rollback();
        }
        catch (final SQLException rollbackFailure)
        {
            cause.addSuppressed(rollbackFailure);
        }
        return failure(what, cause);
    }

    private LedgerException failure(final String what, final SQLException cause)
    {
        return new LedgerException("fills ledger " + url + ": cannot " + what + ": " + cause.getMessage(), cause);
    }

    private static String describe(final Fill fill)
    {
        return "venue " + fill.venueId() + " instrument " + fill.instrumentId() + " trade " + fill.tradeId() + " order " + fill.venueOrderId();
    }

    private static void closeQuietly(final Connection connection, final Exception cause)
    {
        if (connection != null)
        {
            try
            {
                connection.close();
            }
            catch (final SQLException closeFailure)
            {
                cause.addSuppressed(closeFailure);
            }
        }
    }
}
