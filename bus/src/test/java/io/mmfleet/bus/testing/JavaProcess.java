package io.mmfleet.bus.testing;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real JVM process started from a test, with the test's own classpath, its output captured line
 * by line so a test can wait for a line (readiness) instead of sleeping. Integration tests of every
 * module use it.
 */
public final class JavaProcess implements AutoCloseable
{
    private final String name;
    private final Process process;
    private final List<String> stdout = new CopyOnWriteArrayList<>();
    private final List<String> stderr = new CopyOnWriteArrayList<>();
    private final Writer stdin;
    private final Thread stdoutPump;
    private final Thread stderrPump;
    /** Kills the process when the test JVM exits without having closed it (an after-all that never ran). */
    private final Thread reaper;

    private JavaProcess(final String name, final Process process)
    {
        this.name = name;
        this.process = process;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        stdoutPump = OutputPump.start(process.getInputStream(), stdout, name + "-stdout");
        stderrPump = OutputPump.start(process.getErrorStream(), stderr, name + "-stderr");
        reaper = new Thread(() ->
        {
            if (process.isAlive())
            {
                process.toHandle().destroyForcibly();
            }
        }, name + "-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    /** Starts {@code mainClass} in a new JVM with the current classpath. */
    public static JavaProcess start(final String name, final Class<?> mainClass, final String... args) throws IOException
    {
        return start(name, mainClass.getName(), List.of(), args);
    }

    public static JavaProcess start(final String name, final String mainClass, final List<String> jvmArgs, final String... args) throws IOException
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--add-exports");
        command.add("java.base/jdk.internal.misc=ALL-UNNAMED");
        command.add("-Xmx256m");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(List.of(args));
        return new JavaProcess(name, new ProcessBuilder(command).start());
    }

    /** Waits for a stdout line matching {@code predicate}; fails with everything printed so far. */
    public String awaitStdout(final Predicate<String> predicate, final Duration timeout)
    {
        return await(stdout, predicate, timeout, "stdout");
    }

    public String awaitStderr(final Predicate<String> predicate, final Duration timeout)
    {
        return await(stderr, predicate, timeout, "stderr");
    }

    private String await(final List<String> lines, final Predicate<String> predicate, final Duration timeout, final String what)
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline)
        {
            for (final String line : lines)
            {
                if (predicate.test(line))
                {
                    return line;
                }
            }
            if (!process.isAlive())
            {
                try
                {
                    awaitPumps();
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", ex);
                }
                for (final String line : lines)
                {
                    if (predicate.test(line))
                    {
                        return line;
                    }
                }
                throw new AssertionError(name + " exited (" + process.exitValue() + ") without the expected " + what + " line\n" + transcript());
            }
            try
            {
                Thread.sleep(5);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", ex);
            }
        }
        throw new AssertionError(name + ": no expected " + what + " line within " + timeout + "\n" + transcript());
    }

    /**
     * Polls the daemon's /health on {@code httpPort} until it answers 200, running {@code eachPoll}
     * first each time (the rig's own bus work, which the daemon may need to become ready); fails at
     * once, with everything it printed, if the process exits.
     */
    public void awaitHealthy(final int httpPort, final Duration timeout, final Runnable eachPoll)
    {
        Await.until(() ->
        {
            eachPoll.run();
            if (!process.isAlive())
            {
                try
                {
                    awaitPumps();
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                }
                throw new AssertionError(name + " exited (" + process.exitValue() + ") before its /health answered 200\n" + transcript());
            }
            return DaemonHttp.healthStatus(httpPort) == 200;
        }, timeout, () -> name + ": /health not 200 within " + timeout + " (" + DaemonHttp.healthStatus(httpPort) + ")\n" + transcript());
    }

    /** After exit, the last lines may still be in the pipes: let the pumps read them all. */
    private void awaitPumps() throws InterruptedException
    {
        stdoutPump.join(10_000);
        stderrPump.join(10_000);
    }

    public void writeLine(final String line) throws IOException
    {
        stdin.write(line);
        stdin.write('\n');
        stdin.flush();
    }

    /** Waits for exit; fails if it does not exit in time. */
    public int awaitExit(final Duration timeout) throws InterruptedException
    {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS))
        {
            throw new AssertionError(name + " did not exit within " + timeout + "\n" + transcript());
        }
        awaitPumps();
        return process.exitValue();
    }

    /** SIGTERM. Through the handle: {@code Process.destroy()} also closes our end of the pipes and loses the last lines. */
    public void terminate()
    {
        process.toHandle().destroy();
    }

    /** SIGKILL. */
    public void kill()
    {
        process.toHandle().destroyForcibly();
    }

    public long pid()
    {
        return process.pid();
    }

    public boolean isAlive()
    {
        return process.isAlive();
    }

    public List<String> stdout()
    {
        return List.copyOf(stdout);
    }

    public List<String> stderr()
    {
        return List.copyOf(stderr);
    }

    /** Everything the process printed, for failure messages. */
    public String transcript()
    {
        return "--- " + name + " stdout ---\n" + String.join("\n", stdout) + "\n--- " + name + " stderr ---\n" + String.join("\n", stderr);
    }

    @Override
    public void close()
    {
        try
        {
            Runtime.getRuntime().removeShutdownHook(reaper);
        }
        catch (final IllegalStateException ex)
        {
            // The JVM is exiting: the reaper runs anyway.
        }
        if (process.isAlive())
        {
            process.destroyForcibly();
            try
            {
                process.waitFor(10, TimeUnit.SECONDS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
    }
}
