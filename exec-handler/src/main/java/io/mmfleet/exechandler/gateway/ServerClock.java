package io.mmfleet.exechandler.gateway;

/**
 * The venue's clock as an offset from ours, measured from the venue's time endpoint: the offset is
 * the server time minus the midpoint of the exchange, so a one-way delay splits evenly. Signed
 * requests are stamped with venue time, which keeps Binance's -1021 (timestamp outside the
 * receive window) from happening when the local clock drifts. A sample with a round trip longer
 * than any kept one is only taken when the kept one is old, so a slow answer cannot spoil a good
 * estimate.
 */
final class ServerClock
{
    /** A kept sample older than this is replaced by any new one. */
    private static final long SAMPLE_MAX_AGE_MS = 10 * 60_000L;

    private boolean synced;
    private long offsetMs;
    private long sampleRoundTripMs;
    private long sampleTakenMs;

    /** @return true if the sample was taken. */
    boolean onSample(final long sentEpochMs, final long receivedEpochMs, final long serverTimeMs)
    {
        final long roundTripMs = Math.max(0, receivedEpochMs - sentEpochMs);
        if (synced && roundTripMs > sampleRoundTripMs * 2 + 5 && receivedEpochMs - sampleTakenMs < SAMPLE_MAX_AGE_MS)
        {
            return false;
        }
        offsetMs = serverTimeMs - (sentEpochMs + roundTripMs / 2);
        sampleRoundTripMs = roundTripMs;
        sampleTakenMs = receivedEpochMs;
        synced = true;
        return true;
    }

    boolean isSynced()
    {
        return synced;
    }

    long venueTimeMs(final long localEpochMs)
    {
        return localEpochMs + offsetMs;
    }

    long offsetMs()
    {
        return offsetMs;
    }

    long roundTripMs()
    {
        return sampleRoundTripMs;
    }
}
