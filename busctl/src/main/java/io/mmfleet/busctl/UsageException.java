package io.mmfleet.busctl;

/** Bad arguments or input the user must fix: busctl exits 2 with the message. */
public final class UsageException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public UsageException(final String message)
    {
        super(message);
    }
}
