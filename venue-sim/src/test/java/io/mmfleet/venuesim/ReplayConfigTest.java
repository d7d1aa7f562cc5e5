package io.mmfleet.venuesim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mmfleet.bus.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayConfigTest
{
    @TempDir
    Path dir;

    static Path sampleRecording() throws Exception
    {
        return Path.of(ReplayConfigTest.class.getResource("/replay/ethusdt-depth.jsonl").toURI());
    }

    /** The shipped file's fleet-wide and daemon sections, then a venue with one ETHUSDT section of {@code symbolKeys}. */
    static String ini(final String symbolKeys) throws Exception
    {
        final String shipped = Files.readString(Path.of("..", "config", "fleet.ini"));
        return shipped.substring(0, shipped.indexOf("[venue-sim]")) + """
            [venue-sim]
            REST_PORT = 0
            STREAM_PORT = 0
            WS_API_PORT = 0
            MARKET_TICK = 20ms

            [venue-sim.ETHUSDT]
            BASE_ASSET = ETH
            QUOTE_ASSET = USDT
            TICK_SIZE = 0.01
            MIN_PRICE = 0.01
            STEP_SIZE = 0.0001
            MIN_QTY = 0.0001
            MAX_QTY = 9000
            MIN_NOTIONAL = 5
            """ + symbolKeys + "\n";
    }

    @Test
    void replayFileReadsTheRecordingAtTheSymbolsScales() throws Exception
    {
        final VenueSimConfig config = load(ini("REPLAY_FILE = " + sampleRecording() + "\nREPLAY_LOOP = true"));
        final VenueSimConfig.SymbolConfig eth = config.symbols().get(0);
        assertNull(eth.market(), "a replayed symbol runs no synthetic market");
        assertTrue(eth.replay().loop());
        assertEquals(4, eth.replay().snapshots().size());
        assertArrayEquals(new long[]{299_999, 12_500}, eth.replay().snapshots().get(0).bids().get(0));
        assertArrayEquals(new long[]{300_005, 60_000}, eth.replay().snapshots().get(2).asks().get(2));

        final VenueSimConfig.SymbolConfig once = load(ini("REPLAY_FILE = " + sampleRecording() + "\nMARKET = false"))
            .symbols().get(0);
        assertEquals(false, once.replay().loop(), "REPLAY_LOOP defaults to false");
        assertNull(load(ini("")).symbols().get(0).replay());
    }

    @Test
    void marketTrueAndReplayFileTogetherIsAnErrorNamingBoth() throws Exception
    {
        final ConfigException ex = assertThrows(ConfigException.class,
            () -> load(ini("MARKET = true\nREPLAY_FILE = " + sampleRecording())));
        assertEquals("venue-sim.ETHUSDT", ex.section());
        assertEquals("MARKET", ex.key());
        assertTrue(ex.getMessage().contains("REPLAY_FILE"), ex.getMessage());
        assertTrue(ex.getMessage().contains("MARKET = true"), ex.getMessage());
    }

    @Test
    void syntheticMarketKeysWithAReplayAreErrors() throws Exception
    {
        final ConfigException ex = assertThrows(ConfigException.class,
            () -> load(ini("REPLAY_FILE = " + sampleRecording() + "\nSIGMA = 2")));
        assertEquals("SIGMA", ex.key());
        assertTrue(ex.getMessage().contains("REPLAY_FILE"), ex.getMessage());
    }

    @Test
    void replayLoopWithoutAFileIsAnError() throws Exception
    {
        final ConfigException ex = assertThrows(ConfigException.class, () -> load(ini("REPLAY_LOOP = true")));
        assertEquals("REPLAY_LOOP", ex.key());
        assertTrue(ex.getMessage().contains("REPLAY_FILE"), ex.getMessage());
    }

    @Test
    void unreadableOrBadRecordingsAreErrorsOnReplayFile() throws Exception
    {
        final ConfigException missing = assertThrows(ConfigException.class,
            () -> load(ini("REPLAY_FILE = " + dir.resolve("absent.jsonl"))));
        assertEquals("REPLAY_FILE", missing.key());
        assertTrue(missing.getMessage().contains("absent.jsonl"), missing.getMessage());

        final Path crossed = Files.writeString(dir.resolve("crossed.jsonl"),
            "{\"timeMs\":1,\"bids\":[[\"3000.00\",\"1\"]],\"asks\":[[\"3000.01\",\"1\"]]}\n"
                + "{\"timeMs\":2,\"bids\":[[\"3000.02\",\"1\"]],\"asks\":[[\"3000.01\",\"1\"]]}\n");
        final ConfigException bad = assertThrows(ConfigException.class,
            () -> load(ini("REPLAY_FILE = " + crossed)));
        assertEquals("REPLAY_FILE", bad.key());
        assertTrue(bad.getMessage().contains("crossed.jsonl:2"), bad.getMessage());

        final Path precise = Files.writeString(dir.resolve("precise.jsonl"),
            "{\"timeMs\":1,\"bids\":[[\"3000.001\",\"1\"]],\"asks\":[]}\n");
        final ConfigException tooPrecise = assertThrows(ConfigException.class,
            () -> load(ini("REPLAY_FILE = " + precise)));
        assertTrue(tooPrecise.getMessage().contains("more than 2 decimals"), tooPrecise.getMessage());
    }

    private VenueSimConfig load(final String text) throws Exception
    {
        final Path file = dir.resolve("fleet-" + System.nanoTime() + ".ini");
        Files.writeString(file, text);
        return VenueSimConfig.load(file);
    }
}
