package io.mmfleet.venuesim.engine;

/** One account's holding of one asset; mutated only by the engine thread. */
final class Balance
{
    final long accountId;
    final String asset;
    long free;
    long locked;
    /** Engine operation that last changed this balance, so each change is reported once per operation. */
    long touchedInOperation = -1;

    Balance(final long accountId, final String asset)
    {
        this.accountId = accountId;
        this.asset = asset;
    }

    BalanceView view()
    {
        return new BalanceView(asset, free, locked);
    }
}
