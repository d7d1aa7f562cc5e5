package io.mmfleet.bus.runtime;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.IOException;
import java.io.OutputStream;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * A daemon's Prometheus metrics. Hot-path state stays in plain fields owned by the event loop; the
 * metrics here are callbacks that read those fields when scraped (a scrape may see a value a few
 * microseconds old, never a torn one: longs are written whole on 64-bit JVMs), or counters for rare
 * events (gaps, errors) that are incremented where they happen.
 */
public final class DaemonMetrics
{
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    public void counter(final String name, final String help, final LongSupplier value)
    {
        CounterWithCallback.builder()
            .name(name)
            .help(help)
            .callback(callback -> callback.call(value.getAsLong()))
            .register(registry);
    }

    public void gauge(final String name, final String help, final DoubleSupplier value)
    {
        GaugeWithCallback.builder()
            .name(name)
            .help(help)
            .callback(callback -> callback.call(value.getAsDouble()))
            .register(registry);
    }

    /** A gauge with labels whose values are listed at scrape time. */
    public void labelledGauge(final String name, final String help, final String[] labelNames, final java.util.function.Consumer<GaugeWithCallback.Callback> values)
    {
        GaugeWithCallback.builder()
            .name(name)
            .help(help)
            .labelNames(labelNames)
            .callback(values)
            .register(registry);
    }

    /** A counter for rare events, incremented by the caller (thread-safe). */
    public Counter eventCounter(final String name, final String help, final String... labelNames)
    {
        return Counter.builder().name(name).help(help).labelNames(labelNames).register(registry);
    }

    public String contentType()
    {
        return writer.getContentType();
    }

    public void writeTo(final OutputStream out) throws IOException
    {
        writer.write(out, registry.scrape());
    }

    public PrometheusRegistry registry()
    {
        return registry;
    }
}
