package io.mmfleet.bus.testing;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One daemon of a test's fleet: its main class and /health port, and each of its runs as a
 * {@link JavaProcess} (a restart is a new run; every run's output is kept for failure messages).
 * Waiting for /health fails at once, with the daemon's output, if the run exits.
 */
public final class DaemonProcess implements AutoCloseable
{
    private final String name;
    private final Class<?> mainClass;
    private final int httpPort;
    private final List<JavaProcess> runs = new ArrayList<>();

    public DaemonProcess(final String name, final Class<?> mainClass, final int httpPort)
    {
        this.name = name;
        this.mainClass = mainClass;
        this.httpPort = httpPort;
    }

    public String name()
    {
        return name;
    }

    public int httpPort()
    {
        return httpPort;
    }

    /** A new run with these JVM arguments and program arguments; the earlier run, if any, must have exited. */
    public synchronized JavaProcess start(final List<String> jvmArgs, final String... args) throws IOException
    {
        if (!runs.isEmpty() && runs.get(runs.size() - 1).isAlive())
        {
            throw new IllegalStateException(name + " is still running");
        }
        final JavaProcess run = JavaProcess.start(name, mainClass.getName(), jvmArgs, args);
        runs.add(run);
        return run;
    }

    /** The latest run; fails if the daemon was never started. */
    public synchronized JavaProcess process()
    {
        if (runs.isEmpty())
        {
            throw new IllegalStateException(name + " was never started");
        }
        return runs.get(runs.size() - 1);
    }

    public synchronized boolean started()
    {
        return !runs.isEmpty();
    }

    /** /health answers 200. */
    public boolean healthy()
    {
        return DaemonHttp.healthStatus(httpPort) == 200;
    }

    /** Waits for the latest run's /health 200 (see {@link JavaProcess#awaitHealthy}). */
    public void awaitHealthy(final Duration timeout)
    {
        process().awaitHealthy(httpPort, timeout, () -> {});
    }

    /** kill -9 of the latest run, and waits for its exit. */
    public void kill(final Duration timeout) throws InterruptedException
    {
        final JavaProcess run = process();
        run.kill();
        run.awaitExit(timeout);
    }

    /** Every run's output, oldest first. */
    public synchronized String transcripts()
    {
        final StringBuilder all = new StringBuilder();
        runs.forEach(run -> all.append(run.transcript()).append('\n'));
        return all.toString();
    }

    /** Kills whatever still runs. */
    @Override
    public synchronized void close()
    {
        runs.forEach(JavaProcess::close);
    }
}
