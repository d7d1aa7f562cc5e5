package io.mmfleet.bus.runtime;

/** Thrown from a duty cycle when the daemon cannot go on; it exits non-zero and systemd restarts it. */
public final class DaemonFatalException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public DaemonFatalException(final String message)
    {
        super(message);
    }

    public DaemonFatalException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
