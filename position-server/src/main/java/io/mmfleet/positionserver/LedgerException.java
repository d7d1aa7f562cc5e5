package io.mmfleet.positionserver;

/** The fills ledger could not be opened, read or written; the message names the database and the operation. */
public final class LedgerException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public LedgerException(final String message, final Throwable cause)
    {
        super(message, cause);
    }

    public LedgerException(final String message)
    {
        super(message);
    }
}
