package io.mmfleet.busctl;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code bin/fleet} without starting a fleet: bad command lines exit 2 with a message, and pid files
 * whose process is gone (or is some other program) are reported stale and cleared, never taken for a
 * running daemon. The script runs from a copy in a temp tree, so its var/ is the test's own.
 */
class FleetScriptTest
{
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path tree;

    private record Result(int exit, String out, String err)
    {
    }

    private Path fleet() throws IOException
    {
        if (Files.exists(tree.resolve("bin/fleet")))
        {
            return tree.resolve("bin/fleet");
        }
        Files.createDirectories(tree.resolve("bin"));
        Files.createDirectories(tree.resolve("config"));
        final Path script = Files.copy(REPO.resolve("bin/fleet"), tree.resolve("bin/fleet"));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.copy(REPO.resolve("config/fleet.ini"), tree.resolve("config/fleet.ini"));
        return script;
    }

    private Result run(final String... args) throws Exception
    {
        final List<String> command = new ArrayList<>(List.of(fleet().toString()));
        command.addAll(List.of(args));
        return run(command);
    }

    private static Result run(final List<String> command) throws Exception
    {
        final Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        final String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        final String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "bin/fleet did not finish: " + command);
        return new Result(process.exitValue(), out, err);
    }

    private void assertUsage(final String message, final String... args) throws Exception
    {
        final Result result = run(args);
        assertEquals(2, result.exit(), () -> String.join(" ", args) + "\n" + result);
        assertTrue(result.err().startsWith("bin/fleet: " + message + "\nusage: bin/fleet demo"), () -> String.join(" ", args) + "\n" + result);
        assertEquals("", result.out(), "nothing started or printed");
    }

    @Test
    void badCommandLinesExitTwo() throws Exception
    {
        assertUsage("a command is needed");
        assertUsage("unknown command 'start'", "start");
        assertUsage("--duration must be whole seconds or minutes, e.g. 60s or 2m, got 'soon'", "demo", "--duration", "soon");
        assertUsage("--duration must be whole seconds or minutes, e.g. 60s or 2m, got '1.5s'", "demo", "--duration=1.5s");
        assertUsage("--duration must be 1s..24h, got '0s'", "demo", "--duration", "0s");
        assertUsage("--duration needs a value, e.g. 60s", "demo", "--duration");
        assertUsage("--duration is for demo only", "up", "--duration", "60s");
        assertUsage("unknown argument 'now' for down", "down", "now");
        assertUsage("no config file 'missing.ini'", "status", "--config", "missing.ini");
    }

    @Test
    void helpExitsZero() throws Exception
    {
        final Result result = run("--help");
        assertEquals(0, result.exit(), result::toString);
        assertTrue(result.out().contains("bin/fleet demo [--duration 60s]") && result.out().contains("bin/fleet status"), result::toString);
    }

    @Test
    void stalePidFilesAreDetectedAndCleared() throws Exception
    {
        fleet();
        final Path run = Files.createDirectories(tree.resolve("var/run"));
        // A process that has ended, and a live one that is not the daemon (this JVM).
        final Process ended = new ProcessBuilder("true").start();
        assertTrue(ended.waitFor(30, TimeUnit.SECONDS));
        Files.writeString(run.resolve("oms.pid"), ended.pid() + "\n");
        Files.writeString(run.resolve("oms.exit"), "137\n");
        Files.writeString(run.resolve("market-maker.pid"), ProcessHandle.current().pid() + "\n");

        final Result status = run(List.of(tree.resolve("bin/fleet").toString(), "status"));
        assertEquals(1, status.exit(), status::toString);
        final String omsRow = status.out().lines().filter(line -> line.startsWith("oms ")).findFirst().orElseThrow();
        assertTrue(omsRow.matches("oms +" + ended.pid() + " +dead \\(stale pid file\\) +exit code 137, log var/log/oms.log"), omsRow);
        final String makerRow = status.out().lines().filter(line -> line.startsWith("market-maker ")).findFirst().orElseThrow();
        assertTrue(makerRow.contains("dead (stale pid file)"), "a live process of another program is not the daemon: " + makerRow);
        assertTrue(status.out().lines().anyMatch(line -> line.matches("venue-sim +- +stopped +-")), status::toString);

        final Result down = run(List.of(tree.resolve("bin/fleet").toString(), "down"));
        assertEquals(0, down.exit(), down::toString);
        assertTrue(down.out().contains("oms not running (stale pid file, exit code 137); pid file removed"), down::toString);
        assertTrue(down.out().contains("market-maker not running (stale pid file, exit code unknown); pid file removed"), down::toString);
        assertFalse(Files.exists(run.resolve("oms.pid")));
        assertFalse(Files.exists(run.resolve("market-maker.pid")));
        assertTrue(ProcessHandle.current().isAlive(), "down signalled nothing it did not start");

        final Result again = run(List.of(tree.resolve("bin/fleet").toString(), "down"));
        assertEquals(0, again.exit(), again::toString);
        assertEquals("", again.out(), "nothing left to stop");
    }
}
