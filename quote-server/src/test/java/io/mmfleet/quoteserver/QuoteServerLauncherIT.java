package io.mmfleet.quoteserver;

import io.mmfleet.bus.testing.Await;
import io.mmfleet.bus.testing.OutputPump;
import io.mmfleet.bus.testing.DaemonHttp;
import io.mmfleet.bus.testing.Ports;
import io.mmfleet.venuesim.VenueSim;
import io.mmfleet.venuesim.VenueSimConfig;
import io.mmfleet.venuesim.binance.ApiKeyRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** bin/quote-server as an operator runs it, on the shipped config/fleet.ini pointed at a venue-sim on free ports. */
class QuoteServerLauncherIT
{
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void theLauncherRunsTheShippedConfigToReadinessAndStopsOnSigterm() throws Exception
    {
        final String shipped = Files.readString(ROOT.resolve("config/fleet.ini"));
        Files.writeString(dir.resolve("api-key"), "launcherKey\n");
        Files.writeString(dir.resolve("secret-key"), "launcherSecret\n");
        final Path venueIni = dir.resolve("venue.ini");
        Files.writeString(venueIni, shipped
            .replace("REST_PORT = 8610", "REST_PORT = 0")
            .replace("STREAM_PORT = 8611", "STREAM_PORT = 0")
            .replace("WS_API_PORT = 8612", "WS_API_PORT = 0")
            .replace("var/secrets/venue-sim-mm.api-key", dir.resolve("api-key").toString())
            .replace("var/secrets/venue-sim-mm.secret-key", dir.resolve("secret-key").toString()));
        try (VenueSim venue = VenueSim.start(VenueSimConfig.load(venueIni), new ApiKeyRegistry()))
        {
            final int httpPort = Ports.free();
            final Path config = dir.resolve("fleet.ini");
            Files.writeString(config, shipped
                .replace("CONTROL_ENDPOINT = tcp://127.0.0.1:7100", "CONTROL_ENDPOINT = " + Ports.tcpEndpoint())
                .replace("PUB_ENDPOINT = tcp://127.0.0.1:7101", "PUB_ENDPOINT = " + Ports.tcpEndpoint())
                .replace("HTTP_PORT = 9101", "HTTP_PORT = " + httpPort)
                .replace("REST_URL = http://127.0.0.1:8610", "REST_URL = http://127.0.0.1:" + venue.restPort())
                .replace("STREAM_URL = ws://127.0.0.1:8611", "STREAM_URL = ws://127.0.0.1:" + venue.streamPort()));
            final Process process = new ProcessBuilder("bash", ROOT.resolve("bin/quote-server").toString(), "--config", config.toString())
                .redirectErrorStream(true).start();
            final List<String> output = OutputPump.lines(process, "quote-server-output");
            try
            {
                Await.until(() -> DaemonHttp.healthStatus(httpPort) == 200, Duration.ofSeconds(30), () -> String.join("\n", output));
                assertTrue(ProcessHandle.of(process.pid()).flatMap(h -> h.info().command()).orElse("").endsWith("java"),
                    "the launcher execs the JVM, so its pid is the daemon's");
                assertTrue(output.stream().anyMatch(l -> l.contains("event=book_synced instrument=ETH-USDC")), String.join("\n", output));
            }
            finally
            {
                process.destroy();
                assertTrue(process.waitFor(15, TimeUnit.SECONDS), "quote-server stops on SIGTERM");
            }
            assertEquals(0, process.exitValue(), String.join("\n", output));
        }
    }
}
