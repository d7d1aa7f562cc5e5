package io.mmfleet.bench;

/**
 * What one paced run over a hop did.
 *
 * @param targetRate    messages per second the sender was paced at.
 * @param sent          data messages sent.
 * @param received      data messages the receiver got.
 * @param knownLost     data messages the receiver knows it lost (bus sequence gaps); 0 on raw paths.
 * @param sendElapsedNs time from the first to the last send.
 */
record HopResult(String hop, long targetRate, long sent, long received, long knownLost, long sendElapsedNs)
{
    /** A sender below this share of its target rate could not keep up, so the run says nothing about loss above it. */
    static final double SENDER_BOUND_SHARE = 0.95;

    boolean noLoss()
    {
        return received == sent && knownLost == 0;
    }

    double achievedRate()
    {
        return sendElapsedNs <= 0 ? sent : sent * 1e9 / sendElapsedNs;
    }

    boolean senderBound()
    {
        return achievedRate() < SENDER_BOUND_SHARE * targetRate;
    }
}
