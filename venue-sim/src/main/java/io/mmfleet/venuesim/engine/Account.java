package io.mmfleet.venuesim.engine;

import java.util.HashMap;
import java.util.Map;

/** A trading account: its fee schedule, balances per asset and orders per symbol. */
final class Account
{
    final long id;
    final FeeSchedule fees;
    private final Map<String, Balance> balances = new HashMap<>();
    private final Map<String, AccountSymbolOrders> ordersBySymbol = new HashMap<>();

    Account(final long id, final FeeSchedule fees)
    {
        this.id = id;
        this.fees = fees;
    }

    Balance balance(final String asset)
    {
        Balance balance = balances.get(asset);
        if (balance == null)
        {
            balance = new Balance(id, asset);
            balances.put(asset, balance);
        }
        return balance;
    }

    Balance balanceOrNull(final String asset)
    {
        return balances.get(asset);
    }

    AccountSymbolOrders orders(final String symbol)
    {
        AccountSymbolOrders orders = ordersBySymbol.get(symbol);
        if (orders == null)
        {
            orders = new AccountSymbolOrders();
            ordersBySymbol.put(symbol, orders);
        }
        return orders;
    }

    AccountSymbolOrders ordersOrNull(final String symbol)
    {
        return ordersBySymbol.get(symbol);
    }
}
