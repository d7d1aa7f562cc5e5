package io.mmfleet.exechandler.binance;

import io.mmfleet.exechandler.venue.VenueSymbol;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The docs' samples under src/test/resources/binance (see the README there) and their symbols. */
final class Fixtures
{
    /** The docs' BTCUSDT samples: prices like 23416.10, quantities like 0.00847. */
    static final VenueSymbol BTCUSDT = new VenueSymbol("BTCUSDT", "BTC-USDT", 1, 2, 5);
    /** The docs' executionReport sample: price 0.10264410, quantity 1.00000000. */
    static final VenueSymbol ETHBTC_8 = new VenueSymbol("ETHBTC", "ETH-BTC", 2, 8, 8);
    /** The docs' query-order sample: price 0.1, quantity 1.0. */
    static final VenueSymbol LTCBTC = new VenueSymbol("LTCBTC", "LTC-BTC", 3, 6, 3);
    /** The docs' trade-list sample: price 4.00000100, quantity 12. */
    static final VenueSymbol BNBBTC = new VenueSymbol("BNBBTC", "BNB-BTC", 4, 6, 2);

    /** The docs' HMAC example keys ("SIGNED Endpoint Examples"); published, not secret. */
    static final String DOC_API_KEY = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A";
    static final String DOC_SECRET = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";

    private Fixtures()
    {
    }

    static BinanceSigner docSigner()
    {
        return new BinanceSigner(DOC_SECRET.getBytes(StandardCharsets.US_ASCII));
    }

    static String read(final String name)
    {
        try (InputStream in = Fixtures.class.getResourceAsStream("/binance/" + name))
        {
            if (in == null)
            {
                throw new IllegalStateException("no fixture /binance/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
