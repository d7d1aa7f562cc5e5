package io.mmfleet.oms.core;

import io.mmfleet.sbe.KillScope;
import io.mmfleet.sbe.OrderType;
import io.mmfleet.sbe.RejectReason;
import io.mmfleet.sbe.Side;
import io.mmfleet.sbe.TimeInForce;
import org.junit.jupiter.api.Test;

import static io.mmfleet.oms.core.OmsFixture.ETH;
import static io.mmfleet.oms.core.OmsFixture.EXEC_RUN;
import static io.mmfleet.oms.core.OmsFixture.SECOND;
import static io.mmfleet.oms.core.OmsFixture.STRATEGY;
import static io.mmfleet.oms.core.OmsFixture.T0;
import static io.mmfleet.oms.core.OmsFixture.VENUE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Every check accepts exactly at its limit and refuses just past it. */
class PreTradeRiskTest
{
    private final OmsFixture f = new OmsFixture();

    private RejectReason check(final Side side, final long price, final long qty, final long nowNs)
    {
        return f.risk.check(f.limit(1, side, price, qty), nowNs);
    }

    @Test
    void maxOrderQtyAcceptsAtTheLimitAndRefusesOneLotMore()
    {
        assertNull(check(Side.BUY, 2000_00, 5_0000, T0));
        assertEquals(RejectReason.MAX_ORDER_QTY, check(Side.BUY, 2000_00, 5_0001, T0));
    }

    @Test
    void maxNotionalAcceptsAtTheLimitAndRefusesOneLotMore()
    {
        final OmsFixture tight = new OmsFixture(new InstrumentLimits(ETH, 2, 4, 5_0000, 20_0000, 9000_000000L), 64);
        assertNull(tight.risk.check(tight.limit(1, Side.BUY, 2000_00, 4_5000), T0), "4.5 x 2000 = 9000");
        assertEquals(RejectReason.MAX_NOTIONAL, tight.risk.check(tight.limit(1, Side.BUY, 2000_00, 4_5001), T0));
        assertEquals(RejectReason.MAX_NOTIONAL, tight.risk.check(tight.limit(1, Side.BUY, 2000_01, 4_5000), T0));
    }

    @Test
    void aNotionalPastInt64IsRefusedAsOverflowNotWrapped()
    {
        assertEquals(RejectReason.NOTIONAL_OVERFLOW, check(Side.BUY, 4_000_000_000_000_000_000L, 5_0000, T0));
    }

    @Test
    void aMarketOrderIsValuedAtTheTouchItTakes()
    {
        final OmsFixture tight = new OmsFixture(new InstrumentLimits(ETH, 2, 4, 5_0000, 20_0000, 9000_450000L), 64);
        final OrderRequest market = tight.limit(1, Side.BUY, 0, 4_5000);
        market.orderType = OrderType.MARKET;
        market.priceMantissa = FixedPoint.NULL_MANTISSA;
        assertNull(tight.risk.check(market, T0), "4.5 at the ask 2000.10 = 9000.45");
        market.qtyMantissa = 4_5001;
        assertEquals(RejectReason.MAX_NOTIONAL, tight.risk.check(market, T0));
    }

    @Test
    void priceCollarAcceptsAtTheBoundOnBothSidesAndRefusesOneTickPast()
    {
        f.oms.onBook(VENUE, ETH, 2000_00, -2, 2000_00, -2, T0);
        assertNull(check(Side.BUY, 2020_00, 1_0000, T0), "mid 2000 + 100 bps");
        assertEquals(RejectReason.PRICE_COLLAR, check(Side.BUY, 2020_01, 1_0000, T0));
        assertNull(check(Side.SELL, 1980_00, 1_0000, T0), "mid 2000 - 100 bps");
        assertEquals(RejectReason.PRICE_COLLAR, check(Side.SELL, 1979_99, 1_0000, T0));
    }

    @Test
    void theCollarUsesTheExactHalfTickMid()
    {
        f.oms.onBook(VENUE, ETH, 1999_99, -2, 2000_00, -2, T0);
        // mid 1999.995; 100 bps = 19.99995: 2019.99 is 19.995 away (in), 2020.00 is 20.005 away (out).
        assertNull(check(Side.BUY, 2019_99, 1_0000, T0));
        assertEquals(RejectReason.PRICE_COLLAR, check(Side.BUY, 2020_00, 1_0000, T0));
    }

