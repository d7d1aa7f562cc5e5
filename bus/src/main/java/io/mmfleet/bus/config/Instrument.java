package io.mmfleet.bus.config;

/**
 * One row of {@code [instruments]}: the fleet-wide name (BASE-QUOTE) and the small integer id
 * that travels in messages instead of it.
 */
public record Instrument(String name, int id)
{
}
