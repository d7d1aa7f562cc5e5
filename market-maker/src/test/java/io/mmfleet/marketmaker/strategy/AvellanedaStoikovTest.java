package io.mmfleet.marketmaker.strategy;

import io.mmfleet.sbe.ModelType;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AvellanedaStoikovTest
{
    private static final long SECOND = 1_000_000_000L;
    private static final long DAY = 86_400 * SECOND;
    /** 2025-11-21T00:00:00Z. */
    private static final long MIDNIGHT = 20_413 * DAY;
    private static final double LN2 = 0.6931471805599453;

    @Test
    void finiteHorizonToTheSessionEnd()
    {
        // γ = 0.1, k = 0.1 → (2/γ)·ln(1 + γ/k) = 20 · ln 2 = 13.862943611198906.
        // Session end 00:00 UTC, now 23:59:00 → T − t = 60 s. s = 100, q = 2, σ = 0.5.
        // γσ²(T−t) = 0.1 · 0.25 · 60 = 1.5
        // r = 100 − 2 · 1.5 = 97.0
        // spread = 1.5 + 13.862943611198906 = 15.362943611198906, half 7.681471805599453
        // bid = 97 − 7.681471805599453 = 89.31852819440055, ask = 104.68147180559945
        final AvellanedaStoikov model = new AvellanedaStoikov(0.1, 0.1, Horizon.sessionEnd(0));
        final ModelQuote out = new ModelQuote();
        assertTrue(model.quote(100, 2, 0.5, MIDNIGHT + DAY - 60 * SECOND, out));
        assertEquals(97.0, out.reservationPrice(), 1e-9);
        assertEquals(89.31852819440055, out.bidPrice(), 1e-9);
        assertEquals(104.68147180559945, out.askPrice(), 1e-9);
        assertEquals(1.5 + 20 * LN2, out.askPrice() - out.bidPrice(), 1e-9);
        assertEquals(ModelType.AVELLANEDA_STOIKOV, model.type());
    }

    @Test
    void atTheSessionEndOnlyTheIntensityTermIsLeft()
    {
        // T − t = 0: r = s whatever q, spread = (2/γ)·ln(1 + γ/k) = 13.862943611198906.
        final AvellanedaStoikov model = new AvellanedaStoikov(0.1, 0.1, Horizon.sessionEnd(0));
        final ModelQuote out = new ModelQuote();
        assertTrue(model.quote(100, 5, 0.5, MIDNIGHT, out));
        assertEquals(100.0, out.reservationPrice(), 1e-12);
        assertEquals(100 - 10 * LN2, out.bidPrice(), 1e-9);
        assertEquals(100 + 10 * LN2, out.askPrice(), 1e-9);
    }

    @Test
    void infiniteHorizonIsAConstantWindow()
    {
        // Window 30 s: γσ²τ = 0.1 · 0.25 · 30 = 0.75; q = −1 (short) → r = 100 + 0.75 = 100.75
        // spread = 0.75 + 13.862943611198906 = 14.612943611198906, half 7.306471805599453
        // bid = 93.44352819440055, ask = 108.05647180559945; the same at any time of day.
        final AvellanedaStoikov model = new AvellanedaStoikov(0.1, 0.1, Horizon.rolling(30 * SECOND));
        final ModelQuote out = new ModelQuote();
        for (final long now : new long[] {MIDNIGHT, MIDNIGHT + 12 * 3600 * SECOND, MIDNIGHT + DAY - 1})
        {
            assertTrue(model.quote(100, -1, 0.5, now, out));
            assertEquals(100.75, out.reservationPrice(), 1e-9);
            assertEquals(93.44352819440055, out.bidPrice(), 1e-9);
            assertEquals(108.05647180559945, out.askPrice(), 1e-9);
        }
    }

    @Test
    void realisticEthParameters()
    {
        // γ = 0.1 /USDC, k = 20 /USDC, σ = 0.5 USDC/√s, τ = 60 s, s = 3000, q = 0.5 ETH.
        // γσ²τ = 0.1 · 0.25 · 60 = 1.5; r = 3000 − 0.5 · 1.5 = 2999.25
        // (2/γ)·ln(1 + γ/k) = 20 · ln(1.005) = 20 · 0.004987541511038968 = 0.09975083022077936
        // spread = 1.59975083022077936, half 0.79987541511038968
        final AvellanedaStoikov model = new AvellanedaStoikov(0.1, 20, Horizon.rolling(60 * SECOND));
        final ModelQuote out = new ModelQuote();
        assertTrue(model.quote(3000, 0.5, 0.5, MIDNIGHT, out));
        assertEquals(2999.25, out.reservationPrice(), 1e-9);
        assertEquals(2999.25 - 0.79987541511038968, out.bidPrice(), 1e-9);
        assertEquals(2999.25 + 0.79987541511038968, out.askPrice(), 1e-9);
    }

    @Test
    void horizonArithmetic()
    {
        final Horizon session = Horizon.sessionEnd(16 * 3600 * SECOND); // 16:00 UTC
        assertEquals(3600.0, session.secondsLeft(MIDNIGHT + 15 * 3600 * SECOND), 1e-9);
        assertEquals(0.0, session.secondsLeft(MIDNIGHT + 16 * 3600 * SECOND), 1e-9);
        assertEquals(86_399.0, session.secondsLeft(MIDNIGHT + 16 * 3600 * SECOND + SECOND), 1e-9);
        assertTrue(session.isFinite());
        assertFalse(Horizon.rolling(SECOND).isFinite());
        assertThrows(IllegalArgumentException.class, () -> Horizon.sessionEnd(DAY));
        assertThrows(IllegalArgumentException.class, () -> Horizon.rolling(0));
    }

    @Test
    void unusableInputsGiveNoQuote()
    {
        final AvellanedaStoikov model = new AvellanedaStoikov(0.1, 20, Horizon.rolling(SECOND));
        final ModelQuote out = new ModelQuote();
        assertFalse(model.quote(3000, 0, Double.NaN, 0, out));
        assertFalse(model.quote(3000, 0, -1, 0, out));
        assertFalse(model.quote(0, 0, 0.5, 0, out));
        assertFalse(model.quote(3000, Double.NaN, 0.5, 0, out));
        assertThrows(IllegalArgumentException.class, () -> new AvellanedaStoikov(0, 20, Horizon.rolling(SECOND)));
        assertThrows(IllegalArgumentException.class, () -> new AvellanedaStoikov(0.1, -1, Horizon.rolling(SECOND)));
    }
}
