package io.mmfleet.quoteserver;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fleet's systemd units (systemd/), checked by systemd itself and against what the fleet needs of
 * them. systemd-analyze and systemctl run on a temporary root where the units and the launchers sit
 * at the paths the units name (/etc/systemd/system, /opt/mmfleet/bin), with the host's own system
 * units (sysinit.target, ...) and /bin/kill beside them, so ExecStart= and ExecReload= are checked
 * for real.
 */
class SystemdUnitsTest
{
    private static final Path UNITS = Path.of("..", "systemd");
    private static final Path LAUNCHERS = Path.of("..", "bin");
    private static final Path FLEET_INI = Path.of("..", "config", "fleet.ini");
    private static final String TARGET = "mmfleet.target";
    /** The daemons mmfleet.target runs, in the order they start (and the reverse of how they stop). */
    private static final List<String> DAEMONS = List.of("quote-server", "exec-handler", "position-server", "oms", "market-maker");
    /** The simulated venue: a unit for staging boxes, part of the target but not enabled with it. */
    private static final String VENUE_SIM = "venue-sim";
    private static final List<String> CREDENTIALS = List.of(
        "binance-api-key:/etc/mmfleet/credentials/binance.api-key",
        "binance-secret-key:/etc/mmfleet/credentials/binance.secret-key");

    private static final Map<String, SystemdUnitFile> SERVICES = new TreeMap<>();
    private static SystemdUnitFile target;

    @BeforeAll
    static void readUnits() throws IOException
    {
        for (final String daemon : allDaemons())
        {
            SERVICES.put(daemon, SystemdUnitFile.read(UNITS.resolve(unitName(daemon))));
        }
        target = SystemdUnitFile.read(UNITS.resolve(TARGET));
    }

    @Test
    void systemdDirectoryHoldsOneUnitPerDaemonAndTheTarget() throws IOException
    {
        final Set<String> expected = new TreeSet<>();
        allDaemons().forEach(daemon -> expected.add(unitName(daemon)));
        expected.add(TARGET);
        assertEquals(expected, unitFileNames());
    }

    @Test
    void systemdAnalyzeVerifyPrintsNothingForAnyUnit(@TempDir final Path root) throws Exception
    {
        install(root);
        final List<String> complaints = new ArrayList<>();
        for (final String unit : unitFileNames())
        {
            final Result verify = run(List.of("systemd-analyze", "verify", "--root=" + root, unit));
            if (verify.exitCode != 0 || !verify.stdout.isEmpty() || !verify.stderr.isEmpty())
            {
                complaints.add(unit + ": " + verify);
            }
        }
        assertEquals(List.of(), complaints);
    }

    @Test
    void verifyingCatchesAMistypedKeyAndAMissingLauncher(@TempDir final Path root) throws Exception
    {
        // The check above passes only because the units are right, not because the harness sees nothing.
        install(root);
        final Path oms = root.resolve("etc/systemd/system").resolve(unitName("oms"));
        Files.writeString(oms, Files.readString(oms).replace("\nRestartPreventExitStatus=2\n", "\nRestartPreventExitStatuss=2\n"));
        Files.delete(root.resolve("opt/mmfleet/bin/oms"));

        final Result verify = run(List.of("systemd-analyze", "verify", "--root=" + root, unitName("oms")));
        assertTrue(verify.stderr.contains("Unknown key 'RestartPreventExitStatuss'"), verify.toString());
        assertTrue(verify.stderr.contains("/opt/mmfleet/bin/oms is not executable"), verify.toString());
    }

