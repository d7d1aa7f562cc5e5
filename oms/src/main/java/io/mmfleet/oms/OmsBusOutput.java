package io.mmfleet.oms;

import io.mmfleet.bus.BusPublisher;
import io.mmfleet.bus.Envelope;
import io.mmfleet.bus.PendingRequests;
import io.mmfleet.bus.PublishStream;
import io.mmfleet.bus.Topics;
import io.mmfleet.bus.runtime.KillPoints;
import io.mmfleet.oms.core.FixedPoint;
import io.mmfleet.oms.core.ManagedOrder;
import io.mmfleet.oms.core.OmsOutput;
import io.mmfleet.sbe.CommandType;
import io.mmfleet.sbe.DecimalEncoder;
import io.mmfleet.sbe.OrderCommandEncoder;
import io.mmfleet.sbe.OrderRejectEncoder;
import io.mmfleet.sbe.OrderStateEncoder;
import io.mmfleet.sbe.OrderType;
import io.mmfleet.sbe.RejectReason;
import io.mmfleet.sbe.RejectSource;
import io.mmfleet.sbe.RiskAction;
import io.mmfleet.sbe.RiskEventEncoder;
import io.mmfleet.sbe.RiskEventType;
import io.mmfleet.sbe.Severity;
import io.mmfleet.sbe.Side;
import io.mmfleet.sbe.TimeInForce;
import org.agrona.collections.Int2ObjectHashMap;
import org.slf4j.Logger;

import java.util.List;

/**
 * Everything the OMS says on the bus, encoded in one place: OrderCommands on
 * {@code ord.cmd.<venue>} (each NEW, CANCEL and STATUS_QUERY kept in {@link PendingRequests} and
 * retransmitted until the exec-handler answers; CANCEL_ALL is not, the core's tracker resends it),
 * OrderState and OrderReject on {@code ord.state}, and the dead man switch's RiskEvent on
 * {@code risk}. Each message carries the originNs of the bus message being handled, so latency can
 * be measured down the chain. Encoding allocates nothing.
 */
final class OmsBusOutput implements OmsOutput
{
    private final BusPublisher publisher;
    private final PendingRequests pending;
    private final Logger log;
    private final Int2ObjectHashMap<PublishStream> commandStreams = new Int2ObjectHashMap<>();
    private final PublishStream orderStates;
    private final PublishStream risk;
    private final OrderCommandEncoder command = new OrderCommandEncoder();
    private final OrderStateEncoder state = new OrderStateEncoder();
    private final OrderRejectEncoder reject = new OrderRejectEncoder();
    private final RiskEventEncoder riskEvent = new RiskEventEncoder();
    private long deadManTimeoutMs;
    private long originNs;
    private long commandsUntracked;
    private RequestJournal journal;
    private long journalFailures;
    private int requestSourceId;
    /** Read by the metrics scrape on the HTTP thread. */
    private volatile long endedRunOrdersCancelled;

    OmsBusOutput(final BusPublisher publisher, final PendingRequests pending, final List<OmsConfig.VenueRoute> venues, final Logger log)
    {
        this.publisher = publisher;
        this.pending = pending;
        this.log = log;
        for (final OmsConfig.VenueRoute venue : venues)
        {
            commandStreams.put(venue.venueId(), publisher.stream(venue.commandTopic()));
        }
        orderStates = publisher.stream(Topics.ORDER_STATE);
        risk = publisher.stream(Topics.RISK);
    }

    /** The originNs of the message now being handled (0: none), stamped on what it causes. */
    void originNs(final long originNs)
    {
        this.originNs = originNs;
    }

    /** Where each order's request id is kept before its NEW goes out. */
    void journal(final RequestJournal journal)
    {
        this.journal = journal;
    }

    /** The envelope source of the strategy request now being handled, journaled with the orders it makes. */
    void requestSourceId(final int requestSourceId)
    {
        this.requestSourceId = requestSourceId;
    }

    long journalFailures()
    {
        return journalFailures;
    }

    long endedRunOrdersCancelled()
    {
        return endedRunOrdersCancelled;
    }

    void deadManTimeoutMs(final long deadManTimeoutMs)
    {
        this.deadManTimeoutMs = deadManTimeoutMs;
    }

