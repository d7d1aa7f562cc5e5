package io.mmfleet.bus.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls a condition until a deadline — never a fixed sleep. */
public final class Await
{
    private Await()
    {
    }

    public static void until(final BooleanSupplier condition, final Duration timeout, final Supplier<String> whatFailed)
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("timed out after " + timeout + ": " + whatFailed.get());
            }
            Thread.onSpinWait();
            java.util.concurrent.locks.LockSupport.parkNanos(200_000);
        }
    }
}
