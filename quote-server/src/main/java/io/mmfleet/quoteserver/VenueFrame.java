package io.mmfleet.quoteserver;

/**
 * One text frame from a venue WebSocket on its way to the event loop. Pooled by {@link FrameQueue}:
 * the I/O thread fills a free one, the event loop reads it and gives it back.
 */
final class VenueFrame
{
    int connectionId;
    String text;
    /** Epoch ns when the frame arrived: the originNs of everything it causes on the bus. */
    long arrivalEpochNs;

    void clear()
    {
        text = null;
    }
}
