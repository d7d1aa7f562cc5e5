package io.mmfleet.venuesim.binance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmfleet.venuesim.engine.BalanceView;
import io.mmfleet.venuesim.engine.DepthView;
import io.mmfleet.venuesim.engine.EngineExecutor;
import io.mmfleet.venuesim.engine.EngineReject;
import io.mmfleet.venuesim.engine.FeeSchedule;
import io.mmfleet.venuesim.engine.InstrumentSpec;
import io.mmfleet.venuesim.engine.MatchingEngine;
import io.mmfleet.venuesim.engine.NewOrder;
import io.mmfleet.venuesim.engine.OrderStatus;
import io.mmfleet.venuesim.engine.OrderType;
import io.mmfleet.venuesim.engine.OrderView;
import io.mmfleet.venuesim.engine.PlaceResult;
import io.mmfleet.venuesim.engine.Side;
import io.mmfleet.venuesim.engine.StpMode;
import io.mmfleet.venuesim.engine.TimeInForce;
import io.mmfleet.venuesim.engine.TradeView;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Binance Spot's operations over the engine, independent of transport: REST and the WebSocket API read the same
 * parameters by the same names and get the same result objects. Called on I/O threads; every engine access goes
 * through the {@link EngineExecutor}.
 */
public final class TradingOperations
{
    private static final long ENGINE_TIMEOUT_MS = 5_000;
    private static final int DEFAULT_DEPTH = 100;
    private static final int MAX_DEPTH = 5000;

    private final EngineExecutor engine;
    private final BinanceJson json;
    private final Instruments instruments;
    private final Map<Long, FeeSchedule> fees;
    private final RateLimitConfig limits;

    public TradingOperations(final EngineExecutor engine, final Instruments instruments, final Map<Long, FeeSchedule> fees,
        final RateLimitConfig limits)
    {
        this.engine = engine;
        this.instruments = instruments;
        this.json = new BinanceJson(instruments);
        this.fees = Map.copyOf(fees);
        this.limits = limits;
    }

    public BinanceJson json()
    {
        return json;
    }

    public ObjectNode time()
    {
        final ObjectNode node = BinanceJson.MAPPER.createObjectNode();
        node.put("serverTime", call(MatchingEngine::serverTimeMs, EngineRejects.Action.QUERY));
        return node;
    }

    /** {@code symbols} empty for every symbol; an unknown one is -1121. */
    public ObjectNode exchangeInfo(final List<String> symbols, final long serverTimeMs)
    {
        final Set<String> only = new HashSet<>();
        for (final String symbol : symbols)
        {
            only.add(instruments.spec(symbol).symbol());
        }
        return ExchangeInfoJson.render(instruments, only, limits, serverTimeMs);
    }

    /** Request weight of a depth call, by limit as the docs tabulate it. */
    public static int depthWeight(final int limit)
    {
        return limit <= 100 ? 5 : limit <= 500 ? 25 : limit <= 1000 ? 50 : 250;
    }

    /** Binance truncates a limit above 5000 to 5000; below 1 is invalid. */
    public static int depthLimit(final RequestParams params)
    {
        final long limit = params.optionalLong("limit", DEFAULT_DEPTH);
        if (limit < 1)
        {
            throw new BinanceException(BinanceError.invalidParameter("limit"));
        }
        return (int)Math.min(limit, MAX_DEPTH);
    }

    public ObjectNode depth(final RequestParams params)
    {
        final InstrumentSpec spec = instruments.spec(params.symbol());
        final int limit = depthLimit(params);
        params.requireAllRead();
        final DepthView depth = call(e -> e.depth(spec.symbol(), limit), EngineRejects.Action.QUERY);
        final ObjectNode node = BinanceJson.MAPPER.createObjectNode();
        node.put("lastUpdateId", depth.lastUpdateId());
        json.levels(node.putArray("bids"), spec, depth.bids());
        json.levels(node.putArray("asks"), spec, depth.asks());
        return node;
    }

