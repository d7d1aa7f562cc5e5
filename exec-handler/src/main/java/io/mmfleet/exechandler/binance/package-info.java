/**
 * The Binance Spot protocol of the exec-handler, pure and socket-free: what to send (signed
 * WebSocket API requests in {@link io.mmfleet.exechandler.binance.WsApiRequests}, signed REST
 * paths in {@link io.mmfleet.exechandler.binance.RestRequests}) and what the venue's answers mean
 * ({@link io.mmfleet.exechandler.binance.WsApiParser}, {@link io.mmfleet.exechandler.binance.RestParser}),
 * in the venue-neutral types of {@code io.mmfleet.exechandler.venue}.
 *
 * <p>Written from Binance's published documentation (rest-api, web-socket-api, user-data-stream,
 * errors, filters), and tested against its samples; it shares no code with venue-sim.
 *
 * <p>Choices the docs leave open, made here once:
 * <ul>
 *   <li>Decimals must arrive as JSON strings, as the docs always send them; a JSON number in a
 *       price, quantity or amount field is a {@link io.mmfleet.exechandler.binance.BinanceProtocolException}.
 *       A value with a significant digit beyond the symbol's scale is too: rounding a venue amount
 *       silently would hide a wrong INI scale.</li>
 *   <li>An ACK place reply becomes a NEW update with nothing filled and no side, type or price:
 *       ACK says only that the order exists.</li>
 *   <li>A fill's quote quantity is computed as price × qty at AMOUNT_SCALE (exact whenever the
 *       product has at most 8 decimals; otherwise rounded half-up to 8, as the venue prints quote
 *       amounts with 8), except in myTrades, where the venue's own quoteQty is used.</li>
 *   <li>Order lists in a cancel-all reply and order types the fleet never places in an open-orders
 *       list are skipped: they are not orders the fleet tracks.</li>
 * </ul>
 */
package io.mmfleet.exechandler.binance;
