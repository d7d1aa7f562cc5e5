package io.mmfleet.bus;

/** Told when a subscriber finds messages of a stream missing. */
@FunctionalInterface
public interface GapListener
{
    /**
     * @param stream       the stream, already advanced past the gap.
     * @param fromSequence first missing sequence.
     * @param toSequence   last missing sequence (inclusive).
     */
    void onGap(StreamState stream, long fromSequence, long toSequence);

    GapListener NONE = (stream, from, to) -> {};
}
