package io.mmfleet.venuesim.engine;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the engine thread: every call from any I/O thread goes through here, serialized. A failing call completes
 * its own future exceptionally; a failing scheduled task is logged and keeps its schedule. Neither kills the thread.
 */
public final class EngineExecutor implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(EngineExecutor.class);
    private static final long CLOSE_TIMEOUT_MS = 5_000;

    private final MatchingEngine engine;
    private final ScheduledThreadPoolExecutor thread;

    public EngineExecutor(final MatchingEngine engine)
    {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.thread = new ScheduledThreadPoolExecutor(1, runnable ->
        {
            final Thread t = new Thread(runnable, "engine");
            t.setDaemon(true);
            return t;
        });
        thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        thread.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        thread.prestartCoreThread();
    }

    public <T> CompletableFuture<T> submit(final Function<MatchingEngine, T> call)
    {
        Objects.requireNonNull(call, "call");
        final CompletableFuture<T> result = new CompletableFuture<>();
        try
        {
            thread.execute(() ->
            {
                try
                {
                    result.complete(call.apply(engine));
                }
                catch (final Throwable ex)
                {
                    result.completeExceptionally(ex);
                }
            });
        }
        catch (final RejectedExecutionException ex)
        {
            result.completeExceptionally(new IllegalStateException("engine executor is closed", ex));
        }
        return result;
    }

    /** Runs {@code task} on the engine thread every {@code periodMs}, first after one period. */
    public void schedule(final long periodMs, final Consumer<MatchingEngine> task)
    {
        Objects.requireNonNull(task, "task");
        if (periodMs <= 0)
        {
            throw new IllegalArgumentException("periodMs must be positive, got " + periodMs);
        }
        thread.scheduleAtFixedRate(() ->
        {
            try
            {
                task.accept(engine);
            }
            catch (final Throwable ex)
            {
                LOG.error("scheduled engine task failed; it stays scheduled", ex);
            }
        }, periodMs, periodMs, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close()
    {
        thread.shutdown();
        try
        {
            if (!thread.awaitTermination(CLOSE_TIMEOUT_MS, TimeUnit.MILLISECONDS))
            {
                thread.shutdownNow();
            }
        }
        catch (final InterruptedException ex)
        {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
