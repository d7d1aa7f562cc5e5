package io.mmfleet.venuesim.binance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmfleet.venuesim.engine.DepthView;
import io.mmfleet.venuesim.engine.InstrumentSpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The hand-written stream events are, byte for byte, what Jackson wrote for the same content before (the object
 * trees are rebuilt here as the reference): same field order, same decimal spelling, levels best first.
 */
class StreamEventWritersTest
{
    private static final InstrumentSpec ETHUSDT =
        new InstrumentSpec("ETHUSDT", "ETH", "USDT", 2, 4, 1, 1, 0, 1, 1, 1_000_000_000, 0, 0);

    private final TextFrameBuffer frame = new TextFrameBuffer();

    @Test
    void diffDepthEventIsWhatJacksonWroteWithLevelsCoalescedBestFirst()
    {
        final DepthWindow window = new DepthWindow();
        window.add(157, 158, List.of(new long[]{299_990, 5_000}, new long[]{300_000, 2_500}),
            List.of(new long[]{300_020, 1}));
        window.add(159, 160, List.of(new long[]{299_995, 7}, new long[]{299_990, 0}),
            List.of(new long[]{300_010, 12_345}, new long[]{300_020, 0}));

        DiffDepthEvent.write(frame, ETHUSDT, window, 1_672_515_782_136L);

        final ObjectNode expected = BinanceJson.MAPPER.createObjectNode();
        expected.put("e", "depthUpdate");
        expected.put("E", 1_672_515_782_136L);
        expected.put("s", "ETHUSDT");
        expected.put("U", 157);
        expected.put("u", 160);
        levels(expected.putArray("b"), new long[][]{{300_000, 2_500}, {299_995, 7}, {299_990, 0}});
        levels(expected.putArray("a"), new long[][]{{300_010, 12_345}, {300_020, 0}});
        assertEquals(expected.toString(), frame.toString());
        assertEquals("{\"e\":\"depthUpdate\",\"E\":1672515782136,\"s\":\"ETHUSDT\",\"U\":157,\"u\":160,"
            + "\"b\":[[\"3000.00000000\",\"0.25000000\"],[\"2999.95000000\",\"0.00070000\"],"
            + "[\"2999.90000000\",\"0.00000000\"]],\"a\":[[\"3000.10000000\",\"1.23450000\"],"
            + "[\"3000.20000000\",\"0.00000000\"]]}", frame.toString());
    }

    @Test
    void aReusedWindowAndFrameCarryNothingOverFromTheLastEvent()
    {
        final DepthWindow window = new DepthWindow();
        final List<long[]> manyBids = new ArrayList<>();
        for (int i = 0; i < 100; i++)
        {
            manyBids.add(new long[]{300_000 - i, 10_000 + i});
        }
        window.add(1, 100, manyBids, List.of());
        DiffDepthEvent.write(frame, ETHUSDT, window, 1);
        final int bigFrame = frame.length();
        window.clear();

        window.add(101, 101, List.of(), List.of(new long[]{300_001, 1}));
        DiffDepthEvent.write(frame, ETHUSDT, window, 2);

        assertEquals("{\"e\":\"depthUpdate\",\"E\":2,\"s\":\"ETHUSDT\",\"U\":101,\"u\":101,\"b\":[],"
            + "\"a\":[[\"3000.01000000\",\"0.00010000\"]]}", frame.toString());
        assertTrue(bigFrame > 1024, "the 100-level frame outgrew the buffer's first capacity: " + bigFrame);
        final ByteBuffer payload = frame.payload();
        assertEquals(0, payload.position());
        assertEquals(frame.length(), payload.remaining());
        assertEquals(frame.toString(), StandardCharsets.UTF_8.decode(payload).toString());
    }

    @Test
    void partialDepthEventIsWhatJacksonWrote()
    {
        final DepthView depth = new DepthView(160,
            List.of(new long[]{300_000, 2_500}, new long[]{299_999, 1}),
            List.of(new long[]{300_001, 10_000}));

        PartialDepthEvent.write(frame, ETHUSDT, depth);

        final ObjectNode expected = BinanceJson.MAPPER.createObjectNode();
        expected.put("lastUpdateId", 160);
        levels(expected.putArray("bids"), new long[][]{{300_000, 2_500}, {299_999, 1}});
        levels(expected.putArray("asks"), new long[][]{{300_001, 10_000}});
        assertEquals(expected.toString(), frame.toString());
    }

