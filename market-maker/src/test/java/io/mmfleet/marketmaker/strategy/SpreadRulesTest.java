package io.mmfleet.marketmaker.strategy;

import io.mmfleet.sbe.ImbalanceLevel;
import io.mmfleet.sbe.SpreadReason;
import io.mmfleet.sbe.ThrottleState;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ETH-USDC at price scale 2 (tick 0.01 = 1) and quantity scale 4 (lot 0.0001 = 1), min notional 5 USDC
 * (5_000_000 at the notional scale 6). The book is 2999.00 / 3001.00: mid 3000, so 1 bp = 0.30.
 * Spread rules: MIN 10, MAX 500, DEFAULT 30 bps; thresholds 20 % and 40 %; skew 5 bps (1.50),
 * widen 10 bps (3.00); ORDER_QTY 0.1, MIN 0.01, MAX 1, MAX_INVENTORY 1.
 */
class SpreadRulesTest
{
    private static final long BID = 299_900;
    private static final long ASK = 300_100;

    private final Quote out = new Quote();

    static InstrumentSpec ethUsdc(final long tick)
    {
        final InstrumentSpec spec = new InstrumentSpec(2, 4);
        spec.apply(true, tick, -2, 1, -4, 1, -4, 90_000_000, -4, 5, 0);
        return spec;
    }

    static SpreadParams params(final long criticalPpm)
    {
        return new SpreadParams(10, 500, 30, 200_000, criticalPpm, 5, 10, 2, 1.0, 10, 1_000, 100, 10_000, 10_000);
    }

    private static ModelQuote model(final double reservation, final double bid, final double ask)
    {
        final ModelQuote quote = new ModelQuote();
        quote.set(reservation, bid, ask);
        return quote;
    }

    private boolean apply(final SpreadRules rules, final long inventory, final double sigma, final ModelQuote model)
    {
        return rules.apply(BID, ASK, inventory, sigma, model, ThrottleState.OK, ethUsdc(1), out);
    }

    private void assertSides(final long bid, final long bidQty, final long ask, final long askQty)
    {
        assertEquals(bid > 0, out.hasBid(), out.toString());
        assertEquals(ask > 0, out.hasAsk(), out.toString());
        if (bid > 0)
        {
            assertEquals(bid, out.bidPrice(), out.toString());
            assertEquals(bidQty, out.bidQty(), out.toString());
        }
        if (ask > 0)
        {
            assertEquals(ask, out.askPrice(), out.toString());
            assertEquals(askQty, out.askQty(), out.toString());
        }
    }

    @Test
    void withoutAnEstimateTheDefaultSpreadIsQuotedAroundTheMid()
    {
        // 30 bps of 3000 = 9.00, 4.50 a side: 2995.50 / 3004.50.
        assertTrue(apply(new SpreadRules(params(400_000)), 0, Double.NaN, null));
        assertSides(299_550, 1_000, 300_450, 1_000);
        assertEquals(3_000, out.spreadBpsE2());
        assertEquals(SpreadReason.DEFAULT_NO_ESTIMATE, out.spreadReason());
        assertEquals(3_000_000, out.midPrice(), "mid 3000.000 at price scale + 1");
        assertEquals(3_000_000, out.reservationPrice());
    }

    @Test
    void aNarrowModelSpreadIsClampedToTheMinimumAndOneAtItIsNot()
    {
        final SpreadRules rules = new SpreadRules(params(400_000));
        // Model 2999.40 / 3000.60: 1.20 = 4 bps < 10 → 10 bps = 3.00, 1.50 a side: 2998.50 / 3001.50.
        apply(rules, 0, Double.NaN, model(3000, 2999.40, 3000.60));
        assertSides(299_850, 1_000, 300_150, 1_000);
        assertEquals(SpreadReason.CLAMPED_MIN, out.spreadReason());
        assertEquals(1_000, out.spreadBpsE2());
        // Exactly 10 bps (3.00) from the model: left alone.
        apply(rules, 0, Double.NaN, model(3000, 2998.50, 3001.50));
        assertSides(299_850, 1_000, 300_150, 1_000);
        assertEquals(SpreadReason.MODEL, out.spreadReason());
        // 9.9 bps (2.97): clamped.
        apply(rules, 0, Double.NaN, model(3000, 2998.515, 3001.485));
        assertEquals(SpreadReason.CLAMPED_MIN, out.spreadReason());
        assertEquals(1_000, out.spreadBpsE2());
    }

