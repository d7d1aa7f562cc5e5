package io.mmfleet.bus.runtime;

import io.mmfleet.bus.TopicView;
import org.slf4j.Logger;

import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;

/**
 * Logs each kind of malformed input once per process (the count is in the metrics), so a peer
 * spraying garbage cannot flood the journal.
 */
public final class MalformedLog
{
    private static final Set<String> SEEN = ConcurrentHashMap.newKeySet();

    private MalformedLog()
    {
    }

    public static void once(final Logger log, final String reason, final TopicView topic, final int length)
    {
        if (SEEN.add(reason))
        {
            log.warn("event=malformed_frame reason=\"{}\" topic={} length={} note=\"logged once per kind; see bus_malformed_frames_total\"",
                reason, topic, length);
        }
    }
}
