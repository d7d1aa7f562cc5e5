package io.mmfleet.busctl;

/** A command that ran but did not achieve its end (no subscriber, no ack): busctl exits 1 with the message. */
public final class CommandFailure extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public CommandFailure(final String message)
    {
        super(message);
    }
}
