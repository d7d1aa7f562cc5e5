package io.mmfleet.exechandler.order;

/** The exec journal could not be read or written: the tracker cannot promise idempotency without it. */
public final class JournalException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public JournalException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
