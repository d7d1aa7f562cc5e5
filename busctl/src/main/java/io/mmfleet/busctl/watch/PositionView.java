package io.mmfleet.busctl.watch;

import io.mmfleet.sbe.PositionUpdateDecoder;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

/** The last {@code PositionUpdate} of one venue/instrument/strategy, as the position-server published it. */
final class PositionView
{
    final FixedDecimal position = new FixedDecimal();
    final FixedDecimal avgCost = new FixedDecimal();
    final FixedDecimal realizedPnl = new FixedDecimal();
    final FixedDecimal unrealizedPnl = new FixedDecimal();
    final FixedDecimal markPrice = new FixedDecimal();
    final FixedDecimal makerVolume = new FixedDecimal();
    final FixedDecimal takerVolume = new FixedDecimal();
    /** Asset to {maker, taker} fees, cumulative as the position-server keeps them. */
    final Map<String, BigDecimal[]> fees = new TreeMap<>();
    long fillCount;

    void onUpdate(final PositionUpdateDecoder update)
    {
        position.set(update.position());
        avgCost.set(update.avgCost());
        realizedPnl.set(update.realizedPnl());
        unrealizedPnl.set(update.unrealizedPnl());
        markPrice.set(update.markPrice());
        makerVolume.set(update.makerVolume());
        takerVolume.set(update.takerVolume());
        fillCount = update.fillCount();
        fees.clear();
        for (final PositionUpdateDecoder.FeesDecoder fee : update.fees())
        {
            final BigDecimal makerFee = FixedDecimal.of(fee.makerFee());
            final BigDecimal takerFee = FixedDecimal.of(fee.takerFee());
            fees.put(fee.asset().strip(), new BigDecimal[]{
                makerFee == null ? BigDecimal.ZERO : makerFee, takerFee == null ? BigDecimal.ZERO : takerFee});
        }
    }
}
