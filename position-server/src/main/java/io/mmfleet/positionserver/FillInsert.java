package io.mmfleet.positionserver;

/** What {@link FillLedger#insert} did with a fill. */
public enum FillInsert
{
    /** The fill was not in the ledger and now is: apply it to the book. */
    NEW,
    /** The same fill with the same content is already in the ledger (a replay or a resend): nothing changed. */
    DUPLICATE,
    /**
     * A fill with the same identity but other content is already in the ledger. The ledger keeps
     * the first one and is not changed; the caller reports the difference.
     */
    CONFLICT;

    public boolean isNew()
    {
        return this == NEW;
    }
}
