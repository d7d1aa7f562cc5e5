package io.mmfleet.positionserver;

import io.mmfleet.sbe.DecimalDecoder;
import io.mmfleet.sbe.ExecType;
import io.mmfleet.sbe.ExecutionReportDecoder;
import io.mmfleet.sbe.Liquidity;
import io.mmfleet.sbe.Side;

/**
 * One execution of one of our orders, as the ledger keeps it and the book applies it. Every amount
 * is a mantissa at {@link FixedPoint#SCALE}. A fill is identified by (venue, instrument, trade id,
 * venue order id); the rest is its content.
 *
 * @param venueId       venue id from the INI.
 * @param instrumentId  instrument id from {@code [instruments]}.
 * @param tradeId       the venue's trade id (never 0: 0 means "not a fill" in an ExecutionReport).
 * @param venueOrderId  the venue's order id.
 * @param clientOrderId our client order id (may be empty for an order placed outside the fleet).
 * @param strategyId    strategy the order belongs to.
 * @param side          BUY or SELL, from our order's point of view.
 * @param price         execution price (quote per base).
 * @param qty           executed base quantity, positive.
 * @param quoteQty      quote amount exchanged, positive; what the book uses as cash.
 * @param fee           commission in {@code feeAsset}; negative for a rebate.
 * @param feeAsset      the venue's asset code of the commission, e.g. USDT, ETH, BNB.
 * @param baseAsset     the instrument's base asset code on this venue, e.g. ETH.
 * @param quoteAsset    the instrument's quote asset code on this venue, e.g. USDT.
 * @param liquidity     MAKER or TAKER.
 * @param venueTimeNs   the venue's execution time, epoch ns.
 * @param execRunId     run id of the exec-handler whose ExecutionReport carried the fill.
 * @param execSequence  sequence of that ExecutionReport on its stream.
 */
