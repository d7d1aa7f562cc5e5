package io.mmfleet.quoteserver;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fleet's systemd template, checked by systemd itself for the first daemon that uses it. */
class SystemdUnitTest
{
    private static final Path TEMPLATE = Path.of("..", "systemd", "mmfleet@.service");

    @Test
    void theTemplateVerifiesCleanForQuoteServer(@TempDir final Path dir) throws Exception
    {
        // Installed at /opt/mmfleet; here the repository stands in, so ExecStart's launcher is checked for real.
        final String repository = Path.of("..").toAbsolutePath().normalize().toString();
        final String unit = Files.readString(TEMPLATE).replace("/opt/mmfleet", repository);
        Files.writeString(dir.resolve("mmfleet@.service"), unit);

        final Process verify = new ProcessBuilder("systemd-analyze", "verify", "mmfleet@quote-server.service")
            .directory(dir.toFile())
            .start();
        assertTrue(verify.waitFor(60, TimeUnit.SECONDS), "systemd-analyze did not finish");
        final String stderr = new String(verify.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        // systemd-analyze only warns (exit 0) on unknown keys: a clean unit leaves stderr empty.
        assertEquals("", stderr.strip());
        assertEquals(0, verify.exitValue());
    }

    @Test
    void theTemplateReloadsWithSighupAndDoesNotRestartABadConfiguration() throws Exception
    {
        final String unit = Files.readString(TEMPLATE);
        assertTrue(unit.contains("\nExecStart=/opt/mmfleet/bin/%i --config /etc/mmfleet/fleet.ini\n"), unit);
        assertTrue(unit.contains("\nExecReload=/bin/kill -HUP $MAINPID\n"), unit);
        assertTrue(unit.contains("\nRestart=on-failure\n"), unit);
        assertTrue(unit.contains("\nRestartPreventExitStatus=2\n"), "exit 2 is a bad INI: restarting cannot fix it");
    }
}
