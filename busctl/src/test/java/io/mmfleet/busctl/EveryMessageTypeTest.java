package io.mmfleet.busctl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmfleet.bus.Envelope;
import io.mmfleet.sbe.*;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.sbe.MessageEncoderFlyweight;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One example of every message in the schema, encoded with the generated codecs and decoded by the
 * IR-driven decoder: the text line and the JSON tree must carry the values, Decimals exactly, enums by
 * name, chars trimmed, groups as lists. The last test checks that no message type was left out.
 */
class EveryMessageTypeTest
{
    private static final SchemaIr SCHEMA = SchemaIr.load();
    private static final Set<String> COVERED = new TreeSet<>();
    private static final AtomicInteger TESTS_RUN = new AtomicInteger();
    private static final long SEND_NS = 1_763_700_000_123_456_789L;
    private static final long ORIGIN_NS = 1_763_700_000_000_000_001L;

    private final MessageDecoder decoder = new MessageDecoder(SCHEMA);
    private final ObjectMapper mapper = new ObjectMapper();

    private <E extends MessageEncoderFlyweight> Decoded decode(final String topic, final E encoder, final Consumer<E> fill)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[4096]);
        new MessageHeaderEncoder().wrap(buffer, 0)
            .blockLength(encoder.sbeBlockLength())
            .templateId(encoder.sbeTemplateId())
            .schemaId(encoder.sbeSchemaId())
            .version(encoder.sbeSchemaVersion())
            .sourceId(3)
            .runId(77)
            .sequence(5)
            .sendNs(SEND_NS)
            .originNs(ORIGIN_NS);
        encoder.wrap(buffer, Envelope.HEADER_LENGTH);
        fill.accept(encoder);
        final ObjectNode tree = decoder.decode(topic, buffer, 0, Envelope.HEADER_LENGTH + encoder.encodedLength());
        assertFalse(tree.has("error"), () -> "decode failed: " + tree);
        final String text = TextLine.render(tree);
        final String prefix = "2025-11-21T04:40:00.123456789Z " + topic + " src=3 run=77 seq=5 origin=" + ORIGIN_NS + " ";
        assertTrue(text.startsWith(prefix), () -> text + "\ndoes not start with\n" + prefix);
        final JsonNode json;
        try
        {
            json = mapper.readTree(mapper.writeValueAsString(tree));
        }
        catch (final Exception ex)
        {
            throw new AssertionError(ex);
        }
        assertEquals(3, json.at("/envelope/sourceId").intValue());
        assertEquals(77, json.at("/envelope/runId").longValue());
        assertEquals(5, json.at("/envelope/sequence").longValue());
        assertEquals(SEND_NS, json.at("/envelope/sendNs").longValue());
        assertEquals(ORIGIN_NS, json.at("/envelope/originNs").longValue());
        COVERED.add(json.get("type").asText());
        return new Decoded(text.substring(prefix.length()), json.get("fields"), json.get("type").asText());
    }

    record Decoded(String text, JsonNode fields, String type)
    {
        void textIs(final String expected)
        {
            assertEquals(expected, text);
        }

        void has(final String pointer, final String expected)
        {
            assertEquals(expected, fields.at(pointer).asText(), () -> pointer + " in " + fields);
        }
    }

    @Test
    void heartbeat()
    {
        final Decoded d = decode("hb.oms", new HeartbeatEncoder(), e ->
        {
            e.state(DaemonState.READY).startNs(42);
            final HeartbeatEncoder.StreamsEncoder s = e.streamsCount(2);
            s.next().lastSequence(10).topic("ord.state");
            s.next().lastSequence(3).topic("hb.oms");
        });
        d.textIs("Heartbeat state=READY startNs=42 streams=[{lastSequence=10 topic=ord.state}, {lastSequence=3 topic=hb.oms}]");
        d.has("/streams/1/topic", "hb.oms");
    }

    @Test
    void snapshotRequestAndComplete()
    {
        decode("ctl.snapreq", new SnapshotRequestEncoder(), e -> e.requestId(9).ownerSourceId(4).topic("exec.binance"))
            .textIs("SnapshotRequest requestId=9 ownerSourceId=4 topic=exec.binance");
        decode("ctl.snap", new SnapshotCompleteEncoder(), e -> e.requestId(9).requesterSourceId(3).lastSequence(100).messageCount(7).topic("exec.binance"))
            .textIs("SnapshotComplete requestId=9 requesterSourceId=3 lastSequence=100 messageCount=7 topic=exec.binance");
    }

    @Test
    void bookUpdateWithGroupsAndExactDecimals()
    {
        final Decoded d = decode("md.binance.ETH-USDC", new BookUpdateEncoder(), e ->
        {
            e.venueId(1).instrumentId(1).venueUpdateId(123456).venueTimeNs(99);
            final BookUpdateEncoder.BidsEncoder bids = e.bidsCount(2);
            bids.next().price().mantissa(300012).exponent((byte)-2);
            bids.qty().mantissa(15).exponent((byte)-1);
            bids.next().price().mantissa(300011).exponent((byte)-2);
            bids.qty().mantissa(2).exponent((byte)0);
            final BookUpdateEncoder.AsksEncoder asks = e.asksCount(1);
            asks.next().price().mantissa(3000130000000001L).exponent((byte)-12);
            asks.qty().mantissa(DecimalEncoder.mantissaNullValue()).exponent((byte)0);
        });
        d.textIs("BookUpdate venueId=1 instrumentId=1 venueUpdateId=123456 venueTimeNs=99 " +
            "bids=[{price=3000.12 qty=1.5}, {price=3000.11 qty=2}] asks=[{price=3000.130000000001 qty=null}]");
        d.has("/bids/0/price", "3000.12");
        assertTrue(d.fields().at("/bids/0/price").isTextual(), "decimals are strings in JSON, to stay exact");
        assertTrue(d.fields().at("/asks/0/qty").isNull());
    }

    @Test
    void marketData()
    {
        decode("md.binance.ETH-USDC", new TradeEncoder(), e ->
        {
            e.venueId(1).instrumentId(1).venueTradeId(555);
            e.price().mantissa(-25).exponent((byte)3);
            e.qty().mantissa(1).exponent((byte)-8);
            e.aggressorSide(Side.SELL).venueTimeNs(7);
        }).textIs("Trade venueId=1 instrumentId=1 venueTradeId=555 price=-25000 qty=0.00000001 aggressorSide=SELL venueTimeNs=7");
        decode("md.status", new VenueStatusEncoder(), e -> e.venueId(1).instrumentId(0).state(VenueState.SYNCING).reason("gap in diff stream"))
            .textIs("VenueStatus venueId=1 instrumentId=0 state=SYNCING reason=\"gap in diff stream\"");
        final Decoded def = decode("exec.binance", new InstrumentDefinitionEncoder(), e ->
        {
            e.venueId(1).instrumentId(2).status(InstrumentStatus.TRADING);
            e.tickSize().mantissa(1).exponent((byte)-2);
            e.lotSize().mantissa(1).exponent((byte)-5);
            e.minQty().mantissa(1).exponent((byte)-5);
            e.maxQty().mantissa(9000).exponent((byte)0);
            e.minNotional().mantissa(5).exponent((byte)0);
            e.maxNotional().mantissa(DecimalEncoder.mantissaNullValue()).exponent((byte)0);
            e.baseAsset("BTC").quoteAsset("USDC").venueSymbol("BTCUSDC");
        });
        def.textIs("InstrumentDefinition venueId=1 instrumentId=2 status=TRADING tickSize=0.01 lotSize=0.00001 minQty=0.00001 " +
            "maxQty=9000 minNotional=5 maxNotional=null baseAsset=BTC quoteAsset=USDC venueSymbol=BTCUSDC");
    }

    @Test
    void strategyToOms()
    {
        decode("ord.req", new QuoteIntentEncoder(), e ->
        {
            e.strategyId(1).venueId(1).instrumentId(1);
            e.bidPrice().mantissa(299900).exponent((byte)-2);
            e.bidQty().mantissa(1).exponent((byte)0);
            e.askPrice().mantissa(DecimalEncoder.mantissaNullValue()).exponent((byte)0);
            e.askQty().mantissa(0).exponent((byte)0);
            e.reservationPrice().mantissa(3000).exponent((byte)0);
            e.midPrice().mantissa(30005).exponent((byte)-1);
        }).has("/askPrice", "null");
        decode("ord.req", new NewOrderRequestEncoder(), e ->
        {
            e.strategyId(1).requestId(11).venueId(1).instrumentId(1).side(Side.BUY).orderType(OrderType.LIMIT_MAKER).timeInForce(TimeInForce.GTC);
            e.price().mantissa(300012).exponent((byte)-2);
            e.qty().mantissa(5).exponent((byte)-1);
        }).textIs("NewOrderRequest strategyId=1 requestId=11 venueId=1 instrumentId=1 side=BUY orderType=LIMIT_MAKER timeInForce=GTC price=3000.12 qty=0.5");
        decode("ord.req", new CancelOrderRequestEncoder(), e -> e.strategyId(1).requestId(12).origRequestId(11).venueId(1).instrumentId(1))
            .textIs("CancelOrderRequest strategyId=1 requestId=12 origRequestId=11 venueId=1 instrumentId=1");
        decode("ord.req", new ReplaceOrderRequestEncoder(), e ->
        {
            e.strategyId(1).requestId(13).origRequestId(11).venueId(1).instrumentId(1).side(Side.SELL);
            e.price().mantissa(1).exponent((byte)2);
            e.qty().mantissa(3).exponent((byte)0);
        }).textIs("ReplaceOrderRequest strategyId=1 requestId=13 origRequestId=11 venueId=1 instrumentId=1 side=SELL price=100 qty=3");
    }

    @Test
    void omsAndExecution()
    {
        decode("ord.cmd.binance", new OrderCommandEncoder(), e ->
        {
            e.commandId(21).commandType(CommandType.NEW).strategyId(1).venueId(1).instrumentId(1).side(Side.BUY)
                .orderType(OrderType.LIMIT).timeInForce(TimeInForce.IOC);
            e.price().mantissa(300012).exponent((byte)-2);
            e.qty().mantissa(1).exponent((byte)0);
            e.clientOrderId("mm1-77-21").origClientOrderId("");
        }).textIs("OrderCommand commandId=21 commandType=NEW strategyId=1 venueId=1 instrumentId=1 side=BUY orderType=LIMIT " +
            "timeInForce=IOC price=3000.12 qty=1 clientOrderId=mm1-77-21 origClientOrderId=\"\"");
        decode("ord.state", new OrderRejectEncoder(), e -> e.strategyId(1).requestId(11).commandId(0).venueId(1).instrumentId(1)
                .rejectSource(RejectSource.VENUE).rejectReason(RejectReason.POST_ONLY_WOULD_CROSS).venueErrorCode(-2010)
                .clientOrderId("mm1-77-21").text("Order would immediately match and take."))
            .has("/rejectReason", "POST_ONLY_WOULD_CROSS");
        final Decoded state = decode("ord.state", new OrderStateEncoder(), e ->
        {
            e.strategyId(1).requestId(11).venueId(1).instrumentId(1).venueOrderId(9001).side(Side.BUY).orderType(OrderType.LIMIT)
                .status(OrdStatus.PARTIALLY_FILLED);
            e.price().mantissa(300012).exponent((byte)-2);
            e.qty().mantissa(2).exponent((byte)0);
            e.cumQty().mantissa(5).exponent((byte)-1);
            e.leavesQty().mantissa(15).exponent((byte)-1);
            e.avgPrice().mantissa(300012).exponent((byte)-2);
            e.rejectReason(RejectReason.NULL_VAL).clientOrderId("mm1-77-21");
        });
        state.has("/status", "PARTIALLY_FILLED");
        assertTrue(state.fields().get("rejectReason").isNull(), "optional enum at its null value");
        state.has("/leavesQty", "1.5");
        final Decoded report = decode("exec.binance", new ExecutionReportEncoder(), e ->
        {
            e.commandId(21).strategyId(1).venueId(1).instrumentId(1).venueOrderId(9001).execType(ExecType.TRADE)
                .ordStatus(OrdStatus.FILLED).side(Side.BUY).orderType(OrderType.LIMIT);
            e.orderPrice().mantissa(300012).exponent((byte)-2);
            e.orderQty().mantissa(1).exponent((byte)0);
            e.lastPrice().mantissa(300012).exponent((byte)-2);
            e.lastQty().mantissa(1).exponent((byte)0);
            e.cumQty().mantissa(1).exponent((byte)0);
            e.cumQuoteQty().mantissa(300012).exponent((byte)-2);
            e.tradeId(444);
            e.fee().mantissa(-30).exponent((byte)-2);
            e.liquidity(Liquidity.MAKER).venueTimeNs(8).rejectReason(RejectReason.NULL_VAL).venueErrorCode(0)
                .feeAsset("USDC").clientOrderId("mm1-77-21").origClientOrderId("");
        });
        report.has("/fee", "-0.30");
        report.has("/liquidity", "MAKER");
        report.has("/feeAsset", "USDC");
        final Decoded account = decode("acct.binance", new AccountSnapshotEncoder(), e ->
        {
            e.venueId(1).snapshotId(5).venueTimeNs(9).tradesFromId(400);
            final AccountSnapshotEncoder.BalancesEncoder b = e.balancesCount(1);
            b.next().free().mantissa(1000).exponent((byte)0);
            b.locked().mantissa(25).exponent((byte)-1);
            b.asset("USDC");
            final AccountSnapshotEncoder.TradesEncoder t = e.tradesCount(1);
            t.next().instrumentId(1).tradeId(444).venueOrderId(9001).side(Side.BUY);
            t.price().mantissa(300012).exponent((byte)-2);
            t.qty().mantissa(1).exponent((byte)0);
            t.quoteQty().mantissa(300012).exponent((byte)-2);
            t.fee().mantissa(0).exponent((byte)0);
            t.liquidity(Liquidity.TAKER).venueTimeNs(9).feeAsset("USDC").clientOrderId("mm1-77-21");
        });
        account.has("/balances/0/locked", "2.5");
        account.has("/trades/0/liquidity", "TAKER");
        decode("exec.binance", new ThrottleStatusEncoder(), e -> e.venueId(1).state(ThrottleState.NEAR_LIMIT).usedWeight1m(900)
                .weightLimit1m(1200).orderCount10s(40).orderLimit10s(50).orderCount1d(1000).orderLimit1d(160000).retryAfterMs(0))
            .textIs("ThrottleStatus venueId=1 state=NEAR_LIMIT usedWeight1m=900 weightLimit1m=1200 orderCount10s=40 orderLimit10s=50 " +
                "orderCount1d=1000 orderLimit1d=160000 retryAfterMs=0");
    }

    @Test
    void positionsAndRisk()
    {
        final Decoded position = decode("pos", new PositionUpdateEncoder(), e ->
        {
            e.venueId(1).instrumentId(1).strategyId(1);
            e.position().mantissa(-15).exponent((byte)-1);
            e.avgCost().mantissa(300012).exponent((byte)-2);
            e.realizedPnl().mantissa(1234).exponent((byte)-2);
            e.unrealizedPnl().mantissa(-5).exponent((byte)-2);
            e.markPrice().mantissa(3000).exponent((byte)0);
            e.makerVolume().mantissa(10).exponent((byte)0);
            e.takerVolume().mantissa(0).exponent((byte)0);
            e.fillCount(12).execRunId(77).execSequence(40);
            final PositionUpdateEncoder.FeesEncoder fees = e.feesCount(1);
            fees.next().makerFee().mantissa(-1).exponent((byte)-4);
            fees.takerFee().mantissa(75).exponent((byte)-5);
            fees.asset("USDC");
        });
        position.has("/position", "-1.5");
        position.has("/fees/0/takerFee", "0.00075");
        decode("pos", new HedgeTargetEncoder(), e ->
        {
            e.instrumentId(1);
            e.cefiPosition().mantissa(1).exponent((byte)0);
            e.defiResidual().mantissa(-25).exponent((byte)-1);
            e.netInventory().mantissa(-15).exponent((byte)-1);
            e.targetPosition().mantissa(0).exponent((byte)0);
            e.execRunId(77).execSequence(41);
        }).textIs("HedgeTarget instrumentId=1 cefiPosition=1 defiResidual=-2.5 netInventory=-1.5 targetPosition=0 execRunId=77 execSequence=41");
        decode("risk", new RiskEventEncoder(), e ->
        {
            e.eventType(RiskEventType.BUS_GAP).severity(Severity.WARNING).action(RiskAction.NONE).venueId(0).instrumentId(0).strategyId(0);
            e.observed().mantissa(3).exponent((byte)0);
            e.threshold().mantissa(0).exponent((byte)0);
            e.text("missed 3 on exec.binance");
        }).textIs("RiskEvent eventType=BUS_GAP severity=WARNING action=NONE venueId=0 instrumentId=0 strategyId=0 observed=3 " +
            "threshold=0 text=\"missed 3 on exec.binance\"");
    }

    @Test
    void control()
    {
        decode("ctl", new KillSwitchEncoder(), e -> e.commandId(1001).scope(KillScope.ALL).venueId(0).strategyId(0).reason("manual"))
            .textIs("KillSwitch commandId=1001 scope=ALL venueId=0 strategyId=0 reason=manual");
        decode("ctl", new KillSwitchClearEncoder(), e -> e.commandId(1002).scope(KillScope.VENUE).venueId(1).strategyId(0).reason(""))
            .textIs("KillSwitchClear commandId=1002 scope=VENUE venueId=1 strategyId=0 reason=\"\"");
        decode("ctl.ack", new ControlAckEncoder(), e -> e.commandId(1001).commandTemplateId(KillSwitchEncoder.TEMPLATE_ID)
                .status(AckStatus.ALREADY_APPLIED).requesterSourceId(900).requesterRunId(77).text("resend"))
            .textIs("ControlAck commandId=1001 commandTemplateId=30 status=ALREADY_APPLIED requesterSourceId=900 requesterRunId=77 text=resend");
    }

    @Test
    void marketMakerEvents()
    {
        decode("evt", new SpreadAdjustedEncoder(), e ->
        {
            e.strategyId(1).venueId(1).instrumentId(1);
            e.oldSpreadBps().mantissa(25).exponent((byte)-1);
            e.newSpreadBps().mantissa(4).exponent((byte)0);
            e.reason(SpreadReason.VOLATILITY);
        }).textIs("SpreadAdjusted strategyId=1 venueId=1 instrumentId=1 oldSpreadBps=2.5 newSpreadBps=4 reason=VOLATILITY");
        decode("evt", new InventoryImbalanceDetectedEncoder(), e ->
        {
            e.strategyId(1).venueId(1).instrumentId(1);
            e.inventory().mantissa(8).exponent((byte)0);
            e.maxInventory().mantissa(10).exponent((byte)0);
            e.imbalance().mantissa(8).exponent((byte)-1);
            e.level(ImbalanceLevel.SKEW);
        }).has("/imbalance", "0.8");
        decode("evt", new VolatilityChangedEncoder(), e ->
        {
            e.strategyId(1).venueId(1).instrumentId(1);
            e.oldSigma().mantissa(12).exponent((byte)-1);
            e.newSigma().mantissa(125).exponent((byte)-2);
        }).textIs("VolatilityChanged strategyId=1 venueId=1 instrumentId=1 oldSigma=1.2 newSigma=1.25");
        decode("evt", new QuotesUpdatedEncoder(), e ->
        {
            e.strategyId(1).venueId(1).instrumentId(1);
            e.bidPrice().mantissa(299990).exponent((byte)-2);
            e.bidQty().mantissa(1).exponent((byte)0);
            e.askPrice().mantissa(300010).exponent((byte)-2);
            e.askQty().mantissa(1).exponent((byte)0);
            e.reservationPrice().mantissa(3000).exponent((byte)0);
            e.midPrice().mantissa(3000).exponent((byte)0);
            e.spreadBps().mantissa(667).exponent((byte)-2);
        }).has("/spreadBps", "6.67");
        decode("evt", new MarketMakerStartedEncoder(), e ->
        {
            e.strategyId(1).venueId(1).instrumentId(1).modelType(ModelType.GLFT);
            e.gamma().mantissa(1).exponent((byte)-1);
            e.orderBookK().mantissa(15).exponent((byte)-1);
            e.arrivalA().mantissa(140).exponent((byte)0);
            e.horizonSeconds(0);
            e.maxInventory().mantissa(10).exponent((byte)0);
        }).has("/modelType", "GLFT");
        decode("evt", new MarketMakerStoppedEncoder(), e -> e.strategyId(1).venueId(1).instrumentId(1).reason(StopReason.OPERATOR).text("busctl"))
            .textIs("MarketMakerStopped strategyId=1 venueId=1 instrumentId=1 reason=OPERATOR text=busctl");
    }

    @AfterEach
    void countTest()
    {
        TESTS_RUN.incrementAndGet();
    }

    @AfterAll
    static void everyMessageOfTheSchemaWasDecoded()
    {
        // A message added to the schema without an example here fails the build; checked only when the
        // whole class ran, so a single test can still be run alone.
        final long declared = Arrays.stream(EveryMessageTypeTest.class.getDeclaredMethods())
            .filter(method -> method.isAnnotationPresent(Test.class)).count();
        if (TESTS_RUN.get() == declared)
        {
            assertEquals(SCHEMA.messageNames(), COVERED, "messages without an example in this test");
        }
    }
}
