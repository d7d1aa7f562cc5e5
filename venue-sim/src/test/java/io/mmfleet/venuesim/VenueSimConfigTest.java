package io.mmfleet.venuesim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mmfleet.bus.config.ConfigException;
import io.mmfleet.bus.config.KeySpec;
import io.mmfleet.bus.config.SectionSpec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class VenueSimConfigTest
{
    private static final Path SHIPPED = Path.of("..", "config", "fleet.ini");

    @TempDir
    Path dir;

    @Test
    void shippedExampleLoads()
    {
        final VenueSimConfig config = VenueSimConfig.load(SHIPPED);
        assertEquals(8610, config.venue().restPort());
        assertEquals(6000, config.venue().limits().requestWeightPerMinute());
        final VenueSimConfig.SymbolConfig eth = config.symbols().get(0);
        assertEquals("ETHUSDT", eth.spec().symbol());
        assertEquals(2, eth.spec().priceScale());
        assertEquals(4, eth.spec().qtyScale());
        assertEquals(1, eth.spec().tickSize());
        assertEquals(500_000_000L, eth.spec().minNotional());
        assertEquals(300_000, eth.market().startMid());
        final VenueSimConfig.AccountConfig mm = config.accounts().get(0);
        assertEquals(1, mm.accountId());
        assertEquals(0, mm.makerFeePpm(), "the demo account is on a maker-fee-0 tier");
        assertEquals(1000, mm.takerFeePpm());
        assertEquals(100_000_00000000L, mm.balances().get("USDT"));
    }

    @Test
    void shippedExampleDocumentsEverySymbolAndVenueKey() throws Exception
    {
        final String text = Files.readString(SHIPPED);
        for (final SectionSpec spec : List.of(VenueSimConfig.VENUE, VenueSimConfig.symbolSpec("venue-sim.ETHUSDT"),
            VenueSimConfig.accountSpec("venue-sim.account.mm")))
        {
            for (final KeySpec key : spec.keys())
            {
                // A key set in the example, or shown commented out where setting it would contradict another.
                assertTrue(text.contains("\n" + key.key() + " = ") || text.contains("\n# " + key.key() + " = "),
                    "[" + spec.name() + "] " + key.key() + " is not in " + SHIPPED);
            }
        }
    }

    @Test
    void badValuesNameFileLineSectionAndKey() throws Exception
    {
        final String text = Files.readString(SHIPPED);
        final ConfigException badTick = assertThrows(ConfigException.class,
            () -> VenueSimConfig.load(write(text.replace("TICK_SIZE = 0.01", "TICK_SIZE = x"))));
        assertEquals("[venue-sim.ETHUSDT]", "[" + badTick.section() + "]");
        assertEquals("TICK_SIZE", badTick.key());
        final ConfigException badBalance = assertThrows(ConfigException.class,
            () -> VenueSimConfig.load(write(text.replace("BALANCES = USDT:100000, ETH:50", "BALANCES = DOGE:5"))));
        assertEquals("BALANCES", badBalance.key());
        final ConfigException unknownKey = assertThrows(ConfigException.class,
            () -> VenueSimConfig.load(write(text.replace("SEED = 1", "SEED = 1\nSEEED = 2"))));
        assertTrue(unknownKey.getMessage().contains("[venue-sim] SEEED: unknown key"), unknownKey.getMessage());
    }

    @Test
    void mainExitsTwoWithTheConfigMessage() throws Exception
    {
        final Path bad = write(Files.readString(SHIPPED).replace("REST_PORT = 8610", "REST_PORT = 99999"));
        final PrintStream original = System.err;
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try
        {
            assertEquals(2, new CommandLine(new VenueSimMain()).execute("--config", bad.toString()));
        }
        finally
        {
            System.setErr(original);
        }
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("[venue-sim] REST_PORT: expected"), err.toString());
    }

    @Test
    void missingKeyFileIsAConfigErrorThatShowsNoSecret() throws Exception
    {
        final PrintStream original = System.err;
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try
        {
            final Path config = write(Files.readString(SHIPPED)
                .replace("var/secrets/venue-sim-mm.api-key", dir.resolve("absent.key").toString()));
            assertEquals(2, new CommandLine(new VenueSimMain()).execute("--config", config.toString()));
        }
        finally
        {
            System.setErr(original);
        }
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("API_KEY_FILE"), err.toString());
    }

    private Path write(final String text) throws Exception
    {
        final Path file = dir.resolve("fleet-" + System.nanoTime() + ".ini");
        Files.writeString(file, text);
        return file;
    }
}