    /** Parses a new order as POST /api/v3/order and order.place take it, places it, and renders the response type. */
    public ObjectNode placeOrder(final RequestParams params, final long accountId)
    {
        final InstrumentSpec spec = instruments.spec(params.symbol());
        final Side side = params.requiredEnum("side", Side.class, BinanceError.invalidSide());
        final OrderType type = params.requiredEnum("type", OrderType.class, BinanceError.invalidOrderType());
        final String clientOrderId = params.clientOrderId("newClientOrderId");
        final StpMode stp = params.optionalEnum("selfTradePreventionMode", StpMode.class, StpMode.NONE,
            BinanceError.invalidParameter("selfTradePreventionMode"));
        final String respType = params.optional("newOrderRespType");
        final boolean full;
        final boolean result;
        if (respType == null)
        {
            full = type != OrderType.LIMIT_MAKER;
            result = false;
        }
        else
        {
            switch (respType)
            {
                case "ACK" -> { full = false; result = false; }
                case "RESULT" -> { full = false; result = true; }
                case "FULL" -> { full = true; result = false; }
                default -> throw new BinanceException(BinanceError.invalidParameter("newOrderRespType"));
            }
        }

        final NewOrder order = switch (type)
        {
            case LIMIT -> new NewOrder(accountId, spec.symbol(), clientOrderId, side, type,
                params.requiredEnum("timeInForce", TimeInForce.class, BinanceError.invalidTimeInForce()),
                DecimalCodec.parse("price", params.required("price"), spec.priceScale(), "PRICE_FILTER"),
                DecimalCodec.parse("quantity", params.required("quantity"), spec.qtyScale(), "LOT_SIZE"),
                0, stp, 0);
            case LIMIT_MAKER -> {
                notAllowed(params, "timeInForce");
                yield new NewOrder(accountId, spec.symbol(), clientOrderId, side, type, TimeInForce.GTC,
                    DecimalCodec.parse("price", params.required("price"), spec.priceScale(), "PRICE_FILTER"),
                    DecimalCodec.parse("quantity", params.required("quantity"), spec.qtyScale(), "LOT_SIZE"),
                    0, stp, 0);
            }
            case MARKET -> {
                notAllowed(params, "price");
                notAllowed(params, "timeInForce");
                final String qty = params.optional("quantity");
                final String quoteQty = params.optional("quoteOrderQty");
                if ((qty == null) == (quoteQty == null))
                {
                    throw new BinanceException(qty == null ? BinanceError.eitherMissing("quantity", "quoteOrderQty") :
                        BinanceError.parameterNotRequired("quoteOrderQty"));
                }
                yield new NewOrder(accountId, spec.symbol(), clientOrderId, side, type, TimeInForce.GTC, 0,
                    qty == null ? 0 : DecimalCodec.parse("quantity", qty, spec.qtyScale(), "LOT_SIZE"),
                    quoteQty == null ? 0 : DecimalCodec.parse("quoteOrderQty", quoteQty,
                        instruments.assetScale(spec.quoteAsset()), "NOTIONAL"),
                    stp, 0);
            }
        };
        params.requireAllRead();
        final PlaceResult placed = call(e -> e.place(withTime(order, e.serverTimeMs())), EngineRejects.Action.PLACE);
        final long transactTime = placed.order().timeMs();
        if (full)
        {
            return json.orderFull(placed.order(), transactTime, placed.fills(), placed.preventedMatches());
        }
        return result ? json.orderResultWithPrevention(placed.order(), transactTime) :
            json.orderAck(placed.order(), transactTime);
    }

    public ObjectNode cancelOrder(final RequestParams params, final long accountId)
    {
        final String symbol = instruments.spec(params.symbol()).symbol();
        final long orderId = params.optionalLong("orderId", -1);
        final String origClientOrderId = params.clientOrderId("origClientOrderId");
        final String cancelId = params.clientOrderId("newClientOrderId");
        final String restriction = params.optional("cancelRestrictions");
        final OrderStatus required;
        if (restriction == null)
        {
            required = null;
        }
        else
        {
            required = switch (restriction)
            {
                case "ONLY_NEW" -> OrderStatus.NEW;
                case "ONLY_PARTIALLY_FILLED" -> OrderStatus.PARTIALLY_FILLED;
                default -> throw new BinanceException(new BinanceError(400, -1145, "Invalid cancelRestrictions"));
            };
        }
        if (orderId < 0 && origClientOrderId == null)
        {
            throw new BinanceException(BinanceError.eitherMissing("orderId", "origClientOrderId"));
        }
        params.requireAllRead();
        // The restriction check and the cancel run as one engine call, so no fill can slip in between.
        final OrderView cancelled = call(e ->
        {
            if (required != null && e.query(accountId, symbol, orderId, origClientOrderId).status() != required)
            {
                return null;
            }
            return e.cancel(accountId, symbol, orderId, origClientOrderId, cancelId);
        }, EngineRejects.Action.CANCEL);
        if (cancelled == null)
        {
            throw new BinanceException(BinanceError.cancelRejected("Order was not canceled due to cancel restrictions."));
        }
        return json.cancelResult(cancelled, cancelled.updateTimeMs());
    }

    public ArrayNode cancelAll(final RequestParams params, final long accountId)
    {
        final String symbol = instruments.spec(params.symbol()).symbol();
        params.requireAllRead();
        final List<OrderView> cancelled = call(e -> e.cancelAll(accountId, symbol), EngineRejects.Action.CANCEL);
        final ArrayNode array = BinanceJson.MAPPER.createArrayNode();
        for (final OrderView order : cancelled)
        {
            array.add(json.cancelResult(order, order.updateTimeMs()));
        }
        return array;
    }

    public ObjectNode queryOrder(final RequestParams params, final long accountId)
    {
        final String symbol = instruments.spec(params.symbol()).symbol();
        final long orderId = params.optionalLong("orderId", -1);
        final String origClientOrderId = params.clientOrderId("origClientOrderId");
        if (orderId < 0 && origClientOrderId == null)
        {
            throw new BinanceException(BinanceError.eitherMissing("orderId", "origClientOrderId"));
        }
        params.requireAllRead();
        return json.queryResult(call(e -> e.query(accountId, symbol, orderId, origClientOrderId),
            EngineRejects.Action.QUERY));
    }

