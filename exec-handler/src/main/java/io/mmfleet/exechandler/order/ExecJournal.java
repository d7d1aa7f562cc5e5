package io.mmfleet.exechandler.order;

import io.mmfleet.exechandler.venue.VenueFill;
import io.mmfleet.sbe.OrdStatus;
import io.mmfleet.sbe.OrderType;
import io.mmfleet.sbe.Side;
import io.mmfleet.sbe.TimeInForce;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The exec-handler's memory across restarts, in SQLite: every order it placed or saw (with the
 * command that created it, the state it last reported and whether that state is terminal) and the
 * venue trade ids it already reported. Every method commits before it returns.
 * <p>
 * Opened in WAL mode with synchronous=FULL: the WAL file is synced to disk at every commit, so
 * once a commit returns neither a kill -9 nor a host crash or power loss loses it. An order is
 * journaled before it is sent, and an order sent but lost from the journal would not be
 * recognised when its command is resent after a restart: it could be placed twice. The price is
 * one fsync per commit (per order sent, per report), on the event-loop thread; WAL keeps it to
 * that one sequential append and sync. open() checks that both settings took effect.
 * <p>
 * Not thread safe: owned by the event-loop thread, like the tracker.
 */
public final class ExecJournal implements AutoCloseable
{
    private static final String[] SCHEMA = {
        "CREATE TABLE IF NOT EXISTS orders ("
            + "client_order_id TEXT PRIMARY KEY, venue_symbol TEXT NOT NULL, command_id INTEGER NOT NULL,"
            + " strategy_id INTEGER NOT NULL, side TEXT, order_type TEXT, time_in_force TEXT,"
            + " price INTEGER NOT NULL, qty INTEGER NOT NULL, venue_timestamp_ms INTEGER NOT NULL,"
            + " venue_order_id INTEGER NOT NULL, status TEXT NOT NULL, reported_cum_qty INTEGER NOT NULL,"
            + " reported_cum_quote_qty INTEGER NOT NULL, terminal INTEGER NOT NULL, foreign_order INTEGER NOT NULL)",
        "CREATE INDEX IF NOT EXISTS orders_open ON orders(terminal) WHERE terminal = 0",
        "CREATE TABLE IF NOT EXISTS reported_trades ("
            + "venue_symbol TEXT NOT NULL, trade_id INTEGER NOT NULL, client_order_id TEXT NOT NULL,"
            + " PRIMARY KEY (venue_symbol, trade_id))",
        // Added for fill replay: a journal written before has rows without them (never replayed).
        "ALTER TABLE reported_trades ADD COLUMN venue_order_id INTEGER",
        "ALTER TABLE reported_trades ADD COLUMN price INTEGER",
        "ALTER TABLE reported_trades ADD COLUMN qty INTEGER",
        "ALTER TABLE reported_trades ADD COLUMN quote_qty INTEGER",
        "ALTER TABLE reported_trades ADD COLUMN fee INTEGER",
        "ALTER TABLE reported_trades ADD COLUMN fee_asset TEXT",
        "ALTER TABLE reported_trades ADD COLUMN maker INTEGER",
        "ALTER TABLE reported_trades ADD COLUMN venue_time_ms INTEGER",
        "ALTER TABLE reported_trades ADD COLUMN cum_qty INTEGER",
        "ALTER TABLE reported_trades ADD COLUMN cum_quote_qty INTEGER",
        "CREATE INDEX IF NOT EXISTS reported_trades_order ON reported_trades(client_order_id)"
    };
    private static final String ORDER_COLUMNS = "client_order_id, venue_symbol, command_id, strategy_id, side, order_type,"
        + " time_in_force, price, qty, venue_timestamp_ms, venue_order_id, status, reported_cum_qty,"
        + " reported_cum_quote_qty, terminal, foreign_order";

    /** SQLite's value of PRAGMA synchronous for FULL. */
    static final int SYNCHRONOUS_FULL = 2;

    private final Path file;
    private final Connection connection;
    private final PreparedStatement insertOrder;
    private final PreparedStatement updateOrder;
    private final PreparedStatement insertTrade;
    private final PreparedStatement selectOrder;
    private final PreparedStatement selectOpenOrders;
    private final PreparedStatement selectTradeIds;
    private final PreparedStatement selectRecentFills;

