package io.mmfleet.exechandler.gateway;

import io.mmfleet.exechandler.venue.VenueError;

/** How a venue error reads in a log line or an unknown outcome's reason. */
final class VenueErrors
{
    private VenueErrors()
    {
    }

    /** " code N message", or "" when there is no error. */
    static String describe(final VenueError error)
    {
        return error == null ? "" : " code " + error.code() + " " + error.message();
    }
}
