package io.mmfleet.positionserver;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * The text {@code bin/position-server report} prints: positions and PnL from the ledger alone (no
 * bus), so it works with the daemon stopped. Without the bus there is no mid, so unrealized PnL is
 * marked to the last fill price (the "mark" column says which); the DeFi residual is not known
 * either, so net inventory is the CeFi position only.
 */
public final class PositionReport
{
    private static final String ROW = "%-6s %-10s %-8s %16s %16s %18s %16s %18s %16s %-4s %14s %14s %7s %s%n";
    private static final String FEE_ROW = "%-6s %-10s %-8s %-10s %18s %18s%n";
    private static final String TOTAL_ROW = "%-10s %18s %18s %18s%n";

    private final IntFunction<String> instrumentNames;

    /** @param instrumentNames name of an instrument id (from {@code [instruments]}); may return null for an unknown id. */
    public PositionReport(final IntFunction<String> instrumentNames)
    {
        this.instrumentNames = instrumentNames;
    }

    /** Rebuilds the positions from every fill of the ledger and renders them. */
    public String render(final FillLedger ledger)
    {
        return render(PositionBook.rebuild(ledger), ledger.url(), ledger.count());
    }

    /**
     * @param source    where the fills came from (the ledger's URL), for the header.
     * @param fillCount fills in the ledger, for the header.
     */
    public String render(final PositionBook book, final String source, final long fillCount)
    {
        final List<PositionSnapshot> positions = book.snapshots();
        final StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "positions from %s: %d fills, %d positions%n", source, fillCount, positions.size()));
        if (positions.isEmpty())
        {
            out.append("no fills recorded\n");
            return out.toString();
        }
        out.append(String.format(Locale.ROOT, ROW, "venue", "instrument", "strategy", "position", "avg_cost", "realized_pnl",
            "fee_cost", "unrealized_pnl", "mark", "", "maker_volume", "taker_volume", "fills", "last_exec_run/seq"));
        final Map<String, long[]> totals = new TreeMap<>();
        for (final PositionSnapshot p : positions)
        {
            out.append(String.format(Locale.ROOT, ROW, p.venueId(), instrumentName(p.instrumentId()), p.strategyId(),
                FixedPoint.format(p.position()), FixedPoint.format(p.avgCost()), FixedPoint.format(p.realizedPnl()),
                FixedPoint.format(p.feeCost()), FixedPoint.format(p.unrealizedPnl()), FixedPoint.format(p.markPrice()),
                p.markIsMid() ? "mid" : "fill", FixedPoint.format(p.makerVolume()), FixedPoint.format(p.takerVolume()),
                p.fillCount(), p.execRunId() + "/" + p.execSequence()));
            final long[] total = totals.computeIfAbsent(p.quoteAsset(), asset -> new long[2]);
            total[0] = Math.addExact(total[0], p.realizedPnl());
            total[1] = Math.addExact(total[1], p.unrealizedPnl());
        }

        out.append("\nfees by asset (realized PnL includes those in the base or quote asset, valued at the fill price)\n");
        out.append(String.format(Locale.ROOT, FEE_ROW, "venue", "instrument", "strategy", "asset", "maker", "taker"));
        for (final PositionSnapshot p : positions)
        {
            for (final FeeTotal fee : p.fees())
            {
                out.append(String.format(Locale.ROOT, FEE_ROW, p.venueId(), instrumentName(p.instrumentId()), p.strategyId(),
                    fee.asset(), FixedPoint.format(fee.makerFee()), FixedPoint.format(fee.takerFee())));
            }
        }

        out.append("\nPnL by quote asset\n");
        out.append(String.format(Locale.ROOT, TOTAL_ROW, "asset", "realized_pnl", "unrealized_pnl", "total_pnl"));
        for (final Map.Entry<String, long[]> total : totals.entrySet())
        {
            out.append(String.format(Locale.ROOT, TOTAL_ROW, total.getKey(), FixedPoint.format(total.getValue()[0]),
                FixedPoint.format(total.getValue()[1]), FixedPoint.format(Math.addExact(total.getValue()[0], total.getValue()[1]))));
        }

        out.append("\nnet CeFi inventory by instrument (DeFi residual not known without the bus)\n");
        for (final int instrumentId : book.instrumentIds())
        {
            out.append(String.format(Locale.ROOT, "%-10s %18s%n", instrumentName(instrumentId), FixedPoint.format(book.netQuantity(instrumentId))));
        }
        return out.toString();
    }

    private String instrumentName(final int instrumentId)
    {
        final String name = instrumentNames.apply(instrumentId);
        return name == null ? "#" + instrumentId : name;
    }
}