    @Test
    void maxPositionCountsPositionFillsSinceAndOpenOrdersOnTheOrdersSide()
    {
        f.oms.onPosition(VENUE, ETH, STRATEGY, 15_0000, -4, 0, -8, 0, -8, EXEC_RUN, 10, T0);
        f.exposure.onFill(VENUE, ETH, STRATEGY, 2_0000, EXEC_RUN, 11);
        f.place(100, Side.BUY, 2000_00, 1_0000);
        assertEquals(18_0000, f.pair().worstLong());
        assertNull(check(Side.BUY, 2000_00, 2_0000, T0), "15 + 2 + 1 + 2 = 20");
        assertEquals(RejectReason.MAX_POSITION, check(Side.BUY, 2000_00, 2_0001, T0));
        assertNull(check(Side.SELL, 2000_00, 5_0000, T0), "a sell reduces the long position");
    }

    @Test
    void maxPositionOnTheShortSide()
    {
        f.oms.onPosition(VENUE, ETH, STRATEGY, -15_0000, -4, 0, -8, 0, -8, EXEC_RUN, 10, T0);
        f.place(100, Side.SELL, 2000_00, 1_0000);
        f.place(101, Side.SELL, 2000_00, 2_0000);
        assertNull(check(Side.SELL, 2000_00, 2_0000, T0), "-15 - 3 - 2 = -20");
        assertEquals(RejectReason.MAX_POSITION, check(Side.SELL, 2000_00, 2_0001, T0));
        assertNull(check(Side.BUY, 2000_00, 5_0000, T0));
    }

    @Test
    void dailyLossAcceptsAtTheLimitAndRefusesPastIt()
    {
        f.oms.onPosition(VENUE, ETH, STRATEGY, 0, 0, 100_00, -2, 0, 0, EXEC_RUN, 1, T0);
        f.oms.onPosition(VENUE, ETH, STRATEGY, 0, 0, -2900_00, -2, -2000_00, -2, EXEC_RUN, 2, T0);
        assertEquals(-5000_00000000L, f.exposure.dailyPnl(T0), "from +100 to -4900 is a loss of 5000 today");
        assertNull(check(Side.BUY, 2000_00, 1_0000, T0));
        f.oms.onPosition(VENUE, ETH, STRATEGY, 0, 0, -2900_00, -2, -200000000001L, -8, EXEC_RUN, 3, T0);
        assertEquals(RejectReason.DAILY_LOSS, check(Side.BUY, 2000_00, 1_0000, T0));
    }

    @Test
    void dailyLossCountsFromTheFirstReportOfTheUtcDay()
    {
        f.oms.onPosition(VENUE, ETH, STRATEGY, 0, 0, -4000_00, -2, 0, 0, EXEC_RUN, 1, T0);
        f.oms.onPosition(VENUE, ETH, STRATEGY, 0, 0, -9000_00, -2, 0, 0, EXEC_RUN, 2, T0);
        assertEquals(-5000_00000000L, f.exposure.dailyPnl(T0));
        final long nextDay = (Math.floorDiv(T0, 86_400 * SECOND) + 1) * 86_400 * SECOND;
        f.oms.onBook(VENUE, ETH, 2000_00, -2, 2000_10, -2, nextDay);
        f.oms.onPosition(VENUE, ETH, STRATEGY, 0, 0, -9100_00, -2, 0, 0, EXEC_RUN, 3, nextDay);
        assertEquals(-100_00000000L, f.exposure.dailyPnl(nextDay), "a new day counts from its first report");
        assertNull(check(Side.BUY, 2000_00, 1_0000, nextDay));
    }

