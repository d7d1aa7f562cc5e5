package io.mmfleet.busctl;

/** A message that cannot be decoded, with a reason fit for the ERROR line. */
final class DecodeFailure extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    DecodeFailure(final String reason)
    {
        super(reason, null, false, false);
    }
}
