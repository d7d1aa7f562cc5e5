package io.mmfleet.quoteserver;

/** A venue connection opened or closed, handed to the event loop (rare, so allocated per event). */
record ConnectionEvent(int connectionId, Kind kind, String reason)
{
    enum Kind
    {
        OPENED, CLOSED
    }
}
