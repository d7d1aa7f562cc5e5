package io.mmfleet.busctl.watch;

import io.mmfleet.sbe.BookUpdateDecoder;
import io.mmfleet.sbe.ExecutionReportDecoder;
import io.mmfleet.sbe.HedgeTargetDecoder;
import io.mmfleet.sbe.PositionUpdateDecoder;
import io.mmfleet.sbe.QuoteIntentDecoder;
import org.agrona.collections.Long2ObjectHashMap;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the bus says about one instrument: the venue's best bid and ask (BookUpdate), the quotes our
 * strategy wants (QuoteIntent), our positions and PnL (PositionUpdate, per venue and strategy), the
 * net inventory (HedgeTarget) and its largest magnitude seen, and our fills (ExecutionReport).
 */
final class InstrumentWatch
{
    private final String name;
    private final FixedDecimal bestBid = new FixedDecimal();
    private final FixedDecimal bestAsk = new FixedDecimal();
    private final FixedDecimal quoteBid = new FixedDecimal();
    private final FixedDecimal quoteBidQty = new FixedDecimal();
    private final FixedDecimal quoteAsk = new FixedDecimal();
    private final FixedDecimal quoteAskQty = new FixedDecimal();
    private final FixedDecimal netInventory = new FixedDecimal();
    /** Keyed by venue id << 16 | strategy id. */
    private final Long2ObjectHashMap<PositionView> positions = new Long2ObjectHashMap<>();
    private final FillTally fills = new FillTally();
    private BigDecimal maxAbsInventory = BigDecimal.ZERO;
    private boolean quoteSeen;
    private boolean hedgeSeen;

    InstrumentWatch(final String name)
    {
        this.name = name;
    }

    String name()
    {
        return name;
    }

    void onBook(final BookUpdateDecoder book)
    {
        // SBE groups are read in order: every bid before the asks.
        final BookUpdateDecoder.BidsDecoder bids = book.bids();
        boolean first = true;
        while (bids.hasNext())
        {
            bids.next();
            if (first)
            {
                bestBid.set(bids.price());
                first = false;
            }
        }
        if (first)
        {
            bestBid.clear();
        }
        final BookUpdateDecoder.AsksDecoder asks = book.asks();
        if (asks.hasNext())
        {
            asks.next();
            bestAsk.set(asks.price());
        }
        else
        {
            bestAsk.clear();
        }
    }

    void onQuote(final QuoteIntentDecoder quote)
    {
        quoteSeen = true;
        quoteBid.set(quote.bidPrice());
        quoteBidQty.set(quote.bidQty());
        quoteAsk.set(quote.askPrice());
        quoteAskQty.set(quote.askQty());
    }

    void onPosition(final PositionUpdateDecoder update)
    {
        final long key = ((long)update.venueId() << 16) | update.strategyId();
        PositionView view = positions.get(key);
        if (view == null)
        {
            view = new PositionView();
            positions.put(key, view);
        }
        view.onUpdate(update);
        noteInventory();
    }

    void onHedge(final HedgeTargetDecoder hedge)
    {
        hedgeSeen = true;
        netInventory.set(hedge.netInventory());
        noteInventory();
    }

    void onFill(final ExecutionReportDecoder report)
    {
        fills.onReport(report);
    }

