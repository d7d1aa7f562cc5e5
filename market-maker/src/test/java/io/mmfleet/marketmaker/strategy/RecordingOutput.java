package io.mmfleet.marketmaker.strategy;

import io.mmfleet.sbe.ImbalanceLevel;
import io.mmfleet.sbe.Side;
import io.mmfleet.sbe.SpreadReason;
import io.mmfleet.sbe.StopReason;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Records every call as a line of text, for assertions on exactly what was sent and in what order. */
final class RecordingOutput implements MarketMakerOutput
{
    final List<String> calls = new ArrayList<>();
    /** Each new order's request id → the decision origin it was placed with. */
    final Map<Long, Long> originOfOrder = new HashMap<>();

    /** The calls since the last take, then forgets them. */
    List<String> take()
    {
        final List<String> taken = List.copyOf(calls);
        calls.clear();
        return taken;
    }

    @Override
    public void placePostOnly(final long requestId, final Side side, final int level, final long price, final long qty,
        final long decisionOrigin)
    {
        originOfOrder.put(requestId, decisionOrigin);
        calls.add("place " + requestId + " " + side + " L" + level + " " + qty + "@" + price);
    }

    @Override
    public void cancel(final long requestId, final long origRequestId, final Side side, final int level)
    {
        calls.add("cancel " + requestId + " of " + origRequestId + " " + side + " L" + level);
    }

    @Override
    public void spreadAdjusted(final long oldSpreadBpsE2, final long newSpreadBpsE2, final SpreadReason reason)
    {
        calls.add("spread " + oldSpreadBpsE2 + "->" + newSpreadBpsE2 + " " + reason);
    }

    @Override
    public void inventoryImbalance(final long inventory, final long maxInventory, final long imbalancePpm, final ImbalanceLevel level)
    {
        calls.add("imbalance " + inventory + "/" + maxInventory + " " + imbalancePpm + "ppm " + level);
    }

    @Override
    public void volatilityChanged(final long oldSigma, final long newSigma)
    {
        calls.add("sigma " + oldSigma + "->" + newSigma);
    }

    @Override
    public void quotesUpdated(final Quote quote)
    {
        calls.add("quotes " + (quote.hasBid() ? quote.bidQty() + "@" + quote.bidPrice() : "-") + " / " +
            (quote.hasAsk() ? quote.askQty() + "@" + quote.askPrice() : "-"));
    }

    @Override
    public void started()
    {
        calls.add("started");
    }

    @Override
    public void stopped(final StopReason reason)
    {
        calls.add("stopped " + reason);
    }
}
