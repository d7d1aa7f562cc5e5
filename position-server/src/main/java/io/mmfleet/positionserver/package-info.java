/**
 * The position-server's core: plain classes with no bus I/O, so the daemon, the report command and
 * the tests run the same code. Every amount is a long mantissa at {@link io.mmfleet.positionserver.FixedPoint#SCALE}
 * (8 decimals), overflow-checked.
 * <p>
 * How the daemon is meant to drive them (one event-loop thread owns all of them):
 * <ol>
 *   <li>At start: {@code FillLedger.open(config.ledgerUrl())}, then {@code PositionBook.rebuild(ledger)}:
 *       the book holds exactly the ledger's fills, in ledger order.</li>
 *   <li>On an ExecutionReport with execType TRADE: {@code Fill.fromExecutionReport(report, runId, sequence,
 *       base, quote)} (assets from the venue's InstrumentDefinition), then {@code ledger.insert(fill)}; only when
 *       that returns {@link io.mmfleet.positionserver.FillInsert#NEW} {@code book.apply(fill)}. A
 *       {@link io.mmfleet.positionserver.FillInsert#CONFLICT} is worth a RiskEvent and a log line. For any other
 *       report, {@code book.executionReportSeen(venue, runId, sequence)}.</li>
 *   <li>On a BookUpdate: {@code book.mark(venue, instrument, mid)} (allocation-free).</li>
 *   <li>Each PUBLISH_INTERVAL and on change: a PositionUpdate per {@link io.mmfleet.positionserver.Position}
 *       ({@code book.forEach}), stamped with {@code book.execRunId/execSequence(venue)}; a HedgeTarget per
 *       instrument from {@link io.mmfleet.positionserver.HedgeTargets}.</li>
 *   <li>On an AccountSnapshot: {@code reconciler.reconcile(AccountSnapshotView.decode(snapshot))}, each
 *       {@link io.mmfleet.positionserver.Discrepancy} published as a RiskEvent; the ledger is never changed.</li>
 *   <li>{@code bin/position-server report}: {@code new PositionReport(names).render(ledger)}, no bus.</li>
 * </ol>
 */
package io.mmfleet.positionserver;