    @Test
    void enablingTheTargetEnablesTheFiveDaemonsButNotTheSimulatedVenue(@TempDir final Path root) throws Exception
    {
        install(root);
        final Path system = root.resolve("etc/systemd/system");
        final Result enable = run(List.of("systemctl", "--root=" + root, "enable", TARGET));
        assertEquals(0, enable.exitCode, enable.toString());
        assertEquals(Set.of(TARGET), linkNames(system.resolve("multi-user.target.wants")));
        final Set<String> daemons = DAEMONS.stream().map(SystemdUnitsTest::unitName).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(daemons, linkNames(system.resolve(TARGET + ".wants")));

        final Result enableVenue = run(List.of("systemctl", "--root=" + root, "enable", unitName(VENUE_SIM)));
        assertEquals(0, enableVenue.exitCode, enableVenue.toString());
        daemons.add(unitName(VENUE_SIM));
        assertEquals(daemons, linkNames(system.resolve(TARGET + ".wants")));

        // With every unit wanted by the target, systemd loads them all together: still nothing to say.
        final Result verify = run(List.of("systemd-analyze", "verify", "--root=" + root, TARGET));
        assertEquals("exit 0, stdout '', stderr ''", verify.toString());
    }

    @Test
    void theSysusersFileCreatesTheUserTheUnitsRunAsWithoutALogin(@TempDir final Path root) throws Exception
    {
        Files.createDirectories(root.resolve("etc"));
        final Result sysusers = run(List.of("systemd-sysusers", "--root=" + root, UNITS.resolve("mmfleet.sysusers.conf").toAbsolutePath().toString()));
        assertEquals(0, sysusers.exitCode, sysusers.toString());
        final String user = Files.readAllLines(root.resolve("etc/passwd")).stream()
            .filter(line -> line.startsWith("mmfleet:")).findFirst().orElseThrow(() -> new AssertionError("no mmfleet in passwd: " + sysusers));
        assertTrue(user.matches("mmfleet:x:\\d+:\\d+:mmfleet fleet daemons:/var/lib/mmfleet:\\S*/nologin"), user);
        assertTrue(Files.readString(root.resolve("etc/group")).contains("mmfleet:"), "no group mmfleet");
        for (final SystemdUnitFile unit : SERVICES.values())
        {
            assertEquals("mmfleet", unit.value("Service", "Group"), unit.name());
        }
    }

    @Test
    void everyDaemonIsPartOfTheTargetWithoutStoppingTheOthers()
    {
        assertEquals(DAEMONS.stream().map(SystemdUnitsTest::unitName).collect(Collectors.toList()), target.items("Install", "Also"));
        assertEquals("multi-user.target", target.value("Install", "WantedBy"));
        for (final SystemdUnitFile unit : SERVICES.values())
        {
            assertEquals(TARGET, unit.value("Unit", "PartOf"), unit.name());
            assertEquals(TARGET, unit.value("Install", "WantedBy"), unit.name());
            for (final String hard : List.of("Requires", "Requisite", "BindsTo", "Upholds"))
            {
                assertEquals(List.of(), unit.values("Unit", hard), unit.name() + ": " + hard + "= would stop or hold the fleet with one daemon");
            }
            for (final String after : unit.items("Unit", "After"))
            {
                assertTrue(!after.startsWith("mmfleet") || Files.exists(UNITS.resolve(after)), unit.name() + " is ordered after a unit that is not ours: " + after);
            }
        }
    }

    @Test
    void daemonsStartAfterThePeersTheyNeedAndStopBeforeThem()
    {
        assertStartsAfter("position-server", "exec-handler");
        assertStartsAfter("oms", "exec-handler");
        assertStartsAfter("oms", "position-server");
        assertStartsAfter("market-maker", "quote-server");
        assertStartsAfter("market-maker", "oms");
        assertStartsAfter("market-maker", "position-server");
        assertStartsAfter("quote-server", VENUE_SIM);
        assertStartsAfter("exec-handler", VENUE_SIM);
    }

