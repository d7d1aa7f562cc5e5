package io.mmfleet.venuesim.binance;

import io.mmfleet.venuesim.engine.TradeView;
import java.util.ArrayList;
import java.util.List;

/**
 * GET /api/v3/myTrades' optional parameters and the selection they make. The docs allow only these combinations
 * beside symbol: none, orderId, startTime, endTime, fromId, startTime + endTime, orderId + fromId (anything else is
 * -1128), and at most 24 hours between startTime and endTime (-1127). From fromId or startTime the oldest matching
 * trades come first; otherwise the most recent {@code limit} are returned, oldest first.
 */
record MyTradesQuery(long orderId, long startTime, long endTime, long fromId, int limit)
{
    static final long ABSENT = -1;
    private static final int DEFAULT_LIMIT = 500;
    private static final int MAX_LIMIT = 1000;
    private static final int MAX_WINDOW_HOURS = 24;
    private static final long MAX_WINDOW_MS = MAX_WINDOW_HOURS * 3_600_000L;

    static MyTradesQuery parse(final RequestParams params)
    {
        // Negative values never get here: RequestParams refuses a sign with -1100.
        final long orderId = params.optionalLong("orderId", ABSENT);
        final long startTime = params.optionalLong("startTime", ABSENT);
        final long endTime = params.optionalLong("endTime", ABSENT);
        final long fromId = params.optionalLong("fromId", ABSENT);
        final long limit = params.optionalLong("limit", DEFAULT_LIMIT);
        if (limit < 1 || limit > MAX_LIMIT)
        {
            throw new BinanceException(BinanceError.invalidParameter("limit"));
        }
        final boolean byOrder = orderId != ABSENT;
        final boolean byTime = startTime != ABSENT || endTime != ABSENT;
        final boolean byId = fromId != ABSENT;
        if (byTime && (byOrder || byId))
        {
            throw new BinanceException(BinanceError.optionalParamsBadCombo());
        }
        if (startTime != ABSENT && endTime != ABSENT && endTime - startTime > MAX_WINDOW_MS)
        {
            throw new BinanceException(BinanceError.moreThanHours(MAX_WINDOW_HOURS));
        }
        return new MyTradesQuery(orderId, startTime, endTime, fromId, (int)limit);
    }

    /** Weight 5 with orderId, 20 without, as the docs' weight table says. */
    static int weight(final RequestParams params)
    {
        return params.has("orderId") ? 5 : 20;
    }

    /** From all of an account's trades on the symbol, ascending by trade id. */
    List<TradeView> select(final List<TradeView> allTrades)
    {
        final List<TradeView> matching = new ArrayList<>();
        for (final TradeView trade : allTrades)
        {
            if (matches(trade))
            {
                matching.add(trade);
            }
        }
        if (matching.size() <= limit)
        {
            return matching;
        }
        final boolean fromLowerBound = fromId != ABSENT || startTime != ABSENT;
        return fromLowerBound ? matching.subList(0, limit) : matching.subList(matching.size() - limit, matching.size());
    }

    private boolean matches(final TradeView trade)
    {
        return (orderId == ABSENT || trade.orderId() == orderId)
            && (startTime == ABSENT || trade.timeMs() >= startTime)
            && (endTime == ABSENT || trade.timeMs() <= endTime)
            && (fromId == ABSENT || trade.tradeId() >= fromId);
    }
}
