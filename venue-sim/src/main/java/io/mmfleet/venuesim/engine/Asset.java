package io.mmfleet.venuesim.engine;

import java.util.Objects;

/** An asset whose balances are held as long mantissas with {@code scale} decimal places. */
public record Asset(String code, int scale)
{
    public Asset
    {
        Objects.requireNonNull(code, "code");
        if (code.isEmpty())
        {
            throw new IllegalArgumentException("asset code is empty");
        }
        if (scale < 0 || scale > 18)
        {
            throw new IllegalArgumentException("asset " + code + ": scale " + scale + " outside 0..18");
        }
    }
}