    private ExecJournal(final Path file, final Connection connection) throws SQLException
    {
        this.file = file;
        this.connection = connection;
        insertOrder = connection.prepareStatement("INSERT INTO orders (" + ORDER_COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
        updateOrder = connection.prepareStatement("UPDATE orders SET venue_order_id = ?, status = ?, reported_cum_qty = ?,"
            + " reported_cum_quote_qty = ?, terminal = ? WHERE client_order_id = ?");
        insertTrade = connection.prepareStatement("INSERT OR IGNORE INTO reported_trades (venue_symbol, trade_id, client_order_id,"
            + " venue_order_id, price, qty, quote_qty, fee, fee_asset, maker, venue_time_ms, cum_qty, cum_quote_qty)"
            + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)");
        selectOrder = connection.prepareStatement("SELECT " + ORDER_COLUMNS + " FROM orders WHERE client_order_id = ?");
        selectOpenOrders = connection.prepareStatement("SELECT " + ORDER_COLUMNS + " FROM orders WHERE terminal = 0 ORDER BY rowid");
        selectTradeIds = connection.prepareStatement("SELECT trade_id FROM reported_trades WHERE client_order_id = ? ORDER BY trade_id");
        selectRecentFills = connection.prepareStatement("SELECT t.venue_symbol, t.trade_id, t.client_order_id, o.strategy_id, o.side,"
            + " o.order_type, o.time_in_force, o.price, o.qty, t.venue_order_id, t.price, t.qty, t.quote_qty, t.fee, t.fee_asset,"
            + " t.maker, t.venue_time_ms, o.status, o.reported_cum_qty, o.reported_cum_quote_qty"
            + " FROM reported_trades t JOIN orders o ON o.client_order_id = t.client_order_id"
            + " WHERE t.price IS NOT NULL ORDER BY t.rowid DESC LIMIT ?");
    }

    /**
     * Opens (creating it and its schema if missing) the journal at {@code file}.
     *
     * @throws JournalException if the file cannot be opened or is not an exec-handler journal
     */
    public static ExecJournal open(final Path file)
    {
        Connection connection = null;
        try
        {
            connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement statement = connection.createStatement())
            {
                requireSetting(statement, "PRAGMA journal_mode=WAL", "PRAGMA journal_mode", "wal");
                requireSetting(statement, "PRAGMA synchronous=FULL", "PRAGMA synchronous", String.valueOf(SYNCHRONOUS_FULL));
                for (final String ddl : SCHEMA)
                {
                    if (!ddl.startsWith("ALTER TABLE reported_trades ADD COLUMN ") || !hasColumn(statement, ddl.substring(39).split(" ")[0]))
                    {
                        statement.execute(ddl);
                    }
                }
            }
            connection.setAutoCommit(false);
            connection.commit();
            return new ExecJournal(file, connection);
        }
        catch (final SQLException ex)
        {
            closeQuietly(connection, ex);
            throw new JournalException("cannot open exec journal " + file + ": " + ex.getMessage(), ex);
        }
    }

    /** Where the journal lives, for messages. */
    public Path file()
    {
        return file;
    }

    /** Records a new order (ours before it is sent, or a foreign one when first seen). */
    void insertOrder(final TrackedOrder order)
    {
        try
        {
            insertOrder.setString(1, order.clientOrderId());
            insertOrder.setString(2, order.symbol().venueSymbol());
            insertOrder.setLong(3, order.commandId());
            insertOrder.setInt(4, order.strategyId());
            insertOrder.setString(5, nameOf(order.side()));
            insertOrder.setString(6, nameOf(order.orderType()));
            insertOrder.setString(7, nameOf(order.timeInForce()));
            insertOrder.setLong(8, order.price());
            insertOrder.setLong(9, order.qty());
            insertOrder.setLong(10, order.venueTimestampMs());
            insertOrder.setLong(11, order.venueOrderId());
            insertOrder.setString(12, order.status().name());
            insertOrder.setLong(13, order.cumQty());
            insertOrder.setLong(14, order.cumQuoteQty());
            insertOrder.setInt(15, order.isTerminal() ? 1 : 0);
            insertOrder.setInt(16, order.isForeign() ? 1 : 0);
            insertOrder.executeUpdate();
            connection.commit();
        }
        catch (final SQLException ex)
        {
            throw rollback("insert order " + order.clientOrderId(), ex);
        }
    }

