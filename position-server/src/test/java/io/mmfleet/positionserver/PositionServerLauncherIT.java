package io.mmfleet.positionserver;

import io.mmfleet.bus.testing.Await;
import io.mmfleet.bus.testing.OutputPump;
import io.mmfleet.bus.testing.DaemonHttp;
import io.mmfleet.bus.testing.Ports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** bin/position-server as an operator runs it, on the shipped config/fleet.ini with a ledger in a temporary directory. */
class PositionServerLauncherIT
{
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private Path config(final int httpPort) throws IOException
    {
        final String shipped = Files.readString(ROOT.resolve("config/fleet.ini"));
        final Path config = dir.resolve("fleet.ini");
        Files.writeString(config, shipped
            .replace("CONTROL_ENDPOINT = tcp://127.0.0.1:7100", "CONTROL_ENDPOINT = " + Ports.tcpEndpoint())
            .replace("PUB_ENDPOINT = tcp://127.0.0.1:7105", "PUB_ENDPOINT = " + Ports.tcpEndpoint())
            .replace("HTTP_PORT = 9105", "HTTP_PORT = " + httpPort)
            .replace("LEDGER_URL = jdbc:sqlite:var/position-server/ledger.db", "LEDGER_URL = jdbc:sqlite:" + dir.resolve("ledger.db")));
        return config;
    }

    @Test
    void theDaemonRunsTheShippedConfigToReadinessAndStopsOnSigterm() throws Exception
    {
        final int httpPort = Ports.free();
        final Process process = new ProcessBuilder("bash", ROOT.resolve("bin/position-server").toString(), "--config",
            config(httpPort).toString()).redirectErrorStream(true).start();
        final List<String> output = OutputPump.lines(process, "position-server-output");
        try
        {
            Await.until(() -> DaemonHttp.healthStatus(httpPort) == 200, Duration.ofSeconds(30), () -> String.join("\n", output));
            assertTrue(ProcessHandle.of(process.pid()).flatMap(h -> h.info().command()).orElse("").endsWith("java"),
                "the launcher execs the JVM, so its pid is the daemon's");
            assertTrue(Files.exists(dir.resolve("ledger.db")), "the ledger is created at LEDGER_URL");
        }
        finally
        {
            process.destroy();
            assertTrue(process.waitFor(15, TimeUnit.SECONDS), "position-server stops on SIGTERM");
        }
        assertEquals(0, process.exitValue(), String.join("\n", output));
    }

    @Test
    void reportPrintsTheLedgerAndSaysWhenThereIsNone() throws Exception
    {
        final Path config = config(Ports.free());
        final Process missing = new ProcessBuilder("bash", ROOT.resolve("bin/position-server").toString(), "report", "--config",
            config.toString()).redirectErrorStream(true).start();
        final List<String> missingOutput = OutputPump.lines(missing, "position-server-report");
        assertTrue(missing.waitFor(30, TimeUnit.SECONDS));
        assertEquals(1, missing.exitValue(), String.join("\n", missingOutput));

        try (FillLedger ledger = FillLedger.open("jdbc:sqlite:" + dir.resolve("ledger.db")))
        {
            ledger.insert(TestFills.buy(1, "2", "3000").fee("6", "USDT").build());
        }
        final Process report = new ProcessBuilder("bash", ROOT.resolve("bin/position-server").toString(), "report", "--config",
            config.toString()).redirectErrorStream(true).start();
        final List<String> output = OutputPump.lines(report, "position-server-report");
        assertTrue(report.waitFor(30, TimeUnit.SECONDS));
        Await.until(() -> output.stream().anyMatch(l -> l.startsWith("USDT")), Duration.ofSeconds(5), () -> String.join("\n", output));
        assertEquals(0, report.exitValue(), String.join("\n", output));
        assertTrue(output.get(0).endsWith("1 fills, 1 positions"), String.join("\n", output));
        assertTrue(output.stream().anyMatch(l -> l.matches("1\\s+ETH-USDC\\s+7\\s+2\\s.*")), String.join("\n", output));
    }
}