    public ArrayNode openOrders(final RequestParams params, final long accountId)
    {
        final String symbolParam = params.optional("symbol");
        final String symbol = symbolParam == null ? null : instruments.spec(params.symbol()).symbol();
        params.requireAllRead();
        final ArrayNode array = BinanceJson.MAPPER.createArrayNode();
        for (final OrderView order : call(e -> e.openOrders(accountId, symbol), EngineRejects.Action.QUERY))
        {
            array.add(json.queryResult(order));
        }
        return array;
    }

    public ArrayNode myTrades(final RequestParams params, final long accountId)
    {
        final String symbol = instruments.spec(params.symbol()).symbol();
        final MyTradesQuery query = MyTradesQuery.parse(params);
        params.requireAllRead();
        final ArrayNode array = BinanceJson.MAPPER.createArrayNode();
        final List<TradeView> all = call(e -> e.myTrades(accountId, symbol, 0, Integer.MAX_VALUE),
            EngineRejects.Action.QUERY);
        for (final TradeView trade : query.select(all))
        {
            array.add(json.trade(trade));
        }
        return array;
    }

    public ObjectNode account(final RequestParams params, final long accountId)
    {
        final boolean omitZero = "true".equals(params.optional("omitZeroBalances"));
        params.requireAllRead();
        final FeeSchedule fee = fees.getOrDefault(accountId, new FeeSchedule(0, 0));
        final ObjectNode node = BinanceJson.MAPPER.createObjectNode();
        node.put("makerCommission", fee.makerRatePpm() / 100);
        node.put("takerCommission", fee.takerRatePpm() / 100);
        node.put("buyerCommission", 0);
        node.put("sellerCommission", 0);
        final ObjectNode rates = node.putObject("commissionRates");
        rates.put("maker", DecimalCodec.formatPpm(fee.makerRatePpm()));
        rates.put("taker", DecimalCodec.formatPpm(fee.takerRatePpm()));
        rates.put("buyer", DecimalCodec.formatPpm(0));
        rates.put("seller", DecimalCodec.formatPpm(0));
        node.put("canTrade", true);
        node.put("canWithdraw", false);
        node.put("canDeposit", false);
        node.put("brokered", false);
        node.put("requireSelfTradePrevention", false);
        node.put("preventSor", false);
        final BalanceSnapshot snapshot = call(e ->
        {
            final List<BalanceView> balances = e.balances(accountId);
            return new BalanceSnapshot(balances, scales(e, balances), e.serverTimeMs());
        }, EngineRejects.Action.QUERY);
        node.put("updateTime", snapshot.timeMs());
        node.put("accountType", "SPOT");
        final ArrayNode balances = node.putArray("balances");
        final List<BalanceView> views = snapshot.balances();
        final int[] scales = snapshot.scales();
        for (int i = 0; i < views.size(); i++)
        {
            final BalanceView balance = views.get(i);
            if (omitZero && balance.free() == 0 && balance.locked() == 0)
            {
                continue;
            }
            final ObjectNode b = balances.addObject();
            b.put("asset", balance.asset());
            b.put("free", DecimalCodec.format(balance.free(), scales[i]));
            b.put("locked", DecimalCodec.format(balance.locked(), scales[i]));
        }
        node.putArray("permissions").add("SPOT");
        node.put("uid", accountId);
        return node;
    }

    private record BalanceSnapshot(List<BalanceView> balances, int[] scales, long timeMs)
    {
    }

    private static int[] scales(final MatchingEngine engine, final List<BalanceView> balances)
    {
        final int[] scales = new int[balances.size()];
        for (int i = 0; i < scales.length; i++)
        {
            scales[i] = engine.asset(balances.get(i).asset()).scale();
        }
        return scales;
    }

    private static NewOrder withTime(final NewOrder o, final long nowMs)
    {
        return new NewOrder(o.accountId(), o.symbol(), o.clientOrderId(), o.side(), o.type(), o.tif(), o.price(),
            o.qty(), o.quoteOrderQty(), o.stpMode(), nowMs);
    }

    private static void notAllowed(final RequestParams params, final String name)
    {
        if (params.optional(name) != null)
        {
            throw new BinanceException(BinanceError.parameterNotRequired(name));
        }
    }

    /** Runs {@code call} on the engine thread and waits; engine rejects become the Binance error for {@code action}. */
    private <T> T call(final Function<MatchingEngine, T> call, final EngineRejects.Action action)
    {
        try
        {
            return engine.submit(call).get(ENGINE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        }
        catch (final ExecutionException ex)
        {
            if (ex.getCause() instanceof EngineReject reject)
            {
                throw new BinanceException(EngineRejects.toBinance(reject, action));
            }
            throw new IllegalStateException("engine call failed", ex.getCause());
        }
        catch (final TimeoutException ex)
        {
            throw new BinanceException(new BinanceError(503, -1007,
                "Timeout waiting for response from backend server. Send status unknown; execution status unknown."));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for the engine", ex);
        }
    }
}