    @Test
    void aWideModelSpreadIsScaledToTheMaximumKeepingItsSkew()
    {
        final SpreadRules rules = new SpreadRules(params(400_000));
        // Model r = 2990, 2900 / 3080: 180 = 600 bps > 500 bps = 150 → × 150/180: 75 a side → 2915.00 / 3065.00.
        apply(rules, 0, Double.NaN, model(2990, 2900, 3080));
        assertSides(291_500, 1_000, 306_500, 1_000);
        assertEquals(SpreadReason.CLAMPED_MAX, out.spreadReason());
        assertEquals(50_000, out.spreadBpsE2(), "15000 / 300000 = 500 bps");
        assertEquals(2_990_000, out.reservationPrice());
        // Exactly 500 bps (150): left alone.
        apply(rules, 0, Double.NaN, model(3000, 2925, 3075));
        assertSides(292_500, 1_000, 307_500, 1_000);
        assertEquals(SpreadReason.MODEL, out.spreadReason());
        // 501 bps (150.30): clamped back to 150.
        apply(rules, 0, Double.NaN, model(3000, 2924.85, 3075.15));
        assertSides(292_500, 1_000, 307_500, 1_000);
        assertEquals(SpreadReason.CLAMPED_MAX, out.spreadReason());
    }

    @Test
    void imbalanceAtAndAroundTwentyPercent()
    {
        final SpreadRules rules = new SpreadRules(params(400_000));
        // q = 0.2000 = 20 % exactly: not beyond, normal default quote.
        apply(rules, 2_000, Double.NaN, null);
        assertEquals(ImbalanceLevel.NORMAL, out.imbalanceLevel());
        assertEquals(200_000, out.imbalancePpm());
        assertSides(299_550, 1_000, 300_450, 1_000);
        // q = 0.2001 long: bid (adds) 4.50 + 3.00 = 7.50 out → 2992.50; ask (reduces) 4.50 − 1.50 = 3.00 → 3003.00.
        // Spread 10.50 = 35 bps, within the clamp.
        apply(rules, 2_001, Double.NaN, null);
        assertEquals(ImbalanceLevel.SKEW, out.imbalanceLevel());
        assertEquals(SpreadReason.INVENTORY, out.spreadReason());
        assertSides(299_250, 1_000, 300_300, 1_000);
        assertEquals(3_500, out.spreadBpsE2());
        // q = −0.2001 short: the ask adds, the bid reduces: 2997.00 / 3007.50.
        apply(rules, -2_001, Double.NaN, null);
        assertEquals(ImbalanceLevel.SKEW, out.imbalanceLevel());
        assertSides(299_700, 1_000, 300_750, 1_000);
        assertEquals(-200_100, out.imbalancePpm());
    }

    @Test
    void imbalanceAtAndAroundFortyPercent()
    {
        final SpreadRules rules = new SpreadRules(params(400_000));
        // q = 0.4000: still only skewed, both sides.
        apply(rules, 4_000, Double.NaN, null);
        assertEquals(ImbalanceLevel.SKEW, out.imbalanceLevel());
        assertSides(299_250, 1_000, 300_300, 1_000);
        // q = 0.4001 long: only the reducing ask, at the skewed 3003.00.
        apply(rules, 4_001, Double.NaN, null);
        assertEquals(ImbalanceLevel.CRITICAL, out.imbalanceLevel());
        assertSides(0, 0, 300_300, 1_000);
        // q = −0.4001 short: only the reducing bid, at 2997.00.
        apply(rules, -4_001, Double.NaN, null);
        assertEquals(ImbalanceLevel.CRITICAL, out.imbalanceLevel());
        assertSides(299_700, 1_000, 0, 0);
    }

