package io.mmfleet.positionserver;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Compares the fills ledger with what the venue says in an AccountSnapshot, and turns each
 * difference into a {@link Discrepancy} for a RiskEvent. It only reads the ledger: a difference is
 * reported, never repaired.
 * <p>
 * Trades: per instrument, the snapshot lists the account's trades over a window of trade ids
 * (lowest to highest listed). A listed trade the ledger lacks is missing; a ledger fill inside the
 * window that the list lacks is extra; one in both with other price, quantity, quote amount, fee,
 * fee asset, liquidity or side is a mismatch. The venue's REST trade list can get ahead of the
 * execution stream, so a missing trade younger than the grace (on the venue's clock) is held and
 * checked again at each later snapshot of its venue until it shows up or the grace runs out.
 * <p>
 * Balances: the ledger cannot know the account's starting balances, so the first snapshot of each
 * (venue, asset) after start is the baseline. From then on the balance (free + locked) must have
 * moved as the ledger's fills moved the asset ({@link FillLedger#assetFlows}); a drift beyond the
 * tolerance that lasts the grace is reported, and again whenever its amount changes. Baselines live in
 * memory: a restart (or {@link #rebaseline}) takes new ones, so a drift that arose while the
 * position-server was down is not seen; missing and extra trades still are.
 * <p>
 * Not thread safe.
 */
public final class Reconciler
{
    private final FillLedger ledger;
    private long tolerance;
    private long graceNs;
    private final Map<String, PendingTrade> pendingTrades = new LinkedHashMap<>();
    private final Map<String, long[]> baselines = new HashMap<>();
    private final Map<String, Long> driftSinceNs = new HashMap<>();
    private final Map<String, Long> reportedDrift = new HashMap<>();

    private record PendingTrade(int venueId, AccountSnapshotView.Trade trade)
    {
    }

    /**
     * @param tolerance balance drift allowed, at {@link FixedPoint#SCALE} in each asset's units.
     * @param grace     how long a missing trade or a balance drift may last before it is reported.
     */
    public Reconciler(final FillLedger ledger, final long tolerance, final Duration grace)
    {
        this.ledger = ledger;
        limits(tolerance, grace);
    }

    /**
     * Takes new limits (an INI reload) without losing the baselines and the trades held: they
     * apply from the next snapshot on.
     */
    public void limits(final long tolerance, final Duration grace)
    {
        if (tolerance < 0 || grace.isNegative())
        {
            throw new IllegalArgumentException("tolerance and grace must not be negative: " + tolerance + ", " + grace);
        }
        this.tolerance = tolerance;
        this.graceNs = grace.toNanos();
    }

    /**
     * Checks one snapshot, then the trades held from earlier snapshots of its venue.
     *
     * @return the differences found, trades in the snapshot's order, then held trades, then balances.
     */
    public List<Discrepancy> reconcile(final AccountSnapshotView snapshot)
    {
        final List<Discrepancy> found = new ArrayList<>();
        checkTrades(snapshot, found);
        recheckPending(snapshot, found);
        checkBalances(snapshot, found);
        return found;
    }

    /**
     * Forgets the balance baselines, so the next snapshot of each (venue, asset) sets a new one: for
     * after an operator has explained a drift (a deposit, a withdrawal, a transfer), which the
     * ledger's fills can never account for. Trades held inside their grace are kept.
     */
    public void rebaseline()
    {
        baselines.clear();
        driftSinceNs.clear();
        reportedDrift.clear();
    }

    /** Trades listed by the venue, missing from the ledger, still inside their grace. */
    public int pendingTradeCount()
    {
        return pendingTrades.size();
    }

    private void recheckPending(final AccountSnapshotView snapshot, final List<Discrepancy> found)
    {
        final Iterator<PendingTrade> pending = pendingTrades.values().iterator();
        while (pending.hasNext())
        {
            final PendingTrade held = pending.next();
            if (held.venueId() != snapshot.venueId())
            {
                continue;
            }
            final AccountSnapshotView.Trade trade = held.trade();
            final Optional<Fill> recorded = ledger.find(held.venueId(), trade.instrumentId(), trade.tradeId(), trade.venueOrderId());
            if (recorded.isPresent())
            {
                compare(held.venueId(), trade, recorded.get(), found);
                pending.remove();
            }
            else if (snapshot.venueTimeNs() - trade.venueTimeNs() >= graceNs)
            {
                found.add(missing(held.venueId(), trade));
                pending.remove();
            }
        }
    }

    private void checkTrades(final AccountSnapshotView snapshot, final List<Discrepancy> found)
    {
        final int venueId = snapshot.venueId();
        final TreeMap<Integer, List<AccountSnapshotView.Trade>> byInstrument = new TreeMap<>();
        for (final AccountSnapshotView.Trade trade : snapshot.trades())
        {
            byInstrument.computeIfAbsent(trade.instrumentId(), id -> new ArrayList<>()).add(trade);
        }
        for (final Map.Entry<Integer, List<AccountSnapshotView.Trade>> entry : byInstrument.entrySet())
        {
            final int instrumentId = entry.getKey();
            final List<AccountSnapshotView.Trade> listed = entry.getValue();
            long fromTradeId = Long.MAX_VALUE;
            long toTradeId = Long.MIN_VALUE;
            final Map<String, AccountSnapshotView.Trade> listedByKey = new LinkedHashMap<>();
            for (final AccountSnapshotView.Trade trade : listed)
            {
                fromTradeId = Math.min(fromTradeId, trade.tradeId());
                toTradeId = Math.max(toTradeId, trade.tradeId());
                listedByKey.put(tradeKey(venueId, instrumentId, trade.tradeId(), trade.venueOrderId()), trade);
            }
            final Map<String, Fill> recordedByKey = new LinkedHashMap<>();
            for (final Fill fill : ledger.fillsWithTradeIds(venueId, instrumentId, fromTradeId, toTradeId))
            {
                recordedByKey.put(tradeKey(venueId, instrumentId, fill.tradeId(), fill.venueOrderId()), fill);
            }
            for (final Map.Entry<String, AccountSnapshotView.Trade> trade : listedByKey.entrySet())
            {
                final Fill recorded = recordedByKey.get(trade.getKey());
                if (recorded != null)
                {
                    pendingTrades.remove(trade.getKey());
                    compare(venueId, trade.getValue(), recorded, found);
                }
                else if (snapshot.venueTimeNs() - trade.getValue().venueTimeNs() >= graceNs)
                {
                    pendingTrades.remove(trade.getKey());
                    found.add(missing(venueId, trade.getValue()));
                }
                else
                {
                    pendingTrades.put(trade.getKey(), new PendingTrade(venueId, trade.getValue()));
                }
            }
            for (final Map.Entry<String, Fill> recorded : recordedByKey.entrySet())
            {
                if (!listedByKey.containsKey(recorded.getKey()))
                {
                    final Fill fill = recorded.getValue();
                    found.add(new Discrepancy(Discrepancy.Kind.EXTRA_TRADE, venueId, instrumentId, fill.strategyId(), "",
                        fill.tradeId(), fill.qty(), 0,
                        "the ledger holds trade " + fill.tradeId() + " of order " + fill.venueOrderId() + " (" + fill.side() + " " +
                        FixedPoint.format(fill.qty()) + " @ " + FixedPoint.format(fill.price()) + ") that venue " + venueId +
                        " does not list among its trades " + fromTradeId + ".." + toTradeId + " of instrument " + instrumentId));
                }
            }
        }
    }

    private void checkBalances(final AccountSnapshotView snapshot, final List<Discrepancy> found)
    {
        if (snapshot.balances().isEmpty())
        {
            return;
        }
        final int venueId = snapshot.venueId();
        final TreeMap<String, Long> flows = ledger.assetFlows(venueId);
        for (final AccountSnapshotView.Balance balance : snapshot.balances())
        {
            final String key = venueId + "/" + balance.asset();
            final long total = balance.total();
            final long flow = flows.getOrDefault(balance.asset(), 0L);
            final long[] baseline = baselines.get(key);
            if (baseline == null)
            {
                baselines.put(key, new long[] { total, flow });
                continue;
            }
            final long drift = Math.subtractExact(Math.subtractExact(total, baseline[0]), Math.subtractExact(flow, baseline[1]));
            if (Math.abs(drift) <= tolerance)
            {
                driftSinceNs.remove(key);
                reportedDrift.remove(key);
                continue;
            }
            final long since = driftSinceNs.computeIfAbsent(key, k -> snapshot.venueTimeNs());
            final Long reported = reportedDrift.get(key);
            if (snapshot.venueTimeNs() - since >= graceNs && (reported == null || reported != drift))
            {
                reportedDrift.put(key, drift);
                found.add(new Discrepancy(Discrepancy.Kind.BALANCE_DRIFT, venueId, 0, 0, balance.asset(), 0, drift, tolerance,
                    "venue " + venueId + " " + balance.asset() + " balance " + FixedPoint.format(total) + " moved " +
                    FixedPoint.format(Math.subtractExact(total, baseline[0])) + " since the baseline, the ledger's fills account for " +
                    FixedPoint.format(Math.subtractExact(flow, baseline[1])) + ": drift " + FixedPoint.format(drift) +
                    " beyond tolerance " + FixedPoint.format(tolerance)));
            }
        }
    }

    private static void compare(final int venueId, final AccountSnapshotView.Trade listed, final Fill recorded, final List<Discrepancy> found)
    {
        final StringBuilder differences = new StringBuilder();
        difference(differences, "price", listed.price(), recorded.price());
        difference(differences, "qty", listed.qty(), recorded.qty());
        difference(differences, "quoteQty", listed.quoteQty(), recorded.quoteQty());
        difference(differences, "fee", listed.fee(), recorded.fee());
        if (!listed.feeAsset().equals(recorded.feeAsset()))
        {
            differences.append(" feeAsset venue=").append(listed.feeAsset()).append(" ledger=").append(recorded.feeAsset());
        }
        if (listed.liquidity() != recorded.liquidity())
        {
            differences.append(" liquidity venue=").append(listed.liquidity()).append(" ledger=").append(recorded.liquidity());
        }
        if (listed.side() != null && listed.side() != recorded.side())
        {
            differences.append(" side venue=").append(listed.side()).append(" ledger=").append(recorded.side());
        }
        if (differences.length() > 0)
        {
            found.add(new Discrepancy(Discrepancy.Kind.TRADE_MISMATCH, venueId, recorded.instrumentId(), recorded.strategyId(), "",
                recorded.tradeId(), listed.qty(), 0,
                "trade " + recorded.tradeId() + " of order " + recorded.venueOrderId() + " differs between venue " + venueId +
                " and the ledger:" + differences));
        }
    }

    private static void difference(final StringBuilder differences, final String field, final long venue, final long ledger)
    {
        if (venue != ledger)
        {
            differences.append(' ').append(field).append(" venue=").append(FixedPoint.format(venue))
                .append(" ledger=").append(FixedPoint.format(ledger));
        }
    }

    private static Discrepancy missing(final int venueId, final AccountSnapshotView.Trade trade)
    {
        return new Discrepancy(Discrepancy.Kind.MISSING_TRADE, venueId, trade.instrumentId(), 0, "", trade.tradeId(), trade.qty(), 0,
            "venue " + venueId + " lists trade " + trade.tradeId() + " of order " + trade.venueOrderId() + " (" +
            (trade.side() == null ? "" : trade.side() + " ") + FixedPoint.format(trade.qty()) + " @ " + FixedPoint.format(trade.price()) +
            ") of instrument " + trade.instrumentId() + " that the ledger lacks");
    }

    private static String tradeKey(final int venueId, final int instrumentId, final long tradeId, final long venueOrderId)
    {
        return venueId + "/" + instrumentId + "/" + tradeId + "/" + venueOrderId;
    }
}