    @Test
    void everyDaemonRestartsOnFailureButNotOnABadConfigurationAndStopsACrashLoop()
    {
        for (final String daemon : allDaemons())
        {
            final SystemdUnitFile unit = SERVICES.get(daemon);
            assertEquals("exec", unit.value("Service", "Type"), unit.name());
            assertEquals("/opt/mmfleet/bin/" + daemon + " --config /etc/mmfleet/fleet.ini", unit.value("Service", "ExecStart"), unit.name());
            assertEquals("on-failure", unit.value("Service", "Restart"), unit.name());
            assertEquals("2", unit.value("Service", "RestartPreventExitStatus"), unit.name() + ": exit 2 is a bad INI, restarting cannot fix it");
            assertEquals("5s", unit.value("Service", "RestartSec"), unit.name());
            assertEquals("5", unit.value("Unit", "StartLimitBurst"), unit.name());
            assertEquals("10min", unit.value("Unit", "StartLimitIntervalSec"), unit.name());
            assertEquals("SIGTERM", unit.value("Service", "KillSignal"), unit.name());
            assertEquals("30s", unit.value("Service", "TimeoutStopSec"), unit.name());
            assertEquals("143", unit.value("Service", "SuccessExitStatus"), unit.name());
            assertTrue(Files.isExecutable(LAUNCHERS.resolve(daemon)), "no launcher bin/" + daemon);
        }
        for (final String daemon : DAEMONS)
        {
            final SystemdUnitFile unit = SERVICES.get(daemon);
            assertEquals("/bin/kill -HUP $MAINPID", unit.value("Service", "ExecReload"), unit.name());
            assertEquals(TARGET, unit.value("Unit", "ReloadPropagatedFrom"), unit.name());
        }
        // venue-sim has no SIGHUP handler: the JVM's default would end it, so it must not be "reloaded".
        assertEquals(List.of(), SERVICES.get(VENUE_SIM).values("Service", "ExecReload"));
        assertEquals(List.of(), SERVICES.get(VENUE_SIM).values("Unit", "ReloadPropagatedFrom"));
    }

    @Test
    void everyDaemonRunsConfinedAsMmfleetWithItsStateAsWorkingDirectoryAndABoundedHeap()
    {
        for (final SystemdUnitFile unit : SERVICES.values())
        {
            assertEquals("mmfleet", unit.value("Service", "User"), unit.name());
            // The INI's relative paths (var/oms/..., var/position-server/ledger.db) land in the state directory.
            assertEquals("mmfleet", unit.value("Service", "StateDirectory"), unit.name());
            assertEquals("/var/lib/mmfleet", unit.value("Service", "WorkingDirectory"), unit.name());
            final String javaOptions = unit.value("Service", "Environment");
            assertTrue(javaOptions.matches("\"MMFLEET_JAVA_OPTS=-Xmx\\d+[mg] -XX:\\+ExitOnOutOfMemoryError\""), unit.name() + ": " + javaOptions);
            for (final String hardening : List.of("NoNewPrivileges=yes", "ProtectSystem=strict", "ProtectHome=yes", "PrivateTmp=yes",
                "PrivateDevices=yes", "RestrictSUIDSGID=yes", "CapabilityBoundingSet="))
            {
                final String key = hardening.substring(0, hardening.indexOf('='));
                assertEquals(hardening.substring(key.length() + 1), unit.value("Service", key), unit.name() + ": " + key);
            }
            // The JIT writes the code it runs: W^X would kill every JVM at start.
            assertEquals(List.of(), unit.values("Service", "MemoryDenyWriteExecute"), unit.name());
        }
    }

    @Test
    void onlyTheExecHandlerOfTheFleetLoadsTheVenueCredentialsWhichTheIniNames() throws IOException
    {
        assertEquals(CREDENTIALS, SERVICES.get("exec-handler").values("Service", "LoadCredential"));
        for (final String daemon : DAEMONS)
        {
            if (!daemon.equals("exec-handler"))
            {
                assertEquals(List.of(), SERVICES.get(daemon).values("Service", "LoadCredential"), daemon);
                assertEquals(List.of(), SERVICES.get(daemon).values("Service", "LoadCredentialEncrypted"), daemon);
            }
        }
        // The simulated venue checks signatures with the same account keys, as a real venue would.
        assertEquals(CREDENTIALS, SERVICES.get(VENUE_SIM).values("Service", "LoadCredential"));

        // The shipped INI tells an SRE the names the unit gives the credentials.
        final String ini = Files.readString(FLEET_INI);
        for (final String credential : CREDENTIALS)
        {
            final String name = credential.substring(0, credential.indexOf(':'));
            assertTrue(ini.contains("$CREDENTIALS_DIRECTORY/" + name), "config/fleet.ini does not name $CREDENTIALS_DIRECTORY/" + name);
        }
    }

