package io.mmfleet.positionserver;

import java.util.List;

/**
 * An immutable copy of one position (venue, instrument, strategy) with its PnL, for the report,
 * tests and anything that must not hold the live {@link Position}. Two books that applied the same
 * fills in the same order give equal snapshots.
 *
 * @param position      signed base quantity.
 * @param costBasis     quote amount paid for the open position (negative: received, for a short).
 * @param avgCost       |costBasis| / |position| rounded half-even; 0 when flat.
 * @param realizedPnl   quote units, after the fees charged in the base or quote asset.
 * @param feeCost       the quote value of those fees (included in realizedPnl).
 * @param markPrice     the price unrealizedPnl is marked to: the mid if one was seen, else the last fill price.
 * @param markIsMid     whether markPrice is a mid (false: the last fill price).
 * @param unrealizedPnl quote units: position marked to markPrice minus costBasis.
 * @param fees          fees by asset, maker/taker, sorted by asset.
 * @param execRunId     run id of the ExecutionReport of the last fill applied.
 * @param execSequence  sequence of that ExecutionReport.
 */
public record PositionSnapshot(
    int venueId,
    int instrumentId,
    int strategyId,
    String baseAsset,
    String quoteAsset,
    long position,
    long costBasis,
    long avgCost,
    long realizedPnl,
    long feeCost,
    long markPrice,
    boolean markIsMid,
    long unrealizedPnl,
    long makerVolume,
    long takerVolume,
    long fillCount,
    List<FeeTotal> fees,
    long execRunId,
    long execSequence)
{
    public PositionSnapshot
    {
        fees = List.copyOf(fees);
    }
}
