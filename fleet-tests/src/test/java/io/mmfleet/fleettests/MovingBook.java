package io.mmfleet.fleettests;

import com.fasterxml.jackson.databind.JsonNode;
import io.mmfleet.venuesim.testing.TwoAccountVenue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Keeps a still market's book changing: every 200 ms the taker rests a small bid under the book and
 * cancels it, so quote-server, which publishes a book when it changes, publishes one. Neither the OMS
 * nor market-maker asks quote-server for a book when it starts: a daemon (re)started on a still
 * market would have none until the next trade (the OMS refusing every request STALE_MARKET_DATA,
 * market-maker never ready). With this it has one within moments, as on a live market.
 */
final class MovingBook implements AutoCloseable
{
    private static final long INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(200);

    private final TwoAccountVenue venue;
    private final String bidPrice;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Throwable failure;

    /** @param bidPrice under the book's best bid, so the taker's bid changes no best price. */
    MovingBook(final TwoAccountVenue venue, final String bidPrice)
    {
        this.venue = venue;
        this.bidPrice = bidPrice;
        thread = new Thread(this::run, "moving-book");
        thread.setDaemon(true);
        thread.start();
    }

    private void run()
    {
        while (running)
        {
            try
            {
                final JsonNode bid = venue.takerOrder("BUY", "LIMIT", bidPrice, "0.0100");
                final JsonNode cancelled = venue.asTaker("DELETE", "/api/v3/order", "symbol=ETHUSDT&orderId=" + bid.get("orderId").asLong());
                if (!"CANCELED".equals(cancelled.path("status").asText()))
                {
                    throw new AssertionError("the taker's cancel answered " + cancelled);
                }
            }
            catch (final Throwable ex)
            {
                failure = ex;
                return;
            }
            // Pacing of the book's changes, not a wait for anything.
            LockSupport.parkNanos(INTERVAL_NS);
        }
    }

    /** Set if the taker's order or cancel failed: the book stopped moving. */
    Throwable failure()
    {
        return failure;
    }

    @Override
    public void close() throws InterruptedException
    {
        running = false;
        thread.join(15_000);
    }
}