    /** Records the order's reported state: status, venue order id, reported totals, terminal. */
    void updateOrder(final TrackedOrder order)
    {
        try
        {
            bindUpdate(order);
            updateOrder.executeUpdate();
            connection.commit();
        }
        catch (final SQLException ex)
        {
            throw rollback("update order " + order.clientOrderId(), ex);
        }
    }

    /**
     * Records a reported fill: its trade id and what its report said (so a snapshot can replay it,
     * see {@link #recentFills}), and the order's new reported state, in one transaction.
     */
    void recordFill(final TrackedOrder order, final VenueFill fill)
    {
        final long tradeId = fill.tradeId();
        try
        {
            insertTrade.setString(1, order.symbol().venueSymbol());
            insertTrade.setLong(2, tradeId);
            insertTrade.setString(3, order.clientOrderId());
            insertTrade.setLong(4, order.venueOrderId());
            insertTrade.setLong(5, fill.price());
            insertTrade.setLong(6, fill.qty());
            insertTrade.setLong(7, fill.quoteQty());
            insertTrade.setLong(8, fill.fee());
            insertTrade.setString(9, fill.feeAsset());
            insertTrade.setInt(10, fill.maker() ? 1 : 0);
            insertTrade.setLong(11, fill.venueTimeMs());
            insertTrade.setLong(12, order.cumQty());
            insertTrade.setLong(13, order.cumQuoteQty());
            insertTrade.executeUpdate();
            bindUpdate(order);
            updateOrder.executeUpdate();
            connection.commit();
        }
        catch (final SQLException ex)
        {
            throw rollback("record trade " + tradeId + " of " + order.clientOrderId(), ex);
        }
    }

    /** The order with this client order id, terminal or not, or null if the journal never saw it. */
    JournaledOrder findOrder(final String clientOrderId)
    {
        try
        {
            selectOrder.setString(1, clientOrderId);
            final JournaledOrder order;
            try (ResultSet rows = selectOrder.executeQuery())
            {
                order = rows.next() ? readOrder(rows) : null;
            }
            connection.commit();
            return order;
        }
        catch (final SQLException ex)
        {
            throw rollback("find order " + clientOrderId, ex);
        }
    }

    /** Every order not yet terminal, oldest first, with the trade ids already reported for it. */
    List<JournaledOrder> loadOpenOrders()
    {
        try
        {
            final List<JournaledOrder> orders = new ArrayList<>();
            try (ResultSet rows = selectOpenOrders.executeQuery())
            {
                while (rows.next())
                {
                    orders.add(readOrder(rows));
                }
            }
            connection.commit();
            return orders;
        }
        catch (final SQLException ex)
        {
            throw rollback("load open orders", ex);
        }
    }

    /**
     * The last {@code limit} fills reported (journaled with their content), oldest first, each with
     * its order's state as last reported (not as it was at that fill: a replay must not tell a
     * subscriber that a finished order is still working).
     */
    List<ReportedFill> recentFills(final int limit)
    {
        try
        {
            final List<ReportedFill> fills = new ArrayList<>();
            selectRecentFills.setInt(1, limit);
            try (ResultSet rows = selectRecentFills.executeQuery())
            {
                while (rows.next())
                {
                    fills.add(new ReportedFill(
                        rows.getString(1),
                        rows.getString(3),
                        rows.getInt(4),
                        enumOf(Side.class, rows.getString(5)),
                        enumOf(OrderType.class, rows.getString(6)),
                        enumOf(TimeInForce.class, rows.getString(7)),
                        rows.getLong(8),
                        rows.getLong(9),
                        rows.getLong(10),
                        OrdStatus.valueOf(rows.getString(18)),
                        rows.getLong(19),
                        rows.getLong(20),
                        new VenueFill(rows.getLong(2), rows.getLong(10), rows.getLong(11), rows.getLong(12), rows.getLong(13),
                            rows.getLong(14), rows.getString(15), rows.getInt(16) != 0, rows.getLong(17))));
                }
            }
            connection.commit();
            Collections.reverse(fills);
            return fills;
        }
        catch (final SQLException ex)
        {
            throw rollback("read recent fills", ex);
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
            throw new JournalException("cannot close exec journal " + file + ": " + ex.getMessage(), ex);
        }
    }

