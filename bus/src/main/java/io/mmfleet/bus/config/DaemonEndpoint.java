package io.mmfleet.bus.config;

/**
 * Where a daemon can be reached: its bus source id, the endpoint its PUB socket binds (subscribers
 * connect to it) and its HTTP port for /health and /metrics.
 */
public record DaemonEndpoint(String name, int sourceId, String pubEndpoint, int httpPort)
{
}
