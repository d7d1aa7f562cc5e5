package io.mmfleet.busctl;

import com.sun.net.httpserver.HttpServer;
import io.mmfleet.bus.testing.Await;
import io.mmfleet.bus.testing.Ports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
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

    /** bin/fleet's daemons and their main classes, in start order. */
    private static final Map<String, String> MAIN_CLASSES = new LinkedHashMap<>();

    static
    {
        MAIN_CLASSES.put("venue-sim", "io.mmfleet.venuesim.VenueSimMain");
        MAIN_CLASSES.put("quote-server", "io.mmfleet.quoteserver.QuoteServerMain");
        MAIN_CLASSES.put("exec-handler", "io.mmfleet.exechandler.ExecHandlerMain");
        MAIN_CLASSES.put("position-server", "io.mmfleet.positionserver.PositionServerMain");
        MAIN_CLASSES.put("oms", "io.mmfleet.oms.OmsMain");
        MAIN_CLASSES.put("market-maker", "io.mmfleet.marketmaker.MarketMakerMain");
    }

    /**
     * A tree where bin/fleet finds its jars "built" and runs the launchers given (daemon to script
     * body), with an INI whose health ports are those given (venue-sim's REST_PORT, the others' HTTP_PORT).
     */
    /**
     * A launcher per daemon running FakeFleetDaemon (its /health on a free port, recorded in
     * {@code ports}) that takes {@code stopMs} to stop; {@code prefix} runs before its exec.
     */
    private Map<String, String> standInLaunchers(final Map<String, Integer> ports, final int stopMs,
        final java.util.function.Function<String, String> prefix)
    {
        final String java = ProcessHandle.current().info().command().orElse("java");
        final String classpath = System.getProperty("java.class.path");
        final Map<String, String> launchers = new LinkedHashMap<>();
        for (final Map.Entry<String, String> daemon : MAIN_CLASSES.entrySet())
        {
            final int port = Ports.free();
            ports.put(daemon.getKey(), port);
            launchers.put(daemon.getKey(), prefix.apply(daemon.getKey()) + "exec '" + java + "' -Xmx32m -XX:TieredStopAtLevel=1 -cp '" +
                classpath + "' " + FakeFleetDaemon.class.getName() + " " + daemon.getValue() + " " + port + " " + stopMs + " '" + tree + "'");
        }
        return launchers;
    }

    private Path fakeFleet(final Map<String, String> launcherBodies, final Map<String, Integer> ports, final String busctlBody) throws IOException
    {
        fleet();
        final StringBuilder ini = new StringBuilder();
        for (final String daemon : MAIN_CLASSES.keySet())
        {
            Files.createDirectories(tree.resolve(daemon + "/target/lib"));
            Files.writeString(tree.resolve(daemon + "/target/" + daemon + ".jar"), "");
            script(tree.resolve("bin/" + daemon), launcherBodies.get(daemon));
            ini.append('[').append(daemon).append("]\n").append("venue-sim".equals(daemon) ? "REST_PORT" : "HTTP_PORT")
                .append(" = ").append(ports.get(daemon)).append("\n\n");
        }
        Files.createDirectories(tree.resolve("busctl/target/lib"));
        Files.writeString(tree.resolve("busctl/target/busctl.jar"), "");
        script(tree.resolve("bin/busctl"), busctlBody);
        return Files.writeString(tree.resolve("config/fake.ini"), ini.toString());
    }

    private static void script(final Path path, final String body) throws IOException
    {
        Files.writeString(path, "#!/usr/bin/env bash\n" + body + "\n");
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** The fake daemons (FakeFleetDaemon JVMs) started from this test's tree, still alive. */
    private List<ProcessHandle> fakeDaemonsAlive()
    {
        final String marker = tree.toString();
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine()
            .map(line -> line.contains(FakeFleetDaemon.class.getName()) && line.contains(marker)).orElse(false)).toList();
    }

    /**
     * A second clone on the same machine while another fleet serves the INI's ports: its daemons cannot
     * bind and exit, so up must fail — not take the other fleet's /health for its own daemons' readiness.
     */
    @Test
    void upOnPortsAnotherFleetServesFailsInsteadOfReportingItsHealth() throws Exception
    {
        final HttpServer otherFleet = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        otherFleet.createContext("/", exchange ->
        {
            final byte[] body = "{\"status\":\"ready\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        otherFleet.start();
        try
        {
            final Map<String, String> launchers = new LinkedHashMap<>();
            final Map<String, Integer> ports = new LinkedHashMap<>();
            for (final String daemon : MAIN_CLASSES.keySet())
            {
                // As a daemon whose port is taken: a moment to start, then a bind error.
                launchers.put(daemon, "sleep 1; echo \"" + daemon + ": address already in use\" >&2; exit 1");
                ports.put(daemon, otherFleet.getAddress().getPort());
            }
            final Path ini = fakeFleet(launchers, ports, "exit 1");

            final Result up = run(List.of(tree.resolve("bin/fleet").toString(), "up", "--config", ini.toString()));

            assertEquals(1, up.exit(), up::toString);
            assertFalse(up.out().contains("venue-sim ready"), "another fleet's /health is not ours: " + up);
            assertTrue(up.err().contains("already answers"), up::toString);
        }
        finally
        {
            otherFleet.stop(0);
        }
    }

    /**
     * Ctrl-C while the demo stops the fleet at its end (each daemon may take seconds to stop): the
     * fleet must still be stopped, every daemon of it, before bin/fleet exits.
     */
    @Test
    void anInterruptWhileTheDemoStopsTheFleetStillStopsEveryDaemon() throws Exception
    {
        final Map<String, Integer> ports = new LinkedHashMap<>();
        final Map<String, String> launchers = standInLaunchers(ports, 1500, daemon -> "");
        final Path ini = fakeFleet(launchers, ports,
            "echo '# watching fake' >&2; trap 'echo fake report; exit 0' TERM; while true; do sleep 0.1; done");
        final Process demo = new ProcessBuilder(tree.resolve("bin/fleet").toString(), "demo", "--duration", "1s", "--config", ini.toString())
            .redirectErrorStream(true).start();
        demo.getOutputStream().close();
        final List<String> output = new CopyOnWriteArrayList<>();
        final Thread reader = new Thread(() ->
        {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8)))
            {
                String line;
                while ((line = lines.readLine()) != null)
                {
                    output.add(line);
                }
            }
            catch (final IOException ex)
            {
                output.add("(reading failed: " + ex + ")");
            }
        });
        reader.start();
        try
        {
            Await.until(() -> output.stream().anyMatch(line -> line.startsWith("== stopping the fleet")), Duration.ofSeconds(90),
                () -> "the demo never came to stop the fleet: " + output);
            new ProcessBuilder("kill", "-INT", Long.toString(demo.pid())).inheritIO().start().waitFor();
            assertTrue(demo.waitFor(90, TimeUnit.SECONDS), "bin/fleet did not finish: " + output);
            reader.join(5_000);

            Await.until(() -> fakeDaemonsAlive().isEmpty(), Duration.ofSeconds(20),
                () -> "daemons left running after bin/fleet exited: " + fakeDaemonsAlive().stream()
                    .map(p -> p.pid() + " " + p.info().arguments().map(a -> a[a.length - 4]).orElse("?")).toList() + "\n" + String.join("\n", output));
        }
        finally
        {
            demo.destroyForcibly();
            fakeDaemonsAlive().forEach(ProcessHandle::destroyForcibly);
        }
    }

    /**
     * A pid file left by a daemon of this clone that died, its pid since reused by the same daemon of
     * another clone (same main class, same user): that process is not this fleet's, and down must not
     * stop it.
     */
    @Test
    void aPidReusedByTheSameDaemonOfAnotherCloneIsNotStopped(@TempDir final Path otherClone) throws Exception
    {
        fleet();
        final Path run = Files.createDirectories(tree.resolve("var/run"));
        final String java = ProcessHandle.current().info().command().orElse("java");
        final Process otherOms = new ProcessBuilder(java, "-Xmx32m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
            FakeFleetDaemon.class.getName(), "io.mmfleet.oms.OmsMain", Integer.toString(Ports.free()), "0", otherClone.toString())
            .directory(otherClone.toFile()).redirectErrorStream(true).start();
        try
        {
            Files.writeString(run.resolve("oms.pid"), otherOms.pid() + "\n");

            final Result down = run(List.of(tree.resolve("bin/fleet").toString(), "down"));

            assertTrue(otherOms.isAlive(), "bin/fleet down stopped another clone's oms: " + down);
            assertEquals(0, down.exit(), down::toString);
            assertTrue(down.out().contains("oms not running (stale pid file"), down::toString);
        }
        finally
        {
            otherOms.destroyForcibly();
        }
    }

    /**
     * down while up is still starting the fleet: up would go on starting daemons down had already
     * passed (down sweeps last started first), leaving them running after down said the fleet was
     * stopped. One bin/fleet at a time starts or stops the fleet: down is refused while up runs, and
     * works once it is done (the daemons up started do not hold the lock).
     */
    @Test
    void downWhileUpIsStartingIsRefusedAndWorksAfter() throws Exception
    {
        final Map<String, Integer> ports = new LinkedHashMap<>();
        // market-maker is slow to start: up is still at work while down is tried.
        final Map<String, String> launchers = standInLaunchers(ports, 0, daemon -> "market-maker".equals(daemon) ? "sleep 3; " : "");
        final Path ini = fakeFleet(launchers, ports, "exit 1");
        final Process up = new ProcessBuilder(tree.resolve("bin/fleet").toString(), "up", "--config", ini.toString())
            .redirectErrorStream(true).redirectOutput(tree.resolve("up.out").toFile()).start();
        try
        {
            Await.until(() -> Files.exists(tree.resolve("var/run/market-maker.pid")), Duration.ofSeconds(90),
                () -> "up never came to market-maker: " + read(tree.resolve("up.out")));
            final Result downWhileStarting = run(List.of(tree.resolve("bin/fleet").toString(), "down", "--config", ini.toString()));
            assertEquals(1, downWhileStarting.exit(), downWhileStarting::toString);
            assertTrue(downWhileStarting.err().contains("another bin/fleet"), downWhileStarting::toString);

            assertTrue(up.waitFor(90, TimeUnit.SECONDS), "up did not finish: " + read(tree.resolve("up.out")));
            assertEquals(0, up.exitValue(), () -> read(tree.resolve("up.out")));
            final Result down = run(List.of(tree.resolve("bin/fleet").toString(), "down", "--config", ini.toString()));
            assertEquals(0, down.exit(), down::toString);
            Await.until(() -> fakeDaemonsAlive().isEmpty(), Duration.ofSeconds(20), () -> "daemons left running after down: " + down);
        }
        finally
        {
            up.destroyForcibly();
            fakeDaemonsAlive().forEach(ProcessHandle::destroyForcibly);
        }
    }

    private static String read(final Path file)
    {
        try
        {
            return Files.readString(file);
        }
        catch (final IOException ex)
        {
            return "(" + ex + ")";
        }
    }
}
