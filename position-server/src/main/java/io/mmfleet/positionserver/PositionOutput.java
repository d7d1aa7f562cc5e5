package io.mmfleet.positionserver;

import io.mmfleet.bus.BusPublisher;
import io.mmfleet.bus.PublishStream;
import io.mmfleet.bus.Topics;
import io.mmfleet.sbe.DecimalEncoder;
import io.mmfleet.sbe.HedgeTargetEncoder;
import io.mmfleet.sbe.PositionUpdateEncoder;
import io.mmfleet.sbe.RiskAction;
import io.mmfleet.sbe.RiskEventEncoder;
import io.mmfleet.sbe.RiskEventType;
import io.mmfleet.sbe.Severity;

import org.agrona.collections.IntHashSet;

import java.util.List;
import java.util.function.Consumer;

/**
 * Everything position-server says on the bus, encoded in one place: PositionUpdate and HedgeTarget
 * on {@code pos}, RiskEvent on {@code risk}. Every amount goes out at {@link FixedPoint#EXPONENT},
 * the scale the core holds it at, so nothing is rounded on the way out.
 */
final class PositionOutput
{
    private final BusPublisher publisher;
    private final PositionBook book;
    private final HedgeTargets hedgeTargets;
    private final PublishStream positions;
    private final PublishStream risk;
    private final PositionUpdateEncoder update = new PositionUpdateEncoder();
    private final HedgeTargetEncoder hedge = new HedgeTargetEncoder();
    private final RiskEventEncoder riskEvent = new RiskEventEncoder();
    /** Instruments with a venue definition: each has a hedge target, flat until its first fill. */
    private final IntHashSet definedInstruments = new IntHashSet();
    /** Reused by {@link #publishAll} so a periodic publish allocates nothing per position. */
    private final Consumer<Position> publishOne = position -> positionUpdate(position, 0);
    private long positionUpdates;
    private long hedgeTargetUpdates;
    private long riskEvents;

    PositionOutput(final BusPublisher publisher, final PositionBook book, final HedgeTargets hedgeTargets)
    {
        this.publisher = publisher;
        this.book = book;
        this.hedgeTargets = hedgeTargets;
        this.positions = publisher.stream(Topics.POSITION);
        this.risk = publisher.stream(Topics.RISK);
    }

    /**
     * One position, stamped with its venue's execution watermark: every ExecutionReport of the venue
     * up to that (run id, sequence) is included, fill or not, which is what the OMS's exposure
     * arithmetic counts fills from.
     *
     * @param originNs the originNs of the report that changed it, or 0 for a periodic publish.
     */
    void positionUpdate(final Position position, final long originNs)
    {
        publisher.wrap(update)
            .venueId(position.venueId())
            .instrumentId(position.instrumentId())
            .strategyId(position.strategyId());
        final long mark = book.markPrice(position);
        decimal(update.position(), position.quantity());
        decimal(update.avgCost(), position.avgCost());
        decimal(update.realizedPnl(), position.realizedPnl());
        decimal(update.unrealizedPnl(), position.unrealizedPnl(mark));
        decimal(update.markPrice(), mark);
        decimal(update.makerVolume(), position.makerVolume());
        decimal(update.takerVolume(), position.takerVolume());
        update.fillCount(position.fillCount())
            .execRunId(book.execRunId(position.venueId()))
            .execSequence(book.execSequence(position.venueId()));
        final PositionUpdateEncoder.FeesEncoder fees = update.feesCount(position.feeAssetCount());
        position.forEachFee((asset, makerFee, takerFee) ->
        {
            fees.next();
            decimal(fees.makerFee(), makerFee);
            decimal(fees.takerFee(), takerFee);
            fees.asset(asset);
        });
        publisher.publish(positions, update, originNs);
        positionUpdates++;
    }

    /**
     * The instrument's net inventory. The message carries one (execRunId, execSequence): the
     * watermark of {@code venueId}, the venue whose report changed it (or, periodically, the venue
     * of the instrument's positions when there is one; 0/0 when they span several, as one pair
     * cannot state several streams).
     */
    void hedgeTarget(final int instrumentId, final int venueId, final long originNs)
    {
        publisher.wrap(hedge).instrumentId(instrumentId);
        decimal(hedge.cefiPosition(), hedgeTargets.cefiPosition(instrumentId));
        decimal(hedge.defiResidual(), hedgeTargets.defiResidual(instrumentId));
        decimal(hedge.netInventory(), hedgeTargets.netInventory(instrumentId));
        decimal(hedge.targetPosition(), hedgeTargets.targetPosition(instrumentId));
        hedge.execRunId(venueId == 0 ? 0 : book.execRunId(venueId))
            .execSequence(venueId == 0 ? 0 : book.execSequence(venueId));
        publisher.publish(positions, hedge, originNs);
        hedgeTargetUpdates++;
    }

    /**
     * An instrument the venue defines: from now on its hedge target goes out with every periodic
     * publish, flat (0) while no position is held, since the market-maker quotes only once it knows
     * the net inventory and a fresh ledger has no position to publish.
     */
    void instrumentDefined(final int instrumentId)
    {
        definedInstruments.add(instrumentId);
    }

    /**
     * Every position and the hedge target of every instrument held or defined: the periodic publish
     * and the answer to a snapshot request.
     */
    int publishAll()
    {
        book.forEach(publishOne);
        int published = book.size();
        final List<Integer> held = book.instrumentIds();
        for (final int instrumentId : held)
        {
            hedgeTarget(instrumentId, book.soleVenueOf(instrumentId), 0);
            published++;
        }
        final IntHashSet.IntIterator defined = definedInstruments.iterator();
        while (defined.hasNext())
        {
            final int instrumentId = defined.nextValue();
            if (!held.contains(instrumentId))
            {
                hedgeTarget(instrumentId, 0, 0);
                published++;
            }
        }
        return published;
    }

    void discrepancy(final Discrepancy discrepancy)
    {
        riskEvent(discrepancy.eventType(), discrepancy.severity(), discrepancy.action(), discrepancy.venueId(),
            discrepancy.instrumentId(), discrepancy.strategyId(), discrepancy.observed(), discrepancy.threshold(), discrepancy.text());
    }

    void riskEvent(
        final RiskEventType type,
        final Severity severity,
        final RiskAction action,
        final int venueId,
        final int instrumentId,
        final int strategyId,
        final long observed,
        final long threshold,
        final String text)
    {
        publisher.wrap(riskEvent)
            .eventType(type)
            .severity(severity)
            .action(action)
            .venueId(venueId)
            .instrumentId(instrumentId)
            .strategyId(strategyId);
        decimal(riskEvent.observed(), observed);
        decimal(riskEvent.threshold(), threshold);
        riskEvent.text(text);
        publisher.publish(risk, riskEvent, 0);
        riskEvents++;
    }

    long positionUpdates()
    {
        return positionUpdates;
    }

    long hedgeTargetUpdates()
    {
        return hedgeTargetUpdates;
    }

    long riskEvents()
    {
        return riskEvents;
    }

    private static void decimal(final DecimalEncoder encoder, final long mantissa)
    {
        encoder.mantissa(mantissa).exponent(FixedPoint.EXPONENT);
    }
}