    private static void assertStartsAfter(final String daemon, final String peer)
    {
        assertTrue(SERVICES.get(daemon).items("Unit", "After").contains(unitName(peer)), daemon + " must start after " + peer);
    }

    private static List<String> allDaemons()
    {
        final List<String> daemons = new ArrayList<>(DAEMONS);
        daemons.add(VENUE_SIM);
        return daemons;
    }

    private static String unitName(final String daemon)
    {
        return "mmfleet-" + daemon + ".service";
    }

    private static Set<String> unitFileNames() throws IOException
    {
        try (Stream<Path> files = Files.list(UNITS))
        {
            return files.map(file -> file.getFileName().toString())
                .filter(name -> name.endsWith(".service") || name.endsWith(".target"))
                .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static Set<String> linkNames(final Path directory) throws IOException
    {
        try (Stream<Path> links = Files.list(directory))
        {
            return links.filter(Files::isSymbolicLink).map(link -> link.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    /**
     * The units as installed (README's SRE steps) under {@code root}: unit files in /etc/systemd/system,
     * the launchers in /opt/mmfleet/bin, and what systemd needs to load them: the host's system units
     * (sysinit.target, network-online.target, multi-user.target, ...) and /bin/kill for ExecReload=.
     */
    private static void install(final Path root) throws IOException
    {
        final Path system = Files.createDirectories(root.resolve("etc/systemd/system"));
        for (final String unit : unitFileNames())
        {
            Files.copy(UNITS.resolve(unit), system.resolve(unit));
        }
        copyTree(LAUNCHERS, root.resolve("opt/mmfleet/bin"));
        copyTree(hostSystemUnits(), root.resolve("usr/lib/systemd/system"));
        Files.createDirectories(root.resolve("bin"));
        Files.copy(Path.of("/bin/kill").toRealPath(), root.resolve("bin/kill"), StandardCopyOption.COPY_ATTRIBUTES);
    }

    private static Path hostSystemUnits()
    {
        for (final String candidate : List.of("/usr/lib/systemd/system", "/lib/systemd/system"))
        {
            if (Files.isRegularFile(Path.of(candidate, "sysinit.target")))
            {
                return Path.of(candidate);
            }
        }
        throw new AssertionError("no systemd system units on this host (install the systemd package: .ci/run does)");
    }

    /**
     * Copies a directory's files with their executable bits. Symbolic links are left out: the units
     * systemd needs are files, and links (aliases, units masked to /dev/null) would point outside the root.
     */
    private static void copyTree(final Path from, final Path to) throws IOException
    {
        try (Stream<Path> paths = Files.walk(from))
        {
            for (final Path path : (Iterable<Path>)paths::iterator)
            {
                final Path copy = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS))
                {
                    Files.createDirectories(copy);
                }
                else if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS))
                {
                    Files.copy(path, copy, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static Result run(final List<String> command) throws Exception
    {
        final Process process = new ProcessBuilder(command).start();
        final CompletableFuture<String> stdout = drain(process.getInputStream()::readAllBytes);
        final CompletableFuture<String> stderr = drain(process.getErrorStream()::readAllBytes);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), String.join(" ", command) + " did not finish");
        return new Result(process.exitValue(), stdout.get(), stderr.get());
    }

    private static CompletableFuture<String> drain(final IoSupplier read)
    {
        return CompletableFuture.supplyAsync(() ->
        {
            try
            {
                return new String(read.get(), StandardCharsets.UTF_8).strip();
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        });
    }

    @FunctionalInterface
    private interface IoSupplier
    {
        byte[] get() throws IOException;
    }

    private record Result(int exitCode, String stdout, String stderr)
    {
        @Override
        public String toString()
        {
            return "exit " + exitCode + ", stdout '" + stdout + "', stderr '" + stderr + "'";
        }
    }
}