    @Test
    void orderRateAcceptsTheLimitInTheWindowAndRefusesOneMoreUntilTheFirstLeavesIt()
    {
        for (int i = 0; i < 10; i++)
        {
            final long now = T0 + i * 100_000_000L;
            assertNull(check(Side.BUY, 2000_00, 1, now), "order " + (i + 1));
            f.risk.accepted(VENUE, now);
        }
        assertEquals(RejectReason.ORDER_RATE, check(Side.BUY, 2000_00, 1, T0 + SECOND));
        f.oms.onBook(VENUE, ETH, 2000_00, -2, 2000_10, -2, T0 + 10 * SECOND - 1);
        f.oms.onPositionSourceFresh(T0 + 10 * SECOND - 1);
        assertEquals(RejectReason.ORDER_RATE, check(Side.BUY, 2000_00, 1, T0 + 10 * SECOND - 1), "the first is still in the window");
        assertNull(check(Side.BUY, 2000_00, 1, T0 + 10 * SECOND), "the first left (now - 10 s, now]");
    }

    @Test
    void theVenuesPublishedLimitLowersTheRate()
    {
        f.oms.onVenueOrderLimit(VENUE, 5, 10 * SECOND);
        assertEquals(4, f.rateLimiter.limit(VENUE), "80 % of 5 per 10 s");
        f.oms.onVenueOrderLimit(VENUE, 100, 10 * SECOND);
        assertEquals(10, f.rateLimiter.limit(VENUE), "never above ORDER_RATE_LIMIT");
        f.oms.onVenueOrderLimit(VENUE, 0, 0);
        assertEquals(10, f.rateLimiter.limit(VENUE), "unknown: the INI's limit");
        for (int i = 0; i < 10; i++)
        {
            f.risk.accepted(VENUE, T0);
        }
        f.oms.onVenueOrderLimit(VENUE, 5, 10 * SECOND);
        assertEquals(RejectReason.ORDER_RATE, check(Side.BUY, 2000_00, 1, T0));
    }

    @Test
    void staleMarketDataIsRefusedJustPastTheBound()
    {
        f.oms.onPositionSourceFresh(T0 + 5 * SECOND + 1);
        assertNull(check(Side.BUY, 2000_00, 1_0000, T0 + 5 * SECOND));
        assertEquals(RejectReason.STALE_MARKET_DATA, check(Side.BUY, 2000_00, 1_0000, T0 + 5 * SECOND + 1));
        f.oms.onBook(VENUE, ETH, 2000_00, -2, 2000_10, -2, T0 + 5 * SECOND + 1);
        assertNull(check(Side.BUY, 2000_00, 1_0000, T0 + 5 * SECOND + 1));
        f.oms.onBookTrusted(VENUE, ETH, false);
        assertEquals(RejectReason.STALE_MARKET_DATA, check(Side.BUY, 2000_00, 1_0000, T0 + 5 * SECOND + 1));
        f.oms.onBookTrusted(VENUE, ETH, true);
        f.oms.onBook(VENUE, ETH, 2000_10, -2, 2000_00, -2, T0 + 5 * SECOND + 1);
        assertEquals(RejectReason.STALE_MARKET_DATA, check(Side.BUY, 2000_00, 1_0000, T0 + 5 * SECOND + 1), "a crossed book is unusable");
        f.oms.onBook(VENUE, ETH, 2000_001, -3, 2000_10, -2, T0 + 5 * SECOND + 1);
        assertEquals(RejectReason.STALE_MARKET_DATA, check(Side.BUY, 2000_00, 1_0000, T0 + 5 * SECOND + 1), "finer than the price scale");
    }

    @Test
    void aLiveQuoteServerKeepsAKnownTrustedBookFreshButNotAnUntrustedOrUnusableOne()
    {
        f.oms.onPositionSourceFresh(T0 + 9 * SECOND);
        f.oms.onMarketDataAlive(T0 + 4 * SECOND);
        assertNull(check(Side.BUY, 2000_00, 1_0000, T0 + 9 * SECOND), "the book of T0 is as fresh as the heartbeat of T0 + 4 s");
        assertEquals(RejectReason.STALE_MARKET_DATA, check(Side.BUY, 2000_00, 1_0000, T0 + 9 * SECOND + 1), "no heartbeat since: stale");

        f.oms.onBookTrusted(VENUE, ETH, false);
        f.oms.onMarketDataAlive(T0 + 9 * SECOND);
        f.oms.onBookTrusted(VENUE, ETH, true);
        assertEquals(RejectReason.STALE_MARKET_DATA, check(Side.BUY, 2000_00, 1_0000, T0 + 9 * SECOND + 1), "untrusted: not refreshed");

        f.oms.onBook(VENUE, ETH, 2000_10, -2, 2000_00, -2, T0 + 9 * SECOND);
        f.oms.onMarketDataAlive(T0 + 9 * SECOND + 1);
        assertEquals(RejectReason.STALE_MARKET_DATA, check(Side.BUY, 2000_00, 1_0000, T0 + 9 * SECOND + 1), "crossed: no book to keep fresh");
    }

