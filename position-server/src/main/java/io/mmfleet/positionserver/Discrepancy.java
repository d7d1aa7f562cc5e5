package io.mmfleet.positionserver;

import io.mmfleet.sbe.RiskAction;
import io.mmfleet.sbe.RiskEventType;
import io.mmfleet.sbe.Severity;

/**
 * A difference between the ledger and the venue's account, ready to publish as a RiskEvent of type
 * {@link RiskEventType#RECONCILIATION_MISMATCH}. The ledger is never changed to match.
 *
 * @param instrumentId 0 for a balance.
 * @param strategyId   the ledger fill's strategy when there is one, else 0.
 * @param asset        the asset of a balance drift, else empty.
 * @param tradeId      the venue trade in question, 0 for a balance.
 * @param observed     at {@link FixedPoint#SCALE}: the drift, or the trade's quantity.
 * @param threshold    at {@link FixedPoint#SCALE}: the tolerance crossed (0 for a trade: none is allowed).
 * @param text         one line for the RiskEvent's text and the log.
 */
public record Discrepancy(
    Kind kind,
    int venueId,
    int instrumentId,
    int strategyId,
    String asset,
    long tradeId,
    long observed,
    long threshold,
    String text)
{
    /** The kinds of difference, each with the severity and the suggested action its RiskEvent carries. */
    public enum Kind
    {
        /** The venue lists a trade of ours the ledger lacks (past the grace): positions are wrong. */
        MISSING_TRADE(Severity.CRITICAL, RiskAction.PAUSE_STRATEGY),
        /** The ledger holds a trade inside the window the venue listed, and the venue's list lacks it. */
        EXTRA_TRADE(Severity.CRITICAL, RiskAction.PAUSE_STRATEGY),
        /** Both hold the trade, with different price, quantity, fee or liquidity. */
        TRADE_MISMATCH(Severity.CRITICAL, RiskAction.PAUSE_STRATEGY),
        /**
         * An asset's balance moved differently from what the ledger's fills account for, by more
         * than the tolerance, for longer than the grace. Deposits and withdrawals show up here too,
         * which is why it only warns.
         */
        BALANCE_DRIFT(Severity.WARNING, RiskAction.NONE);

        private final Severity severity;
        private final RiskAction action;

        Kind(final Severity severity, final RiskAction action)
        {
            this.severity = severity;
            this.action = action;
        }

        public Severity severity()
        {
            return severity;
        }

        public RiskAction action()
        {
            return action;
        }
    }

    public RiskEventType eventType()
    {
        return RiskEventType.RECONCILIATION_MISMATCH;
    }

    public Severity severity()
    {
        return kind.severity();
    }

    public RiskAction action()
    {
        return kind.action();
    }
}