    boolean routes(final int venueId)
    {
        return commandStreams.containsKey(venueId);
    }

    /** Commands that could not be kept for retransmission (the pending table was full). */
    long commandsUntracked()
    {
        return commandsUntracked;
    }

    @Override
    public void sendNew(final long commandId, final ManagedOrder order)
    {
        journalRequest(order);
        KillPoints.reach(KillPoints.AFTER_JOURNAL_BEFORE_COMMAND);
        encodeCommand(commandId, CommandType.NEW, order.strategyId(), order.venueId(), order.instrumentId());
        command.side(order.side())
            .orderType(order.orderType())
            .timeInForce(order.timeInForce() == null ? TimeInForce.NULL_VAL : order.timeInForce());
        if (order.orderType() == OrderType.MARKET)
        {
            command.price().mantissa(DecimalEncoder.mantissaNullValue()).exponent((byte)0);
        }
        else
        {
            command.price().mantissa(order.price()).exponent((byte)order.priceExponent());
        }
        command.qty().mantissa(order.qty()).exponent((byte)order.qtyExponent());
        command.clientOrderId(order.clientOrderId()).origClientOrderId("");
        publishTracked(commandId, order.venueId());
    }

    @Override
    public void sendCancel(final long commandId, final ManagedOrder order)
    {
        encodeOrderLookup(commandId, CommandType.CANCEL, order);
        publishTracked(commandId, order.venueId());
    }

    @Override
    public void sendStatusQuery(final long commandId, final ManagedOrder order)
    {
        encodeOrderLookup(commandId, CommandType.STATUS_QUERY, order);
        publishTracked(commandId, order.venueId());
    }

    @Override
    public void sendCancelAll(final long commandId, final int venueId, final int instrumentId)
    {
        final PublishStream stream = commandStreams.get(venueId);
        if (stream == null)
        {
            log.error("event=cancel_all_unroutable venue={} instrument={} command={}", venueId, instrumentId, commandId);
            return;
        }
        encodeCommand(commandId, CommandType.CANCEL_ALL, 0, venueId, instrumentId);
        command.side(Side.NULL_VAL).orderType(OrderType.NULL_VAL).timeInForce(TimeInForce.NULL_VAL);
        command.price().mantissa(DecimalEncoder.mantissaNullValue()).exponent((byte)0);
        command.qty().mantissa(DecimalEncoder.mantissaNullValue()).exponent((byte)0);
        command.clientOrderId("").origClientOrderId("");
        publisher.publish(stream, command, originNs);
    }

    @Override
    public void rejectRequest(final int strategyId, final long requestId, final int venueId, final int instrumentId, final RejectReason reason)
    {
        publisher.wrap(reject)
            .strategyId(strategyId)
            .requestId(requestId)
            .commandId(0)
            .venueId(venueId)
            .instrumentId(instrumentId)
            .rejectSource(RejectSource.OMS)
            .rejectReason(reason)
            .venueErrorCode(0)
            .clientOrderId("")
            .text(reason.name());
        publisher.publish(orderStates, reject, originNs);
    }

    @Override
    public void orderState(final ManagedOrder order)
    {
        publisher.wrap(state)
            .strategyId(order.strategyId())
            .requestId(order.requestId())
            .venueId(order.venueId())
            .instrumentId(order.instrumentId())
            .venueOrderId(order.venueOrderId())
            .side(order.side() == null ? Side.NULL_VAL : order.side())
            .orderType(order.orderType() == null ? OrderType.NULL_VAL : order.orderType())
            .status(order.status());
        if (order.orderType() == OrderType.MARKET)
        {
            state.price().mantissa(DecimalEncoder.mantissaNullValue()).exponent((byte)0);
        }
        else
        {
            state.price().mantissa(order.price()).exponent((byte)order.priceExponent());
        }
        state.qty().mantissa(order.qty()).exponent((byte)order.qtyExponent());
        state.cumQty().mantissa(order.cumQty()).exponent((byte)order.qtyExponent());
        state.leavesQty().mantissa(order.leavesQty()).exponent((byte)order.qtyExponent());
        final long avgPrice = order.avgPrice();
        state.avgPrice()
            .mantissa(avgPrice == FixedPoint.NULL_MANTISSA ? DecimalEncoder.mantissaNullValue() : avgPrice)
            .exponent((byte)order.avgPriceExponent());
        state.rejectReason(order.rejectReason() == null ? RejectReason.NULL_VAL : order.rejectReason())
            .clientOrderId(order.clientOrderId());
        publisher.publish(orderStates, state, originNs);
    }

