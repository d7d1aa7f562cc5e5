package io.mmfleet.busctl.watch;

import io.mmfleet.sbe.ExecType;
import io.mmfleet.sbe.ExecutionReportDecoder;
import io.mmfleet.sbe.Liquidity;
import io.mmfleet.sbe.Side;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Our fills of one instrument as the exec-handler reported them ({@code ExecutionReport} of exec type
 * TRADE), each counted once: a report is resent after a snapshot or a restart, so a fill is known by
 * (venue, venue trade id, venue order id), as the position-server's ledger knows it.
 */
final class FillTally
{
    private record FillKey(int venueId, long tradeId, long venueOrderId)
    {
    }

    private final Set<FillKey> seen = new HashSet<>();
    private final Map<String, BigDecimal> feesByAsset = new TreeMap<>();
    private long fills;
    private long buys;
    private long sells;
    private long maker;
    private long taker;
    private long duplicates;
    private long incomplete;
    private BigDecimal baseVolume = BigDecimal.ZERO;
    private BigDecimal quoteVolume = BigDecimal.ZERO;

    /** Counts a TRADE report unless its fill was counted already; other exec types are ignored. */
    void onReport(final ExecutionReportDecoder report)
    {
        if (report.execType() != ExecType.TRADE)
        {
            return;
        }
        final BigDecimal price = FixedDecimal.of(report.lastPrice());
        final BigDecimal qty = FixedDecimal.of(report.lastQty());
        if (report.tradeId() == 0 || price == null || qty == null)
        {
            // Not a fill the ledger could take either; counted so the report says so.
            incomplete++;
            return;
        }
        if (!seen.add(new FillKey(report.venueId(), report.tradeId(), report.venueOrderId())))
        {
            duplicates++;
            return;
        }
        fills++;
        if (report.side() == Side.BUY)
        {
            buys++;
        }
        else
        {
            sells++;
        }
        final Liquidity liquidity = report.liquidity();
        if (liquidity == Liquidity.MAKER)
        {
            maker++;
        }
        else if (liquidity == Liquidity.TAKER)
        {
            taker++;
        }
        baseVolume = baseVolume.add(qty);
        quoteVolume = quoteVolume.add(price.multiply(qty));
        final BigDecimal fee = FixedDecimal.of(report.fee());
        if (fee != null && fee.signum() != 0)
        {
            feesByAsset.merge(report.feeAsset().strip(), fee, BigDecimal::add);
        }
    }

    long fills()
    {
        return fills;
    }

    long duplicates()
    {
        return duplicates;
    }

    String summary()
    {
        return fills + " (" + buys + " buy, " + sells + " sell; " + maker + " maker, " + taker + " taker), " +
            duplicates + " repeated report" + (duplicates == 1 ? "" : "s") + " ignored" +
            (incomplete == 0 ? "" : ", " + incomplete + " without trade id, price or quantity");
    }

    String volume()
    {
        return Decimals.amount(baseVolume) + " base, " + Decimals.amount(quoteVolume) + " quote" +
            (feesByAsset.isEmpty() ? "" : "; fees " + Decimals.byAsset(feesByAsset));
    }
}
