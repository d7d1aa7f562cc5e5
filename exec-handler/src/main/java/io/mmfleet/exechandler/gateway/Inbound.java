package io.mmfleet.exechandler.gateway;

import io.mmfleet.bus.http.BoundedHttpClient;

/** What the venue I/O threads hand the event loop: connection changes, text frames, REST outcomes. */
sealed interface Inbound
{
    record WsOpened(int connectionId) implements Inbound
    {
    }

    record WsClosed(int connectionId, String why) implements Inbound
    {
    }

    record WsText(int connectionId, String text, long receivedEpochNs) implements Inbound
    {
    }

    record RestDone(RestCall call, BoundedHttpClient.Outcome outcome, long receivedEpochMs) implements Inbound
    {
    }
}