    @Override
    public void deadManFired(final int strategyId, final int ordersCancelled)
    {
        log.warn("event=dead_man_switch strategy={} orders_cancelled={} timeout_ms={}", strategyId, ordersCancelled, deadManTimeoutMs);
        publisher.wrap(riskEvent)
            .eventType(RiskEventType.DEAD_MAN_SWITCH)
            .severity(Severity.CRITICAL)
            .action(RiskAction.PAUSE_STRATEGY)
            .venueId(0)
            .instrumentId(0)
            .strategyId(strategyId);
        riskEvent.observed().mantissa(ordersCancelled).exponent((byte)0);
        riskEvent.threshold().mantissa(deadManTimeoutMs).exponent((byte)-3);
        riskEvent.text("strategy heartbeat silent past DEAD_MAN_TIMEOUT: orders cancelled, new orders refused until its next heartbeat");
        publisher.publish(risk, riskEvent, originNs);
    }

    @Override
    public void strategyRunEnded(final int strategyId, final long runId, final int ordersCancelled)
    {
        endedRunOrdersCancelled += ordersCancelled;
        log.warn("event=strategy_run_ended strategy={} new_run={} orders_cancelled={}", strategyId, runId, ordersCancelled);
    }

    /**
     * A journal that cannot be written costs only the strategy's cancel by request id after a
     * restart (the kill switch still reaches the order), so the order goes out anyway.
     */
    private void journalRequest(final ManagedOrder order)
    {
        if (journal == null || order.requestId() == 0)
        {
            return;
        }
        try
        {
            journal.append(order.clientOrderId(), order.strategyId(), order.strategyRunId(), order.requestId(), requestSourceId);
        }
        catch (final java.io.UncheckedIOException ex)
        {
            if (journalFailures++ == 0)
            {
                log.error("event=request_journal_failed note=\"logged once; see oms_request_journal_failures_total\"", ex);
            }
        }
    }

    private void encodeCommand(final long commandId, final CommandType type, final int strategyId, final int venueId, final int instrumentId)
    {
        publisher.wrap(command)
            .commandId(commandId)
            .commandType(type)
            .strategyId(strategyId)
            .venueId(venueId)
            .instrumentId(instrumentId);
    }

    private void encodeOrderLookup(final long commandId, final CommandType type, final ManagedOrder order)
    {
        encodeCommand(commandId, type, order.strategyId(), order.venueId(), order.instrumentId());
        command.side(order.side() == null ? Side.NULL_VAL : order.side())
            .orderType(OrderType.NULL_VAL)
            .timeInForce(TimeInForce.NULL_VAL);
        command.price().mantissa(DecimalEncoder.mantissaNullValue()).exponent((byte)0);
        command.qty().mantissa(DecimalEncoder.mantissaNullValue()).exponent((byte)0);
        command.clientOrderId("").origClientOrderId(order.clientOrderId());
    }

    /** Publishes the encoded command on its venue's stream and keeps it for retransmission until answered. */
    private void publishTracked(final long commandId, final int venueId)
    {
        final PublishStream stream = commandStreams.get(venueId);
        if (stream == null)
        {
            // The app refuses requests for venues it does not route, so only a recovered order of a
            // venue since removed from VENUES can get here.
            log.error("event=command_unroutable venue={} command={}", venueId, commandId);
            return;
        }
        publisher.publish(stream, command, originNs);
        if (!pending.track(commandId, stream, publisher.buffer(), 0, Envelope.HEADER_LENGTH + command.encodedLength(), System.nanoTime()))
        {
            commandsUntracked++;
            log.error("event=command_not_tracked command={} pending={} note=\"sent once, not retransmitted\"", commandId, pending.size());
        }
    }
}
