package io.mmfleet.oms.core;

import io.mmfleet.bus.runtime.KillSwitchState;
import io.mmfleet.sbe.ExecType;
import io.mmfleet.sbe.OrdStatus;
import io.mmfleet.sbe.OrderType;
import io.mmfleet.sbe.Side;
import io.mmfleet.sbe.TimeInForce;

import java.util.List;

/**
 * One OMS core over ETH-USDC (instrument 1, prices 2 decimals, quantities 4) on venue 1:
 * MAX_ORDER_QTY 5, MAX_POSITION 20, MAX_NOTIONAL 50000, collar 100 bps, daily loss 5000, order rate
 * 10 per 10 s, positions stale after 3 s, books after 5 s, dead man after 3 s. The book is
 * 2000.00 / 2000.10 and positions are fresh at {@link #T0}.
 */
final class OmsFixture
{
    static final long T0 = 1_800_000_000_000_000_000L;
    static final long SECOND = 1_000_000_000L;
    static final int VENUE = 1;
    static final int ETH = 1;
    static final int STRATEGY = 7;
    static final long RUN_ID = 1_763_700_000_123_456_789L;
    static final long EXEC_RUN = 99;

    final RecordingOutput output = new RecordingOutput();
    final KillSwitchState killSwitch = new KillSwitchState();
    final ExposureBook exposure = new ExposureBook();
    final OrderRateLimiter rateLimiter = new OrderRateLimiter(10, 10 * SECOND, 80);
    final RiskLimits limits;
    final PreTradeRisk risk;
    final DeadManSwitch deadMan = new DeadManSwitch(3 * SECOND);
    final CancelAllTracker cancelAlls = new CancelAllTracker(250_000_000L);
    final ClientOrderIds ids = new ClientOrderIds(RUN_ID);
    final OrderManager oms;
    final OrderRequest request = new OrderRequest();
    final ExecReport report = new ExecReport();
    /** The recovered request id the next report brings (as the daemon's journal would), then 0 again. */
    long nextRecoveredRequestId;
    /** The strategy run the journal names with {@link #nextRecoveredRequestId}, then 0 again. */
    long nextRecoveredStrategyRun;
    long execSequence;
    /** The run id the strategy's requests carry (as their envelope would). */
    long strategyRun;

    OmsFixture()
    {
        this(new InstrumentLimits(ETH, 2, 4, 5_0000, 20_0000, 50_000_000000L), 64);
    }

    OmsFixture(final InstrumentLimits eth, final int maxLiveOrders)
    {
        limits = new RiskLimits(List.of(eth), 100, 5000_00000000L, 3 * SECOND, 5 * SECOND);
        risk = new PreTradeRisk(limits, exposure, rateLimiter, killSwitch);
        oms = new OrderManager(risk, ids, killSwitch, deadMan, cancelAlls, output, maxLiveOrders);
        oms.onInstrumentDefinition(VENUE, ETH);
        oms.onBook(VENUE, ETH, 2000_00, -2, 2000_10, -2, T0);
        oms.onPositionSourceFresh(T0);
    }

    /** A limit buy or sell of {@code qty} (4 decimals) at {@code price} (2 decimals). */
    OrderRequest limit(final long requestId, final Side side, final long price, final long qty)
    {
        return request.set(STRATEGY, requestId, VENUE, ETH, side, OrderType.LIMIT, TimeInForce.GTC, price, -2, qty, -4).fromRun(strategyRun);
    }

    ManagedOrder place(final long requestId, final Side side, final long price, final long qty)
    {
        oms.onNewOrder(limit(requestId, side, price, qty), T0);
        final ManagedOrder order = oms.order(STRATEGY, requestId);
        if (order == null)
        {
            throw new AssertionError("refused: " + output.lastReject);
        }
        return order;
    }

    /** A report on the order from the exec stream, the next sequence, cumQty and cumQuote at 4 and 6 decimals. */
    void report(final ManagedOrder order, final ExecType execType, final OrdStatus status, final long cumQty, final long lastQty)
    {
        report(order.clientOrderId().toString(), order.side(), order.qty(), order.price(), 0, execType, status, cumQty, lastQty);
    }

    void report(
        final String clientOrderId,
        final Side side,
        final long orderQty,
        final long orderPrice,
        final long commandId,
        final ExecType execType,
        final OrdStatus status,
        final long cumQty,
        final long lastQty)
    {
        report.reset();
        report.execRunId = EXEC_RUN;
        report.execSequence = ++execSequence;
        report.commandId = commandId;
        report.strategyId = STRATEGY;
        report.venueId = VENUE;
        report.instrumentId = ETH;
        report.venueOrderId = 555;
        report.execType = execType;
        report.ordStatus = status;
        report.side = side;
        report.orderType = OrderType.LIMIT;
        report.orderPriceMantissa = orderPrice;
        report.orderPriceExponent = -2;
        report.orderQtyMantissa = orderQty;
        report.orderQtyExponent = -4;
        report.lastQtyMantissa = lastQty;
        report.lastQtyExponent = -4;
        report.cumQtyMantissa = cumQty;
        report.cumQtyExponent = -4;
        report.cumQuoteQtyMantissa = cumQty * orderPrice;
        report.cumQuoteQtyExponent = -6;
        report.clientOrderId.append(clientOrderId);
        report.recoveredRequestId = nextRecoveredRequestId;
        report.recoveredStrategyRunId = nextRecoveredStrategyRun;
        nextRecoveredRequestId = 0;
        nextRecoveredStrategyRun = 0;
        oms.onExecutionReport(report, T0);
    }

    InstrumentExposure pair()
    {
        return exposure.existingPair(VENUE, ETH);
    }
}
