package io.mmfleet.bench.venue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mmfleet.venuesim.engine.DepthView;
import io.mmfleet.venuesim.engine.MatchingEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@link DepthStreamBenchmark} measures is a correct diff depth stream: every frame is a {@code depthUpdate}
 * whose {@code U} is the previous {@code u} + 1, and a client applying the frames to the engine's starting book
 * holds the same book as the engine (or, for the tape, as the recorded changes applied directly).
 */
class DepthStreamBenchmarkTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DepthStreamBenchmark benchmark = new DepthStreamBenchmark();
    private final DepthStreamCounters counters = new DepthStreamCounters();

    @Test
    void theTapeIsOneCycleOfARealEngineThatLeavesTheBookAsItWas()
    {
        final DepthChangeTape.Recorder recorder = new DepthChangeTape.Recorder();
        final SteadyBook book = new SteadyBook(recorder);
        final Books before = Books.of(book.engine().depth(SteadyBook.SYMBOL, 100));
        final DepthChangeTape tape = DepthChangeTape.record(book, recorder);
        assertEquals(before, Books.of(book.engine().depth(SteadyBook.SYMBOL, 100)));
        // 16 quotes placed and cancelled; 6 sweeps, each one change then one per restored order (3, 6 or 10).
        assertEquals(32 + 6 + 2 * (3 + 6 + 10), tape.size());
        assertEquals(tape.size(), tape.idSpan(), "one update id per change, contiguous");
        for (int i = 1; i < tape.size(); i++)
        {
            assertEquals(tape.changes().get(i - 1).lastUpdateId() + 1, tape.changes().get(i).firstUpdateId());
        }
        final Books replayed = before.copy();
        for (final DepthChange change : tape.changes())
        {
            replayed.apply(change);
        }
        assertEquals(before, replayed);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 10, 7})
    void fromChangesFramesChainAndRebuildTheBookOverSeveralPasses(final int changesPerEvent) throws Exception
    {
        benchmark.changesPerEvent = changesPerEvent;
        benchmark.recordTape();
        benchmark.fresh();
        counters.reset();
        final List<DepthChange> changes = benchmark.tape().changes();
        final Books client = Books.of(new SteadyBook(new DepthChangeTape.Recorder()).engine().depth(SteadyBook.SYMBOL, 100));
        final Books expected = client.copy();
        final int frames = 3 * changes.size();              // several passes, and not a whole number of frames each
        long previousU = changes.get(0).firstUpdateId() - 1;
        for (int i = 0; i < frames; i++)
        {
            previousU = client.applyFrame(benchmark.fromChanges(counters).toString(), previousU);
            for (int j = 0; j < changesPerEvent; j++)
            {
                expected.apply(changes.get((i * changesPerEvent + j) % changes.size()));
            }
            assertEquals(expected, client, "after frame " + i);
        }
        assertEquals((long)frames * changesPerEvent, counters.depthChanges);
        assertTrue(counters.frameLevels >= frames, "every frame lists at least one level");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 10})
    void fromEngineFramesChainAndMatchTheEnginesBook(final int changesPerEvent) throws Exception
    {
        benchmark.changesPerEvent = changesPerEvent;
        benchmark.recordTape();
        benchmark.fresh();
        counters.reset();
        final MatchingEngine engine = benchmark.engine();
        final Books client = Books.of(engine.depth(SteadyBook.SYMBOL, 100));
        long previousU = engine.depth(SteadyBook.SYMBOL, 1).lastUpdateId();
        for (int i = 0; i < 40; i++)
        {
            previousU = client.applyFrame(benchmark.fromEngine(counters).toString(), previousU);
            assertEquals(Books.of(engine.depth(SteadyBook.SYMBOL, 100)), client, "after frame " + i);
            assertEquals(engine.depth(SteadyBook.SYMBOL, 1).lastUpdateId(), previousU);
        }
        assertEquals(40L * changesPerEvent, counters.depthChanges);
    }

    /** A client's book: price → qty mantissas per side. */
    private record Books(TreeMap<Long, Long> bids, TreeMap<Long, Long> asks)
    {
        static Books of(final DepthView depth)
        {
            final Books books = new Books(new TreeMap<>(Comparator.reverseOrder()), new TreeMap<>());
            depth.bids().forEach(level -> books.bids.put(level[0], level[1]));
            depth.asks().forEach(level -> books.asks.put(level[0], level[1]));
            return books;
        }

        Books copy()
        {
            return new Books(new TreeMap<>(bids), new TreeMap<>(asks));
        }

        void apply(final DepthChange change)
        {
            change.bids().forEach(level -> set(bids, level[0], level[1]));
            change.asks().forEach(level -> set(asks, level[0], level[1]));
        }

        /** Checks the frame's shape and U/u chaining, applies its levels, returns its u. */
        long applyFrame(final String frame, final long previousU) throws Exception
        {
            final JsonNode event = JSON.readTree(frame);
            assertEquals("depthUpdate", event.get("e").asText(), frame);
            assertEquals(SteadyBook.SYMBOL, event.get("s").asText(), frame);
            assertTrue(event.get("E").asLong() > 0, frame);
            assertEquals(previousU + 1, event.get("U").asLong(), "U follows the previous u: " + frame);
            assertTrue(event.get("u").asLong() >= event.get("U").asLong(), frame);
            levels(event.get("b"), bids, true);
            levels(event.get("a"), asks, false);
            return event.get("u").asLong();
        }

        private static void levels(final JsonNode levels, final Map<Long, Long> side, final boolean bids)
        {
            long previous = bids ? Long.MAX_VALUE : Long.MIN_VALUE;
            for (final JsonNode level : levels)
            {
                final long price = new BigDecimal(level.get(0).asText()).movePointRight(SteadyBook.PRICE_SCALE)
                    .longValueExact();
                final long qty = new BigDecimal(level.get(1).asText()).movePointRight(SteadyBook.QTY_SCALE)
                    .longValueExact();
                assertTrue(bids ? price < previous : price > previous, "levels best first, each price once");
                previous = price;
                set(side, price, qty);
            }
        }

        private static void set(final Map<Long, Long> side, final long price, final long qty)
        {
            if (qty == 0)
            {
                side.remove(price);
            }
            else
            {
                side.put(price, qty);
            }
        }
    }
}
