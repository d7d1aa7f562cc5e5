package io.mmfleet.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The fleet's programs as separate processes, each started by its launcher in {@code bin/} (which
 * execs the JVM, so the process is the daemon's own) with the benchmark's INI, its output in a log
 * file of its own. Stopped with SIGTERM, as systemd does; whatever is still running when this is
 * closed (or the JVM exits) is stopped too.
 */
final class FleetProcesses implements AutoCloseable
{
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final long POLL_MS = 100;

    private final Path root;
    private final Path work;
    private final Path ini;
    private final String javaOptions;
    private final Map<String, Process> running = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Thread shutdownHook = new Thread(this::stopAll, "fleet-processes-shutdown");
    private final List<AutoCloseable> closeWith = new ArrayList<>();

    /**
     * @param root        the repository (its {@code bin/} and built jars).
     * @param work        working directory of every process, and where the logs go.
     * @param javaOptions MMFLEET_JAVA_OPTS of every process (heap bounds).
     */
    FleetProcesses(final Path root, final Path work, final Path ini, final String javaOptions)
    {
        this.root = root;
        this.work = work;
        this.ini = ini;
        this.javaOptions = javaOptions;
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    synchronized void start(final String program) throws IOException
    {
        final Path launcher = root.resolve("bin").resolve(program);
        if (!Files.isExecutable(launcher))
        {
            throw new IllegalStateException("no launcher " + launcher);
        }
        final ProcessBuilder builder = new ProcessBuilder(launcher.toString(), "--config", ini.toString())
            .directory(work.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log(program).toFile());
        builder.environment().put("MMFLEET_JAVA_OPTS", javaOptions);
        running.put(program, builder.start());
    }

    Path log(final String program)
    {
        return work.resolve(program + ".log");
    }

    String logText(final String program)
    {
        try
        {
            return Files.exists(log(program)) ? Files.readString(log(program), StandardCharsets.UTF_8) : "";
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    void awaitLogLine(final String program, final String text, final Duration timeout)
    {
        await(program, () -> logText(program).contains(text), timeout, () -> "no '" + text + "' line");
    }

    void awaitHealthy(final String program, final int httpPort, final Duration timeout)
    {
        await(program, () -> healthStatus(httpPort) == 200, timeout, () -> "/health not 200");
    }

    /** The Prometheus text of a daemon's /metrics. */
    String metrics(final int httpPort) throws IOException
    {
        return get(httpPort, "/metrics").body();
    }

    /** @return the programs that are no longer running although nobody stopped them. */
    synchronized List<String> exited()
    {
        final List<String> exited = new ArrayList<>();
        running.forEach((program, process) ->
        {
            if (!process.isAlive())
            {
                exited.add(program + " (exit " + process.exitValue() + ")");
            }
        });
        return exited;
    }

    /** SIGTERM, then waits for the exit. @return the exit code; a process that does not stop in time is killed and fails. */
    int stop(final String program) throws InterruptedException
    {
        final Process process;
        synchronized (this)
        {
            process = running.remove(program);
        }
        if (process == null)
        {
            throw new IllegalStateException(program + " is not running");
        }
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
        {
            process.destroyForcibly();
            throw new IllegalStateException(program + " did not stop within " + STOP_TIMEOUT + " of SIGTERM; killed. Log: " + log(program));
        }
        return process.exitValue();
    }

    /** Something that listens to the fleet, closed once the processes are stopped. */
    void closeWith(final AutoCloseable resource)
    {
        closeWith.add(resource);
    }

    @Override
    public void close()
    {
        stopAll();
        for (final AutoCloseable resource : closeWith)
        {
            try
            {
                resource.close();
            }
            catch (final Exception ex)
            {
                // Closing a bus listener after the run: nothing depends on it any more.
            }
        }
        try
        {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        }
        catch (final IllegalStateException ex)
        {
            // Already shutting down: the hook is running or ran.
        }
    }

    /** Stops what is left, last started first (the market maker before the venue it trades on). */
    private synchronized void stopAll()
    {
        final List<Process> processes = new ArrayList<>(running.values());
        running.clear();
        for (int i = processes.size() - 1; i >= 0; i--)
        {
            processes.get(i).destroy();
        }
        for (final Process process : processes)
        {
            try
            {
                if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
                {
                    process.destroyForcibly();
                }
            }
            catch (final InterruptedException ex)
            {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private void await(final String program, final BooleanSupplier condition, final Duration timeout, final Supplier<String> what)
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean())
        {
            final Process process = process(program);
            if (process == null || !process.isAlive())
            {
                throw new IllegalStateException(program + " exited" + (process == null ? "" : " (" + process.exitValue() + ")") +
                    " before " + what.get() + "; its log, " + log(program) + ":\n" + tail(logText(program)));
            }
            if (System.nanoTime() - deadline > 0)
            {
                throw new IllegalStateException(program + ": " + what.get() + " after " + timeout + "; its log, " + log(program) +
                    ":\n" + tail(logText(program)));
            }
            try
            {
                Thread.sleep(POLL_MS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + program, ex);
            }
        }
    }

    private synchronized Process process(final String program)
    {
        return running.get(program);
    }

    private int healthStatus(final int port)
    {
        try
        {
            return get(port, "/health").statusCode();
        }
        catch (final IOException ex)
        {
            return -1;
        }
    }

    private HttpResponse<String> get(final int port, final String path) throws IOException
    {
        try
        {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", ex);
        }
    }

    private static String tail(final String log)
    {
        final String[] lines = log.split("\n");
        final int from = Math.max(0, lines.length - 30);
        return String.join("\n", Arrays.copyOfRange(lines, from, lines.length));
    }
}
