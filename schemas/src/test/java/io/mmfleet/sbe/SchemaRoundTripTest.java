package io.mmfleet.sbe;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import uk.co.real_logic.sbe.ir.Ir;
import uk.co.real_logic.sbe.otf.OtfHeaderDecoder;
import uk.co.real_logic.sbe.otf.OtfMessageDecoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every message of the schema encoded with a non-trivial value in every field (header envelope included) and decoded
 * back field by field. The case list is checked against the template ids in the schema's IR, and each encoded message
 * is walked with the IR-driven decoder to find any field a case left zero, so a message or a field added to the schema
 * without a round-trip case fails the build.
 */
class SchemaRoundTripTest
{
    private static final int STRATEGY_ID = 11;
    private static final int VENUE_ID = 2;
    private static final int INSTRUMENT_ID = 1042;
    private static final long VENUE_TIME_NS = 1_763_750_001_234_567_891L;
    /** Exactly the 36 characters the type holds, so a decoder that needs a terminator would fail. */
    private static final String FULL_CLIENT_ORDER_ID = "mm11.7f3a9c21e4b0d5aa:0000000000042_";
    private static final String CLIENT_ORDER_ID = "mm11.7f3a9c21e4b0d5aa:41";
    private static final String UTF8_TEXT = "venue said: «-2010 would immediately match» — 再試行";

    private static final Ir IR = SchemaIr.load();
    private static final List<RoundTrip> CASES = cases();

    @Test
    void everyMessageInTheSchemaHasARoundTripCase()
    {
        final Map<Integer, String> schemaMessages = SchemaIr.messageNamesByTemplateId(IR);
        final Map<Integer, String> tested = new TreeMap<>();
        for (final RoundTrip roundTrip : CASES)
        {
            final String previous = tested.put(roundTrip.templateId(), roundTrip.name());
            assertNull(previous, "two round-trip cases for template id " + roundTrip.templateId());
        }

        final Set<String> untested = new TreeSet<>();
        schemaMessages.forEach((templateId, name) ->
        {
            if (!tested.containsKey(templateId))
            {
                untested.add(name + " (template id " + templateId + ")");
            }
        });
        if (!untested.isEmpty())
        {
            fail("messages in the schema without a round-trip case in SchemaRoundTripTest: " + untested);
        }

        assertEquals(schemaMessages, tested, "round-trip cases must name the schema's messages by their template ids");
    }

    @TestFactory
    Stream<DynamicTest> everyMessageDecodesToWhatWasEncoded()
    {
        return CASES.stream().map((roundTrip) -> DynamicTest.dynamicTest(
            roundTrip.name() + " (" + roundTrip.templateId() + ")", () -> assertRoundTrip(roundTrip)));
    }

    private static void assertRoundTrip(final RoundTrip roundTrip)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
        final int offset = 8;
        final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
        final int encodedLength = roundTrip.encoding().encode(buffer, offset, headerEncoder);
        putEnvelope(headerEncoder, roundTrip.templateId());

        final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
        final int decodedLength = roundTrip.check().decodeAndAssert(buffer, offset, headerDecoder);
        assertEquals(roundTrip.templateId(), headerDecoder.templateId());
        assertEquals(MessageHeaderDecoder.SCHEMA_ID, headerDecoder.schemaId());
        assertEquals(MessageHeaderDecoder.SCHEMA_VERSION, headerDecoder.version());
        assertEnvelope(headerDecoder, roundTrip.templateId());
        assertEquals(encodedLength, decodedLength, "decoder must consume exactly what the encoder wrote");

