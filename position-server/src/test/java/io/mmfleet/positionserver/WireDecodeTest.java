package io.mmfleet.positionserver;

import io.mmfleet.sbe.AccountSnapshotDecoder;
import io.mmfleet.sbe.AccountSnapshotEncoder;
import io.mmfleet.sbe.DecimalEncoder;
import io.mmfleet.sbe.ExecType;
import io.mmfleet.sbe.ExecutionReportDecoder;
import io.mmfleet.sbe.ExecutionReportEncoder;
import io.mmfleet.sbe.Liquidity;
import io.mmfleet.sbe.OrdStatus;
import io.mmfleet.sbe.OrderType;
import io.mmfleet.sbe.RejectReason;
import io.mmfleet.sbe.Side;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;

import static io.mmfleet.positionserver.TestFills.units;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Fills and account snapshots read off the wire as the exec-handler writes them (price scale 2, qty 4, amounts 8). */
class WireDecodeTest
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocate(4096));

    private static void decimal(final DecimalEncoder decimal, final long mantissa, final int exponent)
    {
        decimal.mantissa(mantissa).exponent((byte)exponent);
    }

    private ExecutionReportDecoder report(final ExecType execType, final long tradeId, final long lastPriceMantissa)
    {
        final ExecutionReportEncoder encoder = new ExecutionReportEncoder().wrap(buffer, 0)
            .commandId(0).strategyId(7).venueId(1).instrumentId(1).venueOrderId(4242).execType(execType)
            .ordStatus(OrdStatus.PARTIALLY_FILLED).side(Side.SELL).orderType(OrderType.LIMIT_MAKER);
        decimal(encoder.orderPrice(), 300_001, -2);
        decimal(encoder.orderQty(), 20_000, -4);
        decimal(encoder.lastPrice(), lastPriceMantissa, -2);
        decimal(encoder.lastQty(), 5_000, -4);
        decimal(encoder.cumQty(), 5_000, -4);
        decimal(encoder.cumQuoteQty(), 150_000_500_000L, -8);
        decimal(encoder.fee(), 150_000L, -8);
        encoder.tradeId(tradeId).liquidity(Liquidity.MAKER).venueTimeNs(1_700_000_000_123_000_000L)
            .rejectReason(RejectReason.NULL_VAL).venueErrorCode(0).feeAsset("USDT").clientOrderId("mm7-r5-42").origClientOrderId("");
        return new ExecutionReportDecoder().wrap(buffer, 0, ExecutionReportEncoder.BLOCK_LENGTH, ExecutionReportEncoder.SCHEMA_VERSION);
    }

    @Test
    void aTradeReportBecomesAFillAtTheLedgersScale()
    {
        final Fill fill = Fill.fromExecutionReport(report(ExecType.TRADE, 9001, 300_001), 55, 17, "ETH", "USDT");
        assertEquals(new Fill(1, 1, 9001, 4242, "mm7-r5-42", 7, Side.SELL, units("3000.01"), units("0.5"), units("1500.005"),
            units("0.0015"), "USDT", "ETH", "USDT", Liquidity.MAKER, 1_700_000_000_123_000_000L, 55, 17), fill);
    }

    @Test
    void aReportThatIsNotAFillOrLacksAPriceIsRefused()
    {
        final IllegalArgumentException notFill = assertThrows(IllegalArgumentException.class,
            () -> Fill.fromExecutionReport(report(ExecType.NEW, 0, 300_001), 55, 17, "ETH", "USDT"));
        assertEquals("not a fill: execType=NEW tradeId=0", notFill.getMessage());
        final IllegalArgumentException absent = assertThrows(IllegalArgumentException.class,
            () -> Fill.fromExecutionReport(report(ExecType.TRADE, 9001, DecimalEncoder.mantissaNullValue()), 55, 17, "ETH", "USDT"));
        assertEquals("lastPrice is absent", absent.getMessage());
        final IllegalArgumentException sameAssets = assertThrows(IllegalArgumentException.class,
            () -> Fill.fromExecutionReport(report(ExecType.TRADE, 9001, 300_001), 55, 17, "ETH", "ETH"));
        assertTrue(sameAssets.getMessage().contains("baseAsset and quoteAsset are both ETH"), sameAssets.getMessage());
    }

    @Test
    void anAccountSnapshotIsReadWithItsBalancesAndTrades()
    {
        final AccountSnapshotEncoder encoder = new AccountSnapshotEncoder().wrap(buffer, 0)
            .venueId(1).snapshotId(3).venueTimeNs(1_700_000_000_000_000_000L).tradesFromId(9001);
        final AccountSnapshotEncoder.BalancesEncoder balances = encoder.balancesCount(2);
        balances.next();
        decimal(balances.free(), 4_900_000_000L, -8);
        decimal(balances.locked(), 100_000_000L, -8);
        balances.asset("ETH");
        balances.next();
        decimal(balances.free(), 10_000_000_000_000L, -8);
        decimal(balances.locked(), 0, -8);
        balances.asset("USDT");
        final AccountSnapshotEncoder.TradesEncoder trades = encoder.tradesCount(1);
        trades.next().instrumentId(1).tradeId(9001).venueOrderId(4242).side(Side.NULL_VAL);
        decimal(trades.price(), 300_001, -2);
        decimal(trades.qty(), 5_000, -4);
        decimal(trades.quoteQty(), 150_000_500_000L, -8);
        decimal(trades.fee(), 150_000L, -8);
        trades.liquidity(Liquidity.MAKER).venueTimeNs(1_700_000_000_123_000_000L).feeAsset("USDT").clientOrderId("");

        final AccountSnapshotView view = AccountSnapshotView.decode(
            new AccountSnapshotDecoder().wrap(buffer, 0, AccountSnapshotEncoder.BLOCK_LENGTH, AccountSnapshotEncoder.SCHEMA_VERSION));
        assertEquals(new AccountSnapshotView(1, 3, 1_700_000_000_000_000_000L,
            List.of(new AccountSnapshotView.Balance("ETH", units("49"), units("1")), new AccountSnapshotView.Balance("USDT", units("100000"), 0)),
            List.of(new AccountSnapshotView.Trade(1, 9001, 4242, null, units("3000.01"), units("0.5"), units("1500.005"), units("0.0015"),
                "USDT", Liquidity.MAKER, 1_700_000_000_123_000_000L))), view);
        assertEquals(units("50"), view.balances().get(0).total());
    }
}