public record Fill(
    int venueId,
    int instrumentId,
    long tradeId,
    long venueOrderId,
    String clientOrderId,
    int strategyId,
    Side side,
    long price,
    long qty,
    long quoteQty,
    long fee,
    String feeAsset,
    String baseAsset,
    String quoteAsset,
    Liquidity liquidity,
    long venueTimeNs,
    long execRunId,
    long execSequence)
{
    /** Longest asset code (the schema's Asset field). */
    public static final int MAX_ASSET_LENGTH = 16;
    /** Longest client order id (the schema's ClientOrderId field). */
    public static final int MAX_CLIENT_ORDER_ID_LENGTH = 36;

    public Fill
    {
        requireRange("venueId", venueId, 0, 65535);
        requireRange("strategyId", strategyId, 0, 65535);
        if (instrumentId <= 0)
        {
            throw new IllegalArgumentException("instrumentId must be positive: " + instrumentId);
        }
        if (tradeId == 0)
        {
            throw new IllegalArgumentException("tradeId 0 is not a fill");
        }
        if (side != Side.BUY && side != Side.SELL)
        {
            throw new IllegalArgumentException("side must be BUY or SELL: " + side);
        }
        if (liquidity != Liquidity.MAKER && liquidity != Liquidity.TAKER)
        {
            throw new IllegalArgumentException("liquidity must be MAKER or TAKER: " + liquidity);
        }
        if (price <= 0 || qty <= 0 || quoteQty < 0)
        {
            throw new IllegalArgumentException("price and qty must be positive, quoteQty not negative: price=" +
                FixedPoint.format(price) + " qty=" + FixedPoint.format(qty) + " quoteQty=" + FixedPoint.format(quoteQty));
        }
        requireText("clientOrderId", clientOrderId, 0, MAX_CLIENT_ORDER_ID_LENGTH);
        requireText("baseAsset", baseAsset, 1, MAX_ASSET_LENGTH);
        requireText("quoteAsset", quoteAsset, 1, MAX_ASSET_LENGTH);
        requireText("feeAsset", feeAsset, fee == 0 ? 0 : 1, MAX_ASSET_LENGTH);
        if (baseAsset.equals(quoteAsset))
        {
            throw new IllegalArgumentException("baseAsset and quoteAsset are both " + baseAsset);
        }
    }

    /** +1 for a buy, -1 for a sell: the sign of the fill's effect on the position. */
    public int sign()
    {
        return side == Side.BUY ? 1 : -1;
    }

    /** The fill's quantity with the sign of its effect on the position. */
    public long signedQty()
    {
        return side == Side.BUY ? qty : -qty;
    }

    /**
     * Same fill and same content, whatever ExecutionReport carried it: a replayed or resent report
     * has another run id or sequence but must not count as a different fill.
     */
    public boolean sameContentAs(final Fill other)
    {
        return venueId == other.venueId && instrumentId == other.instrumentId && tradeId == other.tradeId &&
            venueOrderId == other.venueOrderId && clientOrderId.equals(other.clientOrderId) &&
            strategyId == other.strategyId && side == other.side && price == other.price && qty == other.qty &&
            quoteQty == other.quoteQty && fee == other.fee && feeAsset.equals(other.feeAsset) &&
            baseAsset.equals(other.baseAsset) && quoteAsset.equals(other.quoteAsset) &&
            liquidity == other.liquidity && venueTimeNs == other.venueTimeNs;
    }

    /**
     * The fill an ExecutionReport of exec type TRADE carries. The report has no per-fill quote
     * amount, so it is {@code lastPrice * lastQty} rounded half-even at {@link FixedPoint#SCALE}
     * (exact for every Binance symbol whose tick and step decimals add up to 8 or fewer).
     *
     * @param runId      the report's envelope run id.
     * @param sequence   the report's envelope sequence.
     * @param baseAsset  base asset code of the instrument on the venue, from its InstrumentDefinition.
     * @param quoteAsset quote asset code, from the same definition.
     * @throws IllegalArgumentException if the report is not a fill or a field is missing or malformed.
     */
    public static Fill fromExecutionReport(
        final ExecutionReportDecoder report, final long runId, final long sequence, final String baseAsset, final String quoteAsset)
    {
        if (report.execType() != ExecType.TRADE || report.tradeId() == 0)
        {
            throw new IllegalArgumentException("not a fill: execType=" + report.execType() + " tradeId=" + report.tradeId());
        }
        final long price = amount("lastPrice", report.lastPrice());
        final long qty = amount("lastQty", report.lastQty());
        return new Fill(
            report.venueId(),
            report.instrumentId(),
            report.tradeId(),
            report.venueOrderId(),
            report.clientOrderId().trim(),
            report.strategyId(),
            report.side(),
            price,
            qty,
            FixedPoint.notional(price, qty),
            amount("fee", report.fee()),
            report.feeAsset().trim(),
            baseAsset,
            quoteAsset,
            report.liquidity(),
            report.venueTimeNs(),
            runId,
            sequence);
    }

    /** A present Decimal at {@link FixedPoint#SCALE}; names the field when it is absent or too fine. */
    static long amount(final String field, final DecimalDecoder decimal)
    {
        if (decimal.mantissa() == DecimalDecoder.mantissaNullValue())
        {
            throw new IllegalArgumentException(field + " is absent");
        }
        try
        {
            return FixedPoint.fromDecimal(decimal.mantissa(), decimal.exponent());
        }
        catch (final ArithmeticException | IllegalArgumentException ex)
        {
            throw new IllegalArgumentException(field + ": " + ex.getMessage(), ex);
        }
    }

    private static void requireRange(final String name, final int value, final int min, final int max)
    {
        if (value < min || value > max)
        {
            throw new IllegalArgumentException(name + " must be " + min + ".." + max + ": " + value);
        }
    }

    private static void requireText(final String name, final String value, final int minLength, final int maxLength)
    {
        if (value == null || value.length() < minLength || value.length() > maxLength)
        {
            throw new IllegalArgumentException(name + " must be " + minLength + ".." + maxLength + " characters: " + value);
        }
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            if (c <= ' ' || c > '~')
            {
                throw new IllegalArgumentException(name + " must be printable ASCII without spaces: " + value);
            }
        }
    }
}
