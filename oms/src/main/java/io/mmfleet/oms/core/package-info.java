/**
 * The OMS's I/O-free core: pre-trade risk, the order state machine, client order ids, and the kill
 * and dead man switch decisions. The daemon decodes bus messages, calls these plain methods on its
 * event-loop thread, and encodes what {@link io.mmfleet.oms.core.OmsOutput} asks for. Every time
 * passed is epoch nanoseconds (the daily loss follows the UTC day).
 *
 * <h2>Wiring (bus message → call)</h2>
 * <ul>
 * <li>Build: {@code OmsConfig.from(fleet)} → {@code riskLimits()}, {@code newRateLimiter()}; then
 *     {@link io.mmfleet.oms.core.ExposureBook}, {@link io.mmfleet.oms.core.PreTradeRisk} (with the
 *     context's {@code KillSwitchState}), {@link io.mmfleet.oms.core.DeadManSwitch}
 *     ({@code deadManTimeout}), {@link io.mmfleet.oms.core.CancelAllTracker}
 *     ({@code retransmitInterval}), {@link io.mmfleet.oms.core.ClientOrderIds} (the envelope run
 *     id), and {@link io.mmfleet.oms.core.OrderManager} over them.</li>
 * <li>{@code BookUpdate} (best bid/ask) → {@code onBook}; {@code VenueStatus} → {@code onBookTrusted(state == LIVE)}.</li>
 * <li>The quote-server's heartbeat in state READY → {@code onMarketDataAlive}.</li>
 * <li>{@code InstrumentDefinition} → {@code onInstrumentDefinition}; {@code ThrottleStatus} →
 *     {@code onVenueOrderLimit(venue, orderLimit10s, 10 s)}.</li>
 * <li>{@code PositionUpdate} → {@code onPosition}; the position-server's heartbeat, once a
 *     snapshot of {@code pos} completed after start → {@code onPositionSourceFresh}.</li>
 * <li>{@code NewOrderRequest} / {@code ReplaceOrderRequest} → fill an
 *     {@link io.mmfleet.oms.core.OrderRequest} → {@code onNewOrder} / {@code onReplace};
 *     {@code CancelOrderRequest} → {@code onCancel}.</li>
 * <li>{@code ExecutionReport} → fill an {@link io.mmfleet.oms.core.ExecReport} (with the
 *     envelope's run id and sequence) → {@code onExecutionReport}; an exec-handler
 *     {@code OrderReject} with a command id → {@code onCommandReject}; its {@code ControlAck}
 *     APPLIED for a command → {@code onCancelAllDone}; a command {@code PendingRequests} gave up →
 *     {@code onCommandUnanswered}.</li>
 * <li>{@code KillSwitch} (after the runtime engaged {@code KillSwitchState}), or a
 *     {@code RiskEvent} with action KILL_SWITCH (engage it, then call) → {@code onKillSwitch}.</li>
 * <li>The envelope run id of every strategy request and heartbeat → {@code onStrategyRun} first
 *     (false: a message of an ended run, refused); a strategy's {@code Heartbeat} →
 *     {@code onHeartbeat(strategyId)}; every loop iteration → {@code onTimer}.</li>
 * <li>Restart recovery: ask the exec-handlers for a snapshot of {@code exec.<venue>}; the
 *     ORDER_STATUS reports of open orders are adopted by {@code onExecutionReport}, each with
 *     the request id and strategy run the request journal kept for it.</li>
 * </ul>
 */
package io.mmfleet.oms.core;
