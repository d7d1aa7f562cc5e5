package io.mmfleet.exechandler;

import io.mmfleet.bus.testing.Await;
import io.mmfleet.bus.testing.OutputPump;
import io.mmfleet.bus.testing.DaemonHttp;
import io.mmfleet.bus.testing.Ports;
import io.mmfleet.bus.testing.TestFleetIni;
import io.mmfleet.venuesim.testing.TwoAccountVenue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * bin/exec-handler started the way systemd/mmfleet-exec-handler.service starts it, without systemd:
 * its ExecStart= (with /opt/mmfleet standing for this repository), its Environment=, a working
 * directory standing for its StateDirectory=, and $CREDENTIALS_DIRECTORY holding files named as its
 * LoadCredential= names them. The INI says what README tells an SRE to write in /etc/mmfleet/fleet.ini:
 * the keys as $CREDENTIALS_DIRECTORY/binance-api-key and .../binance-secret-key, the journal at its
 * relative default. So a credential renamed in the unit, or a relative path that would not land in
 * the state directory, fails here.
 */
class ExecHandlerSystemdUnitIT
{
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path UNIT = ROOT.resolve("systemd/mmfleet-exec-handler.service");
    private static final String INSTALL_PREFIX = "/opt/mmfleet";
    private static final String INSTALLED_INI = "/etc/mmfleet/fleet.ini";
    /** What README's SRE section puts in /etc/mmfleet/fleet.ini [exec-handler]. */
    private static final String API_KEY_FILE = "$CREDENTIALS_DIRECTORY/binance-api-key";
    private static final String SECRET_KEY_FILE = "$CREDENTIALS_DIRECTORY/binance-secret-key";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void runsToReadinessWithTheUnitsCredentialsAndJournalsInItsStateDirectoryThenStopsCleanly() throws Exception
    {
        try (TwoAccountVenue venue = TwoAccountVenue.start(Files.createDirectories(dir.resolve("venue")), ""))
        {
            final Path credentials = credentialsAsTheUnitLoadsThem(venue.mmApiKeyFile(), venue.mmSecretKeyFile());
            final int httpPort = Ports.free();
            final Path ini = ini(venue, httpPort);
            final Path state = Files.createDirectories(dir.resolve("state"));

            final Process process = start(ini, state, credentials);
            final List<String> output = OutputPump.lines(process, "exec-handler-output");
            final long stopStartNs;
            try
            {
                Await.until(() -> DaemonHttp.healthStatus(httpPort) == 200, TIMEOUT, () -> String.join("\n", output));
                assertTrue(Files.isRegularFile(state.resolve("var/exec-handler/journal.db")),
                    "JOURNAL_FILE's relative default lands in the working directory, the unit's state directory");
            }
            finally
            {
                stopStartNs = System.nanoTime();
                process.destroy();
            }
            final long timeoutStopSeconds = Duration.parse("PT" + value("TimeoutStopSec").toUpperCase()).toSeconds();
            assertTrue(process.waitFor(timeoutStopSeconds, TimeUnit.SECONDS), "not stopped within TimeoutStopSec: " + String.join("\n", output));
            final long stopMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopStartNs);
            System.out.println("exec-handler under the unit's settings: SIGTERM to exit in " + stopMs + " ms (TimeoutStopSec "
                + timeoutStopSeconds + " s)");
            assertEquals(0, process.exitValue(), String.join("\n", output));
            assertFalse(output.stream().anyMatch(line -> line.contains(TwoAccountVenue.MM_SECRET) || line.contains(TwoAccountVenue.MM_API_KEY)),
                "a key reached the log");
        }
    }

    @Test
    void aCredentialTheUnitDoesNotLoadIsABadConfigurationWhichSystemdDoesNotRestart() throws Exception
    {
        // The INI names a credential that the (empty) credentials directory lacks: a misnamed LoadCredential=.
        final Path credentials = Files.createDirectories(dir.resolve("credentials"));
        final Path keys = Files.createDirectories(dir.resolve("keys"));
        final Map<String, String> exec = TwoAccountVenue.execHandlerKeys(TestFleetIni.daemonKeys(4, Ports.tcpEndpoint(), Ports.free()),
            "http://127.0.0.1:1", "ws://127.0.0.1:1/ws-api/v3", keys.resolve("unused"), keys.resolve("unused"), Path.of("var/exec-handler/journal.db"));
        exec.put("API_KEY_FILE", API_KEY_FILE);
        exec.put("SECRET_KEY_FILE", SECRET_KEY_FILE);
        final Path ini = new TestFleetIni(Ports.tcpEndpoint()).peer("oms", 3, Ports.tcpEndpoint()).section("exec-handler", exec)
            .writeTo(dir.resolve("fleet.ini"));

        final Process process = start(ini, Files.createDirectories(dir.resolve("state")), credentials);
        final List<String> output = OutputPump.lines(process, "exec-handler-output");
        assertTrue(process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS), "exec-handler did not exit");
        assertEquals(value("RestartPreventExitStatus"), Integer.toString(process.exitValue()), String.join("\n", output));
        Await.until(() -> output.stream().anyMatch(line -> line.contains("API_KEY_FILE") && line.contains("binance-api-key")),
            Duration.ofSeconds(5), () -> String.join("\n", output));
    }

    /** A directory holding one file per LoadCredential= of the unit, under the credential's name, as systemd provides them. */
    private Path credentialsAsTheUnitLoadsThem(final Path apiKeyFile, final Path secretKeyFile) throws IOException
    {
        final Path credentials = Files.createDirectories(dir.resolve("credentials"));
        final List<String> names = new ArrayList<>();
        for (final String credential : values("LoadCredential"))
        {
            names.add(credential.substring(0, credential.indexOf(':')));
        }
        assertEquals(List.of("binance-api-key", "binance-secret-key"), names);
        Files.copy(apiKeyFile, credentials.resolve(names.get(0)));
        Files.copy(secretKeyFile, credentials.resolve(names.get(1)));
        return credentials;
    }

    private Path ini(final TwoAccountVenue venue, final int httpPort) throws IOException
    {
        final Map<String, String> exec = venue.execHandlerKeys(TestFleetIni.daemonKeys(4, Ports.tcpEndpoint(), httpPort),
            Path.of("var/exec-handler/journal.db"));
        exec.put("API_KEY_FILE", API_KEY_FILE);
        exec.put("SECRET_KEY_FILE", SECRET_KEY_FILE);
        return new TestFleetIni(Ports.tcpEndpoint()).peer("oms", 3, Ports.tcpEndpoint()).section("exec-handler", exec)
            .writeTo(dir.resolve("fleet.ini"));
    }

    /** The unit's ExecStart=, Environment= and working directory, with this repository and INI for the installed ones. */
    private static Process start(final Path ini, final Path workingDirectory, final Path credentials) throws IOException
    {
        final List<String> command = new ArrayList<>();
        for (final String word : value("ExecStart").split(" "))
        {
            command.add(word.replace(INSTALL_PREFIX, ROOT.toString()).replace(INSTALLED_INI, ini.toString()));
        }
        assertEquals(List.of(ROOT.resolve("bin/exec-handler").toString(), "--config", ini.toString()), command);
        assertEquals("/var/lib/mmfleet", value("WorkingDirectory"));
        final ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectErrorStream(true);
        final String environment = value("Environment");
        final String assignment = environment.substring(1, environment.length() - 1);
        builder.environment().put(assignment.substring(0, assignment.indexOf('=')), assignment.substring(assignment.indexOf('=') + 1));
        builder.environment().put("CREDENTIALS_DIRECTORY", credentials.toString());
        return builder.start();
    }

    private static String value(final String key) throws IOException
    {
        final List<String> values = values(key);
        assertEquals(1, values.size(), key + "= in " + UNIT);
        return values.get(0);
    }

    private static List<String> values(final String key) throws IOException
    {
        final List<String> values = new ArrayList<>();
        for (final String line : Files.readAllLines(UNIT))
        {
            if (line.startsWith(key + "="))
            {
                values.add(line.substring(key.length() + 1));
            }
        }
        return values;
    }
}
