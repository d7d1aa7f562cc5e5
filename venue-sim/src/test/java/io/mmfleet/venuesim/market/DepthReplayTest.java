package io.mmfleet.venuesim.market;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.mmfleet.venuesim.engine.DepthView;
import io.mmfleet.venuesim.engine.FeeSchedule;
import io.mmfleet.venuesim.engine.NewOrder;
import io.mmfleet.venuesim.engine.OrderType;
import io.mmfleet.venuesim.engine.Side;
import io.mmfleet.venuesim.engine.StpMode;
import io.mmfleet.venuesim.engine.TimeInForce;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DepthReplayTest
{
    private static final String RECORDING = """
        # ETHUSDT, recorded
        {"timeMs":1000,"bids":[["2999.99","1.250"],["2999.98","0.5"]],"asks":[["3000.01","2.000"],["3000.02",0.004],["3000.03","0.001"]]}

        {"timeMs":1500,"bids":[["3000.00","1"]],"asks":[["3000.03","2"]]}
        {"timeMs":1700,"bids":[["3000.01","1"],["3000.00","1"]],"asks":[["3000.04","2"]]}
        """;

    private final MarketFixture f = new MarketFixture(-1);

    @Test
    void showsEachDueSnapshotThroughTheMarketAccount() throws IOException
    {
        final DepthReplay replay = new DepthReplay(f.engine, MarketFixture.SYMBOL, read(RECORDING));

        replay.advanceBy(0);
        DepthView depth = f.engine.depth(MarketFixture.SYMBOL, 10);
        assertEquals(2, depth.bids().size());
        assertArrayEquals(new long[]{299_999, 1_250}, depth.bids().get(0));
        assertArrayEquals(new long[]{299_998, 500}, depth.bids().get(1));
        assertEquals(2, depth.asks().size());
        assertArrayEquals(new long[]{300_001, 2_000}, depth.asks().get(0));
        assertArrayEquals(new long[]{300_002, 4}, depth.asks().get(1));
        assertEquals(1, replay.skippedLevels());          // 0.001 ETH at 3000.03 is under the 5 USDT minimum
        assertEquals(1, replay.position());

        replay.advanceBy(400);
        assertEquals(1, replay.position());
        assertArrayEquals(new long[]{299_999, 1_250}, f.engine.depth(MarketFixture.SYMBOL, 10).bids().get(0));

        // Another account's ask at 3000.01 makes the recorded 3000.01 bid post-only-crossing: it is left out, no trade.
        f.engine.addAccount(5, new FeeSchedule(0, 0));
        f.engine.deposit(5, "ETH", 100_000_000L);
        f.engine.place(new NewOrder(5, MarketFixture.SYMBOL, null, Side.SELL, OrderType.LIMIT, TimeInForce.GTC,
            300_001, 1_000, 0, StpMode.NONE, 0));
        f.tape.clear();

        replay.advanceBy(300);                             // 700 ms: the 1500 and 1700 snapshots are due, 1700 shows
        assertTrue(replay.finished());
        depth = f.engine.depth(MarketFixture.SYMBOL, 10);
        assertEquals(1, depth.bids().size());
        assertArrayEquals(new long[]{300_000, 1_000}, depth.bids().get(0));
        assertArrayEquals(new long[]{300_001, 1_000}, depth.asks().get(0));
        assertArrayEquals(new long[]{300_004, 2_000}, depth.asks().get(1));
        assertEquals(List.of(), f.tape);

        replay.withdraw();
        assertEquals(1, f.engine.depth(MarketFixture.SYMBOL, 10).asks().size());
        assertTrue(f.engine.depth(MarketFixture.SYMBOL, 10).bids().isEmpty());
    }

    @Test
    void takersTradeAroundTheRecordedMid() throws IOException
    {
        final DepthReplay replay = new DepthReplay(f.engine, MarketFixture.SYMBOL, read(RECORDING), 5.0, 50.0, 10, 7L);
        replay.advanceBy(0);
        for (int i = 0; i < 100; i++)
        {
            replay.advanceBy(100);
        }
        assertTrue(replay.takersSent() > 50, "takers " + replay.takersSent());
        assertFalse(f.tape.isEmpty());
        assertTrue(f.held(MarketAccount.ID, "USDT") > MarketAccount.FUNDING / 2);
    }

    @Test
    void badRecordingsAreRefusedNamingTheLine()
    {
        assertError("test:1 bids[0] price: \"2999.999\" has more than 2 decimals or does not fit",
            "{\"timeMs\":1,\"bids\":[[\"2999.999\",\"1\"]],\"asks\":[]}");
        assertError("test:2: timeMs 1 is earlier than the previous line's 2",
            "{\"timeMs\":2,\"bids\":[],\"asks\":[]}\n{\"timeMs\":1,\"bids\":[],\"asks\":[]}");
        assertError("test:1: best bid is not below best ask (crossed book)",
            "{\"timeMs\":1,\"bids\":[[\"3000\",\"1\"]],\"asks\":[[\"3000\",\"1\"]]}");
        assertError("test:1 asks: prices must be strictly ascending (300100 then 300000)",
            "{\"timeMs\":1,\"bids\":[],\"asks\":[[\"3001\",\"1\"],[\"3000\",\"1\"]]}");
        assertError("test:1: asks must be an array of [price, qty]", "{\"timeMs\":1,\"bids\":[]}");
        assertError("test:1: timeMs must be an integer (epoch milliseconds)", "{\"bids\":[],\"asks\":[]}");
        assertError("test:1 bids[0] qty: not a decimal: \"lots\"", "{\"timeMs\":1,\"bids\":[[\"1\",\"lots\"]],\"asks\":[]}");
        assertError("test: no depth snapshot in the recording", "# nothing\n");
        final IllegalArgumentException notJson = assertThrows(IllegalArgumentException.class,
            () -> read("{\"timeMs\":1,"));
        assertTrue(notJson.getMessage().startsWith("test:1: not a JSON object"), notJson.getMessage());
    }

    private void assertError(final String expected, final String recording)
    {
        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> read(recording));
        assertEquals(expected, error.getMessage());
    }

    private List<DepthSnapshot> read(final String recording) throws IOException
    {
        return new DepthRecordingReader(f.engine.instrument(MarketFixture.SYMBOL))
            .read(new StringReader(recording), "test");
    }
}
