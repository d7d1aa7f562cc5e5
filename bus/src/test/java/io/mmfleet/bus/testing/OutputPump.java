package io.mmfleet.bus.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A process's output read line by line on a daemon thread into a list the test reads while the
 * process runs, so a test waits for a line (or prints what it got) instead of blocking on a pipe.
 */
public final class OutputPump
{
    private OutputPump()
    {
    }

    /**
     * The output of a process started with {@code ProcessBuilder.redirectErrorStream(true)} (a launcher
     * in bin/ as an operator runs it), growing as it prints.
     */
    public static List<String> lines(final Process process, final String threadName)
    {
        final List<String> lines = new CopyOnWriteArrayList<>();
        start(process.getInputStream(), lines, threadName);
        return lines;
    }

    /** Reads {@code in} into {@code lines} until the stream ends; returns the reading thread, to join once the process exited. */
    public static Thread start(final InputStream in, final List<String> lines, final String threadName)
    {
        final Thread thread = new Thread(() ->
        {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)))
            {
                String line;
                while ((line = reader.readLine()) != null)
                {
                    lines.add(line);
                }
            }
            catch (final IOException ignored)
            {
                // the process went away; what it printed is kept
            }
        }, threadName);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