    /** Net inventory: the HedgeTarget's (CeFi + DeFi residual) once one came, else the positions' sum. */
    BigDecimal inventory()
    {
        if (hedgeSeen)
        {
            return netInventory.valueOrZero();
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (final PositionView view : positions.values())
        {
            sum = sum.add(view.position.valueOrZero());
        }
        return sum;
    }

    private void noteInventory()
    {
        final BigDecimal magnitude = inventory().abs();
        if (magnitude.compareTo(maxAbsInventory) > 0)
        {
            maxAbsInventory = magnitude;
        }
    }

    private BigDecimal sum(final java.util.function.Function<PositionView, FixedDecimal> field)
    {
        BigDecimal sum = BigDecimal.ZERO;
        for (final PositionView view : positions.values())
        {
            sum = sum.add(field.apply(view).valueOrZero());
        }
        return sum;
    }

    private BigDecimal markedPnl()
    {
        return sum(view -> view.realizedPnl).add(sum(view -> view.unrealizedPnl));
    }

    private String mid()
    {
        return bestBid.present() && bestAsk.present() ? Decimals.midpoint(bestBid.value(), bestAsk.value()).toPlainString() : "-";
    }

    private static String side(final FixedDecimal price, final FixedDecimal qty)
    {
        return price.present() ? price.value().toPlainString() + "x" + Decimals.text(qty.value()) : "-";
    }

    /** "ETH-USDC mid=3000.005 bid=2998.51x0.05 ask=3001.50x0.05 inv=0.05 pnl=-0.35 fills=4". */
    String status()
    {
        return name + " mid=" + mid() +
            " bid=" + (quoteSeen ? side(quoteBid, quoteBidQty) : "-") +
            " ask=" + (quoteSeen ? side(quoteAsk, quoteAskQty) : "-") +
            " inv=" + (hedgeSeen || !positions.isEmpty() ? Decimals.amount(inventory()) : "-") +
            " pnl=" + (positions.isEmpty() ? "-" : Decimals.amount(markedPnl())) +
            " fills=" + fills.fills();
    }

    /** The report's lines for this instrument, each "label  value". */
    List<String> report()
    {
        final List<String> lines = new ArrayList<>();
        lines.add(row("fills", fills.summary()));
        lines.add(row("traded", fills.volume()));
        if (positions.isEmpty())
        {
            lines.add(row("positions", "no PositionUpdate seen"));
        }
        else
        {
            final Map<String, BigDecimal[]> fees = new TreeMap<>();
            for (final PositionView view : positions.values())
            {
                view.fees.forEach((asset, makerTaker) -> fees.merge(asset, makerTaker.clone(),
                    (a, b) -> new BigDecimal[]{a[0].add(b[0]), a[1].add(b[1])}));
            }
            final StringBuilder feeText = new StringBuilder();
            fees.forEach((asset, makerTaker) -> feeText.append(feeText.length() == 0 ? "" : ", ").append(asset).append(' ')
                .append(Decimals.amount(makerTaker[0].add(makerTaker[1]))).append(" (maker ").append(Decimals.amount(makerTaker[0]))
                .append(", taker ").append(Decimals.amount(makerTaker[1])).append(')'));
            lines.add(row("maker volume", Decimals.amount(sum(view -> view.makerVolume)) +
                " (taker " + Decimals.amount(sum(view -> view.takerVolume)) + ")"));
            lines.add(row("fees", fees.isEmpty() ? "none" : feeText.toString()));
            lines.add(row("realized PnL", Decimals.amount(sum(view -> view.realizedPnl)) + " (after fees)"));
            lines.add(row("marked PnL", Decimals.amount(markedPnl()) + " (realized + unrealized " +
                Decimals.amount(sum(view -> view.unrealizedPnl)) + ", marked to mid)"));
            for (final Map.Entry<Long, PositionView> entry : new TreeMap<>(positions).entrySet())
            {
                final PositionView view = entry.getValue();
                lines.add(row("position", Decimals.amount(view.position.valueOrZero()) + " at avg cost " + Decimals.amount(view.avgCost.valueOrZero()) +
                    ", mark " + Decimals.amount(view.markPrice.valueOrZero()) + " (venue " + (entry.getKey() >>> 16) +
                    ", strategy " + (entry.getKey() & 0xFFFF) + ", " + view.fillCount + " fills in the ledger)"));
            }
        }
        lines.add(row("inventory", (hedgeSeen || !positions.isEmpty() ? Decimals.amount(inventory()) : "-") +
            " now, max |inventory| " + Decimals.amount(maxAbsInventory)));
        return lines;
    }

    static String row(final String label, final String value)
    {
        return String.format("%-15s %s", label, value);
    }
}
