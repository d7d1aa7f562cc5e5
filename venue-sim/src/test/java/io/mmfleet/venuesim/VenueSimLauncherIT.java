package io.mmfleet.venuesim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/venue-sim as an operator runs it: a real process on ephemeral ports, serving a live synthetic market. */
class VenueSimLauncherIT
{
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern LISTENING = Pattern.compile("event=listening rest=(\\d+) stream=(\\d+) wsapi=(\\d+)");

    @TempDir
    Path dir;

    @Test
    void servesTheSyntheticMarketAndStopsOnSigterm() throws Exception
    {
        final Path config = config();
        final Process process = new ProcessBuilder("bash", ROOT.resolve("bin/venue-sim").toString(), "--config",
            config.toString()).redirectErrorStream(true).start();
        try
        {
            final BlockingQueue<String> lines = drain(process);
            final Matcher listening = awaitLine(lines, LISTENING, 30_000);
            final int restPort = Integer.parseInt(listening.group(1));
            assertTrue(ProcessHandle.of(process.pid()).flatMap(h -> h.info().command()).orElse("").endsWith("java"),
                "the launcher execs the JVM, so its pid is the daemon's");

            final HttpClient http = HttpClient.newHttpClient();
            final long deadline = System.currentTimeMillis() + 10_000;
            String depth = "";
            while (System.currentTimeMillis() < deadline && !depth.contains("\"bids\":[["))
            {
                depth = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + restPort
                    + "/api/v3/depth?symbol=ETHUSDT&limit=5")).build(), HttpResponse.BodyHandlers.ofString()).body();
            }
            assertTrue(depth.contains("\"bids\":[["), "the synthetic market quotes: " + depth);
        }
        finally
        {
            process.destroy();
            assertTrue(process.waitFor(15, TimeUnit.SECONDS), "venue-sim stops on SIGTERM");
            assertEquals(0, process.exitValue(), "a stop on SIGTERM is clean, exit 0 (as systemd and bin/fleet expect)");
        }
    }

    @Test
    void badConfigExitsTwo() throws Exception
    {
        final Path bad = dir.resolve("bad.ini");
        Files.writeString(bad, Files.readString(config()).replace("TICK_SIZE = 0.01", "TICK_SIZE = -1"));
        final Process process = new ProcessBuilder("bash", ROOT.resolve("bin/venue-sim").toString(), "--config",
            bad.toString()).redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(2, process.exitValue(), output);
        assertTrue(output.contains("[venue-sim.ETHUSDT] TICK_SIZE"), output);
    }

    private Path config() throws Exception
    {
        final Path apiKey = dir.resolve("mm.api-key");
        final Path secret = dir.resolve("mm.secret-key");
        Files.writeString(apiKey, "launcherTestApiKey\n");
        Files.writeString(secret, "launcherTestSecret\n");
        final String text = Files.readString(ROOT.resolve("config/fleet.ini"))
            .replace("REST_PORT = 8610", "REST_PORT = 0")
            .replace("STREAM_PORT = 8611", "STREAM_PORT = 0")
            .replace("WS_API_PORT = 8612", "WS_API_PORT = 0")
            .replace("var/secrets/venue-sim-mm.api-key", apiKey.toString())
            .replace("var/secrets/venue-sim-mm.secret-key", secret.toString());
        final Path file = dir.resolve("fleet.ini");
        Files.writeString(file, text);
        return file;
    }

    private static BlockingQueue<String> drain(final Process process)
    {
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        final Thread reader = new Thread(() ->
        {
            try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)))
            {
                String line;
                while ((line = in.readLine()) != null)
                {
                    lines.add(line);
                }
            }
            catch (final java.io.IOException ignored)
            {
                // the process is gone; the awaiting test fails on its deadline with what it saw
            }
        }, "venue-sim-output");
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    private static Matcher awaitLine(final BlockingQueue<String> lines, final Pattern pattern, final long timeoutMs)
        throws InterruptedException
    {
        final long deadline = System.currentTimeMillis() + timeoutMs;
        final StringBuilder seen = new StringBuilder();
        while (System.currentTimeMillis() < deadline)
        {
            final String line = lines.poll(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
            if (line == null)
            {
                break;
            }
            seen.append(line).append('\n');
            final Matcher m = pattern.matcher(line);
            if (m.find())
            {
                return m;
            }
        }
        throw new AssertionError("no line matching " + pattern + " within " + timeoutMs + " ms; output:\n" + seen);
    }
}
