package io.mmfleet.venuesim.engine;

import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EngineExecutorTest
{
    @Test
    void runsCallsOnTheEngineThreadAndSurvivesAFailingOne()
    {
        final EngineFixture f = new EngineFixture();
        try (EngineExecutor executor = new EngineExecutor(f.engine))
        {
            final CompletionException failure = assertThrows(CompletionException.class,
                () -> executor.submit(engine -> engine.depth("NOPE", 5)).join());
            assertInstanceOf(EngineReject.class, failure.getCause());

            assertEquals("engine", executor.submit(engine -> Thread.currentThread().getName()).join());
            final PlaceResult placed = executor.submit(engine -> engine.place(new NewOrder(EngineFixture.ZERO_FEES_A,
                EngineFixture.SYMBOL, null, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, 300_000, 1_000, 0,
                StpMode.NONE, 0))).join();
            assertEquals(1, placed.order().orderId());
        }
    }

    @Test
    void scheduledTaskKeepsRunningAfterItThrows()
    {
        final EngineFixture f = new EngineFixture();
        final AtomicInteger runs = new AtomicInteger();
        final AtomicReference<String> threadName = new AtomicReference<>();
        try (EngineExecutor executor = new EngineExecutor(f.engine))
        {
            executor.schedule(1, engine ->
            {
                threadName.set(Thread.currentThread().getName());
                if (runs.incrementAndGet() == 1)
                {
                    throw new IllegalStateException("first tick fails on purpose");
                }
            });
            final long deadline = System.nanoTime() + 10_000_000_000L;
            while (runs.get() < 3)
            {
                assertTrue(System.nanoTime() < deadline, () -> "only " + runs.get() + " runs within 10 s");
                LockSupport.parkNanos(1_000_000);
            }
            assertEquals("engine", threadName.get());
        }
    }

    @Test
    void submitAfterCloseCompletesExceptionally()
    {
        final EngineExecutor executor = new EngineExecutor(new EngineFixture().engine);
        executor.close();
        final CompletionException failure = assertThrows(CompletionException.class,
            () -> executor.submit(MatchingEngine::serverTimeMs).join());
        assertTrue(failure.getCause() instanceof IllegalStateException);
    }
}