    @Test
    void noQuoteTakesInventoryPastTheMaximum()
    {
        final SpreadRules rules = new SpreadRules(params(1_000_000));
        // q = 0.95: a buy may add 0.05 (500) before |q| = 1; the sell is a full 0.1.
        apply(rules, 9_500, Double.NaN, null);
        assertSides(299_250, 500, 300_300, 1_000);
        // q = 0.995: 0.005 of room is under MIN_ORDER_QTY 0.01, so no bid.
        apply(rules, 9_950, Double.NaN, null);
        assertSides(0, 0, 300_300, 1_000);
        // Absurd inventories (a corrupt report) saturate instead of overflowing: short beyond any limit, only the bid.
        final SpreadRules critical = new SpreadRules(params(400_000));
        apply(critical, Long.MIN_VALUE, Double.NaN, null);
        assertSides(299_700, 1_000, 0, 0);
        apply(critical, Long.MAX_VALUE, Double.NaN, null);
        assertSides(0, 0, 300_300, 1_000);
    }

    @Test
    void aSizeBelowTheMinimumNotionalIsRaisedWhenTheCapsAllow()
    {
        // ORDER_QTY 0.001 (10): 2995.50 × 0.001 = 2.9955 < 5 USDC. ceil(5 / 2995.50 / 0.0001) = ceil(16.69) = 17 lots
        // (2995.50 × 0.0017 = 5.09235); ask: ceil(5 / 3004.50 / 0.0001) = ceil(16.64) = 17.
        final SpreadRules roomy = new SpreadRules(new SpreadParams(10, 500, 30, 200_000, 400_000, 5, 10, 2, 1.0, 10, 10, 10, 20, 10_000));
        apply(roomy, 0, Double.NaN, null);
        assertSides(299_550, 17, 300_450, 17);
        // MAX_ORDER_QTY 0.0015 (15) < 17 lots: neither side can meet the venue's minimum.
        final SpreadRules tight = new SpreadRules(new SpreadParams(10, 500, 30, 200_000, 400_000, 5, 10, 2, 1.0, 10, 10, 10, 15, 10_000));
        apply(tight, 0, Double.NaN, null);
        assertSides(0, 0, 0, 0);
    }

    @Test
    void pricesRoundOutwardToTheTick()
    {
        // Tick 0.05 (5). Book 2999.02 / 3001.04: mid 3000.03, 1 bp = 0.300003, 4.500045 a side.
        // bid 2995.529955 → 299552 → down to 299550; ask 3004.530045 → 300454 → up to 300455.
        final SpreadRules rules = new SpreadRules(params(400_000));
        assertTrue(rules.apply(299_902, 300_104, 0, Double.NaN, null, ThrottleState.OK, ethUsdc(5), out));
        assertSides(299_550, 1_000, 300_455, 1_000);
        assertEquals(3_000_030, out.midPrice());
    }

    @Test
    void aSideThatWouldCrossTheBookSitsOneTickInsideIt()
    {
        final SpreadRules rules = new SpreadRules(params(400_000));
        // Model r = 3010: bid 3007.00 ≥ best ask 3001.00 → 3000.99; the ask 3013.00 stays.
        apply(rules, 0, Double.NaN, model(3010, 3007, 3013));
        assertSides(300_099, 1_000, 301_300, 1_000);
        // Model r = 2990: ask 2993.00 ≤ best bid 2999.00 → 2999.01.
        apply(rules, 0, Double.NaN, model(2990, 2987, 2993));
        assertSides(298_700, 1_000, 299_901, 1_000);
    }

    @Test
    void volatilityWidensANarrowerSpread()
    {
        final SpreadRules rules = new SpreadRules(params(400_000));
        // σ = 3.0, multiplier 2, window 1 s: at least 2 × 3.0 × √1 = 6.00 (20 bps). Model 4.50 (15 bps) → 3.00 a side.
        apply(rules, 0, 3.0, model(3000, 2997.75, 3002.25));
        assertSides(299_700, 1_000, 300_300, 1_000);
        assertEquals(SpreadReason.VOLATILITY, out.spreadReason());
        assertEquals(2_000, out.spreadBpsE2());
        // σ = 2.0: floor 4.00 < 4.50, the model's spread stands.
        apply(rules, 0, 2.0, model(3000, 2997.75, 3002.25));
        assertSides(299_775, 1_000, 300_225, 1_000);
        assertEquals(SpreadReason.MODEL, out.spreadReason());
    }

