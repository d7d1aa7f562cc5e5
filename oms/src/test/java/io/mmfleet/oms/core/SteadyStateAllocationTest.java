package io.mmfleet.oms.core;

import io.mmfleet.bus.runtime.KillSwitchState;
import io.mmfleet.sbe.ExecType;
import io.mmfleet.sbe.OrdStatus;
import io.mmfleet.sbe.OrderType;
import io.mmfleet.sbe.RejectReason;
import io.mmfleet.sbe.Side;
import io.mmfleet.sbe.TimeInForce;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The per-message path (book, position, request → risk → command, execution reports → state) of
 * this run's orders allocates nothing once warm. Counts bytes, not time.
 */
class SteadyStateAllocationTest
{
    private static final long SECOND = 1_000_000_000L;

    private final KillSwitchState killSwitch = new KillSwitchState();
    private final ExposureBook exposure = new ExposureBook();
    private final PreTradeRisk risk = new PreTradeRisk(
        new RiskLimits(List.of(new InstrumentLimits(1, 2, 4, 5_0000, 20_0000, 50_000_000000L)), 100, 5000_00000000L, 3 * SECOND, 5 * SECOND),
        exposure, new OrderRateLimiter(1000, SECOND, 80), killSwitch);
    private final CountingOutput output = new CountingOutput();
    private final OrderManager oms = new OrderManager(risk, new ClientOrderIds(12345), killSwitch, new DeadManSwitch(3 * SECOND),
        new CancelAllTracker(SECOND), output, 256);
    private final OrderRequest request = new OrderRequest();
    private final ExecReport report = new ExecReport();
    private long requestId;
    private long sequence;
    private long now = OmsFixture.T0;

    @Test
    void aWarmOrderCycleAllocatesNothing()
    {
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long thread = Thread.currentThread().getId();
        oms.onInstrumentDefinition(1, 1);
        oms.onHeartbeat(7, now);
        for (int i = 0; i < 20_000; i++)
        {
            cycle();
        }
        final long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < 20_000; i++)
        {
            cycle();
        }
        final long allocated = threads.getThreadAllocatedBytes(thread) - before;
        assertEquals(0, output.rejects, "every order passed");
        assertEquals(0, oms.liveOrderCount());
        assertTrue(allocated < 1024, "20000 order cycles allocated " + allocated + " bytes");
    }

    private void cycle()
    {
        now += 10_000_000L;
        oms.onBook(1, 1, 2000_00, -2, 2000_10, -2, now);
        oms.onPosition(1, 1, 7, 0, -4, 0, -8, 0, -8, 99, sequence, now);
        oms.onHeartbeat(7, now);
        request.set(7, ++requestId, 1, 1, (requestId & 1) == 0 ? Side.BUY : Side.SELL, OrderType.LIMIT_MAKER, TimeInForce.GTC,
            2000_00, -2, 1_0000, -4);
        oms.onNewOrder(request, now);
        final ManagedOrder order = oms.order(7, requestId);
        send(order, ExecType.NEW, OrdStatus.NEW, 0);
        send(order, ExecType.TRADE, OrdStatus.PARTIALLY_FILLED, 4000);
        send(order, ExecType.TRADE, OrdStatus.FILLED, 1_0000);
        oms.onTimer(now);
    }

    private void send(final ManagedOrder order, final ExecType execType, final OrdStatus status, final long cumQty)
    {
        report.reset();
        report.execRunId = 99;
        report.execSequence = ++sequence;
        report.strategyId = 7;
        report.venueId = 1;
        report.instrumentId = 1;
        report.venueOrderId = requestId;
        report.execType = execType;
        report.ordStatus = status;
        report.side = order.side();
        report.cumQtyMantissa = cumQty;
        report.cumQtyExponent = -4;
        report.cumQuoteQtyMantissa = cumQty * 2000_00;
        report.cumQuoteQtyExponent = -6;
        report.clientOrderId.append(order.clientOrderId());
        oms.onExecutionReport(report, now);
    }

    private static final class CountingOutput implements OmsOutput
    {
        int rejects;
        long states;

        @Override
        public void sendNew(final long commandId, final ManagedOrder order)
        {
        }

        @Override
        public void sendCancel(final long commandId, final ManagedOrder order)
        {
        }

        @Override
        public void sendStatusQuery(final long commandId, final ManagedOrder order)
        {
        }

        @Override
        public void sendCancelAll(final long commandId, final int venueId, final int instrumentId)
        {
        }

        @Override
        public void rejectRequest(final int strategyId, final long requestId, final int venueId, final int instrumentId, final RejectReason reason)
        {
            rejects++;
        }

        @Override
        public void orderState(final ManagedOrder order)
        {
            states++;
        }

        @Override
        public void deadManFired(final int strategyId, final int ordersCancelled)
        {
        }

        @Override
        public void strategyRunEnded(final int strategyId, final long runId, final int ordersCancelled)
        {
        }
    }
}
