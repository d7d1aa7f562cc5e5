package io.mmfleet.venuesim.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

import org.agrona.collections.Long2ObjectHashMap;

import static io.mmfleet.venuesim.engine.EngineReject.Reason;

/**
 * A price-time priority matching engine over fixed-point prices, quantities and balances. Every validation happens
 * before the book or a balance is touched, so an {@link EngineReject} always leaves the engine unchanged.
 * NOT thread-safe: one engine thread owns it (see {@link EngineExecutor}).
 */
public final class MatchingEngine
{
    private static final String GENERATED_CLIENT_ORDER_ID_PREFIX = "venuesim-";
    private static final String GENERATED_CANCEL_ID_PREFIX = "venuesim-cancel-";

    private final LongSupplier clockMs;
    private final EngineListener listener;
    private final Map<String, Asset> assets = new LinkedHashMap<>();
    private final Map<String, OrderBook> books = new LinkedHashMap<>();
    private final Long2ObjectHashMap<Account> accounts = new Long2ObjectHashMap<>();

    /** Balances changed by the operation in progress, in order of first change. */
    private final ArrayList<Balance> touchedBalances = new ArrayList<>();
    private long operation;
    private long nextCancelRequestId = 1;
    private long nowMs;

    /** Results of the last {@link #probe}: what an incoming order would execute against the book right now. */
    private long probedQty;
    private long probedQuote;
    private boolean probeStoppedBySize;

