package io.mmfleet.fleettests;

import io.mmfleet.bus.BusMessageHandler;
import io.mmfleet.bus.BusPublisher;
import io.mmfleet.bus.BusSubscriber;
import io.mmfleet.bus.EpochClock;
import io.mmfleet.bus.Envelope;
import io.mmfleet.bus.GapListener;
import io.mmfleet.bus.HeartbeatPublisher;
import io.mmfleet.bus.PublishStream;
import io.mmfleet.bus.TopicView;
import io.mmfleet.sbe.DaemonState;
import io.mmfleet.sbe.DecimalDecoder;
import io.mmfleet.sbe.HedgeTargetDecoder;
import io.mmfleet.sbe.KillSwitchDecoder;
import io.mmfleet.sbe.MessageHeaderDecoder;
import io.mmfleet.sbe.NewOrderRequestDecoder;
import io.mmfleet.sbe.NewOrderRequestEncoder;
import io.mmfleet.sbe.OrderRejectDecoder;
import io.mmfleet.sbe.OrderStateDecoder;
import io.mmfleet.sbe.OrderType;
import io.mmfleet.sbe.PositionUpdateDecoder;
import io.mmfleet.sbe.Side;
import io.mmfleet.sbe.TimeInForce;
import org.agrona.DirectBuffer;
import org.zeromq.ZContext;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The test's own seat on the fleet's bus, on one thread that owns its sockets: it records what the
 * fleet says (the OMS's OrderStates and OrderRejects, market-maker's NewOrderRequests, position-server's
 * PositionUpdates and HedgeTargets, every KillSwitch on the control endpoint with its envelope's sendNs), and plays a
 * second strategy ("probe") from the INI's [defi-lp] PUB endpoint, which every daemon connects to:
 * its NewOrderRequests go to the OMS beside market-maker's, each resent until answered, with a
 * heartbeat so the OMS's dead man switch never mistakes it for a silent strategy.
 */
final class FleetBus implements AutoCloseable
{
    static final int PROBE_STRATEGY = 9;
    private static final long HEARTBEAT_INTERVAL_NS = 100_000_000L;
    private static final long RESEND_INTERVAL_NS = 200_000_000L;

    record OrderState(int strategyId, long requestId, String clientOrderId, String status, BigDecimal cumQty, long venueOrderId)
    {
    }

    record OrderReject(int strategyId, long requestId, String reason, String rejectSource)
    {
    }

    /** A NewOrderRequest as market-maker sent it (a resend is another entry with the same request id). */
    record OrderRequest(int strategyId, long requestId, long sendNs)
    {
    }

    record KillSwitch(long commandId, long sendNs)
    {
    }

    record Position(int strategyId, int instrumentId, BigDecimal position, long fillCount)
    {
    }

    private record ProbeOrder(long requestId, Side side, long priceMantissa, long qtyMantissa)
    {
    }

    final List<OrderState> orderStates = new CopyOnWriteArrayList<>();
    final List<OrderReject> orderRejects = new CopyOnWriteArrayList<>();
    final List<OrderRequest> marketMakerRequests = new CopyOnWriteArrayList<>();
    final List<KillSwitch> killSwitches = new CopyOnWriteArrayList<>();
    final List<Position> positions = new CopyOnWriteArrayList<>();
    /** Instrument ids of the HedgeTargets position-server published, one entry each. */
    final List<Integer> hedgeTargets = new CopyOnWriteArrayList<>();
    /** Instrument id → the CeFi position of position-server's latest HedgeTarget for it (the net over every strategy). */
    final Map<Integer, BigDecimal> hedgedCefiPositions = new ConcurrentHashMap<>();

    private final int marketMakerSourceId;
    private final ZContext zmq = new ZContext(1);
    private final BusSubscriber subscriber;
    private final BusPublisher probe;
    private final PublishStream probeRequests;
    private final HeartbeatPublisher probeHeartbeat;
    private final Queue<ProbeOrder> newProbeOrders = new ConcurrentLinkedQueue<>();
    private final Map<Long, ProbeOrder> unansweredProbeOrders = new ConcurrentHashMap<>();
    private final AtomicLong nextProbeRequestId = new AtomicLong();
    private final NewOrderRequestEncoder newOrder = new NewOrderRequestEncoder();
    private final OrderStateDecoder orderState = new OrderStateDecoder();
    private final OrderRejectDecoder orderReject = new OrderRejectDecoder();
    private final NewOrderRequestDecoder orderRequest = new NewOrderRequestDecoder();
    private final KillSwitchDecoder killSwitch = new KillSwitchDecoder();
    private final PositionUpdateDecoder position = new PositionUpdateDecoder();
    private final HedgeTargetDecoder hedgeTarget = new HedgeTargetDecoder();
    private final BusMessageHandler handler = this::onMessage;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Throwable failure;

    /**
     * @param subscribeTo the PUB endpoints of market-maker, the OMS and position-server, and the control endpoint.
     */
    FleetBus(final List<String> subscribeTo, final int marketMakerSourceId, final String probePubEndpoint, final int probeSourceId)
    {
        this.marketMakerSourceId = marketMakerSourceId;
        subscriber = new BusSubscriber(zmq, 100_000, GapListener.NONE);
        subscribeTo.forEach(subscriber::connect);
        subscriber.subscribe("ord.req").subscribe("ord.state").subscribe("pos").subscribe("ctl");
        final EpochClock clock = new EpochClock();
        probe = new BusPublisher(zmq, probePubEndpoint, probeSourceId, clock.nanoTime(), 100_000, clock);
        probeRequests = probe.stream("ord.req");
        probeHeartbeat = new HeartbeatPublisher(probe, "defi-lp", clock.nanoTime());
        thread = new Thread(this::run, "fleet-bus");
        thread.setDaemon(true);
        thread.start();
    }

    /** A LIMIT GTC order of the probe strategy, sent (and resent until the OMS answers it) from the bus thread; returns its request id. */
    long placeProbeOrder(final Side side, final long priceMantissa, final long qtyMantissa)
    {
        final long requestId = nextProbeRequestId.incrementAndGet();
        newProbeOrders.add(new ProbeOrder(requestId, side, priceMantissa, qtyMantissa));
        return requestId;
    }

    /** Set if the bus thread died: a test's awaits would otherwise only time out. */
    Throwable failure()
    {
        return failure;
    }

    private void run()
    {
        long nextHeartbeatNs = 0;
        long nextResendNs = 0;
        try
        {
            while (running)
            {
                final long nowNs = System.nanoTime();
                int work = subscriber.poll(handler, 1000);
                ProbeOrder order;
                while ((order = newProbeOrders.poll()) != null)
                {
                    unansweredProbeOrders.put(order.requestId(), order);
                    send(order);
                    work++;
                }
                if (nowNs >= nextResendNs)
                {
                    unansweredProbeOrders.values().forEach(this::send);
                    nextResendNs = nowNs + RESEND_INTERVAL_NS;
                }
                if (nowNs >= nextHeartbeatNs)
                {
                    probeHeartbeat.publish(DaemonState.READY);
                    nextHeartbeatNs = nowNs + HEARTBEAT_INTERVAL_NS;
                }
                if (work == 0)
                {
                    LockSupport.parkNanos(1_000_000);
                }
            }
        }
        catch (final Throwable ex)
        {
            failure = ex;
        }
    }

    private void send(final ProbeOrder order)
    {
        probe.wrap(newOrder).strategyId(PROBE_STRATEGY).requestId(order.requestId()).venueId(FleetRig.VENUE_ID)
            .instrumentId(FleetRig.INSTRUMENT_ID).side(order.side()).orderType(OrderType.LIMIT).timeInForce(TimeInForce.GTC);
        newOrder.price().mantissa(order.priceMantissa()).exponent((byte)-2);
        newOrder.qty().mantissa(order.qtyMantissa()).exponent((byte)-4);
        probe.publish(probeRequests, newOrder, 0);
    }

    private void onMessage(final TopicView topic, final MessageHeaderDecoder header, final DirectBuffer buffer, final int length)
    {
        final int offset = Envelope.HEADER_LENGTH;
        switch (header.templateId())
        {
            case OrderStateDecoder.TEMPLATE_ID ->
            {
                orderState.wrap(buffer, offset, header.blockLength(), header.version());
                orderStates.add(new OrderState(orderState.strategyId(), orderState.requestId(), orderState.clientOrderId(),
                    orderState.status().name(), decimal(orderState.cumQty()), orderState.venueOrderId()));
                answered(orderState.strategyId(), orderState.requestId());
            }
            case OrderRejectDecoder.TEMPLATE_ID ->
            {
                orderReject.wrap(buffer, offset, header.blockLength(), header.version());
                orderRejects.add(new OrderReject(orderReject.strategyId(), orderReject.requestId(), orderReject.rejectReason().name(),
                    orderReject.rejectSource().name()));
                answered(orderReject.strategyId(), orderReject.requestId());
            }
            case NewOrderRequestDecoder.TEMPLATE_ID ->
            {
                if (header.sourceId() == marketMakerSourceId)
                {
                    orderRequest.wrap(buffer, offset, header.blockLength(), header.version());
                    marketMakerRequests.add(new OrderRequest(orderRequest.strategyId(), orderRequest.requestId(), header.sendNs()));
                }
            }
            case KillSwitchDecoder.TEMPLATE_ID ->
            {
                killSwitch.wrap(buffer, offset, header.blockLength(), header.version());
                killSwitches.add(new KillSwitch(killSwitch.commandId(), header.sendNs()));
            }
            case PositionUpdateDecoder.TEMPLATE_ID ->
            {
                position.wrap(buffer, offset, header.blockLength(), header.version());
                positions.add(new Position(position.strategyId(), position.instrumentId(), decimal(position.position()), position.fillCount()));
            }
            case HedgeTargetDecoder.TEMPLATE_ID ->
            {
                hedgeTarget.wrap(buffer, offset, header.blockLength(), header.version());
                hedgeTargets.add(hedgeTarget.instrumentId());
                hedgedCefiPositions.put(hedgeTarget.instrumentId(), decimal(hedgeTarget.cefiPosition()));
            }
            default ->
            {
            }
        }
    }

    private void answered(final int strategyId, final long requestId)
    {
        if (strategyId == PROBE_STRATEGY)
        {
            unansweredProbeOrders.remove(requestId);
        }
    }

    private static BigDecimal decimal(final DecimalDecoder value)
    {
        return BigDecimal.valueOf(value.mantissa(), -value.exponent());
    }

    @Override
    public void close()
    {
        running = false;
        try
        {
            thread.join(5_000);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        subscriber.close();
        probe.close();
        zmq.close();
    }
}
