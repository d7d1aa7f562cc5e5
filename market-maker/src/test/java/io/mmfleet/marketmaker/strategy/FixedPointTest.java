package io.mmfleet.marketmaker.strategy;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FixedPointTest
{
    @Test
    void roundsToMultiplesTowardTheSideAsked()
    {
        assertEquals(299550, FixedPoint.floorToMultiple(299552, 5));
        assertEquals(299555, FixedPoint.ceilToMultiple(299552, 5));
        assertEquals(299550, FixedPoint.ceilToMultiple(299550, 5));
        assertEquals(-10, FixedPoint.floorToMultiple(-6, 5));
        assertEquals(-5, FixedPoint.ceilToMultiple(-6, 5));
    }

    @Test
    void anInventoryFinerThanTheLotIsRoundedAwayFromZero()
    {
        // 0.05 ETH bought with 0.00005 ETH of fee, as the position-server publishes it (8 decimals), at scale 4.
        assertEquals(500, FixedPoint.toScaleAwayFromZero(4_995_000, -8, 4, "netInventory"));
        assertEquals(-501, FixedPoint.toScaleAwayFromZero(-5_005_000, -8, 4, "netInventory"));
        assertEquals(500, FixedPoint.toScaleAwayFromZero(5_000_000, -8, 4, "netInventory"), "exact stays exact");
        assertEquals(0, FixedPoint.toScaleAwayFromZero(0, -8, 4, "netInventory"));
        assertEquals(1, FixedPoint.toScaleAwayFromZero(1, -30, 4, "netInventory"));
        assertEquals(500, FixedPoint.toScaleAwayFromZero(5, -2, 4, "netInventory"));
        assertThrows(IllegalArgumentException.class, () -> FixedPoint.toScaleAwayFromZero(Long.MAX_VALUE, 0, 4, "netInventory"));
    }

    @Test
    void aBinaryRepresentationErrorNeverCostsATick()
    {
        // 2999.99 × 100 is 299998.99999999994 in binary floating point; a plain floor would say 299998.
        assertEquals(299999, FixedPoint.floorMantissa(2999.99, 2));
        assertEquals(299999, FixedPoint.ceilMantissa(2999.99, 2));
        assertEquals(299998, FixedPoint.floorMantissa(2999.989, 2));
        assertEquals(299999, FixedPoint.ceilMantissa(2999.981, 2));
    }

    @Test
    void decimalsMoveBetweenScalesExactlyOrNotAtAll()
    {
        assertEquals(1, FixedPoint.toScaleExact(1, -2, 2, "tick"));
        assertEquals(100, FixedPoint.toScaleExact(1, 0, 2, "tick"));
        assertEquals(1, FixedPoint.toScaleExact(1000, -5, 2, "tick"));
        final IllegalArgumentException tooFine = assertThrows(IllegalArgumentException.class, () -> FixedPoint.toScaleExact(1, -3, 2, "tickSize"));
        assertTrue(tooFine.getMessage().contains("tickSize") && tooFine.getMessage().contains("more than 2 decimals"), tooFine.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FixedPoint.toScaleExact(Long.MAX_VALUE, 0, 2, "maxQty"));
        assertThrows(IllegalArgumentException.class, () -> FixedPoint.pow10(19));
    }

    @Test
    void anInventoryFinerThanTheScaleIsReadAwayFromZero()
    {
        assertEquals(1499, FixedPoint.toScaleAwayFromZero(14_985_000, -8, 4, "netInventory"), "0.14985 ETH (a base-asset fee taken) at 4 decimals");
        assertEquals(-1499, FixedPoint.toScaleAwayFromZero(-14_985_000, -8, 4, "netInventory"));
        assertEquals(1500, FixedPoint.toScaleAwayFromZero(15_000_000, -8, 4, "netInventory"), "exact stays exact");
        assertEquals(50_000, FixedPoint.toScaleAwayFromZero(5, 0, 4, "netInventory"));
        assertEquals(0, FixedPoint.toScaleAwayFromZero(0, -30, 4, "netInventory"));
        assertEquals(1, FixedPoint.toScaleAwayFromZero(1, -30, 4, "netInventory"));
        assertThrows(IllegalArgumentException.class, () -> FixedPoint.toScaleAwayFromZero(Long.MAX_VALUE, 0, 4, "netInventory"));
    }

    @Test
    void minimumsRoundUpAndSaturate()
    {
        // 5.00000001 at scale 6 is 5.000001 (up), not 5.000000.
        assertEquals(5_000_001, FixedPoint.toScaleCeil(500_000_001, -8, 6));
        assertEquals(5_000_000, FixedPoint.toScaleCeil(500_000_000, -8, 6));
        assertEquals(Long.MAX_VALUE, FixedPoint.toScaleCeil(Long.MAX_VALUE / 2, 0, 6));
    }
}
