package io.mmfleet.positionserver;

import io.mmfleet.sbe.Liquidity;
import io.mmfleet.sbe.Side;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A book rebuilt from the ledger after a restart equals the book that was running. */
class RestartRebuildTest
{
    private static final long SEED = 20261121L;
    private static final String[] FEE_ASSETS = { "USDT", "ETH", "BNB" };

    @TempDir
    Path dir;

    @Test
    void theRebuiltBookEqualsTheRunningOneFillForFill()
    {
        final String url = "jdbc:sqlite:" + dir.resolve("ledger.db");
        final PositionBook running = new PositionBook();
        final List<Fill> sent = new ArrayList<>();
        int applied = 0;
        int duplicates = 0;
        try (FillLedger ledger = FillLedger.open(url))
        {
            final SplittableRandom random = new SplittableRandom(SEED);
            for (int i = 1; i <= 400; i++)
            {
                final Fill fill;
                if (!sent.isEmpty() && random.nextInt(5) == 0)
                {
                    // A replayed report: the same fill, carried by a later report.
                    final Fill earlier = sent.get(random.nextInt(sent.size()));
                    fill = withExec(earlier, earlier.execRunId(), 10_000 + i);
                }
                else
                {
                    fill = randomFill(random, i);
                }
                sent.add(fill);
                if (ledger.insert(fill).isNew())
                {
                    running.apply(fill);
                    applied++;
                }
                else
                {
                    duplicates++;
                }
            }
            assertEquals(applied, ledger.count());

            // Rebuilt while the running ledger is still open, as after a kill -9: commits are there.
            final PositionBook afterKill;
            try (FillLedger reader = FillLedger.open(url))
            {
                afterKill = PositionBook.rebuild(reader);
            }
            assertEquals(running.snapshots(), afterKill.snapshots());
        }
        assertTrue(duplicates > 50, "the run replayed fills: " + duplicates);
        assertTrue(running.size() >= 8, "several positions: " + running.size());

        final PositionBook rebuilt;
        try (FillLedger ledger = FillLedger.open(url))
        {
            rebuilt = PositionBook.rebuild(ledger);
        }
        assertEquals(running.snapshots(), rebuilt.snapshots());
        for (int venueId = 1; venueId <= 2; venueId++)
        {
            assertEquals(running.execRunId(venueId), rebuilt.execRunId(venueId));
            assertEquals(running.execSequence(venueId), rebuilt.execSequence(venueId));
        }
        running.mark(1, 1, TestFills.units("3001.5"));
        rebuilt.mark(1, 1, TestFills.units("3001.5"));
        assertEquals(running.snapshots(), rebuilt.snapshots());
        final HedgeTargets before = new HedgeTargets(running);
        final HedgeTargets after = new HedgeTargets(rebuilt);
        assertEquals(before.netInventory(1), after.netInventory(1));
        assertEquals(before.netInventory(2), after.netInventory(2));
    }

    private static Fill randomFill(final SplittableRandom random, final int tradeId)
    {
        final int venueId = 1 + random.nextInt(2);
        final int instrumentId = 1 + random.nextInt(2);
        final int strategyId = 7 + random.nextInt(2);
        final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
        final long qty = (1 + random.nextInt(20_000)) * 10_000L;
        final long price = (instrumentId == 1 ? 290_000 + random.nextInt(20_000) : 6_000_000 + random.nextInt(100_000)) * 1_000_000L;
        final String feeAsset = FEE_ASSETS[random.nextInt(FEE_ASSETS.length)];
        final String baseAsset = instrumentId == 1 ? "ETH" : "BTC";
        final String asset = "ETH".equals(feeAsset) ? baseAsset : feeAsset;
        final long fee = random.nextInt(4) == 0 ? -random.nextInt(1_000) : random.nextInt(100_000);
        final Liquidity liquidity = random.nextBoolean() ? Liquidity.MAKER : Liquidity.TAKER;
        return new Fill(venueId, instrumentId, tradeId, 5_000 + tradeId / 3, "mm" + strategyId + "-r1-" + tradeId, strategyId, side, price,
            qty, FixedPoint.notional(price, qty), fee, asset, baseAsset, "USDT", liquidity, 1_700_000_000_000_000_000L + tradeId, 3, tradeId);
    }

    private static Fill withExec(final Fill fill, final long runId, final long sequence)
    {
        return new Fill(fill.venueId(), fill.instrumentId(), fill.tradeId(), fill.venueOrderId(), fill.clientOrderId(), fill.strategyId(),
            fill.side(), fill.price(), fill.qty(), fill.quoteQty(), fill.fee(), fill.feeAsset(), fill.baseAsset(), fill.quoteAsset(),
            fill.liquidity(), fill.venueTimeNs(), runId, sequence);
    }
}
