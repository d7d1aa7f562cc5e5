package io.mmfleet.bus.testing;

import io.mmfleet.bus.BusPublisher;
import io.mmfleet.bus.PublishStream;
import io.mmfleet.sbe.HedgeTargetEncoder;
import io.mmfleet.sbe.PositionUpdateEncoder;

/**
 * What a test playing the position-server publishes on {@code pos}: a flat position and a hedge
 * target, with the real daemon's scales (quantities 4 decimals, prices 2, PnL 8).
 */
public final class PositionServerMessages
{
    private PositionServerMessages()
    {
    }

    /** A flat PositionUpdate (no fills) marked at {@code markPriceCents} (2 decimals). */
    public static void publishFlatPosition(final BusPublisher publisher, final PublishStream stream, final PositionUpdateEncoder position,
        final int venueId, final int instrumentId, final int strategyId, final long markPriceCents)
    {
        publisher.wrap(position).venueId(venueId).instrumentId(instrumentId).strategyId(strategyId).fillCount(0).execRunId(0).execSequence(0);
        position.position().mantissa(0).exponent((byte)-4);
        position.avgCost().mantissa(0).exponent((byte)-2);
        position.realizedPnl().mantissa(0).exponent((byte)-8);
        position.unrealizedPnl().mantissa(0).exponent((byte)-8);
        position.markPrice().mantissa(markPriceCents).exponent((byte)-2);
        position.makerVolume().mantissa(0).exponent((byte)-4);
        position.takerVolume().mantissa(0).exponent((byte)-4);
        position.feesCount(0);
        publisher.publish(stream, position, 0);
    }

    /** A HedgeTarget whose CeFi position and net inventory are {@code inventory} (4 decimals), no DeFi residual. */
    public static void publishHedgeTarget(final BusPublisher publisher, final PublishStream stream, final HedgeTargetEncoder hedge,
        final int instrumentId, final long inventory)
    {
        publisher.wrap(hedge).instrumentId(instrumentId).execRunId(0).execSequence(0);
        hedge.cefiPosition().mantissa(inventory).exponent((byte)-4);
        hedge.defiResidual().mantissa(0).exponent((byte)-4);
        hedge.netInventory().mantissa(inventory).exponent((byte)-4);
        hedge.targetPosition().mantissa(0).exponent((byte)-4);
        publisher.publish(stream, hedge, 0);
    }
}
