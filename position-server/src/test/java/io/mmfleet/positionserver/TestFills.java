package io.mmfleet.positionserver;

import io.mmfleet.sbe.Liquidity;
import io.mmfleet.sbe.Side;

import java.math.BigDecimal;

/** Fills for tests, written in human units ("1.5", "3000.01"); defaults: venue 1, ETH-USDC (id 1) as ETH/USDT, strategy 7. */
final class TestFills
{
    static final int VENUE = 1;
    static final int INSTRUMENT = 1;
    static final int STRATEGY = 7;

    private TestFills()
    {
    }

    /** A decimal in human units as a mantissa at the position-server's scale. */
    static long units(final String value)
    {
        return FixedPoint.fromBigDecimal(new BigDecimal(value));
    }

    static Builder buy(final long tradeId, final String qty, final String price)
    {
        return new Builder(tradeId, Side.BUY, qty, price);
    }

    static Builder sell(final long tradeId, final String qty, final String price)
    {
        return new Builder(tradeId, Side.SELL, qty, price);
    }

    static final class Builder
    {
        private final long tradeId;
        private final Side side;
        private final long qty;
        private final long price;
        private int venueId = VENUE;
        private int instrumentId = INSTRUMENT;
        private int strategyId = STRATEGY;
        private long venueOrderId;
        private long fee;
        private String feeAsset = "USDT";
        private Liquidity liquidity = Liquidity.TAKER;
        private long quoteQty = -1;
        private long execRunId = 11;
        private long execSequence;

        private Builder(final long tradeId, final Side side, final String qty, final String price)
        {
            this.tradeId = tradeId;
            this.side = side;
            this.qty = units(qty);
            this.price = units(price);
            this.venueOrderId = 1000 + tradeId;
            this.execSequence = tradeId;
        }

        Builder fee(final String amount, final String asset)
        {
            fee = units(amount);
            feeAsset = asset;
            return this;
        }

        Builder maker()
        {
            liquidity = Liquidity.MAKER;
            return this;
        }

        Builder venue(final int id)
        {
            venueId = id;
            return this;
        }

        Builder instrument(final int id)
        {
            instrumentId = id;
            return this;
        }

        Builder strategy(final int id)
        {
            strategyId = id;
            return this;
        }

        Builder order(final long id)
        {
            venueOrderId = id;
            return this;
        }

        Builder quoteQty(final long mantissa)
        {
            quoteQty = mantissa;
            return this;
        }

        Builder exec(final long runId, final long sequence)
        {
            execRunId = runId;
            execSequence = sequence;
            return this;
        }

        Fill build()
        {
            final boolean btc = instrumentId == 2;
            return new Fill(venueId, instrumentId, tradeId, venueOrderId, "mm7-r1-" + tradeId, strategyId, side, price, qty,
                quoteQty >= 0 ? quoteQty : FixedPoint.notional(price, qty), fee, feeAsset, btc ? "BTC" : "ETH", "USDT",
                liquidity, 1_700_000_000_000_000_000L + tradeId * 1_000_000L, execRunId, execSequence);
        }
    }
}
