package io.mmfleet.positionserver;

import io.mmfleet.sbe.Liquidity;
import io.mmfleet.sbe.RiskAction;
import io.mmfleet.sbe.RiskEventType;
import io.mmfleet.sbe.Severity;
import io.mmfleet.sbe.Side;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.mmfleet.positionserver.TestFills.buy;
import static io.mmfleet.positionserver.TestFills.sell;
import static io.mmfleet.positionserver.TestFills.units;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReconcilerTest
{
    private static final long SECOND = 1_000_000_000L;
    private static final long T0 = 1_700_000_000_000_000_000L;

    @TempDir
    Path dir;
    private FillLedger ledger;
    private Reconciler reconciler;
    private long snapshotId;

    @BeforeEach
    void open()
    {
        ledger = FillLedger.open("jdbc:sqlite:" + dir.resolve("ledger.db"));
        reconciler = new Reconciler(ledger, units("0.0001"), Duration.ofSeconds(10));
    }

    @AfterEach
    void close()
    {
        ledger.close();
    }

    /** The venue's view of a fill: what its trade list says. */
    private static AccountSnapshotView.Trade listed(final Fill fill)
    {
        return new AccountSnapshotView.Trade(fill.instrumentId(), fill.tradeId(), fill.venueOrderId(), null, fill.price(), fill.qty(),
            fill.quoteQty(), fill.fee(), fill.feeAsset(), fill.liquidity(), fill.venueTimeNs());
    }

    private AccountSnapshotView snapshot(final long venueTimeNs, final List<AccountSnapshotView.Balance> balances, final AccountSnapshotView.Trade... trades)
    {
        return new AccountSnapshotView(1, ++snapshotId, venueTimeNs, balances, List.of(trades));
    }

    private static AccountSnapshotView.Balance balance(final String asset, final String free, final String locked)
    {
        return new AccountSnapshotView.Balance(asset, units(free), units(locked));
    }

    private static Fill at(final TestFills.Builder builder, final long venueTimeNs)
    {
        final Fill fill = builder.build();
        return new Fill(fill.venueId(), fill.instrumentId(), fill.tradeId(), fill.venueOrderId(), fill.clientOrderId(), fill.strategyId(),
            fill.side(), fill.price(), fill.qty(), fill.quoteQty(), fill.fee(), fill.feeAsset(), fill.baseAsset(), fill.quoteAsset(),
            fill.liquidity(), venueTimeNs, fill.execRunId(), fill.execSequence());
    }

    @Test
    void aSnapshotThatAgreesWithTheLedgerGivesNothing()
    {
        final Fill first = at(buy(101, "1", "100").fee("0.001", "ETH"), T0);
        final Fill second = at(sell(102, "0.5", "110").fee("0.055", "USDT").maker(), T0 + SECOND);
        ledger.insert(first);
        ledger.insert(second);
        assertEquals(List.of(), reconciler.reconcile(snapshot(T0 + 60 * SECOND, List.of(), listed(first), listed(second))));
        assertEquals(0, reconciler.pendingTradeCount());
    }

    @Test
    void aTradeTheLedgerLacksPastTheGraceIsMissing()
    {
        final Fill known = at(buy(101, "1", "100"), T0);
        final Fill unknown = at(sell(102, "0.25", "105").strategy(9), T0 + SECOND);
        ledger.insert(known);
        final List<Discrepancy> found = reconciler.reconcile(snapshot(T0 + 11 * SECOND, List.of(), listed(known), listed(unknown)));
        assertEquals(1, found.size());
        final Discrepancy missing = found.get(0);
        assertEquals(Discrepancy.Kind.MISSING_TRADE, missing.kind());
        assertEquals(RiskEventType.RECONCILIATION_MISMATCH, missing.eventType());
        assertEquals(Severity.CRITICAL, missing.severity());
        assertEquals(RiskAction.PAUSE_STRATEGY, missing.action());
        assertEquals(102, missing.tradeId());
        assertEquals(1, missing.instrumentId());
        assertEquals(0, missing.strategyId(), "the venue's list does not say whose it was");
        assertEquals(units("0.25"), missing.observed());
        assertEquals("venue 1 lists trade 102 of order 1102 (0.25 @ 105) of instrument 1 that the ledger lacks", missing.text());
        assertEquals(1, ledger.count(), "reported, never written into the ledger");
    }

    @Test
    void aYoungMissingTradeThatArrivesWithinTheGraceIsNotReported()
    {
        final Fill late = at(buy(101, "1", "100"), T0);
        assertEquals(List.of(), reconciler.reconcile(snapshot(T0 + 2 * SECOND, List.of(), listed(late))));
        assertEquals(1, reconciler.pendingTradeCount());
        ledger.insert(late);
        assertEquals(List.of(), reconciler.reconcile(snapshot(T0 + 30 * SECOND, List.of())));
        assertEquals(0, reconciler.pendingTradeCount());
    }

    @Test
    void aYoungMissingTradeStillMissingAfterTheGraceIsReportedOnce()
    {
        final Fill lost = at(buy(101, "1", "100"), T0);
        assertEquals(List.of(), reconciler.reconcile(snapshot(T0 + 2 * SECOND, List.of(), listed(lost))));
        assertEquals(List.of(), reconciler.reconcile(snapshot(T0 + 9 * SECOND, List.of())), "still inside the grace");
        final List<Discrepancy> found = reconciler.reconcile(snapshot(T0 + 10 * SECOND, List.of()));
        assertEquals(List.of(Discrepancy.Kind.MISSING_TRADE), found.stream().map(Discrepancy::kind).toList());
        assertEquals(List.of(), reconciler.reconcile(snapshot(T0 + 40 * SECOND, List.of())));
        assertEquals(0, reconciler.pendingTradeCount());
    }

    @Test
    void aPendingTradeListedAgainIsCheckedOnce()
    {
        final Fill trade = at(buy(101, "1", "100"), T0);
        reconciler.reconcile(snapshot(T0 + SECOND, List.of(), listed(trade)));
        final List<Discrepancy> found = reconciler.reconcile(snapshot(T0 + 20 * SECOND, List.of(), listed(trade)));
        assertEquals(1, found.size(), found.toString());
        assertEquals(0, reconciler.pendingTradeCount());
    }

    @Test
    void aLedgerFillInsideTheListedWindowThatTheVenueLacksIsExtra()
    {
        final Fill first = at(buy(101, "1", "100"), T0);
        final Fill phantom = at(sell(102, "1", "101").strategy(8), T0);
        final Fill last = at(buy(103, "1", "100"), T0);
        final Fill newer = at(buy(104, "1", "100"), T0 + 20 * SECOND);
        final Fill otherInstrument = at(buy(102, "1", "30000").instrument(2), T0);
        for (final Fill fill : List.of(first, phantom, last, newer, otherInstrument))
        {
            ledger.insert(fill);
        }
        final List<Discrepancy> found = reconciler.reconcile(snapshot(T0 + 15 * SECOND, List.of(), listed(first), listed(last)));
        assertEquals(1, found.size(), "trade 104 is past the window, instrument 2 was not listed: " + found);
        final Discrepancy extra = found.get(0);
        assertEquals(Discrepancy.Kind.EXTRA_TRADE, extra.kind());
        assertEquals(102, extra.tradeId());
        assertEquals(8, extra.strategyId());
        assertEquals(units("1"), extra.observed());
        assertTrue(extra.text().contains("does not list among its trades 101..103 of instrument 1"), extra.text());
        assertEquals(5, ledger.count());
    }

    @Test
    void aTradeWithOtherContentIsAMismatchNamingEachDifference()
    {
        final Fill recorded = at(buy(101, "1", "100").fee("0.1", "USDT"), T0);
        ledger.insert(recorded);
        final AccountSnapshotView.Trade venue = new AccountSnapshotView.Trade(1, 101, recorded.venueOrderId(), Side.SELL, recorded.price(),
            units("1.1"), units("110"), units("0.11"), "USDT", Liquidity.MAKER, T0);
        final List<Discrepancy> found = reconciler.reconcile(snapshot(T0 + SECOND, List.of(), venue));
        assertEquals(1, found.size());
        assertEquals(Discrepancy.Kind.TRADE_MISMATCH, found.get(0).kind());
        assertEquals(TestFills.STRATEGY, found.get(0).strategyId());
        assertEquals("trade 101 of order 1101 differs between venue 1 and the ledger: qty venue=1.1 ledger=1 quoteQty venue=110 ledger=100" +
            " fee venue=0.11 ledger=0.1 liquidity venue=MAKER ledger=TAKER side venue=SELL ledger=BUY", found.get(0).text());
    }

    @Test
    void balancesMustMoveAsTheLedgersFillsMovedThem()
    {
        // Baseline: 50 ETH (one locked in an order), 100000 USDT.
        assertEquals(List.of(), reconciler.reconcile(snapshot(T0, List.of(balance("ETH", "49", "1"), balance("USDT", "100000", "0")))));
        // Bought 2 ETH at 100 paying 0.002 ETH: +1.998 ETH, -200 USDT.
        ledger.insert(at(buy(101, "2", "100").fee("0.002", "ETH"), T0 + SECOND));
        assertEquals(List.of(), reconciler.reconcile(snapshot(T0 + 2 * SECOND, List.of(balance("ETH", "51.998", "0"), balance("USDT", "99800", "0")))));
        // Within the tolerance (0.0001).
        assertEquals(List.of(), reconciler.reconcile(snapshot(T0 + 3 * SECOND, List.of(balance("ETH", "51.9981", "0"), balance("USDT", "99799.9999", "0")))));
    }

    @Test
    void aBalanceDriftBeyondTheToleranceIsReportedOnceItOutlastsTheGraceAndAgainWhenItChanges()
    {
        reconciler.reconcile(snapshot(T0, List.of(balance("ETH", "50", "0"), balance("USDT", "100000", "0"))));
        final List<AccountSnapshotView.Balance> drifted = List.of(balance("ETH", "50.0002", "0"), balance("USDT", "100000", "0"));
        assertEquals(List.of(), reconciler.reconcile(snapshot(T0 + SECOND, drifted)), "first seen: inside the grace");
        assertEquals(List.of(), reconciler.reconcile(snapshot(T0 + 10 * SECOND, drifted)));
        final List<Discrepancy> found = reconciler.reconcile(snapshot(T0 + 11 * SECOND, drifted));
        assertEquals(1, found.size());
        final Discrepancy drift = found.get(0);
        assertEquals(Discrepancy.Kind.BALANCE_DRIFT, drift.kind());
        assertEquals(Severity.WARNING, drift.severity());
        assertEquals(RiskAction.NONE, drift.action());
        assertEquals("ETH", drift.asset());
        assertEquals(units("0.0002"), drift.observed());
        assertEquals(units("0.0001"), drift.threshold());
        assertEquals("venue 1 ETH balance 50.0002 moved 0.0002 since the baseline, the ledger's fills account for 0: drift 0.0002" +
            " beyond tolerance 0.0001", drift.text());
        assertEquals(List.of(), reconciler.reconcile(snapshot(T0 + 20 * SECOND, drifted)), "the same drift is not repeated");
        final List<Discrepancy> grown = reconciler.reconcile(snapshot(T0 + 21 * SECOND, List.of(balance("ETH", "49.9", "0"))));
        assertEquals(List.of(units("-0.1")), grown.stream().map(Discrepancy::observed).toList());
        assertEquals(List.of(), reconciler.reconcile(snapshot(T0 + 22 * SECOND, List.of(balance("ETH", "50", "0")))), "back in line");
        assertEquals(List.of(), reconciler.reconcile(snapshot(T0 + 23 * SECOND, List.of(balance("ETH", "49.9", "0")))), "a new drift waits out the grace again");
    }

    @Test
    void aDriftWithAZeroGraceIsReportedAtOnceAndAMissingFillShowsInTheBalanceToo()
    {
        final Reconciler strict = new Reconciler(ledger, 0, Duration.ZERO);
        strict.reconcile(snapshot(T0, List.of(balance("USDT", "1000", "0"))));
        final Fill lost = at(sell(101, "1", "100"), T0 + SECOND);
        final List<Discrepancy> found = strict.reconcile(snapshot(T0 + SECOND, List.of(balance("USDT", "1100", "0")), listed(lost)));
        assertEquals(List.of(Discrepancy.Kind.MISSING_TRADE, Discrepancy.Kind.BALANCE_DRIFT), found.stream().map(Discrepancy::kind).toList());
        assertEquals(units("100"), found.get(1).observed());
    }

    @Test
    void snapshotsOfAnotherVenueNeitherResolveNorAgePendingTrades()
    {
        final Fill trade = at(buy(101, "1", "100"), T0);
        reconciler.reconcile(snapshot(T0 + SECOND, List.of(), listed(trade)));
        assertEquals(List.of(), reconciler.reconcile(new AccountSnapshotView(2, 99, T0 + 100 * SECOND, List.of(), List.of())));
        assertEquals(1, reconciler.pendingTradeCount());
    }

    @Test
    void aRebaselineAcceptsTheBalancesAsTheyAreNow()
    {
        reconciler.reconcile(snapshot(T0, List.of(balance("USDT", "1000", "0"))));
        final List<AccountSnapshotView.Balance> deposited = List.of(balance("USDT", "1500", "0"));
        reconciler.reconcile(snapshot(T0 + SECOND, deposited));
        assertEquals(1, reconciler.reconcile(snapshot(T0 + 20 * SECOND, deposited)).size(), "a deposit is a drift the fills cannot explain");
        reconciler.rebaseline();
        assertEquals(List.of(), reconciler.reconcile(snapshot(T0 + 21 * SECOND, deposited)));
        ledger.insert(at(buy(101, "1", "100"), T0 + 22 * SECOND));
        assertEquals(List.of(), reconciler.reconcile(snapshot(T0 + 23 * SECOND, List.of(balance("USDT", "1400", "0")))),
            "fills after the new baseline are accounted from it");
    }

    @Test
    void newLimitsKeepTheBaselines()
    {
        reconciler.reconcile(snapshot(T0, List.of(balance("ETH", "50", "0"))));
        final List<AccountSnapshotView.Balance> drifted = List.of(balance("ETH", "50.5", "0"));
        assertEquals(List.of(), reconciler.reconcile(snapshot(T0 + SECOND, drifted)));
        reconciler.limits(units("1"), Duration.ZERO);
        assertEquals(List.of(), reconciler.reconcile(snapshot(T0 + 2 * SECOND, drifted)), "0.5 is within the new tolerance");
        reconciler.limits(units("0.1"), Duration.ZERO);
        assertEquals(List.of(units("0.5")), reconciler.reconcile(snapshot(T0 + 3 * SECOND, drifted)).stream().map(Discrepancy::observed).toList(),
            "measured against the baseline taken before the reload");
        assertThrows(IllegalArgumentException.class, () -> reconciler.limits(-1, Duration.ZERO));
    }

    @Test
    void aNegativeToleranceOrGraceIsRefused()
    {
        assertThrows(IllegalArgumentException.class, () -> new Reconciler(ledger, -1, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new Reconciler(ledger, 0, Duration.ofSeconds(-1)));
    }

    @Test
    void reconciliationNeverChangesTheLedgerOrTheBook()
    {
        final Fill recorded = at(buy(101, "1", "100"), T0);
        ledger.insert(recorded);
        final PositionBook before = PositionBook.rebuild(ledger);
        final List<AccountSnapshotView.Trade> trades = new ArrayList<>();
        trades.add(new AccountSnapshotView.Trade(1, 101, recorded.venueOrderId(), null, recorded.price(), units("5"), units("500"), 0, "USDT",
            Liquidity.TAKER, T0));
        trades.add(listed(at(sell(102, "3", "100"), T0)));
        final List<Discrepancy> found = reconciler.reconcile(new AccountSnapshotView(1, 1, T0 + 60 * SECOND, List.of(), trades));
        assertEquals(2, found.size());
        assertEquals(1, ledger.count());
        assertEquals(recorded, ledger.find(1, 1, 101, recorded.venueOrderId()).orElseThrow());
        assertEquals(before.snapshots(), PositionBook.rebuild(ledger).snapshots());
    }
}