        assertIrDecoderFindsEveryFieldSet(buffer, offset, encodedLength, roundTrip);
    }

    /** The generic decoder busctl uses must agree on the length, and must see no field the case left at zero. */
    private static void assertIrDecoderFindsEveryFieldSet(
        final DirectBuffer buffer, final int offset, final int encodedLength, final RoundTrip roundTrip)
    {
        final OtfHeaderDecoder header = new OtfHeaderDecoder(IR.headerStructure());
        final int bodyOffset = offset + header.encodedLength();
        final TrivialFieldFinder finder = new TrivialFieldFinder();
        final int limit = OtfMessageDecoder.decode(
            buffer,
            bodyOffset,
            header.getSchemaVersion(buffer, offset),
            header.getBlockLength(buffer, offset),
            IR.getMessage(header.getTemplateId(buffer, offset)),
            finder);

        assertEquals(offset + encodedLength, limit, "IR decoder length of " + roundTrip.name());
        assertTrue(finder.trivialParts().isEmpty(),
            roundTrip.name() + " round-trip case leaves these parts zero, single or empty: " + finder.trivialParts());
    }

    private static void putEnvelope(final MessageHeaderEncoder header, final int templateId)
    {
        header
            .sourceId(60_000 + templateId)
            .runId(0x5EED_0000_0000_0000L | templateId)
            .sequence(1_000_000_000_000L + templateId)
            .sendNs(VENUE_TIME_NS + 2_000 + templateId)
            .originNs(VENUE_TIME_NS + 1_000 + templateId);
    }

    private static void assertEnvelope(final MessageHeaderDecoder header, final int templateId)
    {
        assertEquals(60_000 + templateId, header.sourceId());
        assertEquals(0x5EED_0000_0000_0000L | templateId, header.runId());
        assertEquals(1_000_000_000_000L + templateId, header.sequence());
        assertEquals(VENUE_TIME_NS + 2_000 + templateId, header.sendNs());
        assertEquals(VENUE_TIME_NS + 1_000 + templateId, header.originNs());
    }

    private static void put(final DecimalEncoder decimal, final long mantissa, final int exponent)
    {
        decimal.mantissa(mantissa).exponent((byte)exponent);
    }

    private static void assertDecimal(final long mantissa, final int exponent, final DecimalDecoder decimal)
    {
        assertEquals(mantissa, decimal.mantissa(), "mantissa");
        assertEquals(exponent, decimal.exponent(), "exponent");
    }

    @FunctionalInterface
    private interface Encoding
    {
        /**
         * @return bytes written from offset, header included.
         */
        int encode(MutableDirectBuffer buffer, int offset, MessageHeaderEncoder header);
    }

    @FunctionalInterface
    private interface Check
    {
        /**
         * @return bytes read from offset, header included.
         */
        int decodeAndAssert(DirectBuffer buffer, int offset, MessageHeaderDecoder header);
    }

    private record RoundTrip(int templateId, String name, Encoding encoding, Check check)
    {
    }

    private static List<RoundTrip> cases()
    {
        final List<RoundTrip> cases = new ArrayList<>();
        fleetPlumbing(cases);
        marketData(cases);
        strategyToOms(cases);
        omsToExecHandler(cases);
        positionsAndRisk(cases);
        control(cases);
        marketMakerEvents(cases);

        return cases;
    }

    private static void fleetPlumbing(final List<RoundTrip> cases)
    {
        final long[] lastSequences = { 41L, 1_000_002L, 7L };
        final String[] topics = { "md.binance.ETH-USDC", "ord.cmd.binance", "hb.oms" };
        cases.add(new RoundTrip(HeartbeatEncoder.TEMPLATE_ID, "Heartbeat",
            (buffer, offset, header) ->
            {
                final HeartbeatEncoder encoder = new HeartbeatEncoder().wrapAndApplyHeader(buffer, offset, header);
                encoder.state(DaemonState.DEGRADED).startNs(VENUE_TIME_NS - 5_000_000_000L);
                final HeartbeatEncoder.StreamsEncoder streams = encoder.streamsCount(lastSequences.length);
                for (int i = 0; i < lastSequences.length; i++)
                {
                    streams.next().lastSequence(lastSequences[i]).topic(topics[i]);
                }
                return header.encodedLength() + encoder.encodedLength();
            },
            (buffer, offset, header) ->
            {
                final HeartbeatDecoder decoder = new HeartbeatDecoder().wrapAndApplyHeader(buffer, offset, header);
                assertEquals(DaemonState.DEGRADED, decoder.state());
                assertEquals(VENUE_TIME_NS - 5_000_000_000L, decoder.startNs());
                final HeartbeatDecoder.StreamsDecoder streams = decoder.streams();
                assertEquals(lastSequences.length, streams.count());
                for (int i = 0; i < lastSequences.length; i++)
                {
                    streams.next();
                    assertEquals(lastSequences[i], streams.lastSequence());
                    assertEquals(topics[i], streams.topic());
                }
                return header.encodedLength() + decoder.encodedLength();
            }));

        cases.add(new RoundTrip(SnapshotRequestEncoder.TEMPLATE_ID, "SnapshotRequest",
            (buffer, offset, header) ->
            {
                final SnapshotRequestEncoder encoder =
                    new SnapshotRequestEncoder().wrapAndApplyHeader(buffer, offset, header);
                encoder.requestId(9_000_000_001L).ownerSourceId(4).topic("exec.binance");
                return header.encodedLength() + encoder.encodedLength();
            },
            (buffer, offset, header) ->
            {
                final SnapshotRequestDecoder decoder =
                    new SnapshotRequestDecoder().wrapAndApplyHeader(buffer, offset, header);
                assertEquals(9_000_000_001L, decoder.requestId());
                assertEquals(4, decoder.ownerSourceId());
                assertEquals("exec.binance", decoder.topic());
                return header.encodedLength() + decoder.encodedLength();
            }));

        cases.add(new RoundTrip(SnapshotCompleteEncoder.TEMPLATE_ID, "SnapshotComplete",
            (buffer, offset, header) ->
            {
                final SnapshotCompleteEncoder encoder =
                    new SnapshotCompleteEncoder().wrapAndApplyHeader(buffer, offset, header);
                encoder.requestId(9_000_000_001L).requesterSourceId(65_535).lastSequence(123_456L).messageCount(17)
                    .topic("acct.binance");
                return header.encodedLength() + encoder.encodedLength();
            },
            (buffer, offset, header) ->
            {
                final SnapshotCompleteDecoder decoder =
                    new SnapshotCompleteDecoder().wrapAndApplyHeader(buffer, offset, header);
                assertEquals(9_000_000_001L, decoder.requestId());
                assertEquals(65_535, decoder.requesterSourceId());
                assertEquals(123_456L, decoder.lastSequence());
                assertEquals(17, decoder.messageCount());
                assertEquals("acct.binance", decoder.topic());
                return header.encodedLength() + decoder.encodedLength();
            }));
    }

    private static void marketData(final List<RoundTrip> cases)
    {
        cases.add(new RoundTrip(BookUpdateEncoder.TEMPLATE_ID, "BookUpdate",
            (buffer, offset, header) ->
            {
                final BookUpdateEncoder encoder = new BookUpdateEncoder().wrapAndApplyHeader(buffer, offset, header);
                encoder.venueId(VENUE_ID).instrumentId(INSTRUMENT_ID).venueUpdateId(72_315_499_812L)
                    .venueTimeNs(VENUE_TIME_NS);
                final BookUpdateEncoder.BidsEncoder bids = encoder.bidsCount(3);
                for (int i = 0; i < 3; i++)
                {
                    bids.next();
                    put(bids.price(), 304_512L - i, -2);
                    put(bids.qty(), 15_000L + 1_000L * i, -4);
                }
                final BookUpdateEncoder.AsksEncoder asks = encoder.asksCount(4);
                for (int i = 0; i < 4; i++)
                {
                    asks.next();
                    put(asks.price(), 304_513L + i, -2);
                    put(asks.qty(), 27_000L + 500L * i, -4);
                }
                return header.encodedLength() + encoder.encodedLength();
            },
            (buffer, offset, header) ->
            {
                final BookUpdateDecoder decoder = new BookUpdateDecoder().wrapAndApplyHeader(buffer, offset, header);
                assertEquals(VENUE_ID, decoder.venueId());
                assertEquals(INSTRUMENT_ID, decoder.instrumentId());
                assertEquals(72_315_499_812L, decoder.venueUpdateId());
                assertEquals(VENUE_TIME_NS, decoder.venueTimeNs());
                final BookUpdateDecoder.BidsDecoder bids = decoder.bids();
                assertEquals(3, bids.count());
                for (int i = 0; i < 3; i++)
                {
                    bids.next();
                    assertDecimal(304_512L - i, -2, bids.price());
                    assertDecimal(15_000L + 1_000L * i, -4, bids.qty());
                }
                final BookUpdateDecoder.AsksDecoder asks = decoder.asks();
                assertEquals(4, asks.count());
                for (int i = 0; i < 4; i++)
                {
                    asks.next();
                    assertDecimal(304_513L + i, -2, asks.price());
                    assertDecimal(27_000L + 500L * i, -4, asks.qty());
                }
                return header.encodedLength() + decoder.encodedLength();
            }));

        cases.add(new RoundTrip(TradeEncoder.TEMPLATE_ID, "Trade",
            (buffer, offset, header) ->
            {
                final TradeEncoder encoder = new TradeEncoder().wrapAndApplyHeader(buffer, offset, header);
                encoder.venueId(VENUE_ID).instrumentId(INSTRUMENT_ID).venueTradeId(3_110_000_042L);
                put(encoder.price(), 304_512L, -2);
                put(encoder.qty(), 15_000L, -4);
                encoder.aggressorSide(Side.SELL).venueTimeNs(VENUE_TIME_NS);
                return header.encodedLength() + encoder.encodedLength();
            },
            (buffer, offset, header) ->
            {
                final TradeDecoder decoder = new TradeDecoder().wrapAndApplyHeader(buffer, offset, header);
                assertEquals(VENUE_ID, decoder.venueId());
                assertEquals(INSTRUMENT_ID, decoder.instrumentId());
                assertEquals(3_110_000_042L, decoder.venueTradeId());
                assertDecimal(304_512L, -2, decoder.price());
                assertDecimal(15_000L, -4, decoder.qty());
                assertEquals(Side.SELL, decoder.aggressorSide());
                assertEquals(VENUE_TIME_NS, decoder.venueTimeNs());
                return header.encodedLength() + decoder.encodedLength();
            }));

        cases.add(new RoundTrip(VenueStatusEncoder.TEMPLATE_ID, "VenueStatus",
            (buffer, offset, header) ->
            {
                final VenueStatusEncoder encoder = new VenueStatusEncoder().wrapAndApplyHeader(buffer, offset, header);
                encoder.venueId(VENUE_ID).instrumentId(INSTRUMENT_ID).state(VenueState.STALE)
                    .reason("no depth update for 5000 ms — resyncing");
                return header.encodedLength() + encoder.encodedLength();
            },
            (buffer, offset, header) ->
            {
                final VenueStatusDecoder decoder = new VenueStatusDecoder().wrapAndApplyHeader(buffer, offset, header);
                assertEquals(VENUE_ID, decoder.venueId());
                assertEquals(INSTRUMENT_ID, decoder.instrumentId());
                assertEquals(VenueState.STALE, decoder.state());
                assertEquals("no depth update for 5000 ms — resyncing", decoder.reason());
                return header.encodedLength() + decoder.encodedLength();
            }));

        cases.add(new RoundTrip(InstrumentDefinitionEncoder.TEMPLATE_ID, "InstrumentDefinition",
            (buffer, offset, header) ->
            {
                final InstrumentDefinitionEncoder encoder =
                    new InstrumentDefinitionEncoder().wrapAndApplyHeader(buffer, offset, header);
                encoder.venueId(VENUE_ID).instrumentId(INSTRUMENT_ID).status(InstrumentStatus.HALTED);
                put(encoder.tickSize(), 1L, -2);
                put(encoder.lotSize(), 1L, -4);
                put(encoder.minQty(), 10L, -4);
                put(encoder.maxQty(), 90_000L, 1);
                put(encoder.minNotional(), 5L, 1);
                put(encoder.maxNotional(), 9_000_000L, 2);
                encoder.baseAsset("ETH").quoteAsset("USDC").venueSymbol("ETHUSDC");
                return header.encodedLength() + encoder.encodedLength();
            },
            (buffer, offset, header) ->
            {
                final InstrumentDefinitionDecoder decoder =
                    new InstrumentDefinitionDecoder().wrapAndApplyHeader(buffer, offset, header);
                assertEquals(VENUE_ID, decoder.venueId());
                assertEquals(INSTRUMENT_ID, decoder.instrumentId());
                assertEquals(InstrumentStatus.HALTED, decoder.status());
                assertDecimal(1L, -2, decoder.tickSize());
                assertDecimal(1L, -4, decoder.lotSize());
                assertDecimal(10L, -4, decoder.minQty());
                assertDecimal(90_000L, 1, decoder.maxQty());
                assertDecimal(5L, 1, decoder.minNotional());
                assertDecimal(9_000_000L, 2, decoder.maxNotional());
                assertEquals("ETH", decoder.baseAsset());
                assertEquals("USDC", decoder.quoteAsset());
                assertEquals("ETHUSDC", decoder.venueSymbol());
                return header.encodedLength() + decoder.encodedLength();
            }));
    }

    private static void strategyToOms(final List<RoundTrip> cases)
    {
        cases.add(new RoundTrip(QuoteIntentEncoder.TEMPLATE_ID, "QuoteIntent",
            (buffer, offset, header) ->
            {
                final QuoteIntentEncoder encoder = new QuoteIntentEncoder().wrapAndApplyHeader(buffer, offset, header);
                encoder.strategyId(STRATEGY_ID).venueId(VENUE_ID).instrumentId(INSTRUMENT_ID);
                put(encoder.bidPrice(), DecimalEncoder.mantissaNullValue(), -2);
                put(encoder.bidQty(), 25_000L, -4);
                put(encoder.askPrice(), 304_600L, -2);
                put(encoder.askQty(), 12_500L, -4);
                put(encoder.reservationPrice(), 3_045_551L, -3);
                put(encoder.midPrice(), 3_045_125L, -3);
                return header.encodedLength() + encoder.encodedLength();
            },
            (buffer, offset, header) ->
            {
                final QuoteIntentDecoder decoder = new QuoteIntentDecoder().wrapAndApplyHeader(buffer, offset, header);
                assertEquals(STRATEGY_ID, decoder.strategyId());
                assertEquals(VENUE_ID, decoder.venueId());
                assertEquals(INSTRUMENT_ID, decoder.instrumentId());
                assertDecimal(DecimalDecoder.mantissaNullValue(), -2, decoder.bidPrice());
                assertDecimal(25_000L, -4, decoder.bidQty());
                assertDecimal(304_600L, -2, decoder.askPrice());
                assertDecimal(12_500L, -4, decoder.askQty());
                assertDecimal(3_045_551L, -3, decoder.reservationPrice());
                assertDecimal(3_045_125L, -3, decoder.midPrice());
                return header.encodedLength() + decoder.encodedLength();
            }));

        cases.add(new RoundTrip(NewOrderRequestEncoder.TEMPLATE_ID, "NewOrderRequest",
            (buffer, offset, header) ->
            {
                final NewOrderRequestEncoder encoder =
                    new NewOrderRequestEncoder().wrapAndApplyHeader(buffer, offset, header);
                encoder.strategyId(STRATEGY_ID).requestId(77_000_001L).venueId(VENUE_ID).instrumentId(INSTRUMENT_ID)
                    .side(Side.BUY).orderType(OrderType.LIMIT_MAKER).timeInForce(TimeInForce.GTC);
                put(encoder.price(), 304_400L, -2);
                put(encoder.qty(), 25_000L, -4);
                return header.encodedLength() + encoder.encodedLength();
            },
            (buffer, offset, header) ->
            {
                final NewOrderRequestDecoder decoder =
                    new NewOrderRequestDecoder().wrapAndApplyHeader(buffer, offset, header);
                assertEquals(STRATEGY_ID, decoder.strategyId());
                assertEquals(77_000_001L, decoder.requestId());
                assertEquals(VENUE_ID, decoder.venueId());
                assertEquals(INSTRUMENT_ID, decoder.instrumentId());
                assertEquals(Side.BUY, decoder.side());
                assertEquals(OrderType.LIMIT_MAKER, decoder.orderType());
                assertEquals(TimeInForce.GTC, decoder.timeInForce());
                assertDecimal(304_400L, -2, decoder.price());
                assertDecimal(25_000L, -4, decoder.qty());
                return header.encodedLength() + decoder.encodedLength();
            }));

        cases.add(new RoundTrip(CancelOrderRequestEncoder.TEMPLATE_ID, "CancelOrderRequest",
            (buffer, offset, header) ->
            {
                final CancelOrderRequestEncoder encoder =
                    new CancelOrderRequestEncoder().wrapAndApplyHeader(buffer, offset, header);
                encoder.strategyId(STRATEGY_ID).requestId(77_000_002L).origRequestId(77_000_001L).venueId(VENUE_ID)
                    .instrumentId(INSTRUMENT_ID);
                return header.encodedLength() + encoder.encodedLength();
            },
            (buffer, offset, header) ->
            {
                final CancelOrderRequestDecoder decoder =
                    new CancelOrderRequestDecoder().wrapAndApplyHeader(buffer, offset, header);
                assertEquals(STRATEGY_ID, decoder.strategyId());
                assertEquals(77_000_002L, decoder.requestId());
                assertEquals(77_000_001L, decoder.origRequestId());
                assertEquals(VENUE_ID, decoder.venueId());
                assertEquals(INSTRUMENT_ID, decoder.instrumentId());
                return header.encodedLength() + decoder.encodedLength();
            }));

        cases.add(new RoundTrip(ReplaceOrderRequestEncoder.TEMPLATE_ID, "ReplaceOrderRequest",
            (buffer, offset, header) ->
            {
                final ReplaceOrderRequestEncoder encoder =
                    new ReplaceOrderRequestEncoder().wrapAndApplyHeader(buffer, offset, header);
                encoder.strategyId(STRATEGY_ID).requestId(77_000_003L).origRequestId(77_000_001L).venueId(VENUE_ID)
                    .instrumentId(INSTRUMENT_ID).side(Side.SELL);
                put(encoder.price(), 304_700L, -2);
                put(encoder.qty(), 30_000L, -4);
                return header.encodedLength() + encoder.encodedLength();
            },
            (buffer, offset, header) ->
            {
                final ReplaceOrderRequestDecoder decoder =
                    new ReplaceOrderRequestDecoder().wrapAndApplyHeader(buffer, offset, header);
                assertEquals(STRATEGY_ID, decoder.strategyId());
                assertEquals(77_000_003L, decoder.requestId());
                assertEquals(77_000_001L, decoder.origRequestId());
                assertEquals(VENUE_ID, decoder.venueId());
                assertEquals(INSTRUMENT_ID, decoder.instrumentId());
                assertEquals(Side.SELL, decoder.side());
                assertDecimal(304_700L, -2, decoder.price());
                assertDecimal(30_000L, -4, decoder.qty());
                return header.encodedLength() + decoder.encodedLength();
            }));
    }

    private static void omsToExecHandler(final List<RoundTrip> cases)
    {
        cases.add(new RoundTrip(OrderCommandEncoder.TEMPLATE_ID, "OrderCommand",
            (buffer, offset, header) ->
            {
                final OrderCommandEncoder encoder =
                    new OrderCommandEncoder().wrapAndApplyHeader(buffer, offset, header);
                encoder.commandId(5_000_017L).commandType(CommandType.REPLACE).strategyId(STRATEGY_ID)
                    .venueId(VENUE_ID).instrumentId(INSTRUMENT_ID).side(Side.SELL).orderType(OrderType.LIMIT)
                    .timeInForce(TimeInForce.IOC);
                put(encoder.price(), 304_700L, -2);
                put(encoder.qty(), 30_000L, -4);
                encoder.clientOrderId(FULL_CLIENT_ORDER_ID).origClientOrderId(CLIENT_ORDER_ID);
                return header.encodedLength() + encoder.encodedLength();
            },
            (buffer, offset, header) ->
            {
                final OrderCommandDecoder decoder =
                    new OrderCommandDecoder().wrapAndApplyHeader(buffer, offset, header);
                assertEquals(5_000_017L, decoder.commandId());
                assertEquals(CommandType.REPLACE, decoder.commandType());
                assertEquals(STRATEGY_ID, decoder.strategyId());
                assertEquals(VENUE_ID, decoder.venueId());
                assertEquals(INSTRUMENT_ID, decoder.instrumentId());
                assertEquals(Side.SELL, decoder.side());
                assertEquals(OrderType.LIMIT, decoder.orderType());
                assertEquals(TimeInForce.IOC, decoder.timeInForce());
                assertDecimal(304_700L, -2, decoder.price());
                assertDecimal(30_000L, -4, decoder.qty());
                assertEquals(FULL_CLIENT_ORDER_ID, decoder.clientOrderId());
                assertEquals(CLIENT_ORDER_ID, decoder.origClientOrderId());
                return header.encodedLength() + decoder.encodedLength();
            }));

        cases.add(new RoundTrip(OrderRejectEncoder.TEMPLATE_ID, "OrderReject",
            (buffer, offset, header) ->
            {
                final OrderRejectEncoder encoder = new OrderRejectEncoder().wrapAndApplyHeader(buffer, offset, header);
                encoder.strategyId(STRATEGY_ID).requestId(77_000_001L).commandId(5_000_017L).venueId(VENUE_ID)
                    .instrumentId(INSTRUMENT_ID).rejectSource(RejectSource.VENUE)
                    .rejectReason(RejectReason.POST_ONLY_WOULD_CROSS).venueErrorCode(-2010)
                    .clientOrderId(FULL_CLIENT_ORDER_ID).text(UTF8_TEXT);
                return header.encodedLength() + encoder.encodedLength();
            },
            (buffer, offset, header) ->
            {
                final OrderRejectDecoder decoder = new OrderRejectDecoder().wrapAndApplyHeader(buffer, offset, header);
                assertEquals(STRATEGY_ID, decoder.strategyId());
                assertEquals(77_000_001L, decoder.requestId());
                assertEquals(5_000_017L, decoder.commandId());
                assertEquals(VENUE_ID, decoder.venueId());
                assertEquals(INSTRUMENT_ID, decoder.instrumentId());
                assertEquals(RejectSource.VENUE, decoder.rejectSource());
                assertEquals(RejectReason.POST_ONLY_WOULD_CROSS, decoder.rejectReason());
                assertEquals(-2010, decoder.venueErrorCode());
                assertEquals(FULL_CLIENT_ORDER_ID, decoder.clientOrderId());
                assertEquals(UTF8_TEXT, decoder.text());
                return header.encodedLength() + decoder.encodedLength();
            }));

        cases.add(new RoundTrip(OrderStateEncoder.TEMPLATE_ID, "OrderState",
            (buffer, offset, header) ->
            {
                final OrderStateEncoder encoder = new OrderStateEncoder().wrapAndApplyHeader(buffer, offset, header);
                encoder.strategyId(STRATEGY_ID).requestId(77_000_001L).venueId(VENUE_ID).instrumentId(INSTRUMENT_ID)
                    .venueOrderId(8_391_022_117L).side(Side.BUY).orderType(OrderType.LIMIT_MAKER)
                    .status(OrdStatus.REJECTED);
                put(encoder.price(), 304_400L, -2);
                put(encoder.qty(), 25_000L, -4);
                put(encoder.cumQty(), 10_000L, -4);
                put(encoder.leavesQty(), 15_000L, -4);
                put(encoder.avgPrice(), 3_043_995L, -3);
                encoder.rejectReason(RejectReason.PRICE_COLLAR).clientOrderId(CLIENT_ORDER_ID);
                return header.encodedLength() + encoder.encodedLength();
            },
            (buffer, offset, header) ->
            {
                final OrderStateDecoder decoder = new OrderStateDecoder().wrapAndApplyHeader(buffer, offset, header);
                assertEquals(STRATEGY_ID, decoder.strategyId());
                assertEquals(77_000_001L, decoder.requestId());
                assertEquals(VENUE_ID, decoder.venueId());
                assertEquals(INSTRUMENT_ID, decoder.instrumentId());
                assertEquals(8_391_022_117L, decoder.venueOrderId());
                assertEquals(Side.BUY, decoder.side());
                assertEquals(OrderType.LIMIT_MAKER, decoder.orderType());
                assertEquals(OrdStatus.REJECTED, decoder.status());
                assertDecimal(304_400L, -2, decoder.price());
                assertDecimal(25_000L, -4, decoder.qty());
                assertDecimal(10_000L, -4, decoder.cumQty());
                assertDecimal(15_000L, -4, decoder.leavesQty());
                assertDecimal(3_043_995L, -3, decoder.avgPrice());
                assertEquals(RejectReason.PRICE_COLLAR, decoder.rejectReason());
                assertEquals(CLIENT_ORDER_ID, decoder.clientOrderId());
                return header.encodedLength() + decoder.encodedLength();
            }));

        cases.add(new RoundTrip(ExecutionReportEncoder.TEMPLATE_ID, "ExecutionReport",
            (buffer, offset, header) ->
            {
                final ExecutionReportEncoder encoder =
                    new ExecutionReportEncoder().wrapAndApplyHeader(buffer, offset, header);
                encoder.commandId(5_000_017L).strategyId(STRATEGY_ID).venueId(VENUE_ID).instrumentId(INSTRUMENT_ID)
                    .venueOrderId(8_391_022_117L).execType(ExecType.TRADE).ordStatus(OrdStatus.PARTIALLY_FILLED)
                    .side(Side.BUY).orderType(OrderType.LIMIT_MAKER);
                put(encoder.orderPrice(), 304_400L, -2);
                put(encoder.orderQty(), 25_000L, -4);
                put(encoder.lastPrice(), 304_399L, -2);
                put(encoder.lastQty(), 4_000L, -4);
                put(encoder.cumQty(), 14_000L, -4);
                put(encoder.cumQuoteQty(), 42_615_860L, -5);
                encoder.tradeId(3_110_000_043L);
                put(encoder.fee(), -12L, -8);
                encoder.liquidity(Liquidity.MAKER).venueTimeNs(VENUE_TIME_NS).rejectReason(RejectReason.NULL_VAL)
                    .venueErrorCode(-1021).feeAsset("BNB").clientOrderId(FULL_CLIENT_ORDER_ID)
                    .origClientOrderId(CLIENT_ORDER_ID);
                return header.encodedLength() + encoder.encodedLength();
            },
            (buffer, offset, header) ->
            {
                final ExecutionReportDecoder decoder =
                    new ExecutionReportDecoder().wrapAndApplyHeader(buffer, offset, header);
                assertEquals(5_000_017L, decoder.commandId());
                assertEquals(STRATEGY_ID, decoder.strategyId());
                assertEquals(VENUE_ID, decoder.venueId());
                assertEquals(INSTRUMENT_ID, decoder.instrumentId());
                assertEquals(8_391_022_117L, decoder.venueOrderId());
                assertEquals(ExecType.TRADE, decoder.execType());
                assertEquals(OrdStatus.PARTIALLY_FILLED, decoder.ordStatus());
                assertEquals(Side.BUY, decoder.side());
                assertEquals(OrderType.LIMIT_MAKER, decoder.orderType());
                assertDecimal(304_400L, -2, decoder.orderPrice());
                assertDecimal(25_000L, -4, decoder.orderQty());
                assertDecimal(304_399L, -2, decoder.lastPrice());
                assertDecimal(4_000L, -4, decoder.lastQty());
                assertDecimal(14_000L, -4, decoder.cumQty());
                assertDecimal(42_615_860L, -5, decoder.cumQuoteQty());
                assertEquals(3_110_000_043L, decoder.tradeId());
                assertDecimal(-12L, -8, decoder.fee());
                assertEquals(Liquidity.MAKER, decoder.liquidity());
                assertEquals(VENUE_TIME_NS, decoder.venueTimeNs());
                assertEquals(RejectReason.NULL_VAL, decoder.rejectReason(), "optional enum left absent");
                assertEquals(-1021, decoder.venueErrorCode());
                assertEquals("BNB", decoder.feeAsset());
                assertEquals(FULL_CLIENT_ORDER_ID, decoder.clientOrderId());
                assertEquals(CLIENT_ORDER_ID, decoder.origClientOrderId());
                return header.encodedLength() + decoder.encodedLength();
            }));

        final String[] assets = { "ETH", "USDC", "BNB" };
        cases.add(new RoundTrip(AccountSnapshotEncoder.TEMPLATE_ID, "AccountSnapshot",
            (buffer, offset, header) ->
            {
                final AccountSnapshotEncoder encoder =
                    new AccountSnapshotEncoder().wrapAndApplyHeader(buffer, offset, header);
                encoder.venueId(VENUE_ID).snapshotId(600_001L).venueTimeNs(VENUE_TIME_NS).tradesFromId(3_110_000_000L);
                final AccountSnapshotEncoder.BalancesEncoder balances = encoder.balancesCount(assets.length);
                for (int i = 0; i < assets.length; i++)
                {
                    balances.next();
                    put(balances.free(), 1_000_000L * (i + 1), -6);
                    put(balances.locked(), 250_000L + i, -6);
                    balances.asset(assets[i]);
                }
                final AccountSnapshotEncoder.TradesEncoder trades = encoder.tradesCount(2);
                for (int i = 0; i < 2; i++)
                {
                    trades.next().instrumentId(INSTRUMENT_ID + i).tradeId(3_110_000_042L + i)
                        .venueOrderId(8_391_022_117L + i).side(0 == i ? Side.BUY : Side.SELL);
                    put(trades.price(), 304_399L + i, -2);
                    put(trades.qty(), 4_000L + i, -4);
                    put(trades.quoteQty(), 121_759_600L + i, -6);
                    put(trades.fee(), 73L + i, -8);
                    trades.liquidity(0 == i ? Liquidity.MAKER : Liquidity.TAKER).venueTimeNs(VENUE_TIME_NS + i)
                        .feeAsset(assets[i]).clientOrderId(0 == i ? FULL_CLIENT_ORDER_ID : CLIENT_ORDER_ID);
                }
                return header.encodedLength() + encoder.encodedLength();
            },
            (buffer, offset, header) ->
            {
                final AccountSnapshotDecoder decoder =
                    new AccountSnapshotDecoder().wrapAndApplyHeader(buffer, offset, header);
                assertEquals(VENUE_ID, decoder.venueId());
                assertEquals(600_001L, decoder.snapshotId());
                assertEquals(VENUE_TIME_NS, decoder.venueTimeNs());
                assertEquals(3_110_000_000L, decoder.tradesFromId());
                final AccountSnapshotDecoder.BalancesDecoder balances = decoder.balances();
                assertEquals(assets.length, balances.count());
                for (int i = 0; i < assets.length; i++)
                {
                    balances.next();
                    assertDecimal(1_000_000L * (i + 1), -6, balances.free());
                    assertDecimal(250_000L + i, -6, balances.locked());
                    assertEquals(assets[i], balances.asset());
                }
                final AccountSnapshotDecoder.TradesDecoder trades = decoder.trades();
                assertEquals(2, trades.count());
                for (int i = 0; i < 2; i++)
                {
                    trades.next();
                    assertEquals(INSTRUMENT_ID + i, trades.instrumentId());
                    assertEquals(3_110_000_042L + i, trades.tradeId());
                    assertEquals(8_391_022_117L + i, trades.venueOrderId());
                    assertEquals(0 == i ? Side.BUY : Side.SELL, trades.side());
                    assertDecimal(304_399L + i, -2, trades.price());
                    assertDecimal(4_000L + i, -4, trades.qty());
                    assertDecimal(121_759_600L + i, -6, trades.quoteQty());
                    assertDecimal(73L + i, -8, trades.fee());
                    assertEquals(0 == i ? Liquidity.MAKER : Liquidity.TAKER, trades.liquidity());
                    assertEquals(VENUE_TIME_NS + i, trades.venueTimeNs());
                    assertEquals(assets[i], trades.feeAsset());
                    assertEquals(0 == i ? FULL_CLIENT_ORDER_ID : CLIENT_ORDER_ID, trades.clientOrderId());
                }
                return header.encodedLength() + decoder.encodedLength();
            }));

        cases.add(new RoundTrip(ThrottleStatusEncoder.TEMPLATE_ID, "ThrottleStatus",
            (buffer, offset, header) ->
            {
                final ThrottleStatusEncoder encoder =
                    new ThrottleStatusEncoder().wrapAndApplyHeader(buffer, offset, header);
                encoder.venueId(VENUE_ID).state(ThrottleState.NEAR_LIMIT).usedWeight1m(4_800).weightLimit1m(6_000)
                    .orderCount10s(42).orderLimit10s(50).orderCount1d(120_000).orderLimit1d(160_000)
                    .retryAfterMs(2_500L);
                return header.encodedLength() + encoder.encodedLength();
            },
            (buffer, offset, header) ->
            {
                final ThrottleStatusDecoder decoder =
                    new ThrottleStatusDecoder().wrapAndApplyHeader(buffer, offset, header);
                assertEquals(VENUE_ID, decoder.venueId());
                assertEquals(ThrottleState.NEAR_LIMIT, decoder.state());
                assertEquals(4_800, decoder.usedWeight1m());
                assertEquals(6_000, decoder.weightLimit1m());
                assertEquals(42, decoder.orderCount10s());
                assertEquals(50, decoder.orderLimit10s());
                assertEquals(120_000, decoder.orderCount1d());
                assertEquals(160_000, decoder.orderLimit1d());
                assertEquals(2_500L, decoder.retryAfterMs());
                return header.encodedLength() + decoder.encodedLength();
            }));
    }

    private static void positionsAndRisk(final List<RoundTrip> cases)
    {
        final String[] feeAssets = { "USDC", "BNB" };
        cases.add(new RoundTrip(PositionUpdateEncoder.TEMPLATE_ID, "PositionUpdate",
            (buffer, offset, header) ->
            {
                final PositionUpdateEncoder encoder =
                    new PositionUpdateEncoder().wrapAndApplyHeader(buffer, offset, header);
                encoder.venueId(VENUE_ID).instrumentId(INSTRUMENT_ID).strategyId(STRATEGY_ID);
                put(encoder.position(), -35_000L, -4);
                put(encoder.avgCost(), 3_044_125L, -3);
                put(encoder.realizedPnl(), 1_234_567L, -6);
                put(encoder.unrealizedPnl(), -987_654L, -6);
                put(encoder.markPrice(), 3_045_125L, -3);
                put(encoder.makerVolume(), 1_250_000L, -4);
                put(encoder.takerVolume(), 40_000L, -4);
                encoder.fillCount(311L).execRunId(0x0BADC0DE_0000_0001L).execSequence(90_211L);
                final PositionUpdateEncoder.FeesEncoder fees = encoder.feesCount(feeAssets.length);
                for (int i = 0; i < feeAssets.length; i++)
                {
                    fees.next();
                    put(fees.makerFee(), -2L + 3L * i, -4);
                    put(fees.takerFee(), 7L + i, -4);
                    fees.asset(feeAssets[i]);
                }
                return header.encodedLength() + encoder.encodedLength();
            },
            (buffer, offset, header) ->
            {
                final PositionUpdateDecoder decoder =
                    new PositionUpdateDecoder().wrapAndApplyHeader(buffer, offset, header);
                assertEquals(VENUE_ID, decoder.venueId());
                assertEquals(INSTRUMENT_ID, decoder.instrumentId());
                assertEquals(STRATEGY_ID, decoder.strategyId());
                assertDecimal(-35_000L, -4, decoder.position());
                assertDecimal(3_044_125L, -3, decoder.avgCost());
                assertDecimal(1_234_567L, -6, decoder.realizedPnl());
                assertDecimal(-987_654L, -6, decoder.unrealizedPnl());
                assertDecimal(3_045_125L, -3, decoder.markPrice());
                assertDecimal(1_250_000L, -4, decoder.makerVolume());
                assertDecimal(40_000L, -4, decoder.takerVolume());
                assertEquals(311L, decoder.fillCount());
                assertEquals(0x0BADC0DE_0000_0001L, decoder.execRunId());
                assertEquals(90_211L, decoder.execSequence());
                final PositionUpdateDecoder.FeesDecoder fees = decoder.fees();
                assertEquals(feeAssets.length, fees.count());
                for (int i = 0; i < feeAssets.length; i++)
                {
                    fees.next();
                    assertDecimal(-2L + 3L * i, -4, fees.makerFee());
                    assertDecimal(7L + i, -4, fees.takerFee());
                    assertEquals(feeAssets[i], fees.asset());
                }
                return header.encodedLength() + decoder.encodedLength();
            }));

        cases.add(new RoundTrip(HedgeTargetEncoder.TEMPLATE_ID, "HedgeTarget",
            (buffer, offset, header) ->
            {
                final HedgeTargetEncoder encoder = new HedgeTargetEncoder().wrapAndApplyHeader(buffer, offset, header);
                encoder.instrumentId(INSTRUMENT_ID);
                put(encoder.cefiPosition(), -35_000L, -4);
                put(encoder.defiResidual(), 52_500L, -4);
                put(encoder.netInventory(), 17_500L, -4);
                put(encoder.targetPosition(), -52_500L, -4);
                encoder.execRunId(0x0BADC0DE_0000_0001L).execSequence(90_211L);
                return header.encodedLength() + encoder.encodedLength();
            },
            (buffer, offset, header) ->
            {
                final HedgeTargetDecoder decoder = new HedgeTargetDecoder().wrapAndApplyHeader(buffer, offset, header);
                assertEquals(INSTRUMENT_ID, decoder.instrumentId());
                assertDecimal(-35_000L, -4, decoder.cefiPosition());
                assertDecimal(52_500L, -4, decoder.defiResidual());
                assertDecimal(17_500L, -4, decoder.netInventory());
                assertDecimal(-52_500L, -4, decoder.targetPosition());
                assertEquals(0x0BADC0DE_0000_0001L, decoder.execRunId());
                assertEquals(90_211L, decoder.execSequence());
                return header.encodedLength() + decoder.encodedLength();
            }));

        cases.add(new RoundTrip(RiskEventEncoder.TEMPLATE_ID, "RiskEvent",
            (buffer, offset, header) ->
            {
                final RiskEventEncoder encoder = new RiskEventEncoder().wrapAndApplyHeader(buffer, offset, header);
                encoder.eventType(RiskEventType.RECONCILIATION_MISMATCH).severity(Severity.CRITICAL)
                    .action(RiskAction.KILL_SWITCH).venueId(VENUE_ID).instrumentId(INSTRUMENT_ID)
                    .strategyId(STRATEGY_ID);
                put(encoder.observed(), 12_345L, -4);
                put(encoder.threshold(), 100L, -4);
                encoder.text("ledger ETH 3.5 vs venue 4.7345");
                return header.encodedLength() + encoder.encodedLength();
            },
            (buffer, offset, header) ->
            {
                final RiskEventDecoder decoder = new RiskEventDecoder().wrapAndApplyHeader(buffer, offset, header);
                assertEquals(RiskEventType.RECONCILIATION_MISMATCH, decoder.eventType());
                assertEquals(Severity.CRITICAL, decoder.severity());
                assertEquals(RiskAction.KILL_SWITCH, decoder.action());
                assertEquals(VENUE_ID, decoder.venueId());
                assertEquals(INSTRUMENT_ID, decoder.instrumentId());
                assertEquals(STRATEGY_ID, decoder.strategyId());
                assertDecimal(12_345L, -4, decoder.observed());
                assertDecimal(100L, -4, decoder.threshold());
                assertEquals("ledger ETH 3.5 vs venue 4.7345", decoder.text());
                return header.encodedLength() + decoder.encodedLength();
            }));
    }

    private static void control(final List<RoundTrip> cases)
    {
        cases.add(new RoundTrip(KillSwitchEncoder.TEMPLATE_ID, "KillSwitch",
            (buffer, offset, header) ->
            {
                final KillSwitchEncoder encoder = new KillSwitchEncoder().wrapAndApplyHeader(buffer, offset, header);
                encoder.commandId(31_001L).scope(KillScope.STRATEGY).venueId(VENUE_ID).strategyId(STRATEGY_ID)
                    .reason("operator: runaway fills");
                return header.encodedLength() + encoder.encodedLength();
            },
            (buffer, offset, header) ->
            {
                final KillSwitchDecoder decoder = new KillSwitchDecoder().wrapAndApplyHeader(buffer, offset, header);
                assertEquals(31_001L, decoder.commandId());
                assertEquals(KillScope.STRATEGY, decoder.scope());
                assertEquals(VENUE_ID, decoder.venueId());
                assertEquals(STRATEGY_ID, decoder.strategyId());
                assertEquals("operator: runaway fills", decoder.reason());
                return header.encodedLength() + decoder.encodedLength();
            }));

        cases.add(new RoundTrip(KillSwitchClearEncoder.TEMPLATE_ID, "KillSwitchClear",
            (buffer, offset, header) ->
            {
                final KillSwitchClearEncoder encoder =
                    new KillSwitchClearEncoder().wrapAndApplyHeader(buffer, offset, header);
                encoder.commandId(31_002L).scope(KillScope.VENUE).venueId(VENUE_ID + 1).strategyId(STRATEGY_ID + 1)
                    .reason("venue back after maintenance");
                return header.encodedLength() + encoder.encodedLength();
            },
            (buffer, offset, header) ->
            {
                final KillSwitchClearDecoder decoder =
                    new KillSwitchClearDecoder().wrapAndApplyHeader(buffer, offset, header);
                assertEquals(31_002L, decoder.commandId());
                assertEquals(KillScope.VENUE, decoder.scope());
                assertEquals(VENUE_ID + 1, decoder.venueId());
                assertEquals(STRATEGY_ID + 1, decoder.strategyId());
                assertEquals("venue back after maintenance", decoder.reason());
                return header.encodedLength() + decoder.encodedLength();
            }));

        cases.add(new RoundTrip(ControlAckEncoder.TEMPLATE_ID, "ControlAck",
            (buffer, offset, header) ->
            {
                final ControlAckEncoder encoder = new ControlAckEncoder().wrapAndApplyHeader(buffer, offset, header);
                encoder.commandId(31_001L).commandTemplateId(KillSwitchEncoder.TEMPLATE_ID)
                    .status(AckStatus.ALREADY_APPLIED).requesterSourceId(900).requesterRunId(1_795_000_000_123_456_789L)
                    .text("kill switch already engaged for strategy 11");
                return header.encodedLength() + encoder.encodedLength();
            },
            (buffer, offset, header) ->
            {
                final ControlAckDecoder decoder = new ControlAckDecoder().wrapAndApplyHeader(buffer, offset, header);
                assertEquals(31_001L, decoder.commandId());
                assertEquals(KillSwitchEncoder.TEMPLATE_ID, decoder.commandTemplateId());
                assertEquals(AckStatus.ALREADY_APPLIED, decoder.status());
                assertEquals(900, decoder.requesterSourceId());
                assertEquals(1_795_000_000_123_456_789L, decoder.requesterRunId());
                assertEquals("kill switch already engaged for strategy 11", decoder.text());
                return header.encodedLength() + decoder.encodedLength();
            }));
    }

    private static void marketMakerEvents(final List<RoundTrip> cases)
    {
        cases.add(new RoundTrip(SpreadAdjustedEncoder.TEMPLATE_ID, "SpreadAdjusted",
            (buffer, offset, header) ->
            {
                final SpreadAdjustedEncoder encoder =
                    new SpreadAdjustedEncoder().wrapAndApplyHeader(buffer, offset, header);
                encoder.strategyId(STRATEGY_ID).venueId(VENUE_ID).instrumentId(INSTRUMENT_ID);
                put(encoder.oldSpreadBps(), 85L, -1);
                put(encoder.newSpreadBps(), 142L, -1);
                encoder.reason(SpreadReason.VOLATILITY);
                return header.encodedLength() + encoder.encodedLength();
            },
            (buffer, offset, header) ->
            {
                final SpreadAdjustedDecoder decoder =
                    new SpreadAdjustedDecoder().wrapAndApplyHeader(buffer, offset, header);
                assertEquals(STRATEGY_ID, decoder.strategyId());
                assertEquals(VENUE_ID, decoder.venueId());
                assertEquals(INSTRUMENT_ID, decoder.instrumentId());
                assertDecimal(85L, -1, decoder.oldSpreadBps());
                assertDecimal(142L, -1, decoder.newSpreadBps());
                assertEquals(SpreadReason.VOLATILITY, decoder.reason());
                return header.encodedLength() + decoder.encodedLength();
            }));

        cases.add(new RoundTrip(InventoryImbalanceDetectedEncoder.TEMPLATE_ID, "InventoryImbalanceDetected",
            (buffer, offset, header) ->
            {
                final InventoryImbalanceDetectedEncoder encoder =
                    new InventoryImbalanceDetectedEncoder().wrapAndApplyHeader(buffer, offset, header);
                encoder.strategyId(STRATEGY_ID).venueId(VENUE_ID).instrumentId(INSTRUMENT_ID);
                put(encoder.inventory(), -35_000L, -4);
                put(encoder.maxInventory(), 50_000L, -4);
                put(encoder.imbalance(), -70L, -2);
                encoder.level(ImbalanceLevel.SKEW);
                return header.encodedLength() + encoder.encodedLength();
            },
            (buffer, offset, header) ->
            {
                final InventoryImbalanceDetectedDecoder decoder =
                    new InventoryImbalanceDetectedDecoder().wrapAndApplyHeader(buffer, offset, header);
                assertEquals(STRATEGY_ID, decoder.strategyId());
                assertEquals(VENUE_ID, decoder.venueId());
                assertEquals(INSTRUMENT_ID, decoder.instrumentId());
                assertDecimal(-35_000L, -4, decoder.inventory());
                assertDecimal(50_000L, -4, decoder.maxInventory());
                assertDecimal(-70L, -2, decoder.imbalance());
                assertEquals(ImbalanceLevel.SKEW, decoder.level());
                return header.encodedLength() + decoder.encodedLength();
            }));

        cases.add(new RoundTrip(VolatilityChangedEncoder.TEMPLATE_ID, "VolatilityChanged",
            (buffer, offset, header) ->
            {
                final VolatilityChangedEncoder encoder =
                    new VolatilityChangedEncoder().wrapAndApplyHeader(buffer, offset, header);
                encoder.strategyId(STRATEGY_ID).venueId(VENUE_ID).instrumentId(INSTRUMENT_ID);
                put(encoder.oldSigma(), 41_250L, -5);
                put(encoder.newSigma(), 77_125L, -5);
                return header.encodedLength() + encoder.encodedLength();
            },
            (buffer, offset, header) ->
            {
                final VolatilityChangedDecoder decoder =
                    new VolatilityChangedDecoder().wrapAndApplyHeader(buffer, offset, header);
                assertEquals(STRATEGY_ID, decoder.strategyId());
                assertEquals(VENUE_ID, decoder.venueId());
                assertEquals(INSTRUMENT_ID, decoder.instrumentId());
                assertDecimal(41_250L, -5, decoder.oldSigma());
                assertDecimal(77_125L, -5, decoder.newSigma());
                return header.encodedLength() + decoder.encodedLength();
            }));

        cases.add(new RoundTrip(QuotesUpdatedEncoder.TEMPLATE_ID, "QuotesUpdated",
            (buffer, offset, header) ->
            {
                final QuotesUpdatedEncoder encoder =
                    new QuotesUpdatedEncoder().wrapAndApplyHeader(buffer, offset, header);
                encoder.strategyId(STRATEGY_ID).venueId(VENUE_ID).instrumentId(INSTRUMENT_ID);
                put(encoder.bidPrice(), 304_400L, -2);
                put(encoder.bidQty(), 25_000L, -4);
                put(encoder.askPrice(), 304_600L, -2);
                put(encoder.askQty(), 12_500L, -4);
                put(encoder.reservationPrice(), 3_045_551L, -3);
                put(encoder.midPrice(), 3_045_125L, -3);
                put(encoder.spreadBps(), 657L, -2);
                return header.encodedLength() + encoder.encodedLength();
            },
            (buffer, offset, header) ->
            {
                final QuotesUpdatedDecoder decoder =
                    new QuotesUpdatedDecoder().wrapAndApplyHeader(buffer, offset, header);
                assertEquals(STRATEGY_ID, decoder.strategyId());
                assertEquals(VENUE_ID, decoder.venueId());
                assertEquals(INSTRUMENT_ID, decoder.instrumentId());
                assertDecimal(304_400L, -2, decoder.bidPrice());
                assertDecimal(25_000L, -4, decoder.bidQty());
                assertDecimal(304_600L, -2, decoder.askPrice());
                assertDecimal(12_500L, -4, decoder.askQty());
                assertDecimal(3_045_551L, -3, decoder.reservationPrice());
                assertDecimal(3_045_125L, -3, decoder.midPrice());
                assertDecimal(657L, -2, decoder.spreadBps());
                return header.encodedLength() + decoder.encodedLength();
            }));

        cases.add(new RoundTrip(MarketMakerStartedEncoder.TEMPLATE_ID, "MarketMakerStarted",
            (buffer, offset, header) ->
            {
                final MarketMakerStartedEncoder encoder =
                    new MarketMakerStartedEncoder().wrapAndApplyHeader(buffer, offset, header);
                encoder.strategyId(STRATEGY_ID).venueId(VENUE_ID).instrumentId(INSTRUMENT_ID)
                    .modelType(ModelType.GLFT);
                put(encoder.gamma(), 1L, -1);
                put(encoder.orderBookK(), 15L, 1);
                put(encoder.arrivalA(), 140L, -1);
                encoder.horizonSeconds(3_600L);
                put(encoder.maxInventory(), 50_000L, -4);
                return header.encodedLength() + encoder.encodedLength();
            },
            (buffer, offset, header) ->
            {
                final MarketMakerStartedDecoder decoder =
                    new MarketMakerStartedDecoder().wrapAndApplyHeader(buffer, offset, header);
                assertEquals(STRATEGY_ID, decoder.strategyId());
                assertEquals(VENUE_ID, decoder.venueId());
                assertEquals(INSTRUMENT_ID, decoder.instrumentId());
                assertEquals(ModelType.GLFT, decoder.modelType());
                assertDecimal(1L, -1, decoder.gamma());
                assertDecimal(15L, 1, decoder.orderBookK());
                assertDecimal(140L, -1, decoder.arrivalA());
                assertEquals(3_600L, decoder.horizonSeconds());
                assertDecimal(50_000L, -4, decoder.maxInventory());
                return header.encodedLength() + decoder.encodedLength();
            }));

        cases.add(new RoundTrip(MarketMakerStoppedEncoder.TEMPLATE_ID, "MarketMakerStopped",
            (buffer, offset, header) ->
            {
                final MarketMakerStoppedEncoder encoder =
                    new MarketMakerStoppedEncoder().wrapAndApplyHeader(buffer, offset, header);
                encoder.strategyId(STRATEGY_ID).venueId(VENUE_ID).instrumentId(INSTRUMENT_ID)
                    .reason(StopReason.VENUE_UNTRUSTED).text("book STALE for 5000 ms");
                return header.encodedLength() + encoder.encodedLength();
            },
            (buffer, offset, header) ->
            {
                final MarketMakerStoppedDecoder decoder =
                    new MarketMakerStoppedDecoder().wrapAndApplyHeader(buffer, offset, header);
                assertEquals(STRATEGY_ID, decoder.strategyId());
                assertEquals(VENUE_ID, decoder.venueId());
                assertEquals(INSTRUMENT_ID, decoder.instrumentId());
                assertEquals(StopReason.VENUE_UNTRUSTED, decoder.reason());
                assertEquals("book STALE for 5000 ms", decoder.text());
                return header.encodedLength() + decoder.encodedLength();
            }));
    }
}
