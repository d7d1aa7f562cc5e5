package io.mmfleet.venuesim.binance;

/** Carries a {@link BinanceError} from wherever a request is refused to the transport that answers it. */
public final class BinanceException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final transient BinanceError error;

    public BinanceException(final BinanceError error)
    {
        super(error.code() + " " + error.msg(), null, false, false);
        this.error = error;
    }

    public BinanceError error()
    {
        return error;
    }
}