    @Test
    void aThrottleNearItsLimitWidens()
    {
        // 30 + 10 bps = 40 bps = 12.00, 6.00 a side: 2994.00 / 3006.00.
        final SpreadRules rules = new SpreadRules(params(400_000));
        rules.apply(BID, ASK, 0, Double.NaN, null, ThrottleState.NEAR_LIMIT, ethUsdc(1), out);
        assertSides(299_400, 1_000, 300_600, 1_000);
        assertEquals(SpreadReason.THROTTLE, out.spreadReason());
        assertEquals(4_000, out.spreadBpsE2());
    }

    @Test
    void eventsAreRaisedOnChangeOnly()
    {
        final SpreadRules rules = new SpreadRules(params(400_000));
        apply(rules, 0, Double.NaN, null);
        assertTrue(out.spreadAdjusted());
        assertEquals(0, out.previousSpreadBpsE2());
        assertTrue(out.imbalanceChanged());
        apply(rules, 0, Double.NaN, null);
        assertFalse(out.spreadAdjusted());
        assertFalse(out.imbalanceChanged());
        // Mid 3000.50: 2995.99925 → 2995.99, 3005.00075 → 3005.01; 9.02 / 3000.50 = 30.06 bps: under 1 bp of drift.
        rules.apply(299_950, 300_150, 0, Double.NaN, null, ThrottleState.OK, ethUsdc(1), out);
        assertEquals(3_006, out.spreadBpsE2());
        assertFalse(out.spreadAdjusted());
        rules.apply(BID, ASK, 0, Double.NaN, null, ThrottleState.NEAR_LIMIT, ethUsdc(1), out);
        assertTrue(out.spreadAdjusted());
        assertEquals(3_000, out.previousSpreadBpsE2());
        assertEquals(4_000, out.spreadBpsE2());
        apply(rules, 2_001, Double.NaN, null);
        assertTrue(out.imbalanceChanged());
        assertEquals(ImbalanceLevel.SKEW, out.imbalanceLevel());
    }

    @Test
    void nothingIsQuotedWithoutADefinitionOrATwoSidedBook()
    {
        final SpreadRules rules = new SpreadRules(params(400_000));
        assertFalse(rules.apply(BID, ASK, 0, Double.NaN, null, ThrottleState.OK, new InstrumentSpec(2, 4), out));
        assertSides(0, 0, 0, 0);
        assertFalse(rules.apply(BID, BID, 0, Double.NaN, null, ThrottleState.OK, ethUsdc(1), out));
        assertFalse(rules.apply(0, ASK, 0, Double.NaN, null, ThrottleState.OK, ethUsdc(1), out));
        assertSides(0, 0, 0, 0);
    }

    @Test
    void inconsistentParametersAreRefused()
    {
        assertThrows(IllegalArgumentException.class, () -> new SpreadParams(10, 500, 5, 200_000, 400_000, 5, 10, 2, 1, 10, 1_000, 100, 10_000, 10_000));
        assertThrows(IllegalArgumentException.class, () -> new SpreadParams(10, 500, 30, 500_000, 400_000, 5, 10, 2, 1, 10, 1_000, 100, 10_000, 10_000));
        assertThrows(IllegalArgumentException.class, () -> new SpreadParams(10, 500, 30, 200_000, 400_000, 5, 10, 2, 1, 10, 1_000, 2_000, 10_000, 10_000));
        final InstrumentSpec spec = ethUsdc(1);
        final IllegalArgumentException fine = assertThrows(IllegalArgumentException.class,
            () -> spec.apply(true, 1, -3, 1, -4, 1, -4, 0, 0, 5, 0));
        assertTrue(fine.getMessage().contains("tickSize"), fine.getMessage());
        assertThrows(IllegalArgumentException.class, () -> spec.apply(true, 0, -2, 1, -4, 1, -4, 0, 0, 5, 0));
        assertEquals(1, spec.tickSize(), "a refused definition leaves the rules in force");
    }
}
