package io.mmfleet.exechandler.gateway;

import org.slf4j.Logger;

import java.util.HashSet;
import java.util.Set;

/**
 * Venue input that could not be understood: counted for the metrics scrape, and logged once per
 * kind, so a venue that keeps sending the same unreadable thing does not flood the journal.
 */
final class MalformedInput
{
    private final Logger log;
    private final Set<String> kindsLogged = new HashSet<>();
    // Written by the event loop only and read by the metrics scrape: volatile, no locks.
    private volatile long count;

    MalformedInput(final Logger log)
    {
        this.log = log;
    }

    void report(final String kind, final String detail)
    {
        count++;
        if (kindsLogged.add(kind))
        {
            log.warn("event=venue_malformed kind={} detail=\"{}\" note=\"logged once per kind; see exec_handler_malformed_messages\"", kind, detail);
        }
    }

    long count()
    {
        return count;
    }
}
