package io.mmfleet.venuesim.market;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayPacerTest
{
    private static final String RECORDING = """
        {"timeMs":5000,"bids":[["2999.00","1"]],"asks":[["3001.00","1"]]}
        {"timeMs":5300,"bids":[["2998.00","1"]],"asks":[["3002.00","1"]]}
        {"timeMs":5600,"bids":[["2997.00","1"]],"asks":[["3003.00","1"]]}
        """;

    private final MarketFixture f = new MarketFixture(-1);

    @Test
    void showsEachSnapshotAtTheRecordingsPaceThenStays() throws IOException
    {
        final List<DepthSnapshot> snapshots = read();
        final ReplayPacer pacer = new ReplayPacer(new DepthReplay(f.engine, MarketFixture.SYMBOL, snapshots), false,
            ReplayPacer.loopGapMs(snapshots, 100), 1_000);
        assertEquals(299_900, bestBid(), "the first snapshot shows at once");
        pacer.poll(1_299);
        assertEquals(299_900, bestBid());
        pacer.poll(1_300);
        assertEquals(299_800, bestBid());
        pacer.poll(1_250);                                  // a clock stepping back is no time passing
        assertEquals(299_800, bestBid());
        pacer.poll(1_600);
        assertEquals(299_700, bestBid());
        assertTrue(pacer.finished());
        pacer.poll(60_000);
        assertEquals(299_700, bestBid(), "without REPLAY_LOOP the last snapshot stays");
        assertEquals(1, pacer.passes());
    }

    @Test
    void loopsOneMeanSpacingAfterTheLastSnapshotKeepingThePace() throws IOException
    {
        final List<DepthSnapshot> snapshots = read();
        assertEquals(300, ReplayPacer.loopGapMs(snapshots, 100));
        assertEquals(100, ReplayPacer.loopGapMs(snapshots.subList(0, 1), 100));
        final ReplayPacer pacer = new ReplayPacer(new DepthReplay(f.engine, MarketFixture.SYMBOL, snapshots), true,
            300, 0);
        pacer.poll(600);
        assertEquals(299_700, bestBid());
        pacer.poll(899);
        assertEquals(299_700, bestBid());
        assertEquals(1, pacer.passes());
        pacer.poll(950);                                    // 50 ms into the second pass
        assertEquals(299_900, bestBid());
        assertArrayEquals(new long[]{300_100, 1_000}, f.engine.depth(MarketFixture.SYMBOL, 5).asks().get(0));
        assertEquals(2, pacer.passes());
        assertFalse(pacer.finished());
        pacer.poll(1_199);
        assertEquals(299_900, bestBid());
        pacer.poll(1_200);                                  // 300 ms into the second pass, overshoot carried over
        assertEquals(299_800, bestBid());
    }

    private long bestBid()
    {
        return f.engine.depth(MarketFixture.SYMBOL, 5).bids().get(0)[0];
    }

    private static List<DepthSnapshot> read() throws IOException
    {
        return new DepthRecordingReader(new MarketFixture(-1).engine.instrument(MarketFixture.SYMBOL))
            .read(new StringReader(RECORDING), "test");
    }
}