    @Test
    void tradeEventIsWhatJacksonWrote() throws Exception
    {
        TradeEvent.write(frame, ETHUSDT, 12_345, 300_005, 2_500, true, 1_672_515_782_136L);

        final ObjectNode expected = BinanceJson.MAPPER.createObjectNode();
        expected.put("e", "trade");
        expected.put("E", 1_672_515_782_136L);
        expected.put("s", "ETHUSDT");
        expected.put("t", 12_345);
        expected.put("p", DecimalCodec.format(300_005, 2));
        expected.put("q", DecimalCodec.format(2_500, 4));
        expected.put("T", 1_672_515_782_136L);
        expected.put("m", true);
        expected.put("M", true);
        assertEquals(expected.toString(), frame.toString());

        TradeEvent.write(frame, ETHUSDT, 1, 1, 1, false, 0);
        assertFalse(BinanceJson.MAPPER.readTree(frame.toString()).get("m").asBoolean(true));
    }

    @Test
    void stringsAreEscapedIntoAsciiThatParsesBackToThemselves() throws Exception
    {
        final String awkward = "quote\" backslash\\ tab\t nul\u0000 del\u007f é 😀 end";
        frame.reset().append('[').appendString(awkward).append(',').appendString("").append(']');

        final String text = frame.toString();
        for (int i = 0; i < text.length(); i++)
        {
            assertTrue(text.charAt(i) >= 0x20 && text.charAt(i) < 0x7f, "printable ASCII only: " + text);
        }
        final ArrayNode parsed = (ArrayNode)BinanceJson.MAPPER.readTree(text);
        assertEquals(awkward, parsed.get(0).asText());
        assertEquals("", parsed.get(1).asText());
    }

    @Test
    void aFrameCanCarryAnotherInsideAnEnvelope() throws Exception
    {
        final TextFrameBuffer envelope = new TextFrameBuffer();
        TradeEvent.write(frame, ETHUSDT, 7, 300_000, 1, false, 5);

        envelope.reset().appendAscii("{\"stream\":").appendString("ethusdt@trade").appendAscii(",\"data\":")
            .append(frame).append('}');

        final ObjectNode expected = BinanceJson.MAPPER.createObjectNode();
        expected.put("stream", "ethusdt@trade");
        expected.set("data", BinanceJson.MAPPER.readTree(frame.toString()));
        assertEquals(expected.toString(), envelope.toString());
    }

    @Test
    void windowLevelsKeepTheLastQuantityPerPriceBestFirstAndGrow()
    {
        final WindowLevels bids = new WindowLevels(true);
        final WindowLevels asks = new WindowLevels(false);
        for (int i = 0; i < 40; i++)
        {
            final long price = (i * 17) % 40;                  // every price 0..39 once, out of order
            bids.put(price, 1);
            asks.put(price, 1);
        }
        bids.put(5, 0);
        asks.put(39, 99);

        assertEquals(40, bids.size());
        assertEquals(40, asks.size());
        for (int rank = 0; rank < 40; rank++)
        {
            assertEquals(39 - rank, bids.price(rank));
            assertEquals(rank, asks.price(rank));
        }
        assertEquals(0, bids.qty(39 - 5));
        assertEquals(99, asks.qty(39));
        assertThrows(IndexOutOfBoundsException.class, () -> bids.price(40));
        assertThrows(IndexOutOfBoundsException.class, () -> asks.qty(-1));

        bids.clear();
        bids.put(7, 3);
        assertEquals(1, bids.size());
        assertEquals(7, bids.price(0));
        assertEquals(3, bids.qty(0));
    }

    @Test
    void aWindowKeepsTheFirstUandTheLastUntilCleared()
    {
        final DepthWindow window = new DepthWindow();
        assertTrue(window.isEmpty());
        window.add(10, 11, List.of(new long[]{1, 1}), List.of());
        window.add(12, 14, List.of(), List.of(new long[]{2, 2}));
        assertEquals(10, window.firstUpdateId());
        assertEquals(14, window.lastUpdateId());
        window.clear();
        assertTrue(window.isEmpty());
        assertEquals(0, window.bids().size() + window.asks().size());
        window.add(15, 15, List.of(), List.of());
        assertEquals(15, window.firstUpdateId());
    }

    private static void levels(final ArrayNode target, final long[][] levels)
    {
        for (final long[] level : levels)
        {
            target.addArray().add(DecimalCodec.format(level[0], 2)).add(DecimalCodec.format(level[1], 4));
        }
    }
}