    public MatchingEngine(final LongSupplier clockMs, final EngineListener listener)
    {
        this.clockMs = Objects.requireNonNull(clockMs, "clockMs");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    public void addAsset(final Asset asset)
    {
        Objects.requireNonNull(asset, "asset");
        if (assets.containsKey(asset.code()))
        {
            throw new IllegalArgumentException("asset " + asset.code() + " already added");
        }
        assets.put(asset.code(), asset);
    }

    /** Adds a symbol; its assets must be added first, with scales that make every notional exact. */
    public void addInstrument(final InstrumentSpec spec)
    {
        Objects.requireNonNull(spec, "spec");
        final String symbol = Objects.requireNonNull(spec.symbol(), "symbol");
        if (books.containsKey(symbol))
        {
            throw new IllegalArgumentException("instrument " + symbol + " already added");
        }
        final Asset base = assets.get(spec.baseAsset());
        final Asset quote = assets.get(spec.quoteAsset());
        if (base == null || quote == null)
        {
            throw new IllegalArgumentException(symbol + ": add assets " + spec.baseAsset() + " and " +
                spec.quoteAsset() + " before the instrument");
        }
        InstrumentRules.validate(spec, base, quote);
        books.put(symbol, new OrderBook(spec, base, quote));
    }

    public void addAccount(final long accountId, final FeeSchedule fees)
    {
        Objects.requireNonNull(fees, "fees");
        if (accounts.containsKey(accountId))
        {
            throw new IllegalArgumentException("account " + accountId + " already added");
        }
        accounts.put(accountId, new Account(accountId, fees));
    }

    public boolean hasAccount(final long accountId)
    {
        return accounts.containsKey(accountId);
    }

    /** Credits {@code amount} (at the asset's scale, positive) to the account's free balance. */
    public void deposit(final long accountId, final String asset, final long amount)
    {
        final Account account = account(accountId);
        if (!assets.containsKey(asset))
        {
            throw new IllegalArgumentException("unknown asset " + asset);
        }
        if (amount <= 0)
        {
            throw new IllegalArgumentException("deposit amount must be positive, got " + amount);
        }
        final Balance balance = account.balance(asset);
        final long newFree = Math.addExact(balance.free, amount);
        beginOperation();
        balance.free = newFree;
        touch(balance);
        endOperation(null);
    }

    public PlaceResult place(final NewOrder request)
    {
        Objects.requireNonNull(request, "request");
        final OrderBook book = book(request.symbol());
        final Account account = account(request.accountId());
        InstrumentRules.checkShape(request);
        InstrumentRules.checkFilters(book, request);

        final AccountSymbolOrders mine = account.orders(book.spec.symbol());
        final String clientOrderId = request.clientOrderId() != null ?
            request.clientOrderId() : GENERATED_CLIENT_ORDER_ID_PREFIX + book.spec.symbol() + "-" + book.nextOrderId;
        if (mine.openByClientOrderId.containsKey(clientOrderId))
        {
            throw new EngineReject(Reason.DUPLICATE_CLIENT_ORDER_ID,
                "clientOrderId " + clientOrderId + " is already used by an open order");
        }

        final boolean expiresOnArrival = checkAgainstBook(book, account, request);
        final long lockAmount = lockAmount(book, request);
        final Balance lockBalance = account.balance(
            request.side() == Side.BUY ? book.quote.code() : book.base.code());
        if (lockBalance.free < lockAmount)
        {
            throw new EngineReject(Reason.INSUFFICIENT_BALANCE, "account " + account.id + " has " +
                lockBalance.free + " " + lockBalance.asset + " free, the order needs " + lockAmount);
        }

        beginOperation();
        final Order order = new Order(book, account, book.nextOrderId++, clientOrderId, request, nowMs);
        lockBalance.free -= lockAmount;
        lockBalance.locked += lockAmount;
        order.locked = lockAmount;
        touch(lockBalance);
        listener.onOrderUpdate(account.id, order.view(), "NEW", null, nowMs);

        final ArrayList<Fill> fills = new ArrayList<>();
        final ArrayList<PreventedMatch> prevented = new ArrayList<>();
        if (expiresOnArrival)
        {
            order.status = OrderStatus.EXPIRED;
            close(mine, order, "EXPIRED");
        }
        else
        {
            match(book, order, fills, prevented);
            finish(book, mine, order);
        }
        endOperation(book);
        return new PlaceResult(order.view(), fills, prevented);
    }

    public OrderView cancel(
        final long accountId, final String symbol, final long orderId, final String origClientOrderId)
    {
        return cancel(accountId, symbol, orderId, origClientOrderId, null);
    }

    /**
     * Cancels as {@link #cancel(long, String, long, String)}, naming the cancel request {@code cancelClientOrderId}
     * (Binance's {@code newClientOrderId} of a cancel; null has one generated), which the CANCELED update carries.
     */
    public OrderView cancel(
        final long accountId, final String symbol, final long orderId, final String origClientOrderId,
        final String cancelClientOrderId)
    {
        final OrderBook book = book(symbol);
        final Account account = account(accountId);
        if (orderId < 0 && origClientOrderId == null)
        {
            throw new IllegalArgumentException("cancel needs an orderId or an origClientOrderId");
        }
        final Order order = findOpen(book, account, orderId, origClientOrderId);
        if (order == null)
        {
            throw new EngineReject(Reason.UNKNOWN_ORDER, "no open order " +
                (orderId >= 0 ? "id " + orderId : "clientOrderId " + origClientOrderId) + " on " + symbol);
        }
        beginOperation();
        cancelResting(book, order, cancelClientOrderId);
        endOperation(book);
        return order.view();
    }

    public List<OrderView> cancelAll(final long accountId, final String symbol)
    {
        final OrderBook book = book(symbol);
        final Account account = account(accountId);
        final AccountSymbolOrders mine = account.ordersOrNull(symbol);
        if (mine == null || mine.openByClientOrderId.isEmpty())
        {
            throw new EngineReject(Reason.UNKNOWN_ORDER, "account " + accountId + " has no open order on " + symbol);
        }
        final ArrayList<Order> open = new ArrayList<>(mine.openByClientOrderId.values());
        final ArrayList<OrderView> cancelled = new ArrayList<>(open.size());
        beginOperation();
        for (final Order order : open)
        {
            cancelResting(book, order, null);
            cancelled.add(order.view());
        }
        endOperation(book);
        return cancelled;
    }

    public OrderView query(
        final long accountId, final String symbol, final long orderId, final String origClientOrderId)
    {
        final OrderBook book = book(symbol);
        final Account account = account(accountId);
        if (orderId < 0 && origClientOrderId == null)
        {
            throw new IllegalArgumentException("query needs an orderId or an origClientOrderId");
        }
        Order order = findOpen(book, account, orderId, origClientOrderId);
        if (order == null)
        {
            final AccountSymbolOrders mine = account.ordersOrNull(symbol);
            order = mine == null ? null : mine.findClosed(orderId, origClientOrderId);
            if (order != null && orderId >= 0 && origClientOrderId != null &&
                !order.clientOrderId.equals(origClientOrderId))
            {
                order = null;
            }
        }
        if (order == null)
        {
            throw new EngineReject(Reason.UNKNOWN_ORDER, "order " +
                (orderId >= 0 ? "id " + orderId : "clientOrderId " + origClientOrderId) + " not found on " + symbol);
        }
        return order.view();
    }

    /** Open orders of the account, by symbol (in instrument order) then by order id. */
    public List<OrderView> openOrders(final long accountId, final String symbol)
    {
        final Account account = account(accountId);
        final ArrayList<OrderView> result = new ArrayList<>();
        if (symbol != null)
        {
            addOpenViews(account, book(symbol), result);
        }
        else
        {
            for (final OrderBook book : books.values())
            {
                addOpenViews(account, book, result);
            }
        }
        return result;
    }

    /** The account's trades on {@code symbol}, oldest first: from {@code fromId} on, or the latest with -1. */
    public List<TradeView> myTrades(final long accountId, final String symbol, final long fromId, final int limit)
    {
        final Account account = account(accountId);
        book(symbol);
        if (limit <= 0)
        {
            throw new IllegalArgumentException("limit must be positive, got " + limit);
        }
        final AccountSymbolOrders mine = account.ordersOrNull(symbol);
        return mine == null ? Collections.emptyList() : mine.trades(fromId, limit);
    }

    /** Every added asset, in the order added, with zero for assets the account never held. */
    public List<BalanceView> balances(final long accountId)
    {
        final Account account = account(accountId);
        final ArrayList<BalanceView> result = new ArrayList<>(assets.size());
        for (final String asset : assets.keySet())
        {
            final Balance balance = account.balanceOrNull(asset);
            result.add(balance == null ? new BalanceView(asset, 0, 0) : balance.view());
        }
        return result;
    }

    public DepthView depth(final String symbol, final int limit)
    {
        final OrderBook book = book(symbol);
        if (limit <= 0)
        {
            throw new IllegalArgumentException("limit must be positive, got " + limit);
        }
        return new DepthView(book.lastUpdateId, book.top(Side.BUY, limit), book.top(Side.SELL, limit));
    }

    public InstrumentSpec instrument(final String symbol)
    {
        return book(symbol).spec;
    }

    public Collection<InstrumentSpec> instruments()
    {
        final ArrayList<InstrumentSpec> result = new ArrayList<>(books.size());
        for (final OrderBook book : books.values())
        {
            result.add(book.spec);
        }
        return Collections.unmodifiableList(result);
    }

    public Asset asset(final String code)
    {
        final Asset asset = assets.get(code);
        if (asset == null)
        {
            throw new IllegalArgumentException("unknown asset " + code);
        }
        return asset;
    }

    public long serverTimeMs()
    {
        return clockMs.getAsLong();
    }

    private OrderBook book(final String symbol)
    {
        final OrderBook book = symbol == null ? null : books.get(symbol);
        if (book == null)
        {
            throw new EngineReject(Reason.UNKNOWN_SYMBOL, "unknown symbol " + symbol);
        }
        return book;
    }

    private Account account(final long accountId)
    {
        final Account account = accounts.get(accountId);
        if (account == null)
        {
            throw new EngineReject(Reason.UNKNOWN_ACCOUNT, "unknown account " + accountId);
        }
        return account;
    }

    /**
     * Rejects what the current book makes impossible (a crossing post-only, a quote-sized market order facing an empty
     * book) and tells whether the order is to be accepted and expired at once without matching: a FOK the book cannot
     * fill entirely. Binance accepts such an order and reports it EXPIRED; likewise a MARKET or IOC order that finds
     * nothing to execute is accepted and expires when matching stops.
     */
    private boolean checkAgainstBook(final OrderBook book, final Account account, final NewOrder request)
    {
        final Side side = request.side();
        if (request.type() == OrderType.LIMIT_MAKER)
        {
            final PriceLevel best = book.best(side.opposite());
            if (best != null && crosses(side, request.price(), best.price))
            {
                throw new EngineReject(Reason.POST_ONLY_WOULD_MATCH, "LIMIT_MAKER at " + request.price() +
                    " would match the resting " + side.opposite() + " at " + best.price);
            }
        }
        else if (request.type() == OrderType.MARKET)
        {
            final boolean byQuote = request.quoteOrderQty() != 0;
            if (byQuote && book.best(side.opposite()) == null)
            {
                throw new EngineReject(Reason.MARKET_NO_LIQUIDITY, "no order on the book for a quote-sized MARKET");
            }
            probe(book, account, request);
            if (probedQty == 0 && probeStoppedBySize)
            {
                throw new EngineReject(Reason.LOT_SIZE,
                    "quoteOrderQty " + request.quoteOrderQty() + " buys less than one step");
            }
            if (!byQuote && probedQty != 0)
            {
                InstrumentRules.checkNotional(book.spec, probedQuote);
            }
        }
        else if (request.tif() == TimeInForce.FOK)
        {
            probe(book, account, request);
            return probedQty < request.qty();
        }
        return false;
    }

    private long lockAmount(final OrderBook book, final NewOrder request)
    {
        try
        {
            if (request.side() == Side.BUY)
            {
                if (request.type() != OrderType.MARKET)
                {
                    return book.notional(request.price(), request.qty());
                }
                return request.quoteOrderQty() != 0 ? request.quoteOrderQty() : probedQuote;
            }
            if (request.type() == OrderType.MARKET && request.quoteOrderQty() != 0)
            {
                return book.baseAmount(probedQty);
            }
            return book.baseAmount(request.qty());
        }
        catch (final ArithmeticException ex)
        {
            throw new EngineReject(Reason.NOTIONAL, "order amount overflows");
        }
    }

    /**
     * Walks the book as the incoming order would, without changing it, honouring the taker's self-trade
     * prevention, and leaves what it would execute in {@link #probedQty}/{@link #probedQuote}.
     */
    private void probe(final OrderBook book, final Account account, final NewOrder request)
    {
        final boolean byQuote = request.quoteOrderQty() != 0;
        final boolean market = request.type() == OrderType.MARKET;
        final StpMode stp = request.stpMode();
        long qty = 0;
        long quote = 0;
        boolean stoppedBySize = false;
        try
        {
            walk:
            for (final PriceLevel level : book.levels(request.side().opposite()).values())
            {
                if (!market && !crosses(request.side(), request.price(), level.price))
                {
                    break;
                }
                for (Order maker = level.head; maker != null; maker = maker.next)
                {
                    if (maker.account == account && stp != StpMode.NONE)
                    {
                        if (stp == StpMode.EXPIRE_MAKER)
                        {
                            continue;
                        }
                        break walk;
                    }
                    final long fillQty = byQuote ?
                        Math.min(maker.remainingQty(), book.affordableQty(request.quoteOrderQty() - quote, level.price)) :
                        Math.min(request.qty() - qty, maker.remainingQty());
                    if (fillQty == 0)
                    {
                        stoppedBySize = true;
                        break walk;
                    }
                    qty += fillQty;
                    quote = Math.addExact(quote, book.notional(level.price, fillQty));
                }
            }
        }
        catch (final ArithmeticException ex)
        {
            throw new EngineReject(Reason.NOTIONAL, "executed notional overflows");
        }
        probedQty = qty;
        probedQuote = quote;
        probeStoppedBySize = stoppedBySize;
    }

    private static boolean crosses(final Side takerSide, final long limitPrice, final long restingPrice)
    {
        return takerSide == Side.BUY ? restingPrice <= limitPrice : restingPrice >= limitPrice;
    }

    private void match(final OrderBook book, final Order taker, final List<Fill> fills,
        final List<PreventedMatch> prevented)
    {
        final boolean byQuote = taker.sizedInQuote();
        final boolean market = taker.type == OrderType.MARKET;
        final Side restingSide = taker.side.opposite();
        while (byQuote || taker.remainingQty() > 0)
        {
            final PriceLevel level = book.best(restingSide);
            if (level == null || (!market && !crosses(taker.side, taker.price, level.price)))
            {
                return;
            }
            final Order maker = level.head;
            if (maker.account == taker.account && taker.stpMode != StpMode.NONE)
            {
                final long preventedMatchId = book.nextPreventedMatchId++;
                final boolean expireMaker = taker.stpMode != StpMode.EXPIRE_TAKER;
                final boolean expireTaker = taker.stpMode != StpMode.EXPIRE_MAKER;
                final long makerPrevented = expireMaker ? maker.remainingQty() : 0;
                final long takerPrevented = expireTaker ? taker.remainingQty() : 0;
                prevented.add(new PreventedMatch(preventedMatchId, maker.orderId, level.price, takerPrevented,
                    makerPrevented));
                if (expireMaker)
                {
                    markPrevented(maker, preventedMatchId, makerPrevented, taker.orderId);
                    expireInMatch(book, maker);
                }
                if (expireTaker)
                {
                    markPrevented(taker, preventedMatchId, takerPrevented, maker.orderId);
                    taker.status = OrderStatus.EXPIRED_IN_MATCH;
                    return;
                }
                continue;
            }
            final long qty = byQuote ?
                Math.min(maker.remainingQty(), book.affordableQty(taker.quoteOrderQty - taker.cumQuoteQty, level.price)) :
                Math.min(taker.remainingQty(), maker.remainingQty());
            if (qty == 0)
            {
                return;
            }
            trade(book, taker, maker, level.price, qty, fills);
        }
    }

    private void trade(
        final OrderBook book, final Order taker, final Order maker, final long price, final long qty,
        final List<Fill> fills)
    {
        final long quoteQty = book.notional(price, qty);
        final long baseQty = book.baseAmount(qty);
        final long tradeId = book.nextTradeId++;

        final Fill takerFill = settle(book, taker, tradeId, price, qty, quoteQty, baseQty, false);
        final Fill makerFill = settle(book, maker, tradeId, price, qty, quoteQty, baseQty, true);
        book.reduceResting(maker, qty);
        final AccountSymbolOrders makerOrders = maker.account.orders(book.spec.symbol());
        if (maker.remainingQty() == 0)
        {
            book.remove(maker);
            makerOrders.openByClientOrderId.remove(maker.clientOrderId);
            makerOrders.retainClosed(maker);
        }
        fills.add(takerFill);

        final boolean buyerIsMaker = maker.side == Side.BUY;
        listener.onPublicTrade(book.spec.symbol(), tradeId, price, qty, buyerIsMaker, nowMs,
            buyerIsMaker ? maker.orderId : taker.orderId, buyerIsMaker ? taker.orderId : maker.orderId);
        listener.onOrderUpdate(maker.account.id, maker.view(), "TRADE", makerFill, nowMs);
        listener.onOrderUpdate(taker.account.id, taker.view(), "TRADE", takerFill, nowMs);
    }

    /** Moves one side of a trade through the account's balances and the order's state. */
    private Fill settle(
        final OrderBook book, final Order order, final long tradeId, final long price, final long qty,
        final long quoteQty, final long baseQty, final boolean maker)
    {
        final Account account = order.account;
        final long ratePpm = maker ? account.fees.makerRatePpm() : account.fees.takerRatePpm();
        final Balance base = account.balance(book.base.code());
        final Balance quote = account.balance(book.quote.code());
        final long commission;
        final String commissionAsset;
        if (order.side == Side.BUY)
        {
            // A limit BUY locked at its own price; filling at a better one hands the difference back.
            final long consumed = order.type == OrderType.MARKET ? quoteQty : book.notional(order.price, qty);
            quote.locked -= consumed;
            order.locked -= consumed;
            quote.free = Math.addExact(quote.free, consumed - quoteQty);
            commission = FixedPoint.commission(baseQty, ratePpm);
            commissionAsset = book.base.code();
            base.free = Math.addExact(base.free, baseQty - commission);
        }
        else
        {
            base.locked -= baseQty;
            order.locked -= baseQty;
            commission = FixedPoint.commission(quoteQty, ratePpm);
            commissionAsset = book.quote.code();
            quote.free = Math.addExact(quote.free, quoteQty - commission);
        }
        touch(base);
        touch(quote);

        order.executedQty += qty;
        order.cumQuoteQty += quoteQty;
        order.updateTimeMs = nowMs;
        order.status = !order.sizedInQuote() && order.remainingQty() == 0 ?
            OrderStatus.FILLED : OrderStatus.PARTIALLY_FILLED;

        account.orders(book.spec.symbol()).retainTrade(new TradeView(book.spec.symbol(), tradeId, order.orderId,
            account.id, order.side, price, qty, quoteQty, commission, commissionAsset, maker, nowMs));
        return new Fill(tradeId, price, qty, quoteQty, commission, commissionAsset, maker);
    }

    /** Decides what becomes of the incoming order once matching stops. */
    private void finish(final OrderBook book, final AccountSymbolOrders mine, final Order taker)
    {
        if (taker.status == OrderStatus.EXPIRED_IN_MATCH)
        {
            close(mine, taker, "TRADE_PREVENTION");
        }
        else if (taker.sizedInQuote())
        {
            // A market order never stops at a price, so stopping while a level remains means the rest of the quote
            // buys less than one step: the order is done. Only an emptied book leaves usable quote unspent.
            final boolean spent = taker.cumQuoteQty == taker.quoteOrderQty || book.best(taker.side.opposite()) != null;
            taker.status = spent ? OrderStatus.FILLED : OrderStatus.EXPIRED;
            close(mine, taker, spent ? null : "EXPIRED");
        }
        else if (taker.remainingQty() == 0)
        {
            close(mine, taker, null);
        }
        else if (taker.type == OrderType.LIMIT_MAKER || (taker.type == OrderType.LIMIT && taker.tif == TimeInForce.GTC))
        {
            book.rest(taker);
            mine.openByClientOrderId.put(taker.clientOrderId, taker);
        }
        else
        {
            taker.status = OrderStatus.EXPIRED;
            close(mine, taker, "EXPIRED");
        }
    }

    /** Retires an order that never rested (or has left the book), releasing whatever it still locks. */
    private void close(final AccountSymbolOrders mine, final Order order, final String executionType)
    {
        release(order);
        order.updateTimeMs = nowMs;
        mine.retainClosed(order);
        if (executionType != null)
        {
            listener.onOrderUpdate(order.account.id, order.view(), executionType, null, nowMs);
        }
    }

    private static void markPrevented(
        final Order order, final long preventedMatchId, final long preventedQty, final long counterOrderId)
    {
        order.preventedMatchId = preventedMatchId;
        order.preventedQty += preventedQty;
        order.counterOrderId = counterOrderId;
    }

    private void expireInMatch(final OrderBook book, final Order maker)
    {
        book.remove(maker);
        maker.status = OrderStatus.EXPIRED_IN_MATCH;
        final AccountSymbolOrders makerOrders = maker.account.orders(book.spec.symbol());
        makerOrders.openByClientOrderId.remove(maker.clientOrderId);
        close(makerOrders, maker, "TRADE_PREVENTION");
    }

    private void cancelResting(final OrderBook book, final Order order, final String cancelClientOrderId)
    {
        order.cancelClientOrderId = cancelClientOrderId != null ?
            cancelClientOrderId : GENERATED_CANCEL_ID_PREFIX + nextCancelRequestId++;
        book.remove(order);
        order.status = OrderStatus.CANCELED;
        final AccountSymbolOrders mine = order.account.orders(book.spec.symbol());
        mine.openByClientOrderId.remove(order.clientOrderId);
        close(mine, order, "CANCELED");
    }

    private void release(final Order order)
    {
        if (order.locked == 0)
        {
            return;
        }
        final OrderBook book = order.book;
        final Balance balance = order.account.balance(
            order.side == Side.BUY ? book.quote.code() : book.base.code());
        balance.locked -= order.locked;
        balance.free += order.locked;
        order.locked = 0;
        touch(balance);
    }

    private Order findOpen(
        final OrderBook book, final Account account, final long orderId, final String clientOrderId)
    {
        final Order order;
        if (orderId >= 0)
        {
            final Order byId = book.openById.get(orderId);
            order = byId != null && byId.account == account &&
                (clientOrderId == null || byId.clientOrderId.equals(clientOrderId)) ? byId : null;
        }
        else
        {
            final AccountSymbolOrders mine = account.ordersOrNull(book.spec.symbol());
            order = mine == null ? null : mine.openByClientOrderId.get(clientOrderId);
        }
        return order;
    }

    private static void addOpenViews(final Account account, final OrderBook book, final List<OrderView> result)
    {
        final AccountSymbolOrders mine = account.ordersOrNull(book.spec.symbol());
        if (mine != null)
        {
            for (final Order order : mine.openByClientOrderId.values())
            {
                result.add(order.view());
            }
        }
    }

    private void beginOperation()
    {
        operation++;
        nowMs = clockMs.getAsLong();
        touchedBalances.clear();
    }

    private void touch(final Balance balance)
    {
        if (balance.touchedInOperation != operation)
        {
            balance.touchedInOperation = operation;
            touchedBalances.add(balance);
        }
    }

    /** Reports the operation's book change as one depth event and its balance changes once per account. */
    private void endOperation(final OrderBook book)
    {
        if (book != null && book.hasChanges())
        {
            final long updateId = ++book.lastUpdateId;
            listener.onDepthChange(book.spec.symbol(), updateId, updateId, nowMs,
                book.drainChanges(Side.BUY), book.drainChanges(Side.SELL));
        }
        final int count = touchedBalances.size();
        for (int i = 0; i < count; i++)
        {
            final long accountId = touchedBalances.get(i).accountId;
            if (reportedEarlier(accountId, i))
            {
                continue;
            }
            final ArrayList<BalanceView> changed = new ArrayList<>(2);
            for (int j = i; j < count; j++)
            {
                final Balance balance = touchedBalances.get(j);
                if (balance.accountId == accountId)
                {
                    changed.add(balance.view());
                }
            }
            listener.onBalanceUpdate(accountId, changed, nowMs);
        }
        touchedBalances.clear();
    }

    private boolean reportedEarlier(final long accountId, final int index)
    {
        for (int i = 0; i < index; i++)
        {
            if (touchedBalances.get(i).accountId == accountId)
            {
                return true;
            }
        }
        return false;
    }
}
