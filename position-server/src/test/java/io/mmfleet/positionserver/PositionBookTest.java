package io.mmfleet.positionserver;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.mmfleet.positionserver.TestFills.INSTRUMENT;
import static io.mmfleet.positionserver.TestFills.STRATEGY;
import static io.mmfleet.positionserver.TestFills.VENUE;
import static io.mmfleet.positionserver.TestFills.buy;
import static io.mmfleet.positionserver.TestFills.sell;
import static io.mmfleet.positionserver.TestFills.units;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PositionBookTest
{
    private final PositionBook book = new PositionBook();

    private Position position()
    {
        return book.position(VENUE, INSTRUMENT, STRATEGY);
    }

    private void assertPosition(final String quantity, final String costBasis, final String avgCost, final String realized)
    {
        final Position p = position();
        assertEquals(units(quantity), p.quantity(), "quantity");
        assertEquals(units(costBasis), p.costBasis(), "cost basis");
        assertEquals(units(avgCost), p.avgCost(), "average cost");
        assertEquals(units(realized), p.realizedPnl(), "realized PnL");
    }

    @Test
    void feesAreVisitedByAssetWithoutCopyingAsTheirTotalsSay()
    {
        book.apply(buy(1, "1", "100").fee("0.001", "ETH").maker().build());
        book.apply(sell(2, "0.5", "110").fee("0.055", "USDT").build());
        book.apply(buy(3, "0.1", "100").fee("0.01", "BNB").build());
        final StringBuilder visited = new StringBuilder();
        position().forEachFee((asset, maker, taker) -> visited.append(asset).append(' ').append(maker).append(' ').append(taker).append(';'));
        assertEquals("BNB 0 1000000;ETH 100000 0;USDT 0 5500000;", visited.toString());
        assertEquals(3, position().feeAssetCount());
    }

    @Test
    void aHedgeTargetIsStampedWithTheOneVenueHoldingTheInstrument()
    {
        assertEquals(0, book.soleVenueOf(INSTRUMENT), "no position");
        book.apply(buy(1, "1", "100").venue(3).build());
        book.apply(buy(2, "1", "100").venue(3).strategy(8).build());
        assertEquals(3, book.soleVenueOf(INSTRUMENT));
        book.apply(buy(3, "1", "100").venue(4).build());
        assertEquals(0, book.soleVenueOf(INSTRUMENT), "two venues: no one watermark states both");
    }

    @Test
    void buysSellsAndAFlipThroughZeroWithHandComputedPnl()
    {
        book.apply(buy(1, "2", "100").build());
        assertPosition("2", "200", "100", "0");

        book.apply(buy(2, "1", "130").build());
        assertPosition("3", "330", "110", "0");

        // Sell 1.5 of 3: removes 330 * 1.5 / 3 = 165 of cost for 180 of cash: +15.
        book.apply(sell(3, "1.5", "120").build());
        assertPosition("1.5", "165", "110", "15");

        // Sell 4 @ 90 closes 1.5 (cash 360 * 1.5/4 = 135 against cost 165: -30) and opens a 2.5 short for 225.
        book.apply(sell(4, "4", "90").build());
        assertPosition("-2.5", "-225", "90", "-15");

        // Buy 1 @ 80 covers 1 of the short: received 225 * 1/2.5 = 90, pays 80: +10.
        book.apply(buy(5, "1", "80").build());
        assertPosition("-1.5", "-135", "90", "-5");

        // Marked to 100 the 1.5 short is worth -150 against 135 received.
        book.mark(VENUE, INSTRUMENT, units("100"));
        assertEquals(units("-15"), book.unrealizedPnl(position()));
        assertEquals(units("100"), book.markPrice(position()));

        // Buy 1.5 @ 95 closes it: received 135, pays 142.5: -7.5. Flat: cost and unrealized are zero.
        book.apply(buy(6, "1.5", "95").build());
        assertPosition("0", "0", "0", "-12.5");
        assertEquals(0, book.unrealizedPnl(position()));
        // Cash check: -200 - 130 + 180 + 360 - 80 - 142.5 = -12.5.
        assertEquals(6, position().fillCount());
        assertEquals(units("11"), position().takerVolume());
        assertEquals(0, position().makerVolume());
        assertEquals(List.of(), position().fees(), "no fee was paid: no asset is listed");
    }

    @Test
    void aFlipFromShortToLongOpensTheRestAtTheFillPrice()
    {
        book.apply(sell(1, "1", "100").build());
        book.apply(buy(2, "3", "90").build());
        // Covers 1 (received 100, pays 90: +10) and opens 2 long at 90.
        assertPosition("2", "180", "90", "10");
    }

    @Test
    void unrealizedPnlUsesTheLastFillPriceUntilAMidIsKnown()
    {
        book.apply(buy(1, "2", "100").build());
        book.apply(buy(2, "2", "110").build());
        assertFalse(book.hasMid(VENUE, INSTRUMENT));
        assertEquals(units("110"), book.markPrice(position()));
        assertEquals(units("20"), book.unrealizedPnl(position()), "4 * 110 - 420");
        book.mark(VENUE, INSTRUMENT, units("99.5"));
        assertTrue(book.hasMid(VENUE, INSTRUMENT));
        assertEquals(units("-22"), book.unrealizedPnl(position()), "4 * 99.5 - 420");
        assertThrows(IllegalArgumentException.class, () -> book.mark(VENUE, INSTRUMENT, 0));
    }

    @Test
    void feesInTheQuoteAssetAreChargedToRealizedPnlAndKeptByLiquidity()
    {
        book.apply(buy(1, "1", "100").fee("0.1", "USDT").build());
        assertPosition("1", "100", "100", "-0.1");
        book.apply(sell(2, "1", "110").fee("0.11", "USDT").maker().build());
        // +10 trading, -0.1 - 0.11 fees.
        assertPosition("0", "0", "0", "9.79");
        assertEquals(units("0.21"), position().feeCost());
        assertEquals(List.of(new FeeTotal("USDT", units("0.11"), units("0.1"))), position().fees());
        assertEquals(units("1"), position().makerVolume());
        assertEquals(units("1"), position().takerVolume());
    }

    @Test
    void aBaseAssetFeeLeavesThePositionAndIsChargedAtTheFillPrice()
    {
        // Bought 2, received 1.998: the 0.002 fee leaves at 100 (cost 0.2), charged 0.2.
        book.apply(buy(1, "2", "100").fee("0.002", "ETH").build());
        assertPosition("1.998", "199.8", "100", "-0.2");
        assertEquals(units("0.2"), position().feeCost());

        // Sell the 1.998 at 110 paying 0.2 USDT: +19.98 - 0.2.
        book.apply(sell(2, "1.998", "110").fee("0.2", "USDT").build());
        assertPosition("0", "0", "0", "19.58");
        // Cash check: -200 + 219.78 - 0.2 = 19.58; ETH: +2 - 0.002 - 1.998 = 0.
        assertEquals(List.of(new FeeTotal("ETH", 0, units("0.002")), new FeeTotal("USDT", 0, units("0.2"))), position().fees());
    }

    @Test
    void aBaseAssetFeeCostsItsUnitsAtTheirAverageCost()
    {
        book.apply(buy(1, "1", "100").build());
        // Now 2 at 220; the 0.01 fee units leave: cost removed 220 * 0.01 / 2 = 1.1 for a 1.2 value,
        // +0.1 trading and -1.2 fee: -1.1, the fee units at their average cost of 110.
        book.apply(buy(2, "1", "120").fee("0.01", "ETH").build());
        assertPosition("1.99", "218.9", "110", "-1.1");
        assertEquals(units("1.2"), position().feeCost());
    }

    @Test
    void aBaseAssetFeeOnASellExtendsTheShort()
    {
        book.apply(sell(1, "1", "100").fee("0.001", "ETH").build());
        assertPosition("-1.001", "-100.1", "100", "-0.1");
        book.mark(VENUE, INSTRUMENT, units("100"));
        assertEquals(0, book.unrealizedPnl(position()));
    }

    @Test
    void aRebateInTheBaseAssetAddsUnitsAndPnl()
    {
        book.apply(buy(1, "1", "100").fee("-0.001", "ETH").maker().build());
        assertPosition("1.001", "100.1", "100", "0.1");
        assertEquals(units("-0.1"), position().feeCost());
        assertEquals(List.of(new FeeTotal("ETH", units("-0.001"), 0)), position().fees());
    }

    @Test
    void aFeeInAThirdAssetIsKeptButNotInPnl()
    {
        book.apply(buy(1, "1", "100").fee("0.0005", "BNB").build());
        assertPosition("1", "100", "100", "0");
        assertEquals(0, position().feeCost());
        assertEquals(List.of(new FeeTotal("BNB", 0, units("0.0005"))), position().fees());
    }

    @Test
    void roundingOfTheProRataCostNeverAccumulates()
    {
        book.apply(buy(1, "1", "0.5").build());
        book.apply(buy(2, "2", "0.25").build());
        // Cost 1 over 3 units: a third is 0.33333333 (rounded half-even).
        book.apply(sell(3, "1", "1").build());
        assertPosition("2", "0.66666667", "0.33333334", "0.66666667");
        // Closing the rest removes all that is left: realized is exactly the cash result, 2.
        book.apply(sell(4, "2", "1").build());
        assertPosition("0", "0", "0", "2");
    }

    @Test
    void positionsAreKeptPerVenueInstrumentAndStrategy()
    {
        book.apply(buy(1, "1", "100").build());
        book.apply(buy(2, "2", "100").strategy(8).build());
        book.apply(sell(3, "0.5", "30000").instrument(2).build());
        book.apply(sell(4, "3", "101").venue(2).build());
        assertEquals(4, book.size());
        assertEquals(units("1"), position().quantity());
        assertEquals(units("2"), book.position(VENUE, INSTRUMENT, 8).quantity());
        assertEquals(units("-0.5"), book.position(VENUE, 2, STRATEGY).quantity());
        assertEquals(units("0"), book.netQuantity(INSTRUMENT), "1 + 2 - 3 across venues and strategies");
        assertEquals(units("-0.5"), book.netQuantity(2));
        assertEquals(List.of(1, 2), book.instrumentIds());
        assertNull(book.position(3, INSTRUMENT, STRATEGY));
        final List<PositionSnapshot> snapshots = book.snapshots();
        assertEquals(List.of(1, 1, 1, 2), snapshots.stream().map(PositionSnapshot::venueId).toList());
        assertEquals(List.of(STRATEGY, 8, STRATEGY, STRATEGY), snapshots.stream().map(PositionSnapshot::strategyId).toList());
    }

    @Test
    void eachVenuesExecutionWatermarkFollowsTheReportsTakenIn()
    {
        book.apply(buy(1, "1", "100").exec(5, 40).build());
        assertEquals(5, book.execRunId(VENUE));
        assertEquals(40, book.execSequence(VENUE));
        book.executionReportSeen(VENUE, 5, 43);
        assertEquals(43, book.execSequence(VENUE));
        assertEquals(40, position().execSequence(), "the position keeps the report of its last fill");
        assertEquals(0, book.execSequence(2));
        book.executionReportSeen(2, 0, 0);
        assertEquals(0, book.execRunId(2), "zero is a value like any other");
    }

    @Test
    void aFillThatWouldOverflowIsRefusedAndChangesNothing()
    {
        book.apply(buy(1, "1", "100").quoteQty(Long.MAX_VALUE - 10).build());
        final PositionSnapshot before = book.snapshots().get(0);
        assertThrows(ArithmeticException.class, () -> book.apply(buy(2, "1", "100").fee("0.1", "USDT").build()));
        assertEquals(before, book.snapshots().get(0));
        assertEquals(1, position().fillCount());
    }

    @Test
    void aFillNamingOtherAssetsThanItsPositionIsRefused()
    {
        book.apply(buy(1, "1", "100").build());
        final Fill other = buy(2, "1", "100").build();
        final Fill renamed = new Fill(other.venueId(), other.instrumentId(), other.tradeId(), other.venueOrderId(), other.clientOrderId(),
            other.strategyId(), other.side(), other.price(), other.qty(), other.quoteQty(), other.fee(), other.feeAsset(), "WETH", "USDT",
            other.liquidity(), other.venueTimeNs(), other.execRunId(), other.execSequence());
        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> book.apply(renamed));
        assertTrue(error.getMessage().contains("WETH/USDT"), error.getMessage());
        assertEquals(1, position().fillCount());
    }

    @Test
    void hedgeTargetsNetTheCefiPositionWithTheDefiResidual()
    {
        final HedgeTargets targets = new HedgeTargets(book);
        book.apply(buy(1, "3", "100").build());
        book.apply(sell(2, "1", "100").strategy(8).build());
        assertEquals(units("2"), targets.cefiPosition(INSTRUMENT));
        assertEquals(0, targets.defiResidual(INSTRUMENT));
        assertEquals(units("2"), targets.netInventory(INSTRUMENT));
        assertEquals(0, targets.targetPosition(INSTRUMENT));
        targets.defiResidual(INSTRUMENT, units("-0.5"));
        assertEquals(units("1.5"), targets.netInventory(INSTRUMENT));
        assertEquals(units("0.5"), targets.targetPosition(INSTRUMENT));
        assertEquals(0, targets.netInventory(2));
        targets.defiResidual(INSTRUMENT, 0);
        assertEquals(units("2"), targets.netInventory(INSTRUMENT), "a residual back to zero");
        targets.defiResidual(INSTRUMENT, Long.MAX_VALUE);
        assertThrows(ArithmeticException.class, () -> targets.netInventory(INSTRUMENT));
        assertThrows(IllegalArgumentException.class, () -> targets.defiResidual(2, Long.MIN_VALUE));
    }
}
