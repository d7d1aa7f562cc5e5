package io.mmfleet.exechandler.binance;

import io.mmfleet.exechandler.venue.VenueSymbol;
import io.mmfleet.sbe.OrderType;
import io.mmfleet.sbe.RejectReason;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class InstrumentRulesTest
{
    /** BTCUSDT-like: tick 0.01 in [0.01, 1000000], step 0.00001 in [0.00001, 9000], notional 5..9000000 USDT. */
    private static final VenueSymbol SYMBOL = new VenueSymbol("BTCUSDT", "BTC-USDT", 1, 2, 5);
    private static final InstrumentRules RULES = new InstrumentRules(SYMBOL, "TRADING", "BTC", "USDT",
        1, 1, 100_000_000, 1, 1, 900_000_000, 500_000_000L, 900_000_000_000_000L);

    @Test
    void acceptsAValidOrder()
    {
        assertNull(RULES.check(OrderType.LIMIT, 3_000_001, 100), "30000.01 x 0.001 = 30.00001");
        assertNull(RULES.check(OrderType.LIMIT_MAKER, 500, 100_000), "5.00 x 1 = 5: exactly the minimum");
    }

    @Test
    void priceRules()
    {
        final InstrumentRules coarse = new InstrumentRules(SYMBOL, "TRADING", "BTC", "USDT", 10, 10, 0, 1, 1, 0, 0, 0);
        assertEquals(RejectReason.PRICE_TICK, coarse.check(OrderType.LIMIT, 3_000_005, 100), "not a multiple of 0.10");
        assertNull(coarse.check(OrderType.LIMIT, 3_000_010, 100));
        assertEquals(RejectReason.PRICE_TICK, RULES.check(OrderType.LIMIT, 0, 100));
        assertEquals(RejectReason.PRICE_TICK, RULES.check(OrderType.LIMIT, -100, 100));
        assertEquals(RejectReason.PRICE_TICK, RULES.check(OrderType.LIMIT, 100_000_001, 100), "above maxPrice");
    }

    @Test
    void quantityRules()
    {
        final InstrumentRules stepped = new InstrumentRules(SYMBOL, "TRADING", "BTC", "USDT", 1, 0, 0, 10, 100, 1000, 0, 0);
        assertEquals(RejectReason.QTY_LOT, stepped.check(OrderType.LIMIT, 100, 105), "not a multiple of the step");
        assertEquals(RejectReason.QTY_LOT, stepped.check(OrderType.LIMIT, 100, 90), "below minQty");
        assertEquals(RejectReason.QTY_LOT, stepped.check(OrderType.LIMIT, 100, 1010), "above maxQty");
        assertEquals(RejectReason.QTY_LOT, stepped.check(OrderType.MARKET, 0, 0), "zero");
        assertNull(stepped.check(OrderType.LIMIT, 100, 1000));
        // Binance counts steps from minQty, and ticks from minPrice: (qty - minQty) % step == 0.
        final InstrumentRules offset = new InstrumentRules(SYMBOL, "TRADING", "BTC", "USDT", 10, 5, 0, 10, 15, 1000, 0, 0);
        assertNull(offset.check(OrderType.LIMIT, 25, 35), "0.25 = 0.05 + 2 ticks, 0.00035 = 0.00015 + 2 steps");
        assertEquals(RejectReason.QTY_LOT, offset.check(OrderType.LIMIT, 25, 30), "a multiple of the step, but not from minQty");
        assertEquals(RejectReason.PRICE_TICK, offset.check(OrderType.LIMIT, 20, 35), "a multiple of the tick, but not from minPrice");
    }

    @Test
    void notionalRules()
    {
        assertEquals(RejectReason.MIN_NOTIONAL, RULES.check(OrderType.LIMIT, 499, 100_000), "4.99 < 5");
        assertEquals(RejectReason.MAX_NOTIONAL, RULES.check(OrderType.LIMIT, 100_000_000, 900_000_000), "1000000 x 9000 > 9000000");
        final InstrumentRules noMax = new InstrumentRules(SYMBOL, "TRADING", "BTC", "USDT", 1, 0, 0, 1, 0, 0, 500_000_000L, 0);
        assertNull(noMax.check(OrderType.LIMIT, 100_000_000, 900_000_000));
    }

    @Test
    void marketOrdersSkipPriceAndNotional()
    {
        assertNull(RULES.check(OrderType.MARKET, 0, 1));
        assertEquals(RejectReason.QTY_LOT, RULES.check(OrderType.MARKET, 0, 900_000_001));
    }

    @Test
    void notionalOverflow()
    {
        final InstrumentRules open = new InstrumentRules(SYMBOL, "TRADING", "BTC", "USDT", 0, 0, 0, 0, 0, 0, 0, 0);
        assertEquals(RejectReason.NOTIONAL_OVERFLOW, open.check(OrderType.LIMIT, Long.MAX_VALUE / 2, 3));
        assertNull(open.check(OrderType.LIMIT, Long.MAX_VALUE / 2, 2));
    }
}
