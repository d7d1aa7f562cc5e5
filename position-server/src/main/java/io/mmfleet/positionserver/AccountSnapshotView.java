package io.mmfleet.positionserver;

import io.mmfleet.sbe.AccountSnapshotDecoder;
import io.mmfleet.sbe.Liquidity;
import io.mmfleet.sbe.Side;

import java.util.ArrayList;
import java.util.List;

/**
 * What the {@link Reconciler} needs of an AccountSnapshot: the venue's balances and the account's
 * trades it lists, every amount at {@link FixedPoint#SCALE}. Plain values, so reconciliation is
 * tested without the bus; {@link #decode} reads one off the wire.
 *
 * @param venueTimeNs the venue's time of the snapshot; the reconciler's grace is measured on it.
 */
public record AccountSnapshotView(int venueId, long snapshotId, long venueTimeNs, List<Balance> balances, List<Trade> trades)
{
    public AccountSnapshotView
    {
        balances = List.copyOf(balances);
        trades = List.copyOf(trades);
    }

    /** One asset's balance: free plus locked is what the account holds. */
    public record Balance(String asset, long free, long locked)
    {
        public long total()
        {
            return Math.addExact(free, locked);
        }
    }

    /**
     * One trade of the account as the venue lists it.
     *
     * @param side null when the venue's list does not say (the exec-handler's snapshots leave it out).
     */
    public record Trade(
        int instrumentId,
        long tradeId,
        long venueOrderId,
        Side side,
        long price,
        long qty,
        long quoteQty,
        long fee,
        String feeAsset,
        Liquidity liquidity,
        long venueTimeNs)
    {
    }

    /**
     * Reads an AccountSnapshot.
     *
     * @throws IllegalArgumentException naming the field if an amount is absent or finer than {@link FixedPoint#SCALE}.
     */
    public static AccountSnapshotView decode(final AccountSnapshotDecoder snapshot)
    {
        final int venueId = snapshot.venueId();
        final long snapshotId = snapshot.snapshotId();
        final long venueTimeNs = snapshot.venueTimeNs();
        final List<Balance> balances = new ArrayList<>();
        for (final AccountSnapshotDecoder.BalancesDecoder balance : snapshot.balances())
        {
            final long free = Fill.amount("balance free", balance.free());
            final long locked = Fill.amount("balance locked", balance.locked());
            balances.add(new Balance(balance.asset().trim(), free, locked));
        }
        final List<Trade> trades = new ArrayList<>();
        for (final AccountSnapshotDecoder.TradesDecoder trade : snapshot.trades())
        {
            final Side side = trade.side();
            trades.add(new Trade(
                trade.instrumentId(),
                trade.tradeId(),
                trade.venueOrderId(),
                side == Side.BUY || side == Side.SELL ? side : null,
                Fill.amount("trade price", trade.price()),
                Fill.amount("trade qty", trade.qty()),
                Fill.amount("trade quoteQty", trade.quoteQty()),
                Fill.amount("trade fee", trade.fee()),
                trade.feeAsset().trim(),
                trade.liquidity(),
                trade.venueTimeNs()));
        }
        return new AccountSnapshotView(venueId, snapshotId, venueTimeNs, balances, trades);
    }
}
