package io.mmfleet.venuesim.market;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import io.mmfleet.venuesim.engine.FeeSchedule;
import io.mmfleet.venuesim.engine.NewOrder;
import io.mmfleet.venuesim.engine.OrderType;
import io.mmfleet.venuesim.engine.Side;
import io.mmfleet.venuesim.engine.StpMode;
import io.mmfleet.venuesim.engine.TimeInForce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rests a bid and an ask at several distances δ from a fixed mid (σ = 0, so the distance is exact), re-places each
 * as soon as it fills, and checks the measured fill intensity against A·exp(−k·δ).
 *
 * <p>An order is re-placed only between ticks, so a second arrival reaching it within the same tick cannot fill it
 * again: per tick and side it fills with probability p(δ) = 1 − exp(−A·exp(−k·δ)·dt), and its fill count over N ticks
 * is Binomial(N, p). The intensity estimate is λ̂ = −ln(1 − p̂)/dt, whose log is fitted linearly against δ.
 */
class TakerIntensityFitTest
{
    private static final long SEED = 20_261_121L;
    private static final double A = 10.0;            // arrivals per second per side
    private static final double K = 1.0;             // per USDT
    private static final long TICK_MS = 100;
    private static final int TICKS = 20_000;         // 2000 simulated seconds
    private static final long MID = 300_000;         // 3000.00
    private static final double[] DELTAS = {0.25, 0.5, 1.0, 1.5, 2.0, 2.5};
    private static final long ACCOUNT = 7;
    private static final long ORDER_QTY = 10;        // 0.010 ETH

    @Test
    void fillIntensityAtEachDistanceFitsAExpMinusKDelta()
    {
        final MarketFixture f = new MarketFixture(ACCOUNT);
        final SyntheticMarket market = new SyntheticMarket(new SyntheticMarketConfig(MarketFixture.SYMBOL, MID,
            SyntheticMarketConfig.Walk.ARITHMETIC, 0.0, TICK_MS, 5, 1_000, 10, A, K, 100, SEED), f.engine);
        f.engine.addAccount(ACCOUNT, new FeeSchedule(0, 0));
        f.engine.deposit(ACCOUNT, "ETH", 1_000_000_000_000L);
        f.engine.deposit(ACCOUNT, "USDT", 1_000_000_000_000_000L);

        final int n = DELTAS.length;
        final long[] bidIds = new long[n];
        final long[] askIds = new long[n];
        final long[] fills = new long[n];
        for (int i = 0; i < n; i++)
        {
            bidIds[i] = rest(f, Side.BUY, i);
            askIds[i] = rest(f, Side.SELL, i);
        }
        for (int t = 0; t < TICKS; t++)
        {
            f.clock.addAndGet(TICK_MS);
            market.tick();
            for (int i = 0; i < n; i++)
            {
                if (f.filledOrderIds.contains(bidIds[i]))
                {
                    fills[i]++;
                    bidIds[i] = rest(f, Side.BUY, i);
                }
                if (f.filledOrderIds.contains(askIds[i]))
                {
                    fills[i]++;
                    askIds[i] = rest(f, Side.SELL, i);
                }
            }
            f.filledOrderIds.clear();
        }
        assertEquals(MID, market.mid());

        final double dt = TICK_MS / 1000.0;
        final double trials = 2.0 * TICKS;
        final double[] logIntensity = new double[n];
        final double[] logIntensityVariance = new double[n];
        for (int i = 0; i < n; i++)
        {
            final double p = 1 - Math.exp(-A * Math.exp(-K * DELTAS[i]) * dt);
            final double expected = trials * p;
            final double sd = Math.sqrt(trials * p * (1 - p));
            final int index = i;
            assertTrue(Math.abs(fills[i] - expected) <= 4 * sd, () -> "δ=" + DELTAS[index] + ": " + fills[index] +
                " fills, expected " + expected + " ± " + sd);

            final double pHat = fills[i] / trials;
            final double lambdaHat = -Math.log(1 - pHat) / dt;
            logIntensity[i] = Math.log(lambdaHat);
            // Delta method: d ln λ̂ / d p̂ = 1 / ((1 − p̂) · −ln(1 − p̂)).
            final double slope = 1 / ((1 - pHat) * -Math.log(1 - pHat));
            logIntensityVariance[i] = slope * slope * pHat * (1 - pHat) / trials;
        }

        double meanDelta = 0;
        double meanLog = 0;
        for (int i = 0; i < n; i++)
        {
            meanDelta += DELTAS[i] / n;
            meanLog += logIntensity[i] / n;
        }
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < n; i++)
        {
            sxx += (DELTAS[i] - meanDelta) * (DELTAS[i] - meanDelta);
            sxy += (DELTAS[i] - meanDelta) * (logIntensity[i] - meanLog);
        }
        final double fittedSlope = sxy / sxx;
        final double fittedIntercept = meanLog - fittedSlope * meanDelta;
        double slopeVariance = 0;
        double interceptVariance = 0;
        for (int i = 0; i < n; i++)
        {
            final double slopeWeight = (DELTAS[i] - meanDelta) / sxx;
            final double interceptWeight = 1.0 / n - meanDelta * slopeWeight;
            slopeVariance += slopeWeight * slopeWeight * logIntensityVariance[i];
            interceptVariance += interceptWeight * interceptWeight * logIntensityVariance[i];
        }
        // Every distance is reached by the same arrivals, so the points are not independent: the arrival count's
        // own Poisson noise, relative variance 1/(2·A·T), shifts every ln λ̂ alike. It moves the intercept only.
        interceptVariance += 1.0 / (2 * A * TICKS * dt);
        final double slopeSe = Math.sqrt(slopeVariance);
        final double interceptSe = Math.sqrt(interceptVariance);
        assertTrue(Math.abs(fittedSlope + K) <= 4 * slopeSe,
            () -> "fitted −k " + fittedSlope + " vs " + -K + " ± " + slopeSe);
        assertTrue(Math.abs(fittedIntercept - Math.log(A)) <= 4 * interceptSe,
            () -> "fitted ln A " + fittedIntercept + " vs " + Math.log(A) + " ± " + interceptSe);
        // The standard errors themselves must be small enough for the check to mean something.
        assertTrue(slopeSe < 0.02, "slope standard error " + slopeSe);

        assertTrue(f.free(MarketAccount.ID, "ETH") > MarketAccount.FUNDING / 2);
        assertTrue(f.free(MarketAccount.ID, "USDT") > MarketAccount.FUNDING / 2);
        System.out.printf("taker fit (seed %d): fills %s, −k %.4f ± %.4f, ln A %.4f ± %.4f, takers %d%n", SEED,
            Arrays.toString(fills), fittedSlope, slopeSe, fittedIntercept, interceptSe, market.takersSent());
    }

    private static long rest(final MarketFixture f, final Side side, final int deltaIndex)
    {
        final long offset = Math.round(DELTAS[deltaIndex] * 100);
        final long price = side == Side.BUY ? MID - offset : MID + offset;
        return f.engine.place(new NewOrder(ACCOUNT, MarketFixture.SYMBOL, null, side, OrderType.LIMIT,
            TimeInForce.GTC, price, ORDER_QTY, 0, StpMode.NONE, f.clock.get())).order().orderId();
    }
}