    private void bindUpdate(final TrackedOrder order) throws SQLException
    {
        updateOrder.setLong(1, order.venueOrderId());
        updateOrder.setString(2, order.status().name());
        updateOrder.setLong(3, order.cumQty());
        updateOrder.setLong(4, order.cumQuoteQty());
        updateOrder.setInt(5, order.isTerminal() ? 1 : 0);
        updateOrder.setString(6, order.clientOrderId());
    }

    private JournaledOrder readOrder(final ResultSet rows) throws SQLException
    {
        final String clientOrderId = rows.getString(1);
        return new JournaledOrder(
            clientOrderId,
            rows.getString(2),
            rows.getLong(3),
            rows.getInt(4),
            enumOf(Side.class, rows.getString(5)),
            enumOf(OrderType.class, rows.getString(6)),
            enumOf(TimeInForce.class, rows.getString(7)),
            rows.getLong(8),
            rows.getLong(9),
            rows.getLong(10),
            rows.getLong(11),
            OrdStatus.valueOf(rows.getString(12)),
            rows.getLong(13),
            rows.getLong(14),
            rows.getInt(15) != 0,
            rows.getInt(16) != 0,
            tradeIdsOf(clientOrderId));
    }

    private long[] tradeIdsOf(final String clientOrderId) throws SQLException
    {
        selectTradeIds.setString(1, clientOrderId);
        final List<Long> ids = new ArrayList<>();
        try (ResultSet rows = selectTradeIds.executeQuery())
        {
            while (rows.next())
            {
                ids.add(rows.getLong(1));
            }
        }
        final long[] tradeIds = new long[ids.size()];
        for (int i = 0; i < tradeIds.length; i++)
        {
            tradeIds[i] = ids.get(i);
        }
        return tradeIds;
    }

    private JournalException rollback(final String what, final SQLException cause)
    {
        try
        {
            connection.rollback();
        }
        catch (final SQLException rollbackFailure)
        {
            cause.addSuppressed(rollbackFailure);
        }
        return new JournalException("exec journal " + file + ": cannot " + what + ": " + cause.getMessage(), cause);
    }

    /** The connection's PRAGMA synchronous level (0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA). */
    int synchronousLevel()
    {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("PRAGMA synchronous"))
        {
            return rows.getInt(1);
        }
        catch (final SQLException ex)
        {
            throw new JournalException("exec journal " + file + ": cannot read PRAGMA synchronous: " + ex.getMessage(), ex);
        }
    }

    private static boolean hasColumn(final Statement statement, final String column) throws SQLException
    {
        try (ResultSet rows = statement.executeQuery("PRAGMA table_info(reported_trades)"))
        {
            while (rows.next())
            {
                if (column.equals(rows.getString("name")))
                {
                    return true;
                }
            }
            return false;
        }
    }

    private static void requireSetting(final Statement statement, final String set, final String query, final String expected)
        throws SQLException
    {
        statement.execute(set);
        try (ResultSet rows = statement.executeQuery(query))
        {
            final String actual = rows.next() ? rows.getString(1) : null;
            if (!expected.equalsIgnoreCase(actual))
            {
                throw new SQLException(set + " did not take effect: " + query + " is " + actual + ", the journal's durability needs " + expected);
            }
        }
    }

    private static String nameOf(final Enum<?> value)
    {
        return value == null ? null : value.name();
    }

    private static <E extends Enum<E>> E enumOf(final Class<E> type, final String name)
    {
        return name == null ? null : Enum.valueOf(type, name);
    }

    private static void closeQuietly(final Connection connection, final SQLException failure)
    {
        if (connection != null)
        {
            try
            {
                connection.close();
            }
            catch (final SQLException ex)
            {
                failure.addSuppressed(ex);
            }
        }
    }
}