    @Test
    void aBookThatLostASideIsUnusableAndNotKeptFreshByALiveQuoteServer()
    {
        f.oms.onPositionSourceFresh(T0 + 9 * SECOND);
        f.oms.onBookWithoutMid(VENUE, ETH, T0 + SECOND);
        assertEquals(RejectReason.STALE_MARKET_DATA, check(Side.BUY, 2000_00, 1_0000, T0 + SECOND), "one side: no mid to collar against");
        f.oms.onMarketDataAlive(T0 + 2 * SECOND);
        assertEquals(RejectReason.STALE_MARKET_DATA, check(Side.BUY, 2000_00, 1_0000, T0 + 2 * SECOND), "the old two-sided mid is not revived");
        f.oms.onBook(VENUE, ETH, 2000_00, -2, 2000_10, -2, T0 + 3 * SECOND);
        assertNull(check(Side.BUY, 2000_00, 1_0000, T0 + 3 * SECOND), "usable again at the next two-sided book");
    }

    @Test
    void stalePositionsAreRefusedJustPastTheBoundAndBeforeAnyPosition()
    {
        assertNull(check(Side.BUY, 2000_00, 1_0000, T0 + 3 * SECOND));
        assertEquals(RejectReason.STALE_POSITION, check(Side.BUY, 2000_00, 1_0000, T0 + 3 * SECOND + 1));
        final ExposureBook empty = new ExposureBook();
        assertEquals(true, empty.isPositionStale(T0, 3 * SECOND), "nothing heard yet is stale");
    }

    @Test
    void killSwitchRefusesWhatItCoversOnly()
    {
        f.killSwitch.engage(KillScope.STRATEGY, 0, STRATEGY + 1, "other strategy");
        assertNull(check(Side.BUY, 2000_00, 1_0000, T0));
        f.killSwitch.engage(KillScope.VENUE, VENUE, 0, "this venue");
        assertEquals(RejectReason.KILL_SWITCH, check(Side.BUY, 2000_00, 1_0000, T0));
        f.killSwitch.clear(KillScope.ALL, 0, 0, "clear");
        assertNull(check(Side.BUY, 2000_00, 1_0000, T0));
    }

    @Test
    void malformedOrdersAreRefusedWithTheirReason()
    {
        final OrderRequest finePrice = f.limit(1, Side.BUY, 2000_001, 1_0000);
        finePrice.priceExponent = -3;
        assertEquals(RejectReason.PRICE_TICK, f.risk.check(finePrice, T0));
        final OrderRequest noPrice = f.limit(1, Side.BUY, FixedPoint.NULL_MANTISSA, 1_0000);
        assertEquals(RejectReason.PRICE_TICK, f.risk.check(noPrice, T0));
        final OrderRequest fineQty = f.limit(1, Side.BUY, 2000_00, 1_00001);
        fineQty.qtyExponent = -5;
        assertEquals(RejectReason.QTY_LOT, f.risk.check(fineQty, T0));
        assertEquals(RejectReason.QTY_LOT, check(Side.BUY, 2000_00, 0, T0));
        assertEquals(RejectReason.QTY_LOT, check(Side.BUY, 2000_00, -1_0000, T0));
        final OrderRequest otherInstrument = f.limit(1, Side.BUY, 2000_00, 1_0000);
        otherInstrument.instrumentId = 2;
        assertEquals(RejectReason.UNKNOWN_INSTRUMENT, f.risk.check(otherInstrument, T0));
        final OrderRequest noSide = f.request.set(STRATEGY, 1, VENUE, ETH, null, OrderType.LIMIT, TimeInForce.GTC, 2000_00, -2, 1_0000, -4);
        assertEquals(RejectReason.INTERNAL, f.risk.check(noSide, T0));
    }
}
